"""Turning a model instance into a Whoosh document: the text of its Search/Autocomplete
fields (following RelatedFields) and its normalised filter values."""

import datetime
import decimal
import logging
import uuid

from django.db.models import Manager
from django.db.models.query import QuerySet
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField

from .schema import (
    _Unconvertible,
    autocomplete_column,
    content_type_labels,
    filter_column,
    filter_kind,
    model_label,
    normalise_filter_value,
    text_column,
)

logger = logging.getLogger(__name__)


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
