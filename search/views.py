"""The site search page (/search/) and search-as-you-type suggestions (/search/suggest/).

Everything here goes through the standard Wagtail search API (``.search()``,
``.autocomplete()``, ``.facet()``, queryset filters on ``FilterField``s), so the same
code runs on Whoosh on one machine and on OpenSearch / Elasticsearch at scale, switched
by settings alone. Whoosh-only extras are used when the backend / results have them:

* ``results.facets(*names)`` -- several facet counts in one pass (else ``facet()`` each);
* ``backend.highlight(obj, query, fields)`` -- escaped snippets with ``<mark>`` (else an
  escaped summary);
* ``backend.suggest(query, model)`` -- "did you mean" (else none).

Only live, public pages are ever searched: every query starts from
``Page.objects.live().public()`` (or the same on a specific page model), so drafts,
unpublished pages and pages under a view restriction never appear in results, counts,
suggestions or snippets. "Did you mean" is only offered when the corrected query itself
finds live, public results, so words that exist only in drafts can't leak through it.

When a query finds nothing and its spelling correction does, the corrected query's results
are shown at once ("Showing results for consent. Search instead for consnet"); the link
back adds ``spelling=off`` so the original query is searched as typed. The search is
logged under the words the person typed (a zero-result search, as before).
"""

import logging
import re
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from cms.core.pagination import govuk_pagination
from cms.glossary.queries import matching_terms
from cms.taxonomy.dimensions import DIMENSIONS, TermIndex

from . import page_cache, query_log
from .registry import registry as site_registry

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_PAGE = 100  # deep pagination is never useful and costs the backend
SUGGESTIONS_LIMIT = 8
FALLBACK_FACET_DOCS = 2000  # backends without a cheap "all matching ids" (ES): count over this many
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_query(value):
    """A safe query string: no control characters (PostgreSQL rejects NUL), bounded."""
    if not isinstance(value, str):
        return ""
    value = _CONTROL_CHARS.sub(" ", value)
    return " ".join(value.split())[:MAX_QUERY_STRING_LENGTH]


def live_pages(model=Page, private_q=None):
    """Live pages outside any view-restricted section: ``.live().public()``, optionally
    with the restriction filter computed once per request (``Page.objects.private_q()``
    queries the restrictions each time)."""
    if private_q is None:
        return model.objects.live().public()
    return model.objects.live().exclude(private_q)


class SearchParams:
    """Parsed, validated GET parameters. Unknown values are dropped and reported."""

    def __init__(self, request, types, terms=None):
        get = request.GET
        terms = terms or TermIndex()
        self.query = clean_query(get.get("q", ""))
        # The query as typed; ``query`` becomes the spelling correction when its results are shown.
        self.original_query = self.query
        # ``spelling=off``: search the words as typed, never replace them with a correction.
        self.spelling = get.get("spelling", "") != "off"
        self.notices = []
        by_slug = {t.slug: t for t in types}

        self.types = []
        for slug in self._values(get, "type"):
            if slug in by_slug:
                if by_slug[slug] not in self.types:
                    self.types.append(by_slug[slug])
            else:
                self.notices.append(f"“{slug}” is not a content type we have, so that filter was ignored.")

        self.facets = {}  # param -> [term, ...], for the facets of the registered types
        for dimension in facet_dimensions(types):
            wanted = self._values(get, dimension.param)
            chosen = []
            for slug in wanted:
                term = terms.get(dimension.param, slug)
                if term is None:
                    self.notices.append(
                        f"“{slug}” is not a {dimension.noun} we know, so that filter was ignored."
                    )
                elif term not in chosen:
                    chosen.append(term)
            if chosen:
                self.facets[dimension.param] = chosen

        try:
            self.page = int(get.get("page", "1"))
        except (TypeError, ValueError):
            self.page = 1
        self.page = min(max(self.page, 1), MAX_PAGE)

    @staticmethod
    def _values(get, name):
        out = []
        for raw in get.getlist(name)[:20]:
            for value in str(raw).split(","):
                value = value.strip().lower()
                if value:
                    out.append(value[:100])
        return out

    @property
    def has_filters(self):
        return bool(self.types or self.facets)

    @property
    def corrected(self):
        """True when ``query`` is the spelling correction of what was typed."""
        return self.query != self.original_query

    @property
    def filter_count(self):
        """How many filter values are applied."""
        return len(self.types) + sum(len(terms) for terms in self.facets.values())

    def clear_url(self):
        """This search without its filters."""
        return self.url(type=None, page=None, **dict.fromkeys(self.facets))

    def querydict(self, **changes):
        """GET parameters for a link, with ``changes`` (None removes a key)."""
        data = {"q": self.query}
        if not self.spelling:
            data["spelling"] = "off"
        if self.types:
            data["type"] = [t.slug for t in self.types]
        for param, terms in self.facets.items():
            data[param] = [t.slug for t in terms]
        data.update(changes)
        return {k: v for k, v in data.items() if v not in (None, "", [])}

    def url(self, **changes):
        return "?" + urlencode(self.querydict(**changes), doseq=True)


def facet_dimensions(types):
    """The taxonomy dimensions any of ``types`` has as a facet, in the taxonomy's order."""
    params = {param for t in types for param in t.facets}
    return [d for d in DIMENSIONS if d.param in params]


class SearchPage:
    """Runs one search request. Kept out of the view so it can be tested and reused."""

    def __init__(self, request, registry=None):
        self.request = request
        self.backend = get_search_backend()
        self.types = (registry or site_registry).types()
        self.terms = TermIndex()  # each term model queried at most once per request
        self.params = SearchParams(request, self.types, self.terms)
        self._faceted_ids = {}
        self.operator_fallback = False
        self.operator = "and"
        self._private_q = None
        self._results = self._results_key = None  # the unfiltered search, for type_counts()

    def live(self, model=Page):
        if self._private_q is None:
            self._private_q = Page.objects.all().private_q()
        return live_pages(model, self._private_q)

    # -- scope ------------------------------------------------------------------

    def scope_types(self):
        """Types whose pages are searched: the chosen ones (or all), narrowed to those
        supporting every chosen facet (a type without a facet cannot match it)."""
        types = self.params.types or self.types
        if self.params.facets:
            types = [t for t in types if all(p in t.facets for p in self.params.facets)]
        return types

    def content_types(self, types):
        return [ContentType.objects.get_for_model(t.model) for t in types]

    def type_queryset(self, search_type):
        qs = self.live(search_type.model)
        for param, terms in self.params.facets.items():
            if param in search_type.facets:
                qs = qs.filter(**search_type.filter_kwargs(param, terms))
        return qs

    def results_for(self, scope, operator):
        """Search results over ``scope``, with the chosen facets applied to every type in it.

        One type: that page model's queryset, filtered by the search backend. Several types
        with facets chosen: the facet filters are evaluated per type in the database (they
        name each model's own relations), and the search runs over the live, public pages
        of the scope narrowed to the matching ids (``Page`` filters by ``id`` on every backend).
        """
        if len(scope) == 1 and (self.params.facets or self.params.types):
            return self.type_queryset(scope[0]).search(self.params.query, operator=operator)
        qs = self.live().filter(content_type__in=self.content_types(scope))
        if self.params.facets:
            qs = qs.filter(pk__in=self.faceted_ids(scope))
        results = qs.search(self.params.query, operator=operator)
        if not self.params.has_filters:  # every type, no filters: what type_counts() searches
            self._results, self._results_key = results, (self.params.query, operator)
        return results

    def faceted_ids(self, scope):
        """Ids of the pages of each type in ``scope`` that match every chosen facet (one query a type)."""
        key = tuple(t.slug for t in scope)
        if key not in self._faceted_ids:
            ids = set()
            for search_type in scope:
                qs = search_type.model.objects.all()
                for param, terms in self.params.facets.items():
                    qs = qs.filter(**{f"{search_type.lookup(param)}__in": [t.slug for t in terms]})
                ids.update(qs.order_by().values_list("pk", flat=True))
            self._faceted_ids[key] = sorted(ids)
        return self._faceted_ids[key]

    # -- facets -----------------------------------------------------------------

    def type_counts(self):
        """Count per content type for the query (other facets not applied). Without
        filters the results on show are that very search: their evaluation is reused."""
        results = self._results
        if results is None or self._results_key != (self.params.query, self.operator):
            results = self.live().filter(content_type__in=self.content_types(self.types))
            results = results.search(self.params.query, operator=self.operator)
        counts = dict(results.facet("content_type"))
        by_ct = {ct.pk: t for ct, t in zip(self.content_types(self.types), self.types, strict=True)}
        return {by_ct[ct].slug: n for ct, n in counts.items() if ct in by_ct}

    def facet_counts(self, scope, type_counts=None):
        """``{param: {slug: count}}`` over the live, public result set of every type in scope.
        A type that ``type_counts`` (the query's matches per type) says has none is skipped:
        its facet counts are all zero."""
        counts = {}
        for search_type in scope:
            if not search_type.facets:
                continue
            if type_counts is not None and not type_counts.get(search_type.slug):
                continue
            for param, by_slug in self.type_facet_counts(search_type).items():
                merged = counts.setdefault(param, {})
                for slug, n in by_slug.items():
                    merged[slug] = merged.get(slug, 0) + n
        return counts

    def type_facet_counts(self, search_type):
        """``{param: {slug: count}}`` over the live, public result set of one type."""
        results = self.type_queryset(search_type).search(self.params.query, operator=self.operator)
        params = list(search_type.facets)
        from_backend = {
            p: search_type.facets[p] for p in params if search_type.has_filter_field(search_type.facets[p])
        }
        from_db = [p for p in params if p not in from_backend]
        names = list(from_backend.values())
        pks = None
        if hasattr(results, "facets"):  # Whoosh: one pass for every facet + the ids
            raw = results.facets(*(names + (["id"] if from_db else [])))
            pks = list(raw.pop("id", {}).keys()) if from_db else None
        else:
            raw = {name: results.facet(name) for name in names}
        counts = {}
        for param, name in from_backend.items():
            by_pk = {term.pk: term.slug for term in self.terms.terms(param)}
            counts[param] = {by_pk[k]: n for k, n in raw[name].items() if k in by_pk}
        if from_db:
            if pks is None:
                pks = [obj.pk for obj in results[:FALLBACK_FACET_DOCS]]
            for param in from_db:
                counts[param] = self._count_in_database(search_type, param, pks)
        return counts

    @staticmethod
    def _count_in_database(search_type, param, pks, chunk=500):
        lookup = search_type.lookup(param)
        out = {}
        for i in range(0, len(pks), chunk):
            rows = (
                search_type.model.objects.filter(pk__in=pks[i : i + chunk])
                .exclude(**{lookup + "__isnull": True})
                .values(lookup)
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            )
            for row in rows:
                out[row[lookup]] = out.get(row[lookup], 0) + row["n"]
        return out

    # -- extras -------------------------------------------------------------------

    def did_you_mean(self):
        """A spelling correction of the query as typed that finds live, public pages, or None.
        Computed once per request."""
        if not hasattr(self, "_did_you_mean"):
            self._did_you_mean = self._suggest(self.params.original_query)
        return self._did_you_mean

    def _suggest(self, query):
        if not hasattr(self.backend, "suggest") or not query:
            return None
        try:
            suggestion = clean_query(self.backend.suggest(query, Page) or "")
        except Exception:  # pragma: no cover - an optional extra must never break search
            logger.exception("Spelling suggestion failed")
            return None
        if not suggestion or suggestion.lower() == query.lower():
            return None
        # Only offer it if it finds live, public pages (no leaks from drafts' vocabulary).
        check = self.live().filter(content_type__in=self.content_types(self.types))
        if not check.search(suggestion, operator="or").count():
            return None
        return suggestion

    def promotions(self):
        try:
            from wagtail.contrib.search_promotions.models import SearchPromotion
        except ImportError:  # pragma: no cover
            return []
        picks = list(
            SearchPromotion.objects.filter(query__query_string=query_log.normalise(self.params.query))
            .select_related("page")
            .order_by("sort_order", "pk")
        )
        page_ids = [p.page_id for p in picks if p.page_id]
        visible = set(self.live().filter(pk__in=page_ids).values_list("pk", flat=True)) if page_ids else set()
        out = []
        for pick in picks:
            if pick.page_id:
                if pick.page_id not in visible:
                    continue
                out.append(
                    {
                        "title": pick.page.title,
                        "url": pick.page.get_url(self.request),
                        "description": pick.description,
                        "page_id": pick.page_id,
                    }
                )
            elif pick.external_link_url:
                out.append(
                    {
                        "title": pick.external_link_text or pick.external_link_url,
                        "url": pick.external_link_url,
                        "description": pick.description,
                    }
                )
        return out

    def decorate(self, objects):
        """Specific pages (one query per type) with type, title and snippet."""
        by_label = {t.label_lower: t for t in self.types}
        ids_by_type = {}
        for obj in objects:
            ct = ContentType.objects.get_for_id(obj.content_type_id)
            ids_by_type.setdefault(f"{ct.app_label}.{ct.model}", []).append(obj.pk)
        specific = {}
        for label, ids in ids_by_type.items():
            search_type = by_label.get(label)
            if search_type is None:
                continue
            qs = search_type.model.objects.filter(pk__in=ids)
            if search_type.select_related:
                qs = qs.select_related(*search_type.select_related)
            if search_type.prefetch_related:
                qs = qs.prefetch_related(*search_type.prefetch_related)
            for page in qs:
                specific[page.pk] = (page, search_type)
        items = []
        highlight = self.highlighter()
        for obj in objects:
            if obj.pk not in specific:
                continue
            page, search_type = specific[obj.pk]
            title = escape(page.title)
            snippet = ""
            if highlight is not None:
                title, snippet = highlight(page, search_type, title)
            if not snippet and search_type.summary_field:
                snippet = escape(Truncator(getattr(page, search_type.summary_field, "") or "").chars(240))
            items.append(
                {
                    "page": page,
                    "type": search_type,
                    "title": mark_safe(title),
                    "snippet": mark_safe(snippet),
                    "url": page.get_url(self.request),
                }
            )
        return items

    def highlighter(self):
        """``highlight(page, search_type, title) -> (title, snippet)`` for this query, or
        None (no query, or a backend without highlighting). The title is always marked;
        the snippet is the first of the type's snippet fields with a match, and the fields
        after it are not read. With a Whoosh backend the query's terms are analysed once
        per request (per index), not once per result."""
        if not self.params.query or not hasattr(self.backend, "highlight"):
            return None
        backend, query = self.backend, self.params.query
        options = {"max_fragments": 2, "fragment_chars": 160, "surround": 60}
        terms_by_model = {}
        shared_terms = hasattr(backend, "highlight_terms")

        def marks(page, fields, **extra):
            try:
                if shared_terms:
                    model = type(page)
                    if model not in terms_by_model:
                        terms_by_model[model] = backend.highlight_terms(query, model)
                    return backend.highlight(
                        page, query, fields=fields, terms=terms_by_model[model], **options, **extra
                    )
                return backend.highlight(page, query, fields=fields, **options)
            except Exception:  # pragma: no cover
                logger.exception("Highlighting failed")
                return {}

        def highlight(page, search_type, title):
            if shared_terms:
                title = marks(page, ("title",)).get("title") or title
                found = marks(page, tuple(search_type.snippet_fields), first_match=True)
            else:
                found = marks(page, ("title",) + tuple(search_type.snippet_fields))
                title = found.get("title") or title
            for name in search_type.snippet_fields:
                if found.get(name):
                    return title, found[name]
            return title, ""

        return highlight

    # -- the whole thing ----------------------------------------------------------

    def run(self):
        p = self.params
        context = {"search_query": p.query, "params": p, "notices": list(p.notices), "types": self.types}
        if not p.query:
            context["state"] = "blank"
            return context
        # Glossary terms that are, or start with, what was typed (one query), above the results.
        context["glossary_terms"] = matching_terms(p.query) if p.page == 1 else []
        scope = self.scope_types()
        if not scope:
            context["state"] = "results"
            context.update(results=[], total=0, facet_groups=[], show_filters=True)  # filters excluded all
            context["type_options"] = self.type_options({})
            return context

        results, total = self.search(scope)

        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            page = paginator.page(p.page)
        except (EmptyPage, PageNotAnInteger):
            page = paginator.page(paginator.num_pages)

        type_counts = self.type_counts() if total else {}
        counts = self.facet_counts(scope, type_counts) if total else {}
        context.update(
            state="results" if total else "empty",
            total=total,
            page_obj=page,
            results=self.decorate(list(page.object_list)) if total else [],
            pagination=self.pagination(page) if total else None,
            facet_groups=self.facet_groups(scope, counts),
            type_options=self.type_options(type_counts),
            operator_fallback=self.operator_fallback,
            promotions=self.promotions() if page.number == 1 else [],
            # No results and no filters to take away: nothing to filter, so no panel.
            show_filters=bool(total or p.has_filters),
            search_query=p.query,
        )
        if p.corrected:
            context["original_query"] = p.original_query
            context["original_url"] = p.url(q=p.original_query, spelling="off", page=None)
        elif total < RESULTS_PER_PAGE:
            suggestion = self.did_you_mean()
            if suggestion:
                context["suggestion"] = suggestion
                context["suggestion_url"] = p.url(q=suggestion, page=None, spelling=None)
        if p.page == 1:  # the search itself, not paging through it
            # What the person typed: a corrected search found nothing for their words.
            context["log"] = (p.original_query, 0 if p.corrected else total, not p.has_filters)
        return context

    def render(self):
        """The page's body (rendered without the request: nothing about the viewer) and
        what the layout and the search log need, as :class:`page_cache.CachedPage`."""
        context = self.run()
        p = self.params
        title = "Search"
        if p.query:
            title = f"Search results for “{p.query}”"
            page_obj = context.get("page_obj")
            if page_obj is not None and page_obj.number > 1:
                title += f" (page {page_obj.number})"
        page_ids = [item["page"].pk for item in context.get("results", [])]
        page_ids += [pick["page_id"] for pick in context.get("promotions", []) if pick.get("page_id")]
        return page_cache.CachedPage(
            body=render_to_string("search/includes/body.html", context),
            title=title,
            search_query=p.query,
            log=context.get("log"),
            page_ids=tuple(page_ids),
        )

    def search(self, scope):
        """``(results, total)`` for the query: all of its words; else (nothing found) its
        spelling correction, if that finds something in scope with the chosen filters (it
        becomes ``params.query``); else any of its words."""
        p = self.params
        results, total = self.search_all_words(scope)
        if total == 0 and p.spelling and self.did_you_mean():
            p.query = self.did_you_mean()
            corrected, corrected_total = self.search_any_words(scope, *self.search_all_words(scope))
            if corrected_total:
                return corrected, corrected_total
            p.query = p.original_query
            self.operator, self.operator_fallback = "and", False
        return self.search_any_words(scope, results, total)

    def search_all_words(self, scope):
        self.operator, self.operator_fallback = "and", False
        results = self.results_for(scope, "and")
        return results, results.count()

    def search_any_words(self, scope, results, total):
        """When all of several words found nothing: pages with any of them."""
        if total == 0 and len(self.params.query.split()) > 1:
            results = self.results_for(scope, "or")
            total = results.count()
            self.operator = "or"
            self.operator_fallback = total > 0
        return results, total

    def type_options(self, counts):
        chosen = {t.slug for t in self.params.types}
        return [
            {"value": t.slug, "label": t.plural, "count": counts.get(t.slug, 0), "checked": t.slug in chosen}
            for t in self.types
        ]

    def facet_groups(self, scope, counts):
        """One group per facet of the types in scope, in the taxonomy's order."""
        groups = []
        for dimension in facet_dimensions(scope):
            param = dimension.param
            chosen = {t.slug for t in self.params.facets.get(param, [])}
            c = counts.get(param, {})
            options = [
                {
                    "value": term.slug,
                    "label": getattr(term, "name", str(term)),
                    "count": c.get(term.slug, 0),
                    "checked": term.slug in chosen,
                }
                for term in self.terms.terms(param)
            ]
            # show terms that match something (and any already chosen), most useful first
            options = [o for o in options if o["count"] or o["checked"]]
            applies_to = ", ".join(t.plural for t in scope if param in t.facets)
            groups.append(
                {
                    "param": param,
                    "label": dimension.label,
                    "options": options,
                    "selected": bool(chosen),
                    "applies_to": applies_to,
                }
            )
        return groups

    def pagination(self, page):
        return govuk_pagination(page, lambda number: self.params.url(page=number), max_page=MAX_PAGE)


def record(log):
    """Log one search (page 1 of a search, cached or not): ``(typed, result count, log zero)``."""
    if log is None:
        return
    typed, result_count, log_zero = log
    try:
        query_log.record_search(typed, result_count=result_count, log_zero=log_zero)
    except Exception:  # pragma: no cover - logging must never break search
        logger.exception("Could not record search query")


@require_GET
def search(request):
    """The results page: its body from the cache while the index and the content it shows
    are unchanged (search/page_cache.py), else computed and cached."""
    key = page_cache.cache_key(request)
    cached = page_cache.get(key)
    if cached is not None and not page_cache.still_shown(cached.page_ids):
        cached = None  # a page it lists was withdrawn without a token change
    if cached is None:
        cached = SearchPage(request).render()
        page_cache.put(key, cached)
    record(cached.log)
    body = mark_safe(cached.body)  # rendered by our templates, which escape everything typed
    context = {"body": body, "page_title": cached.title, "search_query": cached.search_query}
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    """Search-as-you-type: titles and URLs of live, public pages as JSON."""
    query = clean_query(request.GET.get("q", ""))
    payload = {"query": query, "results": []}
    if len(query) >= 2:
        types = site_registry.types()
        by_ct = {ContentType.objects.get_for_model(t.model).pk: t for t in types}
        qs = live_pages().filter(content_type__in=list(by_ct))
        try:
            pages = list(qs.autocomplete(query)[:SUGGESTIONS_LIMIT])
        except Exception:  # pragma: no cover - e.g. a backend without autocomplete
            logger.exception("Autocomplete failed")
            pages = []
        payload["results"] = [
            {"title": p.title, "url": p.get_url(request), "type": by_ct[p.content_type_id].label}
            for p in pages
            if p.content_type_id in by_ct
        ]
    response = JsonResponse(payload)
    response["Cache-Control"] = "private, max-age=60"
    return response
