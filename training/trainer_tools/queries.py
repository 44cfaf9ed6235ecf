"""What the trainers' pages read: a session's bookings in order, its agency mix at a
glance, and non-attendance counted against each home agency (read only)."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from cms.taxonomy.models import Agency

from ..booking.rules import MixRule
from ..choices import Attendance, BookingStatus, SessionStatus
from ..models import Booking

NON_ATTENDANCE = (Attendance.ABSENT, Attendance.LATE_CANCELLATION)


def confirmed_bookings(session):
    return (
        session.bookings.confirmed()
        .select_related("user", "agency")
        .order_by("confirmed_at", "created_at", "pk")
    )


def waitlist(session):
    return session.bookings.waitlist().select_related("user", "agency")


def other_bookings(session):
    """Cancelled bookings (by the person, or by the session being cancelled)."""
    return (
        session.bookings.exclude(status__in=[BookingStatus.CONFIRMED, BookingStatus.WAITLISTED])
        .select_related("user", "agency")
        .order_by("created_at", "pk")
    )


@dataclass
class AgencyRow:
    agency: Agency
    confirmed: int
    waiting: int
    limit: int | None  # None once places are open to any agency

    @property
    def at_limit(self):
        return self.limit is not None and self.confirmed >= self.limit


@dataclass
class AgencyMix:
    rows: list
    capacity: int
    confirmed: int
    distinct: int  # agencies with a confirmed place
    wanted: int  # distinct agencies the rule holds places for
    agency_limit: int
    released: bool
    release_at: object

    @property
    def places_left(self):
        return max(0, self.capacity - self.confirmed)

    @property
    def agencies_missing(self):
        return max(0, self.wanted - self.distinct)


def agency_mix(session, confirmed, waiting, now=None):
    """The mix of ``session`` from its confirmed bookings and waiting list (lists of Booking)."""
    rule = MixRule.for_session(session, now or timezone.now())
    held = Counter(booking.agency_id for booking in confirmed)
    queued = Counter(booking.agency_id for booking in waiting)
    agencies = {booking.agency_id: booking.agency for booking in [*confirmed, *waiting]}
    rows = [
        AgencyRow(
            agency=agency,
            confirmed=held[agency.pk],
            waiting=queued[agency.pk],
            limit=None if rule.released else rule.agency_limit,
        )
        for agency in sorted(agencies.values(), key=lambda agency: (agency.sort_order, agency.name))
    ]
    return AgencyMix(
        rows=rows,
        capacity=session.capacity,
        confirmed=session.confirmed_count,
        distinct=sum(1 for count in held.values() if count),
        wanted=rule.agencies_wanted,
        agency_limit=rule.agency_limit,
        released=rule.released,
        release_at=session.mix_release_at,
    )


@dataclass
class NonAttendanceRow:
    agency: str
    absent: int
    late: int
    sessions: int

    @property
    def total(self):
        return self.absent + self.late


def non_attendance(*, start=None, end=None, session=None):
    """Absences and late cancellations per home agency (the agency booked for), on sessions
    that went ahead, optionally those starting between two dates (inclusive, local time)."""
    bookings = Booking.objects.filter(attendance__in=NON_ATTENDANCE).exclude(
        session__status=SessionStatus.CANCELLED
    )
    if session is not None:
        bookings = bookings.filter(session=session)
    if start is not None:
        bookings = bookings.filter(session__starts_at__date__gte=start)
    if end is not None:
        bookings = bookings.filter(session__starts_at__date__lte=end)
    counts = (
        bookings.values("agency__name", "agency__sort_order")
        .annotate(
            absent=Count("pk", filter=Q(attendance=Attendance.ABSENT)),
            late=Count("pk", filter=Q(attendance=Attendance.LATE_CANCELLATION)),
            sessions=Count("session", distinct=True),
        )
        .order_by("agency__sort_order", "agency__name")
    )
    return [
        NonAttendanceRow(
            agency=row["agency__name"], absent=row["absent"], late=row["late"], sessions=row["sessions"]
        )
        for row in counts
    ]


def attendance_counts(bookings):
    """How many of ``bookings`` are marked each way, and not yet marked."""
    marks = Counter(booking.attendance for booking in bookings)
    return {
        "attended": marks[Attendance.ATTENDED],
        "absent": marks[Attendance.ABSENT],
        "late": marks[Attendance.LATE_CANCELLATION],
        "unmarked": marks[Attendance.UNMARKED],
    }
