"""Each champion edits only their own profile and stories, never publishes; Editors publish;
Practitioners never reach the admin (``champions/permissions.py``)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry

from champions.models import ChampionProfilePage, ChampionStoryPage
from champions.permissions import profile_group_name, sync_profile_group
from champions.setup import ensure_champion_index
from cms.users import roles
from cms.users.models import User

from .factories import (
    add_story_url,
    edit_url,
    make_champion,
    make_champion_user,
    make_story,
    profile_post_data,
    reload,
    story_post_data,
)

pytestmark = pytest.mark.django_db

SUBMIT = {"action-submit": "action-submit"}
PUBLISH = {"action-publish": "action-publish"}


def perms(page, user):
    """Page permissions as Wagtail works them out for a fresh copy of the user (no cached grants)."""
    return page.permissions_for_user(User.objects.get(pk=user.pk))


@pytest.fixture
def two_champions():
    a = make_champion("Alex Able")
    b = make_champion("Bea Bright")
    return a, make_story(a, live=False), b, make_story(b, live=False)


# -- the grants ---------------------------------------------------------------------------------


def test_each_profile_has_its_own_group_with_add_and_change_only(two_champions):
    a, _story, b, _ = two_champions
    group = Group.objects.get(name=profile_group_name(a))
    assert list(group.user_set.all()) == [a.user]
    grants = GroupPagePermission.objects.filter(group=group)
    assert {(g.page_id, g.permission.codename) for g in grants} == {(a.pk, "add_page"), (a.pk, "change_page")}
    assert not group.permissions.exists()
    assert a.user.groups.filter(name=roles.CHAMPION).exists()
    # the name is the page id: no email or name in it
    assert a.user.email not in group.name and "Alex" not in group.name


def test_the_champion_role_has_no_page_permission_on_the_index_and_editors_publish():
    index = ensure_champion_index()
    assert not GroupPagePermission.objects.filter(group__name=roles.CHAMPION, page=index).exists()
    editor_grants = set(
        GroupPagePermission.objects.filter(group__name=roles.EDITOR, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert editor_grants == {"add_page", "change_page", "publish_page"}

    # a stray grant to the whole role (which would let every champion edit every profile) is removed
    GroupPagePermission.objects.create(
        group=Group.objects.get(name=roles.CHAMPION),
        page=index,
        permission=GroupPagePermission.objects.filter(page=index).first().permission,
    )
    ensure_champion_index()
    assert not GroupPagePermission.objects.filter(group__name=roles.CHAMPION, page=index).exists()


def test_what_wagtail_allows_each_role(two_champions, editor, trainer, practitioner):
    a, story_a, b, story_b = two_champions
    own, own_story = perms(a, a.user), perms(story_a, a.user)
    assert own.can_edit() and own.can_add_subpage() and own_story.can_edit()
    assert not own.can_publish() and not own_story.can_publish() and not own.can_unpublish()
    assert not own.can_delete()
    other, other_story = perms(b, a.user), perms(story_b, a.user)
    assert not other.can_edit() and not other.can_add_subpage() and not other_story.can_edit()
    index = perms(ensure_champion_index(), a.user)
    assert not index.can_add_subpage() and not index.can_edit()
    for user in (trainer, practitioner):
        assert not perms(a, user).can_edit() and not perms(story_a, user).can_edit()
    assert perms(a, editor).can_publish() and perms(story_b, editor).can_publish()


def test_a_new_user_on_the_profile_takes_over_the_group(two_champions):
    a, story_a, _b, _ = two_champions
    old_user = a.user
    new_user = make_champion_user()
    a.user = new_user
    a.save()
    group = Group.objects.get(name=profile_group_name(a))
    assert list(group.user_set.all()) == [new_user]
    assert perms(story_a, new_user).can_edit()
    assert not perms(story_a, old_user).can_edit() and not perms(a, old_user).can_edit()

    a.user = None
    a.save()
    assert not group.user_set.exists()
    assert not perms(a, new_user).can_edit()


def test_publishing_a_profile_with_another_user_moves_the_permissions(two_champions, editor):
    """An editor changes the account on a draft: it takes effect when the draft is published."""
    from .factories import cleared

    a, _story, _b, _ = two_champions
    new_user = make_champion_user()
    draft = reload(a)
    draft.user = new_user
    draft.save_revision(user=editor)
    assert not perms(a, new_user).can_edit()  # a draft gives nothing yet
    cleared(a).publish(user=editor)
    assert perms(a, new_user).can_edit() and not perms(a, a.user).can_edit()


def test_deleting_a_profile_deletes_its_group(two_champions):
    a, *_ = two_champions
    name = profile_group_name(a)
    ChampionProfilePage.objects.get(pk=a.pk).delete()
    assert not Group.objects.filter(name=name).exists()


def test_sync_is_idempotent_and_removes_extra_grants(two_champions):
    a, *_ = two_champions
    group = sync_profile_group(a)
    publish = GroupPagePermission.objects.filter(group__name=roles.EDITOR).first().permission
    GroupPagePermission.objects.create(group=group, page=ensure_champion_index(), permission=publish)
    sync_profile_group(a)
    sync_profile_group(a)
    assert GroupPagePermission.objects.filter(group=group).count() == 2
    assert Group.objects.filter(name=profile_group_name(a)).count() == 1


# -- through the admin --------------------------------------------------------------------------


def test_a_champion_edits_and_adds_stories_under_their_own_profile(client, two_champions):
    a, story_a, *_ = two_champions
    client.force_login(a.user)
    assert client.get(edit_url(a)).status_code == 200
    assert client.get(edit_url(story_a)).status_code == 200
    assert client.get(add_story_url(a)).status_code == 200

    response = client.post(add_story_url(a), story_post_data(profile=a))
    assert response.status_code == 302
    new = ChampionStoryPage.objects.child_of(a).get(title="Asking the school nurse first")
    assert not new.live and new.owner == a.user

    response = client.post(edit_url(story_a), story_post_data(story_a, title="A better title"))
    assert response.status_code == 302
    assert reload(story_a).get_latest_revision().as_object().title == "A better title"


def test_a_champion_cannot_edit_add_to_or_submit_another_champions_pages(client, two_champions):
    a, _story_a, b, story_b = two_champions
    client.force_login(a.user)
    for url in (edit_url(b), edit_url(story_b), add_story_url(b)):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), url

    before = (b.get_latest_revision().pk, story_b.get_latest_revision().pk)
    response = client.post(edit_url(story_b), story_post_data(story_b, title="Taken over", **SUBMIT))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    response = client.post(edit_url(b), profile_post_data(b, help_with="Nothing", **SUBMIT))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    response = client.post(add_story_url(b), story_post_data(profile=b))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")

    assert (reload(b).get_latest_revision().pk, reload(story_b).get_latest_revision().pk) == before
    assert reload(story_b).current_workflow_state is None and reload(b).current_workflow_state is None
    assert ChampionStoryPage.objects.child_of(b).count() == 1


def test_a_champion_cannot_publish_their_own_story_or_profile(client, two_champions):
    a, story_a, *_ = two_champions
    client.force_login(a.user)
    response = client.post(edit_url(story_a), story_post_data(story_a, **PUBLISH))
    assert response.status_code == 302
    story = reload(story_a)
    assert not story.live and story.live_revision is None
    assert not PageLogEntry.objects.filter(page=story_a, action="wagtail.publish").exists()

    bulk = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={story_a.pk}&next={edit_url(a)}"
    )
    client.post(bulk, {"include_descendants": ""})
    assert not reload(story_a).live

    # their own profile: the edit form has no Publish, and posting it only saves a draft
    live_revision = reload(a).live_revision_id
    client.post(edit_url(a), profile_post_data(a, help_with="Changed without review.", **PUBLISH))
    assert reload(a).live_revision_id == live_revision
    assert reload(a).help_with != "Changed without review."


def test_a_champion_never_sees_or_sets_the_profile_account(client, two_champions):
    a, *_ = two_champions
    other = make_champion_user()
    client.force_login(a.user)
    html = client.get(edit_url(a)).content.decode()
    assert 'name="user"' not in html
    client.post(edit_url(a), profile_post_data(a, user=other.pk))
    assert reload(a).get_latest_revision().as_object().user_id == a.user_id


def test_an_editor_sees_the_account_field_and_can_publish(client, two_champions, editor):
    from .factories import cleared

    _a, _, b, story_b = two_champions
    client.force_login(editor)
    assert 'name="user"' in client.get(edit_url(b)).content.decode()
    cleared(story_b)
    response = client.post(edit_url(story_b), story_post_data(story_b, **PUBLISH))
    assert response.status_code == 302
    assert reload(story_b).live


def test_a_practitioner_cannot_reach_the_admin(client, two_champions, practitioner):
    a, story_a, *_ = two_champions
    client.force_login(practitioner)
    for url in (reverse("wagtailadmin_home"), edit_url(a), edit_url(story_a), add_story_url(a)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response.url, url
    response = client.post(edit_url(story_a), story_post_data(story_a, title="No", **SUBMIT))
    assert response.status_code == 302 and "login" in response.url
    assert reload(story_a).current_workflow_state is None


def test_a_trainer_cannot_edit_champion_pages(client, two_champions, trainer):
    a, story_a, *_ = two_champions
    client.force_login(trainer)
    for url in (edit_url(a), edit_url(story_a), add_story_url(a)):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), url


def test_an_editor_creates_a_profile_in_the_admin_and_its_champion_gets_their_subtree(client, editor):
    index = ensure_champion_index()
    champion = make_champion_user()
    other = make_champion()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["champions", "championprofilepage", index.pk])
    data = profile_post_data(
        other, user=champion.pk, display_name="Casey Cole", first_name_only="on", slug=""
    )
    data["job_title"] = "Designated safeguarding lead"
    response = client.post(url, data)
    assert response.status_code == 302
    profile = ChampionProfilePage.objects.get(user=champion)
    # the title is the name as shown; the address is the role and area, never the name
    assert (profile.title, profile.display_name) == ("Casey", "Casey Cole")
    assert profile.slug == f"designated-safeguarding-lead-{other.area.slug}"
    assert not profile.live and not profile.has_consent
    assert list(Group.objects.get(name=profile_group_name(profile)).user_set.all()) == [champion]
    assert perms(profile, champion).can_edit() and perms(profile, champion).can_add_subpage()
    assert not perms(profile, champion).can_publish() and not perms(other, champion).can_edit()
