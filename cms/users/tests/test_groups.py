"""Our four roles are the only groups: Wagtail's default "Moderators" and "Editors" are gone."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow

from cms.users import roles
from conftest import make_user

pytestmark = pytest.mark.django_db


def remove_defaults():
    return importlib.import_module("cms.users.migrations.0003_remove_wagtail_default_groups")


def test_after_migrations_only_our_four_roles_exist():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)


def test_the_role_choices_in_the_user_form_are_our_four_roles(client, editor, practitioner):
    client.force_login(editor)
    form = client.get(f"/admin/users/edit/{practitioner.pk}/").context["form"]
    assert sorted(str(group) for group in form.fields["groups"].queryset) == sorted(roles.ALL_ROLES)


def test_wagtails_default_moderation_task_is_acted_on_by_our_editors():
    workflow = Workflow.objects.get(name="Moderators approval")
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITOR]


def test_members_of_the_old_groups_get_no_role_from_them(db):
    """Run the migration's function again on a database where the old groups have members."""
    moderators = Group.objects.create(name="Moderators")
    wagtail_editors = Group.objects.create(name="Editors")
    only_moderator = make_user("mod@example.org")
    only_moderator.groups.add(moderators)
    trainer = make_user("both@example.org", roles.TRAINER)
    trainer.groups.add(wagtail_editors)
    task = GroupApprovalTask.objects.create(name="Old approval")
    task.groups.add(moderators)

    remove_defaults().remove_wagtail_default_groups(apps, None)

    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)
    assert list(only_moderator.groups.all()) == []
    assert trainer.role_names == [roles.TRAINER]
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITOR]
