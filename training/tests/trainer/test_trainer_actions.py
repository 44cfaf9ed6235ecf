"""A session's bookings page, promoting from the waiting list, messaging attendees,
cancelling the session, and the non-attendance report."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from training.choices import Attendance, BookingStatus, SessionStatus
from training.models import Booking
from training.tests.session_factories import make_person, make_session

from . import confirm, trainer_user, wait

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(db):
    return trainer_user()


@pytest.fixture
def signed_in(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def messages_sent(monkeypatch):
    """What the message page hands to notifications: (notice, ids, message)."""
    calls = []
    monkeypatch.setattr(
        "training.booking.notifications.notify",
        lambda notice, ids, *, message="": calls.append((notice, list(ids), message)),
    )
    return calls


@pytest.fixture
def service_sent(monkeypatch):
    """What the booking service queues after its transaction commits: (notice, sorted ids, message)."""
    calls = []
    monkeypatch.setattr(
        "training.booking.service.notify",
        lambda notice, ids, *, message="": calls.append((notice, sorted(ids), message)),
    )
    return calls


# --- Bookings page ----------------------------------------------------------------------------


def test_bookings_page_shows_places_waiting_list_access_needs_and_the_mix(signed_in):
    session = make_session(capacity=12, min_agencies=3, max_agency_share=50)
    now = timezone.now()
    confirm(session, make_person("police", display_name="Ana Police"), access_needs="Hearing loop, please")
    confirm(session, make_person("police", display_name="Al Police"))
    confirm(session, make_person("health", display_name="Ben Health"))
    wait(session, make_person("education", display_name="Second Waiting"), at=now - timedelta(minutes=1))
    wait(session, make_person("police", display_name="First Waiting"), at=now - timedelta(minutes=9))

    response = signed_in.get(reverse("training_sessions:bookings", args=[session.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Ana Police", "Al Police", "Ben Health"):
        assert name in html
    assert "Hearing loop, please" in html
    assert html.index("First Waiting") < html.index("Second Waiting")  # queue order
    mix = response.context["mix"]
    assert (mix.capacity, mix.confirmed, mix.places_left) == (12, 3, 9)
    assert (mix.distinct, mix.wanted, mix.agency_limit, mix.released) == (2, 3, 6, False)
    by_agency = {row.agency.slug: (row.confirmed, row.waiting, row.limit) for row in mix.rows}
    assert by_agency == {"police": (2, 1, 6), "health": (1, 0, 6), "education": (0, 1, 6)}
    assert "3 of 12 taken, 9 left" in html
    assert "2, at least 3 wanted (1 place held for agencies not yet booked)" in html
    assert "Never: the mix rule applies to the end" in html
    assert "Promote from waiting list now" in html


def test_released_session_shows_no_agency_limit(signed_in):
    session = make_session(mix_release_at=timezone.now() - timedelta(hours=1))
    confirm(session, agency="police")
    response = signed_in.get(reverse("training_sessions:bookings", args=[session.pk]))
    assert response.context["mix"].released
    assert "No limit now: places are open to any agency" in response.content.decode()


def test_promote_now_offers_a_free_place_through_the_service(
    signed_in, service_sent, django_capture_on_commit_callbacks
):
    session = make_session(capacity=4, min_agencies=2)
    confirm(session, agency="police")
    waiting = wait(session, agency="health")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("training_sessions:promote", args=[session.pk]), follow=True)
    assert "1 person from the waiting list was given a place and told by email." in response.content.decode()
    waiting.refresh_from_db()
    session.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED
    assert session.confirmed_count == 2
    assert service_sent == [("offered", [waiting.pk], "")]


def test_promote_now_explains_when_nobody_can_be_given_a_place(signed_in):
    session = make_session(capacity=2, min_agencies=2)
    confirm(session, agency="police")
    confirm(session, agency="health")
    waiting = wait(session, agency="education")
    response = signed_in.post(reverse("training_sessions:promote", args=[session.pk]), follow=True)
    assert "Nobody was given a place: the session is full." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.WAITLISTED


def test_promote_is_post_only(signed_in):
    session = make_session()
    assert signed_in.get(reverse("training_sessions:promote", args=[session.pk])).status_code == 405


# --- Message all booked attendees -----------------------------------------------------------------


def test_message_goes_to_confirmed_places_only(signed_in, messages_sent):
    session = make_session()
    first = confirm(session, agency="police")
    second = confirm(session, agency="health")
    wait(session, agency="education")
    gone = confirm(session, agency="housing")
    Booking.objects.filter(pk=gone.pk).update(status=BookingStatus.CANCELLED)
    url = reverse("training_sessions:message", args=[session.pk])
    page = signed_in.get(url).content.decode()
    assert "the <strong>2 people</strong> with a confirmed place" in page
    response = signed_in.post(
        url, {"message": "  Parking is closed: use the station car park.  "}, follow=True
    )
    assert messages_sent == [
        ("message", sorted([first.pk, second.pk]), "Parking is closed: use the station car park.")
    ]
    assert (
        "Your message is being sent by email to the 2 people with a confirmed place."
        in response.content.decode()
    )


@pytest.mark.parametrize(
    "text, error",
    [
        ("", "Enter the message to send."),
        ("   ", "Enter the message to send."),
        ("x" * 2001, "The message must be 2,000 characters or fewer (it has 2001)."),
    ],
)
def test_message_must_be_given_and_short_enough(signed_in, messages_sent, text, error):
    session = make_session()
    confirm(session, agency="police")
    response = signed_in.post(reverse("training_sessions:message", args=[session.pk]), {"message": text})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert messages_sent == []


def test_message_with_nobody_booked_says_so(signed_in, messages_sent):
    session = make_session()
    wait(session, agency="police")
    response = signed_in.post(reverse("training_sessions:message", args=[session.pk]), {"message": "Hello"})
    assert response.status_code == 400
    assert "there is nobody to message" in response.content.decode()
    assert messages_sent == []


# --- Cancel session ----------------------------------------------------------------------------------


def test_cancelling_needs_a_reason(signed_in, monkeypatch):
    from training.booking import service

    called = []
    monkeypatch.setattr(service, "cancel_session", lambda *args, **kwargs: called.append(args))
    session = make_session()
    confirm(session, agency="police")
    for reason in ("", "   "):
        response = signed_in.post(reverse("training_sessions:cancel", args=[session.pk]), {"reason": reason})
        assert response.status_code == 400
        assert "Enter the reason for cancelling: everyone booked is told it." in response.content.decode()
    assert called == []
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_cancelling_goes_through_the_service_and_tells_everyone(
    signed_in, trainer, service_sent, monkeypatch, django_capture_on_commit_callbacks
):
    from training.booking import service

    session = make_session()
    booked = [confirm(session, agency="police"), confirm(session, agency="health")]
    waiting = wait(session, agency="education")
    url = reverse("training_sessions:cancel", args=[session.pk])
    page = signed_in.get(url).content.decode()
    assert "2 people have a confirmed place and 1 is on the waiting list" in page

    calls = []
    real = service.cancel_session

    def spy(session_id, reason, **kwargs):
        calls.append((session_id, reason, kwargs.get("by")))
        return real(session_id, reason, **kwargs)

    monkeypatch.setattr(service, "cancel_session", spy)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"reason": "The venue has flooded."}, follow=True)
    assert calls == [(session.pk, "The venue has flooded.", trainer)]
    assert f"“{session.title}” is cancelled. 3 people were told by email." in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.cancellation_reason == "The venue has flooded."
    ids = sorted(b.pk for b in [*booked, waiting])
    assert set(Booking.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        BookingStatus.SESSION_CANCELLED
    }
    assert service_sent == [("session-cancelled", ids, "The venue has flooded.")]
    # Nothing more to do on a cancelled session.
    again = signed_in.get(url)
    assert again.status_code == 302


def test_a_started_session_cannot_be_cancelled(signed_in):
    session = make_session(starts_in=timedelta(hours=-1), opened_ago=timedelta(days=5))
    wait(session, agency="police")
    bookings = signed_in.get(reverse("training_sessions:bookings", args=[session.pk])).content.decode()
    assert reverse("training_sessions:cancel", args=[session.pk]) not in bookings
    assert "Promote from waiting list now" not in bookings
    response = signed_in.get(reverse("training_sessions:cancel", args=[session.pk]), follow=True)
    assert "This session has already started, so it can no longer be cancelled." in response.content.decode()
    # Posted anyway (a page left open): the booking service refuses, and says why.
    response = signed_in.post(reverse("training_sessions:cancel", args=[session.pk]), {"reason": "Too late"})
    assert response.status_code == 400
    assert "already started, so it can no longer be cancelled" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


# --- Non-attendance report ---------------------------------------------------------------------------


def mark(session, agency, attendance):
    booking = confirm(session, agency=agency)
    Booking.objects.filter(pk=booking.pk).update(attendance=attendance)
    return booking


def test_non_attendance_is_counted_against_each_home_agency(signed_in):
    march = make_session(starts_at=timezone.now() - timedelta(days=40), opened_ago=timedelta(days=60))
    april = make_session(starts_at=timezone.now() - timedelta(days=10), opened_ago=timedelta(days=30))
    called_off = make_session(
        status=SessionStatus.CANCELLED, starts_in=timedelta(days=-5), opened_ago=timedelta(days=9)
    )
    mark(march, "police", Attendance.ABSENT)
    mark(march, "police", Attendance.ATTENDED)
    mark(march, "health", Attendance.LATE_CANCELLATION)
    mark(april, "police", Attendance.LATE_CANCELLATION)
    mark(april, "police", Attendance.ABSENT)
    mark(called_off, "education", Attendance.ABSENT)  # a cancelled session does not count

    url = reverse("training_sessions:non_attendance")
    response = signed_in.get(url)
    assert response.status_code == 200
    rows = {row.agency: (row.absent, row.late, row.total, row.sessions) for row in response.context["rows"]}
    assert rows == {"Police": (2, 1, 3, 2), "Health": (0, 1, 1, 1)}
    assert response.context["totals"] == {"absent": 2, "late": 2, "total": 4}

    since = timezone.localdate() - timedelta(days=20)
    response = signed_in.get(url, {"start": since.isoformat()})
    rows = {row.agency: (row.absent, row.late, row.total, row.sessions) for row in response.context["rows"]}
    assert rows == {"Police": (1, 1, 2, 1)}
    assert f"start={since.isoformat()}" in response.context["export_url"]


def test_non_attendance_report_explains_a_backwards_date_range(signed_in):
    response = signed_in.get(
        reverse("training_sessions:non_attendance"), {"start": "2026-06-30", "end": "2026-04-01"}
    )
    assert response.status_code == 400
    assert "The last date must be the same as or after the first date." in response.content.decode()
