"""The /search/ page: results, highlighting, facets, filters, pagination, permissions,
malformed parameters, promotions and constant query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from case_studies.tests.factories import make_case_study, publish

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    block = re.search(r'data-testid="search-results".*?</ol>', html, re.S)
    if not block:
        return []
    return [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'<h2 class="govuk-heading-m[^"]*"><a [^>]*>(.*?)</a>', block.group(0), re.S)
    ]


def count_of(html, param, slug):
    m = re.search(rf'data-testid="count-{param}-{slug}">\((\d+)\)', html)
    return int(m.group(1)) if m else 0


@pytest.fixture
def corpus(db):
    """Three live case studies plus hidden ones that must never show up."""
    a = make_case_study(
        "Consent at the school gate",
        state="published",
        agencies=("police", "education"),
        themes=("consent", "thresholds"),
        stage="referral",
        summary="The school shared a worry about consent with the police.",
    )
    b = make_case_study(
        "Consent refused by a teenager",
        state="published",
        agencies=("health",),
        themes=("consent",),
        stage="child-protection",
        summary="A 17-year-old refused consent; health shared anyway.",
    )
    c = make_case_study(
        "Early help for a family",
        state="published",
        agencies=("police", "early-help"),
        themes=("think-family",),
        stage="early-help",
        summary="Police noticed neglect signs and early help got involved with consent.",
    )
    draft = make_case_study(
        "Draft consent story zebrafish",
        state="draft",
        agencies=("police",),
        themes=("consent",),
        summary="Draft consent text about zebrafish.",
    )
    private = make_case_study(
        "Private consent story",
        state="published",
        agencies=("police",),
        themes=("consent",),
        summary="Private consent text.",
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    unpublished = make_case_study(
        "Unpublished consent story",
        state="published",
        agencies=("police",),
        themes=("consent",),
        summary="Unpublished consent text.",
    )
    unpublished.unpublish()
    return {"a": a, "b": b, "c": c, "draft": draft, "private": private, "unpublished": unpublished}


def test_blank_search_shows_tips(client):
    html = body(client.get("/search/"))
    assert "Search tips" in html
    assert "/case-studies/" in html


def test_results_only_live_public_pages(client, corpus):
    html = body(client.get("/search/?q=consent"))
    titles = result_titles(html)
    assert set(titles) == {
        "Consent at the school gate",
        "Consent refused by a teenager",
        "Early help for a family",
    }
    assert "3 results for" in html
    for hidden in ("Draft consent", "Private consent", "Unpublished consent"):
        assert hidden not in html


def test_hidden_pages_not_counted_in_facets(client, corpus):
    html = body(client.get("/search/?q=consent"))
    assert count_of(html, "agency", "police") == 2  # a and c; not draft/private/unpublished
    assert count_of(html, "agency", "health") == 1
    assert count_of(html, "agency", "education") == 1
    assert count_of(html, "theme", "consent") == 2
    assert count_of(html, "theme", "thresholds") == 1
    assert count_of(html, "theme", "think-family") == 1
    assert count_of(html, "stage", "referral") == 1
    assert count_of(html, "stage", "early-help") == 1
    assert count_of(html, "stage", "child-protection") == 1


def test_highlighted_snippets_are_escaped(client, db):
    make_case_study(
        "Trust <script>alert(1)</script> and consent",
        state="published",
        summary="Sharing <b>with</b> consent & care between agencies.",
    )
    html = body(client.get("/search/?q=consent"))
    assert "<mark>consent</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;with&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ("agency=police", {"Consent at the school gate", "Early help for a family"}),
        ("agency=police&theme=thresholds", {"Consent at the school gate"}),
        ("stage=child-protection", {"Consent refused by a teenager"}),
        (
            "agency=police,health",
            {"Consent at the school gate", "Early help for a family", "Consent refused by a teenager"},
        ),
        (
            "agency=police&agency=health",
            {"Consent at the school gate", "Early help for a family", "Consent refused by a teenager"},
        ),
        ("type=case-study&agency=police&theme=consent&stage=referral", {"Consent at the school gate"}),
        (
            "type=case-study",
            {"Consent at the school gate", "Early help for a family", "Consent refused by a teenager"},
        ),
    ],
)
def test_filters(client, corpus, params, expected):
    html = body(client.get(f"/search/?q=consent&{params}"))
    assert set(result_titles(html)) == expected
    assert f"{len(expected)} result" in html


def test_facet_counts_follow_filters(client, corpus):
    html = body(client.get("/search/?q=consent&agency=police"))
    assert count_of(html, "agency", "police") == 2
    assert count_of(html, "agency", "education") == 1
    assert count_of(html, "agency", "health") == 0
    assert 'id="filter-agency-police" name="agency" type="checkbox" value="police" checked' in html


@pytest.mark.parametrize(
    "params",
    [
        "type=nonsense",
        "agency=martians",
        "theme=%3Cscript%3E",
        "stage=../../etc/passwd",
        "page=abc",
        "page=-3",
        "page=99999",
        "page=1.5",
        "q=%00consent%01",
        "q=" + "consent+" * 200,
        "agency=",
        "type=case-study&type=case-study",
        "q=consent&q=other",
        "q=%22unbalanced",
        "q=AND+OR+NOT",
        "q=*",
        "q=)(",
        "agency=POLICE",
    ],
)
def test_malformed_params_never_500(client, corpus, params):
    response = client.get(f"/search/?q=consent&{params}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_unknown_slugs_are_ignored_with_a_notice(client, corpus):
    html = body(client.get("/search/?q=consent&agency=martians&type=podcasts"))
    assert html.count('data-testid="search-notice"') == 2
    assert "martians" in html and "podcasts" in html
    assert len(result_titles(html)) == 3  # the bad filters were dropped


def test_pagination(client, db):
    for i in range(23):
        make_case_study(f"Pathway story {i}", state="published", summary="A pathway that worked.")
    html = body(client.get("/search/?q=pathway"))
    assert "23 results" in html
    assert len(result_titles(html)) == 10
    assert 'class="govuk-pagination"' in html
    assert 'aria-current="page"' in html
    assert 'rel="next"' in html and 'rel="prev"' not in html
    page3 = body(client.get("/search/?q=pathway&page=3"))
    assert len(result_titles(page3)) == 3
    assert 'rel="prev"' in page3 and 'rel="next"' not in page3
    seen = (
        set(result_titles(html))
        | set(result_titles(body(client.get("/search/?q=pathway&page=2"))))
        | set(result_titles(page3))
    )
    assert len(seen) == 23
    # out of range clamps to the last page
    assert len(result_titles(body(client.get("/search/?q=pathway&page=50")))) == 3


def test_did_you_mean(client, corpus):
    # With results for the correction and none for the words as typed, the corrected results
    # are shown at once (search/tests/test_results_page.py); searched as typed, a link.
    html = body(client.get("/search/?q=consnet&spelling=off"))
    assert 'data-testid="did-you-mean"' in html
    assert 'href="?q=consent"' in html
    assert result_titles(html) == []


def test_did_you_mean_never_leaks_draft_words(client, corpus):
    html = body(client.get("/search/?q=zebrafsh"))
    assert "did-you-mean" not in html
    assert "zebrafish" not in html.lower().replace("zebrafsh", "")


def test_empty_state(client, corpus):
    html = body(client.get("/search/?q=xylophone"))
    assert 'data-testid="empty-state"' in html
    assert "No results for" in html
    assert "/case-studies/" in html
    html = body(client.get("/search/?q=xylophone&agency=police"))
    assert "removing your filters" in html


def test_and_falls_back_to_or(client, corpus):
    html = body(client.get("/search/?q=teenager+xylophone"))
    assert result_titles(html) == ["Consent refused by a teenager"]
    assert "some of them" in html


def test_promotions_shown_first_only_when_live(client, corpus):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get("consent")
    SearchPromotion.objects.create(query=query, page=corpus["c"], description="Editor's pick", sort_order=0)
    SearchPromotion.objects.create(query=query, page=corpus["draft"], description="Hidden pick", sort_order=1)
    SearchPromotion.objects.create(
        query=query, page=corpus["private"], description="Private pick", sort_order=2
    )
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.gov.uk/",
        external_link_text="Working together",
        sort_order=3,
    )
    html = body(client.get("/search/?q=Consent"))
    recommended = re.search(r'data-testid="recommended".*?</section>', html, re.S).group(0)
    assert "Early help for a family" in recommended and "Editor&#x27;s pick" in recommended
    assert "Working together" in recommended
    assert "Draft consent" not in recommended and "Private consent" not in recommended
    assert html.index("Recommended") < html.index('data-testid="search-results"')


def test_query_count_is_constant(client, db):
    def make(n, word):
        for i in range(n):
            make_case_study(
                f"{word} story {i}",
                state="published",
                summary=f"{word} shared well.",
                agencies=("police", "health"),
                themes=("consent", "thresholds"),
            )

    make(10, "Tenword")
    make(40, "Fortyword")
    url = "/search/?q={}&agency=police"
    client.get(url.format("story"))  # warm caches (site root paths, content types)

    with CaptureQueriesContext(connection) as ten:
        assert "10 results" in body(client.get(url.format("tenword")))
    with CaptureQueriesContext(connection) as forty:
        assert "40 results" in body(client.get(url.format("fortyword")))
    if len(forty.captured_queries) != len(ten.captured_queries):
        for name, ctx in (("TEN", ten), ("FORTY", forty)):
            print(name)
            for q in ctx.captured_queries:
                print("   ", q["sql"][:160])
    assert len(forty.captured_queries) == len(ten.captured_queries)
    assert len(ten.captured_queries) <= 25


def test_query_count_bound(client, db, django_assert_max_num_queries):
    for i in range(12):
        make_case_study(f"Bounded story {i}", state="published", summary="bounded sharing")
    client.get("/search/?q=bounded")
    with django_assert_max_num_queries(25):
        client.get("/search/?q=bounded&theme=consent&stage=referral")


def test_results_follow_publish_and_unpublish(client, db):
    page = make_case_study("Hedgehog pathway", state="published", summary="A hedgehog pathway.")
    assert result_titles(body(client.get("/search/?q=hedgehog"))) == ["Hedgehog pathway"]
    page.unpublish()
    assert result_titles(body(client.get("/search/?q=hedgehog"))) == []
    publish(page)
    assert result_titles(body(client.get("/search/?q=hedgehog"))) == ["Hedgehog pathway"]
    page.delete()
    assert result_titles(body(client.get("/search/?q=hedgehog"))) == []
