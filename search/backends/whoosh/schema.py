"""How model fields become Whoosh columns: analyzers, column names, value kinds and the
schema of a new index generation, kept in one place so indexing and querying agree."""

import datetime
import decimal
import functools
import re
from urllib.parse import quote

from django.conf import settings
from django.utils import timezone
from django.utils.encoding import force_str
from modelsearch.backends.base import get_model_root
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField
from whoosh import fields as wf
from whoosh import formats
from whoosh.analysis import (
    STOP_WORDS,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.lang.porter import stem as _porter_stem

#: Longest prefix indexed for autocomplete; longer query words are truncated to it.
AUTOCOMPLETE_MAX_GRAM = 20

_TOKEN_PATTERN = r"\w+(\.?\w+)*"
_WORD_RE = re.compile(r"\w+(?:\.?\w+)*")
#: hyphen-minus, hyphen and non-breaking hyphen join the parts of a compound ("pre-birth")
_COMPOUND_RE = re.compile(r"\w+(?:\.?\w+)*(?:[-\u2010\u2011]\w+(?:\.?\w+)*)*")


class CompoundTokenizer(Tokenizer):
    """
    The words ``RegexTokenizer(_TOKEN_PATTERN)`` finds, and for a hyphenated compound
    ("pre-birth", "co-location") also its joined form ("prebirth", "colocation"), right
    after its last part and flagged ``token.joined`` (:class:`CompoundPositionFilter`
    gives it the last part's position). So a document saying "pre-birth" is found by
    "pre-birth", "pre birth" and "prebirth" alike. With ``joined_first=True`` (highlighting)
    the joined form comes before the parts instead, so a match on it can claim them.
    """

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        joined_first=False,
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            t.joined = False
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        for match in _COMPOUND_RE.finditer(value):
            text = match.group(0)
            base = match.start()
            parts = [(text, 0, len(text))] if text.isalnum() else None
            if parts is None:
                parts = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
            if joined_first and len(parts) > 1:
                t.text = "".join(part for part, _s, _e in parts)
                t.boost = 1.0
                t.joined = True
                t.stopped = False
                if keeporiginal:
                    t.original = text
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + base
                    t.endchar = start_char + match.end()
                yield t
            for part, start, end in parts:
                t.text = part
                t.boost = 1.0
                t.joined = False
                t.stopped = False
                if keeporiginal:
                    t.original = part
                if positions:
                    t.pos = pos
                    pos += 1
                if chars:
                    t.startchar = start_char + base + start
                    t.endchar = start_char + base + end
                yield t
            if len(parts) > 1 and not joined_first:
                t.text = "".join(part for part, _s, _e in parts)
                t.boost = 1.0
                t.joined = True
                t.stopped = False
                if keeporiginal:
                    t.original = text
                if positions:
                    t.pos = pos - 1
                if chars:
                    t.startchar = start_char + base
                    t.endchar = start_char + match.end()
                yield t


class CompoundPositionFilter(Filter):
    """Numbers the kept tokens consecutively (as ``StopFilter`` does), except that a
    compound's joined form shares the position of its last part, so phrases match with
    either form ("pre-birth concerns" is found by the phrase "prebirth concerns")."""

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, tokens):
        pos = None
        for t in tokens:
            if t.positions and not t.stopped:
                if getattr(t, "joined", False) and pos is not None:
                    t.pos = pos
                elif pos is None:
                    pos = t.pos
                else:
                    pos += 1
                    t.pos = pos
            yield t


def composed_search_analyzer():
    """The English analysis of SearchFields as a chain of Whoosh filters: compounds,
    lowercase, stop words, positions, Porter stem. :class:`SearchTokenizer` does the same
    in one pass; this chain is its specification (the tests compare the two)."""
    return (
        CompoundTokenizer()
        | LowercaseFilter()
        | StopFilter(minsize=2)
        | CompoundPositionFilter()
        | StemFilter(cachesize=50000)
    )


@functools.lru_cache(maxsize=50000)
def _stem(word):
    return _porter_stem(word)


class SearchTokenizer(Tokenizer):
    """:func:`composed_search_analyzer` in one generator: the same tokens, positions and
    offsets, without a generator per filter per word (every word indexed, highlighted or
    searched goes through it)."""

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        joined_first=False,
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stops = STOP_WORDS
        kept = None  # position of the last kept token

        def emit(text, original, raw_pos, joined, start, end):
            nonlocal kept
            lower = text.lower()
            stopped = len(lower) < 2 or lower in stops
            if stopped and removestops:
                return False
            t.boost = 1.0
            t.joined = joined
            t.stopped = stopped
            t.text = lower if stopped else _stem(lower)
            if keeporiginal:
                t.original = original
            if positions:
                if stopped:
                    t.pos = raw_pos
                elif joined and kept is not None:
                    t.pos = kept
                elif kept is None:
                    t.pos = kept = raw_pos
                else:
                    kept += 1
                    t.pos = kept
            if chars:
                t.startchar = start
                t.endchar = end
            return True

        if not tokenize:
            if emit(value, value, start_pos, False, start_char, start_char + len(value)):
                yield t
            return
        pos = start_pos
        for match in _COMPOUND_RE.finditer(value):
            text = match.group(0)
            if text.isalnum():  # a plain word (most of them): emit() inlined
                lower = text.lower()
                if len(lower) < 2 or lower in stops:
                    if not removestops:
                        t.boost, t.joined, t.stopped, t.text = 1.0, False, True, lower
                        if keeporiginal:
                            t.original = text
                        if positions:
                            t.pos = pos
                        if chars:
                            t.startchar = start_char + match.start()
                            t.endchar = start_char + match.end()
                        yield t
                    pos += 1
                    continue
                t.boost, t.joined, t.stopped, t.text = 1.0, False, False, _stem(lower)
                if keeporiginal:
                    t.original = text
                if positions:
                    if kept is None:
                        kept = pos
                    else:
                        kept += 1
                    t.pos = kept
                if chars:
                    t.startchar = start_char + match.start()
                    t.endchar = start_char + match.end()
                yield t
                pos += 1
                continue
            base = start_char + match.start()
            parts = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
            joined = "".join(part for part, _s, _e in parts) if len(parts) > 1 else None
            end = start_char + match.end()
            if joined is not None and joined_first and emit(joined, text, pos, True, base, end):
                yield t
            for part, start, stop in parts:
                if emit(part, part, pos, False, base + start, base + stop):
                    yield t
                pos += 1
            if joined is not None and not joined_first and emit(joined, text, pos - 1, True, base, end):
                yield t


def search_analyzer():
    """English analyzer for SearchFields: tokenize (hyphenated compounds also joined),
    lowercase, stop words, Porter stem (see :class:`SearchTokenizer`)."""
    return CompositeAnalyzer(SearchTokenizer())


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


def related_filter_column(kind, path):
    """Column of a FilterField inside RelatedFields (``path`` like ``agencies__slug``):
    the values of every related object, so a single lookup ("some agency has this slug")
    is answered by Whoosh. Only created with a new index generation."""
    return f"r{kind}_{path}"


def is_related_filter_column(column):
    return column[:1] == "r" and column[2:3] == "_"


def encode_keyword(value):
    """A string value as one whitespace-free term of a multi-valued keyword column."""
    return quote(value, safe="")


SYSTEM_FIELDS = {
    "doc_id": lambda: wf.ID(stored=True, unique=True),
    "doc_pk": lambda: wf.NUMERIC(int, bits=64, signed=True, sortable=True, shift_step=0),
    "doc_ct": lambda: wf.KEYWORD(lowercase=False, commas=False, scorable=False),
    "doc_has": lambda: wf.KEYWORD(lowercase=False, commas=False, scorable=False),
    "doc_fv": lambda: wf.STORED(),
    "doc_model": lambda: wf.STORED(),
    "spell": lambda: _vocabulary_field(),
}


def _vocabulary_field():
    """The ``spell`` column: only its vocabulary is ever read (is a word known, and how
    many documents say it), so its postings record presence only -- no frequencies, no
    field lengths -- which makes it the cheapest text column to write."""
    field = wf.TEXT(analyzer=spelling_analyzer(), phrase=False)
    field.format = formats.Existence(field_boost=1.0)
    field.scorable = False
    return field


#: Precision tiers of numeric columns (Whoosh's ``shift_step``): every tier is one more
#: posting per value. Ints (ids, foreign keys, booleans, years) have few distinct values,
#: so a range simply lists them (no tiers); dates and floats keep eight tiers for ranges.
NUMERIC_SHIFT_STEP = {"i": 0, "t": 8, "d": 8, "f": 8}


def _field_type_for_column(column):
    if column in SYSTEM_FIELDS:
        return SYSTEM_FIELDS[column]()
    if column.startswith("t_"):
        return wf.TEXT(analyzer=search_analyzer(), phrase=True)
    if column.startswith("a_"):
        return wf.TEXT(analyzer=autocomplete_analyzer(), phrase=False)
    kind = column[1]
    sortable = column[0] == "f"  # related columns hold several values: not sortable
    if kind in ("i", "d", "t"):
        return wf.NUMERIC(int, bits=64, signed=True, sortable=sortable, shift_step=NUMERIC_SHIFT_STEP[kind])
    if kind == "f":
        return wf.NUMERIC(float, bits=64, signed=True, sortable=sortable, shift_step=NUMERIC_SHIFT_STEP[kind])
    if not sortable:
        return wf.KEYWORD(lowercase=False, commas=False, scorable=False)
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
            value = timezone.make_naive(value, datetime.UTC)
        elif getattr(settings, "USE_TZ", False):
            value = timezone.make_naive(
                timezone.make_aware(value, timezone.get_current_timezone()),
                datetime.UTC,
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
            return (value.hour * 3600 + value.minute * 60 + value.second) * 1_000_000 + value.microsecond
        return force_str(value)
    except (TypeError, ValueError) as e:
        raise _Unconvertible(value) from e


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
            elif isinstance(field, FilterField) and model is not None:
                columns.add(related_filter_column(filter_kind(field, model), prefix + field.field_name))
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
