"""Admin report: case studies whose review date is past or coming up.

Legal guidance changes, so every case study carries a ``review_due`` date. This report
(Reports > Case study review dates) lists the stories that are overdue or due within
the next N days (``?within=N``, default 30), soonest first, with CSV and XLSX export.
Only Editors and superusers can see it: they are the ones who review content.

Registered from ``case_studies/wagtail_hooks.py`` (``from . import review_dates``).

Dates are read from the page record, which holds the live version of a published story
(or the first saved version of a never-published draft); a review date changed in an
unpublished draft shows here once that draft is published.
"""

from datetime import date, timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Q, Value, When
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.users import roles

from .models import CaseStudyPage

DEFAULT_WITHIN_DAYS = 30
MAX_WITHIN_DAYS = 3650

OVERDUE = "Overdue"
DUE_SOON = "Due soon"
LIVE = "Live"
LIVE_WITH_DRAFT = "Live, with draft changes"
DRAFT = "Draft"


def can_see_report(user):
    return user.is_authenticated and (user.is_superuser or user.has_role(roles.EDITOR))


def parse_within(value):
    """Days ahead to look, from the ?within= parameter: 0..3650, default 30."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WITHIN_DAYS
    return max(0, min(days, MAX_WITHIN_DAYS))


def review_due_queryset(within_days=DEFAULT_WITHIN_DAYS, today=None):
    """Case studies due for review on or before today + within_days, soonest first."""
    today = today or date.today()
    return (
        CaseStudyPage.objects.filter(review_due__lte=today + timedelta(days=within_days))
        .select_related("area")
        .annotate(
            review_status=Case(
                When(review_due__lt=today, then=Value(OVERDUE)),
                default=Value(DUE_SOON),
                output_field=CharField(),
            ),
            publication=Case(
                When(Q(live=True) & Q(has_unpublished_changes=True), then=Value(LIVE_WITH_DRAFT)),
                When(live=True, then=Value(LIVE)),
                default=Value(DRAFT),
                output_field=CharField(),
            ),
        )
        .order_by("review_due", "draft_title", "pk")
    )


class ReviewDueFilterSet(WagtailFilterSet):
    # `within` is applied by the view (it has a default even when absent); the filter is
    # here so the admin's filter panel shows it and keeps it in the export links.
    within = django_filters.NumberFilter(
        label="Due within (days)", method="keep", help_text="Overdue stories are always listed."
    )
    live = django_filters.BooleanFilter(label="Published", field_name="live")

    class Meta:
        model = CaseStudyPage
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class ReviewDatesReportView(ReportView):
    page_title = "Case study review dates"
    header_icon = "time"
    results_template_name = "case_studies/reports/review_dates_results.html"
    index_url_name = "case_study_review_dates"
    index_results_url_name = "case_study_review_dates_results"
    filterset_class = ReviewDueFilterSet
    model = CaseStudyPage
    default_ordering = "review_due"
    paginate_by = 50
    verbose_name_plural = "case studies due for review"

    columns = [
        TitleColumn(
            "title",
            label="Title",
            url_name="wagtailadmin_pages:edit",
            accessor="get_admin_display_title",
            sort_key="title",
        ),
        Column("area", label="Area"),
        DateColumn("review_due", label="Review due", sort_key="review_due"),
        DateColumn("last_reviewed", label="Last reviewed", sort_key="last_reviewed"),
        Column("review_status", label="Status"),
        Column("publication", label="Live or draft"),
    ]
    list_export = [
        "get_admin_display_title",
        "area",
        "review_due",
        "last_reviewed",
        "review_status",
        "publication",
        "full_admin_url",
    ]
    export_headings = {
        "get_admin_display_title": "Title",
        "area": "Area",
        "review_due": "Review due",
        "last_reviewed": "Last reviewed",
        "review_status": "Status",
        "publication": "Live or draft",
        "full_admin_url": "Edit link",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def within_days(self):
        return parse_within(self.request.GET.get("within"))

    def get_filename(self):
        return f"case-study-review-dates-{date.today():%Y-%m-%d}"

    def get_base_queryset(self):
        return review_due_queryset(self.within_days)

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "review_due", "pk")

    def decorate_paginated_queryset(self, object_list):
        base = self.request.build_absolute_uri("/").rstrip("/")
        for page in object_list:
            page.full_admin_url = base + reverse("wagtailadmin_pages:edit", args=[page.pk])
        return object_list

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["within_days"] = self.within_days
        return context


class ReviewDatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_review_dates_menu_item():
    return ReviewDatesMenuItem(
        "Case study review dates",
        reverse("case_study_review_dates"),
        name="case-study-review-dates",
        icon_name="time",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_review_dates_urls():
    return [
        path(
            "reports/case-study-review-dates/",
            ReviewDatesReportView.as_view(),
            name="case_study_review_dates",
        ),
        path(
            "reports/case-study-review-dates/results/",
            ReviewDatesReportView.as_view(results_only=True),
            name="case_study_review_dates_results",
        ),
    ]
