"""Editors keep the agency guides: add, change and view (the snippet admin checks these)."""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, roles.EDITOR, "agency_guides", "agencyguide", ("add", "change", "view"))


class Migration(migrations.Migration):
    dependencies = [
        ("agency_guides", "0001_initial"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
