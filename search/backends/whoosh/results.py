"""Lazy search results: counting and slicing inside Whoosh, loading only the requested
page from the database, facet counts, highlighting and "did you mean"."""

from collections import OrderedDict

from django.utils.encoding import force_str
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from modelsearch.query import Fuzzy, Phrase, PlainText
from whoosh import query as wq


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

    def _clone(self):
        new = super()._clone()
        new._highlight_options = self._highlight_options
        return new

    # -- execution -------------------------------------------------------------

    def _index(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model)

    def _hits(self, start, stop, need_all=False):
        """Return ``(hits, total)``; hits is a list of ``(pk_string, score, docnum)``."""
        compiler = self.query_compiler
        searcher = self._index().searcher()
        if searcher is None:
            return [], 0
        text_query = compiler.get_text_query()
        if text_query is wq.NullQuery:
            return [], 0
        where, needs_db = compiler.get_filter()
        if where is wq.NullQuery:
            return [], 0
        scope = compiler.get_scope_filter()
        whoosh_filter = scope if where is None else wq.And([scope, where])
        sortedby = compiler.get_sort()

        if needs_db or need_all:
            limit = None
        else:
            limit = stop if stop is not None else None
            if limit is not None and limit <= start:
                limit = max(start, 1)
        kwargs = {"limit": limit, "filter": whoosh_filter}
        if sortedby is not None:
            kwargs["sortedby"] = sortedby
        results = searcher.search(text_query, **kwargs)
        hits = []
        for docnum, score in results.items():
            if sortedby is not None or not isinstance(score, (int, float)):
                score = 0.0  # sorted searches are not scored by Whoosh
            hits.append((searcher.stored_fields(docnum)["doc_id"], float(score), docnum))
        if needs_db:
            hits = self._filter_in_database(hits)
            total = len(hits)
        else:
            total = len(results)
        if need_all:
            return hits, total
        return hits[start:stop], total

    def _to_python(self, pk_string):
        pk_field = self.query_compiler.queryset.model._meta.pk
        try:
            return pk_field.to_python(pk_string)
        except Exception:  # pragma: no cover
            return pk_string

    def _filter_in_database(self, hits):
        queryset = self.query_compiler.queryset
        allowed = set()
        pks = [self._to_python(h[0]) for h in hits]
        for i in range(0, len(pks), self.DB_CHUNK_SIZE):
            chunk = pks[i : i + self.DB_CHUNK_SIZE]
            allowed.update(
                force_str(pk)
                for pk in queryset.filter(pk__in=chunk).order_by().values_list("pk", flat=True).distinct()
            )
        return [h for h in hits if h[0] in allowed]

    def _do_search(self):
        hits, _ = self._hits(self.start, self.stop)
        if not hits:
            return []
        queryset = self.query_compiler.queryset
        pks = [self._to_python(h[0]) for h in hits]
        objects = {force_str(obj.pk): obj for obj in queryset.filter(pk__in=pks)}
        results = []
        for pk_string, score, _docnum in hits:
            obj = objects.get(pk_string)
            if obj is None:
                continue  # stale index entry or filtered out by the queryset
            if self._score_field:
                setattr(obj, self._score_field, score)
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
        return self._count()[0]

    def _count(self):
        _, total = self._hits(0, 1)
        start = self.start
        stop = self.stop if self.stop is not None else total
        return max(0, min(total, stop) - start), total

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
        Facet counts for several FilterFields in one pass over the matching documents:
        ``{field_name: OrderedDict(value -> count)}``, most frequent first. Multi-valued
        fields (M2M, tags) count every value; documents without a value count under
        ``None``. Slicing of the results is ignored (counts cover the whole result set).
        """
        fields = [self._check_facet_field(name) for name in field_names]
        hits, _ = self._hits(0, None, need_all=True)
        searcher = self._index().searcher()
        counts = {field.field_name: {} for field in fields}
        for _pk, _score, docnum in hits:
            values = searcher.stored_fields(docnum).get("doc_fv") or {}
            for field in fields:
                value = values.get(field.field_name)
                bucket = counts[field.field_name]
                if isinstance(value, list):
                    if not value:
                        bucket[None] = bucket.get(None, 0) + 1
                    for v in set(value):
                        bucket[v] = bucket.get(v, 0) + 1
                else:
                    bucket[value] = bucket.get(value, 0) + 1
        out = {}
        for name in field_names:
            bucket = counts[self._facet_field(name).field_name]
            out[name] = OrderedDict(sorted(bucket.items(), key=lambda kv: -kv[1]))
        return out

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
