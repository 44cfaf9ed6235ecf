"""What people are told about their bookings, by email from the worker.

The booking service calls ``notify(notice, booking_ids, message="")`` after its transaction
commits (``transaction.on_commit``). For each booking whose person still has an account,
``notify`` renders the email now (subject, plain text and HTML from
``training/templates/training/emails/<notice>.txt|.html``) and queues it with
``cms.core.tasks.send_email``, so a slow mail server never slows a page.

Where the notice changes a calendar entry the email carries a calendar file
(``training.booking.calendar``): ``METHOD:REQUEST`` for a confirmed place, a place offered
from the waiting list, and a changed session (people with a place); ``METHOD:CANCEL`` for a
cancelled booking or session. Waiting-list emails, reminders and trainers' messages carry
none: the reminder links to the calendar download instead, so a calendar is never asked
to process the same invitation twice.

A notice that no longer fits the booking by the time it is sent (a "your place is
confirmed" for a booking cancelled meanwhile) is dropped: the later change sends its own.
Access needs never appear in any email.
"""

from zoneinfo import ZoneInfo

from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..choices import BookingStatus, SessionStatus
from . import calendar

LONDON = ZoneInfo("Europe/London")
TEMPLATE_DIR = "training/emails"

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Notice(models.TextChoices):
    CONFIRMED = "confirmed", "Place confirmed"  # booked, or a colleague's place given to them
    WAITLISTED = "waitlisted", "On the waiting list"
    OFFERED = "offered", "Offered a place from the waiting list"  # promoted automatically
    CANCELLED = "cancelled", "Booking cancelled"  # by the person, or given to a colleague
    SESSION_CHANGED = "session-changed", "Session changed"
    SESSION_CANCELLED = "session-cancelled", "Session cancelled"
    REMINDER = "reminder", "Reminder"
    MESSAGE = "message", "Message from the trainer"


# The booking statuses each notice can still be true for when it is sent (None: any).
_FITS = {
    Notice.CONFIRMED: {BookingStatus.CONFIRMED},
    Notice.OFFERED: {BookingStatus.CONFIRMED},
    Notice.REMINDER: {BookingStatus.CONFIRMED},
    Notice.WAITLISTED: {BookingStatus.WAITLISTED},
    Notice.CANCELLED: {BookingStatus.CANCELLED},
    Notice.SESSION_CHANGED: {BookingStatus.CONFIRMED, BookingStatus.WAITLISTED},
    Notice.SESSION_CANCELLED: None,
    Notice.MESSAGE: None,
}


# --- Dates and times as GOV.UK writes them: "Tuesday 3 March 2027, 9:30am to 12:30pm" ---


def london(moment):
    return timezone.localtime(moment, LONDON)


def format_date(moment, *, weekday=True):
    day = london(moment)
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_DAYS[day.weekday()]} {text}" if weekday else text


def format_time(moment):
    time = london(moment)
    if time.minute == 0 and time.hour == 12:
        return "midday"
    if time.minute == 0 and time.hour == 0:
        return "midnight"
    hour = time.hour % 12 or 12
    suffix = "am" if time.hour < 12 else "pm"
    return f"{hour}{suffix}" if time.minute == 0 else f"{hour}:{time.minute:02d}{suffix}"


def format_when(starts_at, ends_at):
    """The session's date and times in UK time, on one line."""
    if london(starts_at).date() == london(ends_at).date():
        return f"{format_date(starts_at)}, {format_time(starts_at)} to {format_time(ends_at)}"
    start = f"{format_date(starts_at)}, {format_time(starts_at)}"
    return f"{start} to {format_date(ends_at)}, {format_time(ends_at)}"


def format_moment(moment):
    """A deadline: "9:30am on Tuesday 3 March 2027"."""
    return f"{format_time(moment)} on {format_date(moment)}"


# --- The emails ---


def _subject(notice, session):
    title = " ".join(session.title.split())  # no line breaks in a header
    date = format_date(session.starts_at, weekday=False)
    subjects = {
        Notice.CONFIRMED: f"Your place is confirmed: {title}, {date}",
        Notice.WAITLISTED: f"You're on the waiting list: {title}, {date}",
        Notice.OFFERED: f"A place has come up for you: {title}, {date}",
        Notice.CANCELLED: f"Your booking is cancelled: {title}, {date}",
        Notice.SESSION_CHANGED: f"Session details have changed: {title}",
        Notice.SESSION_CANCELLED: f"Session cancelled: {title}, {date}",
        Notice.REMINDER: f"Reminder: {title}, {format_date(session.starts_at)}",
        Notice.MESSAGE: f"Message from the trainer: {title}",
    }
    return subjects[notice]


def _calendar_method(notice, booking):
    if notice in (Notice.CONFIRMED, Notice.OFFERED):
        return calendar.REQUEST
    if notice == Notice.SESSION_CHANGED and booking.status == BookingStatus.CONFIRMED:
        return calendar.REQUEST
    if notice in (Notice.CANCELLED, Notice.SESSION_CANCELLED):
        return calendar.CANCEL
    return None


def fits(notice, booking):
    """Is the notice still true of the booking (and its session)?"""
    statuses = _FITS[notice]
    if statuses is not None and booking.status not in statuses:
        return False
    cancelled = booking.session.status == SessionStatus.CANCELLED
    if notice == Notice.SESSION_CANCELLED:
        return cancelled
    return notice == Notice.MESSAGE or not cancelled


def context_for(notice, booking, *, message="", now=None):
    """What the templates are given: facts about the session, never the access needs."""
    session = booking.session
    venue = session.venue
    now = now or timezone.now()
    can_cancel = booking.status == BookingStatus.CONFIRMED and now < session.cancellation_cutoff_at
    return {
        "notice": notice,
        "service_name": calendar.service_name(),
        "site_url": calendar.site_url(),
        "name": booking.user.get_full_name(),
        "title": session.title,
        "format": session.get_format_display(),
        "when": format_when(session.starts_at, session.ends_at),
        "facilitator": session.facilitator,
        "venue_name": venue.name,
        "venue_address": venue.address.strip(),
        "venue_accessibility": venue.accessibility.strip(),
        # The service passes the trainer's reason as the message too; the session keeps it.
        "cancellation_reason": (
            (message or session.cancellation_reason).strip() if notice == Notice.SESSION_CANCELLED else ""
        ),
        "message": message.strip() if notice == Notice.MESSAGE else "",
        "is_confirmed": booking.status == BookingStatus.CONFIRMED,
        "is_waitlisted": booking.status == BookingStatus.WAITLISTED,
        "can_cancel": can_cancel,
        "cancel_by": format_moment(session.cancellation_cutoff_at),
        "session_url": calendar.absolute_url(session.get_absolute_url()),
        "my_bookings_url": calendar.absolute_url(reverse("sessions:mine")),
        "sessions_url": calendar.absolute_url(reverse("sessions:list")),
        "calendar_url": calendar.absolute_url(reverse("sessions:calendar", args=[session.pk])),
    }


def _tidy(text):
    """Plain text as templates leave it, without trailing spaces or runs of blank lines."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def render_email(notice, booking, *, message="", now=None):
    """The email for one booking as keyword arguments for ``send_email``."""
    notice = Notice(notice)
    context = context_for(notice, booking, message=message, now=now)
    method = _calendar_method(notice, booking)
    context["has_calendar_file"] = method is not None
    context["subject"] = _subject(notice, booking.session)
    email = {
        "subject": context["subject"],
        "body": _tidy(render_to_string(f"{TEMPLATE_DIR}/{notice.value}.txt", context)),
        "html_body": render_to_string(f"{TEMPLATE_DIR}/{notice.value}.html", context),
        "to": [booking.user.email],
    }
    if method is not None:
        content = calendar.invitation(booking.session, booking, method, now=now).decode("utf-8")
        filename = f"session-{booking.session.pk}.ics"
        email["attachments"] = [(filename, content, calendar.ATTACHMENT_MIMETYPE.format(method=method))]
    return email


def bookings_to_tell(booking_ids):
    from ..models import Booking

    return (
        Booking.objects.filter(pk__in=list(booking_ids), user__isnull=False)
        .select_related("session", "session__venue", "user")
        .order_by("pk")
    )


def notify(notice, booking_ids, *, message=""):
    """Queue one email per booking; returns the ids of the bookings emailed.

    Bookings whose person has deleted their account (or has no address) are skipped,
    and so are those the notice no longer fits (see ``fits``).
    """
    from cms.core.tasks import send_email

    notice = Notice(notice)
    sent = []
    for booking in bookings_to_tell(booking_ids):
        if not booking.user.email or not fits(notice, booking):
            continue
        send_email.enqueue(**render_email(notice, booking, message=message))
        sent.append(booking.pk)
    return sent
