"""Trainers' tools in the admin. Helpers shared by these tests.

Bookings are set up as rows here (test data, not application code), so a test decides
exactly who holds which place; the pages under test change them only through the
booking service.
"""

from django.db.models import F
from django.utils import timezone

from cms.users import roles
from training.choices import BookingStatus
from training.models import Booking, Session
from training.tests.session_factories import make_person


def confirm(session, person=None, *, agency="police", **fields):
    """A confirmed place on `session` for `person` (a new practitioner of `agency` if None)."""
    person = person or make_person(agency)
    now = timezone.now()
    booking = Booking.objects.create(
        session=session,
        user=person,
        agency=person.agency,
        status=BookingStatus.CONFIRMED,
        confirmed_at=fields.pop("confirmed_at", now),
        **fields,
    )
    Session.objects.filter(pk=session.pk).update(confirmed_count=F("confirmed_count") + 1)
    session.refresh_from_db()
    return booking


def wait(session, person=None, *, agency="police", at=None, **fields):
    """A place on the waiting list of `session`, joined at `at` (now if None)."""
    person = person or make_person(agency)
    return Booking.objects.create(
        session=session,
        user=person,
        agency=person.agency,
        status=BookingStatus.WAITLISTED,
        waitlisted_at=at or timezone.now(),
        **fields,
    )


def trainer_user():
    return make_person("childrens-social-care", role=roles.TRAINER, display_name="Tara Trainer")
