"""Contacting a champion through the site, without ever showing the sender their address.

A signed-in person writes a message on the champion's contact page (``views.contact``);
``send_message`` then, in one transaction:

1. applies the per-sender rate limit (``CHAMPION_CONTACT_RATE_LIMITS``), counted from the
   sender's own ``ContactMessage`` rows, so it holds across web processes with no cache
   (held messages count too). Over the limit it raises ``RateLimited``: nothing is saved.
2. runs the anonymisation check's detector on the message (the same rule as
   ``contains_personal_data``: any finding of a ``PERSONAL_KINDS`` kind). The site is
   never a channel for live case information, so a message that looks like it holds a
   date of birth, an NHS number, an address... is **held**: saved with status HELD and a
   plain explanation of the kinds found (never the text found), and not sent. A detector
   that cannot run holds the message too (fail closed).
3. otherwise saves it as SENT and, once the transaction commits, queues the email to the
   champion (``cms.core.tasks.send_email``) with the sender's name, agency and email
   address (also as Reply-To), so the champion can reply. The champion's address appears
   only in that email's To: header.

Two names are let through the detector, because people write them in any polite message:
the champion's own name as shown on their (consented) profile, and the sender's own name
("Hi Sam, ... Thanks, Pat"); likewise the sender's own email address. Nothing else.

The text of a held message is not kept (``body`` stays empty): it may hold details of a
real case, and the sender still has it in the form to edit. Messages are deleted after
``CHAMPION_MESSAGE_RETENTION_DAYS`` (``tasks.delete_old_messages``).
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cms.anonymisation.detection import PERSONAL_KINDS, normalise, scan_text

from .models import ChampionProfilePage, ContactMessage, MessageStatus

MAX_MESSAGE = 2000  # ContactMessage.body's max_length
DEFAULT_RATE_LIMITS = ((5, 60 * 60), (20, 24 * 60 * 60))  # (messages, within seconds) per sender
DEFAULT_RETENTION_DAYS = 90
EMAIL_TEMPLATE = "champions/emails/contact_message"
NAME_KINDS = {"person_name", "possible_name"}

# What each kind of finding is called in a sentence ("It looks like it includes ...").
KIND_LABELS = {
    "nhs_number": "an NHS number",
    "ni_number": "a National Insurance number",
    "passport_number": "a passport number",
    "date_of_birth": "a date of birth",
    "email": "an email address",
    "social_media": "a social media name or profile link",
    "phone": "a phone number",
    "vehicle_registration": "a vehicle registration",
    "postcode": "a postcode",
    "address": "an address",
    "school_name": "the name of a school or nursery",
    "person_name": "a person's name",
    "possible_name": "what may be a person's name",
    "exact_date": "an exact date",
    "reference_number": "a case or record reference number",
}
OTHER_KIND = "details that could identify someone"

COULD_NOT_CHECK = (
    "We could not check your message for details that could identify someone, so it has not been "
    "sent. Try again in a few minutes. If it keeps happening, come back later."
)


# --- Settings ---------------------------------------------------------------------------


def rate_limits():
    """[(messages, timedelta)]: at most that many messages per sender within that time."""
    limits = getattr(settings, "CHAMPION_CONTACT_RATE_LIMITS", DEFAULT_RATE_LIMITS)
    return [(int(count), timedelta(seconds=int(seconds))) for count, seconds in limits]


def retention_days():
    return int(getattr(settings, "CHAMPION_MESSAGE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


# --- Who can be contacted ---------------------------------------------------------------


def contactable_profiles():
    """Live, public profiles with the champion's consent and an account that can get email."""
    return (
        ChampionProfilePage.objects.live()
        .public()
        .filter(
            consent_given_at__isnull=False,
            consent_withdrawn_at__isnull=True,
            user__isnull=False,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "agency")
    )


def can_be_contacted(profile):
    return contactable_profiles().filter(pk=profile.pk).exists()


# --- Rate limit -------------------------------------------------------------------------


def _window_words(window):
    seconds = int(window.total_seconds())
    if seconds == 60 * 60:
        return "an hour"
    if seconds == 24 * 60 * 60:
        return "a day"
    if seconds % (24 * 60 * 60) == 0:
        return f"every {seconds // (24 * 60 * 60)} days"
    if seconds % (60 * 60) == 0:
        return f"every {seconds // (60 * 60)} hours"
    return f"every {max(1, seconds // 60)} minutes"


def limits_words():
    """ "5 messages an hour and 20 a day" """
    parts = []
    for number, (count, window) in enumerate(rate_limits()):
        noun = (" message" if count == 1 else " messages") if number == 0 else ""
        parts.append(f"{count}{noun} {_window_words(window)}")
    return _and(parts)


def _and(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def moment_words(moment, now):
    """ "3:40pm today", "9am tomorrow", "10:05am on Tuesday 3 March" (UK time)."""
    local, today = timezone.localtime(moment), timezone.localtime(now).date()
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    time = f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"
    if local.date() == today:
        return f"{time} today"
    if local.date() == today + timedelta(days=1):
        return f"{time} tomorrow"
    return f"{time} on {local:%A} {local.day} {local:%B}"


class RateLimited(Exception):
    """The sender has sent as many messages as the limits allow; ``retry_at`` is when the
    oldest message counted falls out of the window."""

    def __init__(self, count, window, retry_at):
        self.count, self.window, self.retry_at = count, window, retry_at
        super().__init__(f"At most {count} messages within {window}")


def check_rate_limit(sender, now=None):
    """Raise ``RateLimited`` if ``sender`` may not send another message now."""
    now = now or timezone.now()
    blocked = None
    for count, window in rate_limits():
        recent = ContactMessage.objects.filter(sender=sender, created_at__gt=now - window)
        times = list(recent.order_by("-created_at").values_list("created_at", flat=True)[:count])
        if count <= 0 or len(times) >= count:
            # The one that must age out before another message fits.
            retry_at = (times[count - 1] if count > 0 else now) + window
            if blocked is None or retry_at > blocked.retry_at:
                blocked = RateLimited(count, window, retry_at)
    if blocked is not None:
        raise blocked


# --- The check for identifying details --------------------------------------------------


def _name_words(*names):
    words = set()
    for name in names:
        for word in re.findall(r"[^\W\d_][\w'’-]*", name or ""):
            words.add(normalise("person_name", word))
    return words


def identifying_kinds(text, *, own_names=(), own_emails=()):
    """The kinds of identifying detail the detector finds in ``text``, in the order found,
    each once. Names made only of the words in ``own_names`` and the addresses in
    ``own_emails`` are let through. Raises whatever the detector raises when it cannot run."""
    allowed_words = _name_words(*own_names)
    allowed_emails = {email.strip().casefold() for email in own_emails if email}
    kinds = []
    for finding in scan_text(text):
        if finding.kind not in PERSONAL_KINDS:
            continue
        if finding.kind in NAME_KINDS:
            words = _name_words(finding.text)
            if words and words <= allowed_words:
                continue
        if finding.kind == "email" and finding.text.strip().casefold() in allowed_emails:
            continue
        if finding.kind not in kinds:
            kinds.append(finding.kind)
    return kinds


def describe_kinds(kinds):
    """ "a date of birth, an NHS number and a postcode" (never the text that was found)."""
    labels = []
    for kind in kinds:
        label = KIND_LABELS.get(kind, OTHER_KIND)
        if label not in labels:
            labels.append(label)
    return _and(labels) or OTHER_KIND


def held_explanation(kinds):
    return f"It looks like it includes {describe_kinds(kinds)}."


# --- Sending ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    message: ContactMessage
    kinds: tuple = ()  # what the detector found, when held for that
    checked: bool = True  # False: the detector could not run (held, fail closed)

    @property
    def sent(self):
        return self.message.status == MessageStatus.SENT


def service_name():
    return getattr(settings, "SERVICE_NAME", "") or getattr(settings, "WAGTAIL_SITE_NAME", "") or "this site"


def site_url():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost").rstrip("/")


def _absolute(path):
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url()}/{path.lstrip('/')}"


def _tidy(text):
    """Plain text as templates leave it: no trailing spaces, no runs of blank lines."""
    tidy = []
    for line in (line.rstrip() for line in text.strip().splitlines()):
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def sender_details(sender):
    """What the champion is told about the sender (and the sender is told is shared)."""
    agency = getattr(sender, "agency", None)
    return {
        "name": sender.get_full_name(),
        "agency": agency.name if agency is not None else "",
        "job_title": getattr(sender, "job_title", "") or "",
        "email": sender.email,
    }


def render_email(message):
    """The email to the champion as keyword arguments for ``send_email``."""
    profile, sender = message.profile, message.sender
    one_line = " ".join(service_name().split())
    context = {
        "subject": f"Question from a colleague via {one_line}",
        "service_name": service_name(),
        "site_url": site_url(),
        "champion_name": profile.shown_name,
        "sender": sender_details(sender),
        "message": message.body,
        "profile_url": _absolute(profile.url or "/"),
        "retention_days": retention_days(),
    }
    return {
        "subject": context["subject"],
        "body": _tidy(render_to_string(f"{EMAIL_TEMPLATE}.txt", context)),
        "html_body": render_to_string(f"{EMAIL_TEMPLATE}.html", context),
        "to": [profile.user.email],
        "headers": {"Reply-To": sender.email},
    }


def _queue_email(message_id):
    from cms.core.tasks import send_email

    message = (
        ContactMessage.objects.filter(pk=message_id, status=MessageStatus.SENT)
        .select_related("sender__agency", "profile__user")
        .first()
    )
    if message is None or message.profile.user is None or not message.profile.user.email:
        return None
    return send_email.enqueue(**render_email(message))


def send_message(sender, profile, text, *, now=None):
    """Check and send (or hold) one message from ``sender`` to the champion of ``profile``.

    Returns an ``Outcome``; raises ``RateLimited`` (nothing saved) when over the limit.
    The caller has checked that the profile can be contacted (``contactable_profiles``).
    """
    from cms.users.models import User

    with transaction.atomic():
        # One sender's messages are counted one at a time (the row lock), so two at once
        # cannot both slip under the limit.
        User.objects.select_for_update().filter(pk=sender.pk).first()
        check_rate_limit(sender, now)
        try:
            kinds = identifying_kinds(
                text,
                own_names=(profile.shown_name, profile.display_name, sender.get_full_name()),
                own_emails=(sender.email,),
            )
        except Exception:  # the check could not run: fail closed
            message = ContactMessage.objects.create(
                sender=sender,
                profile=profile,
                body="",
                status=MessageStatus.HELD,
                held_reason="The check for identifying details could not run, so the message was not sent.",
            )
            return Outcome(message, checked=False)
        if kinds:
            message = ContactMessage.objects.create(
                sender=sender,
                profile=profile,
                body="",
                status=MessageStatus.HELD,
                held_reason=held_explanation(kinds),
            )
            return Outcome(message, kinds=tuple(kinds))
        message = ContactMessage.objects.create(
            sender=sender, profile=profile, body=text, status=MessageStatus.SENT
        )
        transaction.on_commit(partial(_queue_email, message.pk))
        return Outcome(message)
