"""The site and the Wagtail admin in Chromium under the real Content-Security-Policy.

Every page load is watched for CSP violations (the `securitypolicyviolation` event in every
frame, and Chromium's "Content Security Policy" console messages) and for uncaught script
errors; each test asserts there were none, and that the interactive parts work: GOV.UK
Frontend's components, search suggestions and the print button on the public site; the
side menu, the rich text editor, InlinePanel, choosers and date pickers in the admin.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.signing_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} ` +
    `at ${event.sourceFile || location.href}:${event.lineNumber} (${event.disposition})`
  );
});
"""


@pytest.fixture
def problems(page, settings):
    # Staff may be required to set up two-factor sign-in first (another change); not under test.
    settings.REQUIRE_MFA_FOR_STAFF = False
    found = []
    page.context.expose_function("__cspViolation", lambda text: found.append(f"violation: {text}"))
    page.context.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(f"console: {message.text}")
            if "Content Security Policy" in message.text or "admin init" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: found.append(f"script error on {page.url}: {error}"))
    return found


def visit(page, url):
    response = page.goto(url)
    assert response.ok, (url, response.status)
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (url, policy)
    return response


@pytest.fixture
def stories(baseline_data):
    from wagtail.rich_text import RichText

    from case_studies.tests.factories import make_case_study

    return [
        make_case_study(
            "Consent at the school gate",
            state="published",
            agencies=("police", "education"),
            themes=("consent",),
            body=[("paragraph", RichText("<p>The school and the police talked early.</p>"))],
        ),
        make_case_study("Consent refused by a teenager", state="published", agencies=("health",)),
    ]


def test_public_pages_work_without_violations(page, problems, stories):
    visit(page, "/")
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    # GOV.UK Frontend started (initAll, from js/app.js): it marks each component it starts.
    expect(page.locator('[data-module="govuk-skip-link"]')).to_have_attribute("data-govuk-skip-link-init", "")

    visit(page, "/case-studies/")
    expect(page.get_by_role("link", name="Consent at the school gate")).to_be_visible()

    visit(page, stories[0].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Consent at the school gate")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print this story").click()
    assert page.evaluate("window.__printed") is True

    visit(page, "/search/?q=consent")
    expect(page.get_by_test_id("result-count")).to_contain_text("2 results")
    box = page.locator("#search-q")
    box.fill("")
    box.press_sequentially("cons", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(2)
    box.press("ArrowDown")
    # The highlighted option's style comes from main.css now, not from an injected <style>.
    option = listbox.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(option).to_have_css("background-color", "rgb(255, 221, 0)")

    visit(page, "/accounts/login/")
    visit(page, "/accounts/register/")
    assert problems == []


def test_wagtail_admin_works_without_violations(page, problems, live_server, superuser, stories):
    from wagtail.contrib.search_promotions.models import Query

    from case_studies.models import CaseStudyIndexPage

    Query.get("consent").add_hit()
    index = CaseStudyIndexPage.objects.get()
    story = stories[0]
    sign_in(page, live_server, superuser)

    # Dashboard, and the side menu opens.
    visit(page, "/admin/")
    page.get_by_role("button", name="Settings").click()
    expect(page.get_by_role("link", name="Users")).to_be_visible()

    # Page explorer.
    visit(page, f"/admin/pages/{index.pk}/")
    expect(page.get_by_role("link", name="Consent at the school gate").first).to_be_visible()

    # Editing a case study: the rich text editor, StreamField, date picker, InlinePanel and
    # the page chooser modal.
    visit(page, f"/admin/pages/{story.pk}/edit/")
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
    expect(page.locator('.Draftail-Editor [contenteditable="true"]').first).to_be_visible()
    page.locator("#id_review_due").click()
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    page.locator("#id_summary").click()  # closes the date picker
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.get_by_role("button", name="Add related case studies").click()
    child = page.locator("#inline_child_related_items-0")
    expect(child).to_be_visible()
    child.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal-content")
    expect(modal).to_be_visible()
    expect(modal.get_by_role("link", name="Consent refused by a teenager").first).to_be_visible()
    modal.get_by_role("link", name="Consent refused by a teenager").first.click()
    expect(modal).to_be_hidden()
    expect(child).to_contain_text("Consent refused by a teenager")
    # Live preview (our page in a same-origin iframe) and the accessibility checks beside it.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Consent at the school gate")
    page.get_by_role("button", name="Toggle checks").click()
    expect(page.get_by_role("heading", name=re.compile("Issues found|Checks", re.I)).first).to_be_visible()

    # The image chooser, as the admin opens it.
    page.evaluate("ModalWorkflow({url: '/admin/images/chooser/'})")
    expect(page.locator(".modal-content")).to_be_visible()
    expect(page.locator(".modal-content").get_by_role("heading").first).to_contain_text("image")
    page.keyboard.press("Escape")

    # Listings: images, a taxonomy snippet, users.
    visit(page, "/admin/images/")
    visit(page, "/admin/snippets/taxonomy/agency/")
    expect(page.get_by_role("link", name="Police").first).to_be_visible()
    visit(page, "/admin/users/")
    expect(page.get_by_text("root@example.org").first).to_be_visible()

    # Promoted search results (Wagtail's inline script, started from data here).
    visit(page, "/admin/searchpicks/add/")
    page.get_by_role("button", name="Choose from popular search terms").click()
    expect(page.locator(".modal-content")).to_be_visible()
    page.locator(".modal-content").get_by_role("link", name="consent").first.click()
    expect(page.locator("#id_query_string")).to_have_value("consent")
    page.get_by_role("button", name="Add a recommended result").click()
    expect(page.locator("#inline_child_editors_picks-0")).to_be_visible()

    # Signed in, the public pages carry Wagtail's user bar; it must keep the policy too.
    visit(page, story.url)
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    assert problems == []
