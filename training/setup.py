"""What every scenario index page needs, wherever it was created (admin, demo, tests).

Scenarios are checked for identifying details like case studies are: the "Scenario
review" workflow (the shared anonymisation check, acted on by editors) is assigned to the
index, so nothing beneath it is published without an attestation. The captions rule is
separate and applies on every path (``publishing.py``).
"""

WORKFLOW_NAME = "Scenario review"
INDEX_TITLE = "Video scenarios"
INDEX_SLUG = "scenarios"
INDEX_INTRO = (
    "<p>Short films of professionals deciding what to share, and with whom. Each one pauses to ask what "
    "you would do, then says what the law allows. Every scenario has captions, a transcript and a text "
    "version.</p>"
)


def ensure_scenario_workflow(index_page=None):
    """Create (if missing) the "Scenario review" workflow and assign it to ``index_page``, or
    to every ScenarioIndexPage. Idempotent. Returns the Workflow."""
    from cms.anonymisation.workflow import ensure_review_workflow

    from .models import ScenarioIndexPage

    pages = [index_page] if index_page is not None else list(ScenarioIndexPage.objects.all())
    return ensure_review_workflow(WORKFLOW_NAME, pages)


def set_up_index_page(index_page):
    ensure_scenario_workflow(index_page)


def index_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_index_page(instance)


def ensure_index_page():
    """The scenario index at /scenarios/ (created and published under the home page if
    missing), with its review workflow. For the demo loader and tests."""
    from cms.home.models import HomePage

    from .models import ScenarioIndexPage

    index = ScenarioIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=ScenarioIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO)
        )
        index.save_revision().publish()
    set_up_index_page(index)
    return index
