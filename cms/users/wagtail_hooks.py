"""Admin hooks: the superuser guard on every bulk action for users; the "Search terms"
report and query chooser for Editors (see admin_views.py)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .admin_views import USER_BULK_ACTIONS, may_manage

# Wagtail keeps the last bulk action registered for a model and action_type: order=1 puts
# ours after Wagtail's own (order 0), whatever the order of INSTALLED_APPS.
for action_class in USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_superusers(request, action_type, objects, action_class_instance):
    """The backstop: any bulk action on users (ours, Wagtail's or one added later) that would
    reach a superuser for someone who is not one is refused before it runs."""
    if getattr(action_class_instance, "model", None) is not get_user_model():
        return None
    if any(not may_manage(request.user, obj) for obj in objects):
        raise PermissionDenied
    return None


@hooks.register("register_admin_urls", order=-1)
def register_search_terms_urls():
    """At the same paths as Wagtail's (wagtailsearchpromotions' URL names still reverse to
    them); order=-1 puts these patterns first, so they are the ones that answer."""
    report = admin_views.SearchTermsReportView
    return [
        path("searchpicks/reports/search-terms/", report.as_view(), name="search_terms_report"),
        path(
            "searchpicks/reports/search-terms/results/",
            report.as_view(results_only=True),
            name="search_terms_report_results",
        ),
        path("searchpicks/queries/chooser/", admin_views.query_chooser, name="search_query_chooser"),
        path(
            "searchpicks/queries/chooser/results/",
            admin_views.query_chooser_results,
            name="search_query_chooser_results",
        ),
    ]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        # Superusers already see Wagtail's own item of the same name and URL.
        return admin_views.can_view_search_terms(request.user) and not request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        "Search terms",
        reverse("wagtailsearchpromotions:search_terms"),
        name="search-terms",
        icon_name="search",
        order=1300,
    )
