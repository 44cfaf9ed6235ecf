"""Two-factor sign-in (allauth.mfa) is required of Editors, Trainers and superusers.

allauth asks for the code at sign-in once an authenticator app is set up; this module
makes setting one up a condition of using the Wagtail admin:

- an Editor, Trainer or superuser without an authenticator app who opens any admin URL is
  sent to set one up (the page explains why), and can use the admin only after that;
- one whose session never passed a two-factor check (a session from before they set it
  up, in another browser) is asked for a code first.

Everyone else (Practitioners, Champions) may opt in from their profile. The whole rule is
switched by settings.REQUIRE_MFA_FOR_STAFF (on everywhere except the test settings,
where the tests that need it turn it on).
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.views import ActivateTOTPView
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from . import roles

MFA_REQUIRED_ROLES = (roles.EDITOR, roles.TRAINER)

# Where the person was going when they were sent to set up two-factor sign-in.
SETUP_NEXT_SESSION_KEY = "users_mfa_setup_next"


def mfa_required(user):
    """Must this person use two-factor sign-in before they reach the admin?"""
    if not getattr(settings, "REQUIRE_MFA_FOR_STAFF", True) or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=MFA_REQUIRED_ROLES).exists()


def has_authenticator_app(user):
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def session_passed_mfa(request):
    """Did this session prove a second factor (at sign-in, on re-authentication, or by
    entering a code while setting the app up)?"""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def setup_next_url(request):
    """The admin URL the person was on their way to, if they were sent to set up."""
    url = request.session.get(SETUP_NEXT_SESSION_KEY, "")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return ""


def _admin_prefix():
    return reverse("wagtailadmin_home")


def _exempt_paths():
    # Signing out must always work.
    return {reverse("wagtailadmin_logout")}


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    def check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not request.path.startswith(_admin_prefix()) or request.path in _exempt_paths():
            return None
        if not mfa_required(user):
            return None
        if not has_authenticator_app(user):
            request.session[SETUP_NEXT_SESSION_KEY] = request.get_full_path()
            return HttpResponseRedirect(reverse("users:activate_totp"))
        if not session_passed_mfa(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return None


class ActivateTOTP(ActivateTOTPView):
    """allauth's set-up view (at the same URL), which also counts the code entered to
    confirm the app as this session's second factor: the person has just proved they hold
    it, so they are not asked again straight away."""

    def form_valid(self, form):
        response = super().form_valid(form)
        authenticator = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        record_authentication(self.request, self.request.user, "mfa", id=authenticator.pk, type="totp")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mfa_required"] = mfa_required(self.request.user)
        return context


activate_totp = ActivateTOTP.as_view()


# The code fields, worded for people (settings.MFA_FORMS).


def _code_field(form, label, hint):
    field = form.fields["code"]
    field.label = label
    field.help_text = hint
    field.widget.attrs.update(
        {"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
    )


SIGN_IN_HINT = "The 6-digit code the app shows now, or one of your 8-digit recovery codes."
ACTIVATE_HINT = "The 6-digit code the app shows for this account."


class SignInCodeForm(AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(self, "Code from your authenticator app", SIGN_IN_HINT)


class ConfirmCodeForm(ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(self, "Code from your authenticator app", SIGN_IN_HINT)


class ActivateCodeForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(self, "Code from your authenticator app", ACTIVATE_HINT)
