"""Admin report: searches that found nothing, so editors can fill the gaps."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from cms.users import roles

from .models import ZeroResultQuery

REPORT_DAYS = 90


def can_view_search_reports(user):
    """Editors (the Editor role) and superusers only."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=roles.EDITOR).exists()


class ZeroResultSearchesReportView(ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "site_search_reports:zero_results"
    index_results_url_name = "site_search_reports:zero_results_results"
    paginate_by = 50
    columns = [
        Column("query_text", label="Search term"),
        NumberColumn("total", label="Times searched"),
        NumberColumn("days", label="Days seen"),
        DateColumn("last_seen", label="Last searched"),
    ]
    list_export = ["query_text", "total", "days", "last_seen"]
    export_headings = {
        "query_text": "Search term",
        "total": "Times searched",
        "days": "Days seen",
        "last_seen": "Last searched",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_search_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"searches-with-no-results-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        since = datetime.date.today() - datetime.timedelta(days=REPORT_DAYS)
        from django.db.models import Count

        return (
            ZeroResultQuery.objects.filter(date__gte=since)
            .values("query_text")
            .annotate(total=Sum("count"), days=Count("date"), last_seen=Max("date"))
            .order_by("-total", "-last_seen", "query_text")
        )
