"""Editors' report of the anonymous path counts: /admin/reports/can-i-share/.

Per tree: how many people reached each outcome, and the paths taken most often, each shown
as the questions' ids and the answers chosen. Counts below :data:`SMALL_NUMBER` are shown as
"fewer than 5", so a rare path cannot point to one person's decision.
"""

from django.db.models import Sum
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users import roles

from .blocks import OUTCOME_KINDS
from .models import DecisionTree, PathCount
from .tree import Tree

SMALL_NUMBER = 5
TOP_PATHS = 20
KIND_LABELS = dict(OUTCOME_KINDS)


def can_view_path_report(user):
    """Editors (the Editor role) and superusers only."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=roles.EDITOR).exists()


def shown_count(count):
    """The count, or "fewer than 5" for 1 to 4."""
    return f"fewer than {SMALL_NUMBER}" if 0 < count < SMALL_NUMBER else str(count)


def describe_path(key, tree):
    """``purpose:1/identifiable:1`` -> ["purpose: Yes", "identifiable: Yes"], with the answers'
    labels as the tree has them now (the raw number when the tree has changed)."""
    parts = []
    for part in key.split("/"):
        node_id, _, number = part.partition(":")
        node = tree.by_id.get(node_id)
        label = number
        if node is not None and number.isdigit() and 1 <= int(number) <= len(node.answers):
            label = node.answers[int(number) - 1].label
        parts.append(f"{node_id}: {label}" if number else part)
    return parts


class PathReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Can I share? paths"
    header_icon = "help"
    template_name = "can_i_share/admin/path_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_path_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": "Reports"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trees = list(DecisionTree.objects.order_by("-live", "-updated_at", "-pk").only("pk", "title", "live"))
        chosen = None
        requested = self.request.GET.get("tree", "")
        if requested:
            chosen = next((t for t in trees if str(t.pk) == requested), None)
            if chosen is None:
                raise Http404
        elif trees:
            chosen = trees[0]
        context.update(trees=trees, tree=chosen, report_url=reverse("can_i_share_reports_paths"))
        if chosen is None:
            return context
        nodes = Tree(DecisionTree.objects.get(pk=chosen.pk).nodes)
        counts = PathCount.objects.filter(tree=chosen)
        totals = dict(
            counts.values_list("outcome").annotate(total=Sum("count")).values_list("outcome", "total")
        )
        outcomes = []
        for node in nodes.outcomes:
            total = totals.pop(node.id, 0)
            outcomes.append(
                {
                    "id": node.id,
                    "title": node.title,
                    "kind": KIND_LABELS.get(node.outcome, node.outcome),
                    "count": shown_count(total),
                }
            )
        for outcome_id, total in sorted(totals.items()):  # outcomes no longer in the tree
            outcomes.append(
                {
                    "id": outcome_id,
                    "title": "(no longer in the tree)",
                    "kind": "",
                    "count": shown_count(total),
                }
            )
        paths = [
            {
                "steps": describe_path(row.path, nodes),
                "outcome": row.outcome,
                "count": shown_count(row.count),
                "last_taken_on": row.last_taken_on,
            }
            for row in counts.order_by("-count", "path")[:TOP_PATHS]
        ]
        context.update(
            outcomes=outcomes,
            paths=paths,
            completed=shown_count(counts.aggregate(total=Sum("count"))["total"] or 0),
            small_number=SMALL_NUMBER,
        )
        return context
