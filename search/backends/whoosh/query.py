"""Compiling a modelsearch query and queryset into a Whoosh query, filter and sort order;
filters Whoosh can't evaluate exactly are left to the database."""

from django.db.models import F, OrderBy
from django.db.models.expressions import BaseExpression
from django.db.models.query import QuerySet
from django.db.models.sql.query import Query as SQLQuery
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.index import AutocompleteField, RelatedFields, SearchField, get_indexed_models
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText, SearchQuery
from whoosh import query as wq
from whoosh import sorting

from .schema import (
    _PLAIN_ANALYZER,
    _SEARCH_ANALYZER,
    AUTOCOMPLETE_MAX_GRAM,
    _tokens,
    _Unconvertible,
    autocomplete_column,
    filter_column,
    filter_kind,
    model_label,
    normalise_filter_value,
    text_column,
)


class _NeedsDatabase(Exception):
    """Raised while compiling filters that Whoosh can't evaluate exactly."""


def _auto_fuzziness(term):
    if len(term) <= 2:
        return 0
    if len(term) <= 5:
        return 1
    return 2


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    """Translates a modelsearch query + queryset into Whoosh query, filter and sort."""

    HANDLES_ORDER_BY_EXPRESSIONS = True
    is_autocomplete = False

    # -- columns -------------------------------------------------------------

    def _models_in_scope(self):
        model = self.queryset.model
        models = [m for m in get_indexed_models() if issubclass(m, model)]
        if model not in models:
            models.insert(0, model)
        return models

    def _search_field_type(self):
        return AutocompleteField if self.is_autocomplete else SearchField

    def _column_for(self, path):
        if self.is_autocomplete:
            return autocomplete_column(path)
        return text_column(path)

    def get_columns(self):
        """List of ``(column, boost)`` searched by this query."""
        if self.fields:
            return [(self._column_for(name), self._field_boost(name)) for name in self.fields]

        columns = {}
        field_type = self._search_field_type()

        def walk(fields, prefix):
            for field in fields:
                if isinstance(field, field_type):
                    boost = float(getattr(field, "boost", None) or 1.0)
                    column = self._column_for(prefix + field.field_name)
                    columns[column] = max(columns.get(column, 0), boost)
                elif isinstance(field, RelatedFields):
                    walk(field.fields, prefix + field.field_name + "__")

        for model in self._models_in_scope():
            walk(model.get_search_fields(), "")
        return sorted(columns.items())

    def _field_boost(self, name):
        if self.is_autocomplete:
            return 1.0
        for field in self.queryset.model.get_searchable_search_fields():
            if field.field_name == name:
                return float(field.boost or 1.0)
        return 1.0

    # -- text query ----------------------------------------------------------

    def _analyze(self, text):
        if self.is_autocomplete:
            return [t[:AUTOCOMPLETE_MAX_GRAM] for t in _tokens(_PLAIN_ANALYZER, text)]
        return _tokens(_SEARCH_ANALYZER, text)

    def _term_query(self, term, columns, boost=1.0, fuzzy=False):
        subqueries = []
        for column, column_boost in columns:
            b = column_boost * boost
            if fuzzy and _auto_fuzziness(term):
                subqueries.append(
                    wq.FuzzyTerm(column, term, boost=b, maxdist=_auto_fuzziness(term), prefixlength=1)
                )
            else:
                subqueries.append(wq.Term(column, term, boost=b))
        if not subqueries:
            return wq.NullQuery
        if len(subqueries) == 1:
            return subqueries[0]
        return wq.Or(subqueries)

    def _words_query(self, text, operator, boost, columns, fuzzy=False):
        terms = list(dict.fromkeys(self._analyze(text)))
        if not terms:
            return wq.NullQuery
        parts = [self._term_query(t, columns, boost, fuzzy) for t in terms]
        if len(parts) == 1:
            return parts[0]
        return wq.And(parts) if operator == "and" else wq.Or(parts)

    def _phrase_query(self, text, columns):
        if self.is_autocomplete:
            return self._words_query(text, "and", 1.0, columns)
        # (Whoosh re-uses one Token object, so copy out text/pos while iterating)
        tokens = [(t.text, t.pos) for t in _SEARCH_ANALYZER(text, positions=True)]
        words = [w for w, _ in tokens]
        if not words:
            return wq.NullQuery
        if len(words) == 1:
            return self._term_query(words[0], columns)
        positions = [p for _, p in tokens]
        slop = max(1, max(b - a for a, b in zip(positions, positions[1:], strict=False)))
        subqueries = [wq.Phrase(column, words, slop=slop, boost=boost) for column, boost in columns]
        if not subqueries:
            return wq.NullQuery
        return subqueries[0] if len(subqueries) == 1 else wq.Or(subqueries)

    def compile_query(self, query, columns):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, PlainText):
            return self._words_query(query.query_string, query.operator, float(query.boost or 1.0), columns)
        if isinstance(query, Phrase):
            return self._phrase_query(query.query_string, columns)
        if isinstance(query, Fuzzy):
            return self._words_query(
                query.query_string, query.operator, 1.0, columns, fuzzy=not self.is_autocomplete
            )
        if isinstance(query, Boost):
            sub = self.compile_query(query.subquery, columns)
            if sub is wq.NullQuery or isinstance(sub, wq.Every):
                return sub
            return sub.with_boost(getattr(sub, "boost", 1.0) * float(query.boost))
        if isinstance(query, Not):
            sub = self.compile_query(query.subquery, columns)
            if sub is wq.NullQuery:
                return wq.Every()
            if isinstance(sub, wq.Every):
                return wq.NullQuery
            return wq.Not(sub)
        if isinstance(query, And):
            subs = [self.compile_query(q, columns) for q in query.subqueries]
            if any(s is wq.NullQuery for s in subs):
                return wq.NullQuery
            subs = [s for s in subs if not isinstance(s, wq.Every)] or [wq.Every()]
            return subs[0] if len(subs) == 1 else wq.And(subs)
        if isinstance(query, Or):
            subs = [self.compile_query(q, columns) for q in query.subqueries]
            subs = [s for s in subs if s is not wq.NullQuery]
            if not subs:
                return wq.NullQuery
            return subs[0] if len(subs) == 1 else wq.Or(subs)
        if isinstance(query, SearchQuery):
            raise NotImplementedError(
                f"{type(query).__name__} is not supported by the Whoosh search backend."
            )
        raise TypeError(f"Unknown query: {query!r}")

    def get_text_query(self):
        return self.compile_query(self.query, self.get_columns())

    # -- filters ---------------------------------------------------------------

    def _process_lookup(self, field_path, lookup, value):
        if len(field_path) != 1:
            raise _NeedsDatabase
        field = field_path[0]
        model = self.queryset.model
        kind = filter_kind(field, model)
        column = filter_column(kind, field.field_name)

        if isinstance(value, (SQLQuery, BaseExpression, QuerySet)) or hasattr(value, "resolve_expression"):
            raise _NeedsDatabase

        def norm(v):
            try:
                return normalise_filter_value(kind, v)
            except _Unconvertible as e:
                raise _NeedsDatabase from e

        def exact(v):
            v = norm(v)
            if v is None:
                return wq.Not(wq.Term("doc_has", column))
            if kind == "s":
                return wq.Term(column, v)
            return wq.NumericRange(column, v, v)

        def rng(lo, hi, lo_excl=False, hi_excl=False):
            lo = norm(lo)
            hi = norm(hi)
            if kind == "s":
                return wq.TermRange(column, lo, hi, startexcl=lo_excl, endexcl=hi_excl)
            return wq.NumericRange(column, lo, hi, startexcl=lo_excl, endexcl=hi_excl)

        if lookup == "exact":
            return exact(value)
        if lookup == "isnull":
            has = wq.Term("doc_has", column)
            return wq.Not(has) if value else has
        if lookup == "in":
            values = list(value)
            if not values:
                return wq.NullQuery
            parts = [exact(v) for v in values if v is not None]
            if not parts:
                return wq.NullQuery
            return parts[0] if len(parts) == 1 else wq.Or(parts)
        if lookup == "gt":
            return rng(value, None, lo_excl=True)
        if lookup == "gte":
            return rng(value, None)
        if lookup == "lt":
            return rng(None, value, hi_excl=True)
        if lookup == "lte":
            return rng(None, value)
        if lookup == "range":
            lo, hi = value
            return rng(lo, hi)
        if lookup == "startswith" and kind == "s":
            return wq.Prefix(column, force_str(value))
        raise _NeedsDatabase

    def _process_match_none(self):
        return wq.NullQuery

    def _connect_filters(self, filters, connector, negated):
        filters = [f for f in filters if f is not None]
        if not filters:
            return None
        if connector == "AND":
            if any(f is wq.NullQuery for f in filters):
                combined = wq.NullQuery
            else:
                combined = filters[0] if len(filters) == 1 else wq.And(filters)
        else:
            filters = [f for f in filters if f is not wq.NullQuery]
            if not filters:
                combined = wq.NullQuery
            else:
                combined = filters[0] if len(filters) == 1 else wq.Or(filters)
        if negated:
            if combined is wq.NullQuery:
                return wq.Every()
            return wq.Not(combined)
        return combined

    def get_filter(self):
        """``(whoosh_filter_or_None, needs_database)``."""
        try:
            return self._get_filters_from_queryset(check_only=False), False
        except _NeedsDatabase:
            return None, True

    def get_scope_filter(self):
        return wq.Term("doc_ct", model_label(self.queryset.model))

    # -- ordering --------------------------------------------------------------

    def get_sort(self):
        """A Whoosh ``sortedby`` facet, or None to sort by relevance."""
        if self.order_by_relevance:
            return None
        facets = []
        model = self.queryset.model
        for item in self.queryset.query.order_by:
            reverse = False
            name = item
            if isinstance(item, OrderBy):
                expression = item.expression
                if not isinstance(expression, F):
                    continue
                name = expression.name
                reverse = item.descending
            elif isinstance(item, F):
                name = item.name
            if not isinstance(name, str):
                continue
            if name.startswith("-"):
                reverse = True
                name = name[1:]
            if name in ("pk", model._meta.pk.attname, model._meta.pk.name) and (
                self._get_filterable_field(name) is None
            ):
                facets.append(sorting.FieldFacet("doc_pk", reverse=reverse))
                continue
            field = self._get_filterable_field(name)
            if field is None:
                continue
            column = filter_column(filter_kind(field, model), field.field_name)
            facets.append(sorting.FieldFacet(column, reverse=reverse))
        # tie-break (and default ordering) by descending pk for stable pagination
        facets.append(sorting.FieldFacet("doc_pk", reverse=True))
        return facets[0] if len(facets) == 1 else sorting.MultiFacet(facets)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    is_autocomplete = True
