"""Helpers for data migrations that give roles (groups) their permissions.

They take the migration's `apps` registry, so they work on historical models, and
they create missing permission rows themselves (on a fresh database Django creates
permissions only after all migrations have run).
"""


def _group(apps, role):
    Group = apps.get_model("auth", "Group")
    return Group.objects.get_or_create(name=role)[0]


def model_permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": name or codename.replace("_", " ").capitalize()},
    )
    return permission


def grant_model_permissions(apps, role, app_label, model, actions):
    """Give `role` e.g. actions=("add", "change", "view") on app_label.model."""
    group = _group(apps, role)
    for action in actions:
        group.permissions.add(model_permission(apps, app_label, model, f"{action}_{model}"))


def grant_admin_access(apps, role):
    _group(apps, role).permissions.add(
        model_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    )


def grant_page_permissions(apps, role, codenames, page=None):
    """Page permissions (add_page, change_page, publish_page...) on `page` (default: the tree root)."""
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    page = page or Page.objects.get(depth=1)
    group = _group(apps, role)
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=model_permission(apps, "wagtailcore", "page", codename)
        )


def grant_collection_permissions(apps, role, app_label, model, codenames):
    """Image / document permissions on the root collection."""
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)
    group = _group(apps, role)
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=model_permission(apps, app_label, model, codename)
        )
