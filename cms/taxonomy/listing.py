"""Faceted listings of classified pages: combinable filters as GET parameters, facet counts,
sorting and pagination. The case study listing (/case-studies/) and the video scenario
listing (/scenarios/) are each one :class:`FacetedListing`::

    LISTING = FacetedListing(
        ScenarioPage,
        filters=[TermFilter("agency"), TermFilter("theme"), BandFilter("duration", "Length", [...])],
        sorts={"newest": ("Newest first", ("-first_published_at", "title"))},
        template="training/scenario_index_page.html",
        results_name="scenarios",
    )
    LISTING.serve(index_page, request)

Filters use the canonical taxonomy slugs, so a filtered listing is a URL people can
bookmark and share, e.g. /case-studies/?agency=police&agency=health&theme=consent.
Values within one filter are alternatives (police OR health); different filters
narrow each other (AND). Each option's count is the number of items it would show
given the other filters, so counts never promise an empty page.

A page runs a fixed number of queries, however many items there are: one per filter for
its labels (at most), one per filter for its counts, the count and the page of results
and their prefetches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from cms.core.pagination import govuk_pagination

from .dimensions import TermIndex, dimension

# --------------------------------------------------------------------------
# Filters: what one GET parameter narrows by, its options and their counts
# --------------------------------------------------------------------------


class TermFilter:
    """A taxonomy dimension (``cms.taxonomy.dimensions``): agency, theme, stage, area...
    Values are slugs; an area may also be given by name or code."""

    def __init__(self, param, label=None):
        self.dimension = dimension(param)
        self.param = param
        self.label = label or self.dimension.label
        self.noun = self.dimension.noun

    def labels(self, base, terms):
        return terms.labels(self.param)

    def parse(self, raw, known, terms):
        term = terms.get(self.param, raw[:200])
        return term.slug if term is not None and term.slug in known else None

    def condition(self, values):
        return Q(**{f"{self.dimension.lookup}__in": values})

    def counts(self, scope):
        lookup = self.dimension.lookup
        return dict(
            scope.order_by()
            .values_list(lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(lookup, "n")
        )


class FieldValueFilter:
    """A plain field whose options are the values the listed items have (a year)."""

    def __init__(self, param, label, field_name, descending=True):
        self.param, self.label, self.noun = param, label, label.lower()
        self.field_name = field_name
        self.descending = descending

    def labels(self, base, terms):
        order = ("-" if self.descending else "") + self.field_name
        values = base.order_by(order).values_list(self.field_name, flat=True).distinct()
        return {str(value): str(value) for value in values}

    def parse(self, raw, known, terms):
        value = raw.strip()
        return value if value in known else None

    def condition(self, values):
        return Q(**{f"{self.field_name}__in": values})

    def counts(self, scope):
        rows = (
            scope.order_by()
            .values_list(self.field_name)
            .annotate(n=Count("pk", distinct=True))
            .values_list(self.field_name, "n")
        )
        return {str(value): n for value, n in rows}


@dataclass(frozen=True)
class Band:
    """One option of a :class:`BandFilter`: a slug, a label and the condition it stands for."""

    value: str
    label: str
    condition: Q


class BandFilter:
    """Fixed ranges of a number, e.g. a video's length: "Under 3 minutes", "3 to 5 minutes"."""

    def __init__(self, param, label, bands):
        self.param, self.label, self.noun = param, label, label.lower()
        self.bands = list(bands)

    def labels(self, base, terms):
        return {band.value: band.label for band in self.bands}

    def parse(self, raw, known, terms):
        value = raw.strip()
        return value if value in known else None

    def condition(self, values):
        return reduce(or_, (band.condition for band in self.bands if band.value in values), Q(pk__in=[]))

    def counts(self, scope):
        totals = scope.order_by().aggregate(
            **{f"band_{i}": Count("pk", filter=band.condition) for i, band in enumerate(self.bands)}
        )
        return {band.value: totals[f"band_{i}"] or 0 for i, band in enumerate(self.bands)}


# --------------------------------------------------------------------------
# What the template gets
# --------------------------------------------------------------------------


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    remove_url: str = ""


@dataclass
class Facet:
    dimension: object  # the filter: has ``param``, ``label`` and ``noun``
    options: list = field(default_factory=list)
    selected: list = field(default_factory=list)

    @property
    def has_selection(self):
        return bool(self.selected)


def query_string(params, **changes):
    """``?a=1&a=2&b=3`` from {param: [values]}, with some params replaced."""
    merged = {key: list(values) for key, values in params.items()}
    merged.update(changes)
    pairs = [(key, value) for key, values in merged.items() for value in values if value]
    return "?" + urlencode(pairs) if pairs else "?"


# --------------------------------------------------------------------------
# The listing
# --------------------------------------------------------------------------


class FacetedListing:
    """The live, public children of one index page, filtered, counted, sorted and paged.

    ``sorts``: {key: (label, order_by fields)}, the first is the default. The template gets
    ``page``, ``<results_name>`` (this page's items), ``page_obj``, ``pagination``,
    ``facets``, ``active_filters``, ``notices``, ``sort``, ``sorts`` and ``clear_url``.
    """

    def __init__(
        self,
        model,
        *,
        filters,
        sorts,
        template,
        results_name,
        page_size=10,
        select_related=(),
        prefetch_related=(),
    ):
        self.model = model
        self.filters = list(filters)
        self.sorts = dict(sorts)
        self.default_sort = next(iter(self.sorts))
        self.template = template
        self.results_name = results_name
        self.page_size = page_size
        self.select_related = tuple(select_related)
        self.prefetch_related = tuple(prefetch_related)

    def base(self, index_page):
        return self.model.objects.live().public().descendant_of(index_page)

    def labels(self, base, terms):
        """{param: {value: label}} for every filter (at most one query each)."""
        return {f.param: f.labels(base, terms) for f in self.filters}

    def parse(self, request, labels, terms):
        """Selected, valid values per filter, the sort, and notices for what was ignored."""
        selected, notices = {}, []
        for f in self.filters:
            known, values = labels[f.param], []
            for raw in request.GET.getlist(f.param):
                if not raw.strip():
                    continue
                value = f.parse(raw, known, terms)
                if value is None:
                    notices.append(f"We ignored “{raw[:60]}”: it is not a known {f.noun}.")
                elif value not in values:
                    values.append(value)
            selected[f.param] = values
        sort = request.GET.get("sort", self.default_sort)
        if sort not in self.sorts:
            label = self.sorts[self.default_sort][0]
            notices.append(
                f"We ignored the sort order “{sort[:40]}” and sorted {label[:1].lower()}{label[1:]}."
            )
            sort = self.default_sort
        return selected, sort, notices

    def narrow(self, queryset, selected, skip=None):
        for f in self.filters:
            values = selected[f.param]
            if values and f.param != skip:
                # A subquery, so a many-to-many filter never repeats an item.
                queryset = queryset.filter(pk__in=self.model.objects.filter(f.condition(values)).values("pk"))
        return queryset

    def facets(self, base, selected, labels, params):
        facets = []
        for f in self.filters:
            counts = f.counts(self.narrow(base, selected, skip=f.param))
            facet = Facet(f)
            for value, label in labels[f.param].items():
                count = counts.get(value, 0)
                is_selected = value in selected[f.param]
                if count or is_selected:
                    option = Option(value, label, count, is_selected)
                    if is_selected:
                        remaining = [v for v in selected[f.param] if v != value]
                        option.remove_url = query_string(params, **{f.param: remaining, "page": []})
                        facet.selected.append(option)
                    facet.options.append(option)
            facets.append(facet)
        return facets

    def results(self, base, selected, sort):
        queryset = self.narrow(base, selected).order_by(*self.sorts[sort][1])
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def serve(self, index_page, request):
        base = self.base(index_page)
        terms = TermIndex()
        labels = self.labels(base, terms)
        selected, sort, notices = self.parse(request, labels, terms)
        params = {f.param: selected[f.param] for f in self.filters}
        if sort != self.default_sort:
            params["sort"] = [sort]

        page_obj = Paginator(self.results(base, selected, sort), self.page_size).get_page(
            request.GET.get("page")
        )
        facets = self.facets(base, selected, labels, params)
        context = index_page.get_context(request)
        context.update(
            {
                self.results_name: page_obj.object_list,
                "page_obj": page_obj,
                "pagination": govuk_pagination(
                    page_obj, lambda number: query_string(params, page=[str(number)])
                ),
                "facets": facets,
                "active_filters": [option for facet in facets for option in facet.selected],
                "notices": notices,
                "sort": sort,
                "default_sort": self.default_sort,
                "sorts": [(key, label) for key, (label, _order) in self.sorts.items()],
                "clear_url": query_string({"sort": params.get("sort", [])}),
            }
        )
        return TemplateResponse(request, self.template, context)
