"""What the champion directory needs, wherever it was created (admin, demo, tests).

``ensure_champion_index`` creates the index at /champions/. ``set_up_index_page`` (also run
when an index is created any other way) assigns the "Champion review" workflow - the shared
anonymisation check, acted on by Editors - to the index, so every profile and story beneath
it is published only after review, and gives Editors add / edit / publish on it. Champions
get their page permissions per profile, not here (``permissions.py``).
"""

INDEX_TITLE = "Collaboration champions"
INDEX_SLUG = "champions"
INDEX_INTRO = (
    "<p>Named people in each agency who are happy to answer questions from colleagues in other "
    "agencies about sharing information, and who tell the stories of when it went well.</p>"
)
WORKFLOW_NAME = "Champion review"


def set_up_index_page(index_page):
    """The "Champion review" workflow (the shared anonymisation check) on the index, and the
    index's page permissions (Editors: add, edit, publish; the Champion role: none)."""
    from cms.anonymisation.workflow import ensure_review_workflow

    from .permissions import grant_index_permissions

    ensure_review_workflow(WORKFLOW_NAME, [index_page])
    grant_index_permissions(index_page)


def index_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_index_page(instance)


def ensure_champion_index():
    """The champion index (created and published under the home page if missing)."""
    from cms.home.models import HomePage

    from .models import ChampionIndexPage

    index = ChampionIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=ChampionIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO)
        )
        index.save_revision().publish()
    set_up_index_page(index)
    return index
