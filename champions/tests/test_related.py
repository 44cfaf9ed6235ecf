"""Champions across the site: the scenarios they appear in and the case studies that quote
them, found through Wagtail's reference index (champions imports neither app), and the
champion links on the scenario and case study pages."""

import pytest
from django.utils import timezone

from case_studies.tests.factories import make_case_study
from champions.models import ChampionProfilePage
from champions.related import referring_pages
from champions.tests.factories import make_champion
from champions.tests.pages_support import count_queries, html
from training.tests.factories import make_scenario

pytestmark = pytest.mark.django_db


def reflection(profile, quote="Asking early made all the difference.", name="A named nurse", role="Nurse"):
    return ("reflection", {"quote": quote, "author_name": name, "author_role": role, "champion": profile})


@pytest.fixture
def champion(no_search_index_updates):
    return make_champion("Sam Okafor", job_title="Named nurse for safeguarding", agency="health")


def titles(pages):
    return [page.title for page in pages]


def test_profile_lists_scenarios_and_case_studies_that_refer_to_it(client, champion):
    make_scenario("Hungry in Year 3", featured_champion=champion)
    make_scenario("A draft scenario", state="draft", featured_champion=champion)
    make_scenario("Another champion's scenario", featured_champion=make_champion("Alex Morgan"))
    make_case_study("A story quoting Sam", body=[reflection(champion)])
    make_case_study("A draft story quoting Sam", state="draft", body=[reflection(champion)])
    make_case_study("A story with an unnamed reflection", body=[reflection(None)])

    found = referring_pages(champion)
    assert titles(found["related_scenarios"]) == ["Hungry in Year 3"]
    assert titles(found["related_case_studies"]) == ["A story quoting Sam"]

    page = html(client.get(champion.url))
    scenarios = page.split('data-testid="related-scenarios"')[1].split("</section>")[0]
    assert "Hungry in Year 3" in scenarios and "draft" not in scenarios
    case_studies = page.split('data-testid="related-case-studies"')[1].split("</section>")[0]
    assert "A story quoting Sam" in case_studies and "draft" not in case_studies


def test_other_profiles_pointing_at_it_are_not_related_content(champion):
    make_champion("Alex Morgan", cover_contact=champion)  # Alex's cover is Sam: a reference to Sam
    assert referring_pages(champion) == {"related_scenarios": [], "related_case_studies": []}


def test_unpublished_pages_drop_out(client, champion):
    scenario = make_scenario("Hungry in Year 3", featured_champion=champion)
    case_study = make_case_study("A story quoting Sam", body=[reflection(champion)])
    scenario.unpublish()
    case_study.unpublish()
    found = referring_pages(champion)
    assert found == {"related_scenarios": [], "related_case_studies": []}
    page = html(client.get(champion.url))
    assert 'data-testid="related-scenarios"' not in page and 'data-testid="related-case-studies"' not in page


def test_related_content_query_count_does_not_grow(client, champion):
    make_scenario(featured_champion=champion)
    make_case_study(body=[reflection(champion)])
    client.get(champion.url)
    small = count_queries(client, champion.url)
    for _ in range(4):
        make_scenario(featured_champion=champion)
        make_case_study(body=[reflection(champion), reflection(champion, quote="And again.")])
    big = count_queries(client, champion.url)
    found = referring_pages(champion)
    assert len(found["related_scenarios"]) == 5 and len(found["related_case_studies"]) == 5
    assert big == small


# -- the scenario page ----------------------------------------------------------------------


def test_scenario_page_shows_the_featured_champion(client, champion):
    scenario = make_scenario("Hungry in Year 3", featured_champion=champion)
    page = html(client.get(scenario.url))
    card = page.split('data-testid="featured-champion"')[1].split("</section>")[0]
    assert f'href="{champion.url}"' in card and "Sam Okafor" in card
    assert "Named nurse for safeguarding" in card and "Health" in card


@pytest.mark.parametrize("how", ["unpublished", "withdrawn"])
def test_scenario_page_leaves_out_a_champion_no_longer_shown(client, champion, how):
    scenario = make_scenario("Hungry in Year 3", featured_champion=champion)
    if how == "unpublished":
        champion.unpublish()
    else:
        ChampionProfilePage.objects.filter(pk=champion.pk).update(consent_withdrawn_at=timezone.now())
    page = html(client.get(scenario.url))
    assert 'data-testid="featured-champion"' not in page and "Sam Okafor" not in page


def test_scenario_without_a_champion_has_no_card(client, no_search_index_updates):
    scenario = make_scenario("Hungry in Year 3")
    assert 'data-testid="featured-champion"' not in html(client.get(scenario.url))


# -- the case study page --------------------------------------------------------------------


def test_case_study_reflection_names_and_links_the_champion(client, champion):
    case_study = make_case_study("A story quoting Sam", body=[reflection(champion, name="Typed name")])
    page = html(client.get(case_study.url))
    caption = page.split('data-testid="reflection-champion"')[1].split("</figcaption>")[0]
    assert f'href="{champion.url}"' in caption and "Sam Okafor" in caption
    assert "Named nurse for safeguarding" in caption
    assert "Typed name" not in page  # the profile's consented name is shown instead


def test_reflection_of_a_champion_no_longer_shown_gives_only_the_role(client, champion):
    case_study = make_case_study("A story quoting Sam", body=[reflection(champion, name="Sam Okafor")])
    ChampionProfilePage.objects.filter(pk=champion.pk).update(consent_withdrawn_at=timezone.now())
    page = html(client.get(case_study.url))
    assert "Asking early made all the difference." in page
    assert '<figcaption class="govuk-body-s govuk-!-margin-top-2">Nurse</figcaption>' in page
    assert "Sam Okafor" not in page and 'data-testid="reflection-champion"' not in page


def test_reflection_without_a_champion_shows_the_author(client, no_search_index_updates):
    case_study = make_case_study("A story", body=[reflection(None, name="A named nurse", role="Nurse")])
    page = html(client.get(case_study.url))
    assert "A named nurse, Nurse" in page
