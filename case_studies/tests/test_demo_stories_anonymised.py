"""The twelve demo stories are published through the anonymisation check with no findings."""

from django.core.management import call_command

from case_studies.demo_stories import STORIES
from case_studies.models import CaseStudyPage
from cms.anonymisation.detection import scan_fields
from cms.anonymisation.extract import extract_page_text


def test_every_demo_story_is_live_and_its_published_text_has_no_findings(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    pages = CaseStudyPage.objects.filter(slug__in=[story["slug"] for story in STORIES])
    assert pages.count() == len(STORIES) == 12
    for page in pages:
        assert page.live, page.title
        findings = scan_fields(extract_page_text(page.specific))
        assert [(f.location, f.kind, f.text) for f in findings] == [], page.title
