"""The Content-Security-Policy header (django-csp) on every kind of page, and pages that keep it.

Two halves: the header itself (present, strict: no 'unsafe-inline' or 'unsafe-eval' for
scripts or styles), and the HTML we serve, which must not need more than the header allows:
every executable inline <script> carries this response's nonce, there is no <style> without
it, no style="" attribute, no inline event handler and no javascript: URL.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


@pytest.fixture(autouse=True)
def _no_mfa_redirect(settings):
    # Staff may be sent to set up two-factor sign-in first (another change); not under test here.
    settings.REQUIRE_MFA_FOR_STAFF = False


def parse_policy(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_policy(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    policy = parse_policy(header)
    for directive in ("script-src", "style-src"):
        assert "'self'" in policy[directive]
        assert "'unsafe-inline'" not in policy[directive], f"{directive}: {policy[directive]}"
    assert "'unsafe-eval'" not in header
    assert "'unsafe-hashes'" not in header
    assert "'unsafe-inline'" not in header  # no exception anywhere, not even /admin/
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "*" not in header.split()
    return policy


def policy_nonces(policy, directive):
    return {v[len("'nonce-") : -1] for v in policy.get(directive, []) if v.startswith("'nonce-")}


def inline_violations(html, script_nonces, style_nonces):
    """What in ``html`` the policy would block: un-nonced inline scripts and styles, style
    attributes, inline event handlers and javascript: URLs."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for script in soup.find_all("script"):
        if script.get("src"):
            continue
        if script.get("type", "").lower() not in EXECUTABLE_SCRIPT_TYPES:
            continue  # data (application/json), never executed
        if script.get("nonce") not in script_nonces:
            problems.append(f"inline script without the nonce: {str(script)[:160]}")
    for style in soup.find_all("style"):
        if style.get("nonce") not in style_nonces:
            problems.append(f"<style> without the nonce: {str(style)[:160]}")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute == "style":
                problems.append(f"style attribute: {str(tag)[:160]}")
            elif attribute.startswith("on"):
                problems.append(f"inline event handler {attribute}: {str(tag)[:160]}")
            elif attribute in ("href", "src", "action", "formaction") and re.match(
                r"\s*javascript:", str(value), re.I
            ):
                problems.append(f"javascript: URL: {str(tag)[:160]}")
    # <template> contents are inserted into the page later (InlinePanel's "Add"), under the
    # same policy: BeautifulSoup keeps them in the tree, so they were checked above too.
    return problems


def assert_page_keeps_the_policy(response):
    assert response.status_code == 200, response.status_code
    policy = assert_strict_policy(response)
    html = response.content.decode()
    problems = inline_violations(
        html, policy_nonces(policy, "script-src"), policy_nonces(policy, "style-src")
    )
    assert problems == []


@pytest.fixture
def story(db):
    from case_studies.tests.factories import make_case_study

    return make_case_study("Consent at the school gate", themes=("consent",))


@pytest.fixture
def published_story(db):
    from case_studies.tests.factories import make_case_study

    return make_case_study("Consent at the school gate", state="published", themes=("consent",))


PUBLIC_URLS = [
    "/",
    "/case-studies/",
    "/search/?q=consent",
    "/search/",
    "/accounts/login/",
    "/accounts/register/",
    "/accounts/password/reset/",
    "/accessibility/",
    "/privacy/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_send_a_strict_policy_and_need_nothing_more(client, story, url):
    assert_page_keeps_the_policy(client.get(url))


def test_a_case_study_sends_a_strict_policy_and_needs_nothing_more(client, story):
    assert_page_keeps_the_policy(client.get(story.url))


def test_signed_in_pages_keep_the_policy(client, practitioner, story):
    client.force_login(practitioner)
    urls = ["/", story.url, "/accounts/profile/"]
    for name in ("mfa_index", "mfa_activate_totp"):  # two-factor set-up, when installed
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            pass
    for url in urls:
        response = client.get(url, follow=True)
        assert_page_keeps_the_policy(response)


def test_not_found_page_sends_the_policy(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_strict_policy(response)


def test_the_nonce_differs_per_response_and_is_only_sent_when_used(client, story):
    first = parse_policy(client.get("/").headers["Content-Security-Policy"])
    second = parse_policy(client.get("/").headers["Content-Security-Policy"])
    # The public pages need no nonce at all (everything is in static files) ...
    assert policy_nonces(first, "script-src") == policy_nonces(second, "script-src") == set()
    # ... but a template that asks for one gets a fresh one in the header each time.
    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">1</script>')
    nonces = []
    for _ in range(2):
        request = RequestFactory().get("/")
        middleware = CSPMiddleware(lambda request: None)
        middleware.process_request(request)
        response = middleware.process_response(request, HttpResponse(template.render({"request": request})))
        policy = parse_policy(response.headers["Content-Security-Policy"])
        (nonce,) = policy_nonces(policy, "script-src")
        assert policy_nonces(policy, "style-src") == {nonce}
        assert f'nonce="{nonce}"' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_case_study_print_link_needs_no_inline_handler(client, story):
    html = client.get(story.url).content.decode()
    assert "window.print" not in html
    assert "data-app-print" in html


# --------------------------------------------------------------------------
# The Wagtail admin: the same policy, and screens that keep it
# --------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def admin_urls(story, user):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from case_studies.models import CaseStudyIndexPage

    index = CaseStudyIndexPage.objects.get()
    promotion = SearchPromotion.objects.create(query=Query.get("consent"), page=story, sort_order=0)
    return [
        "/admin/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{story.pk}/edit/",
        f"/admin/pages/add/case_studies/casestudypage/{index.pk}/",
        f"/admin/pages/{index.pk}/edit/",
        "/admin/choose-page/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/snippets/taxonomy/agency/",
        "/admin/snippets/taxonomy/agency/add/",
        "/admin/users/",
        f"/admin/users/edit/{user.pk}/",
        "/admin/users/new/",
        "/admin/searchpicks/queries/chooser/",
        "/admin/snippets/choose/taxonomy/area/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/reports/site-history/",
        "/admin/searchpicks/",
        "/admin/searchpicks/add/",
        f"/admin/searchpicks/{promotion.query_id}/",
        "/admin/redirects/",
        "/admin/sites/",
        "/admin/collections/",
    ]


def test_admin_sends_the_strict_policy(admin_client, story):
    assert_strict_policy(admin_client.get("/admin/"))


def test_admin_hands_its_csp_script_the_nonce(admin_client):
    response = admin_client.get("/admin/")
    policy = assert_strict_policy(response)
    (nonce,) = policy_nonces(policy, "style-src")  # for the <style> elements its scripts create
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script", src=re.compile(r"/static/js/admin/csp\.js"))
    assert [script.get("nonce") for script in scripts] == [nonce]
    # ... loaded before Wagtail's own scripts.
    sources = [script["src"] for script in soup.find_all("script", src=True)]
    assert sources.index(scripts[0]["src"]) < min(
        i for i, src in enumerate(sources) if "wagtailadmin/js" in src and "icons.js" not in src
    )


def test_admin_screens_keep_the_policy(admin_client, superuser, story):
    failures = {}
    for url in admin_urls(story, superuser):
        response = admin_client.get(url)
        if response.headers.get("Content-Type", "").startswith("application/json"):
            # A modal: its HTML is inserted into the admin page, under that page's policy.
            assert_strict_policy(response)
            html = json.loads(response.content).get("html", "")
            problems = inline_violations(html, set(), set())
        else:
            assert response.status_code == 200, (url, response.status_code)
            policy = assert_strict_policy(response)
            problems = inline_violations(
                response.content.decode(),
                policy_nonces(policy, "script-src"),
                policy_nonces(policy, "style-src"),
            )
        if problems:
            failures[url] = problems
    assert failures == {}


def test_admin_chooser_widgets_are_initialised_from_data_not_inline_scripts(admin_client, story):
    html = admin_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    inits = soup.find_all("script", attrs={"type": "application/json", "data-app-admin-init": True})
    constructors = {tag["data-app-admin-init"] for tag in inits}
    # Taxonomy snippet choosers, the review dates, the related stories (an InlinePanel, whose
    # empty form in a <template> has a page chooser) and the publishing schedule's dates.
    assert {"SnippetChooser", "initDateChooser", "InlinePanel", "PageChooser", "initDateTimeChooser"} <= (
        constructors
    )
    page_chooser = next(tag for tag in inits if tag["data-app-admin-init"] == "PageChooser")
    element_id, options = json.loads(page_chooser.string)
    assert element_id == "id_related_items-__prefix__-related_page"
    assert options["modalUrl"] == "/admin/choose-page/"
