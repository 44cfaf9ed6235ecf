"""The programme index at /training/, for the demo loader and tests."""

INDEX_TITLE = "Induction programmes"
INDEX_SLUG = "training"
INDEX_INTRO = (
    "<p>Joint induction for new staff from police, health, education, children's social care and "
    "the other agencies in your partnership: learn the practical side of each other's services, in "
    "the same room.</p>"
)


# Trainers write and publish programmes; Editors may too.
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_programme_permissions(index_page):
    """Trainers and Editors may add, edit and publish programmes under ``index_page``."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from cms.users import roles

    for role in (roles.TRAINER, roles.EDITOR):
        group = Group.objects.get(name=role)
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=permission)


def index_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_programme_permissions(instance)


def ensure_programme_index():
    """The programme index (created and published under the home page if missing)."""
    from cms.home.models import HomePage

    from .models import ProgrammeIndexPage

    index = ProgrammeIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=ProgrammeIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO)
        )
        index.save_revision().publish()
    return index
