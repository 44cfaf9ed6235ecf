"""Start-up hooks for the background worker: work a previous worker left unfinished.

A task killed with its worker (a deploy, a crash, Ctrl+C twice) is not run again by
django-tasks' database backend, so an app whose tasks keep their own state registers a
hook here (from its AppConfig.ready) that puts that work back in the queue. The
``db_worker`` command (cms/core/management/commands/db_worker.py) runs every hook before
it starts taking tasks. Names are unique: registering a second function under a name
already taken is refused, so two apps cannot silently replace each other's hook.
"""

import logging

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

_hooks = {}


def register_startup_hook(name, function):
    """Run ``function()`` when a worker starts. Registering the same function again under
    the same name does nothing (an AppConfig.ready run twice); another one is refused."""
    existing = _hooks.get(name)
    if existing is not None and existing is not function:
        raise ImproperlyConfigured(f"A worker start-up hook named {name!r} is already registered.")
    _hooks[name] = function
    return function


def startup_hooks():
    return dict(_hooks)


def run_startup_hooks():
    """Run every hook in the order registered; one failing is logged and does not stop the
    others or the worker. Returns {name: result or the exception}."""
    results = {}
    for name, function in list(_hooks.items()):
        try:
            results[name] = function()
        except Exception as error:
            logger.exception("Worker start-up hook %s failed", name)
            results[name] = error
    return results
