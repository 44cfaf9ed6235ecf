"""Booking emails: what each notice says, its links, its calendar file, and what it never says."""

from datetime import datetime, timedelta
from email import message_from_bytes
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from icalendar import Calendar

from training.booking.notifications import Notice, format_time, format_when, notify, render_email
from training.choices import BookingStatus, SessionStatus
from training.models import Booking
from training.tests.session_factories import make_person, make_session, make_venue

LONDON = ZoneInfo("Europe/London")
BASE_URL = "https://training.example.org"
HOSTILE = '<script>alert("x")</script>'
ACCESS_NEEDS = "Needs-a-quiet-room-marker-7731"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


@pytest.fixture
def session():
    venue = make_venue(
        "Leeds Civic Hall",
        address="Portland Crescent\nLeeds LS1 1UR",
        accessibility="Step-free entrance on Calverley Street. Hearing loop in every room.",
    )
    return make_session(
        title="Co-located induction: police, health and schools",
        venue=venue,
        starts_at=datetime(2030, 3, 5, 9, 30, tzinfo=LONDON),
        ends_at=datetime(2030, 3, 5, 12, 30, tzinfo=LONDON),
        facilitator="Sam Okafor, partnership training lead",
    )


def book(session, status=BookingStatus.CONFIRMED, *, agency="police", **fields):
    person = make_person(agency, display_name=fields.pop("display_name", "Priya Shah"))
    return Booking.objects.create(
        session=session, user=person, agency=person.agency, status=status, access_needs=ACCESS_NEEDS, **fields
    )


def html_of(email):
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return html


def calendar_parts(email):
    """The text/calendar parts of the message as it goes over the wire."""
    parsed = message_from_bytes(email.message().as_bytes())
    return [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]


def everything(email):
    return "\n".join([email.subject, email.body, html_of(email), *(str(a[1]) for a in email.attachments)])


# Which booking state each notice is sent in, and the calendar method it carries.
CASES = {
    Notice.CONFIRMED: (BookingStatus.CONFIRMED, SessionStatus.SCHEDULED, "REQUEST"),
    Notice.WAITLISTED: (BookingStatus.WAITLISTED, SessionStatus.SCHEDULED, None),
    Notice.OFFERED: (BookingStatus.CONFIRMED, SessionStatus.SCHEDULED, "REQUEST"),
    Notice.CANCELLED: (BookingStatus.CANCELLED, SessionStatus.SCHEDULED, "CANCEL"),
    Notice.SESSION_CHANGED: (BookingStatus.CONFIRMED, SessionStatus.SCHEDULED, "REQUEST"),
    Notice.SESSION_CANCELLED: (BookingStatus.SESSION_CANCELLED, SessionStatus.CANCELLED, "CANCEL"),
    Notice.REMINDER: (BookingStatus.CONFIRMED, SessionStatus.SCHEDULED, None),
    Notice.MESSAGE: (BookingStatus.CONFIRMED, SessionStatus.SCHEDULED, None),
}


def test_every_notice_has_a_case():
    assert set(CASES) == set(Notice)


@pytest.mark.parametrize("notice", list(Notice), ids=[n.value for n in Notice])
def test_each_notice_tells_the_person_the_facts_and_what_to_do(notice, session, mailoutbox):
    booking_status, session_status, method = CASES[notice]
    if session_status == SessionStatus.CANCELLED:
        session.status = session_status
        session.cancellation_reason = "The trainer is ill."
        session.save()
    booking = book(session, booking_status)

    assert notify(notice, [booking.pk], message="Bring a packed lunch.") == [booking.pk]

    [email] = mailoutbox
    assert email.to == [booking.user.email]
    assert session.title in email.subject
    html = html_of(email)
    for text in (email.body, html):
        assert session.title in text
        assert "Tuesday 5 March 2030, 9:30am to 12:30pm" in text
        assert "Leeds Civic Hall" in text
        assert "Portland Crescent" in text and "Leeds LS1 1UR" in text
        assert "Step-free entrance on Calverley Street" in text
        assert f"{BASE_URL}/sessions/{session.pk}/" in text
        assert f"{BASE_URL}/sessions/mine/" in text
        assert "Priya Shah" in text
    assert "<script" not in html

    parts = calendar_parts(email)
    if method is None:
        assert parts == []
    else:
        [part] = parts
        assert part.get_param("method") == method
        assert part.get_filename() == f"session-{session.pk}.ics"
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        assert calendar["METHOD"] == method
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"{session.uid}@training.example.org"
        assert str(event["ATTENDEE"]) == f"mailto:{booking.user.email}"


def test_access_needs_are_never_in_an_email(session, mailoutbox):
    for notice in Notice:
        booking_status, session_status, _ = CASES[notice]
        session.status = session_status
        session.save()
        booking = book(session, booking_status, agency="health")
        notify(notice, [booking.pk], message="See you there.")
    assert len(mailoutbox) == len(Notice)
    for email in mailoutbox:
        assert ACCESS_NEEDS not in everything(email)


def test_what_each_notice_says_happened(session, mailoutbox):
    confirmed = book(session)
    waiting = book(session, BookingStatus.WAITLISTED, agency="health")
    cancelled = book(session, BookingStatus.CANCELLED, agency="education")
    for notice, booking in [
        (Notice.CONFIRMED, confirmed),
        (Notice.WAITLISTED, waiting),
        (Notice.OFFERED, confirmed),
        (Notice.CANCELLED, cancelled),
        (Notice.REMINDER, confirmed),
    ]:
        notify(notice, [booking.pk])
    said = [email.body for email in mailoutbox]
    assert "Your place is confirmed" in said[0]
    assert "cancel your place by 9:30am on Saturday 2 March 2030" in said[0]  # the cut-off, three days before
    assert "You're on the waiting list" in said[1]
    assert "it will be given to you automatically and we'll email you" in said[1]
    assert "A place has come up" in said[2] and "it's now yours" in said[2]
    assert "so someone on the waiting list can have it" in said[2]
    assert "Your booking is cancelled" in said[3]
    assert "book again" in said[3]
    assert "This is a reminder that you have a place" in said[4]
    assert f"{BASE_URL}/sessions/{session.pk}/calendar.ics" in said[4]
    assert f'href="{BASE_URL}/sessions/{session.pk}/calendar.ics"' in html_of(mailoutbox[4])


def test_after_the_cut_off_people_are_told_to_give_their_place_to_a_colleague(mailoutbox):
    session = make_session(starts_in=timedelta(days=1))
    booking = book(session)
    notify(Notice.REMINDER, [booking.pk])  # a session tomorrow: the three-day cut-off has passed
    [email] = mailoutbox
    assert "give your place to a colleague from your agency" in email.body
    assert "cancel your place by" not in email.body


def test_a_hostile_message_and_title_are_escaped_in_html_and_plain_in_text(session, mailoutbox):
    session.title = f"Induction {HOSTILE} & more"
    session.save()
    booking = book(session)

    notify(Notice.MESSAGE, [booking.pk], message=f"Hello all {HOSTILE}\nSecond line & more")

    [email] = mailoutbox
    html = html_of(email)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Second line &amp; more" in html
    assert "Hello all &lt;script&gt;" in html and "<br>Second line" in html  # line breaks kept, safely
    # Plain text is not HTML: the message and title appear as written, not as entities.
    assert f"Hello all {HOSTILE}\nSecond line & more" in email.body
    assert f"Induction {HOSTILE} & more" in email.body
    assert "&lt;" not in email.body and "&amp;" not in email.body
    assert email.subject.startswith("Message from the trainer: Induction <script>")


def test_the_reason_for_a_cancelled_session_is_given_and_escaped(session, mailoutbox):
    booking = book(session, BookingStatus.SESSION_CANCELLED)
    session.status = SessionStatus.CANCELLED
    session.cancellation_reason = f"Venue flooded {HOSTILE}"
    session.save()

    notify(Notice.SESSION_CANCELLED, [booking.pk])

    [email] = mailoutbox
    assert f"Venue flooded {HOSTILE}" in email.body
    assert "Venue flooded &lt;script&gt;" in html_of(email)
    assert "<script" not in html_of(email)
    assert f"{BASE_URL}/sessions/" in email.body  # where to find another session


def test_a_changed_session_sends_a_new_invitation_only_to_people_with_a_place(session, mailoutbox):
    confirmed = book(session)
    waiting = book(session, BookingStatus.WAITLISTED, agency="health")
    session.sequence = 3
    session.save()

    notify(Notice.SESSION_CHANGED, [confirmed.pk, waiting.pk])

    by_address = {email.to[0]: email for email in mailoutbox}
    with_place = by_address[confirmed.user.email]
    [part] = calendar_parts(with_place)
    [event] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert event["SEQUENCE"] == 3
    assert "Your place is still booked" in with_place.body
    waiting_email = by_address[waiting.user.email]
    assert calendar_parts(waiting_email) == []
    assert "You're still on the waiting list" in waiting_email.body


def test_no_email_for_people_who_deleted_their_account(session, mailoutbox):
    gone = book(session)
    kept = book(session, agency="health")
    gone.user.delete()

    assert notify(Notice.SESSION_CHANGED, [gone.pk, kept.pk]) == [kept.pk]
    assert [email.to for email in mailoutbox] == [[kept.user.email]]


def test_a_notice_that_is_no_longer_true_is_not_sent(session, mailoutbox):
    booking = book(session, BookingStatus.CANCELLED)
    assert notify(Notice.CONFIRMED, [booking.pk]) == []
    assert notify(Notice.REMINDER, [booking.pk]) == []
    session.status = SessionStatus.CANCELLED
    session.save()
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CONFIRMED)
    assert notify(Notice.CONFIRMED, [booking.pk]) == []  # the session was cancelled meanwhile
    assert mailoutbox == []


def test_emails_go_out_after_the_booking_commits(session, mailoutbox, django_capture_on_commit_callbacks):
    booking = book(session)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            transaction.on_commit(partial(notify, Notice.CONFIRMED, [booking.pk]))
            assert mailoutbox == []
    assert len(mailoutbox) == 1


def test_render_email_is_json_safe_for_the_task_queue(session):
    import json

    email = render_email(Notice.CONFIRMED, book(session))
    assert json.loads(json.dumps(email)) == {
        **email,
        "attachments": [list(attachment) for attachment in email["attachments"]],
    }
    [(filename, content, mimetype)] = email["attachments"]
    assert mimetype == "text/calendar; method=REQUEST"
    assert content.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "starts, ends, expected",
    [
        ((2030, 3, 5, 9, 30), (2030, 3, 5, 12, 30), "Tuesday 5 March 2030, 9:30am to 12:30pm"),
        ((2030, 7, 2, 10, 0), (2030, 7, 2, 12, 0), "Tuesday 2 July 2030, 10am to midday"),
        ((2030, 3, 31, 13, 15), (2030, 3, 31, 17, 0), "Sunday 31 March 2030, 1:15pm to 5pm"),
    ],
)
def test_times_are_written_the_gov_uk_way_in_uk_time(starts, ends, expected):
    assert format_when(datetime(*starts, tzinfo=LONDON), datetime(*ends, tzinfo=LONDON)) == expected


def test_times_are_shown_in_uk_time_whatever_zone_they_are_stored_in():
    summer_utc = datetime(2030, 7, 2, 8, 30, tzinfo=ZoneInfo("UTC"))  # 9:30am British Summer Time
    assert format_time(summer_utc) == "9:30am"
    winter_utc = datetime(2030, 1, 8, 9, 30, tzinfo=ZoneInfo("UTC"))
    assert format_time(winter_utc) == "9:30am"


def test_through_the_booking_service_one_event_is_added_updated_and_removed(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    from training.booking import service

    person = make_person("police")
    with django_capture_on_commit_callbacks(execute=True):
        service.book(session.pk, person)
    with django_capture_on_commit_callbacks(execute=True):
        service.session_changed(session.pk)
    with django_capture_on_commit_callbacks(execute=True):
        service.cancel_session(session.pk, "The venue is closed for repairs.")

    assert [email.to for email in mailoutbox] == [[person.email]] * 3
    seen = []
    for email in mailoutbox:
        [part] = calendar_parts(email)
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        [event] = calendar.walk("VEVENT")
        seen.append((str(calendar["METHOD"]), str(event["UID"]), int(event["SEQUENCE"])))
    uid = f"{session.uid}@training.example.org"
    assert seen == [("REQUEST", uid, 0), ("REQUEST", uid, 1), ("CANCEL", uid, 2)]
    assert "The venue is closed for repairs." in mailoutbox[2].body
