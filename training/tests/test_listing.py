"""The scenario listing at /scenarios/: filters, counts, duration bands, cards, query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from .factories import make_scenario, make_video

pytestmark = pytest.mark.django_db


def titles(response):
    return [scenario.title for scenario in response.context["scenarios"]]


def get(client, query=""):
    return client.get("/scenarios/" + query)


@pytest.fixture
def scenarios():
    return {
        "a": make_scenario(
            "A police and health, 2:30",
            agencies=["police", "health"],
            themes=["consent"],
            concerns=["neglect"],
            video=make_video(duration=150),
        ),
        "b": make_scenario(
            "B police only, 3:00",
            agencies=["police"],
            themes=["thresholds"],
            concerns=["domestic-abuse"],
            video=make_video(duration=180),
        ),
        "c": make_scenario(
            "C health and education, 5:00",
            agencies=["health", "education"],
            themes=["consent"],
            video=make_video(duration=300.2),
        ),
        "d": make_scenario(
            "D education only, 6:40",
            agencies=["education"],
            themes=["co-location"],
            concerns=["neglect"],
            video=make_video(duration=400),
        ),
        "draft": make_scenario("E draft police", agencies=["police"], state="draft"),
    }


def test_lists_live_public_scenarios_only(client, scenarios):
    PageViewRestriction.objects.create(page=scenarios["d"], restriction_type="login")
    response = get(client, "?sort=title")
    assert response.status_code == 200
    assert titles(response) == [
        "A police and health, 2:30",
        "B police only, 3:00",
        "C health and education, 5:00",
    ]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("?agency=police", {"a", "b"}),
        ("?agency=police&agency=education", {"a", "b", "c", "d"}),
        ("?agency=health&theme=consent", {"a", "c"}),
        ("?concern=neglect", {"a", "d"}),
        ("?duration=under-3", {"a"}),
        ("?duration=3-to-5", {"b", "c"}),  # 3:00 and 5:00 exactly are "3 to 5 minutes"
        ("?duration=over-5", {"d"}),
        ("?duration=under-3&duration=over-5", {"a", "d"}),
        ("?duration=3-to-5&agency=police", {"b"}),
        ("?duration=over-5&agency=police", set()),
    ],
)
def test_filters_combine(client, scenarios, query, expected):
    assert set(titles(get(client, query))) == {scenarios[key].title for key in expected}


def test_facet_counts_count_what_each_option_would_show(client, scenarios):
    response = get(client, "?agency=health")
    facets = {
        facet.dimension.param: {option.value: option.count for option in facet.options}
        for facet in response.context["facets"]
    }
    # Agency counts ignore the agency selection itself, so other agencies stay reachable.
    assert facets["agency"] == {"police": 2, "health": 2, "education": 2}
    # The other counts are within agency=health (A and C).
    assert facets["theme"] == {"consent": 2}
    assert facets["concern"] == {"neglect": 1}
    assert facets["duration"] == {"under-3": 1, "3-to-5": 1}
    labels = {option.value: option.label for facet in response.context["facets"] for option in facet.options}
    assert labels["under-3"] == "Under 3 minutes" and labels["3-to-5"] == "3 to 5 minutes"


def test_unknown_values_are_ignored_with_a_notice(client, scenarios):
    response = get(client, "?agency=martians&duration=forever&duration=over-5&sort=sideways")
    assert set(titles(response)) == {scenarios["d"].title}
    html = response.content.decode()
    assert "not a known agency" in html and "“forever”: it is not a known length" in html
    assert "We ignored the sort order “sideways” and sorted newest first." in html


def test_sorting_by_length(client, scenarios):
    assert titles(get(client, "?sort=shortest"))[0] == scenarios["a"].title


def test_a_result_card_shows_title_length_summary_agencies_and_a_decorative_poster(client, scenarios):
    html = get(client, "?agency=police&duration=3-to-5").content.decode()
    page = scenarios["b"]
    assert f'<a class="govuk-link" href="{page.url}">B police only, 3:00</a>' in html
    assert '<time datetime="PT3M0S">3:00</time>' in html
    assert "compare small worries about Child A." in html
    assert '<strong class="govuk-tag govuk-tag--blue">Police</strong>' in html
    assert f'src="{page.video.poster_url}" alt="" width="160" height="90"' in html
    assert 'Remove<span class="govuk-visually-hidden"> filter</span> 3 to 5 minutes' in html


def test_the_filters_fold_behind_a_filter_button_on_a_phone(client, scenarios):
    html = get(client, "?agency=police").content.decode()
    assert "data-app-filter-panel" in html
    assert 'href="#filters" data-app-filter-panel-toggle' in html and "(1 applied)" in html
    assert 'id="filters"' in html


def test_an_empty_listing_says_so(client):
    from training.setup import ensure_index_page

    ensure_index_page()
    html = get(client).content.decode()
    assert "There are no video scenarios yet" in html and "data-app-filter-panel" not in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_number_of_scenarios(client, no_search_index_updates):
    make_scenario(agencies=["police", "health"], themes=["consent"], concerns=["neglect"])
    urls = ["/scenarios/", "/scenarios/?agency=police&theme=consent&duration=3-to-5"]
    client.get(urls[0])  # warm what every test starts without (site root paths...)
    one = [count_queries(client, url) for url in urls]
    for _ in range(14):
        make_scenario(
            agencies=["police", "education"], themes=["consent", "thresholds"], concerns=["neglect"]
        )
    many = [count_queries(client, url) for url in urls]
    print(f"scenario listing queries: {one} (1 scenario) / {many} (15 scenarios)")
    assert many == one
    assert max(many) <= 20
