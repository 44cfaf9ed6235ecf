"""Every change to a session's bookings goes through here, one session at a time.

Each function runs in one transaction that first locks the session's row
(``select_for_update``; on SQLite our settings begin every transaction IMMEDIATE, which
takes the database write lock first, the same one-at-a-time), re-reads the bookings,
applies ``rules.MixRule`` and keeps ``Session.confirmed_count`` in step, so no two
requests can both take the last place. Emails go out after the transaction commits
(``notifications``). Attendance and bookings reach the learning record through
``cms.learning_record.api.record_event``.

Bad input raises ``BookingError`` with a message for the person and changes nothing.

CONTRACT:

    book(session_id, user, *, access_needs="", now=None) -> Outcome
    cancel(session_id, user, *, now=None, account_deleted=False) -> Outcome
    give_place(session_id, user, colleague_email, *, now=None) -> Outcome  # substitution
    promote_waitlist(session_id, *, now=None) -> list[Booking]
    change_capacity(session_id, capacity, *, now=None) -> list[Booking]  # promoted
    session_changed(session_id) -> None        # trainer edited time/venue: SEQUENCE + 1, tell everyone
    cancel_session(session_id, reason, *, by=None, now=None) -> int  # everyone told
    mark_attendance(booking_id, attendance, *, by=None, now=None) -> Booking

Times: ``now`` defaults to ``timezone.now()`` and every time check uses it. Booking is open
from ``booking_opens_at`` (inclusive) until ``booking_closes_at`` (exclusive); a session
has started from ``starts_at``; a confirmed place can be cancelled until
``cancellation_cutoff_at`` (exclusive). After that it can still be given to a colleague,
until the session starts.

The waiting list is first come, first served (``waitlisted_at``, then id), but the mix
rule applies to promotion as to booking: the first person in the queue whom the rule
allows gets the place, and people the rule blocks keep their turn. Every change that can
free a place (a cancellation, a larger capacity, the release date passing, a new booking
arriving after it) promotes in the same transaction, so nobody waits while the rule
would let them in.

Personal data: access needs are kept only while they can be useful; a cancelled booking
(by the person, a colleague taking the place or the session being cancelled) loses them.
"""

import dataclasses
import random
import time
from dataclasses import dataclass, field
from functools import partial, wraps

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import OperationalError, transaction
from django.db.models import Count, F
from django.utils import timezone

from cms.learning_record.api import Verb, record_event
from cms.taxonomy.models import Agency

from ..choices import Attendance, BookingStatus, SessionStatus
from ..models import Booking, Session
from ..models.sessions import MAX_CAPACITY
from .notifications import Notice, notify
from .rules import MixRule

ACCESS_NEEDS_MAX = 500
REASON_MAX = 600
# How long to keep retrying a transaction SQLite refused with "locked" (see _serialised).
LOCK_RETRY_SECONDS = 30

_ACTIVE = (BookingStatus.CONFIRMED, BookingStatus.WAITLISTED)


class BookingError(Exception):
    """A request that cannot be met; ``message`` is shown to the person as it is."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Outcome:
    booking: object  # the person's Booking
    result: str  # "confirmed", "waitlisted", "already-confirmed", "already-waitlisted", "cancelled", "given"
    reason: str = ""  # why waitlisted (rules.Refusal.message)
    promoted: list = field(default_factory=list)  # bookings that got a place as a result


# One transaction per call, the session's row locked first -----------------------------------


def _serialised(fn):
    """Run `fn` in its own transaction; on SQLite, retry it while the database is locked.

    On PostgreSQL the session's row lock makes concurrent calls wait their turn. On SQLite
    the IMMEDIATE transaction waits for the write lock (the ``timeout`` in our settings),
    except on a shared-cache in-memory database (the test database), where a connection
    that meets another's lock fails at once with "database table is locked". Then the
    whole call is simply run again: its transaction was rolled back, so nothing was
    written and no email queued. A call made inside an outer transaction cannot be
    retried (the outer one is broken), so its error goes up as it is.
    """

    @wraps(fn)
    def wrapper(*args, **kwargs):
        connection = transaction.get_connection()
        retry = connection.vendor == "sqlite" and not connection.in_atomic_block
        deadline = time.monotonic() + LOCK_RETRY_SECONDS
        while True:
            try:
                with transaction.atomic():
                    return fn(*args, **kwargs)
            except OperationalError as error:
                if not (retry and "locked" in str(error) and time.monotonic() < deadline):
                    raise
            time.sleep(random.uniform(0.001, 0.01))

    return wrapper


def _lock_session(session_id):
    try:
        return Session.objects.select_for_update().get(pk=session_id)
    except (Session.DoesNotExist, ValueError, TypeError):
        raise BookingError(
            "We could not find that session. It may have been removed: choose another session "
            "from the programme page.",
            "missing",
        ) from None


def _confirmed_counts(session):
    """Confirmed places per agency id."""
    rows = (
        Booking.objects.confirmed()
        .filter(session=session)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    return dict(rows)


def _sync_count(session):
    """Keep ``confirmed_count`` equal to the confirmed bookings (the database refuses more than capacity)."""
    count = Booking.objects.confirmed().filter(session=session).count()
    if count != session.confirmed_count:
        Session.objects.filter(pk=session.pk).update(confirmed_count=count)
        session.confirmed_count = count
    return count


def _notify_later(notice, bookings, *, message=""):
    ids = [booking.pk for booking in bookings]
    if ids:
        transaction.on_commit(partial(notify, notice, ids, message=message))


def _now(now):
    return timezone.now() if now is None else now


def _when(moment):
    """`3 March 2027 at 09:00`, in the site's time zone."""
    local = timezone.localtime(moment)
    return f"{_day(local)} at {local:%H:%M}"


def _day(moment):
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"


def _require_person(user, message):
    if user is None or not user.is_authenticated:
        raise BookingError(message, "not-signed-in")


def _require_scheduled(session, message):
    if session.status == SessionStatus.CANCELLED:
        raise BookingError(message, "cancelled")


def _require_not_started(session, now, message):
    if now >= session.starts_at:
        raise BookingError(message, "past")


def _clean_access_needs(text):
    text = (text or "").strip()
    if len(text) > ACCESS_NEEDS_MAX:
        raise BookingError(
            f"Access needs must be {ACCESS_NEEDS_MAX} characters or fewer (you entered {len(text)}). "
            "Shorten them, or tell the trainer the rest when you arrive.",
            "access-needs-too-long",
        )
    return text


# Promotion from the waiting list ---------------------------------------------------------------


def _promote(session, now):
    """Give free places to the first people in the queue whom the rule allows, one at a time."""
    if session.status == SessionStatus.CANCELLED or now >= session.starts_at:
        return []
    rule = MixRule.for_session(session, now)
    counts = _confirmed_counts(session)
    # People whose account was deleted keep their row for the counts, never a place.
    waitlist = list(
        Booking.objects.filter(session=session, user__isnull=False).waitlist().values_list("pk", "agency_id")
    )
    chosen = []
    while (pick := rule.first_allowed(counts, waitlist)) is not None:
        waitlist.remove(pick)
        pk, agency_id = pick
        counts[agency_id] = counts.get(agency_id, 0) + 1
        chosen.append(pk)
    if not chosen:
        return []
    Booking.objects.filter(pk__in=chosen).update(
        status=BookingStatus.CONFIRMED, confirmed_at=now, promoted_at=now
    )
    by_pk = Booking.objects.select_related("user").in_bulk(chosen)
    promoted = [by_pk[pk] for pk in chosen]
    for booking in promoted:
        record_event(booking.user, Verb.BOOKED, session)
    _sync_count(session)
    _notify_later(Notice.OFFERED, promoted)
    return promoted


# The person's side -------------------------------------------------------------------------------


def book(session_id, user, *, access_needs="", now=None):
    """Book `user` a place, or a place on the waiting list when the room or the mix says no.

    Booking again while booked or waiting returns the existing booking unchanged
    (``already-confirmed`` / ``already-waitlisted``); a cancelled booking is reopened.
    """
    _require_person(user, "Sign in to book a place on a session.")
    access_needs = _clean_access_needs(access_needs)
    return _book(session_id, user, access_needs, _now(now))


@_serialised
def _book(session_id, user, access_needs, now):
    session = _lock_session(session_id)
    booking = Booking.objects.filter(session=session, user=user).first()
    if booking is not None and booking.status == BookingStatus.CONFIRMED:
        return Outcome(booking, "already-confirmed")
    if booking is not None and booking.status == BookingStatus.WAITLISTED:
        return Outcome(booking, "already-waitlisted")
    _require_scheduled(
        session, "This session has been cancelled, so it cannot be booked. Choose another session."
    )
    _require_not_started(
        session,
        now,
        "This session has already started, so it can no longer be booked. Choose a later session.",
    )
    if now < session.booking_opens_at:
        raise BookingError(
            "Booking for this session has not opened yet. "
            f"Booking opens on {_when(session.booking_opens_at)}.",
            "not-open",
        )
    if now >= session.booking_closes_at:
        raise BookingError(
            f"Booking for this session closed on {_when(session.booking_closes_at)}. "
            "Choose a later session, or contact the trainer if you still need a place.",
            "closed",
        )
    if user.agency_id is None:
        raise BookingError(
            "Add your agency to your profile, then book again. Places are shared between agencies, "
            "so we need to know which one you work for.",
            "no-agency",
        )
    # Anyone the rule already lets in (say the release date has just passed) goes first.
    promoted = _promote(session, now)
    refusal = MixRule.for_session(session, now).refusal(_confirmed_counts(session), user.agency_id)
    if booking is None:
        booking = Booking(session=session, user=user)
    booking.agency_id = user.agency_id
    booking.access_needs = access_needs
    booking.attendance = Attendance.UNMARKED
    booking.attendance_marked_at = booking.cancelled_at = booking.promoted_at = None
    booking.reminder_sent_at = None
    if refusal is None:
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at, booking.waitlisted_at = now, None
    else:
        booking.status = BookingStatus.WAITLISTED
        booking.waitlisted_at, booking.confirmed_at = now, None
    booking.save()
    if refusal is None:
        record_event(user, Verb.BOOKED, session)
        _sync_count(session)
        _notify_later(Notice.CONFIRMED, [booking])
        return Outcome(booking, "confirmed", promoted=promoted)
    _notify_later(Notice.WAITLISTED, [booking])
    return Outcome(booking, "waitlisted", reason=refusal.message, promoted=promoted)


def cancel(session_id, user, *, now=None, account_deleted=False):
    """Cancel `user`'s place, or take them off the waiting list, and promote from the queue.

    A confirmed place cannot be cancelled from the cut-off on (the person can give it to a
    colleague instead); leaving the waiting list is allowed until the session starts.

    ``account_deleted=True`` is for the account-deletion anonymiser: a deleted account can
    never come, so its place is freed even after the cut-off (and then marked a late
    cancellation, which counts against the agency like any other), and nobody is told
    and nothing goes in the learning record of an account being erased.
    """
    _require_person(user, "Sign in to cancel a booking.")
    return _cancel(session_id, user, _now(now), account_deleted)


@_serialised
def _cancel(session_id, user, now, account_deleted):
    session = _lock_session(session_id)
    _require_scheduled(
        session, "This session has been cancelled by the trainer, so there is nothing to cancel."
    )
    booking = Booking.objects.filter(session=session, user=user, status__in=_ACTIVE).first()
    if booking is None:
        raise BookingError(
            "You do not have a booking on this session, so there is nothing to cancel.", "no-booking"
        )
    _require_not_started(
        session,
        now,
        "This session has already started, so your booking can no longer be cancelled. "
        "Contact the trainer if you could not attend.",
    )
    was_confirmed = booking.status == BookingStatus.CONFIRMED
    late = was_confirmed and now >= session.cancellation_cutoff_at
    if late and not account_deleted:
        raise BookingError(
            f"The cancellation cut-off for this session was {_when(session.cancellation_cutoff_at)}, "
            "so your place can no longer be cancelled online. "
            "You can give your place to a colleague from your agency, or contact the trainer.",
            "after-cutoff",
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.access_needs = ""
    if late:
        booking.attendance, booking.attendance_marked_at = Attendance.LATE_CANCELLATION, now
    booking.save(
        update_fields=["status", "cancelled_at", "access_needs", "attendance", "attendance_marked_at"]
    )
    if was_confirmed:
        if not account_deleted:
            record_event(user, Verb.CANCELLED_BOOKING, session)
        _sync_count(session)
    if not account_deleted:
        _notify_later(Notice.CANCELLED, [booking])
    promoted = _promote(session, now)
    return Outcome(booking, "cancelled", promoted=promoted)


NO_COLLEAGUE = (
    "We could not find a colleague from your agency with that email address. They need an account "
    "on this site with the same agency in their profile."
)


def give_place(session_id, user, colleague_email, *, now=None):
    """Give `user`'s confirmed place to a colleague of the same agency (so the mix is unchanged).

    The colleague needs an account with that email address verified and the booking's
    agency in their profile. Allowed after the cancellation cut-off, not once the session
    has started. A colleague's waiting-list or cancelled booking on the session is reused.
    """
    _require_person(user, "Sign in to give your place to a colleague.")
    email = (colleague_email or "").strip()
    if not email:
        raise BookingError("Enter the email address of the colleague who will take your place.", "no-email")
    return _give_place(session_id, user, email, _now(now))


@_serialised
def _give_place(session_id, user, email, now):
    session = _lock_session(session_id)
    _require_scheduled(
        session, "This session has been cancelled by the trainer, so there is no place to give."
    )
    _require_not_started(
        session, now, "This session has already started, so your place can no longer be given to a colleague."
    )
    booking = Booking.objects.filter(session=session, user=user, status=BookingStatus.CONFIRMED).first()
    if booking is None:
        raise BookingError(
            "You do not have a confirmed place on this session, so there is no place to give.", "no-booking"
        )
    own = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    if email.lower() in {user.email.lower(), *(address.lower() for address in own)}:
        raise BookingError(
            "That is your own email address. "
            "Enter the email address of the colleague who will take your place.",
            "self",
        )
    colleague = (
        get_user_model()
        .objects.filter(
            is_active=True,
            agency_id=booking.agency_id,
            emailaddress__email__iexact=email,
            emailaddress__verified=True,
        )
        .exclude(pk=user.pk)
        .first()
    )
    if colleague is None:
        raise BookingError(NO_COLLEAGUE, "no-colleague")
    theirs = Booking.objects.filter(session=session, user=colleague).first()
    if theirs is not None and theirs.status == BookingStatus.CONFIRMED:
        raise BookingError(
            "Your colleague already has a place on this session. "
            "Enter the email address of another colleague, or keep your place.",
            "colleague-booked",
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.access_needs = ""
    booking.save(update_fields=["status", "cancelled_at", "access_needs"])
    if theirs is None:
        theirs = Booking(session=session, user=colleague)
    elif theirs.status != BookingStatus.WAITLISTED:
        theirs.access_needs = ""  # a cancelled booking's were deleted; they can tell the trainer
    theirs.agency_id = booking.agency_id
    theirs.status = BookingStatus.CONFIRMED
    theirs.confirmed_at = now
    theirs.attendance = Attendance.UNMARKED
    theirs.attendance_marked_at = theirs.cancelled_at = theirs.promoted_at = theirs.reminder_sent_at = None
    theirs.save()
    record_event(user, Verb.CANCELLED_BOOKING, session)
    record_event(colleague, Verb.BOOKED, session)
    _sync_count(session)
    _notify_later(Notice.CANCELLED, [booking])
    _notify_later(Notice.CONFIRMED, [theirs])
    promoted = _promote(session, now)
    return Outcome(booking, "given", promoted=promoted)


# The trainer's side ------------------------------------------------------------------------------


def promote_waitlist(session_id, *, now=None):
    """Offer every place the rule allows to the waiting list, in queue order; the bookings promoted.

    Runs by itself after each cancellation and capacity increase; the release-date task and
    the trainer call it too. Nothing happens for a cancelled or started session.
    """
    return _promote_waitlist(session_id, _now(now))


@_serialised
def _promote_waitlist(session_id, now):
    return _promote(_lock_session(session_id), now)


def change_capacity(session_id, capacity, *, now=None):
    """Set the session's capacity; promote from the waiting list if places were added.

    Refused below the places already booked (``below-bookings``), or where the places
    booked would no longer keep the mix rule with the new number of places (``breaks-mix``).
    """
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= MAX_CAPACITY:
        raise BookingError(f"Enter a capacity between 1 and {MAX_CAPACITY} places.", "invalid-capacity")
    return _change_capacity(session_id, capacity, _now(now))


@_serialised
def _change_capacity(session_id, capacity, now):
    session = _lock_session(session_id)
    _require_scheduled(session, "This session has been cancelled, so its capacity cannot be changed.")
    counts = _confirmed_counts(session)
    booked = sum(counts.values())
    if capacity < booked:
        places = "1 place is" if booked == 1 else f"{booked} places are"
        raise BookingError(
            f"{places} booked: the capacity cannot go below {booked}. Cancel bookings first, "
            f"or choose a capacity of {booked} or more.",
            "below-bookings",
        )
    rule = dataclasses.replace(MixRule.for_session(session, now), capacity=capacity)
    if not rule.holds(counts):
        raise BookingError(_mix_broken(rule, counts), "breaks-mix")
    if capacity != session.capacity:
        Session.objects.filter(pk=session.pk).update(capacity=capacity)
        session.capacity = capacity
    return _promote(session, now)


def _mix_broken(rule, counts):
    """Why the places booked break `rule` (which holds within capacity, so share or agencies)."""
    over = [agency_id for agency_id, n in counts.items() if n > rule.agency_limit]
    if over:
        names = dict(Agency.objects.filter(pk__in=over).values_list("pk", "name"))
        held = ", ".join(f"{names.get(a, 'an agency')} has {counts[a]}" for a in sorted(over, key=str))
        return (
            f"With {rule.capacity} places, no agency may have more than {rule.agency_limit} "
            f"({rule.max_agency_share}% of the places), but {held}. Choose a larger capacity, "
            "cancel bookings first, or change the agency mix."
        )
    missing = rule.agencies_wanted - sum(1 for n in counts.values() if n)
    free = rule.capacity - sum(counts.values())
    return (
        f"With {rule.capacity} places, only {free} would be left for the {missing} more agencies the session "
        f"needs (at least {rule.agencies_wanted} agencies). "
        "Choose a larger capacity, or change the agency mix."
    )


def session_changed(session_id):
    """The trainer changed what a calendar shows (time, venue): raise the iCalendar SEQUENCE
    and tell everyone booked or waiting. Nothing for a cancelled session."""
    return _session_changed(session_id)


@_serialised
def _session_changed(session_id):
    session = _lock_session(session_id)
    if session.status == SessionStatus.CANCELLED:
        return
    Session.objects.filter(pk=session.pk).update(sequence=F("sequence") + 1)
    told = list(Booking.objects.filter(session=session, status__in=_ACTIVE).order_by("pk"))
    _notify_later(Notice.SESSION_CHANGED, told)


def cancel_session(session_id, reason, *, by=None, now=None):
    """Cancel the session: every booking and waiting-list place ends and everyone is told
    (`reason` goes in the email). Returns how many people were told. ``by`` (the trainer)
    is not stored."""
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(
            "Give a reason for cancelling the session: everyone booked is told it.", "reason-required"
        )
    if len(reason) > REASON_MAX:
        raise BookingError(
            f"The reason must be {REASON_MAX} characters or fewer (you entered {len(reason)}). Shorten it.",
            "reason-too-long",
        )
    return _cancel_session(session_id, reason, _now(now))


@_serialised
def _cancel_session(session_id, reason, now):
    session = _lock_session(session_id)
    if session.status == SessionStatus.CANCELLED:
        raise BookingError(
            f"This session was already cancelled on {_when(session.cancelled_at or session.updated_at)}.",
            "already-cancelled",
        )
    _require_not_started(session, now, "This session has already started, so it can no longer be cancelled.")
    told = list(Booking.objects.filter(session=session, status__in=_ACTIVE).order_by("pk"))
    Booking.objects.filter(pk__in=[b.pk for b in told]).update(
        status=BookingStatus.SESSION_CANCELLED, cancelled_at=now, access_needs=""
    )
    Session.objects.filter(pk=session.pk).update(sequence=F("sequence") + 1)
    session.status = SessionStatus.CANCELLED
    session.cancelled_at = now
    session.cancellation_reason = reason
    session.confirmed_count = 0
    # A save (not an update) so the search index hears the session is cancelled.
    session.save(
        update_fields=["status", "cancelled_at", "cancellation_reason", "confirmed_count", "updated_at"]
    )
    _notify_later(Notice.SESSION_CANCELLED, told, message=reason)
    return len(told)


def mark_attendance(booking_id, attendance, *, by=None, now=None):
    """Mark one confirmed booking on the register, from the day of the session on.

    Attended adds one ATTENDED event to the person's learning record (dated at the session's
    start). The learning record is append-only: marking someone absent after attended
    leaves that event in place. ``by`` (the trainer) is not stored.
    """
    if attendance not in Attendance.values:
        raise BookingError("Choose attended, absent or late cancellation.", "invalid-attendance")
    return _mark_attendance(booking_id, Attendance(attendance), _now(now))


@_serialised
def _mark_attendance(booking_id, attendance, now):
    session_id = Booking.objects.filter(pk=booking_id).values_list("session_id", flat=True).first()
    if session_id is None:
        raise BookingError("We could not find that booking. Reload the register and try again.", "missing")
    session = _lock_session(session_id)
    booking = Booking.objects.select_related("user").get(pk=booking_id)
    _require_scheduled(session, "This session was cancelled, so there is no register to mark.")
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingError(
            "Only people with a confirmed place are on the register. Reload the register and try again.",
            "not-confirmed",
        )
    if timezone.localdate(now) < timezone.localdate(session.starts_at):
        raise BookingError(
            f"The register can be marked from the day of the session, {_day(session.starts_at)}.", "too-early"
        )
    booking.attendance = attendance
    booking.attendance_marked_at = now if attendance != Attendance.UNMARKED else None
    booking.save(update_fields=["attendance", "attendance_marked_at"])
    if attendance == Attendance.ATTENDED and booking.user_id is not None:
        record_event(booking.user, Verb.ATTENDED, session, once=True, occurred_at=session.starts_at)
    return booking
