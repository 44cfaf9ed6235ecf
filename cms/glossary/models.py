"""Glossary terms, kept by Editors as snippets, each with a named steward and a review date."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable
from wagtail.search import index


class GlossaryTerm(index.Indexed, ClusterableModel):
    """A word or acronym practitioners meet in another agency, in plain English."""

    term = models.CharField(max_length=80, unique=True, help_text="As it is usually written, e.g. MASH.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in its web address.")
    expansion = models.CharField(
        max_length=200,
        blank=True,
        help_text="For an acronym: what it stands for, e.g. multi-agency safeguarding hub.",
    )
    meaning = models.TextField(max_length=800, help_text="What it means, in one to three plain sentences.")
    aliases = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other forms to recognise in text, separated by commas, e.g. pre birth, prebirth.",
    )
    agencies = ParentalManyToManyField(
        "taxonomy.Agency", related_name="+", blank=True, help_text="The agencies that use this term."
    )
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who keeps this term right.",
    )
    review_date = models.DateField(help_text="When the steward checks it again.")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("expansion"),
        FieldPanel("meaning"),
        FieldPanel("aliases"),
        FieldPanel("agencies"),
        InlinePanel("readings", label="How other agencies read it"),
        InlinePanel("related_pages", label="Related case studies and scenarios"),
        MultiFieldPanel([FieldPanel("steward"), FieldPanel("review_date")], heading="Stewardship"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("expansion", boost=2),
        index.SearchField("aliases"),
        index.SearchField("meaning"),
        index.AutocompleteField("term"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def alias_list(self):
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]


class TermReading(Orderable):
    """How one agency reads the same word differently."""

    term = ParentalKey(GlossaryTerm, on_delete=models.CASCADE, related_name="readings")
    agency = models.ForeignKey("taxonomy.Agency", on_delete=models.CASCADE, related_name="+")
    reading = models.TextField(max_length=400)

    panels = [FieldPanel("agency"), FieldPanel("reading")]


class TermRelatedPage(Orderable):
    """A case study or scenario that shows the term in practice (chosen by page type name:
    the glossary never imports a feature app)."""

    term = ParentalKey(GlossaryTerm, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", ["case_studies.CaseStudyPage", "training.ScenarioPage"])]
