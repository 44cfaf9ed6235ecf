"""The scenario listing at /scenarios/: filter by agency shown, theme, concern and length.

The filtering, counting and paging are the shared faceted listing
(``cms.taxonomy.listing``), the same as the case study listing, e.g.
/scenarios/?agency=police&duration=3-to-5. A fixed number of queries per page, however
many scenarios there are.
"""

from django.db.models import Prefetch, Q

from cms.taxonomy.listing import Band, BandFilter, FacetedListing, TermFilter

from .models import ScenarioPage, ScenarioTheme

PAGE_SIZE = 10

# Lengths in whole seconds (the video's duration, rounded). Three minutes exactly is
# "3 to 5 minutes"; so is five minutes exactly.
DURATION_BANDS = [
    Band("under-3", "Under 3 minutes", Q(duration_seconds__lt=180)),
    Band("3-to-5", "3 to 5 minutes", Q(duration_seconds__gte=180, duration_seconds__lte=300)),
    Band("over-5", "Over 5 minutes", Q(duration_seconds__gt=300)),
]

LISTING = FacetedListing(
    ScenarioPage,
    filters=[
        TermFilter("agency", label="Agencies shown"),
        TermFilter("theme"),
        TermFilter("concern"),
        BandFilter("duration", "Length", DURATION_BANDS),
    ],
    sorts={
        "newest": ("Newest first", ("-first_published_at", "title")),
        "title": ("Title (A to Z)", ("title",)),
        "shortest": ("Shortest first", ("duration_seconds", "title")),
    },
    template="training/scenario_index_page.html",
    results_name="scenarios",
    page_size=PAGE_SIZE,
    select_related=("video",),
    prefetch_related=(
        "agencies",
        Prefetch("theme_items", queryset=ScenarioTheme.objects.select_related("tag")),
    ),
)


def serve_listing(index_page, request):
    return LISTING.serve(index_page, request)
