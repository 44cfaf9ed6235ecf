import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission, PageLogEntry, TaskState, Workflow, WorkflowPage

from case_studies.models import CaseStudyPage
from case_studies.review import WORKFLOW_NAME, ensure_case_study_workflow
from cms.anonymisation.forms import field_name_for
from cms.anonymisation.models import AnonymisationCheckTask, AnonymisationClearance, FindingDismissal
from cms.anonymisation.publishing import PublishBlocked
from cms.users import roles

from .admin_forms import edit_url, paragraph, workflow_action_url
from .factories import case_study_index, make_case_study

DIRTY_BODY = [paragraph("<p>Child A moved to LS6 2AB. Call 0113 496 0000 for the duty desk.</p>")]
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def reload(page):
    return CaseStudyPage.objects.get(pk=page.pk)


def submit(page, user):
    page.get_workflow().start(page, user)
    return reload(page).current_workflow_task_state


@pytest.fixture
def dirty_in_review(db, champion):
    page = make_case_study(state="draft", body=DIRTY_BODY)
    return page, submit(page, champion)


def approve_data(task_state, findings_reasons=(), attest=True, comment=""):
    data = {"task_state_id": task_state.pk, "comment": comment}
    if attest:
        data["attest"] = "on"
    for finding, reason in findings_reasons:
        data[field_name_for(finding)] = reason
    return data


def test_workflow_is_assigned_to_the_index(db):
    index = case_study_index()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    task = workflow.tasks.get().specific
    assert isinstance(task, AnonymisationCheckTask)
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITOR]
    assert ensure_case_study_workflow(index) == workflow  # idempotent
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert make_case_study(state="draft").get_workflow() == workflow


def test_actions_by_role(dirty_in_review, editor, superuser, champion, trainer):
    page, task_state = dirty_in_review
    task = task_state.task.specific
    names = [name for name, _, _ in task.get_actions(page, editor)]
    assert names == ["reject", "approve"]
    assert [label for _, label, _ in task.get_actions(page, editor)][1] == "Approve (anonymisation attested)"
    assert [name for name, _, _ in task.get_actions(page, superuser)] == ["reject", "approve"]
    assert task.get_actions(page, champion) == []
    assert task.get_actions(page, trainer) == []


def test_approve_modal_lists_findings(client, editor, dirty_in_review):
    page, task_state = dirty_in_review
    client.force_login(editor)
    response = client.get(workflow_action_url(page, "approve", task_state), **XHR)
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    assert "LS6 2AB" in html and "0113 496 0000" in html
    assert "Body › Paragraph 1" in html
    assert "I attest this content is anonymised" in html
    assert html.count("dismiss with reason") == 2


def test_approval_without_dismissals_or_attestation_is_refused(client, editor, dirty_in_review):
    page, task_state = dirty_in_review
    client.force_login(editor)
    url = workflow_action_url(page, "approve", task_state)

    response = client.post(url, approve_data(task_state, attest=False), **XHR)
    body = json.loads(response.content)
    assert body["step"] == "action"  # the form again, with errors
    assert "Dismiss this finding with a reason" in body["html"]
    assert "Tick the attestation" in body["html"]

    # attested, but one finding left without a reason, the other with too short a reason
    findings = task_state.task.specific.get_form_for_action("approve")(task_state=task_state).unresolved
    response = client.post(url, approve_data(task_state, [(findings[0], "too short")]), **XHR)
    body = json.loads(response.content)
    assert body["step"] == "action"
    assert "at least 10 characters" in body["html"]

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not reload(page).live
    assert not AnonymisationClearance.objects.exists() and not FindingDismissal.objects.exists()


def test_programmatic_approval_without_attestation_raises(editor, dirty_in_review):
    page, task_state = dirty_in_review
    task = task_state.task.specific
    with pytest.raises(PublishBlocked):
        task.on_action(task_state, editor, "approve", attest=True, dismissals={})
    with pytest.raises(PublishBlocked):
        task.on_action(task_state, editor, "approve", attest=False, dismissals={})
    assert not reload(page).live


def test_dismissing_each_finding_and_attesting_publishes_and_logs(client, editor, dirty_in_review):
    page, task_state = dirty_in_review
    findings = task_state.task.specific.get_form_for_action("approve")(task_state=task_state).unresolved
    assert {f.kind for f in findings} == {"postcode", "phone"}
    reasons = [(f, f"Fictional {f.kind} from the Ofcom drama range, not real.") for f in findings]
    client.force_login(editor)
    response = client.post(
        workflow_action_url(page, "approve", task_state),
        approve_data(task_state, reasons, comment="Checked."),
        **XHR,
    )
    assert json.loads(response.content)["step"] == "success"

    page = reload(page)
    assert page.live
    clearance = AnonymisationClearance.objects.get(revision=page.live_revision)
    assert clearance.attested_by == editor
    assert (clearance.findings_count, clearance.dismissed_count) == (2, 2)
    assert FindingDismissal.objects.filter(page=page, dismissed_by=editor).count() == 2

    attest = PageLogEntry.objects.get(page=page, action="anonymisation.attest")
    assert attest.user == editor
    assert attest.data["dismissed_count"] == 2
    assert "I attest this content is anonymised" in attest.data["attestation"]
    assert {d["text"] for d in attest.data["dismissed"]} == {"LS6 2AB", "0113 496 0000"}
    dismissals = PageLogEntry.objects.filter(page=page, action="anonymisation.dismiss")
    assert sorted(e.data["finding"]["kind"] for e in dismissals) == ["phone", "postcode"]
    assert all("Fictional" in e.data["reason"] for e in dismissals)
    assert "Attested anonymised" in attest.message
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_dismissals_carry_to_the_next_revision(client, editor, champion, dirty_in_review):
    page, task_state = dirty_in_review
    task = task_state.task.specific
    findings = task.get_form_for_action("approve")(task_state=task_state).unresolved
    task.on_action(
        task_state,
        editor,
        "approve",
        attest=True,
        dismissals={f.key: "A made-up detail for the story." for f in findings},
    )
    # a later edit keeps the same (dismissed) details: only the attestation is needed
    page = reload(page)
    page.outcome = "Child A is settled and doing well."
    page.save_revision(user=champion)
    task_state = submit(page, champion)
    form = task.get_form_for_action("approve")(task_state=task_state)
    assert form.unresolved == [] and len(form.dismissed) == 2
    task.on_action(task_state, editor, "approve", attest=True, dismissals={})
    page = reload(page)
    assert page.live and page.outcome == "Child A is settled and doing well."


def test_clean_story_approves_with_attestation(client, editor, champion, db):
    page = make_case_study(state="draft")
    task_state = submit(page, champion)
    client.force_login(editor)
    url = workflow_action_url(page, "approve", task_state)
    response = client.post(url, approve_data(task_state, attest=False), **XHR)
    assert json.loads(response.content)["step"] == "action"
    assert not reload(page).live

    response = client.post(url, approve_data(task_state), **XHR)
    assert json.loads(response.content)["step"] == "success"
    page = reload(page)
    assert page.live
    assert AnonymisationClearance.objects.get(revision=page.live_revision).findings_count == 0


def test_superuser_must_attest_too(client, superuser, champion, db):
    page = make_case_study(state="draft")
    task_state = submit(page, champion)
    client.force_login(superuser)
    response = client.post(
        workflow_action_url(page, "approve", task_state), approve_data(task_state, attest=False), **XHR
    )
    assert json.loads(response.content)["step"] == "action"
    assert not reload(page).live


def test_request_changes(client, editor, dirty_in_review):
    page, task_state = dirty_in_review
    client.force_login(editor)
    response = client.post(
        workflow_action_url(page, "reject", task_state), {"comment": "Please remove the postcode."}, **XHR
    )
    assert json.loads(response.content)["step"] == "success"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert not reload(page).live


def test_champion_can_submit_but_not_approve(client, champion, db):
    index = case_study_index()
    group = Group.objects.get(name=roles.CHAMPION)
    for codename in ("add_page", "change_page"):
        permission = Permission.objects.get(codename=codename, content_type__app_label="wagtailcore")
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
    page = make_case_study(state="draft")
    page.owner = champion
    page.save()
    client.force_login(champion)

    # submitting through the editor
    from .admin_forms import edit_post_data

    response = client.post(edit_url(page), edit_post_data(page, **{"action-submit": "action-submit"}))
    assert response.status_code == 302
    task_state = reload(page).current_workflow_task_state
    assert task_state is not None and isinstance(task_state.task.specific, AnonymisationCheckTask)

    # approving is refused
    response = client.post(workflow_action_url(page, "approve", task_state), approve_data(task_state), **XHR)
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not reload(page).live
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, champion, "approve", attest=True, dismissals={})
    assert not reload(page).live


def test_editor_approves_from_the_page_editor(client, editor, champion, dirty_in_review):
    """The editor's footer 'Approve (anonymisation attested)' collects the form, then posts the edit form."""
    from django.urls import reverse

    from .admin_forms import edit_post_data

    page, task_state = dirty_in_review
    client.force_login(editor)
    collect = reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, "approve", task_state.pk]
    )
    form = task_state.task.specific.get_form_for_action("approve")(task_state=task_state)
    response = client.post(
        collect,
        approve_data(task_state, [(f, "Invented for the story, not real.") for f in form.unresolved]),
        **XHR,
    )
    body = json.loads(response.content)
    assert body["step"] == "success"
    data = edit_post_data(
        page,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps(body["cleaned_data"]),
        },
    )
    # keep the body as it is (the helper posts a one-paragraph body)
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        (
                            "paragraph",
                            rich_text(
                                "<p>Child A moved to LS6 2AB. Call 0113 496 0000 for the duty desk.</p>"
                            ),
                        )
                    ]
                )
            }
        )
    )
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    assert reload(page).live
