"""Editors keep the "Can I share?" tree: they may add, change and view it (a snippet).

Not delete: deleting the live tree would take the aid offline and drop its path counts;
an Editor retires a tree by unticking "live". The path report (``wagtail_hooks``) is shown
to Editors by role, so needs no permission here.
"""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, roles.EDITOR, "can_i_share", "decisiontree", ("add", "change", "view"))


class Migration(migrations.Migration):
    dependencies = [
        ("can_i_share", "0001_initial"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
