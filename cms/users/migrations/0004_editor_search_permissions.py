"""Editors reach Search promotions and the "Search terms" report, as README says.

0002 granted Editors add/change/delete on ``wagtailsearchpromotions.query``, which nothing
checks. Wagtail 8's Search promotions admin (menu item and views) checks the
``searchpromotion`` model's permissions; its "Search terms" report is superuser-only, so
``cms.users.wagtail_hooks`` serves it (and the query chooser) to holders of
``wagtailsearchpromotions.view_query`` instead. This migration grants Editors
add/change/delete_searchpromotion and view_query, and takes away the unused query grants.
"""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import grant_model_permissions, model_permission

APP = "wagtailsearchpromotions"
UNUSED_QUERY_ACTIONS = ["add", "change", "delete"]


def _revoke(apps, role, model, actions):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=role).first()
    if group is not None:
        group.permissions.remove(*(model_permission(apps, APP, model, f"{a}_{model}") for a in actions))


def forwards(apps, schema_editor):
    grant_model_permissions(apps, roles.EDITOR, APP, "searchpromotion", ["add", "change", "delete"])
    grant_model_permissions(apps, roles.EDITOR, APP, "query", ["view"])
    _revoke(apps, roles.EDITOR, "query", UNUSED_QUERY_ACTIONS)


def backwards(apps, schema_editor):
    _revoke(apps, roles.EDITOR, "searchpromotion", ["add", "change", "delete"])
    _revoke(apps, roles.EDITOR, "query", ["view"])
    grant_model_permissions(apps, roles.EDITOR, APP, "query", UNUSED_QUERY_ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_remove_wagtail_default_groups"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
