"""Placeholder: built by the confidence-check work (see __init__.py)."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


questionnaire = _todo
