"""The case study listing: combinable filters as GET parameters, facet counts, sorting.

Filters use the canonical taxonomy slugs, so a filtered listing is a URL people can
bookmark and share, e.g. /case-studies/?agency=police&agency=health&theme=consent.
Values within one filter are alternatives (police OR health); different filters
narrow each other (AND). Each option's count is the number of stories it would show
given the other filters, so counts never promise an empty page.

The page runs a fixed number of queries, however many stories there are.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from cms.core.pagination import govuk_pagination
from cms.taxonomy.dimensions import DIMENSIONS, Dimension, TermIndex

from .models import CaseStudyPage, CaseStudyTheme

PAGE_SIZE = 10
SORTS = {
    "newest": ("Newest first", ("-year", "-first_published_at", "title")),
    "title": ("Title (A to Z)", ("title",)),
}
DEFAULT_SORT = "newest"


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    remove_url: str = ""


@dataclass
class Facet:
    dimension: Dimension
    options: list = field(default_factory=list)
    selected: list = field(default_factory=list)

    @property
    def has_selection(self):
        return bool(self.selected)


def _query_string(params, **changes):
    merged = {key: list(values) for key, values in params.items()}
    merged.update(changes)
    pairs = [(key, value) for key, values in merged.items() for value in values if value]
    return "?" + urlencode(pairs) if pairs else "?"


def parse_filters(request, labels_by_dimension, terms=None):
    """Selected, valid values (slugs; years) per dimension, and notices for what was ignored.
    Terms are looked up in the taxonomy's index, so an area may also be given by name."""
    terms = terms or TermIndex()
    selected, notices = {}, []
    for dimension in DIMENSIONS:
        known = labels_by_dimension[dimension.param]
        values = []
        for raw in request.GET.getlist(dimension.param):
            if not raw.strip():
                continue
            if dimension.model_label is None:
                value = raw.strip() if raw.strip() in known else None
            else:
                term = terms.get(dimension.param, raw[:200])
                value = term.slug if term is not None and term.slug in known else None
            if value is None:
                notices.append(f"We ignored “{raw[:60]}”: it is not a known {dimension.noun}.")
            elif value not in values:
                values.append(value)
        selected[dimension.param] = values
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        notices.append(f"We ignored the sort order “{sort[:40]}” and sorted newest first.")
        sort = DEFAULT_SORT
    return selected, sort, notices


def _narrow(queryset, selected, skip=None):
    for dimension in DIMENSIONS:
        values = selected[dimension.param]
        if values and dimension.param != skip:
            matching = CaseStudyPage.objects.filter(**{f"{dimension.lookup}__in": values}).values("pk")
            queryset = queryset.filter(pk__in=matching)
    return queryset


def build_facets(base, selected, labels_by_dimension, params):
    facets = []
    for dimension in DIMENSIONS:
        scope = _narrow(base, selected, skip=dimension.param)
        counts = dict(
            scope.order_by()
            .values_list(dimension.lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(dimension.lookup, "n")
        )
        facet = Facet(dimension)
        for value, label in labels_by_dimension[dimension.param].items():
            count = counts.get(int(value) if dimension.param == "year" else value, 0)
            is_selected = value in selected[dimension.param]
            if count or is_selected:
                option = Option(value, label, count, is_selected)
                if is_selected:
                    remaining = [v for v in selected[dimension.param] if v != value]
                    option.remove_url = _query_string(params, **{dimension.param: remaining, "page": []})
                    facet.selected.append(option)
                facet.options.append(option)
        facets.append(facet)
    return facets


def taxonomy_labels(base, terms=None):
    """slug -> label for every dimension (one query each; years from the stories)."""
    terms = terms or TermIndex()
    labels = {}
    for dimension in DIMENSIONS:
        if dimension.model_label is None:
            years = base.order_by("-year").values_list("year", flat=True).distinct()
            labels[dimension.param] = {str(year): str(year) for year in years}
        else:
            labels[dimension.param] = terms.labels(dimension.param)
    return labels


def serve_listing(index_page, request):
    base = CaseStudyPage.objects.live().public().descendant_of(index_page)
    terms = TermIndex()
    labels = taxonomy_labels(base, terms)
    selected, sort, notices = parse_filters(request, labels, terms)
    params = {dimension.param: selected[dimension.param] for dimension in DIMENSIONS}
    if sort != DEFAULT_SORT:
        params["sort"] = [sort]

    results = (
        _narrow(base, selected)
        .order_by(*SORTS[sort][1])
        .select_related("area", "stage", "evidence_type")
        .prefetch_related(
            "agencies", Prefetch("theme_items", queryset=CaseStudyTheme.objects.select_related("tag"))
        )
    )
    page_obj = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = build_facets(base, selected, labels, params)
    context = index_page.get_context(request)
    context.update(
        {
            "stories": page_obj.object_list,
            "page_obj": page_obj,
            "pagination": govuk_pagination(
                page_obj, lambda number: _query_string(params, page=[str(number)])
            ),
            "facets": facets,
            "active_filters": [option for facet in facets for option in facet.selected],
            "notices": notices,
            "sort": sort,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "clear_url": _query_string({"sort": params.get("sort", [])}),
        }
    )
    return TemplateResponse(request, "case_studies/case_study_index_page.html", context)
