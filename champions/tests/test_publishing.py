"""Consent first, on every publish path: revision.publish(), page.publish(), the programmatic
clear-and-publish, the admin Publish button, bulk publish, the review's approval, scheduling
and the scheduled publish; a page inserted live without consent is a draft; the check fails
closed (``champions/publishing.py``)."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from champions.consent import record_consent
from champions.models import ChampionProfilePage, ChampionStoryPage
from champions.publishing import ConsentMissing, publish_problem
from cms.anonymisation.models import AnonymisationClearance
from cms.anonymisation.publishing import clear_and_publish
from cms.anonymisation.testing import publish_guard_suspended

from .factories import (
    cleared,
    edit_url,
    latest,
    make_champion,
    make_story,
    profile_post_data,
    reload,
    story_post_data,
)

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
PUBLISH = {"action-publish": "action-publish"}
NO_CONSENT = "consent is not recorded (or they have withdrawn it)"
STORY_NO_CONSENT = "has no recorded consent for their profile and stories"


@pytest.fixture
def unconsented():
    """A profile without consent (a draft) and a draft story under it."""
    profile = make_champion("Alex Able", consent=False, live=False)
    return profile, make_story(profile, live=False)


def test_what_the_rule_says(unconsented):
    profile, story = unconsented
    assert NO_CONSENT in profile.publish_problem() and "Alex Able" in profile.publish_problem()
    assert STORY_NO_CONSENT in story.publish_problem() and "Alex Able" in story.publish_problem()
    record_consent(profile, by=profile.user)
    assert publish_problem(reload(profile)) is None and publish_problem(reload(story)) is None


@pytest.mark.parametrize("which", ["profile", "story"])
def test_revision_publish_and_page_publish_are_refused_without_consent(unconsented, which, editor):
    profile, story = unconsented
    page = profile if which == "profile" else story
    revision = cleared(page)
    with pytest.raises(ConsentMissing):
        revision.publish(user=editor)
    with pytest.raises(ConsentMissing):
        reload(page).publish(revision)
    assert not reload(page).live

    record_consent(profile, by=profile.user)
    revision.publish(user=editor)
    assert reload(page).live


def test_the_programmatic_publish_is_refused_and_rolled_back(unconsented):
    profile, story = unconsented
    for page in (profile, story):
        with pytest.raises(ConsentMissing):
            clear_and_publish(page, attest_by_system=True)
        assert not reload(page).live
    assert not AnonymisationClearance.objects.exists()  # the whole publish was rolled back


def test_withdrawn_consent_counts_as_no_consent(editor):
    profile = make_champion()
    story = make_story(profile, live=False)
    ChampionProfilePage.objects.filter(pk=profile.pk).update(consent_withdrawn_at=timezone.now())
    with pytest.raises(ConsentMissing, match=STORY_NO_CONSENT):
        cleared(story).publish(user=editor)
    assert not reload(story).live


def test_a_page_inserted_live_without_consent_is_a_draft(unconsented):
    profile, _story = unconsented
    assert not reload(profile).live  # make_champion asked for consent=False and live=False
    other = make_champion(consent=False, live=True)
    assert not reload(other).live and reload(other).has_unpublished_changes
    story = ChampionStoryPage(
        title="Inserted live",
        slug="inserted-live",
        summary="A short story.",
        body="<p>We talked first.</p>",
        area=profile.area,
        stage=_story.stage,
    )
    with publish_guard_suspended(ChampionStoryPage):
        profile.add_child(instance=story)
    assert not reload(story).live
    # with consent, the factories' live pages are live
    assert reload(make_story(make_champion())).live


# -- the admin -------------------------------------------------------------------------------


def test_admin_publish_is_refused_with_the_message_and_the_edit_kept(client, editor, unconsented):
    profile, story = unconsented
    client.force_login(editor)
    cleared(story)
    response = client.post(
        edit_url(story), story_post_data(latest(story), title="A clearer title", **PUBLISH), follow=True
    )
    assert response.redirect_chain[-1][0] == edit_url(story)
    html = response.content.decode()
    assert "Not published." in html and STORY_NO_CONSENT in html and "saved as a draft" in html
    story = reload(story)
    assert not story.live and story.get_latest_revision().as_object().title == "A clearer title"

    response = client.post(edit_url(profile), profile_post_data(latest(profile), **PUBLISH), follow=True)
    assert NO_CONSENT in response.content.decode()
    assert not reload(profile).live


def test_admin_publish_works_with_consent(client, editor, unconsented):
    profile, story = unconsented
    record_consent(profile, by=profile.user)
    client.force_login(editor)
    cleared(story)
    response = client.post(edit_url(story), story_post_data(latest(story), **PUBLISH))
    assert response.status_code == 302
    assert reload(story).live


def test_the_editor_says_why_before_anyone_tries(client, editor, unconsented):
    profile, story = unconsented
    client.force_login(editor)
    html = client.get(edit_url(story)).content.decode()
    assert "This cannot be published yet." in html and STORY_NO_CONSENT in html
    assert reverse("champions_admin:consent", args=[profile.pk]) in html
    record_consent(profile, by=profile.user)
    assert "This cannot be published yet." not in client.get(edit_url(story)).content.decode()


def test_bulk_publish_is_refused(client, editor, unconsented):
    profile, story = unconsented
    cleared(story)
    cleared(profile)
    client.force_login(editor)
    next_url = reverse("wagtailadmin_explore", args=[profile.pk])
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={story.pk}&next={next_url}"
    )
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert response.redirect_chain[0] == (next_url, 302)
    assert "need the champion&#x27;s recorded consent first" in response.content.decode()
    assert not reload(story).live


def test_the_review_cannot_approve_without_consent(client, editor, unconsented):
    profile, story = unconsented
    story.get_workflow().start(story, profile.user)
    task_state = reload(story).current_workflow_task_state
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    body = json.loads(client.post(url, {"task_state_id": task_state.pk, "attest": "on"}, **XHR).content)
    assert body["step"] == "action" and STORY_NO_CONSENT in body["html"]
    task = task_state.task.specific
    with pytest.raises(ConsentMissing):
        task.on_action(task_state, editor, "approve", attest=True, dismissals={})
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert not reload(story).live and not AnonymisationClearance.objects.exists()

    record_consent(profile, by=profile.user)
    body = json.loads(client.post(url, {"task_state_id": task_state.pk, "attest": "on"}, **XHR).content)
    assert body["step"] == "success"
    assert reload(story).live


# -- scheduled publishing ---------------------------------------------------------------------


def scheduled(page, user, days=1):
    page = reload(page)
    page.go_live_at = timezone.now() + datetime.timedelta(days=days)
    page.save_revision(user=user)
    return cleared(page)


def make_due(revision):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["content"])
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=past)


def test_scheduling_needs_consent(editor, unconsented):
    profile, story = unconsented
    revision = scheduled(story, editor)
    with pytest.raises(ConsentMissing):
        revision.publish(user=editor)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_the_scheduled_publish_checks_consent_again(editor):
    profile = make_champion()
    story = make_story(profile, live=False)
    revision = scheduled(story, editor)
    revision.publish(user=editor)
    revision.refresh_from_db()
    assert revision.approved_go_live_at and not reload(story).live

    # consent gone (by any route) before the moment comes: the scheduled publish is refused
    ChampionProfilePage.objects.filter(pk=profile.pk).update(consent_withdrawn_at=timezone.now())
    make_due(revision)
    with pytest.raises(ConsentMissing):
        call_command("publish_scheduled")
    assert not reload(story).live


def test_a_scheduled_story_with_consent_goes_live(editor):
    story = make_story(make_champion(), live=False)
    revision = scheduled(story, editor)
    revision.publish(user=editor)
    make_due(revision)
    call_command("publish_scheduled")
    assert reload(story).live


# -- fails closed ---------------------------------------------------------------------------


def test_the_check_fails_closed(monkeypatch, client, editor):
    profile = make_champion()
    story = make_story(profile, live=False)

    def broken(profile):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr("champions.publishing._consent_recorded", broken)
    assert "consent check cannot run" in story.publish_problem()
    with pytest.raises(ConsentMissing, match="consent check cannot run .*database unavailable"):
        cleared(story).publish(user=editor)
    assert not reload(story).live

    client.force_login(editor)
    response = client.post(edit_url(story), story_post_data(latest(story), **PUBLISH), follow=True)
    assert not reload(story).live
    assert "consent check cannot run" in response.content.decode()
