"""The modelsearch backend proper: an index per root model, atomic rebuilds, and the
backend with its extra helpers (highlighting, "did you mean", facet counts)."""

import os
from collections import OrderedDict

from django.conf import settings
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseIndex, BaseSearchBackend
from modelsearch.index import AutocompleteField, SearchField, class_is_indexed, get_indexed_models

from .documents import build_document, document_plan, iter_text_values, prefetch_for_indexing
from .highlight import highlight_text, query_terms
from .patches import apply_whoosh_patches
from .query import Vocabulary, WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .results import WhooshSearchResults
from .schema import (
    _PLAIN_ANALYZER,
    _field_type_for_column,
    index_name_for_model,
    is_related_filter_column,
    make_schema,
    schema_columns_for_models,
)
from .store import DEFAULT_RETRY_TIMEOUT, IndexStore
from .suggest import suggest_query, word_suggestions


class WhooshIndex(BaseIndex):
    """One Whoosh index (all generations of it) for one root model tree.

    The index a rebuild writes to (``buffered=True``, pinned to the new generation) keeps
    one writer open across ``add_items`` calls and commits once, in
    :meth:`WhooshSearchRebuilder.finish`: one segment instead of one per chunk, and
    documents are added without first looking for an existing copy (the generation starts
    empty; an object added twice is flushed and replaced)."""

    def __init__(self, backend, name, generation=None, buffered=False):
        super().__init__(backend)
        self.name = name
        self.generation = generation  # pinned generation (during rebuilds)
        self.buffered = buffered and generation is not None
        self._writer = None
        self._written = set()  # ids written by this rebuild
        self._live = set()  # ... and not deleted since: what the generation must hold

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<WhooshIndex {self.name}>"

    def get_key(self):
        return self.name

    @property
    def store(self):
        return self.backend.store

    def models(self):
        return [m for m in get_indexed_models() if index_name_for_model(m) == self.name]

    def schema_factory(self):
        return make_schema(schema_columns_for_models(self.models()))

    def searcher(self):
        return self.store.searcher(self.name, generation=self.generation)

    def _write(self, fn, new_columns=None):
        if self.buffered:
            self._write_buffered(fn, new_columns)
            return
        self.store.write(
            self.name,
            fn,
            self.schema_factory,
            generation=self.generation,
            new_columns=new_columns,
        )

    def _write_buffered(self, fn, new_columns):
        schema = (
            self._writer.schema
            if self._writer is not None
            else self.store.open(self.name, self.generation).schema
        )
        missing = {c: f for c, f in (new_columns or {}).items() if c not in schema}
        if missing:
            # commit new columns to the generation first: sub-process writers read its schema
            self.commit()
            self.store.write(
                self.name,
                lambda writer: None,
                self.schema_factory,
                generation=self.generation,
                new_columns=missing,
            )
        if self._writer is None:
            self._writer = self.store.open_writer(
                self.name, self.generation, procs=getattr(self.backend, "index_procs", 1)
            )
        try:
            fn(self._writer)
        except BaseException:
            self.cancel()
            raise

    def commit(self):
        """Commit what a buffered (rebuild) index has written so far."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.commit()

    def cancel(self):
        writer, self._writer = self._writer, None
        self._written = set()
        self._live = set()
        if writer is not None:
            writer.cancel()

    def check_complete(self):
        """Raise if the generation a rebuild wrote doesn't hold every document it was
        given (e.g. a writer sub-process died): better a failed rebuild, with the old
        generation still live, than an index silently missing documents."""
        searcher = self.searcher()
        found = searcher.doc_count() if searcher is not None else 0
        if found != len(self._live):
            raise RuntimeError(
                f"Rebuilding the {self.name} search index wrote {found} of {len(self._live)} documents; "
                "the previous index stays live. Run update_index again."
            )

    def add_model(self, model):
        columns = schema_columns_for_models([model])
        generation = self.generation or self.store.ensure(self.name, self.schema_factory)
        schema = self.store.open(self.name, generation).schema
        missing = {c for c in columns if c not in schema and not is_related_filter_column(c)}
        if missing:
            self._write(
                lambda writer: None,
                new_columns={c: (lambda c=c: _field_type_for_column(c)) for c in missing},
            )

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        items = list(items)
        prefetch_for_indexing(model, items)
        plan = document_plan(model)
        docs = OrderedDict()
        for obj in items:
            doc = build_document(obj, plan if type(obj) is model else None)
            docs[doc["doc_id"]] = doc  # last one wins within a batch
        if not docs:
            return
        new_columns = {}
        for doc in docs.values():
            for column in doc:
                # related filter columns only come with a new generation: Whoosh answers
                # lookups on them only when every document was indexed with them
                if column not in new_columns and not is_related_filter_column(column):
                    new_columns[column] = lambda c=column: _field_type_for_column(c)

        # a rebuild's documents need no delete-before-add, unless this rebuild already
        # wrote one of them: then commit, and replace it like any update
        replace = not self.buffered or not self._written.isdisjoint(docs)
        if self.buffered and replace:
            self.commit()

        def fn(writer):
            schema = writer.schema
            if replace:
                with writer.searcher() as searcher:
                    for pk in docs:
                        writer.delete_by_term("doc_id", pk, searcher=searcher)
            for doc in docs.values():
                writer.add_document(**{k: v for k, v in doc.items() if k in schema})

        self._write(fn, new_columns=new_columns)
        if self.buffered:
            self._written.update(docs)
            self._live.update(docs)

    def delete_item(self, item):
        pk = force_str(item.pk)
        if self.buffered:
            self.commit()  # the document may still be in the open writer
            self._live.discard(pk)
        self._write(lambda writer: writer.delete_by_term("doc_id", pk))

    def refresh(self):
        # Commits are durable immediately; searchers are refreshed lazily on next use.
        self.searcher()

    def reset(self):
        generation = self.store.create_generation(self.name, self.schema_factory())
        old = self.store.swap(self.name, generation)
        if old and old != generation:
            self.store.drop_generation(self.name, old)


class WhooshSearchRebuilder:
    """Builds a new generation of the index (one writer, one commit; ``INDEX_PROCS``
    processes) and swaps it in atomically on finish(), once it holds every document."""

    def __init__(self, index):
        self.index = index
        self.generation = None
        self.new_index = None

    def start(self):
        store = self.index.store
        self.generation = store.create_generation(self.index.name, self.index.schema_factory())
        self.new_index = WhooshIndex(self.index.backend, self.index.name, self.generation, buffered=True)
        return self.new_index

    def finish(self):
        store = self.index.store
        if self.new_index is not None:
            self.new_index.commit()
            self.new_index.check_complete()
        old = store.swap(self.index.name, self.generation)
        if old and old != self.generation:
            store.drop_generation(self.index.name, old)
        store.cleanup_orphans(self.index.name)


def default_index_path():
    data_dir = getattr(settings, "DATA_DIR", None)
    if data_dir:
        return os.path.join(os.fspath(data_dir), "whoosh_index")
    return os.path.join(os.getcwd(), "whoosh_index")


class WhooshSearchBackend(BaseSearchBackend):
    """
    Whoosh backend. Options (``WAGTAILSEARCH_BACKENDS["default"]``):

    * ``PATH`` -- index directory (default ``<DATA_DIR>/whoosh_index`` or
      ``./whoosh_index``);
    * ``LOCK_TIMEOUT`` -- seconds a writer waits for the index lock before handing the
      update to a background retry thread (default 10);
    * ``WRITE_RETRY_TIMEOUT`` -- seconds that background thread keeps retrying before it
      logs an error and drops the update (default 300);
    * ``INDEX_PROCS`` -- processes a rebuild (``update_index``) writes with: Whoosh's
      multiprocessing writer, one segment each (default: the CPU count, at most 2; 1 for
      a single writer process).

    The Whoosh patches (:func:`.patches.apply_whoosh_patches`) are applied when a backend
    is created; the index files are managed by one shared :class:`IndexStore` per path.
    """

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshSearchRebuilder
    catch_indexing_errors = True

    def __init__(self, params):
        apply_whoosh_patches()  # first: refuse an unknown Whoosh before touching any index
        super().__init__(params)
        params = dict(params or {})
        self.path = os.fspath(params.pop("PATH", None) or default_index_path())
        self.lock_timeout = float(params.pop("LOCK_TIMEOUT", 10.0))
        self.retry_timeout = float(params.pop("WRITE_RETRY_TIMEOUT", DEFAULT_RETRY_TIMEOUT))
        self.index_procs = max(1, int(params.pop("INDEX_PROCS", min(2, os.cpu_count() or 1))))
        self._store = self._open_store()

    def _open_store(self):
        return IndexStore.for_path(
            self.path, lock_timeout=self.lock_timeout, retry_timeout=self.retry_timeout
        )

    @property
    def store(self):
        """The shared store for ``PATH``; re-opened if it was closed (e.g. between tests)."""
        if self._store.closed:
            self._store = self._open_store()
        return self._store

    def get_index_for_model(self, model):
        return self.index_class(self, index_name_for_model(model))

    # -- extra public helpers ----------------------------------------------------

    def _searchers(self, model=None):
        if model is not None:
            indexes = [self.get_index_for_model(model)]
        else:
            indexes = list(self.all_indexes())
        return [s for s in (index.searcher() for index in indexes) if s is not None]

    def index_state(self, model):
        """A string that changes whenever ``model``'s index does (a rebuild's new
        generation, any commit, in any process): the key for caches of what searches of
        that index show (``search.page_cache``)."""
        name = index_name_for_model(model)
        generation = self.store.current_generation(name)
        searcher = self.store.searcher(name, generation=generation) if generation else None
        commit = searcher.reader().generation() if searcher is not None else None
        return f"{self.store.path}|{name}|{generation}|{commit}"

    def highlight_terms(self, query, model, *, autocomplete=False):
        """The analysed terms :meth:`highlight` marks for ``query`` in objects of ``model``
        (its index's vocabulary decides how compounds split). Compute them once and pass
        them as ``terms=`` when highlighting several results of one search."""
        vocabulary = None
        if not autocomplete:
            searcher = self.get_index_for_model(model).searcher()
            if searcher is not None:
                columns = [(name, 1.0) for name in searcher.schema.names() if name.startswith("t_")]
                vocabulary = Vocabulary(searcher, columns)
        return query_terms(query, autocomplete=autocomplete, vocabulary=vocabulary)

    def highlight(
        self,
        obj_or_pk,
        query,
        fields=None,
        *,
        model=None,
        autocomplete=False,
        max_fragments=3,
        fragment_chars=200,
        surround=40,
        separator=" … ",
        terms=None,
        first_match=False,
    ):
        """
        Highlighted snippets of a search result.

        :param obj_or_pk: a model instance, or a primary key together with ``model=``.
        :param query: the query string (or modelsearch ``SearchQuery``) that was searched.
        :param fields: field paths to highlight, e.g. ``["title", "body",
            "authors__name"]``; default: every SearchField (AutocompleteField when
            ``autocomplete=True``), including those inside RelatedFields.
        :param terms: the query's analysed terms from :meth:`highlight_terms` (computed
            here when not given).
        :param first_match: only the first of ``fields`` (in that order) with a match:
            the fields after it are not read.
        :returns: ``{field_path: SafeString}`` for the fields that contain a match. The
            source text is HTML-escaped before ``<mark>...</mark>`` is added, so the
            snippets are safe to output as-is.
        """
        obj = obj_or_pk
        if not hasattr(obj, "_meta"):
            if model is None:
                raise TypeError("highlight() needs model= when given a primary key")
            obj = model._default_manager.filter(pk=obj_or_pk).first()
            if obj is None:
                return {}
        specific = getattr(obj, "get_indexed_instance", lambda: obj)() or obj
        if terms is None:
            terms = self.highlight_terms(query, type(specific), autocomplete=autocomplete)
        if not terms:
            return {}
        options = {
            "max_fragments": max_fragments,
            "fragment_chars": fragment_chars,
            "surround": surround,
            "separator": separator,
        }
        search_fields = specific.get_search_fields()
        if first_match and fields is not None:
            for path in dict.fromkeys(fields):
                out = self._highlight_fields(specific, search_fields, [path], terms, autocomplete, options)
                if out:
                    return out
            return OrderedDict()
        return self._highlight_fields(specific, search_fields, fields, terms, autocomplete, options)

    @staticmethod
    def _highlight_fields(obj, search_fields, fields, terms, autocomplete, options):
        field_type = AutocompleteField if autocomplete else SearchField
        texts = OrderedDict()
        wanted = None if fields is None else frozenset(fields)
        for field, path, text in iter_text_values(obj, search_fields, paths=wanted):
            if not isinstance(field, field_type) or not text:
                continue
            texts.setdefault(path, []).append(text)
        out = OrderedDict()
        for path, values in texts.items():
            snippet = highlight_text(
                "\n".join(values),
                () if autocomplete else terms,
                prefixes=terms if autocomplete else (),
                analyzer=_PLAIN_ANALYZER if autocomplete else None,
                **options,
            )
            if snippet:
                out[path] = snippet
        return out

    def suggest(self, query_string, model=None, *, maxdist=2, prefix=1):
        """
        "Did you mean" for a query string, using the indexed vocabulary (of ``model``'s
        index, or of all indexes). Returns the corrected string, or None if every word
        is known / nothing better was found.
        """
        return suggest_query(self._searchers(model), query_string, maxdist=maxdist, prefix=prefix)

    def suggestions(self, word, model=None, *, limit=5, maxdist=2, prefix=1):
        """Up to ``limit`` spelling candidates for one word, best first."""
        return word_suggestions(
            self._searchers(model), word.lower(), limit=limit, maxdist=maxdist, prefix=prefix
        )

    def facet_counts(self, query, model_or_queryset, field_names):
        """Shortcut: ``{field: OrderedDict(value -> count)}`` for a search."""
        return self.search(query, model_or_queryset).facets(*field_names)


SearchBackend = WhooshSearchBackend
