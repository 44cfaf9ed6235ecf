"""Contact a champion (mounted at /contact-a-champion/ in cms/urls.py).

Signed-in people only (anyone else is sent to sign in and back). The page exists only for
a live, public profile with the champion's consent and an account that can get email
(``contact.contactable_profiles``); any other id is a 404, so the page never says why.
The champion's email address never appears in a page, a redirect or a message: it is
only ever in the To: of the email sent to them.

POST checks the rate limit (a 429 page, nothing saved), then the message: held (the form
again, saying what kinds of details to remove) or sent (post/redirect/get to "Message
sent").
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from . import contact
from .forms import ContactForm
from .models import ChampionIndexPage, ContactMessage, MessageStatus

MAX_ID = 2**63 - 1  # past a 64-bit integer no page exists (and SQLite would raise rather than miss)


def _profile_or_404(profile_id):
    if profile_id > MAX_ID:
        raise Http404
    return get_object_or_404(contact.contactable_profiles(), pk=profile_id)


def _page_context(request, profile, **extra):
    index = ChampionIndexPage.objects.live().public().first()
    return {
        "profile": profile,
        "champion_name": profile.shown_name,
        "index_page": index,
        "sender": contact.sender_details(request.user),
        **extra,
    }


def _rate_limited(request, profile, limited, *, posted):
    context = _page_context(
        request,
        profile,
        limits=contact.limits_words(),
        retry_words=contact.moment_words(limited.retry_at, timezone.now()),
        posted=posted,
    )
    response = render(request, "champions/contact/rate_limited.html", context, status=429)
    response["Retry-After"] = str(max(1, int((limited.retry_at - timezone.now()).total_seconds()) + 1))
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact_champion(request, profile_id):
    profile = _profile_or_404(profile_id)
    sender = request.user
    if request.method != "POST":
        try:
            contact.check_rate_limit(sender)  # say so now, before they write a message
        except contact.RateLimited as limited:
            return _rate_limited(request, profile, limited, posted=False)
        return render(
            request, "champions/contact/form.html", _page_context(request, profile, form=ContactForm())
        )

    form = ContactForm(request.POST)
    if not form.is_valid():
        context = _page_context(request, profile, form=form)
        return render(request, "champions/contact/form.html", context, status=400)
    try:
        outcome = contact.send_message(sender, profile, form.cleaned_data["message"])
    except contact.RateLimited as limited:
        return _rate_limited(request, profile, limited, posted=True)
    if outcome.sent:
        return redirect("champions:contact_sent", profile_id=profile.pk)
    if not outcome.checked:
        form.could_not_check(contact.COULD_NOT_CHECK)
    else:
        form.hold(
            f"Your message has not been sent. {contact.held_explanation(outcome.kinds)} "
            "Remove these details and send it again: ask a general question, never about a real case."
        )
    context = _page_context(request, profile, form=form, held=True)
    return render(request, "champions/contact/form.html", context)


@login_required
@require_safe
def contact_sent(request, profile_id):
    """ "Message sent", after a message from this person to this champion has gone."""
    profile = _profile_or_404(profile_id)
    sent = ContactMessage.objects.filter(sender=request.user, profile=profile, status=MessageStatus.SENT)
    if not sent.exists():
        return redirect("champions:contact", profile_id=profile.pk)
    return render(request, "champions/contact/sent.html", _page_context(request, profile))
