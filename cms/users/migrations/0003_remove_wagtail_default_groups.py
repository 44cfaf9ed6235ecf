"""Remove Wagtail's default groups, "Moderators" and "Editors", so the only groups are our
four roles (Practitioner, Trainer, Champion, Editor).

What happens to their members: nothing is mapped. Someone in "Moderators" or Wagtail's
"Editors" gets no role from it (Wagtail's "Editors" is not our "Editor": ours publishes,
clears the anonymisation check and grants roles, so mapping would be an escalation); they
keep any of our roles they already hold, and a person left with none is granted one by an
Editor. On a fresh database both groups are empty.

What happens to their permissions: deleting a group removes its page, collection and model
permissions with it. Wagtail's default "Moderators approval" workflow task (on the root
page) was acted on by "Moderators"; every group approval task that named one of the two
groups is given our Editor role instead, so no task is left that only a superuser can act on.

Not reversible in data: going back leaves the roles as they are (Wagtail's groups are
not recreated).
"""

from django.db import migrations

from cms.users import roles

WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def remove_wagtail_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    old = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    if not old.exists():
        return
    editor, _ = Group.objects.get_or_create(name=roles.EDITOR)
    for task in GroupApprovalTask.objects.filter(groups__in=old).distinct():
        task.groups.add(editor)
    old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_roles"),
        # the latest migrations of the apps that give the default groups permissions
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(remove_wagtail_default_groups, migrations.RunPython.noop)]
