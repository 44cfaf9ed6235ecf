"""Rendered results are reused only while nothing they show has changed
(search/page_cache.py): every change to a page, restriction, promotion, taxonomy or
glossary row, and every index update, is seen by the next request."""

import datetime
import re

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from case_studies.models import CaseStudyPage
from case_studies.tests.factories import make_case_study, publish
from cms.glossary.models import GlossaryTerm
from search import page_cache, views
from search.models import SearchContentVersion, ZeroResultQuery

pytestmark = pytest.mark.django_db


def html(client, **params):
    """The page's text, without tags (titles carry <mark> highlights)."""
    response = client.get("/search/", params)
    assert response.status_code == 200
    return re.sub(r"<(?!input)[^>]+>", "", response.content.decode())


@pytest.fixture
def story(db):
    return make_case_study(
        "Consent at the school gate",
        state="published",
        agencies=("police",),
        themes=("consent",),
        summary="The school shared a worry about consent with the police.",
    )


@pytest.fixture
def computed(monkeypatch):
    """How many times the results were computed (not taken from the cache)."""
    calls = []
    original = views.SearchPage.render

    def render(self):
        calls.append(self.params.query)
        return original(self)

    monkeypatch.setattr(views.SearchPage, "render", render)
    return calls


def test_a_repeated_search_is_served_from_the_cache_with_fewer_queries(client, story, computed):
    with CaptureQueriesContext(connection) as first:
        first_html = html(client, q="consent")
    with CaptureQueriesContext(connection) as second:
        second_html = html(client, q="consent")
    assert computed == ["consent"]
    assert second_html == first_html
    assert "Consent at the school gate" in second_html
    assert len(second.captured_queries) < len(first.captured_queries)
    html(client, q="consent", agency="police")  # other parameters: another entry
    assert computed == ["consent", "consent"]


def test_a_cached_search_is_still_logged_each_time(client, computed):
    html(client, q="nothinglikethis")
    html(client, q="nothinglikethis")
    assert len(computed) == 1
    assert ZeroResultQuery.objects.get(query_text="nothinglikethis").count == 2


def test_unpublishing_removes_the_page_at_once_even_before_the_index_is_updated(
    client, story, settings, computed
):
    assert "Consent at the school gate" in html(client, q="consent")
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": False} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    story.unpublish()
    assert "Consent at the school gate" not in html(client, q="consent")
    assert len(computed) == 2


def test_a_republished_title_shows_at_once(client, story, settings):
    assert "Consent at the school gate" in html(client, q="consent")
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": False} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    story.title = "Consent and the school nurse"
    publish(story)
    page = html(client, q="consent")
    assert "Consent and the school nurse" in page
    assert "Consent at the school gate" not in page


def test_a_new_story_shows_once_indexed(client, story):
    assert "Consent refused by a teenager" not in html(client, q="consent")
    make_case_study("Consent refused by a teenager", state="published", summary="Consent was refused.")
    assert "Consent refused by a teenager" in html(client, q="consent")


def test_a_view_restriction_hides_the_page_at_once(client, story):
    assert "Consent at the school gate" in html(client, q="consent")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert "Consent at the school gate" not in html(client, q="consent")


def test_a_new_glossary_term_shows_in_the_glossary_box(client, story):
    assert "Agreement to share." not in html(client, q="consent")
    GlossaryTerm.objects.create(
        term="Consent", slug="consent", meaning="Agreement to share.", review_date=datetime.date(2027, 1, 1)
    )
    assert "Agreement to share." in html(client, q="consent")


def test_an_index_update_is_seen_even_without_a_database_change(client, rf, story, computed):
    from wagtail.search.backends import get_search_backend

    before = page_cache.cache_key(rf.get("/search/", {"q": "consent"}))
    html(client, q="consent")
    get_search_backend().add(story)  # a commit to the index, by the worker say
    assert page_cache.cache_key(rf.get("/search/", {"q": "consent"})) != before
    html(client, q="consent")
    assert len(computed) == 2


def test_nothing_about_the_signed_in_person_is_cached(client, story, practitioner):
    client.force_login(practitioner)
    assert "Signed in as Pat" in html(client, q="consent")
    client.logout()
    anonymous = html(client, q="consent")
    assert "Consent at the school gate" in anonymous
    assert "Pat" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_a_change_that_cannot_replace_the_token_is_refused(story, monkeypatch):
    """Fail closed: the change does not commit while cached results still show it as it was."""

    class Unwritable:
        _meta = SearchContentVersion._meta

        class objects:  # noqa: N801 - stands in for the manager
            @staticmethod
            def filter(**kwargs):
                raise DatabaseError("disk I/O error")

    monkeypatch.setattr(page_cache, "SearchContentVersion", Unwritable)
    story.title = "Renamed"
    with pytest.raises(DatabaseError):
        story.save()


def test_the_token_row_is_recreated_if_missing(client, story, computed):
    SearchContentVersion.objects.all().delete()
    html(client, q="consent")
    html(client, q="consent")
    assert len(computed) == 2  # no token: nothing cached
    story.save()  # any change creates it again
    assert SearchContentVersion.objects.count() == 1
    html(client, q="consent")
    html(client, q="consent")
    assert len(computed) == 3


def test_backends_without_an_index_state_are_never_cached(client, story, computed, monkeypatch):
    monkeypatch.setattr(page_cache, "get_search_backend", lambda: object())
    html(client, q="consent")
    html(client, q="consent")
    assert len(computed) == 2


def test_a_new_promotion_shows_at_once(client, story):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    assert "Recommended" not in html(client, q="consent")
    SearchPromotion.objects.create(query=Query.get("consent"), page=story, description="An editors pick")
    assert "An editors pick" in html(client, q="consent")


def test_a_moved_section_shows_its_new_address(client, story):
    from wagtail.models import Page

    old_url = story.url
    assert old_url in client.get("/search/", {"q": "consent"}).content.decode()
    home = Page.objects.get(depth=2)
    section = home.add_child(instance=Page(title="Archive", slug="archive"))
    story.move(section, pos="last-child")
    story.refresh_from_db()
    page = client.get("/search/", {"q": "consent"}).content.decode()
    assert f'href="{story.url}"' in page
    assert f'href="{old_url}"' not in page


def test_what_results_read_through_related_rows_is_watched():
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from cms.taxonomy.models import Agency, Area
    from media.models import CaptionTrack, Video

    watched = page_cache.watched_models()
    for model in (Video, CaptionTrack, Area, Agency, GlossaryTerm, PageViewRestriction, SearchPromotion):
        assert model in watched


def test_a_save_of_an_unrelated_row_keeps_the_cache(client, story, computed, practitioner):
    html(client, q="consent")
    practitioner.display_name = "Patricia"
    practitioner.save()
    html(client, q="consent")
    assert len(computed) == 1


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_pages_saved_at_once_in_several_threads_each_replace_the_token(baseline_data):
    """Every watched save writes the one token row in its own transaction: saves racing in
    several threads all commit (PostgreSQL queues them on the row lock; SQLite's test
    database is retried while locked), and the token ends up changed."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection as main_connection

    from conftest import waiting_for_locks

    stories = [make_case_study(f"Consent story {n}", state="published") for n in range(4)]
    before = page_cache.current_token()
    barrier = threading.Barrier(len(stories))

    def rename(story):
        from django.db import connection

        try:
            barrier.wait(timeout=10)

            def save():
                from django.db import transaction

                with transaction.atomic():
                    page = type(story).objects.get(pk=story.pk)
                    page.title = story.title + " (renamed)"
                    page.save()
                return page_cache.current_token()

            return waiting_for_locks(save)
        finally:
            connection.close()

    with ThreadPoolExecutor(len(stories)) as pool:
        tokens = list(pool.map(rename, stories))
    main_connection.close()
    assert before not in tokens
    assert page_cache.current_token() in tokens  # the last save's own
    assert {page.title for page in CaseStudyPage.objects.filter(pk__in=[s.pk for s in stories])} == {
        story.title + " (renamed)" for story in stories
    }


def test_a_page_withdrawn_without_any_signal_is_never_shown_from_the_cache(client, story, computed):
    assert "Consent at the school gate" in html(client, q="consent")
    Page.objects.filter(pk=story.pk).update(live=False)  # no save, no signal, same token
    assert "Consent at the school gate" not in html(client, q="consent")
    assert len(computed) == 2


def test_a_restriction_committed_before_its_token_hides_the_page_at_once(client, story, monkeypatch):
    """Wagtail's privacy dialog saves the restriction outside a transaction: its token change
    can come later (or fail). The cached body is checked against the database on each use."""
    assert "Consent at the school gate" in html(client, q="consent")
    monkeypatch.setattr(page_cache, "bump", lambda **kwargs: None)
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert "Consent at the school gate" not in html(client, q="consent")


def test_saving_a_draft_leaves_the_token_alone(story):
    before = page_cache.current_token()
    story.title = "A draft title nobody sees yet"
    story.save_revision()
    assert page_cache.current_token() == before
    story.delete()
    assert page_cache.current_token() != before


def test_deletes_of_other_models_keep_django_s_fast_delete(db):
    from django.db.models.deletion import Collector

    collector = Collector(using="default")
    assert collector.can_fast_delete(ZeroResultQuery.objects.all())
    assert not collector.can_fast_delete(PageViewRestriction.objects.all())
