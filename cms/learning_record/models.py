"""One table of facts about a person's learning: who did what to which item, and when."""

import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

MAX_DATA_BYTES = 2048
MAX_DATA_TEXT = 100  # characters in any one key or string: an option id, never a description


class Verb(models.TextChoices):
    """Everything a person can do that counts towards learning. The only list of verbs."""

    VIEWED = "viewed", "Viewed"
    WATCHED_TO_END = "watched_to_end", "Watched to the end"
    ANSWERED_DECISION_POINT = "answered_decision_point", "Answered a decision point"
    REFLECTED = "reflected", "Reflected"
    BOOKED = "booked", "Booked a place"
    CANCELLED_BOOKING = "cancelled_booking", "Cancelled a booking"
    ATTENDED = "attended", "Attended"
    COMPLETED = "completed", "Completed"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def validate_event_data(value):
    """Small facts only (a decision option id, a percentage), never case details or free text."""
    if not isinstance(value, dict):
        raise ValidationError("Event data must be a dictionary.", code="not_a_dict")
    try:
        size = len(json.dumps(value, allow_nan=False).encode())
    except (TypeError, ValueError) as error:
        raise ValidationError("Event data must be plain JSON values.", code="not_json") from error
    if size > MAX_DATA_BYTES:
        raise ValidationError(f"Event data must be at most {MAX_DATA_BYTES} bytes.", code="too_big")
    if any(len(text) > MAX_DATA_TEXT for text in _strings(value)):
        raise ValidationError(
            f"Event data holds facts, not free text: at most {MAX_DATA_TEXT} characters a value.",
            code="free_text",
        )


class LearningEvent(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_events"
    )
    verb = models.CharField(max_length=32, choices=Verb.choices)
    # A generic reference, so pages and plain models (a training session) both work.
    # object_id is an integer, not text: every model here has an integer key, and an
    # integer joins and indexes cheaply for the completion queries that read this.
    # A page is recorded under its specific type (e.g. case study page), never the base Page.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True, validators=[validate_event_data])

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["user", "occurred_at"], name="learning_ev_user_when_idx"),
            models.Index(fields=["content_type", "object_id", "verb"], name="learning_ev_object_verb_idx"),
        ]

    def __str__(self):
        return f"{self.verb} {self.content_type_id}:{self.object_id} by user {self.user_id}"
