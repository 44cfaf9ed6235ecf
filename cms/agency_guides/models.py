"""One guide per agency, kept by Editors as a snippet with a steward and a review date."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from .blocks import RouteBlock, TierBlock


class AgencyGuide(index.Indexed, ClusterableModel):
    agency = models.OneToOneField("taxonomy.Agency", on_delete=models.CASCADE, related_name="guide")
    summary = models.TextField(max_length=400, help_text="Two sentences: what this agency is for.")
    what_it_does = models.TextField(
        max_length=1500, help_text="What it does when it has a safeguarding concern."
    )
    tiers = StreamField([("tier", TierBlock())], help_text="Its levels of risk or need, lowest first.")
    holds = StreamField(
        [("item", blocks.CharBlock(max_length=200, label="Information"))],
        help_text="The information it usually holds.",
    )
    can_share = models.TextField(max_length=1500, help_text="What it can usually share, and how.")
    how_to_reach = StreamField([("route", RouteBlock())], help_text="Roles and generic routes only.")
    common_terms = ParentalManyToManyField("glossary.GlossaryTerm", related_name="+", blank=True)
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_date = models.DateField(help_text="When the steward checks it again.")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("agency"),
        FieldPanel("summary"),
        FieldPanel("what_it_does"),
        FieldPanel("tiers"),
        FieldPanel("holds"),
        FieldPanel("can_share"),
        FieldPanel("how_to_reach"),
        FieldPanel("common_terms"),
        MultiFieldPanel([FieldPanel("steward"), FieldPanel("review_date")], heading="Stewardship"),
    ]
    search_fields = [
        index.SearchField("summary"),
        index.SearchField("what_it_does"),
        index.SearchField("can_share"),
        index.RelatedFields("agency", [index.SearchField("name", boost=3)]),
    ]

    class Meta:
        ordering = ["agency__sort_order", "agency__name"]

    def __str__(self):
        return f"Guide to {self.agency.name}"
