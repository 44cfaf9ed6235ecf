"""Create the "Case study review" workflow (the shared anonymisation check task, Editor group)
and assign it to every CaseStudyIndexPage. Idempotent: databases where the anonymisation
app's old 0002 already did this keep their workflow. Index pages created later get it
from ``case_studies.setup``."""

from django.db import migrations

from case_studies.review import WORKFLOW_NAME
from cms.anonymisation.workflow import ensure_workflow_models


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("anonymisation", "AnonymisationCheckTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="anonymisation", model="anonymisationchecktask"
    )

    def create_task(**fields):
        return Task.objects.create(content_type=content_type, **fields)

    ensure_workflow_models(
        workflow_name=WORKFLOW_NAME,
        index_pages=list(apps.get_model("case_studies", "CaseStudyIndexPage").objects.all()),
        Task=Task,
        Workflow=apps.get_model("wagtailcore", "Workflow"),
        WorkflowTask=apps.get_model("wagtailcore", "WorkflowTask"),
        WorkflowPage=apps.get_model("wagtailcore", "WorkflowPage"),
        Group=apps.get_model("auth", "Group"),
        create_task=create_task,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("case_studies", "0001_initial"),
        ("anonymisation", "0002_case_study_workflow"),
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
