"""Hyphenated, joined and spaced compounds find each other ("pre-birth", "prebirth",
"pre birth"; "co-location", "colocation"), on a real index of published case studies."""

import pytest
from modelsearch.query import Phrase
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from case_studies.models import CaseStudyPage
from case_studies.tests.factories import make_case_study

pytestmark = pytest.mark.django_db

DISTRACTOR = "The birth plan was agreed at the meeting, and the family felt heard."


def story(text, title="Planning together"):
    return make_case_study(title, state="published", summary=f"The team shared {text} worries early.")


def found(query, operator="and"):
    return {p.pk for p in Page.objects.live().search(query, operator=operator)}


@pytest.mark.parametrize(
    ("indexed", "query"),
    [
        ("pre-birth", "prebirth"),
        ("pre-birth", "pre birth"),
        ("prebirth", "pre-birth"),
        ("prebirth", "pre birth"),
        ("pre birth", "prebirth"),
        ("pre birth", "pre-birth"),
        ("co-location", "colocation"),
        ("colocation", "co-location"),
        ("co location", "colocation"),
    ],
)
def test_each_spelling_of_a_compound_finds_the_others(indexed, query):
    page = story(indexed)
    other = make_case_study("Another story", state="published", summary=DISTRACTOR)
    assert found(query) == {page.pk}
    assert other.pk in found("birth plan")  # the distractor is indexed, just not a match


def test_the_parts_of_a_split_word_must_stand_together():
    page = story("pre birth")
    apart = make_case_study(
        "Apart", state="published", summary="A pre meeting was held; the birth was early and all went well."
    )
    assert found("prebirth") == {page.pk}
    assert apart.pk not in found("prebirth")


def test_a_word_the_index_says_is_not_split():
    # "prebirth" is a word of the index here, so it only finds the documents saying it
    joined = story("prebirth")
    spaced = story("pre birth", title="Spaced")
    assert joined.pk in found("prebirth")
    assert spaced.pk not in found("prebirth")
    assert found("pre birth") == {joined.pk, spaced.pk}


def test_phrases_and_any_word_searches_match_compounds_too():
    page = story("pre-birth")
    assert {p.pk for p in CaseStudyPage.objects.live().search(Phrase("prebirth worries"))} == {page.pk}
    assert {p.pk for p in CaseStudyPage.objects.live().search(Phrase("pre birth worries"))} == {page.pk}
    assert page.pk in found("prebirth unrelatedword", operator="or")


def test_highlights_mark_the_compound_whichever_spelling_was_searched():
    backend = get_search_backend()
    hyphenated = story("pre-birth")
    spaced = story("pre birth", title="Spaced")
    assert (
        "<mark>pre-birth</mark>" in backend.highlight(hyphenated, "prebirth", fields=["summary"])["summary"]
    )
    marks = backend.highlight(spaced, "prebirth", fields=["summary"])["summary"]
    assert "<mark>pre</mark> <mark>birth</mark>" in marks


def test_a_joined_word_made_of_known_words_needs_no_spelling_correction():
    story("pre birth")
    backend = get_search_backend()
    assert backend.suggest("prebirth", Page) is None
    assert backend.suggest("prebirth worires", Page) == "prebirth worries"  # only the misspelling


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"positions": True, "chars": True},
        {"positions": True, "chars": True, "removestops": False, "mode": "index"},
        {"positions": True, "chars": True, "removestops": False, "joined_first": True},
        {"positions": True, "start_pos": 5, "chars": True, "start_char": 3, "keeporiginal": True},
    ],
)
def test_the_one_pass_analyzer_is_the_composed_chain(options):
    from search.backends.whoosh.schema import composed_search_analyzer, search_analyzer

    text = (
        "The Pre-birth plan: co-location of a day-to-day U.K. team, e-safety and sign-in, "
        "mother-in-law, COVID-19, 3.14 -- a-b x don't re-referral naïve über-cool to-do"
    )

    def tokens(analyzer):
        return [
            (
                t.text,
                t.pos if options.get("positions") else None,
                (t.startchar, t.endchar) if options.get("chars") else None,
                t.stopped,
                getattr(t, "joined", False),
                t.original if options.get("keeporiginal") else None,
            )
            for t in analyzer(text, **options)
        ]

    assert tokens(search_analyzer()) == tokens(composed_search_analyzer())
