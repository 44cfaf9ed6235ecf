"""Compiling a modelsearch query and queryset into a Whoosh query, filter and sort order;
filters Whoosh can't evaluate exactly are left to the database.

Compound words: a hyphenated query word ("pre-birth") matches its parts as a phrase or
its joined form ("prebirth", which the index holds for every hyphenated word); a joined
query word the index vocabulary lacks but that splits into two words it has ("prebirth"
into "pre" + "birth") also matches them as a phrase; and two adjacent query words also
match their joined form when the index has it ("pre birth" -> "prebirth")."""

import itertools

from django.db.models import F, OrderBy
from django.db.models.expressions import BaseExpression, Col
from django.db.models.lookups import Lookup
from django.db.models.query import QuerySet
from django.db.models.sql.query import Query as SQLQuery
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.index import AutocompleteField, RelatedFields, SearchField, get_indexed_models
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText, SearchQuery
from whoosh import query as wq
from whoosh import sorting

from .documents import can_be_null
from .schema import (
    _PLAIN_ANALYZER,
    _SEARCH_ANALYZER,
    AUTOCOMPLETE_MAX_GRAM,
    _tokens,
    _Unconvertible,
    autocomplete_column,
    encode_keyword,
    filter_column,
    filter_kind,
    model_label,
    normalise_filter_value,
    related_filter_column,
    text_column,
)

#: Shortest joined word tried as two words, and shortest part ("prebirth" -> "pre" + "birth").
MIN_SPLIT_WORD = 5
MIN_SPLIT_PART = 2
#: At most this many spellings of one phrase are searched (compound alternatives).
MAX_PHRASE_VARIANTS = 8


class _NeedsDatabase(Exception):
    """Raised while compiling filters that Whoosh can't evaluate exactly."""


class WordQuery(wq.Or):
    """One word (or phrase) in every searched column: an ``Or`` that the search engine
    (:mod:`.engine`) evaluates as a unit and caches per index state, like a term."""


def _analyse_word(raw):
    """``(parts, joined)``: the analysed tokens of one whitespace-free query word and, for
    a hyphenated compound, its joined form (None otherwise)."""
    parts = []
    joined = None
    for token in _SEARCH_ANALYZER(raw, mode="query"):
        if getattr(token, "joined", False):
            joined = token.text
        else:
            parts.append(token.text)
    return parts, joined


def _stem(word):
    tokens = _tokens(_SEARCH_ANALYZER, word)
    return tokens[0] if len(tokens) == 1 else None


class ExactNumber(wq.NumericRange):
    """``NumericRange(column, v, v)`` with a hash that depends on ``v``: Whoosh's hashes
    ``start ^ end``, 0 for every exact value, so a filter on many ids (``pk__in``) made
    every cache and de-duplication lookup compare against all of them."""

    def __init__(self, fieldname, value, boost=1.0):
        super().__init__(fieldname, value, value, boost=boost)

    def __hash__(self):
        return hash((self.fieldname, self.start, self.boost))


class Vocabulary:
    """Which words an index holds: the unstemmed ``spell`` column (what documents
    literally say) and the searched text columns (stems, joined compounds included)."""

    def __init__(self, searcher, columns):
        self.reader = searcher.reader() if searcher is not None else None
        self.columns = [column for column, _boost in columns]

    def said(self, word):
        reader = self.reader
        return reader is not None and "spell" in reader.schema and ("spell", word) in reader

    def indexed(self, stem):
        reader = self.reader
        return reader is not None and any((column, stem) in reader for column in self.columns)

    def split(self, word):
        """The best split of a joined word the index never says into two words it does
        say (stems of both), or None."""
        if self.reader is None or len(word) < MIN_SPLIT_WORD or not word.isalpha() or self.said(word):
            return None
        best = None
        for i in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            left, right = word[:i], word[i:]
            if self.said(left) and self.said(right):
                stems = (_stem(left), _stem(right))
                if None not in stems and (best is None or min(i, len(word) - i) > best[0]):
                    best = (min(i, len(word) - i), list(stems))
        return best[1] if best else None


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
    _schema = None
    _lookup_alias = None
    _shared_aliases = frozenset()

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
        return [t.text for t in _SEARCH_ANALYZER(text or "", mode="query") if not getattr(t, "joined", False)]

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
        return WordQuery(subqueries)

    def _words_phrase(self, words, columns, boost=1.0):
        """The analysed ``words`` next to each other, in any of the columns."""
        if len(words) == 1:
            return self._term_query(words[0], columns, boost)
        subqueries = [wq.Phrase(column, list(words), slop=1, boost=b * boost) for column, b in columns]
        if not subqueries:
            return wq.NullQuery
        return subqueries[0] if len(subqueries) == 1 else WordQuery(subqueries)

    def _units(self, text):
        """The query's words as ``(raw, spellings)``: each spelling a list of analysed
        words that must stand next to each other (a compound has two: joined and parts)."""
        units = []
        for raw in (text or "").split():
            parts, joined = _analyse_word(raw)
            if joined is not None:
                units.append((None, [[joined]] + ([parts] if parts else [])))
                continue
            plain = _tokens(_PLAIN_ANALYZER, raw)
            word = plain[0] if len(plain) == 1 and len(parts) == 1 else None
            units.extend((word, [[part]]) for part in parts)
        return units

    def _with_splits(self, units, vocabulary):
        """Add the two-word spelling of joined words the index never says."""
        out = []
        for raw, spellings in units:
            if raw is not None and vocabulary is not None:
                split = vocabulary.split(raw)
                if split:
                    spellings = spellings + [split]
            out.append((raw, spellings))
        return out

    def _unit_query(self, spellings, columns, boost):
        subs = [self._words_phrase(words, columns, boost) for words in spellings]
        subs = [q for q in dict.fromkeys(subs) if q is not wq.NullQuery]
        if not subs:
            return wq.NullQuery
        return subs[0] if len(subs) == 1 else wq.Or(subs)

    def _words_query(self, text, operator, boost, columns, fuzzy=False, vocabulary=None):
        if self.is_autocomplete or fuzzy:
            terms = list(dict.fromkeys(self._analyze(text)))
            if not terms:
                return wq.NullQuery
            parts = [self._term_query(t, columns, boost, fuzzy) for t in terms]
            if len(parts) == 1:
                return parts[0]
            return wq.And(parts) if operator == "and" else wq.Or(parts)

        units = []
        seen = set()
        for raw, spellings in self._with_splits(self._units(text), vocabulary):
            key = tuple(map(tuple, spellings))
            if key not in seen:
                seen.add(key)
                units.append((raw, spellings))
        if not units:
            return wq.NullQuery
        queries = [self._unit_query(spellings, columns, boost) for _raw, spellings in units]
        # two adjacent plain words also match their joined form, when the index has it
        joined = {}
        if vocabulary is not None:
            for i in range(len(units) - 1):
                left, right = units[i][0], units[i + 1][0]
                if left and right and left.isalpha() and right.isalpha():
                    stem = _stem(left + right)
                    if stem and vocabulary.indexed(stem):
                        joined[i] = self._term_query(stem, columns, boost)
        if operator != "and":
            subs = [q for q in queries + list(joined.values()) if q is not wq.NullQuery]
            if not subs:
                return wq.NullQuery
            return subs[0] if len(subs) == 1 else wq.Or(subs)
        groups = []
        i = 0
        while i < len(queries):
            if i in joined:
                pair = [q for q in queries[i : i + 2] if q is not wq.NullQuery]
                both = pair[0] if len(pair) == 1 else wq.And(pair)
                groups.append(wq.Or([both, joined[i]]))
                i += 2
            else:
                groups.append(queries[i])
                i += 1
        if any(q is wq.NullQuery for q in groups):
            return wq.NullQuery
        return groups[0] if len(groups) == 1 else wq.And(groups)

    def _phrase_query(self, text, columns, vocabulary=None):
        if self.is_autocomplete:
            return self._words_query(text, "and", 1.0, columns)
        units = self._with_splits(self._units(text), vocabulary)
        if not units:
            return wq.NullQuery
        variants = []
        for combination in itertools.islice(
            itertools.product(*(spellings for _raw, spellings in units)), MAX_PHRASE_VARIANTS
        ):
            words = [word for spelling in combination for word in spelling]
            if words not in variants:
                variants.append(words)
        subs = [self._words_phrase(words, columns) for words in variants]
        subs = [q for q in subs if q is not wq.NullQuery]
        if not subs:
            return wq.NullQuery
        return subs[0] if len(subs) == 1 else wq.Or(subs)

    def compile_query(self, query, columns, vocabulary=None):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, PlainText):
            return self._words_query(
                query.query_string, query.operator, float(query.boost or 1.0), columns, vocabulary=vocabulary
            )
        if isinstance(query, Phrase):
            return self._phrase_query(query.query_string, columns, vocabulary)
        if isinstance(query, Fuzzy):
            return self._words_query(
                query.query_string, query.operator, 1.0, columns, fuzzy=not self.is_autocomplete
            )
        if isinstance(query, Boost):
            sub = self.compile_query(query.subquery, columns, vocabulary)
            if sub is wq.NullQuery or isinstance(sub, wq.Every):
                return sub
            return sub.with_boost(getattr(sub, "boost", 1.0) * float(query.boost))
        if isinstance(query, Not):
            sub = self.compile_query(query.subquery, columns, vocabulary)
            if sub is wq.NullQuery:
                return wq.Every()
            if isinstance(sub, wq.Every):
                return wq.NullQuery
            return wq.Not(sub)
        if isinstance(query, And):
            subs = [self.compile_query(q, columns, vocabulary) for q in query.subqueries]
            if any(s is wq.NullQuery for s in subs):
                return wq.NullQuery
            subs = [s for s in subs if not isinstance(s, wq.Every)] or [wq.Every()]
            return subs[0] if len(subs) == 1 else wq.And(subs)
        if isinstance(query, Or):
            subs = [self.compile_query(q, columns, vocabulary) for q in query.subqueries]
            subs = [s for s in subs if s is not wq.NullQuery]
            if not subs:
                return wq.NullQuery
            return subs[0] if len(subs) == 1 else wq.Or(subs)
        if isinstance(query, SearchQuery):
            raise NotImplementedError(
                f"{type(query).__name__} is not supported by the Whoosh search backend."
            )
        raise TypeError(f"Unknown query: {query!r}")

    def get_text_query(self, searcher=None):
        """The Whoosh query; with ``searcher``, compound words are matched against its
        vocabulary (see the module docstring)."""
        columns = self.get_columns()
        vocabulary = None if self.is_autocomplete or searcher is None else Vocabulary(searcher, columns)
        return self.compile_query(self.query, columns, vocabulary)

    # -- filters ---------------------------------------------------------------

    def _process_filter(self, column, lookup, value, check_only=False):
        self._lookup_alias = getattr(column, "alias", None)
        return super()._process_filter(column, lookup, value, check_only=check_only)

    def _process_lookup(self, field_path, lookup, value):
        if len(field_path) != 1:
            return self._process_related_lookup(field_path, lookup, value)
        field = field_path[0]
        model = self.queryset.model
        kind = filter_kind(field, model)
        column = filter_column(kind, field.field_name)
        try:
            model_field = field.get_field(model)
        except Exception:
            model_field = None
        nullable = can_be_null(model_field)

        if isinstance(value, (SQLQuery, BaseExpression, QuerySet)) or hasattr(value, "resolve_expression"):
            raise _NeedsDatabase

        def norm(v):
            try:
                return normalise_filter_value(kind, v)
            except _Unconvertible as e:
                raise _NeedsDatabase from e

        def has_value():
            # documents only record which nullable columns have a value
            return wq.Term("doc_has", column) if nullable else wq.Every()

        def exact(v, normalised=False):
            v = v if normalised else norm(v)
            if v is None:
                return wq.Not(has_value()) if nullable else wq.NullQuery
            if kind == "s":
                return wq.Term(column, v)
            return ExactNumber(column, v)

        def rng(lo, hi, lo_excl=False, hi_excl=False):
            lo = norm(lo)
            hi = norm(hi)
            if kind == "s":
                return wq.TermRange(column, lo, hi, startexcl=lo_excl, endexcl=hi_excl)
            return wq.NumericRange(column, lo, hi, startexcl=lo_excl, endexcl=hi_excl)

        if lookup == "exact":
            return exact(value)
        if lookup == "isnull":
            if not nullable:
                return wq.NullQuery if value else wq.Every()
            has = has_value()
            return wq.Not(has) if value else has
        if lookup == "in":
            values = list(value)
            if not values:
                return wq.NullQuery
            # Distinct values first: Whoosh hashes every NumericRange(v, v) to the same
            # number, so de-duplicating the queries themselves takes quadratic time.
            distinct = dict.fromkeys(norm(v) for v in values if v is not None)
            parts = [exact(v, normalised=True) for v in distinct if v is not None]
            parts = [p for p in parts if p is not wq.NullQuery]
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

    def _process_related_lookup(self, field_path, lookup, value):
        """A lookup through RelatedFields (``agencies__slug__in=[...]``), answered from the
        column of every related object's values: "some related object matches". Only when
        no other lookup of this filter uses the same join (several conditions on one
        related row need the database), and only for the lookups whose meaning doesn't
        depend on which related row matched."""
        schema = self._schema
        if schema is None or self._lookup_alias in self._shared_aliases:
            raise _NeedsDatabase
        if isinstance(value, (SQLQuery, BaseExpression, QuerySet)) or hasattr(value, "resolve_expression"):
            raise _NeedsDatabase
        model = self.queryset.model
        for related in field_path[:-1]:
            try:
                model = related.get_field(model).related_model
            except Exception as e:
                raise _NeedsDatabase from e
        field = field_path[-1]
        kind = filter_kind(field, model)
        column = related_filter_column(kind, "__".join(f.field_name for f in field_path))
        if column not in schema:
            raise _NeedsDatabase  # an index generation built before these columns existed

        def norm(v):
            try:
                v = normalise_filter_value(kind, v)
            except _Unconvertible as e:
                raise _NeedsDatabase from e
            if v is None:
                raise _NeedsDatabase
            return v

        def exact(v):
            v = norm(v)
            if kind == "s":
                return wq.Term(column, encode_keyword(v))
            return ExactNumber(column, v)

        if lookup == "exact":
            return exact(value)
        if lookup == "in":
            parts = list(dict.fromkeys(exact(v) for v in value if v is not None))
            if not parts:
                return wq.NullQuery
            return parts[0] if len(parts) == 1 else wq.Or(parts)
        if kind != "s" and lookup in ("gt", "gte", "lt", "lte", "range"):
            lo, hi, lo_excl, hi_excl = None, None, False, False
            if lookup == "range":
                lo, hi = (norm(v) for v in value)
            elif lookup in ("gt", "gte"):
                lo, lo_excl = norm(value), lookup == "gt"
            else:
                hi, hi_excl = norm(value), lookup == "lt"
            return wq.NumericRange(column, lo, hi, startexcl=lo_excl, endexcl=hi_excl)
        if lookup == "startswith" and kind == "s":
            return wq.Prefix(column, encode_keyword(force_str(value)))
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

    def get_filter(self, schema=None):
        """``(whoosh_filter_or_None, needs_database)``. Lookups through RelatedFields are
        answered by Whoosh only when ``schema`` (the index's) has their columns."""
        self._schema = schema
        self._lookup_alias = None
        self._shared_aliases = _shared_join_aliases(self.queryset.query)
        try:
            return self._get_filters_from_queryset(check_only=False), False
        except _NeedsDatabase:
            return None, True

    def get_scope_filter(self):
        return wq.Term("doc_ct", model_label(self.queryset.model))

    # -- ordering --------------------------------------------------------------

    def get_sort_spec(self):
        """The ordering as a tuple of ``(column, reverse)``, or None to sort by relevance.
        Ties (and the default order) go by descending pk, for stable pagination."""
        if self.order_by_relevance:
            return None
        spec = []
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
                spec.append(("doc_pk", reverse))
                continue
            field = self._get_filterable_field(name)
            if field is None:
                continue
            spec.append((filter_column(filter_kind(field, model), field.field_name), reverse))
        spec.append(("doc_pk", True))
        return tuple(spec)

    def get_sort(self):
        """A Whoosh ``sortedby`` facet, or None to sort by relevance."""
        spec = self.get_sort_spec()
        if spec is None:
            return None
        facets = [sorting.FieldFacet(column, reverse=reverse) for column, reverse in spec]
        return facets[0] if len(facets) == 1 else sorting.MultiFacet(facets)


def _shared_join_aliases(sql_query):
    """Table aliases other than the base table's that more than one lookup of the filter
    uses: conditions that must hold for the same related row."""
    base = sql_query.base_table if sql_query.alias_map else None
    counts = {}

    def walk(node):
        if isinstance(node, Lookup):
            lhs = node.lhs
            while not isinstance(lhs, Col) and getattr(lhs, "lhs", None) is not None:
                lhs = lhs.lhs
            alias = getattr(lhs, "alias", None)
            if alias is not None and alias != base:
                counts[alias] = counts.get(alias, 0) + 1
            return
        for child in getattr(node, "children", ()):
            walk(child)

    walk(sql_query.where)
    return {alias for alias, n in counts.items() if n > 1}


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    is_autocomplete = True
