"""Search registration: per app, no duplicates, facets from the taxonomy, a system check."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page
from wagtail.search import index

from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from cms.home.models import HomePage
from cms.taxonomy.models import Agency
from search.checks import check_search_registrations
from search.registry import AlreadyRegistered, SearchRegistry, registry
from search.tests.testapp.models import ClassifiedTestPage


def ids(errors):
    return [e.id for e in errors]


def test_case_studies_register_themselves_with_taxonomy_facets():
    (case_study,) = [t for t in registry.types() if t.model is CaseStudyPage]
    assert case_study.slug == "case-study"
    assert case_study.facets == {"agency": "agencies", "theme": "themes", "stage": "stage"}


def test_the_site_registrations_pass_the_system_check():
    assert check_search_registrations() == []


def test_a_model_or_a_slug_registered_twice_is_refused():
    reg = SearchRegistry()
    reg.register(CaseStudyPage, slug="case-study", label="Case study")
    with pytest.raises(AlreadyRegistered, match="CaseStudyPage is already registered"):
        reg.register(CaseStudyPage, slug="story", label="Story")
    with pytest.raises(AlreadyRegistered, match="slug 'case-study' is already used"):
        reg.register(ClassifiedTestPage, slug="case-study", label="Test page")
    with pytest.raises(ImproperlyConfigured, match="no taxonomy dimension 'colour'"):
        reg.register(ClassifiedTestPage, slug="test-page", label="Test page", facets=["colour"])
    with pytest.raises(ImproperlyConfigured, match="is not a slug"):
        reg.register(ClassifiedTestPage, slug="Test Page", label="Test page")
    assert [t.model for t in reg.types()] == [CaseStudyPage]
    reg.register("search_testapp.ClassifiedTestPage", slug="test-page", label="Test page", facets=["concern"])
    assert reg.types()[1].facets == {"concern": "concern_types"} and reg.types()[1].plural == "Test pages"


def test_the_check_reports_what_cannot_work(monkeypatch):
    reg = SearchRegistry()
    reg.register(Agency, slug="agency", label="Agency")  # not a page
    reg.register(HomePage, slug="home", label="Home", facets=["agency"])  # no agencies
    reg.register(CaseStudyIndexPage, slug="index", label="Index", facets={"agency": "area"})  # wrong model
    reg.register(
        CaseStudyPage,
        slug="story",
        label="Story",
        facets=["year"],
        snippet_fields=["outcome", "nope"],
        summary_field="missing",
        select_related=["summary"],
    )
    errors = check_search_registrations(registry=reg)
    assert ids(errors) == [
        "site_search.E001",
        "site_search.E004",
        "site_search.E004",
        "site_search.E003",
        "site_search.E007",
        "site_search.E008",
        "site_search.E009",
    ]
    assert "facet uses 'agencies', which home.HomePage does not have" in errors[1].msg

    reg = SearchRegistry()
    reg.register(ClassifiedTestPage, slug="test-page", label="Test page", facets=["agency", "stage", "area"])
    assert check_search_registrations(registry=reg) == []
    # Without a slug FilterField on the relation, the backend cannot filter the facet.
    monkeypatch.setattr(
        ClassifiedTestPage,
        "search_fields",
        Page.search_fields
        + [
            index.RelatedFields("agencies", [index.SearchField("name")]),
            index.FilterField("stage"),  # a foreign key filtered by id is enough
        ],
    )
    errors = check_search_registrations(registry=reg)
    assert ids(errors) == ["site_search.E006", "site_search.E006"]  # agencies and area; stage is fine
    assert "cannot filter the 'agency' facet by agencies" in errors[0].msg

    reg = SearchRegistry()
    reg.register(ClassifiedTestPage, slug="test-page", label="Test page", facets={"agency": "themes"})
    assert ids(check_search_registrations(registry=reg)) == ["site_search.E005"]
