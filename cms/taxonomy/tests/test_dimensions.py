"""The dimension registry, the term index and the classification mixin."""

import pytest
from django.test.utils import isolate_apps

from cms.taxonomy.classification import Classified
from cms.taxonomy.dimensions import DIMENSIONS, TermIndex, UnknownTerm, dimension
from cms.taxonomy.models import Agency, Area, JourneyStage, Theme


def test_every_dimension_once_in_display_order():
    assert [d.param for d in DIMENSIONS] == [
        "agency",
        "stage",
        "concern",
        "theme",
        "area",
        "year",
        "evidence",
    ]
    assert dimension("theme").lookup == "themes__slug"
    assert dimension("year").lookup == "year" and dimension("year").model is None
    assert dimension("agency").model is Agency and dimension("agency").multiple
    assert not dimension("stage").multiple
    with pytest.raises(KeyError, match="no taxonomy dimension 'colour'"):
        dimension("colour")


@pytest.mark.django_db
def test_load_queries_each_term_model_once(django_assert_num_queries):
    police, consent = Agency.objects.get(slug="police"), Theme.objects.get(slug="consent")
    with django_assert_num_queries(6):  # agency, stage, concern, theme, area, evidence
        terms = TermIndex.load()
    with django_assert_num_queries(0):
        assert terms.resolve("agency", "Police") == police
        assert terms.resolve("stage", " child-protection ").slug == "child-protection"
        assert terms.resolve("theme", "consent") == consent
        assert list(terms.labels("stage"))[:2] == ["universal-services", "consultation"]
        assert terms.get("agency", "polis") is None
        assert terms.resolve("year", "2019") == 2019


@pytest.mark.django_db
def test_terms_load_lazily_one_query_per_dimension(django_assert_num_queries):
    terms = TermIndex()
    with django_assert_num_queries(1):
        terms.resolve("agency", "police")
        terms.resolve("agency", "health")
        terms.labels("agency")


@pytest.mark.django_db
def test_unknown_values_name_the_dimension():
    terms = TermIndex()
    with pytest.raises(UnknownTerm, match=r"unknown agency 'polis' \(expected one of: childrens-social-care"):
        terms.resolve("agency", "polis")
    with pytest.raises(UnknownTerm, match="unknown journey stage 'nowhere'") as info:
        terms.resolve("stage", "nowhere")
    assert info.value.dimension is dimension("stage") and isinstance(info.value, ValueError)
    with pytest.raises(UnknownTerm, match="unknown theme 'made-up'.*editor can add one"):
        terms.resolve("theme", "made-up")
    with pytest.raises(UnknownTerm, match="year must be a four-digit year, got 'twenty'"):
        terms.resolve("year", "twenty")


@pytest.mark.django_db
def test_areas_resolve_through_the_area_index(django_assert_num_queries):
    bristol = Area.objects.get(gss_code="E06000023")
    terms = TermIndex()
    with django_assert_num_queries(1):
        for value in ("bristol", "E06000023", "Bristol, City of", "Bristol City Council"):
            assert terms.resolve("area", value) == bristol
    with pytest.raises(UnknownTerm, match=r"unknown area 'Atlantis'") as info:
        terms.resolve("area", "Atlantis")
    assert info.value.dimension is dimension("area")


@pytest.mark.django_db
def test_classified_models_pass_their_check():
    from case_studies.models import CaseStudyPage

    assert not [e for e in CaseStudyPage.check() if e.id == "taxonomy.E001"]
    assert CaseStudyPage._meta.get_field("stage").related_model is JourneyStage


@isolate_apps("cms.taxonomy")
def test_a_classified_model_without_themes_fails_its_check():
    class Untagged(Classified):
        class Meta:
            app_label = "taxonomy"

    assert "taxonomy.E001" in {e.id for e in Untagged.check()}
