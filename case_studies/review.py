"""Case studies' review workflow: the shared anonymisation check under a case-study name."""

WORKFLOW_NAME = "Case study review"


def ensure_case_study_workflow(index_page=None):
    """Create (if missing) the "Case study review" workflow and assign it to ``index_page``,
    or to every CaseStudyIndexPage. Idempotent. Returns the Workflow."""
    from cms.anonymisation.workflow import ensure_review_workflow

    from .models import CaseStudyIndexPage

    pages = [index_page] if index_page is not None else list(CaseStudyIndexPage.objects.all())
    return ensure_review_workflow(WORKFLOW_NAME, pages)
