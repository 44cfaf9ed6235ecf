"""The fixed lists in-person sessions and bookings use (no imports: blocks and models share them)."""

from django.db import models


class SessionFormat(models.TextChoices):
    CO_LOCATED = "co-located", "Co-located training"
    LEARNING_CIRCLE = "learning-circle", "Learning circle"
    SHADOWING_BRIEFING = "shadowing-briefing", "Shadowing briefing"
    FAMILY_CASE_WORKSHOP = "family-case-workshop", "Workshop around a fictional family case"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"  # by the person, or by a colleague taking the place
    SESSION_CANCELLED = "session-cancelled", "Session cancelled"


class Attendance(models.TextChoices):
    UNMARKED = "", "Not marked"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Absent"
    LATE_CANCELLATION = "late-cancellation", "Late cancellation"
