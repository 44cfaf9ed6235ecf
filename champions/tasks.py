"""Messages to champions are deleted after ``CHAMPION_MESSAGE_RETENTION_DAYS`` (90 by default).

``delete_old_messages`` deletes them; ``retention`` runs it and queues itself again a day
later (``RETENTION_INTERVAL``) when the task backend can hold a task until later;
``start_retention`` is the worker's start-up hook (cms.core.worker) that gets the cycle
going. ``manage.py delete_old_champion_messages`` runs it once (for cron, or by hand).
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from cms.core.tasks import schedule_once

from .contact import retention_days

RETENTION_INTERVAL = timedelta(days=1)


def _now(now):
    """Task arguments arrive as JSON, so ``now`` may be an ISO string."""
    if now is None:
        return timezone.now()
    if isinstance(now, datetime):
        return now
    parsed = parse_datetime(now)
    if parsed is None:
        raise ValueError(f"Not a date and time: {now!r}")
    return parsed


def retention_cutoff(now=None):
    """Messages created before this are deleted."""
    return _now(now) - timedelta(days=retention_days())


@task()
def delete_old_messages(now=None):
    """Delete every message (sent or held) older than the retention period; returns how many."""
    from .models import ContactMessage

    deleted, _ = ContactMessage.objects.filter(created_at__lt=retention_cutoff(now)).delete()
    return deleted


def schedule_retention(delay=None):
    """Queue a retention run (after ``delay``, or now) unless one is already waiting
    (``cms.core.tasks.schedule_once``)."""
    return schedule_once(retention, delay)


@task()
def retention():
    """Delete old messages, then come back in ``RETENTION_INTERVAL``."""
    try:
        deleted = delete_old_messages.call()
    finally:
        schedule_retention(RETENTION_INTERVAL)
    return deleted


def start_retention():
    """Worker start-up hook (cms.core.worker): make sure the daily deletion is running."""
    result = schedule_retention()
    if result is None:
        return "champion message retention already queued"
    return "champion message retention queued"
