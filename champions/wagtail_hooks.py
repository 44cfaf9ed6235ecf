"""Admin wiring for champions: the consent and confirmation pages, their audit-log actions,
friendly refusals when publishing without consent, and "My champion profile" (a dashboard
panel, a menu item and a page).

The consent rule itself is enforced on every publish path by ``publishing.py``; these hooks
say why before anyone tries, and keep the editor's changes as a draft when they do.
"""

from django.contrib import messages as django_messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from . import admin_urls
from .admin_views import MyChampionProfilePanel, profile_status, url
from .consent import CONSENT_GIVEN_ACTION, CONSENT_WITHDRAWN_ACTION, PROFILE_CONFIRMED_ACTION
from .models import ChampionProfilePage, ChampionStoryPage
from .permissions import profile_of
from .publishing import publish_problem


@hooks.register("register_admin_urls")
def register_champion_admin_urls():
    return [path("champions/", include((admin_urls.urlpatterns, admin_urls.app_name)))]


# -- audit log ----------------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_champion_log_actions(actions):
    @actions.register_action(CONSENT_GIVEN_ACTION)
    class ConsentGivenFormatter(LogFormatter):
        label = _("Champion consent given")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("by_champion"):
                return _("The champion gave their consent to be published: “%(wording)s”") % {
                    "wording": data.get("wording", "")
                }
            return _("Consent recorded for the champion: “%(wording)s”") % {
                "wording": data.get("wording", "")
            }

    @actions.register_action(CONSENT_WITHDRAWN_ACTION)
    class ConsentWithdrawnFormatter(LogFormatter):
        label = _("Champion consent withdrawn")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            count = len(data.get("unpublished") or [])
            who = (
                _("The champion withdrew their consent")
                if data.get("by_champion")
                else _("Consent withdrawn")
            )
            return _("%(who)s: %(count)s page(s) taken off the site") % {"who": who, "count": count}

    @actions.register_action(PROFILE_CONFIRMED_ACTION)
    class ProfileConfirmedFormatter(LogFormatter):
        label = _("Champion profile confirmed")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("The champion confirmed their profile is still right; next check due %(due)s") % {
                "due": data.get("review_due", "")
            }


# -- publishing without consent ------------------------------------------------------------------


def _champion_page(page):
    page = page.specific if hasattr(page, "specific") else page
    return page if isinstance(page, (ChampionProfilePage, ChampionStoryPage)) else None


def _latest(page):
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page


@hooks.register("before_publish_page")
def refuse_publish_without_consent(request, page):
    """Admin Publish (edit and create views, scheduling too) runs after the draft is saved."""
    champion_page = _champion_page(page)
    if champion_page is None:
        return None
    problem = publish_problem(_latest(champion_page))
    if not problem:
        return None
    django_messages.error(
        request, _("Not published. %(reason)s Your changes are saved as a draft.") % {"reason": problem}
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[champion_page.pk]))


@hooks.register("before_bulk_action")
def refuse_bulk_publish_without_consent(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    pages = list(objects)
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages.extend(page.get_descendants().not_live().specific())
    blocked = [
        champion_page
        for champion_page in (_champion_page(page) for page in pages)
        if champion_page is not None and publish_problem(_latest(champion_page))
    ]
    if not blocked:
        return None
    messages.error(
        request,
        format_html(
            "{} {}",
            _(
                "Nothing was published: these champion pages need the champion's recorded consent first "
                "(record it on their profile):"
            ),
            ", ".join(f"“{page.title}”" for page in blocked[:10]) + ("…" if len(blocked) > 10 else ""),
        ),
    )
    return redirect(action_class_instance.next_url)


@hooks.register("before_edit_page")
def warn_without_consent(request, page):
    """Say in the editor that the page cannot be published until consent is recorded."""
    if request.method != "GET":
        return None
    champion_page = _champion_page(page)
    if champion_page is None:
        return None
    problem = publish_problem(_latest(champion_page))
    if not problem:
        return None
    profile = champion_page if isinstance(champion_page, ChampionProfilePage) else None
    if profile is None:
        parent = champion_page.get_parent()
        profile = parent.specific if parent is not None else None
    status = profile_status(profile, request.user) if isinstance(profile, ChampionProfilePage) else {}
    buttons = []
    if status.get("consent_url"):
        label = "Give my consent" if status["is_owner"] else "Record the champion's consent"
        buttons.append(messages.button(status["consent_url"], label))
    if status.get("is_owner") and not status.get("has_consent"):
        text = (
            "Your profile and stories cannot be published until you give your consent to them being "
            "published. You can still write and submit them for review."
        )
    else:
        text = _("This cannot be published yet. %(reason)s") % {"reason": problem}
    messages.warning(request, text, buttons=buttons)
    return None


# -- the profile's own actions in the page header ------------------------------------------------


@hooks.register("register_page_header_buttons")
def champion_profile_header_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, ChampionProfilePage):
        return []
    profile = page.specific
    status = profile_status(profile, user)
    buttons = []
    if status["consent_url"]:
        label = "Give my consent" if status["is_owner"] else "Record consent"
        buttons.append(Button(label, status["consent_url"], icon_name="tick", priority=80))
    if status["withdraw_url"]:
        buttons.append(Button("Withdraw consent", status["withdraw_url"], icon_name="cross", priority=81))
    if status["confirm_url"]:
        buttons.append(
            Button("Confirm my profile is still right", status["confirm_url"], icon_name="date", priority=82)
        )
    return buttons


# -- My champion profile ------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_my_champion_profile_panel(request, panels):
    if profile_of(request.user) is not None:
        panels.append(MyChampionProfilePanel(request.user))


class MyChampionProfileMenuItem(MenuItem):
    def is_shown(self, request):
        return profile_of(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_my_champion_profile_menu_item():
    return MyChampionProfileMenuItem(
        "My champion profile", url("mine"), name="my-champion-profile", icon_name="user", order=150
    )
