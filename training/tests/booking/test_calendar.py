"""Calendar files: invitations a calendar adds, updates in place, and removes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from training.booking.calendar import CANCEL, REQUEST, calendar_response, invitation
from training.choices import BookingStatus, SessionStatus
from training.models import Booking
from training.tests.session_factories import make_person, make_session, make_venue

LONDON = ZoneInfo("Europe/London")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://training.example.org/"
    settings.DEFAULT_FROM_EMAIL = "Sharing to Safeguard <bookings@training.example.org>"
    settings.SERVICE_NAME = "Sharing to Safeguard"


@pytest.fixture
def session():
    venue = make_venue("Leeds Civic Hall", address="Portland Crescent\nLeeds LS1 1UR")
    return make_session(
        title="Co-located induction, day one; police & health",
        venue=venue,
        starts_at=datetime(2030, 7, 2, 9, 30, tzinfo=LONDON),  # British Summer Time: 08:30 UTC
        ends_at=datetime(2030, 7, 2, 12, 30, tzinfo=LONDON),
    )


def booking_on(session, status=BookingStatus.CONFIRMED, agency="police"):
    person = make_person(agency, display_name="Priya Shah")
    return Booking.objects.create(session=session, user=person, agency=person.agency, status=status)


def event_of(data, method=None):
    calendar = Calendar.from_ical(data)
    if method is not None:
        assert calendar["METHOD"] == method
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_an_invitation_parses_back_with_everything_a_calendar_needs(session):
    booking = booking_on(session)

    calendar, event = event_of(invitation(session, booking, REQUEST), REQUEST)

    assert calendar["VERSION"] == "2.0"
    assert "Sharing to Safeguard" in str(calendar["PRODID"])
    assert str(event["UID"]) == f"{session.uid}@training.example.org"
    assert event["SEQUENCE"] == 0
    assert event["DTSTAMP"].dt.tzinfo is not None
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start == datetime(2030, 7, 2, 8, 30, tzinfo=UTC) and start.utcoffset() == timedelta(0)
    assert end == datetime(2030, 7, 2, 11, 30, tzinfo=UTC)
    assert "DTSTART:20300702T083000Z" in invitation(session, booking, REQUEST).decode()
    assert str(event["SUMMARY"]) == "Co-located induction, day one; police & health"
    assert str(event["LOCATION"]) == "Leeds Civic Hall, Portland Crescent, Leeds LS1 1UR"
    url = f"https://training.example.org/sessions/{session.pk}/"
    assert str(event["URL"]) == url
    assert url in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:bookings@training.example.org"
    assert organizer.params["CN"] == "Sharing to Safeguard"
    attendee = event["ATTENDEE"]
    assert str(attendee) == f"mailto:{booking.user.email}"
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert attendee.params["RSVP"] == "FALSE"
    assert attendee.params["CN"] == "Priya Shah"


def test_the_uid_is_the_same_every_time_and_for_everyone_on_the_session(session):
    first, second = booking_on(session), booking_on(session, agency="health")
    uids = {
        str(event_of(invitation(session, first, REQUEST))[1]["UID"]),
        str(event_of(invitation(session, first, REQUEST))[1]["UID"]),
        str(event_of(invitation(session, second, REQUEST))[1]["UID"]),
        str(event_of(invitation(session, first, CANCEL))[1]["UID"]),
    }
    assert len(uids) == 1
    other = make_session()
    assert str(event_of(invitation(other, booking_on(other), REQUEST))[1]["UID"]) not in uids


def test_the_sequence_rises_when_the_session_changes(session):
    booking = booking_on(session)
    before = event_of(invitation(session, booking, REQUEST))[1]["SEQUENCE"]

    session.sequence += 1
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.save()
    session.refresh_from_db()

    _, after = event_of(invitation(session, booking, REQUEST), REQUEST)
    assert after["SEQUENCE"] == before + 1
    assert after["DTSTART"].dt == datetime(2030, 7, 2, 9, 30, tzinfo=UTC)


def test_a_cancellation_says_cancel(session):
    booking = booking_on(session, BookingStatus.CANCELLED)

    _, event = event_of(invitation(session, booking, CANCEL), CANCEL)

    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"{session.uid}@training.example.org"


def test_an_unknown_method_is_refused(session):
    with pytest.raises(ValueError):
        invitation(session, booking_on(session), "PUBLISH")


def test_the_add_to_calendar_download(session):
    booking = booking_on(session)

    response = calendar_response(session, booking)

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    assert response["Content-Disposition"] == f'attachment; filename="session-{session.pk}.ics"'
    assert "no-store" in response["Cache-Control"]
    _, event = event_of(response.content, REQUEST)
    assert str(event["ATTENDEE"]) == f"mailto:{booking.user.email}"


@pytest.mark.parametrize("cancelled", ["booking", "session"])
def test_the_download_is_a_cancellation_once_the_place_or_session_is_cancelled(session, cancelled):
    booking = booking_on(session)
    if cancelled == "booking":
        booking.status = BookingStatus.CANCELLED
        booking.save()
    else:
        session.status = SessionStatus.CANCELLED
        session.save()

    response = calendar_response(session, booking)

    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=CANCEL"
    _, event = event_of(response.content, CANCEL)
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_hostile_title_is_only_text_in_the_calendar(session):
    session.title = 'Induction <script>alert("x")</script>\nSTATUS:CANCELLED'
    session.save()

    calendar, event = event_of(invitation(session, booking_on(session), REQUEST), REQUEST)

    assert str(event["SUMMARY"]) == session.title
    assert str(event["STATUS"]) == "CONFIRMED"  # a line break in the title cannot add a property
    assert len(calendar.walk("VEVENT")) == 1
