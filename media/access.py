"""Who may fetch a video's files: the rule behind every response in ``serving.py``.

A video becomes visible by being used on a page that is live: its files are public
when a live page anyone can see uses it, and otherwise only for people who manage
videos in the admin (or, for a page with view restrictions, people that page lets in).
So an uploaded video, or one used only by a draft, never leaks through a guessed URL.

"Used by a page" is found without importing any page app (media is the shared asset
library; training imports media, never the reverse), in two ways:

* any ForeignKey from a page model to Video (``ScenarioPage.video``), read from the page
  row itself, which for a live page holds its live content: exact and never stale;
* Wagtail's ReferenceIndex, for references inside StreamFields or rich text. It is
  updated by a background task after each save, so it can lag the page by a moment.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from wagtailmedia import get_permission_policy

PUBLIC = "public"
PRIVATE = "private"


def pages_using(video) -> set[int]:
    """Ids of pages (live or not) that refer to the video."""
    ids: set[int] = set()
    for relation in type(video)._meta.related_objects:
        model = relation.related_model
        if relation.one_to_many and isinstance(model, type) and issubclass(model, Page):
            ids.update(model.objects.filter(**{relation.field.name: video}).values_list("pk", flat=True))
    page_type = ContentType.objects.get_for_model(Page)
    for object_id in (
        ReferenceIndex.get_references_to(video)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    ):
        if object_id.isdigit():
            ids.add(int(object_id))
    return ids


def is_public(video, ids: set[int] | None = None) -> bool:
    """Used by at least one live page with no view restriction on it or above it."""
    ids = pages_using(video) if ids is None else ids
    return bool(ids) and Page.objects.live().public().filter(pk__in=ids).exists()


def can_manage(user, video) -> bool:
    """May change (or choose) this video in the admin: they see it there anyway."""
    if user is None or not user.is_authenticated:
        return False
    return get_permission_policy().user_has_any_permission_for_instance(user, ["change", "choose"], video)


def _restricted_page_lets_in(ids: set[int], request) -> bool:
    """A live page among ``ids`` whose view restrictions (login, groups, password) all
    accept this request: whoever may see the page may see its video."""
    for page in Page.objects.live().filter(pk__in=ids):
        if all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            return True
    return False


def audience(video, user, request=None) -> str | None:
    """``PUBLIC`` (anyone, cacheable by shared caches), ``PRIVATE`` (this user only) or
    ``None`` (not visible: callers answer 404, so drafts do not leak)."""
    ids = pages_using(video)
    if is_public(video, ids):
        return PUBLIC
    if can_manage(user, video):
        return PRIVATE
    if ids and request is not None and _restricted_page_lets_in(ids, request):
        return PRIVATE
    return None
