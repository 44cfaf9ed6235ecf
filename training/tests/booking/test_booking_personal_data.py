"""Bookings in "download my data"; deleting an account frees places to come and keeps the
attendance figures, anonymised."""

import json
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.learning_record.api import Verb
from cms.learning_record.models import LearningEvent
from cms.users import personal_data
from cms.users.personal_data import coverage_of, delete_user, export_user_data
from training.booking import service
from training.booking.personal_data import SECTION, anonymise_bookings
from training.choices import Attendance, BookingStatus
from training.models import Booking, Session
from training.tests.session_factories import make_person, make_programme, make_session, make_venue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


def book(session, person, **kwargs):
    """Booked as soon as booking opened (so sessions already past the cut-off can be set up)."""
    return service.book(session.pk, person, now=session.booking_opens_at + timedelta(minutes=1), **kwargs)


def figures():
    """Bookings per (agency, status, attendance): what trainers' reports count."""
    return Counter(Booking.objects.values_list("agency__slug", "status", "attendance"))


@pytest.fixture
def person():
    return make_person("police", display_name="Robin")


def test_both_links_to_a_person_are_declared():
    bookings = coverage_of(Booking, "user")
    assert bookings.export == SECTION == "session_bookings"
    assert bookings.erase is anonymise_bookings and anonymise_bookings in personal_data._anonymisers
    created_by = coverage_of(Session, "created_by")
    assert created_by.export is None and "SET_NULL" in created_by.reason


def test_the_export_lists_your_bookings_and_nobody_else_s(person):
    programme = make_programme("Leeds joint induction")
    venue = make_venue("Quarry Hill Teaching Hub", address="20 Quarry Hill, Leeds LS2 7AB")
    past = make_session(
        programme,
        title="Day one together",
        venue=venue,
        starts_in=timedelta(days=-7),
        opened_ago=timedelta(days=30),
    )
    upcoming = make_session(programme, title="Learning circle", venue=venue)
    book(past, person)
    service.mark_attendance(past.bookings.get(user=person).pk, Attendance.ATTENDED, now=past.ends_at)
    book(upcoming, person, access_needs="A seat near the door, please.")
    service.cancel(upcoming.pk, person, now=upcoming.booking_opens_at + timedelta(hours=1))
    book(upcoming, person, access_needs="Hearing loop.")
    book(upcoming, make_person("health"), access_needs="Not yours.")

    section = export_user_data(person)[SECTION]
    json.dumps(section)  # serialisable as it is
    assert [row["session"] for row in section] == ["Day one together", "Learning circle"]
    attended, booked = section
    assert attended["programme"] == "Leeds joint induction"
    assert attended["venue"] == "Quarry Hill Teaching Hub"
    assert attended["venue_address"] == "20 Quarry Hill, Leeds LS2 7AB"
    assert attended["starts_at"] == past.starts_at.isoformat()
    assert (attended["status"], attended["attendance"]) == ("Confirmed", "Attended")
    assert attended["agency"] == "Police" and attended["access_needs"] == ""
    assert booked["status"] == "Confirmed" and booked["attendance"] is None
    assert booked["access_needs"] == "Hearing loop."
    assert booked["booked_at"] and booked["confirmed_at"] and booked["cancelled_at"] is None
    assert booked["session_cancelled"] is False


def test_download_my_data_includes_them(client, person):
    session = make_session(title="Workshop: a fictional family")
    book(session, person, access_needs="Step-free access.")
    client.force_login(person)
    response = client.post(reverse("users:download_data"))
    assert response.status_code == 200
    [row] = json.loads(response.content)[SECTION]
    assert row["session"] == "Workshop: a fictional family" and row["access_needs"] == "Step-free access."


def test_deleting_the_account_keeps_attendance_counts_anonymised(person):
    past = make_session(starts_in=timedelta(days=-7), opened_ago=timedelta(days=30), capacity=12)
    others = [make_person(agency) for agency in ("health", "education", "police")]
    for someone in [person, *others]:
        book(past, someone, access_needs="Large print." if someone is person else "")
    marks = [Attendance.ATTENDED, Attendance.ABSENT, Attendance.ATTENDED, Attendance.LATE_CANCELLATION]
    for someone, mark in zip([person, *others], marks, strict=True):
        service.mark_attendance(past.bookings.get(user=someone).pk, mark, now=past.ends_at)
    before = figures()
    assert LearningEvent.objects.filter(user=person, verb=Verb.ATTENDED).exists()

    delete_user(person)

    assert figures() == before
    [row] = Booking.objects.filter(user__isnull=True)
    assert (row.agency.slug, row.status, row.attendance) == ("police", BookingStatus.CONFIRMED, "attended")
    assert row.access_needs == ""
    assert Booking.objects.filter(user__isnull=False).count() == 3
    assert not LearningEvent.objects.filter(user_id=person.pk).exists()
    past.refresh_from_db()
    assert past.confirmed_count == 4  # the place was taken: the count is history, not personal


def test_deleting_the_account_frees_upcoming_places_for_the_waiting_list(
    person, django_capture_on_commit_callbacks
):
    session = make_session(capacity=2, min_agencies=1, max_agency_share=100)
    health, waiting = make_person("health"), make_person("education", display_name="Waiting")
    for someone in (person, health, waiting):
        book(session, someone)
    queued = make_session(capacity=1, min_agencies=1, max_agency_share=100)
    book(queued, health)
    book(queued, person)  # waiting for that one
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        delete_user(person)

    mine = Booking.objects.get(session=session, user__isnull=True)
    assert mine.status == BookingStatus.CANCELLED and mine.attendance == Attendance.UNMARKED
    promoted = Booking.objects.get(session=session, user=waiting)
    assert promoted.status == BookingStatus.CONFIRMED and promoted.promoted_at is not None
    session.refresh_from_db()
    assert session.confirmed_count == session.bookings.confirmed().count() == 2
    assert Booking.objects.get(session=queued, user__isnull=True).status == BookingStatus.CANCELLED
    assert [message.to for message in mail.outbox] == [[waiting.email]]  # offered the place


def test_after_the_cut_off_the_place_is_still_freed_and_counted_as_a_late_cancellation(person):
    # Starts in two days; the cut-off (three days before) has passed, so cancelling is refused...
    session = make_session(capacity=2, min_agencies=1, max_agency_share=100, starts_in=timedelta(days=2))
    waiting = make_person("health")
    for someone in (person, make_person("education"), waiting):
        book(session, someone)
    with pytest.raises(service.BookingError) as refusal:
        service.cancel(session.pk, person)
    assert refusal.value.code == "after-cutoff"

    delete_user(person)  # ...but a deleted account can never come: the place goes to the queue

    mine = Booking.objects.get(session=session, user__isnull=True)
    assert (mine.status, mine.attendance, mine.agency.slug) == (
        BookingStatus.CANCELLED,
        Attendance.LATE_CANCELLATION,
        "police",
    )
    assert Booking.objects.get(session=session, user=waiting).status == BookingStatus.CONFIRMED
    session.refresh_from_db()
    assert session.confirmed_count == 2


def test_sessions_under_way_or_cancelled_are_left_to_the_register(person):
    now = timezone.now()
    under_way = make_session(starts_in=timedelta(minutes=-30), opened_ago=timedelta(days=5))
    book(under_way, person)
    called_off = make_session()
    book(called_off, person)
    service.cancel_session(called_off.pk, "The venue flooded. Book another date.")

    delete_user(person)

    row = Booking.objects.get(session=under_way)
    assert row.user is None and row.status == BookingStatus.CONFIRMED  # the trainer marks it
    assert Booking.objects.get(session=called_off).status == BookingStatus.SESSION_CANCELLED
    under_way.refresh_from_db()
    assert under_way.confirmed_count == 1 and under_way.starts_at < now


def test_nobody_else_s_bookings_change(person):
    session = make_session(capacity=12)
    other = make_person("health")
    book(session, person)
    book(session, other, access_needs="Quiet room.")
    delete_user(person)
    theirs = Booking.objects.get(user=other)
    assert theirs.status == BookingStatus.CONFIRMED and theirs.access_needs == "Quiet room."
