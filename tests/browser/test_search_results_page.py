"""The search results page and the case study listing on a phone and a desktop: results
first with the filters behind a "Filter" button on a phone (a link to the panel without
JavaScript), filters beside the results on a desktop, corrected results, axe.

Set SCREENSHOT_DIR to keep the phone screenshots these tests take."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


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
        make_case_study(
            "Early help for a family",
            state="published",
            agencies=("early-help",),
            themes=("think-family",),
            summary="Early help worked with the family and asked for their consent.",
        ),
    ]


def new_page(browser, live_server, *, phone=True, javascript=True):
    options = {"base_url": live_server.url, "java_script_enabled": javascript}
    if phone:
        options.update(viewport=PHONE, is_mobile=True, has_touch=True)
    else:
        options.update(viewport={"width": 1024, "height": 800})
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def phone(browser, live_server, baseline_data):
    context, page = new_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def phone_without_js(browser, live_server, baseline_data):
    context, page = new_page(browser, live_server, javascript=False)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server, baseline_data):
    context, page = new_page(browser, live_server, phone=False)
    yield page
    context.close()


def screenshot(page, name):
    """A full-page screenshot (kept in SCREENSHOT_DIR when that is set)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    path = None
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        path = str(Path(folder) / f"{name}.png")
    assert page.screenshot(path=path, full_page=True)


def top(locator):
    return locator.bounding_box()["y"]


def assert_results_first(page, toggle, panel, first_result):
    """On a phone: only the Filter button above the results, the filters hidden behind it."""
    expect(toggle).to_be_visible()
    expect(toggle).to_have_text(re.compile(r"^Filter\b"))
    expect(panel).to_be_hidden()
    expect(first_result).to_be_in_viewport()
    assert top(toggle) < top(first_result)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# -- search results on a phone -----------------------------------------------------------


def test_phone_results_first_and_filter_button_shows_the_filters(phone, axe, stories):
    phone.goto("/search/?q=consent")
    toggle = phone.get_by_role("button", name="Filter", exact=True)
    panel = phone.locator("#filters")
    results = phone.get_by_test_id("search-results")
    assert_results_first(phone, toggle, panel, results.get_by_role("link").first)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "filters")
    screenshot(phone, "search-results-phone")
    assert serious_violations(axe, phone) == []

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    assert top(toggle) < top(panel) < top(results)
    screenshot(phone, "search-results-phone-filters-open")
    assert serious_violations(axe, phone) == []

    panel.get_by_label(re.compile(r"^Police")).check()
    panel.get_by_role("button", name="Apply filters").click()
    expect(phone).to_have_url(re.compile(r"agency=police"))
    expect(phone.get_by_test_id("result-count")).to_contain_text("1 result")
    toggle = phone.get_by_role("button", name=re.compile(r"^Filter"))
    expect(toggle).to_have_text("Filter (1 applied)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(phone.locator("#filters")).to_be_hidden()

    toggle.click()
    expect(phone.locator("#filters")).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(phone.locator("#filters")).to_be_hidden()


def test_phone_filter_button_works_with_the_keyboard(phone, stories):
    phone.goto("/search/?q=consent")
    toggle = phone.get_by_role("button", name="Filter", exact=True)
    panel = phone.locator("#filters")
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    phone.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    phone.keyboard.press("Space")
    expect(panel).to_be_visible()

    # the filters come next in the tab order, then the results
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.getElementById('filters').contains(document.activeElement)")
    phone.keyboard.press("Space")  # check the first option
    first = phone.locator("#filters input[type=checkbox]").first
    expect(first).to_be_checked()
    name, value = first.get_attribute("name"), first.get_attribute("value")
    panel.get_by_role("button", name="Apply filters").focus()
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(rf"{name}={value}"))


def test_phone_without_javascript_filters_are_a_link_away_and_submit(phone_without_js, stories):
    page = phone_without_js
    page.goto("/search/?q=consent")
    toggle = page.get_by_role("link", name="Filter", exact=True)
    panel = page.locator("#filters")
    assert_results_first(page, toggle, panel, page.get_by_test_id("search-results").get_by_role("link").first)
    screenshot(page, "search-results-phone-no-js")

    toggle.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#filters$"))
    expect(panel).to_be_visible()
    expect(panel).to_be_in_viewport()
    page.keyboard.press("Tab")  # on into the filters
    assert page.evaluate("document.getElementById('filters').contains(document.activeElement)")

    panel.get_by_label(re.compile(r"^Health")).check()
    panel.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"agency=health"))
    expect(page.get_by_test_id("result-count")).to_contain_text("1 result")
    expect(page.get_by_test_id("search-results")).to_contain_text("Consent refused by a teenager")
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.get_by_role("link", name="Filter (1 applied)")).to_be_visible()


def test_phone_no_results_means_no_filter_button(phone, axe, stories):
    phone.goto("/search/?q=xylophone")
    expect(phone.get_by_test_id("empty-state")).to_be_visible()
    expect(phone.get_by_test_id("filter-toggle")).to_have_count(0)
    expect(phone.locator("#filters")).to_have_count(0)
    assert serious_violations(axe, phone) == []


# -- corrected results -------------------------------------------------------------------


def test_corrected_results_and_searching_instead_for_the_words_as_typed(phone, axe, stories):
    phone.goto("/search/?q=consnet")
    expect(phone.get_by_test_id("spelling-correction")).to_have_text(
        "Showing results for consent. Search instead for consnet"
    )
    expect(phone.get_by_test_id("result-count")).to_contain_text("3 results for “consent”")
    expect(phone).to_have_title(re.compile(r"^Search results for “consent”"))
    expect(phone.get_by_label("Search case studies and other learning")).to_have_value("consent")
    assert serious_violations(axe, phone) == []

    phone.get_by_role("link", name="consnet").click()
    expect(phone).to_have_url(re.compile(r"q=consnet&spelling=off"))
    expect(phone.get_by_test_id("result-count")).to_have_text("No results for “consnet”")
    expect(phone.get_by_test_id("did-you-mean")).to_contain_text("Did you mean consent?")
    expect(phone.locator("#filters")).to_have_count(0)


# -- desktop -------------------------------------------------------------------------------


def test_desktop_filters_beside_results_and_search_box_under_its_label(desktop, axe, stories):
    desktop.goto("/search/?q=consent")
    panel = desktop.locator("#filters")
    results = desktop.get_by_test_id("search-results")
    expect(panel).to_be_visible()
    expect(desktop.get_by_test_id("filter-toggle")).to_be_hidden()
    panel_box, results_box = panel.bounding_box(), results.bounding_box()
    assert panel_box["x"] + panel_box["width"] <= results_box["x"]  # beside, on the left
    assert abs(panel_box["y"] - desktop.get_by_test_id("result-count").bounding_box()["y"]) < 40

    label = desktop.locator("label[for=search-q]").bounding_box()
    box = desktop.locator("#search-q").bounding_box()
    assert abs(label["x"] - box["x"]) <= 1
    assert label["y"] < box["y"]
    button = desktop.get_by_role("button", name="Search", exact=True).bounding_box()
    assert button["x"] > box["x"] + box["width"] and abs(button["y"] - box["y"]) <= 2
    assert serious_violations(axe, desktop) == []


# -- the case study listing ------------------------------------------------------------------


def test_listing_on_a_phone_stories_first_and_filter_button(phone, axe, stories):
    phone.goto("/case-studies/")
    toggle = phone.get_by_role("button", name="Filter", exact=True)
    panel = phone.locator("#filters")
    assert_results_first(phone, toggle, panel, phone.locator("#result-count"))
    assert top(toggle) < top(phone.get_by_role("link", name="Consent at the school gate"))
    screenshot(phone, "case-studies-phone")
    assert serious_violations(axe, phone) == []

    toggle.focus()
    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    screenshot(phone, "case-studies-phone-filters-open")
    assert serious_violations(axe, phone) == []
    panel.get_by_label(re.compile(r"^Health \(")).check()
    panel.get_by_role("button", name="Apply filters").click()
    expect(phone).to_have_url(re.compile(r"agency=health"))
    expect(phone.locator("#result-count")).to_have_text("1 story")
    expect(phone.get_by_role("button", name="Filter (1 applied)")).to_have_attribute("aria-expanded", "false")


def test_listing_on_a_phone_without_javascript(phone_without_js, stories):
    page = phone_without_js
    page.goto("/case-studies/")
    toggle = page.get_by_role("link", name="Filter", exact=True)
    panel = page.locator("#filters")
    assert_results_first(page, toggle, panel, page.locator("#result-count"))
    toggle.click()
    expect(panel).to_be_visible()
    panel.get_by_label(re.compile(r"^Police \(")).check()
    panel.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"agency=police"))
    expect(page.locator("#result-count")).to_have_text("1 story")


def test_listing_on_a_desktop_keeps_filters_beside_the_stories(desktop, stories):
    desktop.goto("/case-studies/")
    panel = desktop.locator("#filters")
    expect(panel).to_be_visible()
    expect(desktop.get_by_test_id("filter-toggle")).to_be_hidden()
    assert (
        panel.bounding_box()["x"] + panel.bounding_box()["width"]
        <= (desktop.locator("#result-count").bounding_box()["x"])
    )
