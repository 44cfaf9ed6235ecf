"""Admin wiring for site search: the "Searches with no results" report."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import can_view_search_reports


class ZeroResultSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_search_reports(request.user)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("reports/searches-with-no-results/", include(admin_urls, namespace="site_search_reports"))]


@hooks.register("register_reports_menu_item")
def register_zero_result_searches_menu_item():
    return ZeroResultSearchesMenuItem(
        "Searches with no results",
        reverse("site_search_reports:zero_results"),
        name="searches-with-no-results",
        icon_name="search",
        order=1300,
    )
