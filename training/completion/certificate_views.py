"""Placeholder: built by the certificates work (see __init__.py)."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


verify_form = verify = download = _todo
