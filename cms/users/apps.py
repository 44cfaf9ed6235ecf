from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    default = True
    name = "cms.users"
    label = "users"
    verbose_name = "Users"


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our profile fields instead of first/last name."""

    user_viewset = "cms.users.admin_views.UserViewSet"
