"""The home page introduces the service and features a few pieces of content."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index


class FeaturedItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text="A case study, scenario, programme or champion.")
    label = blocks.CharBlock(
        required=False, max_length=60, help_text="Optional label above the title, for example 'Case study'."
    )

    class Meta:
        icon = "pick"
        template = "home/blocks/featured_item.html"


class HomePage(Page):
    """The service's front page. There is one, at the root of the site."""

    lead = models.CharField(max_length=300, help_text="One or two sentences under the main heading.")
    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    featured = StreamField(
        [("item", FeaturedItemBlock())],
        blank=True,
        max_num=6,
        help_text="Up to six pieces of content to feature.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("featured"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = [
            (block.value["page"], block.value["label"]) for block in self.featured if block.value["page"]
        ]
        live = (
            Page.objects.filter(pk__in=[page.pk for page, _ in chosen]).live().public().specific().in_bulk()
        )
        context["featured_pages"] = [
            {"page": live[page.pk], "label": label} for page, label in chosen if page.pk in live
        ]
        return context
