"""Django-free detector of identifying details in case-study text, and the Django app
``case_studies.anonymisation`` (label "anonymisation") that guards publishing with it.

    from case_studies.anonymisation import scan_text, scan_fields, Finding

The Django parts load lazily (this package must import without Django):

    from case_studies.anonymisation import clear_and_publish, scan_revision, PublishBlocked
"""

from .detector import KINDS, MESSAGES, Finding, normalise, scan_fields, scan_text

__all__ = ["Finding", "KINDS", "MESSAGES", "normalise", "scan_fields", "scan_text"]


_LAZY = {
    "clear_and_publish": "publishing",
    "PublishBlocked": "publishing",
    "AnonymisationGuardMixin": "publishing",
    "ensure_cleared": "publishing",
    "unresolved_findings": "publishing",
    "ensure_case_study_workflow": "workflow",
    "extract_page_text": "extract",
    "extract_revision_text": "extract",
    "scan_page": "extract",
    "scan_revision": "extract",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
