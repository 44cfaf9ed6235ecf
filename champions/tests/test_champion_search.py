"""Champion stories and profiles in the site search: registered with their facets, found by
their words, filtered by type, agency and theme, and never when they are not published."""

import pytest

from champions.models import ChampionProfilePage, ChampionStoryPage
from champions.tests.factories import make_champion, make_story
from champions.tests.pages_support import classify, set_topics
from search.checks import check_search_registrations
from search.registry import registry
from search.tests.test_search_page import body, count_of, result_titles

pytestmark = pytest.mark.django_db


def search_type(model):
    (found,) = [t for t in registry.types() if t.model is model]
    return found


def test_stories_and_profiles_are_registered_with_their_facets():
    story = search_type(ChampionStoryPage)
    assert (story.slug, story.label, story.plural) == ("story", "Champion story", "Champion stories")
    assert story.facets == {"agency": "agencies", "theme": "themes"}
    profile = search_type(ChampionProfilePage)
    assert (profile.slug, profile.label, profile.plural) == ("champion", "Champion", "Champions")
    assert profile.facets == {"agency": "agency", "theme": "topics"}
    assert check_search_registrations() == []


@pytest.fixture
def corpus(db):
    sam = make_champion(
        "Sam Okafor",
        agency="health",
        job_title="Named nurse for safeguarding",
        help_with="Questions about sharing with the zebrafish team.",
    )
    set_topics(sam, "consent")
    alex = make_champion(
        "Alex Morgan",
        agency="police",
        job_title="Detective sergeant",
        help_with="How the zebrafish referral desk works.",
    )
    set_topics(alex, "thresholds")
    story = classify(
        make_story(sam, "Asking the zebrafish nurse first", summary="We asked before we worried."),
        agencies=("health", "education"),
        themes=("consent",),
    )
    hidden = make_champion("Dana Draft", agency="police", live=False, help_with="Zebrafish questions.")
    hidden_story = make_story(sam, "A draft zebrafish story", live=False)
    return {"sam": sam, "alex": alex, "story": story, "hidden": hidden, "hidden_story": hidden_story}


def test_search_finds_a_story_and_profiles(client, corpus):
    html = body(client.get("/search/?q=zebrafish"))
    assert set(result_titles(html)) == {"Asking the zebrafish nurse first", "Sam Okafor", "Alex Morgan"}
    assert "Champion story" in html
    assert "Dana" not in html and "A draft zebrafish story" not in html


def test_search_by_type(client, corpus):
    stories = body(client.get("/search/?q=zebrafish&type=story"))
    assert result_titles(stories) == ["Asking the zebrafish nurse first"]
    champions = body(client.get("/search/?q=zebrafish&type=champion"))
    assert set(result_titles(champions)) == {"Sam Okafor", "Alex Morgan"}


def test_agency_and_theme_facets_filter_profiles_and_stories(client, corpus):
    police = body(client.get("/search/?q=zebrafish&agency=police"))
    assert result_titles(police) == ["Alex Morgan"]
    health = body(client.get("/search/?q=zebrafish&agency=health"))
    assert set(result_titles(health)) == {"Sam Okafor", "Asking the zebrafish nurse first"}
    consent = body(client.get("/search/?q=zebrafish&theme=consent"))
    assert set(result_titles(consent)) == {"Sam Okafor", "Asking the zebrafish nurse first"}
    html = body(client.get("/search/?q=zebrafish"))
    assert count_of(html, "agency", "health") == 2 and count_of(html, "agency", "police") == 1
    assert count_of(html, "theme", "consent") == 2 and count_of(html, "theme", "thresholds") == 1


def test_an_unpublished_profile_leaves_the_search(client, corpus):
    corpus["alex"].unpublish()
    html = body(client.get("/search/?q=zebrafish"))
    assert "Alex Morgan" not in result_titles(html)
