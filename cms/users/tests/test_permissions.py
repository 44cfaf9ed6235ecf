"""Each role reaches what it should and is refused where it should not."""

import pytest
from django.contrib.auth.models import Group

from cms.users import roles

pytestmark = pytest.mark.django_db


def status(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_roles_exist_with_admin_access_only_for_staff_roles():
    for role in roles.ALL_ROLES:
        group = Group.objects.get(name=role)
        has_admin = group.permissions.filter(codename="access_admin").exists()
        assert has_admin == (role in roles.ADMIN_ROLES), role


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/admin/"
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_practitioner_cannot_enter_admin(client, practitioner):
    response = client.force_login(practitioner) or client.get("/admin/")
    assert response.status_code == 302  # Wagtail redirects users without access_admin to its login
    assert status(client, None, "/accounts/profile/") == 200


@pytest.mark.parametrize("fixture", ["trainer", "champion", "editor"])
def test_staff_roles_reach_admin_dashboard(client, request, fixture):
    assert status(client, request.getfixturevalue(fixture), "/admin/") == 200


@pytest.mark.parametrize("fixture", ["practitioner", "trainer", "champion"])
def test_only_editors_manage_users(client, request, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    response = client.get("/admin/users/")
    assert response.status_code in (302, 403)


def test_editor_can_grant_roles_but_not_superuser(client, editor, practitioner):
    client.force_login(editor)
    assert client.get("/admin/users/").status_code == 200
    edit_url = f"/admin/users/edit/{practitioner.pk}/"
    form_page = client.get(edit_url)
    assert form_page.status_code == 200
    assert 'name="is_superuser"' not in form_page.content.decode()
    trainer_group = Group.objects.get(name=roles.TRAINER)
    response = client.post(
        edit_url,
        {
            "email": practitioner.email,
            "is_active": "on",
            "groups": [trainer_group.pk],
            "is_superuser": "on",
            "display_name": "Pat",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    practitioner.refresh_from_db()
    assert practitioner.role_names == [roles.TRAINER]
    assert practitioner.is_superuser is False


def test_editor_cannot_edit_a_superuser(client, editor, superuser):
    client.force_login(editor)
    assert client.get(f"/admin/users/edit/{superuser.pk}/").status_code in (302, 403)


@pytest.mark.parametrize("fixture", ["trainer", "champion"])
def test_only_editors_edit_taxonomy(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/admin/snippets/taxonomy/agency/").status_code in (302, 403)


def test_editor_edits_taxonomy_and_pages(client, editor):
    client.force_login(editor)
    assert client.get("/admin/snippets/taxonomy/agency/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_champion_can_draft_a_case_study_but_not_publish(client, champion):
    from case_studies.tests.factories import case_study_index

    index = case_study_index()
    client.force_login(champion)
    assert client.get(f"/admin/pages/add/case_studies/casestudypage/{index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{index.pk}/").status_code == 200
    from wagtail.models import Page

    assert not Page.objects.get(pk=index.pk).permissions_for_user(champion).can_publish_subpage()


def test_trainer_cannot_add_case_studies(client, trainer):
    from case_studies.tests.factories import case_study_index

    index = case_study_index()
    client.force_login(trainer)
    assert client.get(f"/admin/pages/add/case_studies/casestudypage/{index.pk}/").status_code in (302, 403)
