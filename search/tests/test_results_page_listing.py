"""The case study listing's filter panel, shared with the search results page: a "Filter"
toggle before the panel (a link to #filters without JavaScript), no empty panel."""

import re

import pytest

from case_studies.tests.factories import case_study_index, make_case_study

pytestmark = pytest.mark.django_db


def html_of(client, query=""):
    response = client.get("/case-studies/" + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def stories(no_search_index_updates):
    make_case_study("Police share a plan", agencies=["police"], themes=["consent"])
    make_case_study("Health share a chronology", agencies=["health"], themes=["consent"])


def test_the_filter_toggle_links_to_the_panel_before_the_stories(client, stories):
    html = html_of(client)
    toggle = re.search(r'<a [^>]*data-testid="filter-toggle"[^>]*>(.*?)</a>', html, re.S)
    assert toggle and 'href="#filters"' in toggle.group(0) and toggle.group(1) == "Filter"
    assert "data-app-filter-panel-toggle" in toggle.group(0)
    assert html.count('id="filters"') == 1
    assert html.index('data-testid="filter-toggle"') < html.index('id="filters"')
    assert html.index('id="filters"') < html.index('id="result-count"')
    assert html.index('id="filters"') < html.index("Police share a plan")


def test_the_toggle_says_how_many_filters_are_applied(client, stories):
    html = html_of(client, "?agency=police&theme=consent")
    assert 'Filter <span class="app-filter-panel__count">(2 applied)</span>' in html


def test_no_filter_panel_without_stories(client, no_search_index_updates):
    case_study_index()
    html = html_of(client)
    assert "0 stories" in html and "There are no case studies yet" in html
    assert "No stories match these filters" not in html
    assert 'id="filters"' not in html and "Filter stories" not in html
    assert 'data-testid="filter-toggle"' not in html


def test_filters_that_find_nothing_stay_with_a_way_to_clear_them(client, stories):
    html = html_of(client, "?agency=police&theme=thresholds")
    assert "0 stories" in html and "No stories match these filters" in html
    assert 'id="filters"' in html
    assert "Clear filters" in html
    assert 'id="f-agency-police" name="agency" type="checkbox" value="police" checked' in html
