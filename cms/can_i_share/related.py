"""Pages on an outcome's themes, found through the taxonomy, not through the apps that
define the pages: every live, public page type that is ``Classified`` (case studies,
video scenarios, champion stories...) counts, best match first."""

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from cms.taxonomy.classification import Classified


def classified_page_models():
    """Concrete page models classified by theme (``theme_field``), in a stable order."""
    found = []
    for model in apps.get_models():
        if issubclass(model, Classified) and issubclass(model, Page) and not model._meta.abstract:
            through = getattr(model._meta.get_field("themes"), "through", None)
            if through is not None:
                found.append((model._meta.label, through))
    return [through for _label, through in sorted(found, key=lambda item: item[0])]


def pages_on_themes(theme_slugs, limit=3):
    """Up to ``limit`` live, public pages tagged with any of the themes: those sharing the
    most themes first, then the most recently published. One query (and Wagtail's one for
    view restrictions)."""
    theme_slugs = [slug for slug in theme_slugs if slug]
    throughs = classified_page_models()
    if not theme_slugs or not throughs:
        return []
    matches = Value(0, output_field=IntegerField())
    tagged_any = Q(pk__in=[])
    for through in throughs:
        tagged_any |= Q(pk__in=through.objects.filter(tag__slug__in=theme_slugs).values("content_object_id"))
        tagged = (
            through.objects.filter(content_object_id=OuterRef("pk"), tag__slug__in=theme_slugs)
            .order_by()
            .values("content_object_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        matches = matches + Coalesce(Subquery(tagged, output_field=IntegerField()), 0)
    return list(
        Page.objects.live()
        .public()
        .filter(tagged_any)
        .annotate(matches=matches)
        .order_by("-matches", "-first_published_at", "pk")[:limit]
    )
