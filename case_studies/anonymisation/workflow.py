"""The "Case study review" workflow: one AnonymisationCheckTask acted on by the Editor group."""

from cms.users import roles

WORKFLOW_NAME = "Case study review"
TASK_NAME = "Anonymisation check"


def ensure_workflow_models(*, index_pages, Task, Workflow, WorkflowTask, WorkflowPage, Group, create_task):
    """Shared by the data migration (historical models) and ensure_case_study_workflow."""
    task = Task.objects.filter(name=TASK_NAME).first() or create_task(name=TASK_NAME, active=True)
    editors = Group.objects.filter(name=roles.EDITOR).first()
    if editors is not None and not task.groups.filter(pk=editors.pk).exists():
        task.groups.add(editors)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first() or Workflow.objects.create(
        name=WORKFLOW_NAME, active=True)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        last = WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order").first()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=(last.sort_order + 1) if last else 0)
    for page in index_pages:
        current = WorkflowPage.objects.filter(page_id=page.pk).first()
        if current is None:
            WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)
        elif current.workflow_id != workflow.pk and not WorkflowTask.objects.filter(
                workflow_id=current.workflow_id, task__content_type=task.content_type_id).exists():
            current.workflow = workflow
            current.save()
    return workflow


def ensure_case_study_workflow(index_page=None):
    """Create (if missing) the "Case study review" workflow and assign it to ``index_page``.

    Without ``index_page`` it is assigned to every CaseStudyIndexPage. Idempotent; call it
    after creating the index page (demo loader, setup). Returns the Workflow.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from case_studies.models import CaseStudyIndexPage

    from .models import AnonymisationCheckTask

    pages = [index_page] if index_page is not None else list(CaseStudyIndexPage.objects.all())
    return ensure_workflow_models(
        index_pages=pages, Task=AnonymisationCheckTask, Workflow=Workflow, WorkflowTask=WorkflowTask,
        WorkflowPage=WorkflowPage, Group=Group, create_task=AnonymisationCheckTask.objects.create,
    )
