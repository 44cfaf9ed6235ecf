"""Trainers and Editors see the learning dashboard (aggregate figures only); Editors
revoke certificates."""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import grant_model_permissions, model_permission


def grant(apps, schema_editor):
    permission = model_permission(
        apps,
        "training",
        "enrolment",
        "view_learning_dashboard",
        "Can view the learning dashboard (aggregate figures only)",
    )
    for role in (roles.TRAINER, roles.EDITOR):
        apps.get_model("auth", "Group").objects.get_or_create(name=role)[0].permissions.add(permission)
    grant_model_permissions(apps, roles.EDITOR, "training", "certificate", ("change", "view"))


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0005_completion_certificates_confidence"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
