"""The Whoosh backend's query evaluation (search/backends/whoosh/engine.py): results,
counts and filters as Whoosh's own search gives them, caches tied to one index state,
filters kept in Whoosh (related lookups included), the database fallback, and constant
SQL query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.query import Phrase
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from whoosh import query as wq

from case_studies.models import CaseStudyPage
from case_studies.tests.factories import make_case_study
from cms.taxonomy.models import JourneyStage

pytestmark = pytest.mark.django_db


def otter(title, **kwargs):
    kwargs.setdefault("summary", "An otter story: the school shared a worry and the family got help.")
    return make_case_study(title, state="published", **kwargs)


@pytest.fixture
def stories():
    return [
        otter("Otter one", stage="referral", agencies=("police",), year=2019),
        otter("Otter two", stage="referral", agencies=("police", "health"), year=2021),
        otter("Otter three", stage="early-help", agencies=("health",), year=2023),
        otter(
            "Otter four",
            stage="early-help",
            agencies=("education",),
            year=2024,
            summary="Otter otter otter: the otter pathway worked for the school.",
        ),
        make_case_study("Badger", state="published", summary="A badger story with the police."),
    ]


def pks(results):
    return [page.pk for page in results]


def whoosh_reference(results, limit=None):
    """``(total, [docnum...])`` from Whoosh's own ``Searcher.search`` for the same query."""
    evaluation = results._evaluation()
    compiler = results.query_compiler
    where, _needs_db = compiler.get_filter(evaluation.searcher.schema)
    scope = compiler.get_scope_filter()
    flt = scope if where is None else wq.And([scope, where])
    found = evaluation.searcher.search(evaluation.text_query, filter=flt, limit=limit)
    return len(found), [docnum for docnum, _score in found.items()]


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("otter", {}),
        ("otter school", {}),
        ("otter badger", {"operator": "or"}),
        (Phrase("otter pathway"), {}),
        ("otter", {"stage": "referral"}),
        ("otter", {"year__gte": 2021}),
        ("otter", {"agencies__slug__in": ["health"]}),
    ],
)
def test_results_counts_and_order_are_whooshs_own(stories, query, filters):
    operator = filters.pop("operator", None)
    if "stage" in filters:
        filters["stage"] = JourneyStage.objects.get(slug=filters["stage"]).pk
    results = CaseStudyPage.objects.live().filter(**filters).search(query, operator=operator)
    total, docnums = whoosh_reference(results)
    evaluation = results._evaluation()
    assert not evaluation.needs_db
    assert results.count() == total > 0
    assert [docnum for docnum, _score in evaluation.ranked(10)] == docnums[:10]
    cache = evaluation.cache
    assert pks(results[:10]) == [int(pk) for pk in cache.doc_ids(docnums[:10])]


def test_count_and_first_page_are_one_evaluation(stories):
    results = CaseStudyPage.objects.live().search("otter")
    assert results.count() == 4
    evaluation = results._evaluation()
    page = results[:2]
    assert len(list(page)) == 2
    assert page._evaluation() is evaluation  # the slice shares the count's evaluation


def test_a_filters_document_set_is_kept_for_the_index_state(stories):
    stage = JourneyStage.objects.get(slug="referral").pk
    first = CaseStudyPage.objects.live().filter(stage=stage).search("otter")
    second = CaseStudyPage.objects.live().filter(stage=stage).search("school")
    assert first.count() == 2 and second.count() == 2
    a, b = first._evaluation(), second._evaluation()
    assert a.cache is b.cache
    assert a.allowed is b.allowed  # the same frozenset, not built again


def test_a_new_index_state_never_serves_stale_filter_sets(stories):
    stage = JourneyStage.objects.get(slug="referral").pk

    def search():
        results = CaseStudyPage.objects.live().filter(stage=stage).search("otter")
        return results, results.count()

    results, count = search()
    assert count == 2
    cache = results._evaluation().cache
    added = otter("Otter five", stage="referral")
    results, count = search()
    assert count == 3
    assert added.pk in pks(results[:10])
    assert results._evaluation().cache is not cache
    added.delete()
    results, count = search()
    assert count == 2
    assert added.pk not in pks(results[:10])


def test_the_same_results_object_follows_the_index(stories):
    results = CaseStudyPage.objects.live().search("otter")
    before = results._evaluation()
    assert before.total() == 4
    otter("Otter six")
    after = results._evaluation()
    assert after is not before and after.total() == 5


def test_a_filter_every_document_passes_is_dropped(stories):
    # the Page index holds only pages, so the content-type scope of a Page search is a no-op
    evaluation = Page.objects.search("otter")._evaluation()
    assert evaluation.allowed is None


def test_filters_whoosh_cannot_evaluate_fall_back_to_the_database(stories):
    qs = CaseStudyPage.objects.live().filter(title__icontains="o")  # no such lookup in Whoosh
    results = qs.search("otter")
    assert results._evaluation().needs_db
    expected = set(qs.filter(title__startswith="Otter").values_list("pk", flat=True))
    assert results.count() == len(expected) == 4
    assert set(pks(results[:10])) == expected
    assert set(pks(results[1:3])) <= expected and len(list(results[1:3])) == 2
    assert sum(results.facet("stage").values()) == 4


def test_several_conditions_on_one_related_row_go_to_the_database(stories):
    same_row = CaseStudyPage.objects.live().filter(agencies__slug="police", agencies__slug__startswith="pol")
    results = same_row.search("otter")
    assert results._evaluation().needs_db
    assert results.count() == 2
    two_joins = CaseStudyPage.objects.live().filter(agencies__slug="police").filter(agencies__slug="health")
    results = two_joins.search("otter")
    assert not results._evaluation().needs_db
    assert pks(results) == [stories[1].pk]


def test_isnull_on_columns_that_cannot_be_null(stories):
    assert CaseStudyPage.objects.live().filter(year__isnull=False).search("otter").count() == 4
    assert CaseStudyPage.objects.live().filter(year__isnull=True).search("otter").count() == 0
    assert CaseStudyPage.objects.live().filter(owner__isnull=True).search("otter").count() == 4


def test_ordering_by_a_field(stories):
    results = CaseStudyPage.objects.live().order_by("-year").search("otter", order_by_relevance=False)
    assert [p.year for p in results] == [2024, 2023, 2021, 2019]
    assert [p.year for p in results[1:3]] == [2023, 2021]


def test_facets_count_every_match(stories):
    results = CaseStudyPage.objects.live().search("otter")
    facets = results.facets("stage", "agencies")
    referral = JourneyStage.objects.get(slug="referral").pk
    assert facets["stage"][referral] == 2
    assert sum(facets["agencies"].values()) == 5  # one story has two agencies


def test_sql_queries_stay_constant_as_matches_grow(stories):
    def queries_for_a_results_page():
        qs = CaseStudyPage.objects.live().filter(agencies__slug__in=["police", "health", "education"])
        with CaptureQueriesContext(connection) as ctx:
            results = qs.search("otter")
            results.count()
            list(results[:10])
            results.facets("stage", "agencies")
        return len(ctx.captured_queries)

    before = queries_for_a_results_page()
    for i in range(4):
        otter(f"Otter extra {i}", agencies=("health",))
    assert queries_for_a_results_page() == before


def test_cached_postings_are_bounded(stories, monkeypatch):
    from search.backends.whoosh import engine

    monkeypatch.setattr(engine, "MAX_CACHED_POSTINGS", 3)
    searcher = get_search_backend().get_index_for_model(Page).searcher()
    cache = engine.IndexCache(searcher)
    for word in ("otter", "school", "badger", "police"):
        cache.scores(wq.Term("t_title", word))
    assert cache._size <= 3 or len(cache._lru) == 1
