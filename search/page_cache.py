"""Rendered search results, reused while nothing they show has changed.

What the /search/ page shows below its search box is a function of the request's
search parameters and host, the state of the search index and what the database holds
about the pages, terms and promotions it lists. A cached body is kept under a key made
of all three:

* the parameters and host, hashed;
* ``backend.index_state(Page)``: the Whoosh index's generation and last commit, which
  change with every index update, in any process;
* :class:`~search.models.SearchContentVersion`'s token, replaced by :func:`bump` *inside
  the transaction* of every change to what results show (below), so another process
  reads the new token exactly when it can read the change.

Changes that replace the token: a page saved (except a save of only draft or lock
fields: ``UNSHOWN_PAGE_FIELDS``) or deleted -- publishing, unpublishing and moving all
save each page inside their transaction; a view restriction, site or search promotion
saved or deleted; any taxonomy or glossary row, or row of a model a registered type's
results read through ``select_related`` / ``prefetch_related`` (a scenario's video and
caption tracks), saved or deleted; and whatever a content type's own code says
(``bump()``: a session's title or venue, which its programme's snippet shows). Entries
expire after 5 minutes, for what only time changes (a session's start passing). A token
that can't be replaced stops the change (fail closed): the only exception is a database
without the table yet (during migrations), where nothing can be cached either.

And on every use, a cached body is checked against the database: if any page it links
to is no longer live and public (:func:`still_shown`, one query), it is computed afresh.
So a withdrawn or restricted page never shows from the cache, even when the change
committed before its token (a view restriction saved outside a transaction) or reached
the database without a signal.

Nothing is cached -- the page is computed afresh -- when the token can't be read, the
backend has no ``index_state`` (OpenSearch, which caches on its side) or the cache
fails. Bodies are rendered without the request (no context processors), so nothing
about the person viewing the page can be kept and shown to someone else. The cache is
the ``search_pages`` alias (local memory per process: keys carry every version, so
processes never need to share it).
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.backends import get_search_backend

from .models import SearchContentVersion

logger = logging.getLogger(__name__)

CACHE_ALIAS = "search_pages"
#: Changed whenever the cached entry's shape or the results templates change.
FORMAT = "1"
#: Apps every row of which may appear on a results page (names, facets, glossary box).
WATCHED_APPS = ("taxonomy", "glossary")


@dataclass(frozen=True)
class CachedPage:
    """What a results request needs besides the site's layout."""

    body: str  # HTML of everything below the site header
    title: str  # the document title
    search_query: str  # the query searched (the correction, when one was shown)
    log: tuple | None  # (typed query, result count, log if zero) for page 1 of a search
    page_ids: tuple = ()  # every page it links to (results, promotions): checked on each use


def watched_models():
    """Model classes whose saves and deletes change what results show."""
    from django.apps import apps

    models = [Page, PageViewRestriction, Site]
    try:
        from wagtail.contrib.search_promotions.models import SearchPromotion

        models.append(SearchPromotion)
    except ImportError:  # pragma: no cover - the contrib app is installed
        pass
    for label in WATCHED_APPS:
        models.extend(apps.get_app_config(label).get_models())
    models.extend(related_models_shown())
    return tuple(dict.fromkeys(models))


def related_models_shown():
    """Models a registered type's results read through ``select_related`` /
    ``prefetch_related`` (a scenario's video and caption tracks, for its transcript snippet)."""
    from .registry import registry

    models = []
    for search_type in registry.types():
        for path in [*(search_type.select_related or ()), *(search_type.prefetch_related or ())]:
            model = search_type.model
            for name in path.split("__"):
                model = model._meta.get_field(name).related_model
                models.append(model)
    return models


def bump(**_kwargs):
    """Replace the token, in the caller's transaction."""
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            if not SearchContentVersion.objects.filter(pk=1).update(token=token):
                SearchContentVersion.objects.create(pk=1, token=token)
    except DatabaseError:
        if SearchContentVersion._meta.db_table in connection.introspection.table_names():
            raise  # the change must not commit with cached results still showing it as it was
        logger.debug("No search content version table yet (migrating): nothing is cached")


#: Page fields no results page reads: a save of only these (a draft saved, a page locked)
#: leaves the token alone, so editors' drafts neither wait on its row nor empty the cache.
UNSHOWN_PAGE_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
        "wagtail_admin_comments",
    }
)


def shows_change(sender, update_fields):
    """False for a page save that only touched fields results never read."""
    if update_fields is None or not issubclass(sender, Page):
        return True
    return not set(update_fields) <= UNSHOWN_PAGE_FIELDS


def connect_signals():
    """Bump on every change to what results show (from ``SearchConfig.ready``, after the
    content apps have registered their types). Saves are heard from every model and
    filtered; deletes only from the watched models, so the others keep Django's fast
    delete (which any ``post_delete`` listener for a model turns off)."""
    from django.apps import apps

    watched = watched_models()  # the content apps come before search in INSTALLED_APPS

    def on_save(sender, update_fields=None, **kwargs):
        if issubclass(sender, watched) and shows_change(sender, update_fields):
            bump()

    def on_delete(sender, **kwargs):
        bump()

    post_save.connect(on_save, weak=False, dispatch_uid="search_page_cache_save")
    for model in apps.get_models():
        if issubclass(model, watched):
            uid = f"search_page_cache_delete_{model._meta.label}"
            post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=uid)


def still_shown(page_ids):
    """Whether every page a cached body lists is still live and public: checked on each
    use, so a withdrawn page never shows from the cache even if a change reached the
    database without a signal (a queryset update, a raw query)."""
    ids = set(page_ids)
    if not ids:
        return True
    try:
        return Page.objects.live().public().filter(pk__in=ids).count() == len(ids)
    except DatabaseError:
        logger.exception("Could not check cached search results: computing them afresh")
        return False


def current_token():
    try:
        return SearchContentVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    except DatabaseError:
        logger.exception("Could not read the search content version: results are not cached")
        return None


def cache_key(request):
    """The key of this request's results body, or None when it can't be cached."""
    backend = get_search_backend()
    if not hasattr(backend, "index_state"):
        return None
    token = current_token()
    if not token:
        return None
    try:
        index_state = backend.index_state(Page)
    except Exception:  # pragma: no cover - an index that can't be read is searched afresh
        logger.exception("Could not read the search index state: results are not cached")
        return None
    parameters = sorted((name, values) for name, values in request.GET.lists())
    digest = hashlib.sha256(repr((request.get_host(), parameters)).encode()).hexdigest()
    return f"search-page:{FORMAT}:{token}:{index_state}:{digest}"


def get(key):
    if key is None:
        return None
    try:
        return caches[CACHE_ALIAS].get(key)
    except Exception:  # pragma: no cover - a cache that fails means computing afresh
        logger.exception("Search page cache read failed")
        return None


def put(key, cached_page):
    if key is None:
        return
    try:
        caches[CACHE_ALIAS].set(key, cached_page)
    except Exception:  # pragma: no cover
        logger.exception("Search page cache write failed")
