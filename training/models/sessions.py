"""In-person sessions of an induction programme, their venues and bookings.

The point of a session is the mix: police, health, education and social care in one
room. Each session therefore carries an agency-mix rule (a maximum share of places per
agency, a minimum number of distinct agencies, and a release date after which unfilled
places open to anyone), applied by ``training.booking.rules`` to every booking and
every promotion from the waiting list.

No overbooking, ever: every change to a session's bookings runs in
``training.booking.service`` inside a transaction that first locks the session row,
and ``confirmed_count`` (kept by that service) is held at or below ``capacity`` by a
database constraint as a last line of defence.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.search import index

from ..choices import Attendance, BookingStatus, SessionFormat, SessionStatus

MAX_CAPACITY = 500


class Venue(models.Model):
    """Where sessions happen. A training venue's address is public; nobody's home is."""

    name = models.CharField(max_length=120)
    address = models.TextField(max_length=400, help_text="Street address and postcode of the venue.")
    accessibility = models.TextField(
        "accessibility information",
        max_length=1000,
        blank=True,
        help_text="Step-free access, hearing loop, accessible toilets, parking, quiet room...",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SessionQuerySet(models.QuerySet):
    def upcoming(self):
        """Scheduled and not yet started, soonest first."""
        return self.filter(status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now()).order_by(
            "starts_at", "pk"
        )


class Session(index.Indexed, models.Model):
    """One in-person session of a programme, with its capacity and agency-mix rule."""

    # The iCalendar UID: stable for the life of the session, so calendars update the same event.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    programme = models.ForeignKey(
        "training.InductionProgrammePage", on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(max_length=120)
    format = models.CharField(max_length=32, choices=SessionFormat.choices, default=SessionFormat.CO_LOCATED)
    description = models.TextField(max_length=1000, blank=True)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    facilitator = models.CharField(
        max_length=120, help_text="The trusted leader who runs it, as attendees should know them."
    )
    capacity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)], help_text="Places in the room."
    )
    booking_opens_at = models.DateTimeField("booking opens")
    booking_closes_at = models.DateTimeField("booking closes")
    cancellation_cutoff_at = models.DateTimeField(
        "cancellation cut-off",
        help_text="After this, a place can no longer be cancelled online (a colleague may still take it).",
    )
    # The agency-mix rule.
    max_agency_share = models.PositiveSmallIntegerField(
        "maximum share of places per agency (%)",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="E.g. 50: no agency takes more than half the places.",
    )
    min_agencies = models.PositiveSmallIntegerField(
        "minimum number of agencies",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Places are held back so at least this many agencies can attend.",
    )
    mix_release_at = models.DateTimeField(
        "open to any agency from",
        null=True,
        blank=True,
        help_text="After this, unfilled places go to anyone, whatever their agency. Empty: never.",
    )
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(max_length=600, blank=True, editable=False)
    # iCalendar SEQUENCE: raised each time attendees are told of a change.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Kept by training.booking.service under the session's row lock.
    confirmed_count = models.PositiveSmallIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("facilitator"),
        index.RelatedFields("venue", [index.SearchField("name"), index.SearchField("address")]),
        index.FilterField("status"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")), name="session_never_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(booking_closes_at__gt=F("booking_opens_at")),
                name="session_booking_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(max_agency_share__gte=1, max_agency_share__lte=100),
                name="session_agency_share_percent",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="training_session_upcoming_idx")]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y %H:%M})"

    def get_absolute_url(self):
        return reverse("sessions:detail", args=[self.pk])

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=BookingStatus.CONFIRMED)

    def waitlist(self):
        """The waiting list in the order places are offered: first come, first served."""
        return self.filter(status=BookingStatus.WAITLISTED).order_by("waitlisted_at", "pk")


class Booking(models.Model):
    """One person's place (or place in the queue) on a session.

    ``agency`` is copied from the person's profile when they book: the mix rule and the
    non-attendance count belong to the agency they booked for, and both survive the
    person deleting their account (``user`` becomes empty, ``access_needs`` is erased).
    """

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    agency = models.ForeignKey("taxonomy.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.UNMARKED, blank=True
    )
    access_needs = models.TextField(
        max_length=500,
        blank=True,
        help_text="Optional. Seen only by the trainers running the session, and deleted after it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text="When a place came from the waiting list."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at", "pk"]
        constraints = [
            # Booking twice is the same booking (NULL users, after account deletion, never clash).
            models.UniqueConstraint(fields=["session", "user"], name="one_booking_per_person_per_session"),
        ]
        indexes = [
            models.Index(fields=["session", "status", "waitlisted_at"], name="training_booking_queue_idx")
        ]

    def __str__(self):
        return f"Booking {self.pk} on session {self.session_id} ({self.status})"
