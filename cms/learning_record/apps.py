from django.apps import AppConfig


class LearningRecordConfig(AppConfig):
    name = "cms.learning_record"
    label = "learning_record"
    verbose_name = "Learning record"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data  # noqa: F401  registers the export and the erasure
