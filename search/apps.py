from django.apps import AppConfig

SEARCH_QUEUE = "search"


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = "Search"

    def ready(self):
        from django.core import checks

        from . import indexing, page_cache
        from .checks import check_search_registrations

        route_index_updates_to_search_queue()
        indexing.install()  # after the routing, which replaces the task it wraps
        checks.register(check_search_registrations, "search")
        page_cache.connect_signals()


def route_index_updates_to_search_queue():
    """Send modelsearch's "update this object in the index" tasks to the ``search`` queue.

    modelsearch already turns every post_save of an indexed model (publish, unpublish,
    move ...) into a django-tasks task (``modelsearch.tasks.insert_or_update_object_task``);
    its decorator puts it on the ``default`` queue. Routing it to ``search`` lets a
    deployment run a dedicated worker for index writes (``db_worker --queue-name search``)
    so they never wait behind slow media jobs. Deletes stay synchronous (modelsearch
    removes the document in the request; the object is gone by the time a worker would
    run). If the configured task backend has no ``search`` queue, nothing changes.

    Concurrent writers (web processes, workers, ``update_index``) are safe with Whoosh:
    the backend waits for Whoosh's index lock and, failing that, keeps retrying in the
    background, and a rebuild swaps in a new generation atomically.
    """
    try:
        from django_tasks import default_task_backend
        from modelsearch import signal_handlers, tasks
    except ImportError:  # pragma: no cover
        return
    task = getattr(tasks, "insert_or_update_object_task", None)
    if task is None or not hasattr(signal_handlers, "insert_or_update_object_task"):
        return  # pragma: no cover - modelsearch changed; keep its default behaviour
    try:
        queues = default_task_backend.queues
    except Exception:  # pragma: no cover - misconfigured TASKS: leave it alone
        return
    if queues and SEARCH_QUEUE not in queues:
        return
    signal_handlers.insert_or_update_object_task = task.using(queue_name=SEARCH_QUEUE)
