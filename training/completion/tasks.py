"""Learning reminders, run by the worker once a day (see ``reminders.py`` for who gets what).

- ``send_refresher_reminders``: one email per completed cycle whose refresher falls due
  within 30 days, or is overdue;
- ``send_unfinished_nudges``: one email per person with a programme left unfinished, at
  most once a fortnight.

``daily_reminders`` runs both and queues itself again (``REMINDERS_INTERVAL``) when the
task backend can hold a task until later; ``start_reminders`` is the worker's start-up
hook that gets the cycle going (``cms.core.worker``), as ``training.booking.tasks`` does
for session housekeeping. Every email is claimed with a conditional UPDATE before it is
queued, so running the tasks again, or on two workers at once, sends nothing twice.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from cms.core.tasks import schedule_once

from . import reminders

REMINDERS_INTERVAL = timedelta(days=1)


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


@task()
def send_refresher_reminders(now=None):
    """Queue the "refresher due soon" emails that are due; returns how many."""
    return reminders.send_refresher_reminders(_now(now))


@task()
def send_unfinished_nudges(now=None):
    """Queue the unfinished-programme nudges that are due; returns how many."""
    return reminders.send_unfinished_nudges(_now(now))


def run_reminders(now=None):
    """Both jobs, once, in this process. Returns {job: count}."""
    now = _now(now)
    return {
        "refreshers": send_refresher_reminders.call(now=now),
        "nudges": send_unfinished_nudges.call(now=now),
    }


def schedule_reminders(delay=None):
    """Queue a reminders run (after ``delay``, or now) unless one is already waiting
    (``cms.core.tasks.schedule_once``)."""
    return schedule_once(daily_reminders, delay)


@task()
def daily_reminders():
    """Send the reminders that are due, then come back in ``REMINDERS_INTERVAL``."""
    try:
        done = run_reminders()
    finally:
        schedule_reminders(REMINDERS_INTERVAL)
    return done


def start_reminders():
    """Worker start-up hook (cms.core.worker): make sure the daily reminders are running."""
    result = schedule_reminders()
    if result is None:
        return "learning reminders already queued"
    return "learning reminders queued"
