"""Deferring search-index updates during a bulk job, for that job only.

modelsearch indexes every save of an indexed model: its ``post_save`` handler enqueues
``insert_or_update_object_task`` for the object. A bulk job that saves thousands of
objects (the case study import saves each page twice) would rewrite the index for every
save. Inside ``with deferred_index_updates():`` the saves made **in the current thread /
async context** are collected instead, and indexed in bulk when the block ends (even if
it ends with an exception)::

    with deferred_index_updates():
        for row in rows:
            save_a_page(row)
    # every page saved above is now in the index

Nothing is disconnected: requests, workers and other threads in the same process keep
being indexed on save while the block runs. :func:`install` (called by
``SearchConfig.ready()``) wraps modelsearch's task once so it can tell the two apart.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps

logger = logging.getLogger(__name__)

_pending: ContextVar = ContextVar("deferred_index_updates", default=None)


class DeferrableIndexTask:
    """Stands in for modelsearch's insert-or-update task: enqueues it as usual, unless the
    current context is inside :func:`deferred_index_updates`. Everything else (``queue_name``,
    ``using()``...) is the wrapped task's."""

    def __init__(self, task):
        self.task = task

    def enqueue(self, app_label, model_name, pk):
        pending = _pending.get()
        if pending is not None:
            pending.add((app_label, model_name, str(pk)))
            return None
        return self.task.enqueue(app_label, model_name, pk)

    def __getattr__(self, name):
        return getattr(self.task, name)


def install():
    """Wrap modelsearch's post_save task (idempotent)."""
    from modelsearch import signal_handlers

    current = getattr(signal_handlers, "insert_or_update_object_task", None)
    if current is not None and not isinstance(current, DeferrableIndexTask):
        signal_handlers.insert_or_update_object_task = DeferrableIndexTask(current)


@contextmanager
def deferred_index_updates(chunk_size=200):
    """Collect index updates for saves in this context; index them in bulk at the end.

    Yields the set of pending ``(app_label, model_name, pk)``. Nested blocks join the
    outermost one, which does the indexing. If indexing fails the objects stay saved but
    unindexed (logged): ``manage.py update_index`` repairs that.
    """
    if _pending.get() is not None:
        yield _pending.get()
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)
        try:
            index_objects(pending, chunk_size=chunk_size)
        except Exception:
            logger.exception("%d saved object(s) not indexed; run manage.py update_index", len(pending))


def index_objects(keys, chunk_size=200):
    """Add or update objects, given as ``(app_label, model_name, pk)``, in every search backend
    that updates automatically, in bulk. Objects that no longer exist (or are not indexed,
    e.g. an aliased page) are skipped."""
    from modelsearch.backends import get_search_backends

    backends = list(get_search_backends(with_auto_update=True))
    if not backends:
        return
    by_model = defaultdict(list)
    for app_label, model_name, pk in keys:
        by_model[(app_label, model_name)].append(pk)
    for (app_label, model_name), pks in by_model.items():
        model = apps.get_model(app_label, model_name)
        pks = sorted(pks)
        for start in range(0, len(pks), chunk_size):
            objects = model.get_indexed_objects().filter(pk__in=pks[start : start + chunk_size])
            by_class = defaultdict(list)
            for obj in objects:
                obj = obj.get_indexed_instance()
                if obj is not None:
                    by_class[type(obj)].append(obj)
            for cls, batch in by_class.items():
                for backend in backends:
                    backend.add_bulk(cls, batch)
