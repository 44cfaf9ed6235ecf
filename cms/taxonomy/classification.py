"""How content is classified: one abstract model for every classified content type.

Case studies use it today; video scenarios, in-person sessions and champion stories
reuse it. A classified page type is three short pieces::

    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    from cms.taxonomy.classification import (
        Classified, ThemeItemBase, classification_search_fields, theme_field)


    class ScenarioTheme(ThemeItemBase):  # its own through model: taggit needs one per model
        content_object = ParentalKey("training.ScenarioPage", related_name="theme_items",
                                     on_delete=models.CASCADE)


    class ScenarioPage(Classified, Page):
        themes = theme_field(ScenarioTheme)
        search_fields = Page.search_fields + classification_search_fields()

``Classified`` gives ``area`` (one local authority or National), ``agencies`` (one or
more), ``stage`` (journey stage) and ``concern_types`` (any); ``themes`` is declared on the
concrete model with :func:`theme_field` because a taggit through model must name its
concrete content model (a system check reports a classified model without it). The field
names are the ``relation`` of the dimensions in :mod:`cms.taxonomy.dimensions`, so the
listing filters, importer, demo loader and search facets work on any classified model.
Reverse accessors are per model (``agency.case_studies_casestudypage``), so several
classified models never clash.
"""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from taggit.models import ItemBase

THEMES_HELP = "Themes and barriers, e.g. consent, thresholds."


class Classified(models.Model):
    """Abstract: area, agencies, journey stage and concern types (themes: see the module)."""

    area = models.ForeignKey(
        "taxonomy.Area",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Local authority level at most, or National.",
    )
    agencies = ParentalManyToManyField("taxonomy.Agency", related_name="%(app_label)s_%(class)s")
    stage = models.ForeignKey(
        "taxonomy.JourneyStage", on_delete=models.PROTECT, related_name="+", verbose_name="journey stage"
    )
    concern_types = ParentalManyToManyField(
        "taxonomy.ConcernType", related_name="%(app_label)s_%(class)s", blank=True
    )

    class Meta:
        abstract = True

    @classmethod
    def check(cls, **kwargs):
        errors = super().check(**kwargs)
        try:
            through = cls._meta.get_field("themes").through
        except (FieldDoesNotExist, AttributeError):
            through = None
        if not (isinstance(through, type) and issubclass(through, ThemeItemBase)):
            errors.append(
                checks.Error(
                    f"{cls._meta.label} is Classified but has no "
                    "`themes = theme_field(<its ThemeItemBase model>)`.",
                    hint="See cms/taxonomy/classification.py for the pattern.",
                    obj=cls,
                    id="taxonomy.E001",
                )
            )
        return errors


class ThemeItemBase(ItemBase):
    """Abstract taggit through model for themes. Subclass once per classified model, adding
    ``content_object = ParentalKey("<app>.<Model>", related_name="theme_items", ...)``."""

    tag = models.ForeignKey(
        "taxonomy.Theme", on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items"
    )

    class Meta:
        abstract = True


def theme_field(through, **kwargs):
    """The ``themes`` field of a classified model, tagged through ``through``."""
    kwargs.setdefault("blank", True)
    kwargs.setdefault("help_text", THEMES_HELP)
    return ClusterTaggableManager(through=through, **kwargs)


def classification_search_fields(theme_boost=2):
    """Index definitions for the classification: term names are searchable, and every
    dimension can be filtered by slug (``<relation>__slug``, which every search backend
    evaluates) and the foreign keys and many-to-manys (themes too) also by id, so the
    backend counts every facet in one pass and no count falls back to the database."""
    from wagtail.search import index

    def related(name, boost=None):
        search = index.SearchField("name", boost=boost) if boost else index.SearchField("name")
        return index.RelatedFields(name, [search, index.FilterField("slug")])

    return [
        related("agencies"),
        related("themes", boost=theme_boost),
        related("concern_types"),
        related("stage"),
        related("area"),
        index.FilterField("area"),
        index.FilterField("stage"),
        index.FilterField("agencies"),
        index.FilterField("concern_types"),
        index.FilterField("themes"),
    ]
