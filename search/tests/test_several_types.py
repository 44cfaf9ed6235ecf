"""Several searchable types in scope: facet filters apply to every one of them.

A second classified page type (search/tests/testapp, installed by the test settings only)
is registered for the duration of a test, as scenarios and sessions will be."""

import pytest

from case_studies.tests.factories import make_case_study
from cms.home.models import HomePage
from cms.taxonomy.models import Agency, Area, JourneyStage, Theme
from search.tests.test_search_page import body, count_of, result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_type():
    from search.registry import register, unregister
    from search.tests.testapp.models import ClassifiedTestPage

    register(
        ClassifiedTestPage,
        slug="test-page",
        label="Test page",
        plural="Test pages",
        facets=["agency", "theme", "stage"],
        snippet_fields=["summary"],
        summary_field="summary",
    )
    yield
    unregister(ClassifiedTestPage)


def make_test_page(title, agencies, themes=("consent",), stage="referral", summary="A page about consent."):
    from search.tests.testapp.models import ClassifiedTestPage

    page = ClassifiedTestPage(
        title=title,
        summary=summary,
        area=Area.objects.get(slug="leeds"),
        stage=JourneyStage.objects.get(slug=stage),
    )
    page.agencies.set(list(Agency.objects.filter(slug__in=agencies)))
    page.themes.set(list(Theme.objects.filter(slug__in=themes)))
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def mixed(second_type):
    return {
        "story": make_case_study(
            "Consent story with the police", state="published", agencies=("police",), themes=("consent",)
        ),
        "health_story": make_case_study(
            "Consent story with health", state="published", agencies=("health",), themes=("consent",)
        ),
        "page": make_test_page("Consent page with the police", agencies=("police",)),
        "health_page": make_test_page("Consent page with health", agencies=("health",)),
    }


def test_unfiltered_search_covers_both_types(client, mixed):
    assert set(result_titles(body(client.get("/search/?q=consent")))) == {
        "Consent story with the police",
        "Consent story with health",
        "Consent page with the police",
        "Consent page with health",
    }


def test_a_facet_filter_applies_to_every_type_in_scope(client, mixed):
    html = body(client.get("/search/?q=consent&agency=police"))
    assert set(result_titles(html)) == {"Consent story with the police", "Consent page with the police"}
    assert "2 results for" in html
    # Facet counts cover both types too.
    assert count_of(html, "agency", "police") == 2
    assert count_of(html, "theme", "consent") == 2


def test_a_facet_filter_and_a_type_filter_combine(client, mixed):
    html = body(client.get("/search/?q=consent&agency=health&type=test-page"))
    assert result_titles(html) == ["Consent page with health"]
    html = body(client.get("/search/?q=consent&agency=health&type=test-page&type=case-study"))
    assert set(result_titles(html)) == {"Consent story with health", "Consent page with health"}


def test_types_without_the_facet_are_left_out_when_it_is_chosen(client, mixed):
    """A type that cannot carry a facet cannot match it: with the facet chosen it drops out."""
    from search.registry import register, unregister

    register(HomePage, slug="home", label="Home page")
    try:
        home = HomePage.objects.get()
        home.title = "Consent home"
        home.save_revision().publish()
        assert "Consent home" in result_titles(body(client.get("/search/?q=consent")))
        html = body(client.get("/search/?q=consent&agency=police"))
        assert set(result_titles(html)) == {"Consent story with the police", "Consent page with the police"}
    finally:
        unregister(HomePage)
