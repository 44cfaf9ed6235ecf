"""Induction programmes, venues, sessions and the practitioners who book them, for tests.

Times are relative to now unless given: by default a session starts in 14 days, runs
for three hours, is open for booking (opened a day ago, closes a day before it starts),
may be cancelled up to three days before, and keeps the partnership's usual mix (no
agency over half the places, at least three agencies, never released).
"""

import itertools
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.taxonomy.models import Agency
from cms.users import roles
from cms.users.models import User
from training.models import InductionProgrammePage, Session, Venue
from training.programme_setup import ensure_programme_index

_counter = itertools.count(1)


def make_programme(title=None, *, live=True, **fields):
    number = next(_counter)
    index = ensure_programme_index()
    page = InductionProgrammePage(
        title=title or f"Joint induction {number}",
        slug=f"joint-induction-{number}",
        summary=fields.pop("summary", "New starters from every agency learn each other's services together."),
        audience=fields.pop("audience", "New starters in the partnership area, from any agency."),
        live=live,
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def make_venue(name=None, **fields):
    number = next(_counter)
    fields.setdefault("address", f"{number} Civic Way, Leeds LS1 1AA")
    fields.setdefault("accessibility", "Step-free access from the car park. Hearing loop in the main room.")
    return Venue.objects.create(name=name or f"Civic Centre room {number}", **fields)


def make_session(
    programme=None,
    *,
    capacity=12,
    starts_in=timedelta(days=14),
    length=timedelta(hours=3),
    opened_ago=timedelta(days=1),
    closes_before=timedelta(days=1),
    cutoff_before=timedelta(days=3),
    **fields,
):
    now = timezone.now()
    starts_at = fields.pop("starts_at", now + starts_in)
    fields.setdefault("title", f"Co-located induction day {next(_counter)}")
    fields.setdefault("facilitator", "Partnership training lead")
    return Session.objects.create(
        programme=programme or make_programme(),
        venue=fields.pop("venue", None) or make_venue(),
        capacity=capacity,
        starts_at=starts_at,
        ends_at=fields.pop("ends_at", starts_at + length),
        booking_opens_at=fields.pop("booking_opens_at", now - opened_ago),
        booking_closes_at=fields.pop("booking_closes_at", starts_at - closes_before),
        cancellation_cutoff_at=fields.pop("cancellation_cutoff_at", starts_at - cutoff_before),
        **fields,
    )


def make_person(agency="police", *, role=roles.PRACTITIONER, email=None, **fields):
    """A signed-up person of `role` whose profile names `agency` (a slug, or None)."""
    number = next(_counter)
    email = email or f"{agency or 'no-agency'}-{number}@example.org"
    user = User.objects.create_user(
        email=email,
        password="a-long-test-password",
        display_name=fields.pop("display_name", f"Person {number}"),
        agency=Agency.objects.get(slug=agency) if agency else None,
        **fields,
    )
    user.groups.add(Group.objects.get(name=role))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def book_people(session, *agencies, now=None):
    """One new practitioner per agency slug books `session` through the booking service, in
    order; their bookings (confirmed or waitlisted, as the rule decides)."""
    from training.booking import service

    return [service.book(session.pk, make_person(agency), now=now).booking for agency in agencies]
