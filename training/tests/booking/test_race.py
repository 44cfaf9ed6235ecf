"""Many people book the same session at the same moment: no overbooking, ever.

Each thread is a different practitioner with its own database connection and
transaction, as concurrent web requests are. Run on SQLite by default and on PostgreSQL
when DATABASE_URL names one (CI runs both).
"""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from training.booking import service
from training.booking.notifications import Notice
from training.booking.rules import MixRule
from training.choices import BookingStatus
from training.models import Booking
from training.tests.session_factories import make_person, make_session

pytestmark = [pytest.mark.database_sensitive, pytest.mark.django_db(transaction=True)]

# Uneven on purpose: the two biggest agencies could fill the room on their own.
SPREAD = {"police": 20, "health": 15, "education": 12, "childrens-social-care": 8, "early-help": 5}


@pytest.fixture
def notices(monkeypatch):
    """Notifications queued by the service, as (notice, booking id) pairs, from any thread."""
    sent = []
    lock = threading.Lock()

    def record(notice, booking_ids, *, message=""):
        with lock:
            sent.extend((notice, booking_id) for booking_id in booking_ids)

    monkeypatch.setattr(service, "notify", record)
    return sent


def _at_once(calls):
    """Run every call in its own thread, all released together; results in order, and seconds taken."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=60)
            return call()
        finally:
            connection.close()  # each thread's own connection

    started = time.perf_counter()
    with ThreadPoolExecutor(len(calls)) as pool:
        results = list(pool.map(run, calls))
    return results, time.perf_counter() - started


def _confirmed_per_agency(session):
    return Counter(
        Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).values_list(
            "agency_id", flat=True
        )
    )


def test_sixty_people_booking_twelve_places_at_once(notices):
    session = make_session(capacity=12)  # no agency over half, at least three agencies
    people = [make_person(agency) for agency, number in SPREAD.items() for _ in range(number)]

    outcomes, seconds = _at_once(
        [lambda person=person: service.book(session.pk, person) for person in people]
    )

    results = Counter(outcome.result for outcome in outcomes)
    figures = f"{results['confirmed']} confirmed, {results['waitlisted']} waitlisted, {seconds:.2f}s"
    print(f"\n{connection.vendor}: {figures}")
    assert results == {"confirmed": 12, "waitlisted": 48}
    session.refresh_from_db()
    bookings = Booking.objects.filter(session=session)
    assert bookings.filter(status=BookingStatus.CONFIRMED).count() == 12 == session.confirmed_count
    assert bookings.filter(status=BookingStatus.WAITLISTED).count() == 48
    assert {b.user_id for b in bookings} == {person.pk for person in people}
    confirmed = _confirmed_per_agency(session)
    assert MixRule.for_session(session, timezone.now()).holds(confirmed)
    assert max(confirmed.values()) <= 6 and len(confirmed) >= 3
    # What each person was told matches what they got.
    told = {booking_id: notice for notice, booking_id in notices}
    assert len(told) == len(notices) == 60
    for outcome in outcomes:
        expected = Notice.CONFIRMED if outcome.result == "confirmed" else Notice.WAITLISTED
        assert told[outcome.booking.pk] == expected


def test_cancellations_and_bookings_at_once_keep_every_invariant(notices):
    """People cancel (places and waiting-list places) while others book: the waiting list
    is promoted under the mix rule and nobody is left waiting whom the rule would let in."""
    session = make_session(capacity=12)
    booked = [
        service.book(session.pk, make_person(agency)).booking for agency in ["police"] * 6 + ["health"] * 6
    ]
    waiting = [service.book(session.pk, make_person(agency)).booking for agency in ["police", "health"] * 3]
    # The last place is held for a third agency: police and health wait however early they came.
    assert [b.status for b in booked[:11]] == [BookingStatus.CONFIRMED] * 11
    assert {b.status for b in booked[11:] + waiting} == {BookingStatus.WAITLISTED}
    newcomers = [make_person(agency) for agency in ["education"] * 6 + ["early-help"] * 4 + ["police"] * 4]
    leaving = booked[:3] + booked[6:9] + waiting[:2]
    notices.clear()

    calls = [lambda b=b: service.cancel(session.pk, b.user) for b in leaving]
    calls += [lambda p=p: service.book(session.pk, p) for p in newcomers]
    outcomes, seconds = _at_once(calls)

    print(f"\n{connection.vendor}: {len(calls)} cancels and bookings at once, {seconds:.2f}s")
    assert [o.result for o in outcomes[: len(leaving)]] == ["cancelled"] * len(leaving)
    assert {o.result for o in outcomes[len(leaving) :]} <= {"confirmed", "waitlisted"}
    session.refresh_from_db()
    bookings = list(Booking.objects.filter(session=session).order_by("waitlisted_at", "pk"))
    confirmed = Counter(b.agency_id for b in bookings if b.status == BookingStatus.CONFIRMED)
    assert session.confirmed_count == sum(confirmed.values()) <= 12
    rule = MixRule.for_session(session, timezone.now())
    assert rule.holds(confirmed)
    queue = [(b.pk, b.agency_id) for b in bookings if b.status == BookingStatus.WAITLISTED]
    assert rule.first_allowed(confirmed, queue) is None
    assert {b.pk for b in bookings if b.status == BookingStatus.CANCELLED} == {b.pk for b in leaving}
    assert len(bookings) == len(booked) + len(waiting) + len(newcomers)
    # Everyone who got a place was told so, once: by a confirmation or an offer.
    told = Counter((notice, booking_id) for notice, booking_id in notices)
    assert set(told.values()) == {1}
    placed = {b.pk for b in bookings if b.status == BookingStatus.CONFIRMED} - {b.pk for b in booked[:11]}
    offered = {pk for notice, pk in told if notice in (Notice.CONFIRMED, Notice.OFFERED)}
    assert placed == offered - {b.pk for b in leaving}  # someone waiting may be offered a place, then leave
    assert {pk for notice, pk in told if notice == Notice.CANCELLED} == {b.pk for b in leaving}
