"""The four roles and what each may do in the Wagtail admin.

Later apps grant their own permissions to these roles in their own migrations,
with the helpers in cms.users.role_permissions.
"""

from django.db import migrations

from cms.users import roles
from cms.users.role_permissions import (
    grant_admin_access,
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
)

TAXONOMY_MODELS = ["agency", "journeystage", "concerntype", "evidencetype", "area", "theme"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in roles.ALL_ROLES:
        Group.objects.get_or_create(name=role)

    for role in roles.ADMIN_ROLES:
        grant_admin_access(apps, role)
        grant_collection_permissions(apps, role, "wagtailimages", "image", ["add_image", "choose_image"])
        grant_collection_permissions(
            apps, role, "wagtaildocs", "document", ["add_document", "choose_document"]
        )

    # Editors moderate and publish every page, keep the taxonomy, and grant roles.
    grant_page_permissions(
        apps,
        roles.EDITOR,
        [
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        ],
    )
    for model in TAXONOMY_MODELS:
        grant_model_permissions(apps, roles.EDITOR, "taxonomy", model, ["add", "change", "delete", "view"])
    grant_model_permissions(apps, roles.EDITOR, "users", "user", ["add", "change", "view"])
    grant_model_permissions(
        apps, roles.EDITOR, "wagtailsearchpromotions", "query", ["add", "change", "delete"]
    )
    grant_model_permissions(apps, roles.EDITOR, "wagtailredirects", "redirect", ["add", "change", "delete"])
    grant_collection_permissions(
        apps, roles.EDITOR, "wagtailimages", "image", ["change_image", "delete_image"]
    )
    grant_collection_permissions(
        apps, roles.EDITOR, "wagtaildocs", "document", ["change_document", "delete_document"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("taxonomy", "0002_seed_taxonomy"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
