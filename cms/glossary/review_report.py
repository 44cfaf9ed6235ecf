"""Admin report: glossary terms due for their steward's review (Reports > Glossary review).

Lists terms whose review date has passed or falls within the next N days (``?within=N``,
default 30), by steward (terms without one first, so they get one), then soonest first;
sortable by steward, review date or term; with CSV and XLSX export (every cell passes
through cms/core/exports.py, so a term starting with "=" is never run as a formula).
Editors and superusers only. Registered from ``wagtail_hooks.py``.
"""

from datetime import date, timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, F, Value, When
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.taxonomy.models import Agency
from cms.users import roles

from .models import GlossaryTerm

DEFAULT_WITHIN_DAYS = 30
MAX_WITHIN_DAYS = 3650
OVERDUE = "Overdue"
DUE_SOON = "Due soon"
NO_STEWARD = "No steward"

URL = "reports/glossary-review/"


def can_see_report(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or user.has_role(roles.EDITOR))


def parse_within(value):
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WITHIN_DAYS
    return max(0, min(days, MAX_WITHIN_DAYS))


def steward_name(term):
    steward = term.steward
    return str(steward) if steward else NO_STEWARD


def agency_names(term):
    return ", ".join(agency.name for agency in term.agencies.all())


def review_queryset(within_days=DEFAULT_WITHIN_DAYS, today=None):
    today = today or date.today()
    return (
        GlossaryTerm.objects.filter(review_date__lte=today + timedelta(days=within_days))
        .select_related("steward")
        .prefetch_related("agencies")
        .annotate(
            review_status=Case(
                When(review_date__lt=today, then=Value(OVERDUE)),
                default=Value(DUE_SOON),
                output_field=CharField(),
            )
        )
    )


# Sorting by steward: by their shown name (display name, else email), no steward first.
STEWARD_ORDER = (
    F("steward__display_name").asc(nulls_first=True),
    F("steward__email").asc(nulls_first=True),
)
ORDERINGS = {
    "steward": (*STEWARD_ORDER, "review_date", "term"),
    "-steward": (
        F("steward__display_name").desc(nulls_last=True),
        F("steward__email").desc(nulls_last=True),
        "review_date",
        "term",
    ),
    "review_date": ("review_date", "term"),
    "-review_date": ("-review_date", "term"),
    "term": ("term",),
    "-term": ("-term",),
}


class GlossaryReviewFilterSet(WagtailFilterSet):
    # Applied by the view (it has a default); here so the filter panel shows it and the
    # export links keep it.
    within = django_filters.NumberFilter(
        label="Due within (days)", method="keep", help_text="Overdue terms are always listed."
    )
    steward = django_filters.ModelChoiceFilter(
        label="Steward",
        field_name="steward",
        queryset=lambda request: GlossaryReviewFilterSet.steward_choices(),
        empty_label="Any steward",
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency", field_name="agencies", queryset=Agency.objects.all(), empty_label="Any agency"
    )

    class Meta:
        model = GlossaryTerm
        fields = []

    @staticmethod
    def steward_choices():
        from django.contrib.auth import get_user_model

        User = get_user_model()
        ids = GlossaryTerm.objects.exclude(steward=None).values("steward_id")
        return User.objects.filter(pk__in=ids).order_by("display_name", "email")

    def keep(self, queryset, name, value):
        return queryset


class GlossaryReviewReportView(ReportView):
    page_title = "Glossary review"
    header_icon = "help"
    results_template_name = "glossary/reports/review_results.html"
    index_url_name = "glossary_review"
    index_results_url_name = "glossary_review_results"
    filterset_class = GlossaryReviewFilterSet
    model = GlossaryTerm
    default_ordering = "steward"
    paginate_by = 100
    verbose_name_plural = "glossary terms due for review"

    columns = [
        Column("steward_name", label="Steward", accessor=steward_name, sort_key="steward"),
        TitleColumn(
            "term",
            label="Term",
            url_name="wagtailsnippets_glossary_glossaryterm:edit",
            sort_key="term",
        ),
        DateColumn("review_date", label="Review date", sort_key="review_date"),
        Column("review_status", label="Status"),
        Column("agency_names", label="Agencies", accessor=agency_names),
    ]
    list_export = ["steward_name", "steward_email", "term", "review_date", "review_status", "agency_names"]
    export_headings = {
        "steward_name": "Steward",
        "steward_email": "Steward email",
        "term": "Term",
        "review_date": "Review date",
        "review_status": "Status",
        "agency_names": "Agencies",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def within_days(self):
        return parse_within(self.request.GET.get("within"))

    def get_filename(self):
        return f"glossary-review-{date.today():%Y-%m-%d}"

    def get_base_queryset(self):
        return review_queryset(self.within_days)

    def get_valid_orderings(self):
        return list(ORDERINGS)

    def order_queryset(self, queryset):
        return queryset.order_by(*ORDERINGS.get(self.ordering, ORDERINGS["steward"]), "pk")

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()

    def to_row_dict(self, item):
        # The export reads these as attributes of each term.
        item.steward_name = steward_name(item)
        item.steward_email = item.steward.email if item.steward else ""
        item.agency_names = agency_names(item)
        return super().to_row_dict(item)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["within_days"] = self.within_days
        return context


class GlossaryReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_glossary_review_menu_item():
    return GlossaryReviewMenuItem(
        "Glossary review", reverse("glossary_review"), name="glossary-review", icon_name="help", order=660
    )


@hooks.register("register_admin_urls")
def register_glossary_review_urls():
    return [
        path(URL, GlossaryReviewReportView.as_view(), name="glossary_review"),
        path(
            URL + "results/",
            GlossaryReviewReportView.as_view(results_only=True),
            name="glossary_review_results",
        ),
    ]
