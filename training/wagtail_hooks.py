"""Admin wiring of the captions rule: friendly publish refusals and a warning in the editor.

The rule itself is enforced on every publish path by ``publishing.py``; these hooks say
why before the editor gets there, keeping their changes as a draft.
"""

from django.contrib import messages as django_messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

from .completion import certificate_admin
from .completion import certificates as completion_certificates
from .dashboard.views import PERMISSION as DASHBOARD_PERMISSION
from .dashboard.views import learning_dashboard
from .models import ScenarioPage
from .publishing import publish_problem


def _scenario(page):
    page = page.specific if hasattr(page, "specific") else page
    return page if isinstance(page, ScenarioPage) else None


def _latest(page):
    """The scenario as its latest revision would publish it."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page


@hooks.register("before_publish_page")
def refuse_publish_without_captions(request, page):
    """Admin Publish (edit and create views, scheduling too) runs after the draft is saved."""
    scenario = _scenario(page)
    if scenario is None:
        return None
    problem = publish_problem(_latest(scenario))
    if not problem:
        return None
    django_messages.error(
        request,
        _("Not published. %(reason)s Your changes are saved as a draft.") % {"reason": problem},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[scenario.pk]))


@hooks.register("before_bulk_action")
def refuse_bulk_publish_without_captions(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    pages = list(objects)
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages.extend(page.get_descendants().not_live().specific())
    blocked = [
        scenario
        for scenario in (_scenario(page) for page in pages)
        if scenario is not None and publish_problem(_latest(scenario))
    ]
    if not blocked:
        return None
    messages.error(
        request,
        format_html(
            "{} {}",
            _(
                "Nothing was published: these scenarios need a ready video with English captions first "
                "(scenarios cannot be published without captions):"
            ),
            ", ".join(f"“{page.title}”" for page in blocked[:10]) + ("…" if len(blocked) > 10 else ""),
        ),
    )
    return redirect(action_class_instance.next_url)


@hooks.register("before_edit_page")
def warn_before_publishing(request, page):
    """Say in the editor what stops the scenario being published, before anyone tries."""
    if request.method != "GET":
        return None
    scenario = _scenario(page)
    if scenario is None:
        return None
    problem = publish_problem(_latest(scenario))
    if problem:
        django_messages.warning(
            request, _("This scenario cannot be published yet. %(reason)s") % {"reason": problem}
        )
    return None


# --- Trainers' tools: the "Sessions" menu (sessions, venues, non-attendance report) ---------

from wagtail.admin.menu import MenuItem as AdminMenuItem  # noqa: E402

from .trainer_tools.viewsets import SUBMENU_HOOK, SessionsMenu  # noqa: E402


@hooks.register("register_admin_viewset")
def register_sessions_menu():
    return SessionsMenu()


class NonAttendanceMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("training.view_session")


@hooks.register(SUBMENU_HOOK)
def register_non_attendance_menu_item():
    return NonAttendanceMenuItem(
        "Non-attendance by agency",
        reverse("training_sessions:non_attendance"),
        name="non-attendance-by-agency",
        icon_name="warning",
        order=300,
    )


# --- The learning dashboard (aggregate, suppressed figures: training/dashboard/) -------------


@hooks.register("register_admin_urls")
def register_learning_dashboard_url():
    return [path("learning-dashboard/", learning_dashboard, name="learning_dashboard")]


class LearningDashboardMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DASHBOARD_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_learning_dashboard_menu_item():
    return LearningDashboardMenuItem(
        "Learning dashboard",
        reverse("learning_dashboard"),
        name="learning-dashboard",
        icon_name="table",
        order=260,
    )


# --- Certificates: Editors find and revoke them (training/completion/certificate_admin.py) ----


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return certificate_admin.admin_urls()


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return certificate_admin.menu_item()


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    completion_certificates.register_log_actions(actions)
