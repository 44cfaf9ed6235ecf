import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from . import mfa
from .forms import DeleteAccountForm, ProfileForm
from .personal_data import delete_user, export_user_data


def sign_in_with_allauth(request, default_next=None):
    """Stands in for Wagtail's own login forms (`/admin/login/`, `/_util/login/`).

    They would sign people in without allauth's rate limits or email verification, so
    they never take credentials: every method is sent to allauth's sign-in page, keeping
    a local `next`.
    """
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = default_next
    url = reverse("account_login")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile has been updated.")
        return redirect("users:profile")
    return render(
        request, "users/profile.html", {"form": form, "mfa_enabled": mfa.has_authenticator_app(request.user)}
    )


@login_required
@require_POST
def download_data(request):
    """Everything held about the signed-in person, as a JSON file (POST: not cacheable, CSRF-checked)."""
    payload = {"exported_at": timezone.now().isoformat(), **export_user_data(request.user)}
    response = HttpResponse(json.dumps(payload, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_user(user)
        messages.success(request, "Your account and personal data have been deleted.")
        return redirect("/")
    return render(request, "users/delete_account.html", {"form": form})
