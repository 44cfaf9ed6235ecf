"""The case study listing: every taxonomy dimension as a filter, with counts; sorting.

The filtering, counting and paging are the shared faceted listing
(``cms.taxonomy.listing``): e.g. /case-studies/?agency=police&agency=health&theme=consent.
"""

from django.db.models import Prefetch

from cms.taxonomy.listing import FacetedListing, FieldValueFilter, TermFilter

from .models import CaseStudyPage, CaseStudyTheme

PAGE_SIZE = 10

LISTING = FacetedListing(
    CaseStudyPage,
    filters=[
        TermFilter("agency"),
        TermFilter("stage"),
        TermFilter("concern"),
        TermFilter("theme"),
        TermFilter("area"),
        FieldValueFilter("year", "Year", "year"),
        TermFilter("evidence"),
    ],
    sorts={
        "newest": ("Newest first", ("-year", "-first_published_at", "title")),
        "title": ("Title (A to Z)", ("title",)),
    },
    template="case_studies/case_study_index_page.html",
    results_name="stories",
    page_size=PAGE_SIZE,
    select_related=("area", "stage", "evidence_type"),
    prefetch_related=(
        "agencies",
        Prefetch("theme_items", queryset=CaseStudyTheme.objects.select_related("tag")),
    ),
)


def serve_listing(index_page, request):
    return LISTING.serve(index_page, request)
