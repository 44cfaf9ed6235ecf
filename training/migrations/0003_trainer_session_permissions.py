"""Trainers schedule sessions and venues and keep the bookings and registers.

Page permissions on the programme index are granted when the index is created
(``training.programme_setup``), as the page does not exist yet here.
"""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, roles.TRAINER, "training", "session", ("add", "change", "delete", "view"))
    grant_model_permissions(apps, roles.TRAINER, "training", "venue", ("add", "change", "delete", "view"))
    grant_model_permissions(apps, roles.TRAINER, "training", "booking", ("change", "view"))


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_programmes_sessions_bookings"),
        ("users", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
