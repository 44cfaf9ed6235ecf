"""The demo glossary loader, and the terms the site search shows in its "Glossary" box."""

import io

import pytest

from cms.glossary import demo
from cms.glossary.demo_terms import TERMS
from cms.glossary.models import GlossaryTerm, TermReading
from cms.glossary.queries import matching_terms
from cms.users.models import User

from .factories import make_term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


def snapshot():
    terms = GlossaryTerm.objects.prefetch_related("agencies", "readings__agency").order_by("pk")
    return [
        (
            t.pk,
            t.term,
            t.slug,
            t.expansion,
            t.meaning,
            t.aliases,
            t.steward_id,
            t.review_date,
            t.updated_at,
            sorted(a.slug for a in t.agencies.all()),
            [(r.pk, r.agency.slug, r.reading) for r in t.readings.all()],
        )
        for t in terms
    ]


def test_demo_loads_every_term_and_is_idempotent(db):
    editor = User.objects.create_user(email="editor@example.org", password="x", display_name="Priya")
    summary = demo.load(io.StringIO())
    assert len(TERMS) >= 120
    assert GlossaryTerm.objects.count() == len(TERMS)
    assert f"{len(TERMS)} glossary terms ({len(TERMS)} new, 0 updated)" in summary
    assert TermReading.objects.count() == sum(len(t["readings"]) for t in TERMS)
    slugs = list(GlossaryTerm.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)
    mash = GlossaryTerm.objects.get(term="MASH")
    assert mash.slug == "mash" and mash.expansion == "multi-agency safeguarding hub"
    assert mash.aliases == ", ".join(next(t["aliases"] for t in TERMS if t["term"] == "MASH"))
    assert mash.steward == editor
    assert GlossaryTerm.objects.get(term="CP plan").slug == "cp-plan"
    with_readings = next(t for t in TERMS if t["readings"])
    term = GlossaryTerm.objects.get(term=with_readings["term"])
    assert [(r.agency.slug, r.reading) for r in term.readings.all()] == [
        (r["agency"], r["reading"]) for r in with_readings["readings"]
    ]
    before = snapshot()
    summary = demo.load(io.StringIO())
    assert "(0 new, 0 updated)" in summary
    assert snapshot() == before


def test_demo_puts_back_what_was_changed_and_keeps_the_review_date(db):
    demo.load(io.StringIO())
    mash = GlossaryTerm.objects.get(term="MASH")
    mash.meaning = "Edited."
    mash.review_date = mash.review_date.replace(year=mash.review_date.year + 1)
    mash.save()
    summary = demo.load(io.StringIO())
    assert "(0 new, 1 updated)" in summary
    assert "no stewards" in summary
    mash.refresh_from_db()
    assert mash.meaning != "Edited." and mash.steward is None
    assert mash.review_date.year == GlossaryTerm.objects.get(term="DSL").review_date.year + 1


def test_unique_slugs():
    assert demo.unique_slugs([{"term": "CP plan"}, {"term": "CP Plan"}, {"term": "cp-plan"}]) == {
        "CP plan": "cp-plan",
        "CP Plan": "cp-plan-2",
        "cp-plan": "cp-plan-3",
    }


@pytest.fixture
def terms(db):
    return {
        "mash": make_term(
            "MASH", expansion="multi-agency safeguarding hub", aliases="MASHs, safeguarding hub"
        ),
        "mappa": make_term("MAPPA", expansion="multi-agency public protection arrangements"),
        "marac": make_term("MARAC", expansion="multi-agency risk assessment conference"),
        "ma": make_term("Mental capacity", aliases="capacity"),
        "dsl": make_term("DSL", expansion="designated safeguarding lead", aliases="DSLs, deputy DSL"),
        "sg": make_term("Safeguarding"),
    }


def test_matching_terms_equal_or_start_with_the_query(terms, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = matching_terms("mash")
    assert found == [terms["mash"]]
    assert matching_terms("MA", limit=10) == [terms["mash"], terms["mappa"], terms["marac"]]  # then by length
    assert matching_terms("ma", limit=10)[:3] == [terms["mash"], terms["mappa"], terms["marac"]]
    assert terms["ma"] not in matching_terms("ma", limit=10)
    assert matching_terms("multi-agency", limit=10) == [terms["mash"], terms["mappa"], terms["marac"]]
    assert matching_terms("multi-agency") == matching_terms("multi-agency", limit=3)
    assert len(matching_terms("multi-agency", limit=2)) == 2


def test_matching_terms_aliases_and_ranking(terms):
    # an alias equal to the query ranks first; a word in the middle of an alias is no match
    assert matching_terms("capacity") == [terms["ma"]]
    assert matching_terms("deputy") == [terms["dsl"]]
    assert matching_terms("DSL") == [terms["dsl"]]
    assert matching_terms("safeguarding") == [terms["sg"], terms["mash"]]
    assert matching_terms("lead") == []  # inside "designated safeguarding lead" only
    assert matching_terms("") == [] and matching_terms("   ") == []
    assert matching_terms("zzz") == []


def test_matching_terms_one_letter_only_exact(terms):
    make_term("A", slug="a-term")
    assert [t.term for t in matching_terms("a")] == ["A"]
    assert matching_terms("m") == []


def test_demo_glossary_page_lists_every_term(client, django_assert_num_queries):
    demo.load(io.StringIO())
    with django_assert_num_queries(4):
        response = client.get("/glossary/")
    html = response.content.decode()
    assert html.count('class="app-glossary-entry"') == len(TERMS) >= 120
    assert f"{len(TERMS)} terms" in html
    assert client.get("/glossary/cp-plan/").status_code == 200
