"""Only Editors upload documents: Wagtail serves every document at /documents/<id>/<name>
to anyone, so an upload is a publication.

Trainers and Champions lose document upload (add_document; with it, Wagtail's "owners may
edit their own uploads"); they keep choose_document, to link a published document from a
page. Documents already uploaded by anyone who is not an Editor or superuser (or whose
uploader's account is gone) are held back in an Editors-only collection, where Wagtail's
serve view refuses them to everyone else; an Editor publishes one by moving it out.
"""

from django.db import migrations
from django.db.models import Q

from cms.users import roles
from cms.users.role_permissions import grant_collection_permissions

NOT_EDITORS = [roles.TRAINER, roles.CHAMPION]
UPLOAD_CODENAMES = ["add_document", "change_document", "delete_document"]
HELD_BACK = "Uploads awaiting an editor"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, as Wagtail's Collection uses
STEPLEN = 4


def remove_document_uploads(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission.objects.filter(
        group__name__in=NOT_EDITORS,
        permission__content_type__app_label="wagtaildocs",
        permission__codename__in=UPLOAD_CODENAMES,
    ).delete()
    for group in Group.objects.filter(name__in=NOT_EDITORS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="wagtaildocs", codename__in=UPLOAD_CODENAMES)
        )


def restore_document_uploads(apps, schema_editor):
    for role in NOT_EDITORS:
        grant_collection_permissions(apps, role, "wagtaildocs", "document", ["add_document"])


def _child_collection(Collection, parent, name):
    existing = Collection.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, name=name
    ).first()
    if existing:
        return existing
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("path")
        .last()
    )
    number = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    key = ""
    for _ in range(STEPLEN):
        number, digit = divmod(number, len(ALPHABET))
        key = ALPHABET[digit] + key
    Collection.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return Collection.objects.create(name=name, path=parent.path + key, depth=parent.depth + 1, numchild=0)


def hold_back_uploads_by_other_roles(apps, schema_editor):
    Document = apps.get_model("wagtaildocs", "Document")
    User = apps.get_model("users", "User")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")

    editors = User.objects.filter(Q(is_superuser=True) | Q(groups__name=roles.EDITOR))
    held = Document.objects.filter(
        Q(uploaded_by_user__isnull=True) | ~Q(uploaded_by_user__in=editors.values("pk"))
    )
    if not held.exists():
        return
    collection = _child_collection(Collection, Collection.objects.get(depth=1), HELD_BACK)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="groups", password=""
        )
        restriction.groups.add(Group.objects.get(name=roles.EDITOR))
    held.update(collection=collection)


def forwards(apps, schema_editor):
    remove_document_uploads(apps, schema_editor)
    hold_back_uploads_by_other_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0004_editor_search_permissions"),
    ]
    # Held-back documents stay where they are on the way back: an Editor moves them.
    operations = [migrations.RunPython(forwards, restore_document_uploads)]
