"""The champion directory at /champions/: filter by agency, area and what they can help with.

The filtering, counting and paging are the shared faceted listing
(``cms.taxonomy.listing``), as for case studies and scenarios, e.g.
/champions/?agency=police&topic=consent. Only live, public profiles whose champion has
given consent (and not withdrawn it) are listed. A fixed number of queries per page,
however many champions there are.

A profile has one ``agency`` and its "can help with" ``topics`` (themes), not the
``agencies`` and ``themes`` of a classified page, so those two filters name the relation
they go through (:class:`RelationTermFilter`); the area is the standard one.
"""

from django.db.models import Count, Prefetch, Q

from cms.taxonomy.dimensions import dimension
from cms.taxonomy.listing import FacetedListing, TermFilter

from .models import ChampionProfilePage, ChampionTopic

PAGE_SIZE = 12

# The photo's size in the directory's cards (a square crop; the profile page uses a larger one).
CARD_PHOTO = "fill-120x120"


class RelationTermFilter(TermFilter):
    """A taxonomy dimension's terms, filtered through another relation of the model: e.g. the
    themes through a profile's ``topics``, offered as ``?topic=consent``."""

    def __init__(self, param, *, dimension_param, relation, label=None, noun=None):
        self.dimension = dimension(dimension_param)
        self.param = param
        self.label = label or self.dimension.label
        self.noun = noun or self.label.lower()
        self.lookup = f"{relation}__slug"

    def labels(self, base, terms):
        return terms.labels(self.dimension.param)

    def parse(self, raw, known, terms):
        term = terms.get(self.dimension.param, raw[:200])
        return term.slug if term is not None and term.slug in known else None

    def condition(self, values):
        return Q(**{f"{self.lookup}__in": values})

    def counts(self, scope):
        return dict(
            scope.order_by()
            .values_list(self.lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(self.lookup, "n")
        )


def consented(queryset):
    """Profiles whose champion has given consent and not withdrawn it."""
    return queryset.filter(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True)


class ChampionListing(FacetedListing):
    def base(self, index_page):
        return consented(super().base(index_page))


def card_photo_queryset():
    """Images with their directory-card rendition, so the cards never query per photo."""
    from wagtail.images import get_image_model

    return get_image_model().objects.prefetch_renditions(CARD_PHOTO)


LISTING = ChampionListing(
    ChampionProfilePage,
    filters=[
        RelationTermFilter("agency", dimension_param="agency", relation="agency"),
        TermFilter("area"),
        RelationTermFilter(
            "topic", dimension_param="theme", relation="topics", label="Can help with", noun="topic"
        ),
    ],
    sorts={
        "name": ("Name (A to Z)", ("title", "pk")),
        "agency": ("Agency", ("agency__sort_order", "agency__name", "title", "pk")),
    },
    template="champions/champion_index_page.html",
    results_name="champions",
    page_size=PAGE_SIZE,
    select_related=("agency", "area"),
    prefetch_related=(
        Prefetch("photo", queryset=card_photo_queryset()),
        Prefetch("topic_items", queryset=ChampionTopic.objects.select_related("tag").order_by("tag__name")),
    ),
)


def serve_listing(index_page, request):
    return LISTING.serve(index_page, request)
