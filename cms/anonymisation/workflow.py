"""A review workflow with the anonymisation check, for any index page whose children are guarded.

A feature app names its workflow ("Case study review", "Champion story review") and calls
:func:`ensure_review_workflow` when its index page is created; its data migrations call
:func:`ensure_workflow_models` with historical models.
"""

from cms.users import roles

TASK_NAME = "Anonymisation check"


def ensure_workflow_models(
    *, workflow_name, index_pages, Task, Workflow, WorkflowTask, WorkflowPage, Group, create_task
):
    """Create (if missing) the named workflow with the shared anonymisation task, acted on by
    the Editor group, and assign it to ``index_pages``. Idempotent. Returns the Workflow."""
    task = Task.objects.filter(name=TASK_NAME).first() or create_task(name=TASK_NAME, active=True)
    editors = Group.objects.filter(name=roles.EDITOR).first()
    if editors is not None and not task.groups.filter(pk=editors.pk).exists():
        task.groups.add(editors)
    workflow = Workflow.objects.filter(name=workflow_name).first() or Workflow.objects.create(
        name=workflow_name, active=True
    )
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        last = WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order").first()
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=(last.sort_order + 1) if last else 0
        )
    for page in index_pages:
        current = WorkflowPage.objects.filter(page_id=page.pk).first()
        if current is None:
            WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)
        elif (
            current.workflow_id != workflow.pk
            and not WorkflowTask.objects.filter(
                workflow_id=current.workflow_id, task__content_type=task.content_type_id
            ).exists()
        ):
            current.workflow = workflow
            current.save()
    return workflow


def ensure_review_workflow(workflow_name, index_pages):
    """:func:`ensure_workflow_models` with the current models."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from .models import AnonymisationCheckTask

    return ensure_workflow_models(
        workflow_name=workflow_name,
        index_pages=index_pages,
        Task=AnonymisationCheckTask,
        Workflow=Workflow,
        WorkflowTask=WorkflowTask,
        WorkflowPage=WorkflowPage,
        Group=Group,
        create_task=AnonymisationCheckTask.objects.create,
    )
