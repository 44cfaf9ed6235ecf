"""Background tasks shared by every app."""

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import TaskResultStatus, task


@task()
def send_email(subject, body, to, html_body=None, from_email=None, headers=None, attachments=None):
    """Send one email from the worker, so a slow mail server never slows a page.

    ``attachments``: (filename, content, mimetype) triples, content as text (task arguments
    are stored as JSON); the mimetype may carry parameters, e.g. "text/calendar; method=REQUEST",
    which is how mail programs recognise a calendar invitation.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=list(to), headers=headers or None
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()


def _already_waiting(task_obj, backend):
    """Is a run of `task_obj` already queued? None when the backend cannot tell."""
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return None
    if not isinstance(backend, DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(
        task_path=task_obj.module_path, backend_name=backend.alias, status=TaskResultStatus.READY
    ).exists()


def schedule_once(task_obj, delay=None):
    """Queue a run of `task_obj` (after ``delay``, or now) unless one is already waiting: how
    a periodic job (a task that ends by scheduling itself again) keeps exactly one run ahead.
    Returns the TaskResult, or None when nothing was queued.

    A run can only be put off on a backend that holds tasks until later (the database one);
    elsewhere a delayed run is not queued at all (the immediate backend would run it at once,
    and again from there, for ever).
    """
    backend = task_obj.get_backend()
    if _already_waiting(task_obj, backend):
        return None
    if delay is None:
        return task_obj.enqueue()
    if not backend.supports_defer:
        return None
    return task_obj.using(run_after=timezone.now() + delay).enqueue()
