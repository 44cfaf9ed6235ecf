"""A champion's profile in "download my data", and what deleting their account does to it.

Imported from ``ChampionsConfig.ready()``. (Messages a person sent to champions are in
``personal_data_messages.py``.)

**The export** (section ``champion_profile``): the profile linked to the account
(``ChampionProfilePage.user``) as the champion last wrote it (the latest revision: name,
first-name-only choice, role, agency, area, what they can help with, topics, photo
description, cover contact), whether it is published, its review dates, the full consent
history (what was agreed or withdrawn, when, and whether the champion or an editor recorded
it), and their stories' titles and states (published, in moderation, changes requested,
draft). For anyone who recorded consent for *other* champions (an Editor recording consent
given on paper: ``ChampionConsent.recorded_by``), those records are listed too: which
profile, what, and when (not the wording, which is the champion's).

**Deleting the account** (:func:`delete_champion_data`, before the account goes, in the same
transaction as the rest of the deletion):

1. The champion's consent is withdrawn through ``consent.withdraw_consent``, so the profile
   and every story come off the site by the same path as any withdrawal (each unpublish
   signalled, so caches and the search index let go, and scheduled publishing cancelled).
2. The profile and every story under it are deleted, not kept as unpublished drafts.
   A profile is personal data and nothing else: a name, a role, an agency, an area, a
   photo. The stories are first-person accounts published under that name ("who tells a
   story matters", so they are not anonymous content that could be re-attributed), written
   in the champion's own words about their own work, which can say more about the writer
   than any single field. Keeping them as drafts would keep the person's data, unseen,
   with nobody left who may consent to it or edit it: the opposite of "collect the minimum
   and let people delete their own". Withdrawing consent, by contrast, keeps the drafts
   (the champion still has an account and may consent again); deleting the account is the
   final step. An editor who wants a story to live on can ask the champion to hand it over
   as a case study, anonymised, before they leave. Deleting the profile also deletes its
   consent history (its rows cascade), its revisions, its workflow states, its own
   permission group (``permissions.py``) and the messages sent to the champion through the
   site (they were for this champion only, and were already emailed to them). Profiles
   that named this champion as their cover contact lose it (``SET_NULL``).
3. Wagtail's audit log keeps its entries for the deleted pages (what happened and when is
   the site's record), but they no longer name the champion: each entry's label (the page
   title at the time: the champion's name on the profile) becomes a neutral one, and every
   occurrence of the champion's names and their stories' titles in the entries' data is
   replaced with ``REMOVED``.
4. Consent records the person made for other champions (as an Editor) stay with those
   profiles, without the link to them (``recorded_by`` emptied): the consent was the other
   champion's, and the record of it belongs to their profile.

``ChampionConsent.recorded_by`` is declared as personal data (exported, and detached on
deletion) rather than put on the allow-list: the row does keep nothing about the recorder
once the link is emptied, but while the account exists "an editor recorded this champion's
consent at this time" is a record of what that person did, and they can see it in their
export like an editor's anonymisation attestations (``cms/anonymisation/personal_data.py``).
"""

import re

from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, WorkflowState

from cms.users.personal_data import register_anonymiser, register_exporter, register_personal_data

from .consent import withdraw_consent
from .models import ChampionConsent, ChampionProfilePage, ChampionStoryPage

SECTION = "champion_profile"

ACCOUNT_DELETED_WORDING = (
    "The champion deleted their account: their profile and stories are taken off the site and deleted."
)
DELETED_PROFILE_LABEL = "Champion profile (account deleted)"
DELETED_STORY_LABEL = "Champion story (account deleted)"
REMOVED = "(removed: account deleted)"  # in place of a name or title in a log entry's data


# -- the export ---------------------------------------------------------------------------------


def story_state(story) -> str:
    """A story's state as its champion sees it."""
    workflow_state = story.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "Changes requested"
    if workflow_state is not None:
        return "In moderation"
    if story.live:
        return "Published, with changes not yet published" if story.has_unpublished_changes else "Published"
    return "Draft"


def _iso(value):
    return value.isoformat() if value else None


def _recorded_by(consent, profile):
    if consent.recorded_by_id is None:
        return None
    return "you" if consent.recorded_by_id == profile.user_id else "an editor"


def export_profile(profile):
    content = profile.get_latest_revision_as_object() if profile.latest_revision_id else profile
    stories = ChampionStoryPage.objects.child_of(profile).order_by("path")
    # A draft may still name a photo or cover contact that has since been deleted.
    photo = get_image_model().objects.filter(pk=content.photo_id).first() if content.photo_id else None
    cover = ChampionProfilePage.objects.filter(pk=content.cover_contact_id).first()
    return {
        "name": content.display_name,
        "first_name_only": content.first_name_only,
        "shown_as": content.shown_name,
        "role": content.job_title,
        "agency": content.agency.name,
        "area": content.area.name,
        "what_you_can_help_with": content.help_with,
        "topics": sorted(tag.name for tag in content.topics.all()),
        "photo": photo.title if photo is not None else None,
        "photo_description": content.photo_alt,
        "cover_contact": cover.shown_name if cover is not None else None,
        "published": profile.live,
        "review_due": _iso(profile.review_due),
        "last_confirmed_at": _iso(profile.last_confirmed_at),
        "consent": [
            {
                "action": consent.get_action_display(),
                "wording": consent.wording,
                "at": consent.at.isoformat(),
                "recorded_by": _recorded_by(consent, profile),
            }
            for consent in profile.consents.all()
        ],
        "stories": [
            {"title": story.draft_title or story.title, "state": story_state(story)} for story in stories
        ],
    }


@register_exporter(SECTION)
def export_champion_profile(user):
    profile = ChampionProfilePage.objects.filter(user=user).select_related("agency", "area").first()
    recorded = (
        ChampionConsent.objects.filter(recorded_by=user)
        .exclude(profile__user=user)
        .select_related("profile")
        .order_by("at", "pk")
    )
    return {
        "profile": export_profile(profile) if profile is not None else None,
        "consent_you_recorded_for_other_champions": [
            {
                "profile": consent.profile.title,
                "action": consent.get_action_display(),
                "at": consent.at.isoformat(),
            }
            for consent in recorded
        ],
    }


# -- deleting the account -----------------------------------------------------------------------


@register_anonymiser
@transaction.atomic
def delete_champion_data(user):
    """Take the person's champion profile and stories off the site and delete them; detach the
    consent records they made for other champions. See the module docstring for why."""
    for profile in ChampionProfilePage.objects.filter(user=user):
        delete_profile(profile, user)
    ChampionConsent.objects.filter(recorded_by=user).update(recorded_by=None)


def delete_profile(profile, user):
    subtree = Page.objects.descendant_of(profile, inclusive=True)
    if profile.has_consent or subtree.live().exists():
        withdraw_consent(profile, by=user, wording=ACCOUNT_DELETED_WORDING)
    pages = list(subtree.specific())
    labels = {page.pk: label_for(page) for page in pages}
    names = names_in_log(profile, pages)
    ChampionProfilePage.objects.get(pk=profile.pk).delete()  # Wagtail's delete: the whole subtree
    scrub_log_entries(labels, names)


def label_for(page):
    return DELETED_PROFILE_LABEL if isinstance(page, ChampionProfilePage) else DELETED_STORY_LABEL


def names_in_log(profile, pages):
    """What the log's data may hold that is the champion's: every form of their name (the
    profile's display name, the first name shown, its titles now and in its history, i.e. its
    log entries' labels) and their stories' titles, now and before."""
    names = {profile.display_name, profile.shown_name}
    for page in pages:
        names.update((page.title, page.draft_title))
    names.update(
        PageLogEntry.objects.filter(page_id__in=[page.pk for page in pages]).values_list("label", flat=True)
    )
    return {name.strip() for name in names if name and name.strip()}


def scrub_log_entries(labels, names):
    """The audit log's entries for the deleted pages, with the champion's names replaced."""
    # Longest first, so a full name is replaced before the first name inside it.
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if names else None
    entries = PageLogEntry.objects.filter(page_id__in=list(labels)).values_list("pk", "page_id", "data")
    for pk, page_id, data in list(entries):
        # update(), not save(): a log entry's save validates its page, which is gone.
        PageLogEntry.objects.filter(pk=pk).update(
            label=labels[page_id], data=_scrub(data, pattern) if pattern is not None else data
        )


def _scrub(value, pattern):
    if isinstance(value, str):
        return pattern.sub(REMOVED, value)
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    return value


register_personal_data(ChampionProfilePage, export=SECTION, erase=delete_champion_data, user_fields=("user",))
register_personal_data(
    ChampionConsent, export=SECTION, erase=delete_champion_data, user_fields=("recorded_by",)
)
