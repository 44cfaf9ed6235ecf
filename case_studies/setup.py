"""What every case study index page needs, wherever it was created (admin, demo, import).

Champions may draft case studies and submit them for review; the review workflow with
the anonymisation check is assigned to the index, so nothing beneath it is published
without an attestation.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.users import roles

CHAMPION_PAGE_PERMISSIONS = ["add_page", "change_page"]


def set_up_index_page(index_page):
    from .review import ensure_case_study_workflow

    champions = Group.objects.filter(name=roles.CHAMPION).first()
    if champions is not None:
        for codename in CHAMPION_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=champions,
                page=index_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    ensure_case_study_workflow(index_page)


def index_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_index_page(instance)
