"""Certificate pages: the holder's PDF download, and the public verification pages.

- ``download`` (/my-learning/certificates/<code>.pdf): signed in, and only the holder's
  own certificate; anyone else's code, or a code that does not exist, is a 404 (so the page
  never says whose it is). A revoked certificate is not downloaded: the holder is told
  it was revoked and when (status 410).
- ``verify_form`` (/certificates/verify/): one text input; a code in the query string is
  checked for its shape and redirected to its verification page.
- ``verify`` (/certificates/verify/<code>/): public. A genuine code says that the
  certificate is genuine, for which programme (so a PDF that pairs a real code with
  another programme is caught), and whether it is valid, expired (with the date) or
  revoked (with the date). No name, modules or dates of completion: nothing about the
  person to someone who only has a code.
  A code that is not a certificate's, made up or malformed, is a plain 404 "No
  certificate has this code". Requests are counted per visitor (``RATE_LIMIT`` a minute,
  then a 429) so codes cannot be tried in bulk, and the pages are never indexed or cached.
"""

import functools
import hashlib

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.core.client_ip import client_ip

from ..models import Certificate
from . import certificates
from .certificates import Status, display, normalise
from .pdf import certificate_pdf

RATE_LIMIT = 60  # verification pages per visitor a minute
RATE_WINDOW = 60
EXAMPLE_CODE = "7KQM-3WXR-HT9P"
NOINDEX = "noindex, nofollow"


# --- The holder's PDF ------------------------------------------------------------------


def pdf_filename(certificate):
    """An ASCII-only name, safe in a Content-Disposition header on every system."""
    programme = slugify(certificate.programme_title)[:60].strip("-") or "programme"
    return f"certificate-{programme}-{certificate.code}.pdf"


@login_required
@require_safe
def download(request, code):
    certificate = certificates.find(code, Certificate.objects.filter(user=request.user))
    if certificate is None:
        raise Http404
    if certificate.revoked_at is not None:
        response = render(
            request, "training/certificates/revoked.html", {"certificate": certificate}, status=410
        )
    else:
        response = HttpResponse(certificate_pdf(certificate, request=request), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf_filename(certificate)}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Public verification ---------------------------------------------------------------


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Verification code",
        help_text=f"It is at the bottom of the certificate, for example {EXAMPLE_CODE}.",
        max_length=certificates.MAX_INPUT_LENGTH,
        error_messages={
            "required": "Enter the verification code",
            "max_length": f"Enter the verification code as it is on the certificate, like {EXAMPLE_CODE}",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        typed = self.cleaned_data["code"]
        code = normalise(typed)
        if code:
            return code
        letters = "".join(typed.split()).replace("-", "").upper()
        if len(letters) != certificates.CODE_LENGTH:
            raise forms.ValidationError(
                f"The verification code must be 12 letters and numbers, like {EXAMPLE_CODE}"
            )
        raise forms.ValidationError(
            "The verification code does not use the letters I, L or O or the numbers 0 or 1: "
            "check it against the certificate"
        )


def _no_index(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = NOINDEX
        return response

    return wrapped


def _over_rate_limit(request):
    """Count this request against the visitor's minute; ``True`` once past the limit. The
    address is kept only as a one-way hash, in the cache, for the minute."""
    key = "certificate-verify:" + hashlib.sha256(client_ip(request).encode()).hexdigest()
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # the minute ended between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


@require_safe
def verify_form(request):
    form = VerifyForm(request.GET) if "code" in request.GET else VerifyForm()
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify", code=display(form.cleaned_data["code"]))
    status = 400 if form.is_bound else 200
    return render(request, "training/certificates/verify_form.html", {"form": form}, status=status)


@never_cache
@_no_index
@require_safe
def verify(request, code):
    if _over_rate_limit(request):
        response = render(
            request,
            "training/certificates/rate_limited.html",
            {"form_url": reverse("certificates:verify_form")},
            status=429,
        )
        response["Retry-After"] = str(RATE_WINDOW)
        return response
    certificate = certificates.find(code)
    if certificate is None:
        well_formed = normalise(code)
        return render(
            request,
            "training/certificates/not_found.html",
            {
                "code": display(well_formed) if well_formed else "",
                "form_url": reverse("certificates:verify_form"),
            },
            status=404,
        )
    state = certificates.status(certificate)
    context = {
        "code": display(certificate.code),
        "programme_title": certificate.programme_title,
        "status": state.value,
        "expired_on": certificate.expires_at if state == Status.EXPIRED else None,
        "revoked_on": certificate.revoked_at if state == Status.REVOKED else None,
        "form_url": reverse("certificates:verify_form"),
    }
    return render(request, "training/certificates/verify.html", context)
