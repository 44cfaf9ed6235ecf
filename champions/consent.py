"""A champion's consent to be published, and their yearly "my profile is still right".

A profile names a real person, so it is published only with their recorded consent:

* :func:`record_consent` stores a ``ChampionConsent`` row (GIVEN) with the exact wording they
  agreed to and who recorded it, marks the profile as consented, and writes an audit-log
  entry (``champions.consent_given``, in the page's history). The champion gives it
  themselves in the admin; an Editor may record consent the champion gave on paper, and
  then the wording says so and the Editor is the one recorded.
* :func:`withdraw_consent` stores a WITHDRAWN row, marks the profile, logs
  ``champions.consent_withdrawn`` and, in the same transaction, unpublishes the profile and
  every story under it at once (each unpublish in the page's history) and cancels any
  scheduled publishing. Nothing can be published again until consent is recorded again
  (``publishing.py``).
* :func:`confirm_profile` is the yearly check: the champion confirms the profile is still
  right; the next one is due a year later (``champions.profile_confirmed`` in the history).

The consent fields live on the profile's row, not in its revisions (``STATE_FIELDS`` on the
model), and are changed only here.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

CONSENT_GIVEN_ACTION = "champions.consent_given"
CONSENT_WITHDRAWN_ACTION = "champions.consent_withdrawn"
PROFILE_CONFIRMED_ACTION = "champions.profile_confirmed"

REVIEW_INTERVAL = timedelta(days=365)

CONSENT_WORDING = (
    "I agree that my name as shown on my profile (my first name only, if I choose), my role, agency "
    "and area, what I can help with, my photo if I add one, and the stories I write once an editor has "
    "approved them, are published on this site as a collaboration champion. Signed-in colleagues can "
    "send me messages through the site; my email address is never shown to them. I can withdraw my "
    "consent at any time, and my profile and stories are then taken off the site at once."
)
PAPER_CONSENT_PREFIX = (
    "Recorded by an editor from the champion's own signed consent, given on paper or by email. "
    "The champion agreed to this statement: "
)
WITHDRAWAL_WORDING = (
    "I withdraw my consent: take my profile and my stories off the site. They are kept as drafts "
    "that only I and the editors can see."
)
EDITOR_WITHDRAWAL_WORDING = (
    "Recorded by an editor: the champion told us they withdraw their consent, so their profile and "
    "stories are taken off the site."
)


def paper_wording(wording=CONSENT_WORDING) -> str:
    """The wording stored when an Editor records consent the champion gave on paper."""
    return PAPER_CONSENT_PREFIX + wording


def next_review_due(today=None):
    return (today or timezone.localdate()) + REVIEW_INTERVAL


def _locked(profile):
    from .models import ChampionProfilePage

    return ChampionProfilePage.objects.select_for_update().get(pk=profile.pk)


def _by_champion(profile, by) -> bool:
    return by is not None and profile.user_id is not None and by.pk == profile.user_id


def _update(profile, **fields):
    from .models import ChampionProfilePage

    ChampionProfilePage.objects.filter(pk=profile.pk).update(**fields)
    for name, value in fields.items():
        setattr(profile, name, value)


@transaction.atomic
def record_consent(profile, *, by, wording=CONSENT_WORDING):
    """Record that the champion consents to ``wording`` (recorded by ``by``). Returns the
    ChampionConsent row. A profile without a review date gets one a year ahead."""
    from .models import ChampionConsent, ConsentAction

    wording = (wording or "").strip()
    if not wording:
        raise ValueError("Consent is recorded with the exact wording the champion agreed to.")
    current = _locked(profile)
    consent = ChampionConsent.objects.create(
        profile=current, action=ConsentAction.GIVEN, wording=wording, recorded_by=by
    )
    fields = {"consent_given_at": consent.at, "consent_withdrawn_at": None}
    if current.review_due is None:
        fields["review_due"] = next_review_due()
    _update(profile, **fields)
    log(
        instance=current,
        action=CONSENT_GIVEN_ACTION,
        user=by,
        data={
            "consent_id": consent.pk,
            "wording": wording,
            "by_champion": _by_champion(profile, by),
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(profile, *, by, wording=None):
    """Record the withdrawal and take the profile and all its stories off the site at once.
    Returns the pages that were unpublished (stories first, then the profile)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.actions.unpublish_page import UnpublishPageAction
    from wagtail.models import Page, Revision

    from .models import ChampionConsent, ConsentAction

    current = _locked(profile)
    by_champion = _by_champion(profile, by)
    wording = (wording or (WITHDRAWAL_WORDING if by_champion else EDITOR_WITHDRAWAL_WORDING)).strip()
    withdrawal = ChampionConsent.objects.create(
        profile=current, action=ConsentAction.WITHDRAWN, wording=wording, recorded_by=by
    )
    _update(profile, consent_withdrawn_at=withdrawal.at)

    unpublished = []
    # Withdrawing is the champion's right, whatever their page permissions: the permission
    # check of Wagtail's unpublish is skipped on purpose (each unpublish is still logged).
    for story in current.get_descendants().live().specific().order_by("path"):
        UnpublishPageAction(story, user=by).execute(skip_permission_checks=True)
        unpublished.append(story)
    current.refresh_from_db()
    if current.live:
        UnpublishPageAction(current, user=by).execute(skip_permission_checks=True)
        unpublished.append(current)
    page_ids = [
        str(pk) for pk in Page.objects.descendant_of(current, inclusive=True).values_list("pk", flat=True)
    ]
    Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=page_ids,
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)
    profile.live = current.live

    log(
        instance=current,
        action=CONSENT_WITHDRAWN_ACTION,
        user=by,
        data={
            "consent_id": withdrawal.pk,
            "wording": wording,
            "by_champion": by_champion,
            "unpublished": [{"id": page.pk, "title": page.title} for page in unpublished],
        },
    )
    return unpublished


@transaction.atomic
def confirm_profile(profile, *, by):
    """The champion confirms their profile is still right: the next check is due in a year."""
    now = timezone.now()
    due = next_review_due(timezone.localdate(now))
    _update(profile, last_confirmed_at=now, review_due=due)
    log(
        instance=profile,
        action=PROFILE_CONFIRMED_ACTION,
        user=by,
        data={"review_due": due.isoformat(), "by_champion": _by_champion(profile, by)},
    )
    return due
