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


class ConfidenceStage(models.TextChoices):
    BEFORE = "before", "Before the programme"
    AFTER = "after", "On completing it"
    FOLLOW_UP = "follow-up", "Some weeks later"


class ConfidenceStatement(models.TextChoices):
    """The confidence check's statements. Keys never change: answers are matched on them."""

    SHARE_WITHOUT_CONSENT = "share-without-consent", "I know when I can share information without consent"
    WHO_TO_CONTACT = "who-to-contact", "I know who to contact in other agencies"
    CASE_STUDIES_HELP = "case-studies-help", "Case studies help me understand when to share"
    OTHER_AGENCIES_WORK = "other-agencies-work", "I understand how other agencies respond to a concern"
    CONFIDENT_TO_SHARE = (
        "confident-to-share",
        "I feel confident to share information when a child may be at risk",
    )


class ModuleState(models.TextChoices):
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"
