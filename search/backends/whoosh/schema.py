"""How model fields become Whoosh columns: analyzers, column names, value kinds and the
schema of a new index generation, kept in one place so indexing and querying agree."""

import datetime
import decimal

from django.conf import settings
from django.utils import timezone
from django.utils.encoding import force_str
from modelsearch.backends.base import get_model_root
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField
from whoosh import fields as wf
from whoosh.analysis import LowercaseFilter, NgramFilter, RegexTokenizer, StemmingAnalyzer, StopFilter

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
