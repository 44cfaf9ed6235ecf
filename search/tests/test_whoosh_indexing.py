"""Indexing into the Whoosh backend: a rebuild writes one segment with one commit,
related rows are prefetched per batch (constant SQL queries), and the leaner columns
(untiered integers, ``doc_has`` only for nullable fields, related filter columns)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from case_studies.models import CaseStudyPage
from case_studies.tests.factories import make_case_study
from search.backends.whoosh import build_document
from search.backends.whoosh.documents import prefetch_for_indexing

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    return get_search_backend()


def doc_ids(index):
    return sorted(int(fields["doc_id"]) for fields in index.searcher().all_stored_fields())


@pytest.mark.parametrize("procs", [1, 2])
def test_update_index_writes_one_segment_per_process_and_finds_the_same(settings, procs):
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "INDEX_PROCS": procs} if name == "default" else config
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    pages = [
        make_case_study(f"Heron {i}", state="published", summary="A heron story about early help.")
        for i in range(3)
    ]
    before = {p.pk for p in CaseStudyPage.objects.live().search("heron")}
    call_command("update_index", stdout=StringIO())
    index = get_search_backend().get_index_for_model(Page)
    assert 1 <= len(index.searcher().reader().leaf_readers()) <= procs
    assert {p.pk for p in CaseStudyPage.objects.live().search("heron")} == before == {p.pk for p in pages}
    assert len(set(doc_ids(index))) == len(doc_ids(index)) == Page.objects.count()


def test_a_rebuild_missing_documents_is_not_swapped_in(backend):
    page = make_case_study("Lapwing", state="published", summary="A lapwing story.")
    index = backend.get_index_for_model(Page)
    live = backend.store.current_generation(index.name)
    rebuilder = backend.rebuilder_class(index)
    new_index = rebuilder.start()
    new_index.add_items(CaseStudyPage, [CaseStudyPage.objects.get(pk=page.pk)])
    new_index._live.add("999999")  # as if a writer process had lost a document
    with pytest.raises(RuntimeError, match="wrote 1 of 2 documents"):
        rebuilder.finish()
    assert backend.store.current_generation(index.name) == live
    assert [p.pk for p in CaseStudyPage.objects.search("lapwing")] == [page.pk]


def test_a_rebuild_replaces_an_object_indexed_twice_and_applies_deletes(backend):
    pages = [make_case_study(f"Kestrel {i}", summary="A kestrel story about consent.") for i in range(3)]
    index = backend.get_index_for_model(Page)
    rebuilder = backend.rebuilder_class(index)
    new_index = rebuilder.start()
    objs = list(CaseStudyPage.objects.filter(pk__in=[p.pk for p in pages]))
    new_index.add_items(CaseStudyPage, objs)
    objs[0].title = "Kestrel renamed"
    new_index.add_items(CaseStudyPage, objs[:1])  # the same object again: replaces the first copy
    new_index.delete_item(objs[2])
    rebuilder.finish()
    assert doc_ids(index) == sorted(p.pk for p in pages[:2])
    assert [p.pk for p in CaseStudyPage.objects.search("renamed")] == [pages[0].pk]


def test_indexing_a_batch_costs_the_same_queries_whatever_its_size(backend):
    pages = [
        make_case_study(f"Plover {i}", agencies=("police", "health"), concerns=(), themes=("consent",))
        for i in range(6)
    ]

    def queries(n):
        objs = list(CaseStudyPage.get_indexed_objects().filter(pk__in=[p.pk for p in pages[:n]]))
        with CaptureQueriesContext(connection) as ctx:
            backend.add_bulk(CaseStudyPage, objs)
        return len(ctx.captured_queries)

    assert queries(2) == queries(6)


def test_prefetched_relations_give_the_same_document():
    page = make_case_study(
        "Curlew", agencies=("police", "health"), themes=("consent",), summary="A curlew story."
    )
    plain = build_document(CaseStudyPage.objects.get(pk=page.pk))
    obj = CaseStudyPage.objects.get(pk=page.pk)
    prefetch_for_indexing(CaseStudyPage, [obj])
    with CaptureQueriesContext(connection) as ctx:
        prefetched = build_document(obj)
    assert prefetched == plain
    assert len(ctx.captured_queries) <= 1  # (the StreamField body's own lookups at most)
    assert set(plain["rs_agencies__slug"].split()) == {"police", "health"}


def test_columns_are_lean(backend):
    make_case_study("Dunlin", state="published", summary="A dunlin story.")
    schema = backend.get_index_for_model(Page).searcher().schema
    assert schema["fi_year"].shift_step == 0  # one posting per integer, not sixteen
    assert schema["doc_pk"].shift_step == 0
    doc = build_document(CaseStudyPage.objects.get(title="Dunlin"))
    has = doc.get("doc_has", "").split()
    assert "fi_year" not in has and "fi_live" not in has  # never null: no need to record
    assert "rs_agencies__slug" in schema and "rs_stage__slug" in schema


def test_related_lookups_need_their_column_in_the_index(backend):
    # an index generation made before related filter columns existed (they are never
    # added to one on the fly) keeps answering related lookups from the database
    make_case_study("Avocet", state="published", agencies=("police",), summary="An avocet story.")
    qs = CaseStudyPage.objects.live().filter(agencies__slug="police")
    results = qs.search("avocet")
    assert not results._evaluation().needs_db
    assert [p.title for p in results] == ["Avocet"]
    _where, needs_db = results.query_compiler.get_filter(schema={})
    assert needs_db
