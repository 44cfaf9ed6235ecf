from django.apps import AppConfig


class AnonymisationConfig(AppConfig):
    name = "cms.anonymisation"
    label = "anonymisation"  # kept from when it lived in case_studies: existing migrations name it
    verbose_name = "Anonymisation check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.models import Revision

        from . import checks, personal_data  # noqa: F401  (register the start-up check and the data export)
        from .guard import guarded_models
        from .publishing import guard_page_publish, guard_revision_schedule

        for model in guarded_models():
            pre_save.connect(
                guard_page_publish,
                sender=model,
                dispatch_uid=f"anonymisation-guard-{model._meta.label_lower}",
            )
        pre_save.connect(
            guard_revision_schedule, sender=Revision, dispatch_uid="anonymisation-guard-schedule"
        )
