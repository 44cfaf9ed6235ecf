"""Session housekeeping, run by the worker every few minutes.

- ``send_due_reminders``: one reminder per confirmed place, a few days before the session
  (``SESSION_REMINDER_DAYS``, 2 by default). Each booking is claimed with a conditional
  UPDATE before its email is queued, so two workers never both send it.
- ``release_places``: once a session's mix-release date has passed, unfilled places open to
  any agency, so the waiting list is offered them (``service.promote_waitlist``).
- ``erase_access_needs``: access needs are deleted once the session has ended.

``housekeeping`` runs all three and queues itself again (``HOUSEKEEPING_INTERVAL``) when the
task backend can hold a task until later; ``start_housekeeping`` is the worker's start-up
hook that gets the cycle going. ``manage.py session_housekeeping`` runs the three once.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from cms.core.tasks import schedule_once

from ..choices import BookingStatus, SessionStatus
from .notifications import Notice, notify

logger = logging.getLogger(__name__)

HOUSEKEEPING_INTERVAL = timedelta(minutes=15)


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


def reminder_days():
    return int(getattr(settings, "SESSION_REMINDER_DAYS", 2))


def due_reminders(now):
    """Confirmed places on scheduled sessions starting within the reminder window, not yet
    reminded. A place confirmed inside the window is left out: its confirmation email, sent
    moments before, already says everything a reminder would."""
    from ..models import Booking

    window = timedelta(days=reminder_days())
    return Booking.objects.filter(
        Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=F("session__starts_at") - window),
        status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        user__isnull=False,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + window,
    )


@task()
def send_due_reminders(now=None):
    """Queue the reminders that are due; returns how many."""
    from ..models import Booking

    now = _now(now)
    claimed = []
    for pk in due_reminders(now).values_list("pk", flat=True):
        # Claim it: only one of two workers running this at once updates the row.
        won = Booking.objects.filter(
            pk=pk, status=BookingStatus.CONFIRMED, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if won:
            claimed.append(pk)
    if claimed:
        notify(Notice.REMINDER, claimed)
    return len(claimed)


def sessions_to_release(now):
    """Scheduled sessions still to come whose places are open to any agency by now, with
    free places and someone on the waiting list."""
    from ..models import Session

    return Session.objects.filter(
        status=SessionStatus.SCHEDULED,
        starts_at__gt=now,
        mix_release_at__isnull=False,
        mix_release_at__lte=now,
        confirmed_count__lt=F("capacity"),
        bookings__status=BookingStatus.WAITLISTED,
    ).distinct()


@task()
def release_places(now=None):
    """Offer released places to the waiting list; returns how many people got one."""
    from .service import promote_waitlist

    now = _now(now)
    promoted = 0
    for session_id in sessions_to_release(now).values_list("pk", flat=True):
        try:
            promoted += len(promote_waitlist(session_id, now=now) or [])
        except Exception:  # one session's trouble must not hold up the others
            logger.exception("Could not offer the released places of session %s", session_id)
    return promoted


@task()
def erase_access_needs(now=None):
    """Delete the access needs of every booking on a session that has ended; returns how many."""
    from ..models import Booking

    now = _now(now)
    return Booking.objects.filter(session__ends_at__lt=now).exclude(access_needs="").update(access_needs="")


def run_housekeeping(now=None):
    """The three jobs, once, in this process. Returns {job: count}."""
    now = _now(now)
    return {
        "reminders": send_due_reminders.call(now=now),
        "promoted": release_places.call(now=now),
        "access_needs_erased": erase_access_needs.call(now=now),
    }


def schedule_housekeeping(delay=None):
    """Queue a housekeeping run (after ``delay``, or now) unless one is already waiting
    (``cms.core.tasks.schedule_once``)."""
    return schedule_once(housekeeping, delay)


@task()
def housekeeping():
    """Run the three jobs, then come back in ``HOUSEKEEPING_INTERVAL``."""
    try:
        done = run_housekeeping()
    finally:
        schedule_housekeeping(HOUSEKEEPING_INTERVAL)
    return done


def start_housekeeping():
    """Worker start-up hook (cms.core.worker): make sure housekeeping is running."""
    result = schedule_housekeeping()
    if result is None:
        return "session housekeeping already queued"
    return "session housekeeping queued"
