"""
Whoosh search backend for Wagtail / django-modelsearch.

Configure it in Django settings (Wagtail reads ``WAGTAILSEARCH_BACKENDS`` when
``wagtail.search`` is installed; bare django-modelsearch reads ``MODELSEARCH_BACKENDS``)::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": BASE_DIR / "var" / "whoosh_index",  # optional
            "LOCK_TIMEOUT": 10,       # optional, seconds to wait for the write lock
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

    * ``t_<path>``  -- ``SearchField`` text, English ``StemmingAnalyzer`` (stemming +
      stop words), positions stored for phrase queries. ``<path>`` is the field name,
      or ``rel__sub`` for fields inside ``RelatedFields`` (tags, authors, ...).
    * ``a_<path>``  -- ``AutocompleteField`` text, edge-n-gram analyzer.
    * ``f<k>_<name>`` -- top-level ``FilterField`` values, sortable; ``<k>`` is the value
      kind (``i`` int/bool/FK/M2M pks, ``f`` float/decimal, ``d`` date/datetime as
      UTC epoch microseconds, ``t`` time as microseconds since midnight, ``s`` string).
    * ``spell`` -- all searchable text, lower-cased but unstemmed: the vocabulary for
      "did you mean" suggestions.
    * ``doc_id`` (unique), ``doc_pk`` (numeric pk, sortable), ``doc_ct``, ``doc_has``
      (names of filter columns holding a non-null value, used for ``isnull``),
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

Searching
    Whoosh does the full-text matching and BM25F ranking; query-time boosts come from
    ``SearchField(boost=...)`` (also inside ``RelatedFields``) and from ``Boost`` queries.
    Queryset filters on ``FilterField``\\s (exact, gt/gte/lt/lte, in, range, isnull,
    startswith, ``__year`` lookups and any ``Q`` combination) are compiled into an
    unscored Whoosh filter, as is ordering on filter fields, so counting and slicing
    happen inside Whoosh and the database is only asked for the model instances of the
    requested page. Filters Whoosh cannot evaluate exactly -- lookups through
    ``RelatedFields`` (which need "same related row" semantics), sub-queries as values,
    other lookup types -- are delegated to the database: Whoosh returns all candidate
    pks and the queryset itself filters them (in chunks).

Concurrency
    Writers take Whoosh's index write lock, retrying for up to ``LOCK_TIMEOUT`` seconds
    (``writer(timeout=..., delay=...)``); if the lock is still held after that, the update
    is handed to a background thread that keeps retrying and commits as soon as the lock
    is free (the idea of :class:`whoosh.writing.AsyncWriter`, but re-running the whole
    update so schema additions stay consistent) -- an update never fails just because
    another process is writing. A writer that got the lock re-checks that a rebuild
    didn't swap the index generation meanwhile. Readers never take the lock. Searchers are
    cached per thread (Whoosh searchers must not be shared between threads) and per
    index, and are refreshed with ``searcher.refresh()`` whenever the index changed on
    disk, or re-opened when the generation pointer was swapped.

Extra public helpers (beyond the modelsearch API)
    * :meth:`WhooshSearchBackend.highlight` / :func:`highlight_text` and
      :meth:`WhooshSearchResults.highlighted` -- HTML-safe snippets with ``<mark>``.
    * :meth:`WhooshSearchBackend.suggest` / :meth:`WhooshSearchBackend.suggestions` and
      :meth:`WhooshSearchResults.suggest` -- "did you mean" spelling correction.
    * :meth:`WhooshSearchResults.facet` (modelsearch API) and
      :meth:`WhooshSearchResults.facets` -- facet counts for several fields at once.
"""

import datetime
import decimal
import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager

from django.conf import settings
from django.db.models import F, Manager, OrderBy
from django.db.models.expressions import BaseExpression
from django.db.models.query import QuerySet
from django.db.models.sql.query import Query as SQLQuery
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe

from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    get_model_root,
)
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    RelatedFields,
    SearchField,
    class_is_indexed,
    get_indexed_models,
)
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
    SearchQuery,
)

from whoosh import fields as wf
from whoosh import highlight as wh
from whoosh import index as windex
from whoosh import query as wq
from whoosh import scoring, sorting
from whoosh.analysis import (
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    StopFilter,
)
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

logger = logging.getLogger(__name__)


def _cache_missing_length_columns():
    """Whoosh's per-segment reader looks up a field's length column with a ``stat()``
    every time when the column does not exist (only found readers are cached); while a
    segment is written, that happens once per posting of every unscored field (IDs,
    keywords, numbers) -- hundreds of thousands of ``stat()`` calls per 1,000 documents.
    A finished segment's column files never change, so remembering the misses is safe."""
    from whoosh.codec import whoosh3

    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_missing_columns_cached", False):
        return
    original = cls._cached_reader

    def _cached_reader(self, fieldname, column):
        missing = self.__dict__.setdefault("_missing_columns", set())
        if fieldname in missing:
            return None
        reader = original(self, fieldname, column)
        if reader is None:
            missing.add(fieldname)
        return reader

    cls._cached_reader = _cached_reader
    cls._missing_columns_cached = True


_cache_missing_length_columns()

__all__ = [
    "SearchBackend",
    "WhooshSearchBackend",
    "WhooshSearchQueryCompiler",
    "WhooshAutocompleteQueryCompiler",
    "WhooshSearchResults",
    "WhooshIndex",
    "WhooshSearchRebuilder",
    "IndexStore",
    "highlight_text",
    "query_terms",
    "suggest_query",
]

# ---------------------------------------------------------------------------
# Analyzers and column helpers
# ---------------------------------------------------------------------------

#: Longest prefix indexed for autocomplete; longer query words are truncated to it.
AUTOCOMPLETE_MAX_GRAM = 20

_TOKEN_PATTERN = r"\w+(\.?\w+)*"


def search_analyzer():
    """English analyzer for SearchFields: tokenize, lowercase, stop words, Porter stem."""
    return StemmingAnalyzer()


def autocomplete_analyzer():
    """Index-time analyzer for AutocompleteFields: lowercase edge n-grams (1..20)."""
    return (
        RegexTokenizer(_TOKEN_PATTERN)
        | LowercaseFilter()
        | NgramFilter(minsize=1, maxsize=AUTOCOMPLETE_MAX_GRAM, at="start")
    )


def plain_analyzer():
    """Tokenize + lowercase (no stemming): autocomplete queries, spelling vocabulary."""
    return RegexTokenizer(_TOKEN_PATTERN) | LowercaseFilter()


def spelling_analyzer():
    return RegexTokenizer(_TOKEN_PATTERN) | LowercaseFilter() | StopFilter(minsize=2)


_SEARCH_ANALYZER = search_analyzer()
_PLAIN_ANALYZER = plain_analyzer()


def _tokens(analyzer, text, **kwargs):
    return [t.text for t in analyzer(text or "", **kwargs)]


def text_column(path):
    return "t_" + path


def autocomplete_column(path):
    return "a_" + path


def filter_column(kind, name):
    return f"f{kind}_{name}"


SYSTEM_FIELDS = {
    "doc_id": lambda: wf.ID(stored=True, unique=True),
    "doc_pk": lambda: wf.NUMERIC(int, bits=64, signed=True, sortable=True),
    "doc_ct": lambda: wf.KEYWORD(lowercase=False, commas=False, scorable=False),
    "doc_has": lambda: wf.KEYWORD(lowercase=False, commas=False, scorable=False),
    "doc_fv": lambda: wf.STORED(),
    "doc_model": lambda: wf.STORED(),
    "spell": lambda: wf.TEXT(analyzer=spelling_analyzer(), phrase=False),
}


def _field_type_for_column(column):
    if column in SYSTEM_FIELDS:
        return SYSTEM_FIELDS[column]()
    if column.startswith("t_"):
        return wf.TEXT(analyzer=search_analyzer(), phrase=True)
    if column.startswith("a_"):
        return wf.TEXT(analyzer=autocomplete_analyzer(), phrase=False)
    kind = column[1]
    if kind in ("i", "d", "t"):
        return wf.NUMERIC(int, bits=64, signed=True, sortable=True)
    if kind == "f":
        return wf.NUMERIC(float, bits=64, signed=True, sortable=True)
    return wf.ID(sortable=True)


_INT_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "BooleanField",
    "NullBooleanField",
}
_FLOAT_TYPES = {"FloatField", "DecimalField"}
_DATE_TYPES = {"DateField", "DateTimeField"}
_TIME_TYPES = {"TimeField"}


def filter_kind(field, model):
    """Value kind of a FilterField: 'i', 'f', 'd', 't' or 's'."""
    try:
        internal = field.get_type(model)
    except Exception:  # pragma: no cover - unusual custom fields
        internal = "CharField"
    if internal in _INT_TYPES:
        return "i"
    if internal in _FLOAT_TYPES:
        return "f"
    if internal in _DATE_TYPES:
        return "d"
    if internal in _TIME_TYPES:
        return "t"
    return "s"


class _Unconvertible(Exception):
    pass


_EPOCH = datetime.datetime(1970, 1, 1)


def _to_epoch_micros(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value, datetime.timezone.utc)
        elif getattr(settings, "USE_TZ", False):
            value = timezone.make_naive(
                timezone.make_aware(value, timezone.get_current_timezone()),
                datetime.timezone.utc,
            )
    elif isinstance(value, datetime.date):
        value = datetime.datetime(value.year, value.month, value.day)
    else:
        raise _Unconvertible(value)
    delta = value - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def normalise_filter_value(kind, value):
    """Convert one Python value into the representation stored in a filter column."""
    if value is None:
        return None
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        value = value.pk
    try:
        if kind == "i":
            if isinstance(value, bool):
                return int(value)
            if isinstance(value, (float, decimal.Decimal)) and value != int(value):
                raise _Unconvertible(value)
            return int(value)
        if kind == "f":
            return float(value)
        if kind == "d":
            if isinstance(value, str):
                value = datetime.datetime.fromisoformat(value)
            return _to_epoch_micros(value)
        if kind == "t":
            if isinstance(value, str):
                value = datetime.time.fromisoformat(value)
            if not isinstance(value, datetime.time):
                raise _Unconvertible(value)
            return (
                (value.hour * 3600 + value.minute * 60 + value.second) * 1_000_000
                + value.microsecond
            )
        return force_str(value)
    except (TypeError, ValueError) as e:
        raise _Unconvertible(value) from e


def _is_multi(value):
    return isinstance(value, (list, tuple, set, frozenset, QuerySet, Manager))


def _iter_multi(value):
    if isinstance(value, Manager):
        value = value.all()
    return list(value)


def _facet_value(value):
    """The (hashable, picklable) value reported in facet counts."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    if value is None or isinstance(
        value,
        (
            str,
            int,
            float,
            bool,
            decimal.Decimal,
            datetime.date,
            datetime.time,
            uuid.UUID,
        ),
    ):
        return value
    return force_str(value)


def model_label(model):
    return model._meta.label_lower


def content_type_labels(model):
    """Labels of the model and all of its concrete (multi-table) parents."""
    labels = [model_label(model)]
    for parent in model._meta.get_parent_list():
        labels.append(model_label(parent))
    return labels


def index_name_for_model(model):
    return model_label(get_model_root(model)).replace(".", "_")


# ---------------------------------------------------------------------------
# Document building
# ---------------------------------------------------------------------------


def _prepare_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(_prepare_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(_prepare_text(v) for v in value.values())
    return force_str(value)


def _related_objects(field, obj):
    sub = field.get_value(obj)
    if sub is None:
        return []
    if isinstance(sub, Manager):
        return list(sub.all())
    if isinstance(sub, QuerySet):
        return list(sub)
    if callable(sub):
        sub = sub()
    if isinstance(sub, (list, tuple)):
        return list(sub)
    return [sub]


def iter_text_values(obj, search_fields, prefix="", paths=None):
    """Yield ``(field_def, path, text)`` for every Search/AutocompleteField value of obj,
    following RelatedFields (paths like ``authors__name``).

    ``paths`` (optional) limits the walk to those field paths: other fields are not
    read, and RelatedFields no wanted path goes through are not followed (so no
    database query is made for them)."""
    for field in search_fields:
        if isinstance(field, (SearchField, AutocompleteField)):
            if paths is not None and prefix + field.field_name not in paths:
                continue
            try:
                value = field.get_value(obj)
            except Exception:  # pragma: no cover - broken callables shouldn't kill indexing
                logger.exception("Could not get value of %r for %r", field, obj)
                continue
            yield field, prefix + field.field_name, _prepare_text(value)
        elif isinstance(field, RelatedFields):
            sub_prefix = prefix + field.field_name + "__"
            if paths is not None and not any(p.startswith(sub_prefix) for p in paths):
                continue
            try:
                subs = _related_objects(field, obj)
            except Exception:  # pragma: no cover
                logger.exception("Could not follow %r for %r", field, obj)
                continue
            for sub in subs:
                yield from iter_text_values(sub, field.fields, sub_prefix, paths)


def build_document(obj):
    """Return the Whoosh document (a dict of column -> value) for a model instance."""
    model = obj._meta.model
    texts = {}
    spell = []
    for field, path, text in iter_text_values(obj, model.get_search_fields()):
        if not text:
            continue
        if isinstance(field, SearchField):
            texts.setdefault(text_column(path), []).append(text)
            spell.append(text)
        else:
            texts.setdefault(autocomplete_column(path), []).append(text)

    doc = {column: "\n".join(values) for column, values in texts.items()}
    has = []
    facet_values = {}
    for field in model.get_search_fields():
        if not isinstance(field, FilterField):
            continue
        kind = filter_kind(field, model)
        column = filter_column(kind, field.field_name)
        try:
            raw = field.get_value(obj)
        except Exception:  # pragma: no cover
            logger.exception("Could not get value of %r for %r", field, obj)
            continue
        if _is_multi(raw):
            items = [v for v in _iter_multi(raw) if v is not None]
            facet_values[field.field_name] = [_facet_value(v) for v in items]
            values = []
            for v in items:
                try:
                    values.append(normalise_filter_value(kind, v))
                except _Unconvertible:
                    pass
            if values:
                doc[column] = values if kind != "s" else " ".join(values)
                if kind == "s":
                    # ID fields hold a single term; keep the first for sorting
                    doc[column] = values[0]
                has.append(column)
        else:
            facet_values[field.field_name] = _facet_value(raw)
            try:
                value = normalise_filter_value(kind, raw)
            except _Unconvertible:
                value = None
            if value is not None:
                doc[column] = value
                has.append(column)

    pk = obj.pk
    doc["doc_id"] = force_str(pk)
    if isinstance(pk, int) and not isinstance(pk, bool):
        doc["doc_pk"] = pk
    doc["doc_ct"] = " ".join(content_type_labels(model))
    if has:
        doc["doc_has"] = " ".join(has)
    doc["doc_fv"] = facet_values
    doc["doc_model"] = model_label(model)
    if spell:
        doc["spell"] = "\n".join(spell)
    return doc


def schema_columns_for_models(models):
    """All columns needed by the given models (used to create a generation's schema)."""
    columns = set(SYSTEM_FIELDS)

    def walk(model, fields, prefix, top):
        for field in fields:
            if isinstance(field, SearchField):
                columns.add(text_column(prefix + field.field_name))
            elif isinstance(field, AutocompleteField):
                columns.add(autocomplete_column(prefix + field.field_name))
            elif isinstance(field, FilterField) and top:
                columns.add(filter_column(filter_kind(field, model), field.field_name))
            elif isinstance(field, RelatedFields):
                try:
                    related = field.get_field(model).related_model
                except Exception:
                    related = None
                walk(related, field.fields, prefix + field.field_name + "__", False)

    for model in models:
        walk(model, model.get_search_fields(), "", True)
    return columns


def make_schema(columns):
    schema = wf.Schema()
    for column in sorted(columns):
        schema.add(column, _field_type_for_column(column))
    return schema


# ---------------------------------------------------------------------------
# Index storage: generations, pointer files, locking, cached searchers
# ---------------------------------------------------------------------------


class IndexStore:
    """
    Django-independent manager for a directory of Whoosh indexes.

    Each named index lives in ``<path>/<name>.<generation>/``; ``<path>/<name>.current``
    holds the live generation. Use :meth:`write` for updates (lock handling included),
    :meth:`searcher` for reads (cached per thread, refreshed automatically) and
    :meth:`create_generation` / :meth:`swap` / :meth:`drop_generation` for rebuilds.
    Instances are shared per path (see :meth:`for_path`).
    """

    _instances = {}
    _instances_lock = threading.Lock()

    def __init__(self, path, lock_timeout=10.0, lock_delay=0.05):
        self.path = os.path.abspath(os.fspath(path))
        self.lock_timeout = lock_timeout
        self.lock_delay = lock_delay
        self._lock = threading.RLock()
        self._indexes = {}  # generation dir -> whoosh FileIndex
        self._local = threading.local()
        self._pending = []
        os.makedirs(self.path, exist_ok=True)

    @classmethod
    def for_path(cls, path, **kwargs):
        key = os.path.abspath(os.fspath(path))
        with cls._instances_lock:
            store = cls._instances.get(key)
            if store is None:
                store = cls._instances[key] = cls(key, **kwargs)
            else:
                for name, value in kwargs.items():
                    setattr(store, name, value)
            return store

    # -- generations ---------------------------------------------------------

    def _pointer(self, name):
        return os.path.join(self.path, name + ".current")

    def _gen_dir(self, name, generation):
        return os.path.join(self.path, f"{name}.{generation}")

    def current_generation(self, name):
        try:
            with open(self._pointer(name), encoding="utf-8") as f:
                return f.read().strip() or None
        except FileNotFoundError:
            return None

    @contextmanager
    def _meta_lock(self, name):
        """Inter-process lock used while creating/swapping generations."""
        lock = FileStorage(self.path).lock(name + "_META")
        deadline = time.monotonic() + max(self.lock_timeout, 30)
        while not lock.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise LockError(f"Timed out waiting for the {name} meta lock")
            time.sleep(self.lock_delay)
        try:
            yield
        finally:
            lock.release()

    def create_generation(self, name, schema):
        """Create a new, empty generation (not live yet); return its id."""
        generation = time.strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:8]
        directory = self._gen_dir(name, generation)
        os.makedirs(directory)
        windex.create_in(directory, schema)
        return generation

    def swap(self, name, generation):
        """Atomically make ``generation`` live; return the previous generation."""
        with self._meta_lock(name):
            old = self.current_generation(name)
            tmp = self._pointer(name) + f".{os.getpid()}.{threading.get_ident()}.tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(generation)
            os.replace(tmp, self._pointer(name))
        return old

    def drop_generation(self, name, generation):
        if not generation:
            return
        directory = self._gen_dir(name, generation)
        with self._lock:
            ix = self._indexes.pop(directory, None)
        if ix is not None:
            try:
                ix.close()
            except Exception:  # pragma: no cover
                pass
        shutil.rmtree(directory, ignore_errors=True)

    def cleanup_orphans(self, name, max_age=86400):
        """Delete generations of ``name`` that are not live and older than ``max_age``
        seconds (left behind by crashed rebuilds)."""
        live = self.current_generation(name)
        now = time.time()
        for entry in os.listdir(self.path):
            if not entry.startswith(name + ".") or entry.endswith((".current", ".tmp")):
                continue
            generation = entry[len(name) + 1 :]
            directory = os.path.join(self.path, entry)
            if generation == live or not os.path.isdir(directory):
                continue
            try:
                if now - os.path.getmtime(directory) > max_age:
                    self.drop_generation(name, generation)
            except OSError:  # pragma: no cover
                pass

    def ensure(self, name, schema_factory):
        """Return the live generation, creating the first one if needed."""
        generation = self.current_generation(name)
        if generation is not None and os.path.isdir(self._gen_dir(name, generation)):
            return generation
        with self._meta_lock(name):
            generation = self.current_generation(name)
            if generation is not None and os.path.isdir(
                self._gen_dir(name, generation)
            ):
                return generation
            generation = self.create_generation(name, schema_factory())
            tmp = self._pointer(name) + f".{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(generation)
            os.replace(tmp, self._pointer(name))
            return generation

    def open(self, name, generation):
        directory = self._gen_dir(name, generation)
        with self._lock:
            ix = self._indexes.get(directory)
            if ix is None:
                ix = self._indexes[directory] = windex.open_dir(directory)
            return ix

    # -- writing ---------------------------------------------------------------

    def write(self, name, fn, schema_factory, generation=None, new_columns=None):
        """
        Run ``fn(writer)`` inside a locked writer on the live (or given) generation and
        commit. ``new_columns`` maps column -> field type factory for columns that must
        exist in the schema first (added with ``writer.add_field`` when missing).

        The write lock is awaited for up to ``lock_timeout`` seconds. If another process
        still holds it after that, the update is handed to a background thread which
        keeps retrying (like :class:`whoosh.writing.AsyncWriter`, but re-running the
        whole update so schema additions stay consistent): an update never fails just
        because another process is writing. Returns True if committed synchronously,
        False if deferred (see :meth:`wait_pending`).
        """
        try:
            self._write_once(name, fn, schema_factory, generation, new_columns)
            return True
        except LockError:
            logger.warning(
                "Whoosh index %s still locked after %ss; retrying in the background",
                name,
                self.lock_timeout,
            )
            thread = threading.Thread(
                target=self._write_in_background,
                args=(name, fn, schema_factory, generation, new_columns),
                name=f"whoosh-write-{name}",
            )
            with self._lock:
                self._pending = [t for t in getattr(self, "_pending", []) if t.is_alive()]
                self._pending.append(thread)
            thread.start()
            return False

    def _write_in_background(self, name, fn, schema_factory, generation, new_columns):
        while True:
            try:
                self._write_once(name, fn, schema_factory, generation, new_columns)
                return
            except LockError:
                time.sleep(self.lock_delay * 5)
            except Exception:  # pragma: no cover - nothing to report to
                logger.exception("Deferred Whoosh index update of %s failed", name)
                return

    def wait_pending(self, timeout=None):
        """Wait for deferred (background) writes to finish."""
        for thread in list(getattr(self, "_pending", [])):
            thread.join(timeout)

    def _write_once(self, name, fn, schema_factory, generation, new_columns):
        pinned = generation is not None
        for _attempt in range(5):
            gen = generation if pinned else self.ensure(name, schema_factory)
            ix = self.open(name, gen)
            writer = ix.writer(timeout=self.lock_timeout, delay=self.lock_delay)
            if not pinned and self.current_generation(name) != gen:
                # the index was swapped by a rebuild while we waited for the lock
                writer.cancel()
                continue
            try:
                if new_columns:
                    for column in sorted(new_columns):
                        if column not in writer.schema:
                            writer.add_field(column, new_columns[column]())
                fn(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            return
        raise LockError(f"Index {name} kept changing while writing")  # pragma: no cover

    # -- reading ---------------------------------------------------------------

    def searcher(self, name, generation=None, weighting=None):
        """
        A Whoosh searcher for the index, reused between calls in the same thread and
        refreshed when the index changed. Returns None when the index doesn't exist.
        Do not close it and do not hand it to another thread.
        """
        if generation is None:
            generation = self.current_generation(name)
            if generation is None:
                return None
        cache = getattr(self._local, "searchers", None)
        if cache is None:
            cache = self._local.searchers = {}
        key = (name, generation)
        searcher = cache.get(key)
        if searcher is not None:
            try:
                searcher = searcher.refresh()
            except Exception:
                searcher = None
        if searcher is None:
            try:
                ix = self.open(name, generation)
            except (windex.EmptyIndexError, FileNotFoundError, OSError):
                return None
            searcher = ix.searcher(weighting=weighting or scoring.BM25F())
        cache[key] = searcher
        # close searchers of older generations of this index
        for other in [k for k in cache if k[0] == name and k != key]:
            try:
                cache.pop(other).close()
            except Exception:  # pragma: no cover
                pass
        return searcher


# ---------------------------------------------------------------------------
# Highlighting and spelling helpers (usable without Django models)
# ---------------------------------------------------------------------------


class MarkFormatter(wh.Formatter):
    """Whoosh formatter that HTML-escapes all text and wraps matches in ``<mark>``."""

    between = " … "

    def __init__(self, tagname="mark", between=" … "):
        self.tagname = tagname
        self.between = between

    def _text(self, text):
        return escape(text)

    def format_token(self, text, token, replace=False):
        return "<{0}>{1}</{0}>".format(
            self.tagname, escape(wh.get_text(text, token, replace))
        )


def highlight_text(
    text,
    terms,
    *,
    prefixes=(),
    analyzer=None,
    max_fragments=3,
    fragment_chars=200,
    surround=40,
    separator=" … ",
    tagname="mark",
):
    """
    Return an HTML-safe snippet (``SafeString``) of ``text`` in which the words matching
    ``terms`` are wrapped in ``<mark>``; ``""`` if nothing matches.

    The text is escaped first (``<script>`` becomes ``&lt;script&gt;``) and only then are
    the matched words wrapped, so the output is safe to render with ``|safe``.

    :param terms: analysed terms to match (stems when using the default English
        analyzer, e.g. ``query_terms("running shoes")``).
    :param prefixes: matched as prefixes of the *unstemmed* lower-cased words
        (autocomplete highlighting).
    :param analyzer: Whoosh analyzer applied to ``text`` (default: English stemming).
    """
    if not text:
        return mark_safe("")
    analyzer = analyzer or _SEARCH_ANALYZER
    termset = frozenset(terms)
    prefixes = tuple(p.lower() for p in prefixes if p)

    def matched(tokens):
        for t in tokens:
            ok = t.text in termset
            if not ok and prefixes:
                original = text[t.startchar : t.endchar].lower()
                ok = original.startswith(prefixes)
            t.matched = ok
            yield t

    tokens = analyzer(text, chars=True, positions=True, mode="index", removestops=False)
    fragmenter = wh.ContextFragmenter(maxchars=fragment_chars, surround=surround)
    fragments = fragmenter.fragment_tokens(text, matched(tokens))
    fragments = wh.top_fragments(
        fragments, max_fragments, wh.BasicFragmentScorer(), wh.FIRST
    )
    if not fragments:
        return mark_safe("")
    for fragment in fragments:
        # don't cut off leading/trailing punctuation (e.g. "<" / "." at the edges)
        if not _WORD_RE.search(text, 0, fragment.startchar):
            fragment.startchar = 0
        if not _WORD_RE.search(text, fragment.endchar):
            fragment.endchar = len(text)
    formatter = MarkFormatter(tagname=tagname, between=escape(separator))
    return mark_safe(formatter(text, fragments))


_WORD_RE = re.compile(r"\w")


def query_terms(query, autocomplete=False):
    """
    The positive terms of a query string or modelsearch ``SearchQuery`` analysed as they
    are in the index: stems for full-text search, lower-cased words for autocomplete.
    Terms under ``Not`` are skipped.
    """
    analyzer = _PLAIN_ANALYZER if autocomplete else _SEARCH_ANALYZER
    out = []

    def walk(q):
        if isinstance(q, str):
            out.extend(_tokens(analyzer, q))
        elif isinstance(q, (PlainText, Phrase, Fuzzy)):
            out.extend(_tokens(analyzer, q.query_string))
        elif isinstance(q, Boost):
            walk(q.subquery)
        elif isinstance(q, (And, Or)):
            for sub in q.subqueries:
                walk(sub)

    walk(query)
    return list(dict.fromkeys(out))


def _levenshtein(a, b):
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def word_suggestions(searchers, word, *, limit=5, maxdist=2, prefix=1, field="spell"):
    """Spelling candidates for one lower-cased word from the ``spell`` vocabulary of
    the given Whoosh searchers, best first (edit distance, then frequency)."""
    freq = {}
    for s in searchers:
        if field not in s.schema:
            continue
        for cand in s.corrector(field).suggest(
            word, limit=limit * 2, maxdist=maxdist, prefix=prefix
        ):
            freq[cand] = freq.get(cand, 0) + s.doc_frequency(field, cand)
    ranked = sorted(freq, key=lambda c: (_levenshtein(word, c), -freq[c], c))
    return ranked[:limit]


def suggest_query(searchers, query_string, *, maxdist=2, prefix=1, field="spell"):
    """
    "Did you mean": return ``query_string`` with each word unknown to the indexed
    vocabulary replaced by its best correction, or ``None`` if nothing was changed.
    Capitalisation of corrected words is kept (``Pyhton`` -> ``Python``).
    """
    searchers = [s for s in searchers if s is not None]
    if not searchers or not query_string:
        return None
    tokenizer = RegexTokenizer(_TOKEN_PATTERN)
    pieces = []
    last = 0
    changed = False
    for token in tokenizer(query_string, chars=True):
        original = query_string[token.startchar : token.endchar]
        word = original.lower()
        replacement = original
        known = len(word) < 3 or any(
            field in s.schema and s.doc_frequency(field, word) > 0 for s in searchers
        )
        if not known and not word.isdigit():
            cands = word_suggestions(
                searchers, word, limit=1, maxdist=maxdist, prefix=prefix, field=field
            )
            if cands:
                replacement = cands[0]
                if original.isupper() and len(original) > 1:
                    replacement = replacement.upper()
                elif original[:1].isupper():
                    replacement = replacement[:1].upper() + replacement[1:]
                changed = changed or replacement.lower() != word
        pieces.append(query_string[last : token.startchar])
        pieces.append(replacement)
        last = token.endchar
    pieces.append(query_string[last:])
    return "".join(pieces) if changed else None


# ---------------------------------------------------------------------------
# Query compilation
# ---------------------------------------------------------------------------


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
                    wq.FuzzyTerm(
                        column, term, boost=b, maxdist=_auto_fuzziness(term), prefixlength=1
                    )
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
        slop = max(1, max(b - a for a, b in zip(positions, positions[1:])))
        subqueries = [
            wq.Phrase(column, words, slop=slop, boost=boost) for column, boost in columns
        ]
        if not subqueries:
            return wq.NullQuery
        return subqueries[0] if len(subqueries) == 1 else wq.Or(subqueries)

    def compile_query(self, query, columns):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, PlainText):
            return self._words_query(
                query.query_string, query.operator, float(query.boost or 1.0), columns
            )
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

        if isinstance(value, (SQLQuery, BaseExpression, QuerySet)) or hasattr(
            value, "resolve_expression"
        ):
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


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


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
                for pk in queryset.filter(pk__in=chunk)
                .order_by()
                .values_list("pk", flat=True)
                .distinct()
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
            out[name] = OrderedDict(
                sorted(bucket.items(), key=lambda kv: -kv[1])
            )
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
        """"Did you mean" for this search's query string (None if nothing to fix)."""
        query = self.query_compiler.query
        text = query.query_string if isinstance(query, (PlainText, Phrase, Fuzzy)) else None
        if not text:
            return None
        return self.backend.suggest(text, self.query_compiler.queryset.model, **options)


# ---------------------------------------------------------------------------
# Index + rebuilder
# ---------------------------------------------------------------------------


class WhooshIndex(BaseIndex):
    """One Whoosh index (all generations of it) for one root model tree."""

    def __init__(self, backend, name, generation=None):
        super().__init__(backend)
        self.name = name
        self.generation = generation  # pinned generation (during rebuilds)

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
        return [
            m for m in get_indexed_models() if index_name_for_model(m) == self.name
        ]

    def schema_factory(self):
        return make_schema(schema_columns_for_models(self.models()))

    def searcher(self):
        return self.store.searcher(self.name, generation=self.generation)

    def _write(self, fn, new_columns=None):
        self.store.write(
            self.name,
            fn,
            self.schema_factory,
            generation=self.generation,
            new_columns=new_columns,
        )

    def add_model(self, model):
        columns = schema_columns_for_models([model])
        generation = self.generation or self.store.ensure(self.name, self.schema_factory)
        schema = self.store.open(self.name, generation).schema
        missing = {c for c in columns if c not in schema}
        if missing:
            self._write(
                lambda writer: None,
                new_columns={c: (lambda c=c: _field_type_for_column(c)) for c in missing},
            )

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        docs = OrderedDict()
        for obj in items:
            doc = build_document(obj)
            docs[doc["doc_id"]] = doc  # last one wins within a batch
        if not docs:
            return
        new_columns = {}
        for doc in docs.values():
            for column in doc:
                new_columns.setdefault(
                    column, (lambda c=column: _field_type_for_column(c))
                )

        def fn(writer):
            schema = writer.schema
            for doc in docs.values():
                writer.update_document(**{k: v for k, v in doc.items() if k in schema})

        self._write(fn, new_columns=new_columns)

    def delete_item(self, item):
        pk = force_str(item.pk)
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
    """Builds a new generation of the index and swaps it in atomically on finish()."""

    def __init__(self, index):
        self.index = index
        self.generation = None

    def start(self):
        store = self.index.store
        self.generation = store.create_generation(
            self.index.name, self.index.schema_factory()
        )
        return WhooshIndex(self.index.backend, self.index.name, self.generation)

    def finish(self):
        store = self.index.store
        old = store.swap(self.index.name, self.generation)
        if old and old != self.generation:
            store.drop_generation(self.index.name, old)
        store.cleanup_orphans(self.index.name)


# ---------------------------------------------------------------------------
# Backend
# ---------------------------------------------------------------------------


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
      update to a background retry thread (default 10).
    """

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshSearchRebuilder
    catch_indexing_errors = True

    def __init__(self, params):
        super().__init__(params)
        params = dict(params or {})
        self.path = os.fspath(params.pop("PATH", None) or default_index_path())
        self.lock_timeout = float(params.pop("LOCK_TIMEOUT", 10.0))
        self.store = IndexStore.for_path(self.path, lock_timeout=self.lock_timeout)

    def get_index_for_model(self, model):
        return self.index_class(self, index_name_for_model(model))

    # -- extra public helpers ----------------------------------------------------

    def _searchers(self, model=None):
        if model is not None:
            indexes = [self.get_index_for_model(model)]
        else:
            indexes = list(self.all_indexes())
        return [s for s in (index.searcher() for index in indexes) if s is not None]

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
    ):
        """
        Highlighted snippets of a search result.

        :param obj_or_pk: a model instance, or a primary key together with ``model=``.
        :param query: the query string (or modelsearch ``SearchQuery``) that was searched.
        :param fields: field paths to highlight, e.g. ``["title", "body",
            "authors__name"]``; default: every SearchField (AutocompleteField when
            ``autocomplete=True``), including those inside RelatedFields.
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
        terms = query_terms(query, autocomplete=autocomplete)
        if not terms:
            return {}
        field_type = AutocompleteField if autocomplete else SearchField
        texts = OrderedDict()
        wanted = None if fields is None else frozenset(fields)
        for field, path, text in iter_text_values(
            specific, specific.get_search_fields(), paths=wanted
        ):
            if not isinstance(field, field_type) or not text:
                continue
            if fields is not None and path not in fields:
                continue
            texts.setdefault(path, []).append(text)
        out = OrderedDict()
        for path, values in texts.items():
            snippet = highlight_text(
                "\n".join(values),
                () if autocomplete else terms,
                prefixes=terms if autocomplete else (),
                analyzer=_PLAIN_ANALYZER if autocomplete else None,
                max_fragments=max_fragments,
                fragment_chars=fragment_chars,
                surround=surround,
                separator=separator,
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
        return suggest_query(
            self._searchers(model), query_string, maxdist=maxdist, prefix=prefix
        )

    def suggestions(self, word, model=None, *, limit=5, maxdist=2, prefix=1):
        """Up to ``limit`` spelling candidates for one word, best first."""
        return word_suggestions(
            self._searchers(model), word.lower(), limit=limit, maxdist=maxdist, prefix=prefix
        )

    def facet_counts(self, query, model_or_queryset, field_names):
        """Shortcut: ``{field: OrderedDict(value -> count)}`` for a search."""
        return self.search(query, model_or_queryset).facets(*field_names)


SearchBackend = WhooshSearchBackend
