"""Demo case studies: an index page under the home page and twelve published stories."""

from datetime import date, timedelta

from django.utils.html import escape
from wagtail.models import Page

from cms.anonymisation.publishing import clear_and_publish
from cms.home.models import HomePage
from cms.taxonomy.dimensions import TermIndex

from .demo_stories import STORIES
from .models import CaseStudyIndexPage, CaseStudyPage, RelatedCaseStudy
from .setup import set_up_index_page

INTRO = (
    "<p>Stories of professionals sharing information well, with a good outcome for a child and "
    "family. Every story is anonymised or a fictional composite, and says what evidence stands "
    "behind it.</p>"
)


def index_page():
    index = CaseStudyIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(
            instance=CaseStudyIndexPage(title="Case studies", slug="case-studies", intro=INTRO)
        )
    return index


def body_for(story):
    body = [
        ("situation", {"heading": "The situation", "text": f"<p>{escape(story['situation'])}</p>"}),
        (
            "sharing",
            {"what": story["what"], "with_whom": story["with_whom"], "how": story["how"], "notes": ""},
        ),
        ("legal_basis", {"basis": story["basis"], "consent_notes": story["consent_notes"]}),
        ("situation", {"heading": "The outcome", "text": f"<p>{escape(story['outcome'])}</p>"}),
        ("situation", {"heading": "What made it work", "text": f"<p>{escape(story['worked'])}</p>"}),
        ("learning_points", {"points": story["learning"]}),
    ]
    if story.get("reflection"):
        quote, name, role = story["reflection"]
        body.append(("reflection", {"quote": quote, "author_name": name, "author_role": role}))
    return body


def load(stdout):
    index = index_page()
    index.intro = INTRO
    index.save_revision().publish()
    set_up_index_page(index)  # also done when an index is created; repeated for older demo data

    terms = TermIndex.load()  # an unknown slug in a story stops the loader, naming it
    today = date.today()
    pages = []
    for story in STORIES:
        page = CaseStudyPage.objects.filter(slug=story["slug"]).first()
        creating = page is None
        page = page or CaseStudyPage(slug=story["slug"])
        page.title = story["title"]
        page.summary = story["summary"]
        page.area = terms.resolve("area", story["area"])
        page.year = story["year"]
        page.stage = terms.resolve("stage", story["stage"])
        page.consent_position = story["consent"]
        page.outcome = story["outcome"]
        page.evidence_type = terms.resolve("evidence", story["evidence"])
        page.limitations = story["limitations"]
        page.body = body_for(story)
        page.review_due = today + timedelta(days=story["review_offset_days"])
        page.last_reviewed = today - timedelta(days=365 - max(story["review_offset_days"], 0) // 2)
        page.agencies = [terms.resolve("agency", slug) for slug in story["agencies"]]
        page.concern_types = [terms.resolve("concern", slug) for slug in story["concerns"]]
        page.themes.set([terms.resolve("theme", slug) for slug in story["themes"]])
        if creating:
            index.add_child(instance=page)
        pages.append(page)

    for page in pages:
        page.related_items = [RelatedCaseStudy(related_page=other) for other in related_to(page, pages)]
        findings = clear_and_publish(page, attest_by_system=True)  # demo text passes the check
        if findings:
            stdout.write(f"    {page.title}: kept as draft, {len(findings)} anonymisation finding(s)")
    feature_on_home(pages[:3])
    return f"{len(pages)} case studies"


def related_to(page, pages, limit=2):
    """The stories sharing most themes with this one."""
    themes = {tag.slug for tag in page.themes.all()}
    scored = [
        (len(themes & {tag.slug for tag in other.themes.all()}), other) for other in pages if other != page
    ]
    return [other for score, other in sorted(scored, key=lambda pair: -pair[0])[:limit] if score]


def feature_on_home(pages):
    home = HomePage.objects.get()
    home.featured = [
        ("item", {"page": Page.objects.get(pk=page.pk), "label": "Case study"}) for page in pages
    ]
    home.save_revision().publish()
