"""Admin wiring for the "Can I share?" aid: the tree as a snippet Editors keep, and the
Editors' report of the anonymous path counts (under Reports).

The snippet's edit form refuses a tree with a dead end, a cycle or an unreachable outcome:
``DecisionTree.clean`` runs ``tree.validate_tree`` and lists the problems.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import PathReportView, can_view_path_report
from .models import DecisionTree


class DecisionTreeViewSet(SnippetViewSet):
    model = DecisionTree
    icon = "help"
    menu_label = "Can I share? tree"
    list_display = ["title", "live", "steward", "review_date", "updated_at"]
    list_filter = ["live"]
    ordering = ["-live", "-updated_at"]


register_snippet(DecisionTreeViewSet)


class PathReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_path_report(request.user)


@hooks.register("register_admin_urls")
def register_path_report_urls():
    return [
        path(
            "reports/can-i-share/",
            PathReportView.as_view(),
            name="can_i_share_reports_paths",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_path_report_menu_item():
    return PathReportMenuItem(
        "Can I share? paths",
        reverse("can_i_share_reports_paths"),
        name="can-i-share-paths",
        icon_name="help",
        order=1310,
    )
