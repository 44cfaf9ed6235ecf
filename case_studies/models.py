"""Positive-outcome case studies: stories of information shared well.

A case study is a Wagtail page under the single CaseStudyIndexPage. Its taxonomy is
structured (agencies, stage, concern types, area, year, evidence) so the listing can
filter and count by it; its themes are free tags. Publishing is gated by the
anonymisation check (``cms/anonymisation``) in the "Case study review" workflow.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.anonymisation.guard import AnonymisationGuarded
from cms.taxonomy.classification import Classified, ThemeItemBase, classification_search_fields, theme_field

from .blocks import CaseStudyBodyBlock

CONSENT_POSITIONS = [
    ("consent-given", "Consent given"),
    ("consent-refused", "Consent refused, shared without consent"),
    ("not-sought-risk", "Consent not sought: asking would have increased risk"),
    ("not-competent", "Not competent to consent"),
    # What an imported story without a consent position gets: never presented as consent given.
    ("not-recorded", "Consent position not recorded"),
]


class CaseStudyTheme(ThemeItemBase):
    content_object = ParentalKey(
        "case_studies.CaseStudyPage", related_name="theme_items", on_delete=models.CASCADE
    )


class CaseStudyIndexPage(Page):
    """The listing at /case-studies/, with filters. Behaviour lives in listing.py."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["case_studies.CaseStudyPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    def serve(self, request, *args, **kwargs):
        from .listing import serve_listing

        return serve_listing(self, request)


class CaseStudyPage(AnonymisationGuarded, Classified, Page):
    """One anonymised (or composite) story with a positive outcome for a child and family."""

    # The named author of a reflection quote has consented to be named; nothing else is exempt.
    anonymisation_exempt_fields = ("body.reflection.author_name",)

    summary = models.TextField(
        max_length=600, help_text="Two or three sentences: who, what was shared, outcome."
    )
    # area, agencies, stage and concern_types come from Classified.
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    themes = theme_field(CaseStudyTheme)
    consent_position = models.CharField(max_length=32, choices=CONSENT_POSITIONS)
    outcome = models.TextField(max_length=600, help_text="The positive outcome for the child and family.")
    evidence_type = models.ForeignKey("taxonomy.EvidenceType", on_delete=models.PROTECT, related_name="+")
    limitations = models.TextField(blank=True, help_text="What this story cannot show. Be honest.")
    body = StreamField(CaseStudyBodyBlock(), blank=True)
    review_due = models.DateField(help_text="When the content must be checked against current guidance.")
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("area"), FieldPanel("year")]),
                FieldPanel("agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stage"),
                FieldPanel("concern_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes"),
                FieldPanel("consent_position"),
            ],
            heading="Classification",
        ),
        FieldPanel("outcome"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("evidence_type"), FieldPanel("limitations")], heading="Evidence"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("review_due"), FieldPanel("last_reviewed")])], heading="Review"
        ),
        InlinePanel("related_items", label="Related case studies", max_num=6),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("outcome"),
        index.SearchField("body"),
        index.SearchField("limitations"),
        index.AutocompleteField("summary"),
        *classification_search_fields(),
        index.FilterField("year"),
        index.FilterField("evidence_type"),
    ]

    parent_page_types = ["case_studies.CaseStudyIndexPage"]
    subpage_types = []
    template = "case_studies/case_study_page.html"

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def clean(self):
        super().clean()
        if self.year and self.year > date.today().year:
            raise ValidationError({"year": "The year cannot be in the future."})

    @property
    def consent_label(self):
        return dict(CONSENT_POSITIONS).get(self.consent_position, "")

    @property
    def sharing_blocks(self):
        return [block.value for block in self.body if block.block_type == "sharing"]

    @property
    def review_is_overdue(self):
        return self.review_due < date.today()

    def get_context(self, request, *args, **kwargs):
        from .feedback import FeedbackForm
        from .learning import learning_context

        context = super().get_context(request, *args, **kwargs)
        context["related_pages"] = [
            item.related_page.specific
            for item in self.related_items.select_related("related_page")
            if item.related_page and item.related_page.live
        ]
        context["feedback_form"] = FeedbackForm()
        context.update(learning_context(self, request))  # "Your learning"; records the view
        return context

    def serve(self, request, *args, **kwargs):
        from .learning import private_for_signed_in

        return private_for_signed_in(request, super().serve(request, *args, **kwargs))


class RelatedCaseStudy(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="related_items", on_delete=models.CASCADE)
    related_page = models.ForeignKey("case_studies.CaseStudyPage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("related_page", "case_studies.CaseStudyPage")]


class CaseStudyFeedback(models.Model):
    """'Was this useful?' answers. Deliberately no user, IP or session is stored."""

    page = models.ForeignKey(CaseStudyPage, on_delete=models.CASCADE, related_name="feedback")
    useful = models.BooleanField()
    comment = models.TextField(max_length=1000, blank=True)
    created = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "case study feedback"

    def __str__(self):
        return f"{'Useful' if self.useful else 'Not useful'}: {self.page}"
