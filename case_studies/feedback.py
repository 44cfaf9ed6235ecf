"""'Was this useful?' on a case study: anonymous, rate limited, CSRF-protected."""

import hashlib

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from cms.core.client_ip import client_ip

from .models import CaseStudyFeedback, CaseStudyPage

RATE_LIMIT = 5  # answers per client per page per hour
RATE_WINDOW = 60 * 60


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label="Was this case study useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select yes or no."},
    )
    comment = forms.CharField(
        label="How could it be more useful?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional. Do not include names or any details of a real case.",
    )


def _rate_key(request, page_id):
    # A one-way hash, held for an hour in the cache only: never stored with the answer.
    client = client_ip(request)
    return "feedback:" + hashlib.sha256(f"{client}:{page_id}".encode()).hexdigest()


MAX_ID = 2**63 - 1  # past a 64-bit integer no page exists, and SQLite would raise rather than miss


@require_POST
def submit_feedback(request, page_id):
    if page_id > MAX_ID:
        raise Http404
    page = get_object_or_404(CaseStudyPage.objects.live().public(), pk=page_id)
    form = FeedbackForm(request.POST)
    key = _rate_key(request, page_id)
    if cache.get(key, 0) >= RATE_LIMIT:
        messages.error(request, "Thank you: we have already had several answers from you on this page.")
    elif form.is_valid():
        CaseStudyFeedback.objects.create(
            page=page, useful=form.cleaned_data["useful"], comment=form.cleaned_data["comment"]
        )
        cache.set(key, cache.get(key, 0) + 1, RATE_WINDOW)
        messages.success(request, "Thank you for your feedback.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return HttpResponseRedirect(page.url + "#feedback")
