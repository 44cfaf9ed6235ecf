"""System check (tag ``search``): every site-search registration can work.

Runs with ``manage.py check`` and at every start-up (runserver, migrate, the test run).
For each registered type: it is a page model and indexed; each facet is a taxonomy
dimension with terms, its relation exists on the model and points to the dimension's term
model, and the search index can filter it (a ``RelatedFields(<relation>,
[FilterField("slug")])``, or a top-level ``FilterField`` on a foreign key); snippet fields
are ``SearchField``s; the summary field and ``select_related`` names exist.
"""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from cms.taxonomy.dimensions import dimension


def check_search_registrations(app_configs=None, registry=None, **kwargs):
    from wagtail.models import Page
    from wagtail.search.index import FilterField, RelatedFields, SearchField, class_is_indexed

    from .registry import registry as site_registry

    errors = []
    for search_type in (registry or site_registry).types():
        model = search_type.model
        label = model._meta.label

        def error(message, id, hint=None, model=model):
            errors.append(checks.Error(message, hint=hint, obj=model, id=f"site_search.{id}"))

        if not issubclass(model, Page):
            error(f"{label} is registered for site search but is not a page model.", "E001")
            continue
        if not class_is_indexed(model):
            error(
                f"{label} is registered for site search but is not indexed.",
                "E002",
                hint="Give the model search_fields.",
            )
            continue
        search_fields = model.get_search_fields()

        for param, relation in search_type.facets.items():
            dim = dimension(param)
            if dim.model is None:
                error(f"{label}: the {param!r} facet has no terms to filter by.", "E003")
                continue
            try:
                field = model._meta.get_field(relation)
            except FieldDoesNotExist:
                error(
                    f"{label}: the {param!r} facet uses {relation!r}, which {label} does not have.",
                    "E004",
                    hint="Classified models have it: see cms/taxonomy/classification.py.",
                )
                continue
            if getattr(field, "related_model", None) is not dim.model:
                error(
                    f"{label}.{relation} does not point to {dim.model_label}, so it cannot carry the "
                    f"{param!r} facet.",
                    "E005",
                )
                continue
            by_slug = any(
                isinstance(f, RelatedFields)
                and f.field_name == relation
                and any(isinstance(sub, FilterField) and sub.field_name == "slug" for sub in f.fields)
                for f in search_fields
            )
            by_id = field.many_to_one and any(
                isinstance(f, FilterField) and f.field_name == relation for f in search_fields
            )
            if not (by_slug or by_id):
                error(
                    f"{label}: the search index cannot filter the {param!r} facet by {relation}.",
                    "E006",
                    hint=f'Add index.RelatedFields("{relation}", [index.FilterField("slug")]) '
                    "to search_fields (classification_search_fields() does).",
                )

        searchable = {f.field_name for f in search_fields if isinstance(f, SearchField)}
        for name in search_type.snippet_fields:
            if name not in searchable:
                error(
                    f"{label}: snippet field {name!r} is not a SearchField of the model.",
                    "E007",
                    hint=f'Add index.SearchField("{name}") to search_fields, or drop it from snippet_fields.',
                )
        if search_type.summary_field and not hasattr(model, search_type.summary_field):
            error(f"{label}: summary field {search_type.summary_field!r} does not exist.", "E008")
        for name in search_type.select_related:
            try:
                related = model._meta.get_field(name)
            except FieldDoesNotExist:
                related = None
            if related is None or not (related.many_to_one or related.one_to_one):
                error(f"{label}: select_related {name!r} is not a foreign key of the model.", "E009")
    return errors
