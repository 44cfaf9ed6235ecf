"""A champion's profile page and story pages, and the home page's latest champion stories."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from champions.models import ChampionProfilePage, ChampionStoryPage
from champions.related import contact_url
from champions.tests.factories import make_champion, make_story
from champions.tests.pages_support import classify, count_queries, html, make_photo, set_topics

pytestmark = pytest.mark.django_db


def published(story, days_ago):
    """Date a story's first publication (the newest comes first)."""
    when = timezone.now() - timedelta(days=days_ago)
    ChampionStoryPage.objects.filter(pk=story.pk).update(first_published_at=when)
    return story


@pytest.fixture
def profile(no_search_index_updates):
    cover = make_champion("Alex Morgan", agency="police", area="newham", job_title="Detective sergeant, MASH")
    profile = make_champion(
        "Sam Okafor",
        agency="health",
        area="leeds",
        job_title="Named nurse for safeguarding",
        help_with="When health can share with schools.\n\nHow to ask the GP practice.",
        photo=make_photo(),
        photo_alt="Sam, in a hospital corridor",
        cover_contact=cover,
    )
    set_topics(profile, "consent", "thresholds")
    return profile


def test_profile_shows_who_they_are_and_what_they_can_help_with(client, profile):
    page = html(client.get(profile.url))
    assert "<h1" in page and "Sam Okafor</h1>" in page
    assert "Named nurse for safeguarding" in page and "Health" in page and "Leeds" in page
    assert "When health can share with schools." in page and "How to ask the GP practice." in page
    assert 'alt="Sam, in a hospital corridor"' in page
    # Topics link to the directory filtered by them.
    assert 'href="/champions/?topic=consent"' in page and "Thresholds" in page
    assert '<a class="govuk-breadcrumbs__link" href="/champions/">' in page


def test_first_name_only_and_no_photo(client, no_search_index_updates):
    profile = make_champion("Priya Shah", first_name_only=True)
    page = html(client.get(profile.url))
    assert "Priya</h1>" in page and "Shah" not in page
    assert "<img" not in page.split('id="main-content"')[1]


def test_cover_contact_card_links_to_their_profile(client, profile):
    page = html(client.get(profile.url))
    assert 'data-testid="cover-contact"' in page
    assert f'href="{profile.cover_contact.url}"' in page
    assert "Detective sergeant, MASH" in page and "Newham" in page


@pytest.mark.parametrize("how", ["unpublished", "withdrawn"])
def test_a_cover_contact_no_longer_shown_is_left_out(client, profile, how):
    cover = profile.cover_contact
    if how == "unpublished":
        cover.unpublish()
    else:
        ChampionProfilePage.objects.filter(pk=cover.pk).update(consent_withdrawn_at=timezone.now())
    page = html(client.get(profile.url))
    assert 'data-testid="cover-contact"' not in page and "Alex Morgan" not in page


def test_profile_lists_live_stories_newest_first(client, profile):
    published(make_story(profile, "An older story"), days_ago=30)
    published(make_story(profile, "The newest story"), days_ago=1)
    make_story(profile, "A draft story", live=False)
    page = html(client.get(profile.url))
    stories = page.split('data-testid="profile-stories"')[1]
    assert stories.index("The newest story") < stories.index("An older story")
    assert "A draft story" not in page


def test_profile_without_stories_says_so(client, profile):
    assert "has not published a story yet" in html(client.get(profile.url))


def test_contact_link_goes_to_the_contact_form(client, profile):
    expected = reverse("champions:contact", args=[profile.pk])
    page = html(client.get(profile.url))
    link = (
        page.split('data-testid="contact-link"')[0].rsplit("<a ", 1)[1]
        + page.split('data-testid="contact-link"')[1]
    )
    assert f'href="{expected}"' in link and "Contact Sam Okafor</a>" in link
    assert "Never include details of a real case" in page


def test_no_contact_link_without_the_contact_form(settings, profile):
    settings.ROOT_URLCONF = "champions.tests.urls_without_contact"
    assert contact_url(profile) == ""


def test_no_contact_link_for_a_champion_without_an_account(client, profile):
    ChampionProfilePage.objects.filter(pk=profile.pk).update(user=None)
    profile.refresh_from_db()
    assert contact_url(profile) == ""
    assert 'data-testid="contact-link"' not in html(client.get(profile.url))


def test_story_page_shows_story_champion_and_classification(client, profile):
    story = classify(
        make_story(
            profile,
            "Asking the school nurse first",
            summary="A short summary of what helped.",
            body="<p>We <strong>met</strong> and talked it through.</p>",
        ),
        agencies=("health", "education"),
        themes=("consent",),
    )
    page = html(client.get(story.url))
    assert "Asking the school nurse first</h1>" in page
    assert "A short summary of what helped." in page and "<strong>met</strong>" in page
    card = page.split('data-testid="story-champion"')[1]
    assert f'href="{profile.url}"' in card and "Sam Okafor" in card
    assert "Named nurse for safeguarding" in card and "Health" in card
    about = page.split('data-testid="story-classification"')[1]
    assert "Education" in about and "Leeds" in about and "Consent" in about
    breadcrumbs = page.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/champions/"' in breadcrumbs and f'href="{profile.url}"' in breadcrumbs


def test_story_page_hides_a_champion_who_withdrew(client, profile):
    story = make_story(profile, "A story left live by mistake")
    ChampionProfilePage.objects.filter(pk=profile.pk).update(consent_withdrawn_at=timezone.now())
    page = html(client.get(story.url))
    assert 'data-testid="story-champion"' not in page and "Sam Okafor" not in page


def test_profile_and_story_query_counts_do_not_grow(client, profile):
    story = make_story(profile)
    client.get(profile.url)  # warm the caches (site root paths, renditions)
    client.get(story.url)
    small_profile, small_story = count_queries(client, profile.url), count_queries(client, story.url)
    for _ in range(8):
        make_story(profile)
    set_topics(profile, "consent", "thresholds", "gdpr-confidence", "shared-language")
    big_profile, big_story = count_queries(client, profile.url), count_queries(client, story.url)
    assert big_profile == small_profile and big_story == small_story
    assert big_profile <= 25 and big_story <= 20


# -- the home page ----------------------------------------------------------------------


def home_stories(client):
    return [story.title for story in client.get("/").context["latest_champion_stories"]]


def test_home_page_shows_the_three_newest_stories_of_shown_champions(client, profile):
    for days, title in ((40, "Fourth newest"), (3, "Newest"), (10, "Second newest"), (20, "Third newest")):
        published(make_story(profile, title), days_ago=days)
    make_story(profile, "A draft story", live=False)
    # A story left live under a profile that is not (an editor unpublished the profile).
    hidden = make_champion("Wendy Unpublished", live=False)
    orphan = published(make_story(hidden, "Story of an unpublished profile"), days_ago=0)
    assert ChampionStoryPage.objects.live().filter(pk=orphan.pk).exists()
    assert home_stories(client) == ["Newest", "Second newest", "Third newest"]
    page = html(client.get("/"))
    assert "Latest champion stories" in page and "Champion story by Sam Okafor" in page
    assert "Story of an unpublished profile" not in page


def test_home_page_without_stories_has_no_section(client, no_search_index_updates):
    make_champion("Sam Okafor")
    assert "Latest champion stories" not in html(client.get("/"))


def test_home_page_query_count_does_not_grow(client, profile):
    make_story(profile)
    client.get("/")
    small = count_queries(client, "/")
    for _ in range(6):
        make_story(make_champion())
    big = count_queries(client, "/")
    assert big == small
