"""Lazy search results: counting and slicing inside Whoosh (one evaluation shared by a
results object and its slices), loading only the requested page from the database,
facet counts, highlighting and "did you mean"."""

from django.utils.encoding import force_str
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from modelsearch.query import Fuzzy, Phrase, PlainText
from whoosh import query as wq

from .engine import cache_for


class _Evaluation:
    """One search evaluated against one index state: its filter's document set, its
    matches (after any database filtering) and their order, computed as first needed.
    Shared by a results object and its clones, so ``count()`` followed by ``[0:10]``
    evaluates the search once."""

    def __init__(self, results, searcher):
        self.results = results
        self.searcher = searcher
        self.empty = searcher is None
        self._matched = None
        self._ranked = []  # [(docnum, score)] for the first ``self._ranked_k`` positions
        self._ranked_k = 0
        if self.empty:
            return
        compiler = results.query_compiler
        self.cache = cache_for(searcher)
        self.text_query = compiler.get_text_query(searcher)
        where, self.needs_db = compiler.get_filter(searcher.schema)
        if self.text_query is wq.NullQuery or where is wq.NullQuery:
            self.empty = True
            return
        scope = compiler.get_scope_filter()
        self.allowed = self.cache.filter_docs(scope if where is None else wq.And([scope, where]))
        self.sort_spec = compiler.get_sort_spec()

    def matched(self):
        """The docnums of every result (a set)."""
        if self._matched is None:
            if self.empty:
                self._matched = frozenset()
            else:
                matched = self.cache.matches(self.text_query, self.allowed)
                if self.needs_db:
                    matched = self.results._filter_in_database(self.cache, matched)
                self._matched = matched
        return self._matched

    def total(self):
        return len(self.matched())

    def ranked(self, k):
        """The first ``k`` results as ``[(docnum, score)]`` (score 0.0 when sorted by a
        field, as Whoosh doesn't score sorted searches)."""
        if self.empty or k <= 0:
            return []
        if k > self._ranked_k:
            if self.sort_spec is not None:
                ordered = self.cache.ordered(self.matched(), self.sort_spec)
                self._ranked = [(d, 0.0) for d in ordered]
                self._ranked_k = max(k, len(ordered))
            else:
                allowed = self.matched() if self.needs_db else self.allowed
                self._ranked = self.cache.top(self.text_query, allowed, k)
                self._ranked_k = k
        return self._ranked[:k]


class WhooshSearchResults(BaseSearchResults):
    """
    Lazy search results. Extras beyond modelsearch:

    * :meth:`facets` -- several facet counts at once;
    * :meth:`highlighted` -- results carry ``obj._highlights`` (dict of HTML snippets);
    * :meth:`suggest` -- "did you mean" for the query string.
    """

    supports_facet = True
    DB_CHUNK_SIZE = 500

    def __init__(self, backend, query_compiler, prefetch_related=None):
        super().__init__(backend, query_compiler, prefetch_related=prefetch_related)
        self._highlight_options = None
        self._shared = {}  # the evaluation, shared with clones (slices)

    def _clone(self):
        new = super()._clone()
        new._highlight_options = self._highlight_options
        new._shared = self._shared
        return new

    # -- execution -------------------------------------------------------------

    def _index(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model)

    def _evaluation(self):
        """The evaluation for the index's current state (a new one after any change)."""
        searcher = self._index().searcher()
        evaluation = self._shared.get("evaluation")
        if evaluation is None or evaluation.searcher is not searcher:
            evaluation = self._shared["evaluation"] = _Evaluation(self, searcher)
        return evaluation

    def _to_python(self, pk_string):
        pk_field = self.query_compiler.queryset.model._meta.pk
        try:
            return pk_field.to_python(pk_string)
        except Exception:  # pragma: no cover
            return pk_string

    def _filter_in_database(self, cache, docnums):
        """The docnums whose objects pass the queryset's filters, asked of the database
        in chunks (for filters Whoosh can't evaluate)."""
        queryset = self.query_compiler.queryset
        docnums = sorted(docnums)
        doc_ids = cache.doc_ids(docnums)
        allowed = set()
        pks = [self._to_python(pk) for pk in doc_ids]
        for i in range(0, len(pks), self.DB_CHUNK_SIZE):
            chunk = pks[i : i + self.DB_CHUNK_SIZE]
            allowed.update(
                force_str(pk)
                for pk in queryset.filter(pk__in=chunk).order_by().values_list("pk", flat=True).distinct()
            )
        return frozenset(d for d, pk in zip(docnums, doc_ids, strict=True) if pk in allowed)

    def _do_search(self):
        evaluation = self._evaluation()
        stop = self.stop if self.stop is not None else evaluation.total()
        hits = evaluation.ranked(stop)[self.start : stop]
        if not hits:
            return []
        cache = evaluation.cache
        doc_ids = cache.doc_ids([d for d, _score in hits])
        queryset = self.query_compiler.queryset
        pks = [self._to_python(pk) for pk in doc_ids]
        objects = {force_str(obj.pk): obj for obj in queryset.filter(pk__in=pks)}
        results = []
        for pk_string, (_docnum, score) in zip(doc_ids, hits, strict=True):
            obj = objects.get(pk_string)
            if obj is None:
                continue  # stale index entry or filtered out by the queryset
            if self._score_field:
                setattr(obj, self._score_field, float(score))
            results.append(obj)
        if self._highlight_options is not None:
            fields, options = self._highlight_options
            for obj in results:
                obj._highlights = self.backend.highlight(
                    obj,
                    self.query_compiler.query,
                    fields,
                    autocomplete=self.query_compiler.is_autocomplete,
                    **options,
                )
        return results

    def _do_count(self):
        total = self._evaluation().total()
        stop = self.stop if self.stop is not None else total
        return max(0, min(total, stop) - self.start)

    # -- facets ----------------------------------------------------------------

    def _facet_field(self, field_name):
        # accepts the attname ("content_type_id", as modelsearch does) or the field name
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            for candidate in self.query_compiler.queryset.model.get_filterable_search_fields():
                if candidate.field_name == field_name:
                    return candidate
        return field

    def _check_facet_field(self, field_name):
        field = self._facet_field(field_name)
        if field is None:
            raise FilterFieldError(
                'Cannot facet search results with field "'
                + field_name
                + "\". Please add index.FilterField('"
                + field_name
                + "') to "
                + self.query_compiler.queryset.model.__name__
                + ".search_fields.",
                field_name=field_name,
            )
        return field

    def facets(self, *field_names):
        """
        Facet counts for several FilterFields at once over the matching documents:
        ``{field_name: OrderedDict(value -> count)}``, most frequent first. Multi-valued
        fields (M2M, tags) count every value; documents without a value count under
        ``None``. Slicing of the results is ignored (counts cover the whole result set).
        """
        fields = {name: self._check_facet_field(name).field_name for name in field_names}
        evaluation = self._evaluation()
        if evaluation.empty:
            return {name: {} for name in field_names}
        counts = evaluation.cache.facet_counts(evaluation.matched(), list(dict.fromkeys(fields.values())))
        return {name: counts[fields[name]] for name in field_names}

    def facet(self, field_name):
        """modelsearch API: ``OrderedDict(value -> count)`` for one FilterField."""
        return self.facets(field_name)[field_name]

    # -- extras ----------------------------------------------------------------

    def highlighted(self, fields=None, **options):
        """
        Return a clone whose result objects carry ``_highlights``: a dict mapping field
        path -> HTML-safe snippet with ``<mark>`` around matches (see
        :meth:`WhooshSearchBackend.highlight` for ``fields`` and ``options``).
        """
        clone = self._clone()
        clone._highlight_options = (fields, options)
        return clone

    def suggest(self, **options):
        """ "Did you mean" for this search's query string (None if nothing to fix)."""
        query = self.query_compiler.query
        text = query.query_string if isinstance(query, (PlainText, Phrase, Fuzzy)) else None
        if not text:
            return None
        return self.backend.suggest(text, self.query_compiler.queryset.model, **options)
