from django.apps import AppConfig
from django.db.models.signals import post_save


class CaseStudiesConfig(AppConfig):
    name = "case_studies"
    verbose_name = "Case studies"

    def ready(self):
        from .models import CaseStudyIndexPage
        from .setup import index_page_saved

        post_save.connect(index_page_saved, sender=CaseStudyIndexPage, dispatch_uid="case-study-index-setup")
        register_search()


def register_search():
    """Case studies in the site search (/search/), with their facets."""
    from search.registry import register

    from .models import CaseStudyPage

    register(
        CaseStudyPage,
        slug="case-study",
        label="Case study",
        plural="Case studies",
        facets=["agency", "theme", "stage"],
        snippet_fields=["summary", "outcome", "body", "limitations"],
        summary_field="summary",
        select_related=["area", "stage", "evidence_type"],
    )
