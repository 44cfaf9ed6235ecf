"""Video scenarios: short films practitioners watch, pause at decision points, and reflect on.

A ScenarioPage plays one ``media.Video`` (transcoded, captioned) and carries its decision
points, learning objectives and reflective questions. What a practitioner does with it
goes to the learning record (``cms.learning_record.api``); their watched time and private
reflections are kept here because only they, and this page, use them.
"""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.anonymisation.guard import AnonymisationGuarded
from cms.taxonomy.classification import Classified, ThemeItemBase, classification_search_fields, theme_field

from .blocks import DecisionPointBlock


class ScenarioTheme(ThemeItemBase):
    content_object = ParentalKey(
        "training.ScenarioPage", related_name="theme_items", on_delete=models.CASCADE
    )


class ScenarioIndexPage(Page):
    """The listing at /scenarios/, with filters."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["training.ScenarioPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1


class ScenarioPage(AnonymisationGuarded, Classified, Page):
    """One short video scenario with decision points, a text version and reflection."""

    summary = models.TextField(
        max_length=600, help_text="Two or three sentences: what happens, who is involved."
    )
    video = models.ForeignKey(
        "video_media.Video", null=True, blank=True, on_delete=models.PROTECT, related_name="scenarios"
    )
    content_note = models.TextField(
        blank=True,
        max_length=400,
        help_text="Shown before the video plays when the subject may be distressing, e.g. 'Mentions neglect'.",
    )
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(max_length=200))],
        blank=True,
        help_text="What a practitioner will learn.",
    )
    decision_points = StreamField([("decision_point", DecisionPointBlock())], blank=True)
    reflective_questions = StreamField(
        [("question", blocks.CharBlock(max_length=300))],
        blank=True,
        help_text="Asked after the video. Answers are private to the practitioner.",
    )
    # The video's duration, kept here for the listing's duration filter.
    duration_seconds = models.PositiveIntegerField(default=0, editable=False)
    themes = theme_field(ScenarioTheme)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("learning_objectives"),
        index.SearchField("decision_points"),
        index.AutocompleteField("summary"),
        *classification_search_fields(),
        index.FilterField("duration_seconds"),
    ]

    parent_page_types = ["training.ScenarioIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "video scenario"


class RelatedCaseStudy(Orderable):
    """A case study to read next. Chosen by page type name: training never imports case_studies."""

    page = ParentalKey(ScenarioPage, related_name="related_case_studies", on_delete=models.CASCADE)
    case_study = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("case_study", "case_studies.CaseStudyPage")]


class WatchProgress(models.Model):
    """How much of a scenario's video one person has watched: the union of the ranges
    they played, so seeking never counts what was skipped and replays never count twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ScenarioPage, on_delete=models.CASCADE, related_name="+")
    ranges = models.JSONField(default=list, help_text="Merged [start, end] seconds played.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_watch_progress_per_person")]


class Reflection(models.Model):
    """A practitioner's private answer to a reflective question. Only they see it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ScenarioPage, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=300)
    answer = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
