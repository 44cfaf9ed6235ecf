"""Who may do what with champion pages in the Wagtail admin.

Wagtail's page permissions belong to groups, and apply to a page and everything beneath
it. So:

* **Each champion edits only their own subtree.** Every profile has its own group,
  "Champion profile <page id>" (an id, not the champion's name or email, so the name never
  changes and no personal data sits in it), holding exactly the profile's ``user`` and
  ``add_page`` + ``change_page`` on the profile page: the champion edits their profile and
  adds and edits stories under it. Never ``publish_page``: everything they write goes
  through the "Champion review" workflow (``setup.py``), where an Editor runs the
  anonymisation check and approves. :func:`sync_profile_group` keeps the group in step
  whenever a profile is saved (created in the admin, by the demo loader or a test factory;
  published with a different ``user``): a new user replaces the old one at once. Deleting
  the profile deletes its group.
* **The Champion role has no page permission on the champion index** (it has add and edit
  on the case study index, ``case_studies/setup.py``, which is unrelated). If it had, every
  champion could edit every other champion's profile and stories; :func:`grant_index_permissions`
  removes any such grant.
* **Editors add, edit and publish** everything under the index (granted on the index by
  :func:`grant_index_permissions`, from ``setup.set_up_index_page``, on top of their
  site-wide grant), and act on the workflow's anonymisation task.
* **Practitioners** have no admin access at all (``cms/users``), so they never reach these pages.

The admin views for consent and the yearly confirmation (``admin_views.py``) check
:func:`owns_profile` and :func:`may_moderate`.
"""

OWN_PROFILE_PERMISSIONS = ("add_page", "change_page")  # never publish_page
EDITOR_INDEX_PERMISSIONS = ("add_page", "change_page", "publish_page")
GROUP_PREFIX = "Champion profile "


def profile_group_name(profile_or_pk) -> str:
    pk = getattr(profile_or_pk, "pk", profile_or_pk)
    return f"{GROUP_PREFIX}{pk}"


def _page_permission(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def sync_profile_group(profile):
    """The profile's own group: ``add_page`` and ``change_page`` on the profile page and nothing
    else, and the profile's ``user`` as its only member (none when the profile has no user).
    Idempotent. Returns the group."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    group, _created = Group.objects.get_or_create(name=profile_group_name(profile))
    wanted = set()
    for codename in OWN_PROFILE_PERMISSIONS:
        grant, _ = GroupPagePermission.objects.get_or_create(
            group=group, page_id=profile.pk, permission=_page_permission(codename)
        )
        wanted.add(grant.pk)
    GroupPagePermission.objects.filter(group=group).exclude(pk__in=wanted).delete()
    group.permissions.clear()  # model permissions come from the roles, never from here
    if profile.user_id:
        group.user_set.set([profile.user_id])
    else:
        group.user_set.clear()
    return group


def profile_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """post_save on ChampionProfilePage. Saves that touch only Wagtail's bookkeeping (a new
    draft revision) leave the group alone; any full save (creation, publishing, unpublishing)
    brings it in step with the page's ``user``."""
    if raw:
        return
    if not created and update_fields is not None and "user" not in update_fields:
        return
    sync_profile_group(instance)


def profile_deleted(sender, instance, **kwargs):
    from django.contrib.auth.models import Group

    Group.objects.filter(name=profile_group_name(instance)).delete()


def grant_index_permissions(index_page):
    """Editors add, edit and publish under the champion index; the Champion role has no page
    permission there (each champion's own group gives them their own subtree only)."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from cms.users import roles

    editors = Group.objects.filter(name=roles.EDITOR).first()
    if editors is not None:
        for codename in EDITOR_INDEX_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=index_page, permission=_page_permission(codename)
            )
    GroupPagePermission.objects.filter(group__name=roles.CHAMPION, page=index_page).delete()


# -- for the admin views ------------------------------------------------------------------------


def owns_profile(user, profile) -> bool:
    """``user`` is the champion whose profile this is."""
    return bool(user.is_authenticated and user.is_active and profile.user_id == user.pk)


def may_moderate(user, page) -> bool:
    """``user`` may publish ``page`` (Editors and superusers): they may record consent given on
    paper, or a withdrawal, for the champion."""
    return bool(user.is_authenticated and page.permissions_for_user(user).can_publish())


def profile_of(user):
    """The champion profile linked to ``user``, or None."""
    from .models import ChampionProfilePage

    if not user.is_authenticated:
        return None
    return ChampionProfilePage.objects.filter(user=user).first()
