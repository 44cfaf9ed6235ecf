"""
Whoosh search backend for Wagtail / django-modelsearch.

Configure it in Django settings (Wagtail reads ``WAGTAILSEARCH_BACKENDS`` when
``wagtail.search`` is installed; bare django-modelsearch reads ``MODELSEARCH_BACKENDS``)::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": BASE_DIR / "var" / "whoosh_index",  # optional
            "LOCK_TIMEOUT": 10,       # optional, seconds to wait for the write lock
            "WRITE_RETRY_TIMEOUT": 300,  # optional, seconds a deferred write keeps retrying
            "INDEX_PROCS": 2,         # optional, processes a rebuild writes with
            "AUTO_UPDATE": True,
        }
    }

Design
======

Index layout
    One Whoosh index per *root* indexed model (``Page`` and all its subclasses share
    one index; ``Image`` has another ...), like the Elasticsearch backends. Documents
    of a multi-table-inheritance tree live together; each document carries a
    ``doc_ct`` keyword field listing the labels of its concrete model *and all of its
    concrete parents* (e.g. ``wagtailcore.page home.homepage``). A search on ``Page``
    filters on ``doc_ct:wagtailcore.page`` and so finds every page type, a search on
    ``HomePage`` filters on ``doc_ct:home.homepage`` and only finds home pages. Keeping
    separate indexes per tree keeps schemas small and lets one tree be rebuilt without
    touching the others; a single index with a content-type field would have worked
    too, but every rebuild would then rewrite everything.

    Whoosh field ("column") names:

    * ``t_<path>``  -- ``SearchField`` text, English analysis (stop words, Porter stem;
      :class:`~.schema.SearchTokenizer`), positions stored for phrase queries. A
      hyphenated word ("pre-birth") is indexed as its parts and also joined
      ("prebirth"). ``<path>`` is the field name, or ``rel__sub`` for fields inside
      ``RelatedFields`` (tags, authors, ...).
    * ``a_<path>``  -- ``AutocompleteField`` text, edge-n-gram analyzer.
    * ``f<k>_<name>`` -- top-level ``FilterField`` values, sortable; ``<k>`` is the value
      kind (``i`` int/bool/FK/M2M pks, ``f`` float/decimal, ``d`` date/datetime as
      UTC epoch microseconds, ``t`` time as microseconds since midnight, ``s`` string).
      Integers have one term per value; floats, dates and times eight precision tiers
      for ranges.
    * ``r<k>_<rel>__<name>`` -- the values of a ``FilterField`` inside ``RelatedFields``
      over every related object (``rs_agencies__slug``), so a lookup such as
      ``agencies__slug__in=[...]`` is answered by Whoosh. Created only with a new
      generation (never added on the fly), so every document has them.
    * ``spell`` -- all searchable text, lower-cased but unstemmed: the vocabulary for
      "did you mean" suggestions (presence only: no frequencies or lengths).
    * ``doc_id`` (unique), ``doc_pk`` (numeric pk, sortable), ``doc_ct``, ``doc_has``
      (names of the nullable filter columns holding a value, used for ``isnull``),
      ``doc_fv`` (stored dict of raw filter values, used for facet counts) and
      ``doc_model``.

    The schema is derived from the models' ``search_fields`` when an index generation is
    created and is extended on the fly (``writer.add_field``) when a document needs a
    column the stored schema does not know yet.

Generations and rebuilds
    Under ``PATH`` every index is a directory ``<name>.<generation>`` and a pointer file
    ``<name>.current`` names the live generation. ``rebuild_modelsearch_index`` /
    Wagtail's ``update_index`` build a brand-new generation and then atomically swap the
    pointer (``os.replace``), so searches keep working on the old data during a rebuild;
    the old generation is deleted afterwards. ``reset()`` swaps in an empty generation.
    A rebuild keeps one writer open and commits once -- Whoosh's multiprocessing writer
    with ``INDEX_PROCS`` > 1 (one segment per process) -- and is only swapped in when the
    new generation holds every document it was given; each batch's related rows are
    prefetched (``documents.prefetch_for_indexing``), so indexing costs a few SQL queries
    per batch whatever its size. After an upgrade that changes the analysis or
    columns, ``update_index`` brings existing content in line (older generations keep
    working meanwhile: related lookups go to the database, compounds match by parts).

Searching
    Whoosh does the full-text matching and BM25F ranking; query-time boosts come from
    ``SearchField(boost=...)`` (also inside ``RelatedFields``) and from ``Boost`` queries.
    Queryset filters on ``FilterField``\\s (exact, gt/gte/lt/lte, in, range, isnull,
    startswith, ``__year`` lookups and any ``Q`` combination) are compiled into an
    unscored Whoosh filter, as is ordering on filter fields, so counting and slicing
    happen inside Whoosh and the database is only asked for the model instances of the
    requested page. A single lookup through ``RelatedFields`` ("some related object
    matches": exact, in, ranges, startswith) is answered from the ``r`` columns. Filters
    Whoosh cannot evaluate exactly -- several conditions on the same related row, lookups
    an older generation has no column for, sub-queries as values, other lookup types --
    are delegated to the database: Whoosh returns all candidate pks and the queryset
    itself filters them (in chunks).

    :mod:`.engine` evaluates the compiled query against one index state (one searcher):
    a term, phrase or word-in-every-column is scored once by Whoosh into
    ``{docnum: score}`` and a filter into a document set, both kept for that state
    (bounded), and And / Or / Not are set operations -- so a search counts and ranks
    its matches in one pass, a filter every document passes (the content-type scope of
    an index holding one model) is dropped, and ``count()`` then ``[0:10]`` evaluate
    once. Results, scores and tie order are Whoosh's own (exhaustive, without its
    block-skipping shortcuts). Any commit gives a new searcher and so fresh caches.

Compound words
    A hyphenated query word matches its parts as a phrase or its joined form; a joined
    query word the index never says ("prebirth") that splits into two words it does
    ("pre" + "birth") also matches them as a phrase; two adjacent query words also match
    their joined form when the index has it. Highlighting and "did you mean" follow suit.

Concurrency
    Writers take Whoosh's index write lock, retrying for up to ``LOCK_TIMEOUT`` seconds
    (``writer(timeout=..., delay=...)``); if the lock is still held after that, the update
    is handed to a background (daemon) thread that keeps retrying and commits as soon as
    the lock is free (the idea of :class:`whoosh.writing.AsyncWriter`, but re-running the
    whole update so schema additions stay consistent) -- an update doesn't fail just
    because another process is writing. The retrying is bounded: after
    ``WRITE_RETRY_TIMEOUT`` seconds (default 300) the thread logs an error and drops the
    update (``update_index`` brings the index back in line). A writer that got the lock
    re-checks that a rebuild didn't swap the index generation meanwhile. Readers never
    take the lock. Searchers are cached per thread (Whoosh searchers must not be shared
    between threads) and per index, and are refreshed with ``searcher.refresh()``
    whenever the index changed on disk, or re-opened when the generation pointer was
    swapped.

Lifecycle
    One :class:`IndexStore` per index directory (``IndexStore.for_path``) owns the open
    indexes, cached searchers and background writers; ``store.close()`` releases them
    all, dropping a generation after a rebuild swap closes its index and searchers, and
    :func:`close_all_stores` closes every store (tests call it before deleting an index).
    The Whoosh monkeypatches (field lengths read once per segment) are applied by the
    backend's constructor, and only to the Whoosh version they were written for
    (:func:`apply_whoosh_patches`).

Modules
    ``schema`` (analyzers, columns, value kinds), ``documents`` (object -> document),
    ``store`` (files, locking, searchers), ``query`` (query compilers), ``engine``
    (evaluation and per-state caches), ``results``, ``highlight``, ``suggest`` ("did you
    mean"), ``patches`` and ``backend``.

Extra public helpers (beyond the modelsearch API)
    * :meth:`WhooshSearchBackend.highlight` / :func:`highlight_text` and
      :meth:`WhooshSearchResults.highlighted` -- HTML-safe snippets with ``<mark>``.
    * :meth:`WhooshSearchBackend.suggest` / :meth:`WhooshSearchBackend.suggestions` and
      :meth:`WhooshSearchResults.suggest` -- "did you mean" spelling correction.
    * :meth:`WhooshSearchResults.facet` (modelsearch API) and
      :meth:`WhooshSearchResults.facets` -- facet counts for several fields at once.
"""

from .backend import (
    SearchBackend,
    WhooshIndex,
    WhooshSearchBackend,
    WhooshSearchRebuilder,
    default_index_path,
)
from .documents import build_document, iter_text_values
from .highlight import MarkFormatter, highlight_text, query_terms
from .patches import PATCHED_WHOOSH_VERSION, apply_whoosh_patches
from .query import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .results import WhooshSearchResults
from .schema import (
    AUTOCOMPLETE_MAX_GRAM,
    SYSTEM_FIELDS,
    autocomplete_analyzer,
    autocomplete_column,
    content_type_labels,
    filter_column,
    filter_kind,
    index_name_for_model,
    make_schema,
    model_label,
    normalise_filter_value,
    plain_analyzer,
    schema_columns_for_models,
    search_analyzer,
    spelling_analyzer,
    text_column,
)
from .store import DEFAULT_RETRY_TIMEOUT, IndexStore, StoreClosedError, close_all_stores
from .suggest import suggest_query, word_suggestions

__all__ = [
    "SearchBackend",
    "WhooshSearchBackend",
    "WhooshSearchQueryCompiler",
    "WhooshAutocompleteQueryCompiler",
    "WhooshSearchResults",
    "WhooshIndex",
    "WhooshSearchRebuilder",
    "IndexStore",
    "StoreClosedError",
    "close_all_stores",
    "DEFAULT_RETRY_TIMEOUT",
    "apply_whoosh_patches",
    "PATCHED_WHOOSH_VERSION",
    "highlight_text",
    "MarkFormatter",
    "query_terms",
    "suggest_query",
    "word_suggestions",
    "build_document",
    "iter_text_values",
    "default_index_path",
    "AUTOCOMPLETE_MAX_GRAM",
    "SYSTEM_FIELDS",
    "autocomplete_analyzer",
    "autocomplete_column",
    "content_type_labels",
    "filter_column",
    "filter_kind",
    "index_name_for_model",
    "make_schema",
    "model_label",
    "normalise_filter_value",
    "plain_analyzer",
    "schema_columns_for_models",
    "search_analyzer",
    "spelling_analyzer",
    "text_column",
]
