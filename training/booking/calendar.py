"""Calendar files (iCalendar, RFC 5545/5546) that calendars treat as invitations.

One session is one calendar event for everyone booked on it, so its UID is the session's
(``<session.uid>@<site domain>``, stable for the session's life) and its SEQUENCE is
``Session.sequence``, raised by the booking service each time attendees are told of a
change: a calendar that already holds the event updates it rather than adding another.

- ``METHOD:REQUEST`` adds or updates the event (a confirmed place, a changed session);
- ``METHOD:CANCEL`` with ``STATUS:CANCELLED`` removes it (a cancelled booking or session).

Times are written in UTC (``...Z``), so no VTIMEZONE is needed and every calendar shows
them in its own local time.
"""

from datetime import UTC
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from ..choices import BookingStatus

REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)

# Attached to emails with this content type, so mail programs offer it as an invitation.
ATTACHMENT_MIMETYPE = "text/calendar; method={method}"


def site_url():
    """The site's address, without a trailing slash (the admin base URL setting)."""
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost").rstrip("/")


def absolute_url(path):
    """``path`` (from reverse() or get_absolute_url()) as a full address for emails and calendars."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}/{path.lstrip('/')}"


def site_domain():
    return urlsplit(site_url()).hostname or "localhost"


def event_uid(session):
    """The session's event UID: the same in every file sent about it."""
    return f"{session.uid}@{site_domain()}"


def service_name():
    return (
        getattr(settings, "SERVICE_NAME", "") or getattr(settings, "WAGTAIL_SITE_NAME", "") or site_domain()
    )


def _organizer():
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(service_name())
    return organizer


def _attendee(booking, method):
    user = booking.user
    attendee = vCalAddress(f"mailto:{user.email}")
    name = user.get_full_name()
    if name and name != user.email:
        attendee.params["cn"] = vText(name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    if method == REQUEST and booking.status == BookingStatus.WAITLISTED:
        attendee.params["partstat"] = vText("TENTATIVE")  # on the waiting list: no place yet
    else:
        attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    return attendee


def _location(venue):
    address = ", ".join(line.strip() for line in venue.address.splitlines() if line.strip())
    return f"{venue.name}, {address}" if address else venue.name


def _description(session, url):
    lines = [session.title, f"Run by {session.facilitator}." if session.facilitator else ""]
    if session.venue.accessibility:
        lines.append(f"Access: {session.venue.accessibility.strip()}")
    lines.append(f"Details and your booking: {url}")
    return "\n".join(line for line in lines if line)


def method_for(session, booking=None):
    """CANCEL when the session or the booking is cancelled, REQUEST otherwise."""
    if session.is_cancelled:
        return CANCEL
    if booking is not None and booking.status in (BookingStatus.CANCELLED, BookingStatus.SESSION_CANCELLED):
        return CANCEL
    return REQUEST


def invitation(session, booking, method, *, now=None):
    """The VCALENDAR for one person's place on ``session``, as bytes.

    ``booking`` may be None (no ATTENDEE then); its ``user`` must still exist otherwise.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown calendar method {method!r}; expected one of {METHODS}.")
    url = absolute_url(session.get_absolute_url())

    calendar = Calendar()
    calendar.add("prodid", f"-//{service_name()}//Induction sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", event_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", session.title)
    event.add("location", _location(session.venue))
    event.add("description", _description(session, url))
    event.add("url", url)
    event.add("organizer", _organizer())
    if booking is not None and booking.user is not None:
        event.add("attendee", _attendee(booking, method))
    if method == CANCEL:
        event.add("status", "CANCELLED")
    elif booking is not None and booking.status == BookingStatus.WAITLISTED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(session, booking):
    """The "add to calendar" download for one person's booking: an invitation they can
    open in any calendar (CANCEL if the session or their booking has been cancelled)."""
    method = method_for(session, booking)
    response = HttpResponse(
        invitation(session, booking, method), content_type=f"text/calendar; charset=utf-8; method={method}"
    )
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    # It carries the person's email address: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
