from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
        from .exports import protect_wagtail_exports

        protect_wagtail_exports()

        from .csp import init_chooser_widgets_from_data

        init_chooser_widgets_from_data()  # no inline scripts in the admin (the CSP)
