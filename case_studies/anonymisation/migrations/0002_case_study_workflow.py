"""Create the "Case study review" workflow (one anonymisation check task, Editor group) and
assign it to the CaseStudyIndexPage when one exists. On a fresh database the index page is
created later (demo loader / setup): call ``ensure_case_study_workflow(index_page)`` then.
"""

from django.db import migrations

from case_studies.anonymisation.workflow import ensure_workflow_models


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("anonymisation", "AnonymisationCheckTask")
    content_type, _ = ContentType.objects.get_or_create(app_label="anonymisation", model="anonymisationchecktask")

    def create_task(**fields):
        return Task.objects.create(content_type=content_type, **fields)

    ensure_workflow_models(
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
        ("anonymisation", "0001_initial"),
        ("case_studies", "0001_initial"),
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
