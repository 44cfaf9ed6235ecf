import pytest
from playwright.sync_api import expect

from case_studies.models import CaseStudyFeedback
from case_studies.tests.factories import make_case_study
from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stories(baseline_data, no_search_index_updates):
    make_case_study(
        "Police and health agree a safety plan", agencies=["police", "health"], themes=["consent"]
    )
    make_case_study(
        "Health visitor and school share a chronology",
        agencies=["health", "education"],
        themes=["consent"],
        body=[("learning_points", {"points": ["Write it down."]})],
    )
    make_case_study("Housing spots a family under strain", agencies=["housing"], themes=["consent"])
    make_case_study("Police share a risk assessment", agencies=["police"], themes=["thresholds"])


def test_filter_by_two_agencies_and_a_theme_open_a_story_and_give_feedback(page, stories):
    page.goto("/case-studies/")
    expect(page.locator("#result-count")).to_have_text("4 stories")
    page.get_by_label("Police").check()
    page.get_by_label("Health (").check()
    page.locator("summary", has_text="Theme").click()
    page.get_by_label("Consent (").check()
    page.get_by_role("button", name="Apply filters").click()

    assert "agency=police" in page.url and "agency=health" in page.url and "theme=consent" in page.url
    expect(page.locator("#result-count")).to_have_text("2 stories")
    expect(page.get_by_role("link", name="Housing spots a family under strain")).to_have_count(0)

    page.get_by_role("link", name="Health visitor and school share a chronology").click()
    expect(page.get_by_role("heading", name="In brief")).to_be_visible()
    page.get_by_label("Yes").check()
    page.get_by_label("How could it be more useful? (optional)").fill("More on the chronology template")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Thank you for your feedback.")).to_be_visible()
    feedback = CaseStudyFeedback.objects.get()
    assert feedback.useful and feedback.comment == "More on the chronology template"


def test_listing_and_detail_have_no_serious_axe_violations(page, axe, stories):
    page.goto("/case-studies/?agency=police&theme=consent")
    assert serious_violations(axe, page) == []
    page.get_by_role("link", name="Police and health agree a safety plan").click()
    assert serious_violations(axe, page) == []


def test_listing_works_on_a_phone(phone_page, axe, stories):
    phone_page.goto("/case-studies/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(axe, phone_page) == []
