from django.apps import AppConfig


class AnonymisationConfig(AppConfig):
    name = "case_studies.anonymisation"
    label = "anonymisation"
    verbose_name = "Anonymisation guard"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import pre_save
        from wagtail.models import Revision

        from .publishing import guard_page_publish, guard_revision_schedule, is_guarded

        for model in apps.get_models():
            if is_guarded(model):
                pre_save.connect(guard_page_publish, sender=model,
                                 dispatch_uid=f"anonymisation-guard-{model._meta.label_lower}")
        pre_save.connect(guard_revision_schedule, sender=Revision, dispatch_uid="anonymisation-guard-schedule")
