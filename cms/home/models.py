"""The home page introduces the service and features a few pieces of content."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
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


LATEST_STORIES = 3


def latest_champion_stories(limit=LATEST_STORIES):
    """The newest live, public champion stories whose champion's profile is live, each with
    ``champion_name`` (the profile's title: the name as the champion agreed it is shown).

    A profile is live only with the champion's consent, and withdrawing consent unpublishes
    it and their stories (``champions``). Found by content type name: home never imports
    champions. A fixed number of queries.
    """
    try:
        story_type = ContentType.objects.get_by_natural_key("champions", "championstorypage")
    except ContentType.DoesNotExist:
        return []
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    live_parents = Page.objects.live().filter(path=OuterRef("parent_path"))
    stories = (
        Page.objects.live()
        .public()
        .filter(content_type=story_type)
        .annotate(parent_path=parent_path)
        .annotate(champion_name=Subquery(live_parents.values("title")[:1]))
        .filter(champion_name__isnull=False)
        .order_by("-first_published_at", "-pk")[:limit]
    )
    return list(stories.specific())


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
        context["latest_champion_stories"] = latest_champion_stories()
        return context
