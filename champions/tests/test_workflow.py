"""The "Champion review" workflow end to end, through the admin as champions and editors use it:
submit, request changes with a comment, edit and resubmit, approve with the anonymisation
attestation; a story with identifying details is held until each finding is removed or
dismissed with a reason. Only the profile's own consented name is exempt from the check."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from champions.admin_views import page_state
from champions.models import ChampionStoryPage
from champions.setup import WORKFLOW_NAME, ensure_champion_index
from cms.anonymisation.extract import extract_page_text
from cms.anonymisation.forms import field_name_for
from cms.anonymisation.models import AnonymisationCheckTask, AnonymisationClearance
from cms.anonymisation.publishing import PublishBlocked, scan
from cms.users import roles

from .factories import (
    add_story_url,
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
SUBMIT = {"action-submit": "action-submit"}
IDENTIFYING_BODY = (
    "<p>I spoke to Sarah Thompson at her flat in LS6 2AB. Her NHS number is 943 476 5919, "
    "so the GP could check the records.</p>"
)


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def approve_data(task_state, reasons=(), attest=True, comment=""):
    data = {"task_state_id": task_state.pk, "comment": comment}
    if attest:
        data["attest"] = "on"
    for finding, reason in reasons:
        data[field_name_for(finding)] = reason
    return data


def test_the_index_has_the_champion_review_workflow_acted_on_by_editors():
    index = ensure_champion_index()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, AnonymisationCheckTask)
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITOR]
    profile = make_champion()
    assert profile.get_workflow() == workflow
    assert make_story(profile, live=False).get_workflow() == workflow


def test_a_story_from_draft_to_live_through_review(client, editor):
    profile = make_champion("Alex Able")
    champion = profile.user

    # The champion drafts a story and submits it.
    client.force_login(champion)
    response = client.post(add_story_url(profile), story_post_data(profile=profile, **SUBMIT))
    assert response.status_code == 302
    story = ChampionStoryPage.objects.child_of(profile).get()
    task_state = story.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert isinstance(task_state.task.specific, AnonymisationCheckTask)
    assert not story.live and page_state(story)["key"] == "moderation"

    # The champion cannot act on the review.
    response = client.post(workflow_action_url(story, "approve", task_state), approve_data(task_state), **XHR)
    assert response.status_code in (302, 403)
    assert task_state.task.specific.get_actions(story, champion) == []

    # The editor requests changes, with a comment.
    client.force_login(editor)
    actions = [name for name, _label, _modal in task_state.task.specific.get_actions(story, editor)]
    assert actions == ["reject", "approve"]
    response = client.post(
        workflow_action_url(story, "reject", task_state),
        {"comment": "Please say which agencies were at the meeting."},
        **XHR,
    )
    assert json.loads(response.content)["step"] == "success"
    story = reload(story)
    assert story.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    state = page_state(story)
    assert state["key"] == "changes" and state["comment"] == "Please say which agencies were at the meeting."
    assert not story.live

    # The champion sees it on their dashboard, edits and resubmits.
    client.force_login(champion)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Changes requested" in html and "Please say which agencies were at the meeting." in html
    new_summary = "A teacher, a school nurse and early help compared small worries and acted early."
    response = client.post(edit_url(story), story_post_data(latest(story), summary=new_summary, **SUBMIT))
    assert response.status_code == 302
    story = reload(story)
    workflow_state = story.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = story.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert page_state(story)["key"] == "moderation" and not story.live

    # The editor approves, attesting the anonymisation check: the story goes live.
    client.force_login(editor)
    response = client.post(
        workflow_action_url(story, "approve", task_state),
        approve_data(task_state, comment="Thank you."),
        **XHR,
    )
    assert json.loads(response.content)["step"] == "success"
    story = reload(story)
    assert story.live and story.summary == new_summary
    assert page_state(story)["key"] == "live"
    clearance = AnonymisationClearance.objects.get(revision=story.live_revision)
    assert clearance.attested_by == editor
    assert PageLogEntry.objects.filter(page=story, action="anonymisation.attest", user=editor).exists()
    assert PageLogEntry.objects.filter(page=story, action="wagtail.publish").exists()


def test_a_profile_change_goes_through_the_same_review(client, editor):
    profile = make_champion("Alex Able")
    client.force_login(profile.user)
    new_help = "What health colleagues can share with schools, and how to ask for it."
    response = client.post(edit_url(profile), profile_post_data(profile, help_with=new_help, **SUBMIT))
    assert response.status_code == 302
    profile = reload(profile)
    assert profile.help_with != new_help  # still the published text
    task_state = profile.current_workflow_task_state
    assert task_state is not None and page_state(profile)["key"] == "moderation"

    client.force_login(editor)
    response = client.post(
        workflow_action_url(profile, "approve", task_state), approve_data(task_state), **XHR
    )
    assert json.loads(response.content)["step"] == "success"
    profile = reload(profile)
    assert profile.live and profile.help_with == new_help
    # the name on the profile was not a finding: it is the champion's own, consented name
    assert AnonymisationClearance.objects.get(revision=profile.live_revision).findings_count == 0


def test_a_story_with_identifying_details_is_held(client, editor):
    profile = make_champion()
    story = make_story(profile, live=False, body=IDENTIFYING_BODY)
    story.get_workflow().start(story, profile.user)
    task_state = reload(story).current_workflow_task_state
    task = task_state.task.specific
    findings = task.get_form_for_action("approve")(task_state=task_state).unresolved
    assert {f.kind for f in findings} == {"person_name", "postcode", "nhs_number"}

    # Attesting without dealing with the findings is refused, in the admin and in code.
    client.force_login(editor)
    url = workflow_action_url(story, "approve", task_state)
    body = json.loads(client.post(url, approve_data(task_state), **XHR).content)
    assert body["step"] == "action"
    assert "Dismiss this finding with a reason" in body["html"] and "943 476 5919" in body["html"]
    with pytest.raises(PublishBlocked):
        task.on_action(task_state, editor, "approve", attest=True, dismissals={})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not reload(story).live and not AnonymisationClearance.objects.exists()

    # Sent back, the champion removes them and resubmits; then it can be approved.
    client.post(
        workflow_action_url(story, "reject", task_state), {"comment": "Remove the name and numbers."}, **XHR
    )
    client.force_login(profile.user)
    fixed = latest(story)
    fixed.body = "<p>I spoke to the parent at home, and the GP checked the records.</p>"
    assert client.post(edit_url(story), story_post_data(fixed, **SUBMIT)).status_code == 302
    task_state = reload(story).current_workflow_task_state
    assert task.get_form_for_action("approve")(task_state=task_state).unresolved == []
    client.force_login(editor)
    body = json.loads(
        client.post(
            workflow_action_url(story, "approve", task_state), approve_data(task_state), **XHR
        ).content
    )
    assert body["step"] == "success"
    assert reload(story).live


def test_findings_dismissed_with_a_reason_let_the_story_through(editor):
    profile = make_champion()
    story = make_story(profile, live=False, body=IDENTIFYING_BODY)
    story.get_workflow().start(story, profile.user)
    task_state = reload(story).current_workflow_task_state
    task = task_state.task.specific
    findings = task.get_form_for_action("approve")(task_state=task_state).unresolved
    task.on_action(
        task_state,
        editor,
        "approve",
        attest=True,
        dismissals={f.key: "Invented for a training story, not a real person." for f in findings},
    )
    story = reload(story)
    assert story.live
    assert AnonymisationClearance.objects.get(revision=story.live_revision).dismissed_count == 3


def test_only_the_profiles_own_name_is_exempt():
    profile = make_champion(
        "Alex Able", live=False, help_with="Ask Alex Able, or my colleague Sarah Thompson, about consent."
    )
    findings = scan(extract_page_text(latest(profile)))
    names = {(f.location, f.text) for f in findings if f.kind == "person_name"}
    # the title and display name are not scanned; the same name anywhere else is a finding
    assert all(
        "Alex Able" not in location and location not in ("Title", "Display name") for location, _ in names
    )
    assert {text for _location, text in names} == {"Alex Able", "Sarah Thompson"}

    story = make_story(profile, live=False, body="<p>I am Alex Able, and I rang the school first.</p>")
    story_findings = scan(extract_page_text(latest(story)))
    assert [f.text for f in story_findings if f.kind == "person_name"] == ["Alex Able"]
