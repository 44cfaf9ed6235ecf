from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "cms.uploads"
    label = "uploads"
    verbose_name = "Uploads"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model

        from .images import strip_new_image_file

        pre_save.connect(strip_new_image_file, sender=get_image_model(), dispatch_uid="uploads.strip_image")
