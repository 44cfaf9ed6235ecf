from django.apps import AppConfig


class SearchTestAppConfig(AppConfig):
    name = "search.tests.testapp"
    label = "search_testapp"
    verbose_name = "Search test app"
    default_auto_field = "django.db.models.BigAutoField"
