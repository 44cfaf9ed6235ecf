"""Champion profiles and stories for tests, and what the admin tests post.

``make_champion`` makes a Champion-role account and its profile page with recorded
consent (a ChampionConsent row with the standard wording), live by default (inserted with
the anonymisation guard suspended for that insert only, as the case study factories do;
the consent rule is not suspended, so a profile made with ``consent=False`` is a draft).
Saving the profile gives its user their own page permissions (``champions/permissions.py``).
"""

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text

from champions.consent import CONSENT_WORDING
from champions.models import ChampionConsent, ChampionProfilePage, ChampionStoryPage, ConsentAction
from champions.setup import ensure_champion_index
from cms.anonymisation.extract import content_hash, extract_page_text
from cms.anonymisation.models import AnonymisationClearance
from cms.anonymisation.testing import publish_guard_suspended
from cms.taxonomy.models import Agency, Area, JourneyStage
from cms.users import roles
from cms.users.models import User

_counter = itertools.count(1)


def make_champion_user(email=None, agency="health"):
    number = next(_counter)
    email = email or f"champion-{number}@example.org"
    user = User.objects.create_user(
        email=email,
        password="a-long-test-password",
        display_name=f"Champion {number}",
        agency=Agency.objects.get(slug=agency),
    )
    user.groups.add(Group.objects.get(name=roles.CHAMPION))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_champion(name=None, *, user=None, agency="health", area="leeds", live=True, consent=True, **fields):
    number = next(_counter)
    user = user or make_champion_user(agency=agency)
    name = name or f"Jordan Example{number}"
    profile = ChampionProfilePage(
        title=name,
        slug=f"champion-{number}",
        display_name=name,
        user=user,
        job_title=fields.pop("job_title", "Named nurse for safeguarding"),
        agency=Agency.objects.get(slug=agency),
        area=Area.objects.get(slug=area),
        help_with=fields.pop("help_with", "When health can share with schools, and how to ask."),
        consent_given_at=timezone.now() if consent else None,
        live=live,
        **fields,
    )
    with publish_guard_suspended(ChampionProfilePage):
        ensure_champion_index().add_child(instance=profile)
    if consent:
        ChampionConsent.objects.create(
            profile=profile, action=ConsentAction.GIVEN, wording=CONSENT_WORDING, recorded_by=user
        )
    profile.save_revision()
    return profile


def make_story(profile, title=None, *, live=True, **fields):
    number = next(_counter)
    story = ChampionStoryPage(
        title=title or f"A story about asking first {number}",
        slug=f"story-{number}",
        summary=fields.pop("summary", "A school nurse and a teacher compared small worries and acted early."),
        body=fields.pop("body", "<p>We met, we listened, and we shared what was needed.</p>"),
        area=profile.area,
        stage=JourneyStage.objects.order_by("sort_order").first(),
        live=live,
        **fields,
    )
    with publish_guard_suspended(ChampionStoryPage):
        profile.add_child(instance=story)
    story.agencies.set([profile.agency])
    story.save_revision()
    return story


# -- for the admin and publishing tests ---------------------------------------------------------


def reload(page):
    return type(page).objects.get(pk=page.pk)


def latest(page):
    """The page as its latest revision has it (what the admin's edit form shows)."""
    return reload(page).get_latest_revision().as_object()


def cleared(page):
    """An anonymisation clearance for the page's latest revision (as an editor's attestation
    would leave), so only the consent rule is left to decide. Returns the revision."""
    revision = reload(page).get_latest_revision()
    AnonymisationClearance.objects.create(
        revision=revision,
        page_id=page.pk,
        is_system=True,
        content_hash=content_hash(extract_page_text(revision.as_object())),
    )
    return revision


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_story_url(profile):
    return reverse("wagtailadmin_pages:add", args=["champions", "championstorypage", profile.pk])


def story_post_data(story=None, *, profile=None, **extra):
    """POST data for the admin add / edit view of a story (``story`` None: a new one under
    ``profile``), plus ``extra`` (e.g. ``{"action-submit": "action-submit"}``)."""
    source = story or ChampionStoryPage(
        title="Asking the school nurse first",
        slug=f"asking-first-{next(_counter)}",
        summary="A teacher and a school nurse compared small worries and acted early.",
        body="<p>We met, we listened, and we shared what was needed.</p>",
        area=profile.area,
        stage=JourneyStage.objects.order_by("sort_order").first(),
    )
    agencies = [a.pk for a in story.agencies.all()] if story else [profile.agency_id]
    data = {
        "title": source.title,
        "slug": source.slug,
        "summary": source.summary,
        "area": source.area_id,
        "agencies": agencies,
        "stage": source.stage_id,
        "themes": "",
    }
    data.update(nested_form_data({"body": rich_text(source.body)}))
    data.update(extra)
    return data


def profile_post_data(profile, **extra):
    """POST data for the admin edit view of a profile, plus ``extra``. (The account field is
    only in an Editor's form; posting it keeps the account for them.)"""
    data = {
        "user": profile.user_id or "",
        "display_name": profile.display_name,
        "job_title": profile.job_title,
        "agency": profile.agency_id,
        "area": profile.area_id,
        "help_with": profile.help_with,
        "topics": "",
        "photo_alt": profile.photo_alt,
        "slug": profile.slug,
    }
    if profile.first_name_only:
        data["first_name_only"] = "on"
    if profile.cover_contact_id:
        data["cover_contact"] = profile.cover_contact_id
    data.update(extra)
    return data
