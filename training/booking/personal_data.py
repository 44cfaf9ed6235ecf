"""A person's session bookings in "download my data", and what deleting the account does to them.

Imported from ``TrainingConfig.ready()``.

Deletion keeps the partnership's figures and loses the person. Before the account goes
(``cms.users.personal_data.delete_user``, one transaction):

1. Every booking of theirs that still holds a place or a place in the queue on a session
   that has not started is cancelled through the booking service, so the place is freed
   and offered to the waiting list at once (as the mix rule allows), and the people
   promoted are told. Before the cancellation cut-off this is an ordinary cancellation.
   From the cut-off on, an ordinary cancellation is refused (a late place is counted
   against the person's agency, which partnerships charge for), but a deleted account can
   never come, nor give the place to a colleague: leaving the place held would only waste
   it. So the service cancels it anyway and records it as a late cancellation
   (``cancel(..., account_deleted=True)``): the room gets the place back and the agency's
   non-attendance figures are what they would have been had the person phoned the trainer.
2. Every booking of theirs loses its access needs and its link to them (``user`` empty).
   The row keeps the session, the agency booked for, the status and the attendance, so
   attendance and non-attendance counts per agency survive, anonymised.

Their learning-record events (booked, attended) go with the account
(``cms.learning_record``). A session's ``created_by`` (the trainer who scheduled it) is on
the allow-list: on deletion it becomes empty and the session keeps nothing about them.
"""

from django.utils import timezone

from cms.users.personal_data import (
    declare_not_personal,
    register_anonymiser,
    register_exporter,
    register_personal_data,
)

from ..choices import BookingStatus, SessionStatus
from ..models import Booking, Session

SECTION = "session_bookings"


@register_exporter(SECTION)
def export_bookings(user):
    """Every booking of the person's, oldest first: what, when, where, and what happened."""
    bookings = (
        Booking.objects.filter(user=user)
        .select_related("session__venue", "session__programme", "agency")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session": booking.session.title,
            "programme": booking.session.programme.title,
            "starts_at": booking.session.starts_at.isoformat(),
            "ends_at": booking.session.ends_at.isoformat(),
            "venue": booking.session.venue.name,
            "venue_address": booking.session.venue.address,
            "session_cancelled": booking.session.status == SessionStatus.CANCELLED,
            "agency": booking.agency.name,
            "status": booking.get_status_display(),
            "attendance": booking.get_attendance_display() if booking.attendance else None,
            "access_needs": booking.access_needs,
            "booked_at": booking.created_at.isoformat(),
            "waitlisted_at": _iso(booking.waitlisted_at),
            "confirmed_at": _iso(booking.confirmed_at),
            "offered_from_waiting_list_at": _iso(booking.promoted_at),
            "cancelled_at": _iso(booking.cancelled_at),
            "reminder_sent_at": _iso(booking.reminder_sent_at),
        }
        for booking in bookings
    ]


def _iso(moment):
    return moment.isoformat() if moment else None


@register_anonymiser
def anonymise_bookings(user, now=None):
    """Free the person's places on sessions to come, then detach every booking from them."""
    from . import service

    now = now or timezone.now()
    upcoming = (
        Booking.objects.filter(
            user=user,
            status__in=(BookingStatus.CONFIRMED, BookingStatus.WAITLISTED),
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gt=now,
        )
        .order_by("session_id")
        .values_list("session_id", flat=True)
    )
    for session_id in list(upcoming):
        service.cancel(session_id, user, now=now, account_deleted=True)
    Booking.objects.filter(user=user).update(user=None, access_needs="")


register_personal_data(Booking, export=SECTION, erase=anonymise_bookings, user_fields=("user",))
declare_not_personal(
    Session,
    user_fields=("created_by",),
    reason=(
        "Which trainer scheduled a session, for the trainers' own records; SET_NULL on deletion "
        "leaves the session with nothing about them."
    ),
)
