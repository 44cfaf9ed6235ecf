from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.search import index

from cms.taxonomy.classification import Classified, ThemeItemBase, classification_search_fields, theme_field


class ClassifiedTestPageTheme(ThemeItemBase):
    content_object = ParentalKey(
        "search_testapp.ClassifiedTestPage", related_name="theme_items", on_delete=models.CASCADE
    )


class ClassifiedTestPage(Classified, Page):
    """Stands in for the classified types to come (scenarios, sessions, champion stories)."""

    is_creatable = False  # not offered in the admin

    summary = models.TextField(blank=True)
    themes = theme_field(ClassifiedTestPageTheme)

    search_fields = Page.search_fields + [index.SearchField("summary")] + classification_search_fields()
