"""Publishing a scenario: the anonymisation review, and a ready video with English captions on
every path (revision.publish, page.publish, the admin, bulk, the workflow, scheduling), failing
closed when the check cannot run."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage

from cms.anonymisation.extract import content_hash, extract_page_text
from cms.anonymisation.models import AnonymisationCheckTask, AnonymisationClearance
from cms.anonymisation.publishing import PublishBlocked, clear_and_publish
from cms.taxonomy.models import JourneyStage
from media.models import CaptionTrack, TranscodeStatus
from training.publishing import CAPTIONS_MESSAGE, ScenarioNotPublishable
from training.setup import WORKFLOW_NAME, ensure_index_page

from .factories import add_track, edit_post_data, edit_url, make_scenario, make_video, reload

pytestmark = pytest.mark.django_db


def cleared(page):
    """Record an anonymisation clearance for the page's latest revision, so only the captions
    rule is left to decide."""
    revision = page.get_latest_revision()
    AnonymisationClearance.objects.create(
        revision=revision,
        page_id=page.pk,
        is_system=True,
        content_hash=content_hash(extract_page_text(revision.as_object())),
    )
    return revision


@pytest.mark.parametrize(
    "video_kwargs,message",
    [
        ({"captions": None}, CAPTIONS_MESSAGE),
        ({"captions": "cy"}, CAPTIONS_MESSAGE),  # Welsh captions only
        ({"captions": "en", "kind": "descriptions"}, CAPTIONS_MESSAGE),  # audio description only
        ({"status": TranscodeStatus.PROCESSING}, "is still being prepared (processing)"),
        ({"status": TranscodeStatus.QUEUED}, "is still being prepared (queued)"),
        ({"status": TranscodeStatus.FAILED}, "could not be prepared for the web"),
    ],
)
def test_revision_publish_is_refused_without_a_ready_captioned_video(video_kwargs, message):
    page = make_scenario(state="draft", video=make_video(**video_kwargs))
    assert message in page.publish_problem()  # what the editor and the review are told
    with pytest.raises(ScenarioNotPublishable, match=message.replace("(", r"\(").replace(")", r"\)")):
        clear_and_publish(page, attest_by_system=True)
    assert not reload(page).live
    assert not AnonymisationClearance.objects.exists()  # the whole publish was rolled back


def test_no_video_at_all_is_refused():
    page = make_scenario(state="draft", video=None)
    with pytest.raises(ScenarioNotPublishable, match="Choose the scenario's video"):
        clear_and_publish(page, attest_by_system=True)


def test_a_captions_file_that_cannot_be_read_is_refused():
    video = make_video()
    track = video.tracks.get()
    track.file.storage.delete(track.file.name)
    page = make_scenario(state="draft", video=video)
    with pytest.raises(ScenarioNotPublishable, match="captions of .* cannot be read"):
        clear_and_publish(page, attest_by_system=True)


def test_published_with_english_captions_and_the_duration_comes_along():
    video = make_video(duration=245.6, captions="en-GB")
    add_track(video, "cy")
    page = make_scenario(state="draft", video=video)
    assert page.publish_problem() is None
    assert clear_and_publish(page, attest_by_system=True) == []
    page = reload(page)
    assert page.live and page.duration_seconds == 246


def test_page_publish_and_revision_publish_are_both_guarded():
    page = make_scenario(state="draft", video=make_video(captions=None))
    revision = cleared(page)
    with pytest.raises(ScenarioNotPublishable, match="Add English captions"):
        revision.publish()
    with pytest.raises(ScenarioNotPublishable):
        page.publish(revision)
    assert not reload(page).live
    add_track(page.video, "en")
    # The captions are new text on the page: the clearance no longer matches until it is checked again.
    with pytest.raises(PublishBlocked):
        revision.publish()
    cleared(page).publish()
    assert reload(page).live


def test_the_anonymisation_check_applies_to_scenarios_too():
    page = make_scenario(state="draft", summary="Child A moved to LS6 2AB with their mother.")
    findings = clear_and_publish(page, attest_by_system=True)
    assert [f.kind for f in findings] == ["postcode"]
    assert not reload(page).live
    with pytest.raises(PublishBlocked):
        page.get_latest_revision().publish()


def test_the_check_fails_closed(monkeypatch, client, superuser):
    page = make_scenario(state="draft")

    def broken(video):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr("training.models.english_captions", broken)
    with pytest.raises(ScenarioNotPublishable, match="captions check cannot run .*storage unavailable"):
        clear_and_publish(page, attest_by_system=True)
    assert not reload(page).live

    cleared(page)
    client.force_login(superuser)
    response = client.post(
        edit_url(page), edit_post_data(page, **{"action-publish": "action-publish"}), follow=True
    )
    assert not reload(page).live
    assert "captions check cannot run" in response.content.decode()


# -- admin ----------------------------------------------------------------------------------


def test_admin_publish_is_refused_with_the_message_and_the_edit_kept(client, superuser):
    page = make_scenario(state="draft", video=make_video(captions=None))
    cleared(page)
    client.force_login(superuser)
    response = client.post(
        edit_url(page),
        # A change the anonymisation check does not read (its clearance carries over).
        edit_post_data(
            page, stage=JourneyStage.objects.get(slug="referral").pk, **{"action-publish": "action-publish"}
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == edit_url(page)
    html = response.content.decode()
    assert f"Not published. {CAPTIONS_MESSAGE} Your changes are saved as a draft." in html
    page = reload(page)
    assert not page.live
    assert page.get_latest_revision().as_object().stage.slug == "referral"


def test_admin_publish_works_once_captioned(client, superuser):
    page = make_scenario(state="draft")
    cleared(page)
    client.force_login(superuser)
    response = client.post(edit_url(page), edit_post_data(page, **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    assert reload(page).live


def test_the_editor_warns_before_anyone_tries(client, superuser):
    page = make_scenario(state="draft", video=make_video(captions=None))
    client.force_login(superuser)
    html = client.get(edit_url(page)).content.decode()
    assert "This scenario cannot be published yet. Add English captions to the video" in html


def test_bulk_publish_is_refused(client, superuser):
    page = make_scenario(state="draft", video=make_video(captions=None))
    cleared(page)
    client.force_login(superuser)
    next_url = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={page.pk}&next={next_url}"
    )
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert response.redirect_chain[0] == (next_url, 302)
    assert "need a ready video with English captions" in response.content.decode()
    assert not reload(page).live


# -- the review workflow --------------------------------------------------------------------


def test_the_scenario_index_has_the_review_workflow():
    index = ensure_index_page()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    assert isinstance(workflow.tasks.get().specific, AnonymisationCheckTask)
    assert make_scenario(state="draft").get_workflow() == workflow


def test_workflow_approval_publishes_only_with_captions(editor, champion):
    page = make_scenario(state="draft", video=make_video(captions=None))
    page.get_workflow().start(page, champion)
    task_state = reload(page).current_workflow_task_state
    task = task_state.task.specific
    with pytest.raises(ScenarioNotPublishable, match="Add English captions"):
        task.on_action(task_state, editor, "approve", attest=True, dismissals={})
    assert not reload(page).live

    add_track(page.video, "en")
    task_state.refresh_from_db()
    task.on_action(task_state, editor, "approve", attest=True, dismissals={})
    assert reload(page).live


# -- scheduled publishing -------------------------------------------------------------------


def test_scheduling_needs_captions_and_the_scheduled_publish_checks_again():
    page = make_scenario(state="draft", video=make_video(captions=None))
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision()
    cleared(page)
    with pytest.raises(ScenarioNotPublishable):
        revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None

    add_track(page.video, "en")
    cleared(page).publish()  # scheduled (the captions are checked for identifying details first)
    revision.refresh_from_db()
    assert revision.approved_go_live_at and not reload(page).live

    # The captions are removed before the moment comes: the scheduled publish is refused
    # (publish_scheduled stops with the reason), and the revision is no longer scheduled, so
    # an editor has to publish it again once the video has its captions.
    CaptionTrack.objects.filter(video=page.video).delete()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["content"])
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    with pytest.raises(ScenarioNotPublishable, match="Add English captions"):
        call_command("publish_scheduled")
    assert not reload(page).live


def test_a_scheduled_scenario_with_captions_goes_live():
    page = make_scenario(state="draft")
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision()
    cleared(page)
    revision.publish()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["content"])
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    call_command("publish_scheduled")
    assert reload(page).live


def test_a_page_inserted_live_without_captions_is_inserted_as_a_draft():
    """Whichever pre_save receiver runs first (the anonymisation guard, suspended here as test
    fixtures do, or the captions guard), a new scenario without captions is not live."""
    from cms.anonymisation.testing import publish_guard_suspended
    from training.models import ScenarioPage

    page = make_scenario(state="draft", video=make_video(captions=None))
    other = ScenarioPage(
        title="Inserted live",
        slug="inserted-live",
        summary=page.summary,
        video=page.video,
        area=page.area,
        stage=page.stage,
    )
    with publish_guard_suspended(ScenarioPage):
        ensure_index_page().add_child(instance=other)
    assert not reload(other).live and reload(other).has_unpublished_changes


IDENTIFYING_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Narrator>Child A lives at 14 Acacia Avenue, SW1A 1AA.
"""


def test_the_anonymisation_check_reads_the_captions_the_page_publishes():
    page = make_scenario("Captions are scanned", state="draft", video=make_video(vtt=IDENTIFYING_VTT))
    scanned = extract_page_text(page.get_latest_revision().as_object())
    captions = [text for location, text in scanned if location.startswith("Video captions (en)")]
    assert captions == ["Child A lives at 14 Acacia Avenue, SW1A 1AA."]
    findings = clear_and_publish(page, attest_by_system=True)
    assert any(finding.kind == "postcode" for finding in findings)
    assert not reload(page).live
