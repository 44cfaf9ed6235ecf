"""The /search/ results page: corrected results shown at once ("Showing results for consent.
Search instead for consnet"), the way back to the words as typed (``spelling=off``), what is
logged, no empty filter panel, the phone "Filter" toggle's markup, escaping, query counts."""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.contrib.search_promotions.models import Query

from case_studies.tests.factories import make_case_study
from search.models import ZeroResultQuery

from .test_search_page import body, count_of, result_titles

pytestmark = pytest.mark.django_db

CONSENT_TITLES = {"Consent at the school gate", "Consent refused by a teenager", "Early help for a family"}


@pytest.fixture
def corpus(db):
    make_case_study(
        "Consent at the school gate",
        state="published",
        agencies=("police", "education"),
        themes=("consent", "thresholds"),
        summary="The school shared a worry about consent with the police.",
    )
    make_case_study(
        "Consent refused by a teenager",
        state="published",
        agencies=("health",),
        themes=("consent",),
        summary="A 17-year-old refused consent; health shared anyway.",
    )
    make_case_study(
        "Early help for a family",
        state="published",
        agencies=("police", "early-help"),
        themes=("think-family",),
        summary="Police noticed neglect signs and early help got involved with consent.",
    )


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def correction(html):
    m = re.search(r'<p class="govuk-body-l" data-testid="spelling-correction">(.*?)</p>', html, re.S)
    return m.group(1) if m else None


def search_box_value(html):
    return re.search(r'<input [^>]*id="search-q"[^>]*value="([^"]*)"', html).group(1)


# -- corrected results ----------------------------------------------------------------


def test_a_misspelling_with_no_results_shows_the_corrections_results_at_once(client, corpus):
    html = body(client.get("/search/?q=consnet"))
    assert correction(html) == (
        "Showing results for <strong>consent</strong>. Search instead for "
        '<a class="govuk-link" href="?q=consnet&amp;spelling=off" data-testid="search-instead">consnet</a>'
    )
    assert set(result_titles(html)) == CONSENT_TITLES
    assert "3 results for “consent”" in html
    assert title_of(html).startswith("Search results for “consent”")
    assert search_box_value(html) == "consent"
    assert "<mark>consent</mark>" in html.lower()  # highlighted for the words searched
    assert 'data-testid="did-you-mean"' not in html
    assert 'data-testid="empty-state"' not in html
    # the filters are those of the corrected query, and keep it
    assert count_of(html, "agency", "police") == 2
    assert count_of(html, "agency", "health") == 1
    assert count_of(html, "theme", "consent") == 2
    assert '<input type="hidden" name="q" value="consent">' in html
    assert 'name="spelling"' not in html


def test_the_search_instead_link_searches_the_words_as_typed(client, corpus):
    html = body(client.get("/search/?q=consnet&spelling=off"))
    assert correction(html) is None
    assert result_titles(html) == []
    assert "No results for “consnet”" in html
    assert title_of(html).startswith("Search results for “consnet”")
    assert search_box_value(html) == "consnet"
    assert 'data-testid="empty-state"' in html
    # still offered as a link, which corrects again
    assert '<a class="govuk-link" href="?q=consent">consent</a>' in html


def test_the_correction_keeps_the_filters_and_counts_within_them(client, corpus):
    html = body(client.get("/search/?q=consnet&agency=health"))
    assert result_titles(html) == ["Consent refused by a teenager"]
    assert "1 result for “consent”" in html
    assert 'href="?q=consnet&amp;agency=health&amp;spelling=off"' in correction(html)
    assert 'id="filter-agency-health" name="agency" type="checkbox" value="health" checked' in html
    assert 'href="?q=consent" data-testid="clear-filters"' in html


def test_no_correction_when_it_finds_nothing_with_the_filters_either(client, corpus):
    html = body(client.get("/search/?q=consnet&agency=housing"))
    assert correction(html) is None
    assert result_titles(html) == []
    assert "No results for “consnet”" in html
    assert 'data-testid="did-you-mean"' in html
    # the filters stay, with a way to take them away
    assert 'data-testid="search-filters"' in html
    assert 'href="?q=consnet" data-testid="clear-filters"' in html
    assert 'href="?q=consnet">removing your filters' in html


def test_filters_chosen_after_search_instead_keep_the_words_as_typed(client, corpus):
    html = body(client.get("/search/?q=consnet&spelling=off&agency=police"))
    assert correction(html) is None
    assert '<input type="hidden" name="spelling" value="off">' in html
    assert 'href="?q=consnet&amp;spelling=off" data-testid="clear-filters"' in html


def test_a_correction_with_all_its_words_beats_some_of_the_typed_words(client, corpus):
    html = body(client.get("/search/?q=consnet+teenager"))
    assert "Showing results for <strong>consent teenager</strong>" in html
    assert result_titles(html) == ["Consent refused by a teenager"]
    assert "some of them" not in html


def test_words_found_as_typed_are_never_corrected(client, corpus):
    html = body(client.get("/search/?q=consent"))
    assert correction(html) is None
    assert len(result_titles(html)) == 3


def test_the_corrected_results_page_through_the_corrected_query(client, db):
    for i in range(12):
        make_case_study(f"Pathway story {i}", state="published", summary="A pathway that worked.")
    html = body(client.get("/search/?q=pathwya"))
    assert "Showing results for <strong>pathway</strong>" in html
    assert "12 results for “pathway”" in html
    assert 'href="?q=pathway&amp;page=2"' in html
    page2 = body(client.get("/search/?q=pathway&page=2"))
    assert len(result_titles(page2)) == 2


def test_the_search_is_logged_as_typed_and_as_a_search_with_no_results(client, corpus):
    client.get("/search/?q=consnet")
    client.get("/search/?q=Consnet")
    assert Query.get("consnet").hits == 2
    assert not Query.objects.filter(query_string="consent").exists()
    row = ZeroResultQuery.objects.get()
    assert (row.query_text, row.count) == ("consnet", 2)
    # filtered searches are not content gaps (as before)
    client.get("/search/?q=consnet&agency=health")
    assert ZeroResultQuery.objects.get().count == 2
    # paging through the corrected results is not another search
    client.get("/search/?q=consnet&page=2")
    assert Query.get("consnet").hits == 3  # the filtered search above counted


def test_a_query_with_personal_data_is_not_logged_even_when_corrected(client, corpus):
    client.get("/search/", {"q": "consnet jane.doe@example.org"})
    assert not Query.objects.exists()
    assert not ZeroResultQuery.objects.exists()


class Elements(HTMLParser):
    """Every element and attribute a page really has (escaped text makes none)."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


@pytest.mark.parametrize(
    "q",
    [
        "<b>consnet</b>",
        '"><script>alert(1)</script> consnet',
        "consnet' onmouseover='alert(1)",
        '<img src=x onerror="alert(1)">consnet',
    ],
)
def test_a_hostile_query_is_escaped_everywhere_when_corrected(client, corpus, q):
    html = body(client.get("/search/", {"q": q}))
    assert correction(html) is not None, "the test needs the correction to happen"
    page = Elements()
    page.feed(html)
    assert not {"b", "img"} & page.tags
    assert not [name for name in page.attrs if name.startswith("on")]
    assert "<script>alert" not in html
    corrected = q.replace("consnet", "consent")
    assert escape(corrected) in title_of(html)
    assert f"Showing results for <strong>{escape(corrected)}</strong>" in html
    # the way back carries the query URL-encoded, inside a quoted attribute
    href = re.search(r'data-testid="spelling-correction">.*?href="([^"]*)"', html, re.S).group(1)
    assert href == escape("?" + urlencode({"q": q, "spelling": "off"}))


# -- the filter panel ---------------------------------------------------------------


def test_no_filter_panel_when_there_are_no_results(client, corpus):
    html = body(client.get("/search/?q=xylophone"))
    assert 'data-testid="empty-state"' in html
    assert 'data-testid="search-filters"' not in html
    assert "Filter results" not in html
    assert 'data-testid="filter-toggle"' not in html
    assert 'id="filters"' not in html
    assert "Apply filters" not in html


def test_filters_that_find_nothing_stay_with_a_way_to_clear_them(client, corpus):
    html = body(client.get("/search/?q=teenager&agency=housing&theme=consent"))
    assert result_titles(html) == []
    assert 'data-testid="search-filters"' in html
    assert 'data-testid="clear-filters"' in html and 'href="?q=teenager" data-testid="clear-filters"' in html
    assert 'href="?q=teenager">removing your filters' in html
    assert 'id="filter-agency-housing" name="agency" type="checkbox" value="housing" checked' in html
    assert 'Filter <span class="app-filter-panel__count">(2 applied)</span>' in html


def test_the_filter_toggle_is_a_link_to_the_panel_before_the_results(client, corpus):
    """Without JavaScript the toggle is a link to #filters (the panel); filter-panel.js makes it
    a button. The panel comes first in the page (beside the results on a larger screen)."""
    html = body(client.get("/search/?q=consent"))
    toggle = re.search(r"<a [^>]*data-testid=\"filter-toggle\"[^>]*>(.*?)</a>", html, re.S)
    assert toggle and 'href="#filters"' in toggle.group(0) and toggle.group(1) == "Filter"
    assert "data-app-filter-panel-toggle" in toggle.group(0)
    assert html.count('id="filters"') == 1
    assert html.index('data-testid="filter-toggle"') < html.index('id="filters"')
    assert html.index('id="filters"') < html.index('data-testid="search-results"')


def test_the_search_box_is_in_a_form_group_with_its_label(client, corpus):
    html = body(client.get("/search/?q=consent"))
    form = re.search(r'<form [^>]*role="search".*?</form>', html, re.S).group(0)
    label = r'<div class="govuk-form-group">\s*<label class="govuk-label[^"]*" for="search-q">'
    assert re.search(label, form)
    # not the header box's row, which is pushed to the right of its column
    assert "app-header-search__form" not in form
    assert 'class="app-search-form__row"' in form


# -- query counts ----------------------------------------------------------------------


def test_query_count_of_a_corrected_search_is_constant(client, db):
    def make(n, word):
        for i in range(n):
            make_case_study(
                f"{word} story {i}",
                state="published",
                summary=f"{word} shared well.",
                agencies=("police", "health"),
                themes=("consent", "thresholds"),
            )

    make(10, "Tenword")
    make(40, "Fortyword")
    url = "/search/?q={}&agency=police"
    client.get(url.format("story"))  # warm caches (site root paths, content types)

    with CaptureQueriesContext(connection) as ten:
        html = body(client.get(url.format("tenwort")))
    assert "Showing results for <strong>tenword</strong>" in html and "10 results" in html
    with CaptureQueriesContext(connection) as forty:
        html = body(client.get(url.format("fortywort")))
    assert "Showing results for <strong>fortyword</strong>" in html and "40 results" in html
    if len(forty.captured_queries) != len(ten.captured_queries):
        for name, ctx in (("TEN", ten), ("FORTY", forty)):
            print(name)
            for q in ctx.captured_queries:
                print("   ", q["sql"][:160])
    assert len(forty.captured_queries) == len(ten.captured_queries)
    assert len(ten.captured_queries) <= 25  # as for a search found as typed (test_search_page.py)
