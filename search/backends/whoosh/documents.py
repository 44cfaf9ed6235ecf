"""Turning a model instance into a Whoosh document: the text of its Search/Autocomplete
fields (following RelatedFields), its normalised filter values, and the filter values of
its related objects. Related rows are read from prefetched caches when the batch was
prefetched (:func:`prefetch_for_indexing`), so a batch costs a few queries, not a few per
object."""

import datetime
import decimal
import logging
import uuid

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Manager, prefetch_related_objects
from django.db.models.fields.related import RelatedField
from django.db.models.query import QuerySet
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField

from .schema import (
    _Unconvertible,
    autocomplete_column,
    content_type_labels,
    encode_keyword,
    filter_column,
    filter_kind,
    model_label,
    normalise_filter_value,
    related_filter_column,
    text_column,
)

logger = logging.getLogger(__name__)


def _is_multi(value):
    return isinstance(value, (list, tuple, set, frozenset, QuerySet, Manager))


def _manager_items(obj, name, manager):
    """The objects of a related manager, from the prefetch cache when there is one.

    modelcluster's managers (``ParentalManyToManyField``, ``ClusterTaggableManager``)
    ignore Django's prefetch cache in ``all()``; unsaved in-memory changes
    (``_cluster_related_objects``) still win over it."""
    cluster = getattr(obj, "_cluster_related_objects", None)
    if not (cluster and name in cluster):
        cache = getattr(obj, "_prefetched_objects_cache", None)
        if cache and name in cache:
            return list(cache[name])
    return list(manager.all())


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


_ACCESSORS = {}  # (model, field name) -> how to read the value


def _generic_value(field, obj):
    return field.get_value(obj)


def _make_accessor(field, model):
    """``field.get_value`` as modelsearch defines it, but for a plain model field (no
    ``get_searchable_content``, not a tag manager) just ``value_from_object``: it is read
    for every field of every document, and modelsearch's version asks the app registry
    each time."""
    try:
        model_field = model._meta.get_field(field.field_name)
    except FieldDoesNotExist:
        return _generic_value
    if getattr(model_field, "many_to_many", False) or getattr(model_field, "one_to_many", False):
        return _generic_value
    if hasattr(model_field, "get_searchable_content") or not hasattr(model_field, "value_from_object"):
        return _generic_value
    remote = model_field
    while isinstance(remote, RelatedField):
        remote = remote.target_field
    if hasattr(remote, "get_searchable_content"):
        return _generic_value
    return lambda _field, obj: model_field.value_from_object(obj)


def get_field_value(field, obj):
    """The value of a Search/Autocomplete/FilterField on ``obj`` (as ``field.get_value``)."""
    key = (obj.__class__, field.field_name)
    accessor = _ACCESSORS.get(key)
    if accessor is None:
        accessor = _ACCESSORS[key] = _make_accessor(field, obj.__class__)
    return accessor(field, obj)


def _related_objects(field, obj):
    sub = field.get_value(obj)
    if sub is None:
        return []
    if isinstance(sub, Manager):
        return _manager_items(obj, field.field_name, sub)
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
                value = get_field_value(field, obj)
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


def _model_field(field, model):
    try:
        return field.get_field(model)
    except Exception:
        return None


def _is_many(model_field):
    return model_field is not None and bool(
        getattr(model_field, "many_to_many", False) or getattr(model_field, "one_to_many", False)
    )


def _prefetch_lookups(model, fields, prefix=""):
    """Lookups that load every relation the document reads, for ``prefetch_related_objects``."""
    lookups = []
    for field in fields:
        if isinstance(field, RelatedFields):
            model_field = _model_field(field, model)
            if model_field is None or not getattr(model_field, "is_relation", False):
                continue
            lookup = prefix + field.field_name
            lookups.append(lookup)
            lookups.extend(_prefetch_lookups(model_field.related_model, field.fields, lookup + "__"))
        elif isinstance(field, FilterField) and not prefix and _is_many(_model_field(field, model)):
            lookups.append(field.field_name)
    return list(dict.fromkeys(lookups))


def prefetch_for_indexing(model, objs):
    """Prefetch, in a few queries for the whole batch, the related rows that
    :func:`build_document` reads (RelatedFields, many-to-many FilterFields) and that are
    not prefetched already. A lookup that can't be prefetched is skipped (then read per
    object, as before)."""
    objs = [obj for obj in objs if type(obj) is model]
    if not objs:
        return
    for lookup in _prefetch_lookups(model, model.get_search_fields()):
        try:
            prefetch_related_objects(objs, lookup)
        except Exception:  # e.g. a property, or a relation prefetching doesn't support
            logger.debug("Could not prefetch %s for indexing %s", lookup, model, exc_info=True)


class _Plan:
    """What :func:`build_document` reads from one model, worked out once per batch."""

    def __init__(self, model):
        self.model = model
        self.search_fields = model.get_search_fields()
        self.filters = []  # (field, kind, column, many-valued relation name or None, nullable)
        self.related = []  # RelatedFields holding FilterFields
        for field in self.search_fields:
            if isinstance(field, FilterField):
                kind = filter_kind(field, model)
                model_field = _model_field(field, model)
                many = field.field_name if _is_many(model_field) else None
                column = filter_column(kind, field.field_name)
                self.filters.append((field, kind, column, many, can_be_null(model_field)))
            elif isinstance(field, RelatedFields) and _has_filter_fields(field):
                self.related.append(field)
        self.labels = " ".join(content_type_labels(model))
        self.label = model_label(model)


def can_be_null(model_field):
    """Whether a FilterField's value can be missing (``doc_has`` records which columns
    have one, for ``isnull``): not for a plain non-null model field, whose ``isnull``
    lookups the query compiler answers without looking."""
    if model_field is None or _is_many(model_field) or not getattr(model_field, "concrete", False):
        return True
    return bool(getattr(model_field, "null", True))


def _has_filter_fields(related):
    return any(
        isinstance(f, FilterField) or (isinstance(f, RelatedFields) and _has_filter_fields(f))
        for f in related.fields
    )


def _related_filter_values(obj, related, prefix, out):
    """Collect ``{column: [values]}`` of the FilterFields inside ``related`` over every
    related object of ``obj`` (nested RelatedFields followed)."""
    model_field = _model_field(related, type(obj))
    related_model = getattr(model_field, "related_model", None)
    try:
        subs = _related_objects(related, obj)
    except Exception:  # pragma: no cover
        logger.exception("Could not follow %r for %r", related, obj)
        return
    path = prefix + related.field_name + "__"
    for field in related.fields:
        if isinstance(field, FilterField) and related_model is not None:
            kind = filter_kind(field, related_model)
            values = out.setdefault((kind, path + field.field_name), [])
            for sub in subs:
                try:
                    value = normalise_filter_value(kind, get_field_value(field, sub))
                except _Unconvertible:
                    continue
                except Exception:  # pragma: no cover
                    logger.exception("Could not get value of %r for %r", field, sub)
                    continue
                if value is not None and value not in values:
                    values.append(value)
        elif isinstance(field, RelatedFields) and _has_filter_fields(field):
            for sub in subs:
                _related_filter_values(sub, field, path, out)


def build_document(obj, plan=None):
    """Return the Whoosh document (a dict of column -> value) for a model instance.
    ``plan`` (from :func:`document_plan`) saves re-reading the model's definitions."""
    model = obj._meta.model
    if plan is None or plan.model is not model:
        plan = _Plan(model)
    texts = {}
    spell = []
    for field, path, text in iter_text_values(obj, plan.search_fields):
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
    for field, kind, column, many, nullable in plan.filters:
        try:
            if many is not None:
                raw = _manager_items(obj, many, getattr(obj, many))
            else:
                raw = get_field_value(field, obj)
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
                if nullable:
                    has.append(column)

    related_values = {}
    for related in plan.related:
        _related_filter_values(obj, related, "", related_values)
    for (kind, path), values in related_values.items():
        if values:
            column = related_filter_column(kind, path)
            doc[column] = " ".join(encode_keyword(v) for v in values) if kind == "s" else values

    pk = obj.pk
    doc["doc_id"] = force_str(pk)
    if isinstance(pk, int) and not isinstance(pk, bool):
        doc["doc_pk"] = pk
    doc["doc_ct"] = plan.labels
    if has:
        doc["doc_has"] = " ".join(has)
    doc["doc_fv"] = facet_values
    doc["doc_model"] = plan.label
    if spell:
        doc["spell"] = "\n".join(spell)
    return doc


def document_plan(model):
    """The per-model part of :func:`build_document`, to share across a batch."""
    return _Plan(model)
