"""Which page types the site search covers, and which filters (facets) apply to each.

The search app knows no content type: each content type registers itself from its own
app, usually in its ``AppConfig.ready()``::

    from search.registry import register

    register(
        ScenarioPage,
        slug="scenario",                 # ?type=scenario
        label="Video scenario",          # singular, shown on each result
        plural="Video scenarios",        # shown in the "Content type" filter
        facets=["agency", "theme"],      # taxonomy dimensions (cms.taxonomy.dimensions)
        snippet_fields=["summary", "transcript"],  # SearchFields to highlight
        summary_field="summary",         # shown when no field has a match
        select_related=[],               # for the result list
    )

A facet is a taxonomy dimension; it filters through the dimension's relation on the model
(``agencies`` for ``agency``...), or another one given as ``facets={"agency": "featured_agencies"}``.
The relation must be reachable as ``<relation>__slug`` through an ``index.RelatedFields``
with ``index.FilterField("slug")`` (how the standard Wagtail search API filters it on every
backend); a foreign key with a top-level ``index.FilterField("<relation>")`` is filtered by
id instead, and such facets are counted by the search backend itself (others in the
database over the matching page ids). ``cms.taxonomy.classification.classification_search_fields()``
declares all of that for a classified model. Registering a model or a type slug twice is
an error, and the ``search`` system check (``search/checks.py``) validates every
registration at start-up.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured

from cms.taxonomy.dimensions import dimension

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


class AlreadyRegistered(ImproperlyConfigured):
    """A model or a type slug registered twice."""


@dataclass
class SearchType:
    model: type
    slug: str
    label: str
    plural: str
    facets: dict = field(default_factory=dict)  # facet param (a taxonomy dimension) -> relation on the model
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
        except FieldDoesNotExist:
            field = None
        if field is not None and field.many_to_one and self.has_filter_field(name):
            return {f"{name}__in": [t.pk for t in terms]}
        return {f"{self.lookup(param)}__in": [t.slug for t in terms]}

    def has_filter_field(self, name):
        from modelsearch.index import FilterField

        return any(
            isinstance(f, FilterField) and f.field_name == name for f in self.model.get_search_fields()
        )


class SearchRegistry:
    """The searchable types, in registration order."""

    def __init__(self):
        self._types = {}  # model -> SearchType

    def register(
        self,
        model,
        *,
        slug,
        label,
        plural=None,
        facets=(),
        snippet_fields=("title",),
        summary_field=None,
        select_related=(),
        prefetch_related=(),
    ):
        """Make ``model`` (a page model, or its "app_label.Model") searchable. Returns its SearchType."""
        if isinstance(model, str):
            model = apps.get_model(model)
        if model in self._types:
            raise AlreadyRegistered(f"{model._meta.label} is already registered for site search")
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise ImproperlyConfigured(f"{model._meta.label}: the search type slug {slug!r} is not a slug")
        if any(t.slug == slug for t in self._types.values()):
            raise AlreadyRegistered(f"search type slug {slug!r} is already used by another model")
        if not isinstance(facets, dict):
            facets = dict.fromkeys(facets)
        relations = {}
        for param, relation in facets.items():
            try:
                relations[param] = relation or dimension(param).relation
            except KeyError as exc:
                raise ImproperlyConfigured(f"{model._meta.label}: facet {exc.args[0]}") from None
        search_type = SearchType(
            model=model,
            slug=slug,
            label=label,
            plural=plural or label + "s",
            facets=relations,
            snippet_fields=tuple(snippet_fields),
            summary_field=summary_field,
            select_related=tuple(select_related),
            prefetch_related=tuple(prefetch_related),
        )
        self._types[model] = search_type
        return search_type

    def unregister(self, model):
        if isinstance(model, str):
            model = apps.get_model(model)
        del self._types[model]

    def types(self):
        """Every searchable type, in registration order. No database access."""
        return list(self._types.values())


#: The site's registry. Content types register with ``search.registry.register(...)``.
registry = SearchRegistry()
register = registry.register
unregister = registry.unregister
