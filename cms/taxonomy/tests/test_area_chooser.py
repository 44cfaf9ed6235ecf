"""The page editor's area chooser searches the 200-odd areas by name, slug or GSS code."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_taxonomy_area:choose"
RESULTS = "wagtailsnippetchoosers_taxonomy_area:choose_results"


def _titles(response):
    return [area.name for area in response.context["results"]]


def test_the_chooser_has_a_search_box(client, champion):
    client.force_login(champion)
    response = client.get(reverse(CHOOSE))
    assert response.status_code == 200
    assert 'name="q"' in response.json()["html"]


@pytest.mark.parametrize("query", ["sheff", "SHEFFIELD", "E08000019"])
def test_search_by_name_slug_or_gss_code(client, champion, query):
    client.force_login(champion)
    response = client.get(reverse(RESULTS), {"q": query})
    assert _titles(response) == ["Sheffield"]


def test_an_empty_search_lists_the_areas_in_order(client, champion):
    client.force_login(champion)
    titles = _titles(client.get(reverse(RESULTS), {"q": ""}))
    assert titles[0] == "Aberdeen City" and titles == sorted(titles) and len(titles) == 10  # a page
