"""No one but a superuser may change, deactivate, re-role or delete a superuser, or make one.

Single-object views (edit, delete) refuse the way the whole Wagtail admin refuses: a
PermissionDenied, which Wagtail answers with a redirect to the dashboard and "Sorry, you
do not have permission to access this area" (a 403 for XHR). Bulk actions (set active state, assign
role, delete) leave superusers out and list them under "You don't have permission...";
the other selected users are still acted on.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from cms.users import roles
from cms.users.models import User

pytestmark = pytest.mark.django_db


def bulk_url(action, *users, all_users=False):
    ids = "id=all" if all_users else "&".join(f"id={user.pk}" for user in users)
    return f"/admin/bulk/users/user/{action}/?{ids}"


def assert_refused(response):
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def grant_delete_users(user):
    """Editors cannot delete users today; a later grant must still never reach superusers."""
    user.user_permissions.add(Permission.objects.get(content_type__app_label="users", codename="delete_user"))


def test_editor_cannot_deactivate_a_superuser_in_bulk(client, editor, superuser):
    client.force_login(editor)
    url = bulk_url("set_active_state", superuser)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "You don't have permission to edit this user" in html
    assert 'name="mark_as_active"' not in html  # no form to submit: only "go back"

    client.post(url, {"mark_as_active": "False"})
    superuser.refresh_from_db()
    assert superuser.is_active


def test_editor_deactivating_everyone_leaves_superusers_active(client, editor, superuser, practitioner):
    client.force_login(editor)
    response = client.post(bulk_url("set_active_state", all_users=True), {"mark_as_active": "False"})
    assert response.status_code == 302
    superuser.refresh_from_db()
    practitioner.refresh_from_db()
    editor.refresh_from_db()
    assert superuser.is_active and editor.is_active  # nor themselves (Wagtail's own rule)
    assert not practitioner.is_active


def test_editor_cannot_assign_a_role_to_a_superuser_in_bulk(client, editor, superuser, practitioner):
    trainer_role = Group.objects.get(name=roles.TRAINER)
    client.force_login(editor)
    page = client.get(bulk_url("assign_role", superuser))
    assert page.status_code == 200
    assert 'name="role"' not in page.content.decode()

    response = client.post(bulk_url("assign_role", superuser, practitioner), {"role": trainer_role.pk})
    assert response.status_code == 302
    assert not superuser.groups.exists()
    assert set(practitioner.groups.values_list("name", flat=True)) == {roles.PRACTITIONER, roles.TRAINER}


def test_bulk_role_choices_are_the_four_roles(client, editor, practitioner):
    Group.objects.create(name="Something else")
    client.force_login(editor)
    form = client.get(bulk_url("assign_role", practitioner)).context["form"]
    assert sorted(form.fields["role"].queryset.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)


def test_editor_cannot_delete_a_superuser_even_with_delete_perm(client, editor, superuser, practitioner):
    grant_delete_users(editor)
    client.force_login(editor)
    assert_refused(client.get(f"/admin/users/delete/{superuser.pk}/"))
    assert_refused(client.post(f"/admin/users/delete/{superuser.pk}/"))

    response = client.post(bulk_url("delete", superuser, practitioner))
    assert response.status_code == 302
    assert User.objects.filter(pk=superuser.pk).exists()
    assert not User.objects.filter(pk=practitioner.pk).exists()


def test_editor_cannot_edit_or_post_to_a_superuser(client, editor, superuser):
    client.force_login(editor)
    url = f"/admin/users/edit/{superuser.pk}/"
    assert_refused(client.get(url))
    assert_refused(client.post(url, {"email": "taken@example.org", "is_active": "", "groups": []}))
    assert_refused(client.get(url, headers={"x-requested-with": "XMLHttpRequest"}))
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org" and superuser.is_active


def test_editor_cannot_create_a_superuser(client, editor):
    client.force_login(editor)
    form_page = client.get("/admin/users/new/")
    assert 'name="is_superuser"' not in form_page.content.decode()
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new-admin@example.org",
            "is_superuser": "on",
            "groups": [Group.objects.get(name=roles.EDITOR).pk],
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(email="new-admin@example.org")
    assert not created.is_superuser and not created.is_staff


def test_listing_does_not_link_editors_to_superusers(client, editor, superuser, practitioner):
    client.force_login(editor)
    html = client.get("/admin/users/").content.decode()
    assert f"/admin/users/edit/{practitioner.pk}/" in html
    assert f"/admin/users/edit/{superuser.pk}/" not in html


def test_superuser_still_manages_superusers(client, superuser):
    other = User.objects.create_superuser(email="root2@example.org", password="x")
    client.force_login(superuser)
    assert client.get(f"/admin/users/edit/{other.pk}/").status_code == 200
    client.post(bulk_url("set_active_state", other), {"mark_as_active": "False"})
    other.refresh_from_db()
    assert not other.is_active


def test_any_user_bulk_action_reaching_a_superuser_is_refused(rf, editor, superuser, practitioner):
    """The backstop: whatever bulk action for users runs (ours, Wagtail's or a later one),
    a non-superuser's request that would touch a superuser is refused before it executes."""
    from cms.users.wagtail_hooks import refuse_bulk_actions_on_superusers

    class Action:
        model = User

    request = rf.post("/")
    request.user = editor
    with pytest.raises(PermissionDenied):
        refuse_bulk_actions_on_superusers(request, "set_active_state", [practitioner, superuser], Action())
    assert refuse_bulk_actions_on_superusers(request, "set_active_state", [practitioner], Action()) is None
    request.user = superuser
    assert refuse_bulk_actions_on_superusers(request, "set_active_state", [superuser], Action()) is None


def test_editor_grants_only_our_roles_and_keeps_other_groups(client, editor, practitioner):
    """A group a superuser made (with whatever permissions) is not the Editors' to grant."""
    other = Group.objects.create(name="Made by a superuser")
    client.force_login(editor)
    edit_url = f"/admin/users/edit/{practitioner.pk}/"
    form = client.get(edit_url).context["form"]
    assert sorted(form.fields["groups"].queryset.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)

    data = {"email": practitioner.email, "is_active": "on", "password1": "", "password2": ""}
    response = client.post(edit_url, {**data, "groups": [other.pk]})
    assert response.status_code == 200  # "Select a valid choice"
    assert not practitioner.groups.filter(pk=other.pk).exists()

    # a group the user already has stays selectable, so saving the form keeps it
    practitioner.groups.add(other)
    editor_role = Group.objects.get(name=roles.EDITOR)
    response = client.post(edit_url, {**data, "groups": [other.pk, editor_role.pk]})
    assert response.status_code == 302
    assert set(practitioner.groups.values_list("name", flat=True)) == {other.name, roles.EDITOR}
