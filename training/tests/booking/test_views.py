"""The practitioner's session pages through HTTP: browsing, booking, cancelling, giving a
place away, the calendar file and "My bookings"."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from training.booking import service
from training.choices import Attendance, BookingStatus
from training.models import Booking, Session

from ..session_factories import make_person, make_programme, make_session, make_venue

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def url(name, session):
    return reverse(f"sessions:{name}", args=[session.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def snapshot(session):
    """Everything about a session's bookings that a refused request must leave alone."""
    session.refresh_from_db()
    rows = (
        Booking.objects.filter(session=session)
        .order_by("pk")
        .values_list("pk", "user_id", "status", "agency_id")
    )
    return session.confirmed_count, list(rows)


def html_of(response):
    return response.content.decode()


def signed_in(client, person):
    client.force_login(person)
    return client


# The session page ------------------------------------------------------------------------------


def test_anonymous_visitor_reads_the_session_page_with_its_facts(client):
    programme = make_programme("Leeds joint induction")
    starts = datetime(2027, 3, 2, 9, 30, tzinfo=LONDON)
    session = make_session(
        programme,
        title="Front door day",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        booking_opens_at=timezone.now() - timedelta(days=1),
        booking_closes_at=starts - timedelta(days=2),
        cancellation_cutoff_at=datetime(2027, 2, 23, 17, 0, tzinfo=LONDON),
        mix_release_at=datetime(2027, 2, 25, 9, 0, tzinfo=LONDON),
        venue=make_venue(
            "Civic Hall", address="1 Millennium Square\nLeeds LS1 1UR", accessibility="Lift to all floors."
        ),
        facilitator="Sam Okafor",
        capacity=12,
    )
    for agency in ("police", "police", "health"):
        service.book(session.pk, make_person(agency))

    response = client.get(url("detail", session))
    assert response.status_code == 200
    html = html_of(response)
    assert "<h1" in html and "Front door day" in html
    assert f'href="{programme.url}"' in html and "Leeds joint induction" in html
    assert "Co-located training" in html
    assert "Tuesday 2 March 2027, 9:30am to 12:30pm" in html
    assert "Civic Hall" in html and "1 Millennium Square<br>Leeds LS1 1UR" in html
    assert "Lift to all floors." in html
    assert "Sam Okafor" in html
    assert '<dd class="govuk-summary-list__value" id="places-left">9 of 12</dd>' in html
    assert "Police 2, Health 1 — 2 of at least 3 agencies" in html
    assert (
        escape(
            "No agency takes more than half the places (6 of 12); places are held so at least three agencies "
            "can attend; from Thursday 25 February 2027 at 9am, any agency can book the places left."
        )
        in html
    )
    assert "closes Sunday 28 February 2027 at 9:30am" in html
    assert "You can cancel online until Tuesday 23 February 2027 at 5pm" in html
    sign_in = reverse("account_login") + "?next=" + url("detail", session).replace("/", "%2F")
    assert f'href="{sign_in}"' in html and "Sign in to book" in html
    assert 'action="' + url("book", session) not in html


def test_session_page_404s_when_missing_or_its_programme_is_not_live(client):
    draft = make_session(make_programme(live=False))
    assert client.get(reverse("sessions:detail", args=[999999])).status_code == 404
    assert client.get(reverse("sessions:detail", args=[2**63])).status_code == 404
    assert client.get(url("detail", draft)).status_code == 404
    signed_in(client, make_person("police"))
    assert client.get(url("detail", draft)).status_code == 404
    # A trainer can check it before the programme is published.
    signed_in(client, make_person("police", role="Trainer"))
    assert client.get(url("detail", draft)).status_code == 200


def test_a_person_with_an_agency_sees_the_book_form_with_the_access_needs_hint(client):
    session = make_session()
    signed_in(client, make_person("education"))
    html = html_of(client.get(url("detail", session)))
    assert f'action="{url("book", session)}"' in html
    assert 'name="access_needs"' in html and 'for="book-access_needs"' in html
    assert "Access needs (optional)" in html
    assert "Only the trainers running this session see it, and it is deleted after the session." in html
    assert ">Book a place</button>" in html


def test_a_person_without_an_agency_is_sent_to_their_profile(client):
    session = make_session()
    person = make_person(None)
    signed_in(client, person)
    html = html_of(client.get(url("detail", session)))
    assert "add your agency to your profile" in html
    assert f'href="{reverse("users:profile")}"' in html
    assert f'action="{url("book", session)}"' not in html
    before = snapshot(session)
    response = client.post(url("book", session))
    assert response.status_code == 302
    assert any("Add your agency to your profile" in m for m in messages_of(response))
    assert snapshot(session) == before


def test_the_form_warns_when_booking_now_would_join_the_waiting_list(client):
    session = make_session(capacity=4)  # half: two places per agency
    for _ in range(2):
        service.book(session.pk, make_person("police"))
    signed_in(client, make_person("police"))
    html = html_of(client.get(url("detail", session)))
    assert (
        "If you book now, you will join the waiting list. Your agency already has its share of the places."
        in html
    )
    assert ">Join the waiting list</button>" in html


def test_a_cancelled_session_says_so_and_offers_no_booking(client):
    session = make_session()
    service.cancel_session(session.pk, "The venue has flooded.")
    signed_in(client, make_person("police"))
    html = html_of(client.get(url("detail", session)))
    assert "This session has been cancelled" in html and "The venue has flooded." in html
    assert f'action="{url("book", session)}"' not in html


# Booking ---------------------------------------------------------------------------------------


def test_booking_confirms_then_a_second_booking_changes_nothing(client):
    session = make_session()
    person = make_person("police")
    signed_in(client, person)

    response = client.post(url("book", session), {"access_needs": "A hearing loop, please."})
    assert response.status_code == 302 and response["Location"] == url("detail", session)
    assert any(m.startswith(f"Your place on {session.title} is confirmed.") for m in messages_of(response))
    booking = Booking.objects.get(session=session, user=person)
    assert booking.status == BookingStatus.CONFIRMED and booking.access_needs == "A hearing loop, please."

    # The page after the redirect shows the message, the status and the actions.
    page = client.get(url("detail", session))
    html = html_of(page)
    assert "is confirmed" in html and "govuk-notification-banner--success" in html
    assert "You have a place on this session." in html
    assert f'href="{url("calendar", session)}"' in html and "Add to calendar" in html
    assert f'href="{url("give_place", session)}"' in html
    assert ">Cancel my place</button>" in html

    before = snapshot(session)
    again = client.post(url("book", session), {"access_needs": ""})
    assert "You already have a place on this session." in messages_of(again)
    assert snapshot(session) == before
    booking.refresh_from_db()
    assert booking.access_needs == "A hearing loop, please."


def test_booking_a_full_session_joins_the_waiting_list_with_the_reason(client):
    session = make_session(capacity=2, min_agencies=1, max_agency_share=100)
    service.book(session.pk, make_person("police"))
    service.book(session.pk, make_person("health"))
    first = make_person("education")
    service.book(session.pk, first)
    person = make_person("education")
    signed_in(client, person)

    response = client.post(url("book", session))
    [message] = messages_of(response)
    assert message.startswith(
        "You are on the waiting list for this session at position 2. The session is full."
    )
    assert "we will email you" in message
    assert Booking.objects.get(session=session, user=person).status == BookingStatus.WAITLISTED
    html = html_of(client.get(url("detail", session)))
    assert "You are on the waiting list at position 2." in html
    assert ">Leave the waiting list</button>" in html
    assert "Add to calendar" not in html


def test_an_agency_over_its_share_is_waitlisted_with_that_reason(client):
    session = make_session(capacity=4)
    for _ in range(2):
        service.book(session.pk, make_person("police"))
    signed_in(client, make_person("police"))
    [message] = messages_of(client.post(url("book", session)))
    assert "Your agency already has its share of the places." in message


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"booking_opens_at": timezone.now() + timedelta(days=2)},
            "Booking for this session has not opened yet.",
        ),
        ({"booking_closes_at": timezone.now() - timedelta(hours=1)}, "Booking for this session closed on"),
        (
            {
                "starts_at": timezone.now() - timedelta(hours=1),
                "booking_opens_at": timezone.now() - timedelta(days=5),
                "booking_closes_at": timezone.now() + timedelta(days=5),
                "cancellation_cutoff_at": timezone.now() - timedelta(days=1),
            },
            "This session has already started",
        ),
    ],
    ids=["not-open", "closed", "past"],
)
def test_booking_outside_the_window_changes_nothing(client, fields, expected):
    session = make_session(**fields)
    person = make_person("police")
    signed_in(client, person)
    html = html_of(client.get(url("detail", session)))
    assert f'action="{url("book", session)}"' not in html
    before = snapshot(session)
    response = client.post(url("book", session))
    assert response.status_code == 302
    assert any(expected in m for m in messages_of(response))
    assert snapshot(session) == before


def test_booking_a_cancelled_session_changes_nothing(client):
    session = make_session()
    service.cancel_session(session.pk, "Trainer unwell.")
    signed_in(client, make_person("police"))
    before = snapshot(session)
    response = client.post(url("book", session))
    assert any("This session has been cancelled" in m for m in messages_of(response))
    assert snapshot(session) == before


def test_booking_a_missing_or_unpublished_session_is_a_404(client):
    draft = make_session(make_programme(live=False))
    signed_in(client, make_person("police"))
    assert client.post(reverse("sessions:book", args=[999999])).status_code == 404
    assert client.post(url("book", draft)).status_code == 404
    assert not Booking.objects.exists()


def test_access_needs_too_long_is_sent_back_with_an_error_summary(client):
    session = make_session()
    signed_in(client, make_person("police"))
    response = client.post(url("book", session), {"access_needs": "x" * 501})
    assert response.status_code == 400
    html = html_of(response)
    assert "govuk-error-summary" in html and 'href="#book-access_needs"' in html
    assert "Keep your access needs to 500 characters or fewer." in html
    assert not Booking.objects.exists()


@pytest.mark.parametrize("name", ["book", "cancel"])
def test_changes_are_post_only(client, name):
    session = make_session()
    signed_in(client, make_person("police"))
    assert client.get(url(name, session)).status_code == 405
    assert not Booking.objects.exists()


@pytest.mark.parametrize("name", ["book", "cancel", "give_place"])
def test_anonymous_posts_go_to_sign_in_and_change_nothing(client, name):
    session = make_session()
    holder = make_person("police")
    service.book(session.pk, holder)
    before = snapshot(session)
    response = client.post(url(name, session), {"colleague_email": "someone@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert snapshot(session) == before


def test_the_csrf_token_is_required(client):
    from django.test import Client

    session = make_session()
    person = make_person("police")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(person)
    assert strict.post(url("book", session)).status_code == 403
    assert not Booking.objects.exists()


# Cancelling ------------------------------------------------------------------------------------


def test_cancelling_before_the_cut_off_frees_the_place(client):
    session = make_session()
    person = make_person("police")
    service.book(session.pk, person)
    signed_in(client, person)
    response = client.post(url("cancel", session))
    assert response["Location"] == url("detail", session)
    assert any(m.startswith(f"Your place on {session.title} is cancelled.") for m in messages_of(response))
    assert Booking.objects.get(session=session, user=person).status == BookingStatus.CANCELLED
    session.refresh_from_db()
    assert session.confirmed_count == 0
    html = html_of(client.get(url("detail", session)))
    assert "Your booking was cancelled" in html and ">Book a place</button>" in html


def test_cancelling_after_the_cut_off_is_refused_and_the_place_kept(client):
    session = make_session(cutoff_before=timedelta(days=3))
    person = make_person("police")
    service.book(session.pk, person)
    Session.objects.filter(pk=session.pk).update(cancellation_cutoff_at=timezone.now() - timedelta(minutes=1))
    signed_in(client, person)
    html = html_of(client.get(url("detail", session)))
    assert ">Cancel my place</button>" not in html and "The cut-off for cancelling online was" in html
    before = snapshot(session)
    response = client.post(url("cancel", session))
    [message] = messages_of(response)
    assert message.startswith("The cancellation cut-off for this session was")
    assert snapshot(session) == before
    assert Booking.objects.get(session=session, user=person).status == BookingStatus.CONFIRMED


def test_leaving_the_waiting_list(client):
    session = make_session(capacity=1, min_agencies=1)
    service.book(session.pk, make_person("health"))
    person = make_person("police")
    assert service.book(session.pk, person).result == "waitlisted"
    signed_in(client, person)
    response = client.post(url("cancel", session))
    assert f"You have left the waiting list for {session.title}." in messages_of(response)
    assert Booking.objects.get(session=session, user=person).status == BookingStatus.CANCELLED


def test_cancelling_with_no_booking_changes_nothing(client):
    session = make_session()
    service.book(session.pk, make_person("health"))
    signed_in(client, make_person("police"))
    before = snapshot(session)
    response = client.post(url("cancel", session))
    assert any("You do not have a booking on this session" in m for m in messages_of(response))
    assert snapshot(session) == before
    assert client.post(reverse("sessions:cancel", args=[999999])).status_code == 404


# Giving a place to a colleague -------------------------------------------------------------------


def test_give_place_form_and_success(client):
    session = make_session()
    person = make_person("police")
    colleague = make_person("police", email="colleague@example.org")
    service.book(session.pk, person)
    signed_in(client, person)

    form = client.get(url("give_place", session))
    assert form.status_code == 200
    html = html_of(form)
    assert 'type="email"' in html and 'autocomplete="off"' in html and 'name="colleague_email"' in html
    assert "Police as their agency" in html

    response = client.post(url("give_place", session), {"colleague_email": "Colleague@example.org"})
    assert response.status_code == 302 and response["Location"] == url("detail", session)
    assert any("We have emailed you both" in m for m in messages_of(response))
    assert Booking.objects.get(session=session, user=person).status == BookingStatus.CANCELLED
    assert Booking.objects.get(session=session, user=colleague).status == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    "email, expected",
    [
        ("", "Enter your colleague&#x27;s email address."),
        ("not-an-email", "Enter an email address in the correct format, like name@example.org."),
        ("nobody@example.org", escape("We could not find a colleague from your agency")),
        ("health-person@example.org", escape("We could not find a colleague from your agency")),
    ],
)
def test_give_place_errors_are_shown_with_an_error_summary_and_change_nothing(client, email, expected):
    session = make_session()
    person = make_person("police")
    make_person("health", email="health-person@example.org")
    service.book(session.pk, person)
    signed_in(client, person)
    before = snapshot(session)
    response = client.post(url("give_place", session), {"colleague_email": email})
    assert response.status_code == 400
    html = html_of(response)
    assert "govuk-error-summary" in html and 'href="#give-colleague_email"' in html
    assert expected in html
    assert "<title>Error: " in html
    assert snapshot(session) == before


def test_giving_a_place_to_yourself_is_refused(client):
    session = make_session()
    person = make_person("police")
    service.book(session.pk, person)
    signed_in(client, person)
    response = client.post(url("give_place", session), {"colleague_email": person.email.upper()})
    assert response.status_code == 400
    assert "not your own" in html_of(response)


def test_give_place_without_a_place(client):
    session = make_session()
    signed_in(client, make_person("police"))
    response = client.get(url("give_place", session))
    assert response.status_code == 302
    assert "You do not have a place on this session to give to a colleague." in messages_of(response)
    make_person("police", email="mate@example.org")
    posted = client.post(url("give_place", session), {"colleague_email": "mate@example.org"})
    assert posted.status_code == 400
    assert "You do not have a confirmed place on this session" in html_of(posted)
    assert not Booking.objects.exists()


def test_give_place_needs_sign_in(client):
    session = make_session()
    response = client.get(url("give_place", session))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# The calendar file -------------------------------------------------------------------------------


def test_calendar_file_only_for_your_own_booking(client):
    session = make_session()
    person = make_person("police")
    service.book(session.pk, person)
    signed_in(client, person)
    response = client.get(url("calendar", session))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(str(session.uid))
    assert person.email in str(event["ATTENDEE"])

    # Someone else on the session, someone waiting, and someone not booked: 404.
    waiting_session = make_session(capacity=1, min_agencies=1)
    service.book(waiting_session.pk, make_person("health"))
    service.book(waiting_session.pk, person)
    assert client.get(url("calendar", waiting_session)).status_code == 404
    signed_in(client, make_person("health"))
    assert client.get(url("calendar", session)).status_code == 404
    assert client.get(reverse("sessions:calendar", args=[999999])).status_code == 404
    assert client.post(url("calendar", session)).status_code == 405


def test_calendar_file_needs_sign_in(client):
    session = make_session()
    response = client.get(url("calendar", session))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# The list of sessions ----------------------------------------------------------------------------


def test_session_list_shows_upcoming_public_sessions_soonest_first(client):
    programme = make_programme("Sheffield induction")
    later = make_session(programme, title="Later day", starts_in=timedelta(days=30))
    sooner = make_session(programme, title="Sooner day", starts_in=timedelta(days=5), capacity=10)
    make_session(programme, title="Past day", starts_in=-timedelta(days=1), opened_ago=timedelta(days=9))
    make_session(make_programme(live=False), title="Draft programme day")
    cancelled = make_session(programme, title="Cancelled day")
    service.cancel_session(cancelled.pk, "No trainer.")
    for agency in ("police", "health", "education"):
        service.book(sooner.pk, make_person(agency))

    response = client.get(reverse("sessions:list"))
    assert response.status_code == 200
    html = html_of(response)
    assert html.index("Sooner day") < html.index("Later day")
    for hidden in ("Past day", "Draft programme day", "Cancelled day"):
        assert hidden not in html
    assert "7 of 10" in html
    assert "Education 1, Health 1, Police 1 — 3 of at least 3 agencies" in html
    assert "No places booked yet" in html
    assert "Sheffield induction" in html
    assert '<span class="govuk-visually-hidden"> Sooner day, ' in html
    assert sooner.venue.name in html and later.venue.name in html


def test_session_list_paginates(client):
    programme = make_programme()
    venue = make_venue()
    for day in range(22):
        make_session(programme, venue=venue, title=f"Day {day:02d}", starts_in=timedelta(days=3 + day))
    first = html_of(client.get(reverse("sessions:list")))
    assert "Day 00" in first and "Day 19" in first and "Day 20" not in first
    assert 'href="?page=2"' in first
    second = html_of(client.get(reverse("sessions:list"), {"page": 2}))
    assert "Day 20" in second and "Day 21" in second and "Day 00" not in second


def test_signed_in_list_marks_the_persons_own_bookings(client):
    session = make_session()
    person = make_person("police")
    service.book(session.pk, person)
    signed_in(client, person)
    html = html_of(client.get(reverse("sessions:list")))
    assert "You have a place" in html and f'href="{reverse("sessions:mine")}"' in html


def _sessions_with_bookings(count, programme, venue):
    sessions = []
    for number in range(count):
        session = make_session(programme, venue=make_venue(), title=f"Counted {number}")
        for agency in ("police", "health"):
            service.book(session.pk, make_person(agency))
        sessions.append(session)
    return sessions


def count_queries(client, path):
    client.get(path)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_session_list_queries_do_not_grow_with_sessions(client):
    programme = make_programme()
    _sessions_with_bookings(2, programme, None)
    signed_in(client, make_person("police"))
    few = count_queries(client, reverse("sessions:list"))
    _sessions_with_bookings(8, make_programme(), None)
    many = count_queries(client, reverse("sessions:list"))
    assert html_of(client.get(reverse("sessions:list"))).count('class="app-card app-session-card"') == 10
    assert many == few


# My bookings -------------------------------------------------------------------------------------


def test_my_bookings_lists_upcoming_and_past(client):
    person = make_person("police")
    confirmed = make_session(title="Booked day")
    service.book(confirmed.pk, person)
    full = make_session(title="Full day", capacity=1, min_agencies=1)
    service.book(full.pk, make_person("health"))
    service.book(full.pk, make_person("education"))
    service.book(full.pk, person)
    cancelled = make_session(title="Cancelled by me")
    service.book(cancelled.pk, person)
    service.cancel(cancelled.pk, person)
    past = make_session(title="Last month's day")
    service.book(past.pk, person)
    Session.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=30), ends_at=timezone.now() - timedelta(days=30, hours=-3)
    )
    service.mark_attendance(Booking.objects.get(session=past, user=person).pk, Attendance.ATTENDED)
    other = make_person("health")
    service.book(make_session(title="Someone else's day").pk, other)

    signed_in(client, person)
    response = client.get(reverse("sessions:mine"))
    assert response.status_code == 200
    html = html_of(response)
    upcoming = html[html.index('id="upcoming-bookings"') : html.index('id="past-heading"')]
    past_part = html[html.index('id="past-heading"') :]
    assert "Booked day" in upcoming and "Place confirmed" in upcoming
    assert "Full day" in upcoming and "On the waiting list at position 2" in upcoming
    assert upcoming.count("Add to calendar") == 1 and url("calendar", confirmed) in upcoming
    assert "Cancelled by me" not in html and "Someone else&#x27;s day" not in html
    assert "Last month&#x27;s day" in past_part and "Attended" in past_part


def test_my_bookings_needs_sign_in(client):
    response = client.get(reverse("sessions:mine"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_my_bookings_queries_do_not_grow_with_bookings(client):
    person = make_person("police")
    for _ in range(2):
        service.book(make_session().pk, person)
    signed_in(client, person)
    few = count_queries(client, reverse("sessions:mine"))
    for _ in range(8):
        service.book(make_session().pk, person)
    full = make_session(capacity=1, min_agencies=1)
    service.book(full.pk, make_person("health"))
    service.book(full.pk, person)
    many = count_queries(client, reverse("sessions:mine"))
    assert html_of(client.get(reverse("sessions:mine"))).count("Add to calendar") == 10
    assert many == few
