"""Programmes with modules, and learning events, for the completion-tracking tests.

``make_programme_with_modules`` builds a live programme whose modules are, in order,
each given scenario, each given case study (pages made by the caller with
``training.tests.factories.make_scenario`` and ``case_studies.tests.factories.make_case_study``;
only tests may import another app), an in-person session module (format co-located)
and a shadowing placement. Every module is required unless listed in ``optional``
(by position, from 0).
"""

from django.utils import timezone

from cms.learning_record.api import Verb, record_event
from training.choices import SessionFormat

from .session_factories import make_programme


def make_programme_with_modules(
    title=None, *, scenarios=(), case_studies=(), session=True, shadowing=True, optional=(), **fields
):
    modules = []
    for scenario in scenarios:
        modules.append(("scenario", {"page": scenario, "note": "", "required": True}))
    for case_study in case_studies:
        modules.append(("case_study", {"page": case_study, "note": "", "required": True}))
    if session:
        modules.append(
            (
                "session",
                {
                    "format": SessionFormat.CO_LOCATED,
                    "title": "Joint induction day",
                    "description": "",
                    "required": True,
                },
            )
        )
    if shadowing:
        modules.append(
            (
                "shadowing",
                {"host_agency": "health", "length": 2, "unit": "days", "description": "", "required": True},
            )
        )
    for position in optional:
        modules[position][1]["required"] = False
    programme = make_programme(title, **fields)
    programme.modules = modules
    programme.save()
    programme.save_revision().publish()
    programme.refresh_from_db()
    return programme


def record(user, verb, obj, *, at=None, **data):
    """A learning event through the seam, as the feature apps record it."""
    return record_event(user, Verb(verb), obj, data=data or None, occurred_at=at or timezone.now())
