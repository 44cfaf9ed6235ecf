"""Glossary terms are snippets Editors keep (Glossary in the admin menu), each with a steward
and a review date; Reports > Glossary review lists the terms due (review_report.py)."""

from datetime import date, timedelta

import django_filters
from django import forms
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.taxonomy.models import Agency

from . import review_report  # noqa: F401  (registers the report's hooks)
from .models import GlossaryTerm
from .queries import REVIEW_WINDOW_DAYS

REVIEW_OVERDUE = "overdue"
REVIEW_DUE = "due"


class GlossaryTermFilterSet(WagtailFilterSet):
    agency = django_filters.ModelMultipleChoiceFilter(
        label="Agency",
        field_name="agencies",
        queryset=Agency.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    review = django_filters.ChoiceFilter(
        label="Review",
        choices=[
            (REVIEW_DUE, f"Review due (overdue or within {REVIEW_WINDOW_DAYS} days)"),
            (REVIEW_OVERDUE, "Review overdue"),
        ],
        method="filter_review",
        empty_label="Any review date",
    )

    class Meta:
        model = GlossaryTerm
        fields = []

    def filter_review(self, queryset, name, value):
        today = date.today()
        if value == REVIEW_OVERDUE:
            return queryset.filter(review_date__lt=today)
        if value == REVIEW_DUE:
            return queryset.filter(review_date__lte=today + timedelta(days=REVIEW_WINDOW_DAYS))
        return queryset


def agency_names(term):
    return ", ".join(agency.name for agency in term.agencies.all())


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_name = "glossary"
    menu_order = 350
    add_to_admin_menu = True
    list_display = [
        "term",
        Column("agency_names", label="Agencies", accessor=agency_names),
        Column("steward", label="Steward", sort_key="steward__display_name"),
        DateColumn("review_date", label="Review date", sort_key="review_date"),
    ]
    list_per_page = 50
    ordering = ["term"]
    filterset_class = GlossaryTermFilterSet
    # Searched in the database (term, expansion, aliases, meaning): partial words match.
    search_fields = ["term", "expansion", "aliases", "meaning"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return GlossaryTerm.objects.select_related("steward").prefetch_related("agencies")


register_snippet(GlossaryTermViewSet)
