"""The transcode's claim token (tasks.py), and the video library for Editors.

wagtailmedia checks its own permissions (wagtailmedia.add_media and so on) on
collections, for whichever model is the media model. Editors get every one of them on
the root collection: like documents (cms/users/migrations/0005), an uploaded video can
be served to anyone, so uploading is publishing, which is the Editors' job.
"""

from django.db import migrations, models

from cms.users import roles
from cms.users.role_permissions import grant_collection_permissions

CODENAMES = ["add_media", "change_media", "delete_media"]


def grant_editors_media(apps, schema_editor):
    grant_collection_permissions(apps, roles.EDITOR, "wagtailmedia", "media", CODENAMES)


def revoke_editors_media(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=roles.EDITOR,
        permission__content_type__app_label="wagtailmedia",
        permission__codename__in=CODENAMES,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("video_media", "0001_video_and_caption_tracks"),
        ("users", "0002_roles"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="video",
            name="transcode_token",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RunPython(grant_editors_media, revoke_editors_media),
    ]
