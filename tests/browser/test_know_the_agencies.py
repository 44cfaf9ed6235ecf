"""Issue 15 in Chromium: the "Can I share?" aid walked by keyboard alone on a phone-sized
screen (axe on every step), the glossary, and an agency guide that prints on one A4 page."""

import datetime
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from cms.agency_guides.tests.conftest import make_guide
from cms.can_i_share.demo import stream_value
from cms.can_i_share.models import DecisionTree, PathCount
from cms.glossary.demo import load as load_glossary
from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def decision_tree(baseline_data):
    return DecisionTree.objects.create(
        title="Can I share?",
        nodes=stream_value(),
        review_date=datetime.date.today() + datetime.timedelta(days=365),
    )


def tab_to(page, locator, limit=60):
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_the_decision_aid_walked_by_keyboard_on_a_phone(phone_page, axe, decision_tree):
    page = phone_page
    page.goto("/can-i-share/")
    assert serious_violations(axe, page) == []
    tab_to(page, page.get_by_role("button", name="Start now"))
    page.keyboard.press("Enter")
    expect(page.locator("input[name=answer]").first).to_be_attached()

    steps = 0
    while page.locator("input[name=answer]").count():
        steps += 1
        assert steps < 20, "the walk should reach an outcome"
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_violations(axe, page) == []
        tab_to(page, page.locator("input[name=answer]").first)
        page.keyboard.press("Space")  # the first answer
        expect(page.locator("input[name=answer]").first).to_be_checked()
        tab_to(page, page.get_by_role("button", name="Continue"))
        before = page.url
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url, before=before: url != before)

    expect(page.locator(".govuk-panel__title")).to_contain_text("Your next step")
    assert serious_violations(axe, page) == []
    assert steps >= 3
    # Only the anonymous count of the path is kept.
    assert PathCount.objects.get().count == 1


def test_the_glossary_filters_without_javascript_and_passes_axe(page, axe, baseline_data):
    load_glossary(io.StringIO())
    page.goto("/glossary/")
    assert serious_violations(axe, page) == []
    expect(page.get_by_role("link", name="MASH").first).to_be_visible()
    page.get_by_label("Police", exact=True).check()
    page.get_by_role("button", name="Apply").click()
    assert "agency=police" in page.url
    assert serious_violations(axe, page) == []


def test_an_agency_guide_prints_on_one_page(page, axe, baseline_data):
    make_guide("police")
    page.goto("/agencies/police/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Police")
    assert serious_violations(axe, page) == []
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
