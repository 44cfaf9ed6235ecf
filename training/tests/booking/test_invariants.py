"""Random sequences of booking, cancelling, giving places away, changing capacity, promoting
and time passing (the release date, the cancellation cut-off) never break the invariants:

- ``confirmed_count`` is the number of confirmed bookings, never above capacity;
- the confirmed places keep the agency-mix rule (only capacity after the release date);
- nobody has two bookings on a session;
- nobody waits on the waiting list while the rule would give them a place;
- a refused request changes nothing.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from training.booking import service
from training.booking.rules import MixRule
from training.booking.service import BookingError
from training.choices import BookingStatus
from training.models import Booking, Session

from ..session_factories import make_person, make_programme, make_session, make_venue

pytestmark = pytest.mark.django_db

# Fourteen people from four agencies, unevenly.
AGENCIES = ["police"] * 5 + ["health"] * 4 + ["education"] * 3 + ["childrens-social-care"] * 2
PEOPLE = range(len(AGENCIES))

# Most requests are bookings; the list's repeats weight the draw.
KINDS = ["book"] * 8 + ["cancel"] * 3 + ["give"] * 3 + ["capacity"] * 2 + ["promote", "release", "cutoff"]
# (what, who, which colleague, new capacity)
operations = st.tuples(st.sampled_from(KINDS), st.sampled_from(PEOPLE), st.integers(0, 3), st.integers(1, 9))


@pytest.fixture
def cast(no_search_index_updates):
    """People, a programme and a venue, made once for all examples (each makes its own session)."""
    people = [make_person(agency) for agency in AGENCIES]
    return people, make_programme(), make_venue()


def state(session):
    row = Session.objects.values("capacity", "confirmed_count", "status").get(pk=session.pk)
    return row, list(Booking.objects.filter(session=session).order_by("pk").values())


def check_invariants(session, now):
    session.refresh_from_db()
    bookings = list(Booking.objects.filter(session=session).order_by("waitlisted_at", "pk"))
    confirmed = Counter(b.agency_id for b in bookings if b.status == BookingStatus.CONFIRMED)
    assert session.confirmed_count == sum(confirmed.values()) <= session.capacity
    rule = MixRule.for_session(session, now)
    assert rule.holds(confirmed), (rule, confirmed)
    assert len({b.user_id for b in bookings}) == len(bookings)
    waitlist = [(b.pk, b.agency_id) for b in bookings if b.status == BookingStatus.WAITLISTED]
    assert rule.first_allowed(confirmed, waitlist) is None, (rule, confirmed, waitlist)


@settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    capacity=st.integers(4, 8),
    share=st.sampled_from([25, 34, 50, 100]),
    min_agencies=st.integers(1, 4),
    steps=st.lists(operations, min_size=15, max_size=45),
)
def test_random_sequences_never_break_the_invariants(cast, capacity, share, min_agencies, steps):
    people, programme, venue = cast
    start = timezone.now()
    session = make_session(
        programme,
        venue=venue,
        capacity=capacity,
        max_agency_share=share,
        min_agencies=min_agencies,
        mix_release_at=start + timedelta(days=5),
        starts_at=start + timedelta(days=14),
        cancellation_cutoff_at=start + timedelta(days=11),
    )
    now = start
    for step, (operation, who, which, new_capacity) in enumerate(steps):
        now += timedelta(seconds=1)
        before = state(session)
        try:
            if operation == "book":
                person = people[who]
                earlier = Booking.objects.filter(session=session, user=person).first()
                outcome = service.book(session.pk, person, now=now)
                if earlier is not None and earlier.status in (
                    BookingStatus.CONFIRMED,
                    BookingStatus.WAITLISTED,
                ):
                    assert outcome.result == f"already-{earlier.status}"
                    assert state(session) == before
                else:
                    assert outcome.result == outcome.booking.status
            elif operation == "cancel":
                service.cancel(session.pk, people[who], now=now)
            elif operation == "give":
                giver = people[who]
                colleagues = [p for p in people if p.agency_id == giver.agency_id and p != giver]
                if not colleagues:
                    continue
                service.give_place(session.pk, giver, colleagues[which % len(colleagues)].email, now=now)
            elif operation == "capacity":
                service.change_capacity(session.pk, new_capacity, now=now)
            elif operation == "promote":
                service.promote_waitlist(session.pk, now=now)
            else:
                moment = session.mix_release_at if operation == "release" else session.cancellation_cutoff_at
                now = max(now, moment + timedelta(minutes=1))
                service.promote_waitlist(session.pk, now=now)
        except BookingError:
            assert state(session) == before, f"step {step}: {operation} refused but changed something"
        check_invariants(session, now)
