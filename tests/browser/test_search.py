"""Site search in a real browser: header box, filters, results, suggestions, axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stories(baseline_data):
    from case_studies.tests.factories import make_case_study

    return [
        make_case_study(
            "Consent at the school gate",
            state="published",
            agencies=("police", "education"),
            themes=("consent",),
            summary="The school and the police talked about consent early.",
        ),
        make_case_study(
            "Consent refused by a teenager",
            state="published",
            agencies=("health",),
            themes=("consent",),
            summary="A 17-year-old refused consent; health shared anyway.",
        ),
        make_case_study("Consent draft story", state="draft", agencies=("police",), summary="Draft consent."),
    ]


def test_search_from_header_filter_by_agency_and_follow_a_result(page, axe, stories):
    page.goto("/")
    page.get_by_label("Search the site").fill("consent")
    page.get_by_label("Search the site").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=consent"))
    expect(page.get_by_test_id("result-count")).to_contain_text("2 results")
    expect(page.get_by_test_id("search-results")).not_to_contain_text("Consent draft story")
    assert serious_violations(axe, page) == []

    page.get_by_label(re.compile(r"^Police")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"agency=police"))
    expect(page.get_by_test_id("result-count")).to_contain_text("1 result")
    results = page.get_by_test_id("search-results")
    expect(results.locator("mark").first).to_have_text(re.compile("consent", re.I))

    results.get_by_role("link", name="Consent at the school gate").click()
    expect(page).to_have_url(re.compile(r"/case-studies/consent-at-the-school-gate"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Consent at the school gate")


def test_empty_state_is_accessible(page, axe, stories):
    page.goto("/search/?q=xylophone")
    expect(page.get_by_test_id("empty-state")).to_be_visible()
    expect(page.get_by_role("link", name="browse all case studies")).to_be_visible()
    assert serious_violations(axe, page) == []


def test_blank_search_page_is_accessible(page, axe, baseline_data):
    page.goto("/search/")
    assert serious_violations(axe, page) == []


def test_search_as_you_type_is_keyboard_navigable(page, axe, stories):
    page.goto("/search/?q=")
    box = page.locator("#search-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("cons", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(listbox).not_to_contain_text("draft")
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")

    box.press("ArrowDown")
    first_id = options.nth(0).get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    box.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    assert serious_violations(axe, page) == []

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")
    box.press("ArrowDown")
    target = options.nth(1).inner_text().splitlines()[0]
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(target)


def test_search_works_without_javascript(browser, live_server, stories):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Search the site").fill("teenager")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("result-count")).to_contain_text("1 result")
    context.close()
