"""What the service holds about one person: for "download my data" and deletion.

Each app that stores personal data registers an exporter (and, if it must keep
anonymised figures after deletion, an anonymiser) here, so the export is complete
by construction as apps are added.

Each link from a model to the user model is also declared, with
``register_personal_data`` (exported and erased) or ``declare_not_personal`` (the
allow-list: kept without the person), so a test can check that no link is forgotten
(cms/users/tests/test_personal_data_coverage.py).
"""

from dataclasses import dataclass

from django.db import transaction

_exporters = {}
_anonymisers = []
_coverage = {}  # ("app_label.modelname", user field name) -> Coverage

CASCADE = "cascade"  # erase: the rows go with the user (on_delete=CASCADE)


@dataclass(frozen=True)
class Coverage:
    export: str | None  # exporter section holding the rows; None on the allow-list
    erase: object  # CASCADE, or an anonymiser registered with register_anonymiser; None on the allow-list
    reason: str = ""  # allow-list only: why nothing personal is kept


def _model_label(model):
    label = model if isinstance(model, str) else model._meta.label
    return label.lower()


def register_personal_data(model, *, export, erase=CASCADE, user_fields=("user",)):
    """Declare that `model`'s rows linked to a person through `user_fields` are in the
    export under section `export` and are erased on deletion: `erase=CASCADE` when the
    foreign key is on_delete=CASCADE, else the anonymiser that detaches or removes them.

    `model` is a model class or "app_label.ModelName" (so an app may declare it from
    `AppConfig.ready()` without importing another app's models).
    """
    for field in user_fields:
        _coverage[(_model_label(model), field)] = Coverage(export=export, erase=erase)


def declare_not_personal(model, *, user_fields, reason):
    """The allow-list: links to a person that are neither exported nor erased because
    the foreign key is on_delete=SET_NULL and the row keeps nothing personal once the
    account goes (e.g. an editorial audit trail). `reason` says so, for review."""
    if not reason.strip():
        raise ValueError("Say why the rows keep nothing personal.")
    for field in user_fields:
        _coverage[(_model_label(model), field)] = Coverage(export=None, erase=None, reason=reason)


def coverage_of(model, field_name):
    """How the link `model.field_name` to a person is covered, or None if undeclared."""
    return _coverage.get((_model_label(model), field_name))


def register_exporter(section):
    """Decorator: `fn(user) -> JSON-serialisable` is exported under `section`."""

    def decorator(fn):
        _exporters[section] = fn
        return fn

    return decorator


def register_anonymiser(fn):
    """Decorator: `fn(user)` runs before the account is deleted, to detach records
    the law or reporting needs to keep (e.g. attendance counts) from the person."""
    _anonymisers.append(fn)
    return fn


@register_exporter("account")
def export_account(user):
    return {
        "email": user.email,
        "display_name": user.display_name,
        "agency": user.agency.slug if user.agency else None,
        "job_title": user.job_title,
        "area": user.area.name if user.area else None,
        "roles": user.role_names,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
    }


def export_user_data(user):
    return {section: fn(user) for section, fn in sorted(_exporters.items())}


def delete_user(user):
    with transaction.atomic():  # never half-anonymised: all of it or none
        for anonymise in _anonymisers:
            anonymise(user)
        user.delete()
