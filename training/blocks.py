"""StreamField blocks for a video scenario: its decision points and questions."""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks

from media.captions import format_time

from .choices import SessionFormat

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


def _agency_choices():
    from cms.taxonomy.models import Agency

    return [(agency.slug, agency.name) for agency in Agency.objects.order_by("name")]


class ScenarioModuleBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(page_type="training.ScenarioPage", label="Video scenario")
    note = blocks.CharBlock(max_length=200, required=False, help_text="Why this scenario, in a sentence.")
    required = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Needed to complete the programme (untick for optional modules).",
    )

    class Meta:
        icon = "media"
        label = "Video scenario"


class CaseStudyModuleBlock(blocks.StructBlock):
    # Chosen by page type name: training never imports case_studies.
    page = blocks.PageChooserBlock(page_type="case_studies.CaseStudyPage", label="Case study")
    note = blocks.CharBlock(max_length=200, required=False, help_text="Why this case study, in a sentence.")
    required = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Needed to complete the programme (untick for optional modules).",
    )

    class Meta:
        icon = "doc-full"
        label = "Case study"


class SessionModuleBlock(blocks.StructBlock):
    """An in-person session; the dates come from the sessions scheduled for the programme."""

    format = blocks.ChoiceBlock(choices=SessionFormat.choices)
    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(max_length=600, required=False)
    required = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Needed to complete the programme (untick for optional modules).",
    )

    class Meta:
        icon = "group"
        label = "In-person session"


class ShadowingModuleBlock(blocks.StructBlock):
    host_agency = blocks.ChoiceBlock(choices=_agency_choices, help_text="The agency the new starter visits.")
    length = blocks.IntegerBlock(min_value=1, max_value=52)
    unit = blocks.ChoiceBlock(choices=[("days", "days"), ("weeks", "weeks")], default="days")
    description = blocks.TextBlock(
        max_length=600, required=False, help_text="E.g. two weeks in the MASH, sitting with each agency."
    )
    required = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Needed to complete the programme (untick for optional modules).",
    )

    class Meta:
        icon = "user"
        label = "Shadowing placement"


class ProgrammeModuleBlock(blocks.StreamBlock):
    scenario = ScenarioModuleBlock()
    case_study = CaseStudyModuleBlock()
    session = SessionModuleBlock()
    shadowing = ShadowingModuleBlock()
