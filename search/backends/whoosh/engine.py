"""Evaluating a compiled query against one state of an index, with that state's postings
held as Python sets and dicts.

Whoosh's own ``Searcher.search`` rebuilds the filter's document set on every call (the
content-type scope alone lists every document), then walks every match in Python to score
it and, to count, walks them all again. Here each index state -- one Whoosh searcher;
``searcher.refresh()`` gives a new one after any commit -- gets an :class:`IndexCache`:

* a leaf query (a term, phrase, fuzzy term, range ...) or a :class:`.query.WordQuery` (one
  word in every searched column) is evaluated once, by Whoosh, into ``{docnum: score}``
  (BM25F, exactly Whoosh's numbers) or, for filters, a frozenset of docnums;
* a whole filter's document set is kept too, and a filter every document passes (the
  content-type scope of an index holding one model) is dropped;
* And / Or / Not combine those with set operations (in C) and sums, so a search counts
  and ranks its matches in one pass, and its count is a set size;
* stored facet values, document ids and sort keys are read once per state.

A new index state starts with empty caches, so nothing stale is ever served; the caches
are bounded (:data:`MAX_CACHED_POSTINGS`, least recently used dropped first). Searchers
are per thread, and so are their caches.
"""

import heapq
from collections import OrderedDict

from whoosh import query as wq
from whoosh import sorting

from .query import WordQuery

#: Postings (docnums) kept per index state and thread, over all cached queries: about
#: 100 bytes each, so some 50 MB at most.
MAX_CACHED_POSTINGS = 500_000
#: Facet values with more distinct values than this are counted document by document.
MAX_INDEXED_FACET_VALUES = 256

_EMPTY = frozenset()
_EMPTY_SCORES = {}


def cache_for(searcher):
    """The :class:`IndexCache` of a searcher (created on first use)."""
    cache = searcher.__dict__.get("_sts_index_cache")
    if cache is None:
        cache = searcher.__dict__["_sts_index_cache"] = IndexCache(searcher)
    return cache


def _is_compound(q):
    return isinstance(q, (wq.And, wq.Or, wq.Not, wq.AndNot)) and not isinstance(q, WordQuery)


class IndexCache:
    """Query evaluation over one index state (see the module docstring)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._lru = OrderedDict()  # key -> frozenset or {docnum: score}
        self._size = 0
        self._universe = None
        self._doc_ids = {}
        self._stored = None  # [doc_fv or None] by docnum
        self._facet_sets = {}
        self._sort_keys = {}

    # -- bounded cache ------------------------------------------------------------------

    def _cached(self, key, compute):
        lru = self._lru
        value = lru.get(key)
        if value is not None:
            lru.move_to_end(key)
            return value
        value = compute()
        lru[key] = value
        self._size += len(value) + 1
        while self._size > MAX_CACHED_POSTINGS and len(lru) > 1:
            _key, old = lru.popitem(last=False)
            self._size -= len(old) + 1
        return value

    # -- documents -----------------------------------------------------------------------

    def universe(self):
        """Every live (not deleted) docnum."""
        if self._universe is None:
            self._universe = frozenset(self.searcher.reader().all_doc_ids())
        return self._universe

    def docs(self, q):
        """The docnums matching ``q`` (unscored)."""
        if q is None:
            return None
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return _EMPTY
        if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
            return self.universe()
        if isinstance(q, wq.Not):
            return self.universe() - self.docs(q.query)
        if isinstance(q, wq.AndNot):
            return frozenset(self.docs(q.a) - self.docs(q.b))
        if isinstance(q, wq.And):
            positive = [self.docs(s) for s in q.subqueries if not isinstance(s, wq.Not)]
            negative = [self.docs(s.query) for s in q.subqueries if isinstance(s, wq.Not)]
            if positive:
                positive.sort(key=len)
                out = positive[0]
                for other in positive[1:]:
                    out = out & other if isinstance(out, frozenset) else other & out
            else:
                out = self.universe()
            for other in negative:
                out = out - other
            return frozenset(out) if not isinstance(out, frozenset) else out
        if isinstance(q, wq.Or):
            parts = [self.docs(s) for s in q.subqueries]
            if len(parts) == 1:
                return parts[0]
            return frozenset().union(*parts)
        if self._is_scored(q):
            return self.scores(q).keys()
        return self._cached(("docs", q), lambda: frozenset(q.docs(self.searcher)))

    @staticmethod
    def _is_scored(q):
        """A text query part, whose scores are computed (and cached) anyway."""
        if isinstance(q, WordQuery):
            return True
        return isinstance(q, (wq.Term, wq.Phrase, wq.FuzzyTerm)) and q.fieldname.startswith(("t_", "a_"))

    def filter_docs(self, q):
        """A filter's document set (kept whole), or None when every document passes."""
        if q is None:
            return None
        docs = self._cached(("filter", q), lambda: frozenset(self.docs(q)))
        if len(docs) == len(self.universe()):
            return None
        return docs

    # -- scores --------------------------------------------------------------------------

    def scores(self, q):
        """``{docnum: score}`` of the documents matching ``q``, scored as Whoosh scores
        them (sums over And / Or; ``Not`` inside ``And`` adds 1.0, as Whoosh's
        ``InverseMatcher``). Never modify the returned dict: it may be cached."""
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return _EMPTY_SCORES
        if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
            boost = q.boost
            return self._cached(("every", boost), lambda: dict.fromkeys(self.universe(), boost))
        if isinstance(q, WordQuery):
            # cached whole; its columns' postings are read for it, not kept apart
            return self._cached(
                ("scores", q), lambda: self._scaled(self._sum(q.subqueries, cache_leaves=False), q.boost)
            )
        if isinstance(q, wq.Not):
            return dict.fromkeys(self.universe() - self.docs(q.query), 1.0)
        if isinstance(q, wq.AndNot):
            excluded = self.docs(q.b)
            return {d: s for d, s in self.scores(q.a).items() if d not in excluded}
        if isinstance(q, wq.Or):
            return self._scaled(self._sum(q.subqueries), q.boost)
        if isinstance(q, wq.And):
            return self._scaled(self._intersect(q.subqueries), q.boost)
        return self._cached(("scores", q), lambda: self._leaf_scores(q))

    def _leaf_scores(self, q):
        out = {}
        searcher = self.searcher
        context = searcher.context()
        for sub, offset in searcher.leaf_searchers():
            matcher = q.matcher(sub, context)
            while matcher.is_active():
                out[offset + matcher.id()] = matcher.score()
                matcher.next()
        return out

    @staticmethod
    def _scaled(scores, boost):
        if boost == 1.0:
            return scores
        return {d: s * boost for d, s in scores.items()}

    def _sum(self, subqueries, cache_leaves=True):
        def scores(q):
            if cache_leaves or _is_compound(q) or isinstance(q, (WordQuery, wq.Every)):
                return self.scores(q)
            return self._leaf_scores(q)

        parts = [p for p in (scores(s) for s in subqueries) if p]
        if not parts:
            return _EMPTY_SCORES
        if len(parts) == 1:
            return parts[0]
        parts.sort(key=len, reverse=True)
        out = dict(parts[0])
        get = out.get
        for part in parts[1:]:
            for d, s in part.items():
                out[d] = get(d, 0.0) + s
        return out

    def _intersect(self, subqueries):
        positive = [s for s in subqueries if not isinstance(s, wq.Not)]
        negative = [s.query for s in subqueries if isinstance(s, wq.Not)]
        parts = [self.scores(s) for s in positive]
        if any(not p for p in parts):
            return _EMPTY_SCORES
        if parts:
            parts.sort(key=len)
            keys = parts[0].keys()
            for part in parts[1:]:
                keys = keys & part.keys()
        else:
            keys = self.universe()
        for q in negative:
            keys = keys - self.docs(q)
        bonus = float(len(negative))
        if len(parts) == 1 and not negative:
            return parts[0]
        if len(parts) == 2:
            a, b = parts
            return {d: a[d] + b[d] + bonus for d in keys}
        return {d: sum(p[d] for p in parts) + bonus for d in keys}

    # -- results -------------------------------------------------------------------------

    def matches(self, q, allowed=None):
        """The docnums matching text query ``q`` and passing ``allowed`` (a set, or None
        for all): a set-like object. A compound query's own set is kept, as one request
        asks for it several times (the results, their count, type and facet counts)."""
        if _is_compound(q):
            docs = self._cached(("matches", q), lambda: frozenset(self.docs(q)))
        else:
            docs = self.docs(q)
        if allowed is None:
            return docs
        if len(allowed) < len(docs):
            return allowed & docs
        return docs & allowed if isinstance(docs, frozenset) else allowed & docs

    def top(self, q, allowed, k):
        """The best ``k`` docnums by score (ties: lower docnum first, as Whoosh), with
        their scores: ``[(docnum, score)]``."""
        scores = self.scores(q)
        if not scores or k <= 0:
            return []
        candidates = scores.keys() if allowed is None else self.matches(q, allowed)
        best = heapq.nlargest(k, sorted(candidates), key=scores.__getitem__)
        return [(d, scores[d]) for d in best]

    def sort_keys(self, spec):
        """Sort key (Whoosh's, per ``(column, reverse)`` in ``spec``) of every docnum."""
        keys = self._sort_keys.get(spec)
        if keys is None:
            facets = [sorting.FieldFacet(column, reverse=reverse) for column, reverse in spec]
            facet = facets[0] if len(facets) == 1 else sorting.MultiFacet(facets)
            searcher = self.searcher
            categorizer = facet.categorizer(searcher)
            keys = {}
            for sub, offset in searcher.leaf_searchers():
                categorizer.set_searcher(sub, offset)
                key_for = categorizer.key_for
                for docnum in sub.reader().all_doc_ids():
                    keys[offset + docnum] = key_for(None, docnum)
            self._sort_keys[spec] = keys
        return keys

    def ordered(self, docs, spec):
        """``docs`` in the order of ``spec`` (ties: lower docnum first)."""
        keys = self.sort_keys(spec)
        return sorted(docs, key=lambda d: (keys[d], d))

    # -- stored values -------------------------------------------------------------------

    def doc_id(self, docnum):
        doc_id = self._doc_ids.get(docnum)
        if doc_id is None:
            doc_id = self._doc_ids[docnum] = self.searcher.stored_fields(docnum)["doc_id"]
        return doc_id

    def _load_stored(self):
        if self._stored is None:
            reader = self.searcher.reader()
            stored = [None] * reader.doc_count_all()
            doc_ids = self._doc_ids
            for docnum, fields in reader.iter_docs():
                stored[docnum] = fields.get("doc_fv") or {}
                doc_ids[docnum] = fields.get("doc_id")
            self._stored = stored
        return self._stored

    def doc_ids(self, docnums):
        """Document ids (pk strings) of many docnums, read in one pass when many."""
        if len(docnums) > 50:
            self._load_stored()
        return [self.doc_id(d) for d in docnums]

    def facet_sets(self, name):
        """``{value: frozenset(docnums)}`` for one FilterField, or None when it has too
        many distinct values to be worth it. Documents without a value are under None."""
        if name in self._facet_sets:
            return self._facet_sets[name]
        stored = self._load_stored()
        buckets = {}
        for docnum, values in enumerate(stored):
            if values is None:
                continue
            value = values.get(name)
            if isinstance(value, list):
                if not value:
                    buckets.setdefault(None, []).append(docnum)
                for v in set(value):
                    buckets.setdefault(v, []).append(docnum)
            else:
                buckets.setdefault(value, []).append(docnum)
            if len(buckets) > MAX_INDEXED_FACET_VALUES:
                buckets = None
                break
        sets = None if buckets is None else {v: frozenset(d) for v, d in buckets.items()}
        self._facet_sets[name] = sets
        return sets

    def facet_counts(self, docs, names):
        """``{name: {value: count}}`` over ``docs`` (docnums), most frequent first."""
        out = {}
        per_doc = []
        for name in names:
            sets = self.facet_sets(name)
            if sets is None:
                per_doc.append(name)
                continue
            counts = {}
            for value, members in sets.items():
                n = len(members & docs) if len(members) < len(docs) else len(docs & members)
                if n:
                    counts[value] = n
            out[name] = counts
        if per_doc:
            stored = self._load_stored()
            buckets = {name: {} for name in per_doc}
            for docnum in sorted(docs):
                values = stored[docnum] or {}
                for name in per_doc:
                    value = values.get(name)
                    bucket = buckets[name]
                    if isinstance(value, list):
                        if not value:
                            bucket[None] = bucket.get(None, 0) + 1
                        for v in set(value):
                            bucket[v] = bucket.get(v, 0) + 1
                    else:
                        bucket[value] = bucket.get(value, 0) + 1
            out.update(buckets)
        return {
            name: OrderedDict(sorted(counts.items(), key=lambda kv: -kv[1])) for name, counts in out.items()
        }
