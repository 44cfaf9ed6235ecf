"""How a page model says "check me before I am published", and what the check skips.

    class ChampionProfilePage(AnonymisationGuarded, Page):
        anonymisation_exempt_fields = ("display_name",)

Being guarded means: a revision of the page is published only with an anonymisation
clearance (``publishing.py``), whatever path publishes it. The exempt fields are the few
places where a real name is published with consent (a champion's own name on their
profile, the named author of a reflection quote); nothing else is ever exempt.

An exempt field is named by its path: a model field (``display_name``), a field of an
inline child (``related_items.caption``), or a block inside a StreamField, by block
names without positions (``body.reflection.author``).
"""

from __future__ import annotations

from django.apps import apps


class AnonymisationGuarded:
    """Put first in a page model's bases. The only way to declare a model guarded."""

    anonymisation_exempt_fields: tuple[str, ...] = ()


def is_guarded(model_or_obj) -> bool:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return issubclass(model, AnonymisationGuarded)


def guarded_models() -> list[type]:
    return [model for model in apps.get_models() if is_guarded(model)]


def exempt_fields(model_or_obj) -> frozenset[str]:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return frozenset(getattr(model, "anonymisation_exempt_fields", ()))
