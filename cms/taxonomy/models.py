"""Taxonomy models. Each term has a canonical slug used in URLs and filters."""

from django.db import models
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Term(index.Indexed, models.Model):
    """A named, slugged term. Subclasses differ only in meaning and ordering."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True,
                            help_text="Used in web addresses and import files. Do not change once in use.")
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("slug")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Agency(Term):
    class Meta(Term.Meta):
        verbose_name_plural = "agencies"


class JourneyStage(Term):
    """Ordered: sort_order follows the child's journey through services."""


class ConcernType(Term):
    pass


class EvidenceType(Term):
    """`description` doubles as the plain-English limitations shown to readers."""


class Area(models.Model):
    """A local authority area, or 'National'. Never finer than local-authority level."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(TagBase):
    """Themes and barriers, as free tags: editors may add new ones while tagging."""

    free_tagging = True
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
