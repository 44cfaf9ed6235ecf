"""The champion directory at /champions/: who is listed, filters and their counts, cards,
pagination, and a fixed number of queries however many champions there are."""

import pytest
from django.utils import timezone

from champions.models import ChampionProfilePage
from champions.setup import ensure_champion_index
from champions.tests.factories import make_champion
from champions.tests.pages_support import count_queries, html, make_photo, set_topics

pytestmark = pytest.mark.django_db


def names(response):
    return [champion.shown_name for champion in response.context["champions"]]


def get(client, query=""):
    return client.get("/champions/" + query)


def facet_counts(response):
    return {
        facet.dimension.param: {option.value: option.count for option in facet.options}
        for facet in response.context["facets"]
    }


@pytest.fixture
def directory(no_search_index_updates):
    sam = make_champion("Sam Okafor", agency="health", area="leeds", first_name_only=True)
    set_topics(sam, "consent", "thresholds")
    alex = make_champion("Alex Morgan", agency="police", area="newham", job_title="Detective sergeant, MASH")
    set_topics(alex, "consent")
    priya = make_champion(
        "Priya Shah",
        agency="education",
        area="leeds",
        job_title="Designated safeguarding lead",
        photo=make_photo(),
        photo_alt="Priya, smiling, in a school library",
    )
    set_topics(priya, "gdpr-confidence")
    withdrawn = make_champion("Wendy Withdrawn", agency="police", area="leeds")
    ChampionProfilePage.objects.filter(pk=withdrawn.pk).update(consent_withdrawn_at=timezone.now())
    never = make_champion("Nora Noconsent", agency="health", area="leeds")
    ChampionProfilePage.objects.filter(pk=never.pk).update(consent_given_at=None)
    draft = make_champion("Dan Draft", agency="police", area="leeds", live=False)
    return {"sam": sam, "alex": alex, "priya": priya, "withdrawn": withdrawn, "never": never, "draft": draft}


def test_lists_only_live_consented_champions_by_name(client, directory):
    response = get(client)
    assert names(response) == ["Alex Morgan", "Priya Shah", "Sam"]
    page = html(response)
    for hidden in ("Wendy", "Nora", "Dan Draft"):
        assert hidden not in page
    assert "3 champions" in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?agency=police", {"Alex Morgan"}),
        ("?agency=police&agency=health", {"Alex Morgan", "Sam"}),
        ("?area=leeds", {"Sam", "Priya Shah"}),
        ("?area=Leeds", {"Sam", "Priya Shah"}),
        ("?topic=consent", {"Sam", "Alex Morgan"}),
        ("?topic=consent&area=leeds", {"Sam"}),
        ("?topic=gdpr-confidence&agency=health", set()),
        ("?topic=thresholds&topic=gdpr-confidence", {"Sam", "Priya Shah"}),
    ],
)
def test_filters_combine(client, directory, query, expected):
    assert set(names(get(client, query))) == expected


def test_facet_counts_count_only_listed_champions(client, directory):
    counts = facet_counts(get(client, "?topic=consent"))
    # The withdrawn, never-consented and draft profiles (police and health, Leeds) count nowhere.
    assert counts["agency"] == {"health": 1, "police": 1}
    assert counts["area"] == {"leeds": 1, "newham": 1}
    # Topic counts ignore the topic selection itself, so other topics stay reachable.
    assert counts["topic"] == {"consent": 2, "thresholds": 1, "gdpr-confidence": 1}
    page = html(get(client, "?topic=consent"))
    assert 'id="f-topic-consent"' in page and "Can help with" in page


def test_unknown_filter_values_are_ignored_with_a_notice(client, directory):
    response = get(client, "?agency=martians&topic=nonsense&area=leeds")
    assert set(names(response)) == {"Sam", "Priya Shah"}
    page = html(response)
    assert "not a known agency" in page and "not a known topic" in page


def test_cards_show_name_role_agency_area_topics_and_photo(client, directory):
    page = html(get(client))
    assert "Detective sergeant, MASH" in page and "Police" in page and "Newham" in page
    assert f'href="{directory["alex"].url}"' in page
    # First name only: the surname is never shown.
    assert ">Sam</a>" in page and "Okafor" not in page
    # The photo has its description as alt text; champions without a photo have no image.
    assert page.count("<img") == 1
    assert 'alt="Priya, smiling, in a school library"' in page
    assert "Thresholds" in page  # a topic on Sam's card


def test_sorting_by_agency_and_pagination(client, no_search_index_updates):
    for number in range(14):
        make_champion(f"Champion {number:02d}", agency="police" if number % 2 else "health")
    first = get(client)
    assert names(first)[:2] == ["Champion 00", "Champion 01"] and len(names(first)) == 12
    assert names(get(client, "?page=2")) == ["Champion 12", "Champion 13"]
    by_agency = names(get(client, "?sort=agency"))
    # Police (the odd numbers) comes before Health in the agencies' order.
    assert by_agency[:7] == [f"Champion {n:02d}" for n in range(1, 14, 2)]


def test_an_empty_directory_says_so(client, no_search_index_updates):
    ensure_champion_index()
    page = html(get(client))
    assert "There are no champions listed yet" in page


def test_query_count_does_not_grow_with_the_number_of_champions(client, no_search_index_updates):
    photo = make_photo()
    for _ in range(4):
        set_topics(
            make_champion(agency="police", photo=photo, photo_alt="A champion"), "consent", "thresholds"
        )
    url = "/champions/?agency=police&topic=consent"
    client.get(url)  # warm the caches every test starts without (site root paths, renditions)
    small = count_queries(client, url)
    for _ in range(10):
        set_topics(make_champion(agency="police", photo=make_photo(), photo_alt="A champion"), "consent")
    client.get(url)  # the new photos' renditions are made once
    big = count_queries(client, url)
    assert len(client.get(url).context["champions"]) == 12
    assert big == small
    assert big <= 20
