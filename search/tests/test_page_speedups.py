"""What the /search/ page does to stay cheap, checked for behaviour: shared query terms
and first-match highlighting in the Whoosh backend, the unfiltered search reused for the
content-type counts, and a compound query's matches kept per index state."""

import pytest
from django.test import RequestFactory
from wagtail.search.backends import get_search_backend
from whoosh import query as wq

from case_studies.models import CaseStudyPage
from case_studies.tests.factories import make_case_study
from search.backends.whoosh.engine import cache_for
from search.views import SearchPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return make_case_study(
        "Consent at the school gate",
        state="published",
        summary="The school nurse shared a worry with the police.",
        outcome="Consent was asked for and the family agreed.",
    )


def test_highlight_with_precomputed_terms_matches_computing_them(story):
    backend = get_search_backend()
    terms = backend.highlight_terms("consent family", CaseStudyPage)
    assert "consent" in terms and "famili" in terms
    fields = ["title", "summary", "outcome"]
    assert backend.highlight(story, "consent family", fields=fields, terms=terms) == backend.highlight(
        story, "consent family", fields=fields
    )
    assert backend.highlight(story, "zebra", fields=fields, terms=[]) == {}


def test_first_match_stops_at_the_first_field_with_a_match_in_the_order_given(story):
    backend = get_search_backend()
    # "police" is only in the summary, "consent" in the title and the outcome
    assert list(
        backend.highlight(story, "consent", fields=["summary", "outcome", "title"], first_match=True)
    ) == ["outcome"]
    assert list(backend.highlight(story, "consent", fields=["title", "outcome"], first_match=True)) == [
        "title"
    ]
    assert list(backend.highlight(story, "police", fields=["title", "summary"], first_match=True)) == [
        "summary"
    ]
    assert backend.highlight(story, "zebra", fields=["title", "summary"], first_match=True) == {}
    # without it, every field with a match
    assert set(backend.highlight(story, "consent", fields=["summary", "outcome", "title"])) == {
        "outcome",
        "title",
    }


def test_type_counts_reuse_the_unfiltered_search_and_not_a_filtered_one(story):
    make_case_study("Consent again", state="published", agencies=("health",))
    rf = RequestFactory()
    page = SearchPage(rf.get("/search/", {"q": "consent"}))
    page.run()
    assert page._results is not None and page._results_key == ("consent", "and")
    reused = page.type_counts()
    page._results = page._results_key = None  # as computed afresh
    assert reused == page.type_counts()
    assert reused["case-study"] == 2

    filtered = SearchPage(rf.get("/search/", {"q": "consent", "agency": "health"}))
    context = filtered.run()
    assert filtered._results is None  # a filtered search is not the content-type counts' search
    assert context["total"] == 1
    counts = {o["value"]: o["count"] for o in context["type_options"]}
    assert counts["case-study"] == 2  # counts per type ignore the other filters


def test_a_compound_querys_matches_are_kept_per_index_state(story):
    searcher = CaseStudyPage.objects.live().search("consent")._index().searcher()
    cache = cache_for(searcher)
    q = wq.Or([wq.Term("t_title", "consent"), wq.Term("t_summary", "polic")])
    first = cache.matches(q)
    assert len(first) == 1
    assert cache.matches(q) is first
    assert cache.matches(q, allowed=frozenset()) == frozenset()


def test_types_without_a_match_are_not_searched_again_for_their_facet_counts(story, monkeypatch):
    searched = []
    original = SearchPage.type_facet_counts

    def type_facet_counts(self, search_type):
        searched.append(search_type.slug)
        return original(self, search_type)

    monkeypatch.setattr(SearchPage, "type_facet_counts", type_facet_counts)
    context = SearchPage(RequestFactory().get("/search/", {"q": "consent"})).run()
    assert searched == ["case-study"]  # the only type with a match
    agencies = next(group for group in context["facet_groups"] if group["param"] == "agency")
    assert {option["value"] for option in agencies["options"]} >= {"police"}


def test_exact_numbers_hash_by_value_so_long_id_lists_stay_linear():
    from search.backends.whoosh.query import ExactNumber

    assert len({hash(ExactNumber("id", n)) for n in range(1000)}) == 1000
    assert hash(wq.NumericRange("id", 1, 1)) == hash(wq.NumericRange("id", 2, 2))  # why it exists
    exact = ExactNumber("id", 7)
    assert (exact.start, exact.end, exact.startexcl, exact.endexcl) == (7, 7, False, False)
    assert exact == ExactNumber("id", 7) and exact != ExactNumber("id", 8)


def test_filtering_on_many_ids_finds_exactly_those(story):
    other = make_case_study("Consent at the surgery", state="published")
    ids = list(range(100_000, 105_000)) + [other.pk]
    results = CaseStudyPage.objects.live().filter(pk__in=ids).search("consent")
    assert [page.pk for page in results] == [other.pk]
