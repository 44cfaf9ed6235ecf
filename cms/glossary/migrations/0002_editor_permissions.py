"""Editors keep the glossary: they add, change, delete and view terms (snippets)."""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(
        apps, roles.EDITOR, "glossary", "glossaryterm", ("add", "change", "delete", "view")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0001_initial"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
