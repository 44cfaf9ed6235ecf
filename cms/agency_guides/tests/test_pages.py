"""The public guides: the list, one page per agency, 404s and a constant query count."""

import re

import pytest

from cms.agency_guides.demo_guides import GUIDES

from .conftest import make_guide

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's text with tags removed and whitespace collapsed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_list_shows_each_agency_with_a_guide_and_links_to_it(client):
    make_guide("police")
    make_guide("health")
    response = client.get("/agencies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/agencies/police/"' in html and 'href="/agencies/health/"' in html
    assert "/agencies/housing/" not in html  # no guide yet
    text = text_of(response)
    assert GUIDES["police"]["summary"] in text
    assert text.index("Police") < text.index("Health")  # agencies in their usual order


def test_list_without_guides_says_so(client):
    response = client.get("/agencies/")
    assert response.status_code == 200
    assert 'id="no-agency-guides"' in response.content.decode()


def test_guide_page_shows_every_section_as_written(client):
    spec = GUIDES["police"]
    make_guide("police")
    response = client.get("/agencies/police/")
    assert response.status_code == 200
    text = text_of(response)
    main = main_of(response)
    assert "<h1" in main and "Police</h1>" in main
    for heading in (
        "What they do with a safeguarding concern",
        "Levels of risk or need",
        "Information they usually hold",
        "What they can share",
        "How to reach them",
        "Common terms",
    ):
        assert f">{heading}</h2>" in main, heading
    for value in (spec["summary"], spec["what_it_does"], spec["can_share"]):
        assert " ".join(value.split()) in text
    for tier in spec["tiers"]:
        assert f">{tier['name']}</h3>" in main
        assert tier["description"] in text
        for level in ("low", "medium", "high"):
            # Each example is labelled in words, not told apart by colour.
            label = f"{level.capitalize()} example"
            assert f"{label} {tier['examples'][level]}" in text, (tier["name"], level)
    for item in spec["holds"]:
        assert f"<li>{item}</li>" in main.replace("&#x27;", "'")
    for route in spec["how_to_reach"]:
        assert f"{route['route']} {route['when']}" in text
    assert '<caption class="govuk-table__caption govuk-visually-hidden">' in main


def test_common_terms_link_to_the_glossary_with_their_meaning(client, glossary_terms):
    make_guide("police")
    response = client.get("/agencies/police/")
    main = main_of(response)
    text = text_of(response)
    for name in GUIDES["police"]["common_terms"]:
        term = glossary_terms[name]
        assert f'href="/glossary/{term.slug}/">{term.term}</a>' in main
        assert " ".join(term.meaning.split()) in text


def test_guide_page_offers_the_pdf_and_a_print_button_for_javascript(client):
    make_guide("police")
    main = main_of(client.get("/agencies/police/"))
    assert 'href="/agencies/police.pdf"' in main
    assert "Download as PDF" in main
    # The print button is hidden until app.js finds it can print; no inline script or style.
    assert '<div data-app-print hidden><button type="button"' in main
    assert "Print this guide" in main
    assert "<script" not in main and "style=" not in main and "onclick" not in main


def test_guide_page_is_printable_alone(client):
    make_guide("police")
    response = client.get("/agencies/police/")
    html = response.content.decode()
    assert 'class="govuk-template__body app-agency-guide-page' in html  # print styles apply
    text = text_of(response)
    assert "Next review due 22 November 2027" in text
    assert "This guide online: http" in text and "/agencies/police/" in text


@pytest.mark.parametrize("url", ["/agencies/nowhere/", "/agencies/nowhere.pdf"])
def test_unknown_agency_is_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/agencies/housing/", "/agencies/housing.pdf"])
def test_agency_without_a_guide_is_not_found(client, url):
    make_guide("police")
    assert client.get(url).status_code == 404


def test_guide_page_query_count_does_not_grow_with_its_content(client, django_assert_num_queries):
    make_guide("early-help", terms=["TAF"])  # 3 tiers, 1 term
    make_guide("police")  # 3 tiers, 10 terms
    make_guide("childrens-social-care")  # 4 tiers, 10 terms
    with django_assert_num_queries(2):  # the guide with its agency; its terms
        client.get("/agencies/early-help/")
    with django_assert_num_queries(2):
        client.get("/agencies/police/")
    with django_assert_num_queries(2):
        client.get("/agencies/childrens-social-care/")
    with django_assert_num_queries(2):
        client.get("/agencies/police.pdf")


def test_list_query_count_does_not_grow_with_guides(client, django_assert_num_queries):
    make_guide("police")
    with django_assert_num_queries(1):
        client.get("/agencies/")
    for slug in ("health", "education", "housing"):
        make_guide(slug)
    with django_assert_num_queries(1):
        client.get("/agencies/")
