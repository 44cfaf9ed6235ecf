import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from case_studies.models import CaseStudyFeedback
from case_studies.tests.factories import case_study_index, make_case_study

pytestmark = pytest.mark.django_db


def titles(response):
    return [story.title for story in response.context["stories"]]


@pytest.fixture
def stories():
    return {
        "a": make_case_study(
            "A police and health story",
            agencies=["police", "health"],
            themes=["consent"],
            stage="early-help",
            year=2021,
            area="leeds",
        ),
        "b": make_case_study(
            "B police only",
            agencies=["police"],
            themes=["thresholds"],
            stage="referral",
            year=2022,
            area="newham",
            concerns=["domestic-abuse"],
        ),
        "c": make_case_study(
            "C health and education",
            agencies=["health", "education"],
            themes=["consent"],
            stage="early-help",
            year=2022,
            area="leeds",
            evidence="pilot",
        ),
        "d": make_case_study(
            "D education only",
            agencies=["education"],
            themes=["co-location"],
            stage="child-protection",
            year=2020,
            area="durham",
        ),
        "draft": make_case_study("E draft police", agencies=["police"], themes=["consent"], state="draft"),
    }


def get(client, query=""):
    return client.get("/case-studies/" + query)


def test_unfiltered_lists_only_live_stories_newest_first(client, stories):
    response = get(client)
    assert response.status_code == 200
    assert titles(response) == [
        "B police only",
        "C health and education",
        "A police and health story",
        "D education only",
    ]


def test_private_stories_are_not_listed(client, stories):
    PageViewRestriction.objects.create(page=stories["d"], restriction_type="login")
    assert "D education only" not in titles(get(client))


@pytest.mark.parametrize(
    "query,expected",
    [
        ("?agency=police", {"A police and health story", "B police only"}),
        (
            "?agency=police&agency=education",
            {"A police and health story", "B police only", "C health and education", "D education only"},
        ),
        ("?agency=health&theme=consent", {"A police and health story", "C health and education"}),
        (
            "?agency=police&agency=health&theme=consent&stage=early-help",
            {"A police and health story", "C health and education"},
        ),
        ("?agency=police&theme=consent&stage=early-help", {"A police and health story"}),
        ("?theme=consent&year=2022", {"C health and education"}),
        ("?area=leeds&evidence=pilot", {"C health and education"}),
        ("?concern=domestic-abuse", {"B police only"}),
        ("?stage=child-protection&agency=police", set()),
    ],
)
def test_filter_combinations_return_exactly_the_right_stories(client, stories, query, expected):
    assert set(titles(get(client, query))) == expected


def test_an_area_may_be_given_by_name_or_code_and_is_shown_by_slug(client, stories):
    for value in ("Leeds", "leeds", "E08000035", "Leeds City Council"):
        response = get(client, f"?area={value}")
        assert set(titles(response)) == {"A police and health story", "C health and education"}, value
        assert [o.value for o in response.context["active_filters"]] == ["leeds"]


def test_facet_counts_count_what_each_option_would_show(client, stories):
    response = get(client, "?theme=consent")
    facets = {
        facet.dimension.param: {o.value: o.count for o in facet.options}
        for facet in response.context["facets"]
    }
    # Agency counts are within theme=consent (A: police+health, C: health+education).
    assert facets["agency"] == {"police": 1, "health": 2, "education": 1}
    # Theme counts ignore the theme selection itself, so other themes stay reachable.
    assert facets["theme"] == {"consent": 2, "thresholds": 1, "co-location": 1}
    assert facets["year"] == {"2022": 1, "2021": 1}
    assert facets["evidence"] == {"practitioner-account": 1, "pilot": 1}


def test_unknown_and_malformed_values_are_ignored_with_a_notice(client, stories):
    response = get(client, "?agency=martians&agency=police&year=abc&sort=sideways&page=zz&theme=%3Cscript%3E")
    assert response.status_code == 200
    assert set(titles(response)) == {"A police and health story", "B police only"}
    html = response.content.decode()
    assert "martians" in html and "not a known agency" in html
    assert "not a known year" in html
    assert "sort order" in html
    assert "“&lt;script&gt;”" in html and "“<script>" not in html


def test_pagination_and_sorting_by_title(client, no_search_index_updates):
    for number in range(23):
        make_case_study(f"Story {number:02d}")
    first = get(client, "?sort=title")
    assert titles(first)[:2] == ["Story 00", "Story 01"] and len(titles(first)) == 10
    third = get(client, "?sort=title&page=3")
    assert titles(third) == ["Story 20", "Story 21", "Story 22"]
    assert 'href="?sort=title&amp;page=2"' in third.content.decode()
    assert titles(get(client, "?sort=title&page=999")) == ["Story 20", "Story 21", "Story 22"]


def test_clear_and_remove_filter_links(client, stories):
    html = get(client, "?agency=police&theme=consent").content.decode()
    assert "Clear filters" in html
    assert 'href="/case-studies/?theme=consent"' in html  # remove police
    assert 'href="/case-studies/?agency=police"' in html  # remove consent


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_and_detail_query_counts_do_not_grow_with_the_number_of_stories(
    client, no_search_index_updates
):
    case_study_index()
    first = make_case_study(
        "First", agencies=["police", "health"], themes=["consent", "thresholds"], concerns=["neglect"]
    )
    for _ in range(9):
        make_case_study(agencies=["police", "health"], themes=["consent"], concerns=["neglect"])
    url = "/case-studies/?agency=police&theme=consent"
    client.get(url)  # warm the caches every test starts without (site root paths...)
    small_listing = count_queries(client, url)
    small_detail = count_queries(client, first.url)
    for _ in range(490):
        make_case_study(
            agencies=["police", "education"], themes=["consent", "thresholds"], concerns=["neglect"]
        )
    big_listing = count_queries(client, url)
    big_detail = count_queries(client, first.url)
    print(
        f"listing queries: {small_listing} (10 stories) / {big_listing} (500 stories); "
        f"detail: {small_detail} / {big_detail}"
    )
    assert big_listing == small_listing
    assert big_detail == small_detail
    assert big_listing <= 25


def test_detail_page_shows_in_brief_evidence_and_review(client):
    page = make_case_study(
        "Detail story",
        agencies=["police", "health"],
        evidence="pilot",
        limitations="Small sample.",
        body=[
            (
                "sharing",
                {
                    "what": "The attendance record",
                    "with_whom": "the school nurse",
                    "how": ["secure-email"],
                    "notes": "",
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert "In brief" in html
    assert "The attendance record" in html and "Secure email" in html
    assert "Pilot" in html and "Small sample." in html
    assert "Next review due" in html
    assert "Was this useful?" in html


def test_feedback_is_stored_without_personal_data_and_rate_limited(client):
    page = make_case_study("Feedback story")
    url = f"/case-study-feedback/feedback/{page.pk}/"
    response = client.post(url, {"useful": "yes", "comment": "Clear and practical"})
    assert response.status_code == 302 and response["Location"].endswith("#feedback")
    feedback = CaseStudyFeedback.objects.get()
    assert feedback.useful is True and feedback.comment == "Clear and practical"
    assert {f.name for f in CaseStudyFeedback._meta.get_fields()} == {
        "id",
        "page",
        "useful",
        "comment",
        "created",
    }
    for _ in range(10):
        client.post(url, {"useful": "no"})
    assert CaseStudyFeedback.objects.count() == 5  # 5 per client per page per hour


def test_feedback_rejects_invalid_answers_and_drafts(client):
    live = make_case_study("Live")
    draft = make_case_study("Draft", state="draft")
    client.post(f"/case-study-feedback/feedback/{live.pk}/", {"useful": "maybe"})
    assert not CaseStudyFeedback.objects.exists()
    assert client.post(f"/case-study-feedback/feedback/{draft.pk}/", {"useful": "yes"}).status_code == 404
    assert client.get(f"/case-study-feedback/feedback/{live.pk}/").status_code == 405
