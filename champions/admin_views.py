"""The champions' own admin pages: consent, withdrawal, the yearly confirmation, and "My
champion profile" (also shown as a dashboard panel).

Who may use them (``permissions.py``):

* record consent, withdraw consent: the champion whose profile it is (consent is theirs to
  give), or anyone who may publish the profile (Editors), recording consent given on paper
  or a withdrawal the champion asked for;
* confirm the profile is still right: the champion only (it is their word);
* My champion profile: anyone in the admin (it says so when they have no profile).

Everyone else gets Wagtail's permission-denied answer (a message and the dashboard). Changes
are POST only (Django's CSRF check), each after a page that says what will happen.
"""

from datetime import timedelta

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import WorkflowState

from .consent import CONSENT_WORDING, confirm_profile, paper_wording, record_consent, withdraw_consent
from .models import ChampionConsent, ChampionProfilePage, ChampionStoryPage, ConsentAction
from .permissions import may_moderate, owns_profile, profile_of

NAMESPACE = "champions_admin"
REVIEW_SOON_DAYS = 30


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# -- what the pages show ------------------------------------------------------------------------

STATE_LIVE = "live"
STATE_DRAFT = "draft"
STATE_MODERATION = "moderation"
STATE_CHANGES = "changes"

STATE_LABELS = {
    STATE_LIVE: "Live",
    STATE_DRAFT: "Draft",
    STATE_MODERATION: "In moderation",
    STATE_CHANGES: "Changes requested",
}


def page_state(page) -> dict:
    """A champion page's state as its champion sees it: live, draft, in moderation (waiting for
    an editor) or changes requested (with the editor's comment)."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            task_state = workflow_state.current_task_state
            return {
                "key": STATE_CHANGES,
                "label": STATE_LABELS[STATE_CHANGES],
                "comment": (task_state.comment if task_state else "") or "",
                "detail": "An editor asked for changes: edit it, then submit it again.",
            }
        return {
            "key": STATE_MODERATION,
            "label": STATE_LABELS[STATE_MODERATION],
            "detail": "Waiting for an editor to review it.",
        }
    if page.live:
        detail = (
            "Your latest changes are a draft: submit them for review." if page.has_unpublished_changes else ""
        )
        return {"key": STATE_LIVE, "label": STATE_LABELS[STATE_LIVE], "detail": detail}
    return {
        "key": STATE_DRAFT,
        "label": STATE_LABELS[STATE_DRAFT],
        "detail": "Only you and the editors can see it. Submit it for review when it is ready.",
    }


def latest_consent_event(profile):
    return ChampionConsent.objects.filter(profile_id=profile.pk).select_related("recorded_by").last()


def profile_status(profile, user) -> dict:
    """Consent, the yearly check and the links ``user`` may follow, for one profile."""
    owner = owns_profile(user, profile)
    moderator = may_moderate(user, profile)
    today = timezone.localdate()
    due = profile.review_due
    event = latest_consent_event(profile)
    return {
        "profile": profile,
        "is_owner": owner,
        "is_moderator": moderator,
        "has_consent": profile.has_consent,
        "consent_event": event,
        "consent_given": event is not None and event.action == ConsentAction.GIVEN,
        "review_due": due,
        "review_overdue": due is not None and due < today,
        "review_soon": due is not None and today <= due <= today + timedelta(days=REVIEW_SOON_DAYS),
        "consent_url": url("consent", profile.pk) if (owner or moderator) and not profile.has_consent else "",
        "withdraw_url": url("withdraw_consent", profile.pk)
        if (owner or moderator) and profile.has_consent
        else "",
        "confirm_url": url("confirm_profile", profile.pk) if owner else "",
    }


def my_profile_context(user) -> dict:
    """Everything "My champion profile" shows: the profile, its state and each story's."""
    profile = profile_of(user)
    if profile is None:
        return {"profile": None}
    stories = [
        {"page": story, "state": page_state(story), "edit_url": edit_url(story)}
        for story in ChampionStoryPage.objects.child_of(profile).order_by("-latest_revision_created_at", "pk")
    ]
    return {
        **profile_status(profile, user),
        "profile_state": page_state(profile),
        "edit_url": edit_url(profile),
        "add_story_url": reverse(
            "wagtailadmin_pages:add", args=["champions", "championstorypage", profile.pk]
        ),
        "stories": stories,
        "mine_url": url("mine"),
    }


class MyChampionProfilePanel(Component):
    """The dashboard panel for a champion: their profile and stories at a glance."""

    name = "my_champion_profile"
    template_name = "champions/admin/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return my_profile_context(self.user)


# -- views --------------------------------------------------------------------------------------


class ChampionAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class MyChampionProfileView(ChampionAdminView):
    page_title = "My champion profile"
    template_name = "champions/admin/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(my_profile_context(self.request.user))
        return context


class ProfileActionView(ChampionAdminView):
    """One profile's page, for its champion (and, where ``allow_moderators``, Editors)."""

    allow_moderators = True

    def dispatch(self, request, pk, *args, **kwargs):
        self.profile = get_object_or_404(ChampionProfilePage, pk=pk)
        self.is_owner = owns_profile(request.user, self.profile)
        self.is_moderator = may_moderate(request.user, self.profile)
        if not (self.is_owner or (self.allow_moderators and self.is_moderator)):
            return permission_denied(request)
        return super().dispatch(request, pk, *args, **kwargs)

    def get_page_subtitle(self):
        return self.profile.shown_name

    def next_url(self):
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return candidate
        return url("mine") if self.is_owner else edit_url(self.profile)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(profile_status(self.profile, self.request.user))
        context["next_url"] = self.next_url()
        return context


class ConsentForm(forms.Form):
    agree = forms.BooleanField(required=True)

    def __init__(self, *args, on_paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agree"]
        if on_paper:
            field.label = (
                "I have the champion's own signed consent to this statement (on paper or by email), and "
                "I am recording it for them"
            )
            field.error_messages["required"] = (
                "Tick the box to say you have the champion's signed consent. If you do not have it, ask "
                "them to sign in and give their consent themselves."
            )
        else:
            field.label = "I agree"
            field.error_messages["required"] = (
                "Tick “I agree” to give your consent. Without it your profile and stories are not published."
            )


class RecordConsentView(ProfileActionView):
    page_title = "Consent to be published"
    template_name = "champions/admin/consent.html"

    @property
    def on_paper(self):
        return not self.is_owner

    def wording(self):
        return paper_wording(CONSENT_WORDING) if self.on_paper else CONSENT_WORDING

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statement"] = CONSENT_WORDING
        context["on_paper"] = self.on_paper
        context.setdefault("form", ConsentForm(on_paper=self.on_paper))
        return context

    def post(self, request, pk):
        if self.profile.has_consent:
            messages.info(request, "Consent is already recorded for this profile: nothing has changed.")
            return redirect(self.next_url())
        form = ConsentForm(request.POST, on_paper=self.on_paper)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        record_consent(self.profile, by=request.user, wording=self.wording())
        if self.on_paper:
            messages.success(
                request,
                f"Consent recorded for {self.profile.shown_name}, from their signed consent. Their profile "
                "and approved stories can now be published.",
            )
        else:
            messages.success(
                request,
                "Thank you: your consent is recorded. Your profile and stories are published once an editor "
                "has approved them: submit them for review when they are ready.",
            )
        return redirect(self.next_url())


class WithdrawConsentView(ProfileActionView):
    page_title = "Withdraw consent"
    template_name = "champions/admin/withdraw.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["live_stories"] = ChampionStoryPage.objects.child_of(self.profile).live().count()
        return context

    def post(self, request, pk):
        if not self.profile.has_consent:
            messages.info(request, "There is no consent to withdraw for this profile: nothing has changed.")
            return redirect(self.next_url())
        unpublished = withdraw_consent(self.profile, by=request.user)
        stories = sum(1 for page in unpublished if isinstance(page, ChampionStoryPage))
        taken_down = f"{stories} {'story' if stories == 1 else 'stories'}"
        if self.is_owner:
            messages.success(
                request,
                f"Your consent is withdrawn. Your profile and {taken_down} are no longer on the site; they "
                "are kept as drafts. You can give your consent again at any time.",
            )
        else:
            messages.success(
                request,
                f"Consent withdrawn for {self.profile.shown_name}. Their profile and {taken_down} are no "
                "longer on the site.",
            )
        return redirect(self.next_url())


class ConfirmProfileView(ProfileActionView):
    """The yearly check: only the champion can say their profile is still right."""

    allow_moderators = False
    page_title = "Confirm my profile is still right"
    template_name = "champions/admin/confirm.html"

    def post(self, request, pk):
        due = confirm_profile(self.profile, by=request.user)
        messages.success(
            request,
            f"Thank you: your profile is confirmed. The next check is due on {due:%-d %B %Y}.",
        )
        return redirect(self.next_url())
