"""The booking service: every way a booking changes, and every refusal changing nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cms.learning_record.api import Verb, events_for
from cms.taxonomy.models import Agency
from training.booking import service
from training.booking.notifications import Notice
from training.booking.rules import MixRule, Refusal
from training.booking.service import BookingError
from training.choices import Attendance, BookingStatus, SessionStatus
from training.models import Booking, Session

from ..session_factories import book_people, make_person, make_session

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def told(monkeypatch):
    """What the service asked ``notify`` to send: (notice, booking ids, message) per call."""
    sent = []
    monkeypatch.setattr(
        service,
        "notify",
        lambda notice, booking_ids, *, message="": sent.append((notice, booking_ids, message)),
    )
    return sent


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service function and run what it left for after the commit (its emails)."""

    def call(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


def snapshot(session, *people):
    """Everything a refused request must leave alone: the session, its bookings, the
    learning records of `people`."""
    row = Session.objects.values(
        "capacity", "confirmed_count", "status", "sequence", "cancellation_reason"
    ).get(pk=session.pk)
    bookings = list(Booking.objects.filter(session=session).order_by("pk").values())
    events = [list(events_for(person).values_list("pk", flat=True)) for person in people]
    return row, bookings, events


@pytest.fixture
def refuses(run, told):
    """Assert the call raises BookingError with `code`, changes nothing and tells nobody; its message."""

    def check(code, session, people, fn, *args, **kwargs):
        before, sent = snapshot(session, *people), len(told)
        with pytest.raises(BookingError) as caught:
            run(fn, *args, **kwargs)
        assert caught.value.code == code
        assert snapshot(session, *people) == before
        assert len(told) == sent
        return caught.value.message

    return check


def statuses(session):
    return {booking.user_id: booking.status for booking in Booking.objects.filter(session=session)}


def confirmed_counts(session):
    return service._confirmed_counts(session)


def agency(slug):
    return Agency.objects.get(slug=slug)


# book -----------------------------------------------------------------------------------------------


def test_book_confirms_a_place(run, told):
    session = make_session(capacity=4)
    person = make_person("police")
    now = timezone.now()
    outcome = run(service.book, session.pk, person, access_needs="  Hearing loop, please.  ", now=now)
    assert outcome.result == "confirmed" and outcome.reason == "" and outcome.promoted == []
    booking = Booking.objects.get(session=session, user=person)
    assert outcome.booking == booking
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.agency == agency("police")
    assert booking.confirmed_at == now and booking.waitlisted_at is None
    assert booking.access_needs == "Hearing loop, please."
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert events_for(person, Verb.BOOKED, session).count() == 1
    assert told == [(Notice.CONFIRMED, [booking.pk], "")]


def test_the_agency_is_the_one_in_the_profile_when_booking():
    session = make_session()
    person = make_person("health")
    service.book(session.pk, person)
    person.agency = agency("education")
    person.save()
    assert Booking.objects.get(session=session, user=person).agency == agency("health")


def test_book_waitlists_when_the_session_is_full(run, told):
    session = make_session(capacity=2, min_agencies=1)
    book_people(session, "police", "health")
    person = make_person("education")
    now = timezone.now()
    outcome = run(service.book, session.pk, person, now=now)
    assert outcome.result == "waitlisted"
    assert outcome.reason == Refusal.FULL.message == "The session is full."
    booking = outcome.booking
    assert booking.status == BookingStatus.WAITLISTED
    assert booking.waitlisted_at == now and booking.confirmed_at is None
    session.refresh_from_db()
    assert session.confirmed_count == 2
    assert not events_for(person, Verb.BOOKED).exists()
    assert told == [(Notice.WAITLISTED, [booking.pk], "")]


def test_book_waitlists_when_the_agency_has_its_share():
    session = make_session(capacity=4, max_agency_share=50, min_agencies=1)
    book_people(session, "police", "police")
    outcome = service.book(session.pk, make_person("police"))
    assert (outcome.result, outcome.reason) == ("waitlisted", Refusal.AGENCY_SHARE.message)
    assert service.book(session.pk, make_person("health")).result == "confirmed"


def test_book_waitlists_when_the_last_places_are_held_for_other_agencies():
    session = make_session(capacity=4, max_agency_share=100, min_agencies=3)
    book_people(session, "police", "police")
    outcome = service.book(session.pk, make_person("police"))
    assert (outcome.result, outcome.reason) == ("waitlisted", Refusal.HELD_FOR_OTHER_AGENCIES.message)
    assert service.book(session.pk, make_person("health")).result == "confirmed"
    assert service.book(session.pk, make_person("education")).result == "confirmed"
    session.refresh_from_db()
    assert session.confirmed_count == 4
    assert MixRule.for_session(session, timezone.now()).holds(confirmed_counts(session))


def test_after_the_release_date_any_agency_fills_the_room():
    release = timezone.now() + timedelta(days=2)
    session = make_session(capacity=4, max_agency_share=50, min_agencies=3, mix_release_at=release)
    book_people(session, "police", "police")
    assert (
        service.book(session.pk, make_person("police"), now=release - timedelta(minutes=1)).result
        == "waitlisted"
    )
    late = make_person("police")
    outcome = service.book(session.pk, late, now=release)
    # The person already waiting goes first; the newcomer takes the last place after them.
    assert [booking.user.agency.slug for booking in outcome.promoted] == ["police"]
    assert outcome.result == "confirmed"
    session.refresh_from_db()
    assert session.confirmed_count == 4


def test_booking_twice_returns_the_same_booking_and_changes_nothing(run, told):
    session = make_session(capacity=4)
    person = make_person("police")
    first = service.book(session.pk, person, access_needs="Step-free access")
    before = snapshot(session, person)
    again = run(service.book, session.pk, person, access_needs="Something else")
    assert again.result == "already-confirmed"
    assert again.booking == first.booking
    assert snapshot(session, person) == before
    assert told == []


def test_booking_again_while_waiting_keeps_the_place_in_the_queue(run, told):
    session = make_session(capacity=1)
    book_people(session, "police")
    person = make_person("health")
    first = service.book(session.pk, person)
    before = snapshot(session, person)
    again = run(service.book, session.pk, person, now=timezone.now() + timedelta(hours=1))
    assert again.result == "already-waitlisted"
    assert again.booking == first.booking
    assert snapshot(session, person) == before
    assert told == []


def test_booking_after_cancelling_reopens_the_same_booking():
    session = make_session(capacity=4)
    person = make_person("police")
    first = service.book(session.pk, person, access_needs="Quiet room")
    service.cancel(session.pk, person)
    again = service.book(session.pk, person, access_needs="Large print")
    assert again.result == "confirmed"
    assert again.booking.pk == first.booking.pk
    booking = Booking.objects.get(pk=first.booking.pk)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.cancelled_at is None
    assert booking.access_needs == "Large print"
    assert Booking.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.confirmed_count == 1


def test_access_needs_may_be_500_characters_but_no_more(refuses):
    session = make_session()
    person = make_person("police")
    message = refuses(
        "access-needs-too-long", session, [person], service.book, session.pk, person, access_needs="x" * 501
    )
    assert "500 characters or fewer" in message
    assert (
        service.book(session.pk, person, access_needs=" " + "x" * 500 + " ").booking.access_needs == "x" * 500
    )


def test_book_refuses_a_session_that_does_not_exist(refuses):
    session = make_session()
    person = make_person("police")
    message = refuses("missing", session, [person], service.book, session.pk + 1000, person)
    assert "could not find that session" in message
    refuses("missing", session, [person], service.book, "not-a-number", person)


def test_book_refuses_a_cancelled_session(refuses):
    session = make_session()
    service.cancel_session(session.pk, "The venue flooded.")
    person = make_person("police")
    message = refuses("cancelled", session, [person], service.book, session.pk, person)
    assert message.startswith("This session has been cancelled")


def test_book_refuses_a_session_that_has_started(refuses):
    session = make_session()
    person = make_person("police")
    message = refuses("past", session, [person], service.book, session.pk, person, now=session.starts_at)
    assert "already started" in message
    refuses(
        "past", session, [person], service.book, session.pk, person, now=session.ends_at + timedelta(days=3)
    )


def test_book_refuses_before_booking_opens_and_says_when_it_does(refuses):
    session = make_session(
        starts_at=datetime(2027, 3, 20, 9, 30, tzinfo=LONDON),
        booking_opens_at=datetime(2027, 3, 3, 9, 0, tzinfo=LONDON),
    )
    person = make_person("police")
    now = datetime(2027, 3, 3, 8, 59, tzinfo=LONDON)
    message = refuses("not-open", session, [person], service.book, session.pk, person, now=now)
    assert message == "Booking for this session has not opened yet. Booking opens on 3 March 2027 at 09:00."
    assert service.book(session.pk, person, now=now + timedelta(minutes=1)).result == "confirmed"


def test_book_refuses_once_booking_has_closed(refuses):
    session = make_session()
    person = make_person("police")
    message = refuses(
        "closed", session, [person], service.book, session.pk, person, now=session.booking_closes_at
    )
    assert message.startswith("Booking for this session closed on")
    assert "contact the trainer" in message


def test_book_asks_for_an_agency_in_the_profile(refuses):
    session = make_session()
    person = make_person(None)
    message = refuses("no-agency", session, [person], service.book, session.pk, person)
    assert "Add your agency to your profile" in message


@pytest.mark.parametrize("visitor", [None, AnonymousUser()])
def test_book_needs_someone_signed_in(refuses, visitor):
    session = make_session()
    message = refuses("not-signed-in", session, [], service.book, session.pk, visitor)
    assert message.startswith("Sign in")


# cancel ---------------------------------------------------------------------------------------------


def test_cancel_gives_up_a_confirmed_place(run, told):
    session = make_session(capacity=4)
    person = make_person("police")
    booking = service.book(session.pk, person, access_needs="Hearing loop").booking
    now = timezone.now()
    outcome = run(service.cancel, session.pk, person, now=now)
    assert outcome.result == "cancelled" and outcome.promoted == []
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_at == now
    assert booking.access_needs == ""  # no longer needed by anyone
    session.refresh_from_db()
    assert session.confirmed_count == 0
    assert events_for(person, Verb.CANCELLED_BOOKING, session).count() == 1
    assert told == [(Notice.CANCELLED, [booking.pk], "")]


def test_cancel_after_the_cut_off_is_refused_and_points_to_a_colleague(refuses):
    session = make_session()
    person = make_person("police")
    service.book(session.pk, person)
    message = refuses(
        "after-cutoff",
        session,
        [person],
        service.cancel,
        session.pk,
        person,
        now=session.cancellation_cutoff_at,
    )
    assert "give your place to a colleague from your agency" in message
    assert "contact the trainer" in message
    # Just before the cut-off it is fine.
    just_before = session.cancellation_cutoff_at - timedelta(seconds=1)
    assert service.cancel(session.pk, person, now=just_before).result == "cancelled"


def test_leaving_the_waiting_list_is_allowed_after_the_cut_off(run, told):
    session = make_session(capacity=1)
    book_people(session, "police")
    person = make_person("health")
    booking = service.book(session.pk, person).booking
    outcome = run(service.cancel, session.pk, person, now=session.cancellation_cutoff_at + timedelta(hours=1))
    assert outcome.result == "cancelled"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert not events_for(person, Verb.CANCELLED_BOOKING).exists()  # never had a place
    assert told == [(Notice.CANCELLED, [booking.pk], "")]


def test_cancel_without_a_booking_is_refused(refuses):
    session = make_session()
    person = make_person("police")
    message = refuses("no-booking", session, [person], service.cancel, session.pk, person)
    assert "nothing to cancel" in message
    service.book(session.pk, person)
    service.cancel(session.pk, person)
    refuses("no-booking", session, [person], service.cancel, session.pk, person)  # cancelled already


def test_cancel_once_the_session_has_started_is_refused(refuses):
    session = make_session(capacity=1)
    person, waiting = make_person("police"), make_person("health")
    service.book(session.pk, person)
    service.book(session.pk, waiting)
    for who in (person, waiting):
        refuses("past", session, [person, waiting], service.cancel, session.pk, who, now=session.starts_at)


def test_cancel_on_a_cancelled_session_or_a_missing_one_is_refused(refuses):
    session = make_session()
    person = make_person("police")
    service.book(session.pk, person)
    service.cancel_session(session.pk, "The trainer is ill.")
    refuses("cancelled", session, [person], service.cancel, session.pk, person)
    refuses("missing", session, [person], service.cancel, session.pk + 1000, person)
    refuses("not-signed-in", session, [person], service.cancel, session.pk, AnonymousUser())


def test_an_account_being_deleted_frees_its_place_even_after_the_cut_off(run, told):
    session = make_session(capacity=1)
    leaving = book_people(session, "police")[0]
    waiting = book_people(session, "health")[0]
    now = session.cancellation_cutoff_at + timedelta(hours=1)
    outcome = run(service.cancel, session.pk, leaving.user, now=now, account_deleted=True)
    assert outcome.promoted == [waiting]
    leaving.refresh_from_db()
    assert leaving.status == BookingStatus.CANCELLED
    assert leaving.attendance == Attendance.LATE_CANCELLATION  # counted against the agency
    assert not events_for(leaving.user, Verb.CANCELLED_BOOKING).exists()
    assert told == [(Notice.OFFERED, [waiting.pk], "")]  # the person leaving is not emailed


def test_an_account_being_deleted_before_the_cut_off_is_an_ordinary_cancellation_told_to_nobody(run, told):
    session = make_session(capacity=2)
    leaving = book_people(session, "police")[0]
    run(service.cancel, session.pk, leaving.user, account_deleted=True)
    leaving.refresh_from_db()
    assert (leaving.status, leaving.attendance) == (BookingStatus.CANCELLED, Attendance.UNMARKED)
    session.refresh_from_db()
    assert session.confirmed_count == 0
    assert told == []


# promotion ------------------------------------------------------------------------------------------


def test_waiting_list_is_first_come_first_served(run, told):
    session = make_session(capacity=2, max_agency_share=100, min_agencies=1)
    leaving = book_people(session, "police", "health")[0]
    now = timezone.now()
    second = service.book(session.pk, make_person("education"), now=now + timedelta(seconds=2)).booking
    first = service.book(session.pk, make_person("education"), now=now + timedelta(seconds=1)).booking
    outcome = run(service.cancel, session.pk, leaving.user, now=now + timedelta(minutes=1))
    assert outcome.promoted == [first]
    assert statuses(session)[first.user_id] == BookingStatus.CONFIRMED
    assert statuses(session)[second.user_id] == BookingStatus.WAITLISTED
    assert (Notice.OFFERED, [first.pk], "") in told


def test_promotion_on_cancellation_skips_a_blocked_agency_at_the_head_of_the_queue(run, told):
    # Four places, no agency over half: police and health hold two each.
    session = make_session(capacity=4, max_agency_share=50, min_agencies=2)
    police, _, health, _ = book_people(session, "police", "police", "health", "health")
    now = timezone.now()
    blocked = service.book(session.pk, make_person("police"), now=now).booking  # head of the queue
    allowed = service.book(session.pk, make_person("education"), now=now + timedelta(seconds=1)).booking
    later = service.book(session.pk, make_person("education"), now=now + timedelta(seconds=2)).booking

    promote_at = now + timedelta(minutes=1)
    outcome = run(service.cancel, session.pk, health.user, now=promote_at)

    assert outcome.promoted == [allowed]
    allowed.refresh_from_db()
    assert allowed.status == BookingStatus.CONFIRMED
    assert allowed.promoted_at == allowed.confirmed_at == promote_at
    assert events_for(allowed.user, Verb.BOOKED, session).count() == 1
    assert statuses(session)[blocked.user_id] == BookingStatus.WAITLISTED  # keeps their turn
    assert statuses(session)[later.user_id] == BookingStatus.WAITLISTED
    assert told == [(Notice.CANCELLED, [health.pk], ""), (Notice.OFFERED, [allowed.pk], "")]
    # When a police place frees up, the police officer at the head of the queue gets it.
    outcome = service.cancel(session.pk, police.user)
    assert outcome.promoted == [blocked]
    session.refresh_from_db()
    assert session.confirmed_count == 4
    assert MixRule.for_session(session, timezone.now()).holds(confirmed_counts(session))


def test_promote_waitlist_fills_places_once_the_release_date_passes(run, told):
    release = timezone.now() + timedelta(days=1)
    session = make_session(capacity=4, max_agency_share=50, min_agencies=1, mix_release_at=release)
    book_people(session, "police", "police")
    queue = book_people(session, "police", "police", "police")
    assert [booking.status for booking in queue] == [BookingStatus.WAITLISTED] * 3
    assert run(service.promote_waitlist, session.pk, now=release - timedelta(seconds=1)) == []
    promoted = run(service.promote_waitlist, session.pk, now=release)
    assert promoted == queue[:2]
    assert told == [(Notice.OFFERED, [queue[0].pk, queue[1].pk], "")]
    session.refresh_from_db()
    assert session.confirmed_count == 4
    assert statuses(session)[queue[2].user_id] == BookingStatus.WAITLISTED


def test_promote_waitlist_does_nothing_once_the_session_has_started():
    release = timezone.now() + timedelta(days=1)
    session = make_session(capacity=2, max_agency_share=50, min_agencies=1, mix_release_at=release)
    book_people(session, "police", "police")
    assert service.promote_waitlist(session.pk, now=session.starts_at) == []
    assert service.promote_waitlist(session.pk, now=release) != []


def test_a_deleted_account_on_the_waiting_list_is_never_promoted():
    session = make_session(capacity=1)
    leaving = book_people(session, "police")[0]
    gone, waiting = book_people(session, "health", "education")
    Booking.objects.filter(pk=gone.pk).update(user=None)
    assert service.cancel(session.pk, leaving.user).promoted == [waiting]


def test_promote_waitlist_on_a_missing_session_is_refused():
    with pytest.raises(BookingError) as caught:
        service.promote_waitlist(10**9)
    assert caught.value.code == "missing"


# give_place -----------------------------------------------------------------------------------------


def test_give_place_to_a_colleague_after_the_cut_off(run, told):
    session = make_session(capacity=2, min_agencies=1)
    giver = make_person("police")
    mine = service.book(session.pk, giver, access_needs="Hearing loop").booking
    colleague = make_person("police", email="Sam.Colleague@Example.org")
    now = session.cancellation_cutoff_at + timedelta(hours=2)
    outcome = run(service.give_place, session.pk, giver, "  sam.colleague@example.ORG ", now=now)
    assert outcome.result == "given"
    assert outcome.booking == mine
    mine.refresh_from_db()
    assert mine.status == BookingStatus.CANCELLED and mine.cancelled_at == now and mine.access_needs == ""
    theirs = Booking.objects.get(session=session, user=colleague)
    assert theirs.status == BookingStatus.CONFIRMED and theirs.confirmed_at == now
    assert theirs.agency == agency("police")
    session.refresh_from_db()
    assert session.confirmed_count == 1
    assert events_for(giver, Verb.CANCELLED_BOOKING, session).count() == 1
    assert events_for(colleague, Verb.BOOKED, session).count() == 1
    assert told == [(Notice.CANCELLED, [mine.pk], ""), (Notice.CONFIRMED, [theirs.pk], "")]


def test_give_place_to_a_colleague_waiting_reuses_their_booking():
    session = make_session(capacity=2, max_agency_share=50, min_agencies=1)
    giver = book_people(session, "police")[0].user
    book_people(session, "health")
    colleague = make_person("police")
    waiting = service.book(session.pk, colleague, access_needs="Quiet room").booking
    assert waiting.status == BookingStatus.WAITLISTED
    service.give_place(session.pk, giver, colleague.email)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED
    assert waiting.access_needs == "Quiet room"
    assert Booking.objects.filter(session=session, user=colleague).count() == 1
    assert not Booking.objects.filter(session=session).waitlist().exists()


def test_give_place_to_a_colleague_who_cancelled_reuses_their_booking():
    session = make_session(capacity=3)
    giver = book_people(session, "police")[0].user
    colleague = make_person("police")
    earlier = service.book(session.pk, colleague).booking
    service.cancel(session.pk, colleague)
    service.give_place(session.pk, giver, colleague.email)
    earlier.refresh_from_db()
    assert earlier.status == BookingStatus.CONFIRMED and earlier.cancelled_at is None


def test_give_place_never_says_whether_someone_from_another_agency_has_an_account(refuses):
    session = make_session()
    giver = book_people(session, "police")[0].user
    make_person("health", email="nurse@example.org")
    unverified = make_person("police", email="unverified@example.org")
    unverified.emailaddress_set.update(verified=False)
    inactive = make_person("police", email="left@example.org", is_active=False)
    messages = {
        refuses("no-colleague", session, [giver], service.give_place, session.pk, giver, email)
        for email in ("nurse@example.org", "nobody@example.org", unverified.email, inactive.email)
    }
    assert messages == {service.NO_COLLEAGUE}
    assert service.NO_COLLEAGUE == (
        "We could not find a colleague from your agency with that email address. They need an account "
        "on this site with the same agency in their profile."
    )


def test_give_place_refusals(refuses):
    session = make_session(capacity=3, max_agency_share=100, min_agencies=1)
    giver = book_people(session, "police")[0].user
    booked = book_people(session, "police")[0].user
    waiting = make_person("health")
    Booking.objects.create(
        session=session, user=waiting, agency=agency("health"), status=BookingStatus.WAITLISTED,
        waitlisted_at=timezone.now(),
    )  # fmt: skip
    people = [giver, booked, waiting]
    assert "own email" in refuses(
        "self", session, people, service.give_place, session.pk, giver, giver.email.upper()
    )
    message = refuses(
        "colleague-booked", session, people, service.give_place, session.pk, giver, booked.email
    )
    assert "already has a place" in message
    refuses("no-email", session, people, service.give_place, session.pk, giver, "  ")
    # Only a confirmed place can be given.
    refuses("no-booking", session, people, service.give_place, session.pk, waiting, giver.email)
    refuses("no-booking", session, people, service.give_place, session.pk, make_person("police"), giver.email)
    refuses(
        "past", session, people, service.give_place, session.pk, giver, booked.email, now=session.starts_at
    )
    refuses("missing", session, people, service.give_place, 10**9, giver, booked.email)
    refuses("not-signed-in", session, people, service.give_place, session.pk, None, booked.email)


# change_capacity ------------------------------------------------------------------------------------


def test_raising_capacity_promotes_from_the_waiting_list(run, told):
    session = make_session(capacity=2, max_agency_share=50, min_agencies=1)
    book_people(session, "police", "health")
    queue = book_people(session, "police", "police", "education")
    promoted = run(service.change_capacity, session.pk, 4)
    # Four places: police may have two (one more), so the second police officer waits.
    assert promoted == [queue[0], queue[2]]
    session.refresh_from_db()
    assert (session.capacity, session.confirmed_count) == (4, 4)
    assert told == [(Notice.OFFERED, [queue[0].pk, queue[2].pk], "")]


def test_lowering_capacity_to_the_places_booked_is_fine():
    session = make_session(capacity=6, min_agencies=1)
    book_people(session, "police", "health", "education")
    assert service.change_capacity(session.pk, "3") == []
    session.refresh_from_db()
    assert session.capacity == 3


def test_capacity_cannot_go_below_the_places_booked(refuses):
    session = make_session(capacity=20, max_agency_share=100, min_agencies=1)
    book_people(session, *["police"] * 12)
    message = refuses("below-bookings", session, [], service.change_capacity, session.pk, 11)
    assert message.startswith("12 places are booked: the capacity cannot go below 12. Cancel bookings first")


def test_capacity_that_would_break_the_agency_share_is_refused(refuses):
    session = make_session(capacity=8, max_agency_share=50, min_agencies=1)
    book_people(session, "police", "police", "police", "police")
    message = refuses("breaks-mix", session, [], service.change_capacity, session.pk, 6)
    assert "no agency may have more than 3" in message
    assert "Police has 4" in message


def test_capacity_that_would_leave_too_few_places_for_other_agencies_is_refused(refuses):
    session = make_session(capacity=6, max_agency_share=100, min_agencies=3)
    book_people(session, "police", "police", "police")
    message = refuses("breaks-mix", session, [], service.change_capacity, session.pk, 4)
    assert message.startswith(
        "With 4 places, only 1 would be left for the 2 more agencies the session needs (at least 3 agencies)."
    )
    assert service.change_capacity(session.pk, 5) == []


def test_capacity_must_be_a_sensible_number(refuses):
    session = make_session()
    for capacity in (0, -3, 501, "many", None):
        refuses("invalid-capacity", session, [], service.change_capacity, session.pk, capacity)
    service.cancel_session(session.pk, "Cancelled for the test.")
    refuses("cancelled", session, [], service.change_capacity, session.pk, 20)


# session_changed and cancel_session -----------------------------------------------------------------


def test_session_changed_raises_the_sequence_and_tells_everyone_booked_or_waiting(run, told):
    session = make_session(capacity=1)
    booked, waiting, leaving = book_people(session, "police", "health", "education")
    service.cancel(session.pk, leaving.user)
    run(service.session_changed, session.pk)
    run(service.session_changed, session.pk)
    session.refresh_from_db()
    assert session.sequence == 2
    assert told == [(Notice.SESSION_CHANGED, [booked.pk, waiting.pk], "")] * 2


def test_session_changed_on_a_cancelled_session_tells_nobody(run, told):
    session = make_session()
    book_people(session, "police")
    service.cancel_session(session.pk, "No trainer available.")
    session.refresh_from_db()
    run(service.session_changed, session.pk)
    assert Session.objects.get(pk=session.pk).sequence == session.sequence
    assert told == []


def test_cancel_session_ends_every_booking_and_tells_everyone(run, told):
    session = make_session(capacity=1)
    booked, waiting, leaving = book_people(session, "police", "health", "education")
    service.cancel(session.pk, leaving.user)
    now = timezone.now()
    assert run(service.cancel_session, session.pk, "  The venue is closed for repairs.  ", now=now) == 2
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.is_cancelled
    assert session.cancelled_at == now
    assert session.cancellation_reason == "The venue is closed for repairs."
    assert session.sequence == 1
    assert session.confirmed_count == 0
    assert statuses(session) == {
        booked.user_id: BookingStatus.SESSION_CANCELLED,
        waiting.user_id: BookingStatus.SESSION_CANCELLED,
        leaving.user_id: BookingStatus.CANCELLED,
    }
    assert told == [(Notice.SESSION_CANCELLED, [booked.pk, waiting.pk], "The venue is closed for repairs.")]


def test_cancel_session_refusals(refuses):
    session = make_session()
    book_people(session, "police")
    assert "reason" in refuses("reason-required", session, [], service.cancel_session, session.pk, "   ")
    refuses("reason-too-long", session, [], service.cancel_session, session.pk, "x" * 601)
    refuses("past", session, [], service.cancel_session, session.pk, "Too late.", now=session.starts_at)
    refuses("missing", session, [], service.cancel_session, 10**9, "Gone.")
    service.cancel_session(session.pk, "First time.")
    message = refuses("already-cancelled", session, [], service.cancel_session, session.pk, "Second time.")
    assert message.startswith("This session was already cancelled on")


# mark_attendance ------------------------------------------------------------------------------------


@pytest.fixture
def afternoon_session():
    return make_session(capacity=4, starts_at=timezone.now().astimezone(LONDON) + timedelta(days=20))


def test_attended_is_recorded_once_in_the_learning_record(afternoon_session):
    session = afternoon_session
    booking = book_people(session, "police")[0]
    on_the_day = session.starts_at + timedelta(hours=1)
    marked = service.mark_attendance(booking.pk, Attendance.ATTENDED, now=on_the_day)
    assert marked.attendance == Attendance.ATTENDED
    assert marked.attendance_marked_at == on_the_day
    service.mark_attendance(booking.pk, "attended", now=on_the_day + timedelta(minutes=5))
    events = events_for(booking.user, Verb.ATTENDED, session)
    assert events.count() == 1
    assert events.get().occurred_at == session.starts_at
    # Marked absent after all: the register changes, the learning record keeps what it recorded.
    service.mark_attendance(booking.pk, Attendance.ABSENT, now=on_the_day)
    booking.refresh_from_db()
    assert booking.attendance == Attendance.ABSENT
    assert events_for(booking.user, Verb.ATTENDED, session).count() == 1


def test_absent_and_late_cancellation_add_nothing_to_the_learning_record(afternoon_session):
    session = afternoon_session
    absent, late = book_people(session, "police", "health")
    service.mark_attendance(absent.pk, Attendance.ABSENT, now=session.starts_at)
    service.mark_attendance(late.pk, Attendance.LATE_CANCELLATION, now=session.starts_at)
    assert Booking.objects.get(pk=late.pk).attendance == Attendance.LATE_CANCELLATION
    assert not events_for(absent.user, Verb.ATTENDED).exists()
    assert not events_for(late.user, Verb.ATTENDED).exists()
    unmarked = service.mark_attendance(late.pk, Attendance.UNMARKED, now=session.starts_at)
    assert unmarked.attendance == "" and unmarked.attendance_marked_at is None


def test_the_register_opens_on_the_day_of_the_session(refuses):
    starts = datetime(2030, 6, 12, 14, 0, tzinfo=LONDON)
    session = make_session(capacity=4, starts_at=starts)
    booking = book_people(session, "police")[0]
    message = refuses(
        "too-early", session, [booking.user], service.mark_attendance, booking.pk, Attendance.ATTENDED,
        now=datetime(2030, 6, 11, 23, 59, tzinfo=LONDON),
    )  # fmt: skip
    assert message == "The register can be marked from the day of the session, 12 June 2030."
    morning = datetime(2030, 6, 12, 8, 0, tzinfo=LONDON)
    assert service.mark_attendance(booking.pk, Attendance.ATTENDED, now=morning).attendance == "attended"


def test_mark_attendance_refusals(refuses, afternoon_session):
    session = make_session(capacity=1, starts_at=afternoon_session.starts_at)
    booked, waiting = book_people(session, "police", "health")
    on_the_day = session.starts_at
    people = [booked.user, waiting.user]
    refuses("not-confirmed", session, people, service.mark_attendance, waiting.pk, "attended", now=on_the_day)
    refuses(
        "invalid-attendance", session, people, service.mark_attendance, booked.pk, "present", now=on_the_day
    )
    refuses("missing", session, people, service.mark_attendance, 10**9, "attended", now=on_the_day)
    service.cancel_session(session.pk, "Cancelled.")
    refuses("cancelled", session, people, service.mark_attendance, booked.pk, "attended", now=on_the_day)


def test_attendance_of_a_deleted_account_is_kept_without_a_learning_event(afternoon_session):
    session = afternoon_session
    booking = book_people(session, "police")[0]
    Booking.objects.filter(pk=booking.pk).update(user=None)
    marked = service.mark_attendance(booking.pk, Attendance.ATTENDED, now=session.starts_at)
    assert marked.attendance == Attendance.ATTENDED and marked.user is None


# The last line of defence ---------------------------------------------------------------------------


def test_the_database_refuses_more_confirmed_places_than_capacity():
    from django.db import IntegrityError, transaction

    session = make_session(capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(confirmed_count=3)
