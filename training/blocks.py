"""StreamField blocks for a video scenario: its decision points and questions."""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

from media.captions import format_time

TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def timestamp_seconds(value):
    """'1:05' -> 65, '1:02:03' -> 3723; ValueError for anything else."""
    match = TIMESTAMP.match((value or "").strip())
    if not match:
        raise ValueError(value)
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


class TimestampBlock(blocks.CharBlock):
    """A time in the video as minutes:seconds, e.g. 1:05."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("help_text", "When the video pauses, as minutes:seconds, e.g. 1:05.")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            timestamp_seconds(value)
        except ValueError:
            raise ValidationError("Enter the time as minutes:seconds, for example 1:05.") from None
        return value


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=200, help_text="What the practitioner could do.")
    commentary = blocks.TextBlock(
        help_text="Shown after this option is chosen: why, and what the law allows."
    )

    class Meta:
        icon = "list-ul"


class DecisionPointValue(blocks.StructValue):
    @property
    def seconds(self):
        return timestamp_seconds(self.get("timestamp"))

    @property
    def time_label(self):
        """The timestamp as written on the page ('01:05' -> '1:05')."""
        return format_time(self.seconds)


class DecisionPointBlock(blocks.StructBlock):
    """Where the video pauses and asks what the practitioner would share, and with whom."""

    timestamp = TimestampBlock()
    question = blocks.CharBlock(max_length=200, default="What would you share, and with whom?")
    context = blocks.TextBlock(required=False, help_text="Optional: what has just happened, in a sentence.")
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=5)

    class Meta:
        icon = "help"
        value_class = DecisionPointValue
