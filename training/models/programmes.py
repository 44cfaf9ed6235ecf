"""Induction programmes: what a partnership's new starters learn together, in order.

A programme is a page (Trainers write and publish it under /training/); its in-person
sessions are plain models (``sessions.py``), scheduled in the admin and listed on it.
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ProgrammeModuleBlock


class ProgrammeIndexPage(Page):
    """The list of induction programmes at /training/."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["training.InductionProgrammePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "training/programme_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            InductionProgrammePage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class InductionProgrammePage(Page):
    """A co-located, multi-agency induction: aims, ordered modules, refresher interval."""

    summary = models.TextField(
        max_length=600, help_text="Two or three sentences: who it is for, what it covers."
    )
    audience = models.TextField(
        max_length=600, help_text="Who it is for, e.g. new starters in Leeds from any agency."
    )
    areas = ParentalManyToManyField(
        "taxonomy.Area",
        related_name="+",
        blank=True,
        verbose_name="areas",
        help_text="The areas whose staff it is for. None: any area.",
    )
    learning_aims = StreamField(
        [
            (
                "practical_side",
                blocks.CharBlock(max_length=200, label="The practical side of other services"),
            ),
            ("professional_culture", blocks.CharBlock(max_length=200, label="Other professions' cultures")),
        ],
        blank=True,
        help_text="What new starters will understand about the other agencies.",
    )
    modules = StreamField(
        ProgrammeModuleBlock(),
        blank=True,
        help_text="In the order new starters take them.",
    )
    refresher_months = models.PositiveSmallIntegerField(
        "refresher interval (months)",
        null=True,
        blank=True,
        help_text="How often to take it again, e.g. 12 for yearly. Empty: no refresher.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("areas"),
        FieldPanel("learning_aims"),
        FieldPanel("modules"),
        FieldPanel("refresher_months"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("learning_aims"),
        index.SearchField("upcoming_sessions_text"),
    ]
    parent_page_types = ["training.ProgrammeIndexPage"]
    subpage_types = []
    template = "training/induction_programme_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The person's own progress, the modules' states and what they can do next.
        from ..completion.views import programme_page_context

        context["completion"] = programme_page_context(self, request)
        return context

    def upcoming_sessions(self):
        """Scheduled sessions that have not started, soonest first."""
        from .sessions import Session

        return Session.objects.upcoming().filter(programme=self)

    def upcoming_sessions_text(self):
        """Its upcoming sessions as text, for the site search (``training.session_search``)."""
        from ..session_search import sessions_search_text

        return sessions_search_text(self)
