"""Which page types the site search covers, and which filters (facets) apply to each.

Adding a content type to search is a few lines **in that type's model**::

    class ScenarioPage(Page):
        site_search = {
            "slug": "scenario",                # ?type=scenario
            "label": "Video scenario",         # singular, shown on each result
            "plural": "Video scenarios",       # shown in the "Content type" filter
            "facets": {"agency": "agencies", "theme": "themes"},  # facet -> relation on the model
            "snippet_fields": ["summary", "transcript"],          # SearchFields to highlight
            "summary_field": "summary",        # shown when no field has a match
            "select_related": [],              # for the result list
        }

The model must be indexed (``search_fields``) and the relation named for each facet must
be reachable as ``<relation>__slug`` through an ``index.RelatedFields`` with
``index.FilterField("slug")`` (that's how the standard Wagtail search API filters it on
every backend). If the model also has a top-level ``index.FilterField("<relation>")``, the
facet counts come from the search backend itself; otherwise they are counted in the
database over the matching page ids.

Types that cannot carry the attribute (like ``CaseStudyPage`` for now, whose model
belongs to another app) are registered here with :func:`register`.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


@dataclass(frozen=True)
class Facet:
    """A filter shown on the search page. Values are taxonomy terms with canonical slugs."""

    param: str  # GET parameter, e.g. "agency"
    label: str  # legend of the filter group
    term_model: str  # "app_label.Model" with `slug` and `name` (or str())
    order_by: tuple = ("name",)

    def model(self):
        return apps.get_model(self.term_model)

    def terms(self):
        return list(self.model().objects.order_by(*self.order_by))

    def terms_by_slug(self, slugs):
        slugs = [s for s in slugs if _SLUG.match(s)]
        if not slugs:
            return []
        return list(self.model().objects.filter(slug__in=slugs))


#: Facets that content types can opt into, in display order.
FACETS = {
    "agency": Facet("agency", "Agency", "taxonomy.Agency", ("sort_order", "name")),
    "theme": Facet("theme", "Theme", "taxonomy.Theme", ("name",)),
    "stage": Facet("stage", "Journey stage", "taxonomy.JourneyStage", ("sort_order", "name")),
}


@dataclass
class SearchType:
    model: type
    slug: str
    label: str
    plural: str
    facets: dict = field(default_factory=dict)  # facet param -> relation field name
    snippet_fields: tuple = ("title",)
    summary_field: str | None = None
    select_related: tuple = ()
    prefetch_related: tuple = ()

    @property
    def label_lower(self):
        return self.model._meta.label_lower

    def lookup(self, param):
        return f"{self.facets[param]}__slug"

    def filter_kwargs(self, param, terms):
        """Queryset filter for "any of these terms", in a form every search backend can
        evaluate: a top-level ``FilterField`` on a foreign key filters by pk; otherwise
        the slug is reached through ``RelatedFields(..., [FilterField("slug")])``."""
        name = self.facets[param]
        try:
            field = self.model._meta.get_field(name)
        except Exception:
            field = None
        if field is not None and field.many_to_one and self.has_filter_field(name):
            return {f"{name}__in": [t.pk for t in terms]}
        return {f"{self.lookup(param)}__in": [t.slug for t in terms]}

    def has_filter_field(self, name):
        from modelsearch.index import FilterField

        return any(
            isinstance(f, FilterField) and f.field_name == name
            for f in self.model.get_search_fields()
        )


_explicit = {}  # model label -> kwargs


def register(model_label, **options):
    """Register a page type that can't carry a ``site_search`` attribute itself."""
    _explicit[model_label.lower()] = options


register(
    "case_studies.CaseStudyPage",
    slug="case-study",
    label="Case study",
    plural="Case studies",
    facets={"agency": "agencies", "theme": "themes", "stage": "stage"},
    snippet_fields=("summary", "outcome", "body", "limitations"),
    summary_field="summary",
    select_related=("area", "stage", "evidence_type"),
)


def searchable_types():
    """All searchable types, in registration / app order. Cheap: no database access."""
    from wagtail.models import get_page_models

    out = []
    seen = set()
    for model in get_page_models():
        label = model._meta.label_lower
        options = getattr(model, "site_search", None)
        if label in _explicit and not isinstance(options, dict):
            options = _explicit[label]
        if not isinstance(options, dict) or label in seen:
            continue
        seen.add(label)
        options = dict(options)
        options.setdefault("plural", options["label"] + "s")
        for key in ("snippet_fields", "select_related", "prefetch_related"):
            if key in options:
                options[key] = tuple(options[key])
        out.append(SearchType(model=model, **options))
    return out


def type_by_slug():
    return {t.slug: t for t in searchable_types()}
