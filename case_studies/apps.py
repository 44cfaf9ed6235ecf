from django.apps import AppConfig
from django.db.models.signals import post_save


class CaseStudiesConfig(AppConfig):
    name = "case_studies"
    verbose_name = "Case studies"

    def ready(self):
        from .models import CaseStudyIndexPage
        from .setup import index_page_saved

        post_save.connect(index_page_saved, sender=CaseStudyIndexPage, dispatch_uid="case-study-index-setup")
