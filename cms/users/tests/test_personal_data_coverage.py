"""Every link from one of our models to a person is in "download my data" and is erased
with the account, or is on the registry's allow-list with a reason.

Declare a link in the app's ``AppConfig.ready()`` with
``cms.users.personal_data.register_personal_data`` or ``declare_not_personal``.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from wagtail.models import Revision

from cms.learning_record.models import LearningEvent
from cms.users import personal_data
from cms.users.personal_data import CASCADE, Coverage, coverage_of

# Our own code; Django, Wagtail, allauth, taggit and other libraries are not checked.
PROJECT_PACKAGES = {"cms", "case_studies", "training", "champions", "media", "search"}


def user_links():
    """(model, field) for every FK, one-to-one and many-to-many from our models to the user model."""
    user_model = get_user_model()
    links = []
    for model in apps.get_models():
        if model._meta.proxy or model._meta.app_config.name.split(".")[0] not in PROJECT_PACKAGES:
            continue
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
            if (
                isinstance(field, models.ForeignKey | models.ManyToManyField)
                and field.related_model is user_model
            ):
                links.append((model, field))
    return links


def coverage_problem(field, coverage):
    """Why `coverage` does not cover `field`, or None if it does."""
    if coverage is None:
        return (
            "not declared: add register_personal_data(...) or declare_not_personal(...) "
            "to its app's AppConfig.ready()"
        )
    many_to_many = isinstance(field, models.ManyToManyField)
    on_delete = None if many_to_many else field.remote_field.on_delete
    if coverage.export is None:  # the allow-list
        if not coverage.reason.strip():
            return "on the allow-list without a reason"
        if on_delete is not models.SET_NULL:
            return "on the allow-list, but deleting the user would not detach it: use on_delete=SET_NULL"
        return None
    if coverage.export not in personal_data._exporters:
        return f"exported under section {coverage.export!r}, but no exporter is registered for it"
    if coverage.erase == CASCADE:
        if not many_to_many and on_delete is not models.CASCADE:
            return "erase=CASCADE, but the foreign key is not on_delete=CASCADE"
    elif coverage.erase not in personal_data._anonymisers:
        return f"erased by {coverage.erase!r}, which is not a registered anonymiser"
    return None


LINKS = user_links()


def test_the_walk_finds_links():
    assert (LearningEvent, LearningEvent._meta.get_field("user")) in LINKS


@pytest.mark.parametrize("model, field", LINKS, ids=[f"{m._meta.label}.{f.name}" for m, f in LINKS])
def test_every_link_to_a_person_is_exported_and_erased(model, field):
    problem = coverage_problem(field, coverage_of(model, field.name))
    assert problem is None, f"{model._meta.label}.{field.name} -> user: {problem}"


def test_every_declaration_names_a_real_link():
    links = {(model._meta.label_lower, field.name) for model, field in LINKS}
    assert set(personal_data._coverage) <= links


def test_the_checker_refuses_what_it_should():
    cascade = LearningEvent._meta.get_field("user")
    set_null = Revision._meta.get_field("user")
    allow = Coverage(export=None, erase=None, reason="audit trail")
    assert coverage_problem(set_null, allow) is None
    assert "SET_NULL" in coverage_problem(cascade, allow)
    assert "reason" in coverage_problem(set_null, Coverage(export=None, erase=None, reason=" "))
    assert "no exporter" in coverage_problem(cascade, Coverage(export="nowhere", erase=CASCADE))
    assert "not on_delete=CASCADE" in coverage_problem(set_null, Coverage(export="account", erase=CASCADE))
    assert "anonymiser" in coverage_problem(set_null, Coverage(export="account", erase=print))
    assert "not declared" in coverage_problem(cascade, None)


def test_declare_not_personal_needs_a_reason():
    with pytest.raises(ValueError):
        personal_data.declare_not_personal(
            "anonymisation.FindingDismissal", user_fields=["dismissed_by"], reason=""
        )


def test_the_anonymisation_declaration_covers_its_links(monkeypatch):
    """The declaration the anonymisation app is to make (see its AppConfig.ready())."""
    monkeypatch.setattr(personal_data, "_coverage", {})
    personal_data.declare_not_personal(
        "anonymisation.FindingDismissal",
        user_fields=["dismissed_by"],
        reason="Editorial audit of a dismissed finding; SET_NULL keeps nothing personal after deletion.",
    )
    personal_data.declare_not_personal(
        "anonymisation.AnonymisationClearance",
        user_fields=["attested_by"],
        reason="Editorial audit of an attestation; SET_NULL keeps nothing personal after deletion.",
    )
    anonymisation = [(m, f) for m, f in LINKS if m._meta.app_label == "anonymisation"]
    assert {f.name for _, f in anonymisation} == {"dismissed_by", "attested_by"}
    for model, field in anonymisation:
        assert coverage_problem(field, coverage_of(model, field.name)) is None
