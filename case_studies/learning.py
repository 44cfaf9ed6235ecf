"""Case studies count towards learning: viewed, "Mark as read" and "I reflected on this".

Everything goes through the learning record (``cms.learning_record.api``), the one seam
the feature apps share: case studies never import training, and completion tracking reads
these events back to tick off a programme's case study module.

- Opening a case study page signed in records ``viewed`` once (the first time; a preview
  in the editor records nothing).
- The "Your learning" section (``case_studies/includes/your_learning.html``) offers
  "Mark as read" (``completed``) and "I reflected on this" (``reflected``), each a POST
  form with CSRF recorded once, and shows when the person did each. There is deliberately
  no text box: reflecting is the person's own thinking, never a place for case details.
- Anonymous visitors get a sign-in link and nothing is looked up or kept: their page costs
  no query more than it did. A signed-in person's page costs one query (two or three more
  the first time, to record the view), however much they have done elsewhere.

Only a person's own page shows their state; ``private_for_signed_in`` marks such a
response ``Cache-Control: private`` so no shared cache keeps it.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Min
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_POST

from cms.learning_record.api import Verb, events_for, record_event

from .models import CaseStudyPage

MAX_ID = 2**63 - 1  # past a 64-bit integer no page exists, and SQLite would raise rather than miss
SECTION_ID = "your-learning"
SHOWN = (Verb.VIEWED, Verb.COMPLETED, Verb.REFLECTED)


def sign_in_url(request):
    return f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"


def learning_context(page, request):
    """What the "Your learning" section needs, under one key; records the view.

    ``CaseStudyPage.get_context`` merges this in.
    """
    user = request.user
    if not user.is_authenticated:
        return {"case_study_learning": {"signed_in": False, "sign_in_url": sign_in_url(request)}}
    first = dict(
        events_for(user, obj=page)
        .filter(verb__in=SHOWN)
        .order_by()
        .values("verb")
        .annotate(first=Min("occurred_at"))
        .values_list("verb", "first")
    )
    if Verb.VIEWED not in first and request.method == "GET" and not getattr(request, "is_preview", False):
        first[Verb.VIEWED] = record_event(user, Verb.VIEWED, page, once=True).occurred_at
    return {
        "case_study_learning": {
            "signed_in": True,
            "viewed_at": first.get(Verb.VIEWED),
            "read_at": first.get(Verb.COMPLETED),
            "reflected_at": first.get(Verb.REFLECTED),
            "read_action": reverse("case_studies:mark_read", args=[page.pk]),
            "reflected_action": reverse("case_studies:mark_reflected", args=[page.pk]),
        }
    }


def private_for_signed_in(request, response):
    """A signed-in person's page shows their own learning: never kept by a shared cache."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def _record(request, page_id, verb, message):
    if page_id > MAX_ID:
        raise Http404
    page = get_object_or_404(CaseStudyPage.objects.live().public(), pk=page_id)
    if not request.user.is_authenticated:
        # Back to the story after signing in (a POST cannot be replayed through the sign-in).
        return redirect_to_login(page.url or "/")
    record_event(request.user, verb, page, once=True)
    messages.success(request, message)
    return HttpResponseRedirect(f"{page.url}#{SECTION_ID}")


@require_POST
def mark_read(request, page_id):
    return _record(request, page_id, Verb.COMPLETED, "You marked this case study as read.")


@require_POST
def mark_reflected(request, page_id):
    return _record(request, page_id, Verb.REFLECTED, "You noted that you reflected on this case study.")
