"""Helpers for the champion page tests (directory, profile, story, related content, search)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.search.index import insert_or_update_object

from cms.anonymisation.testing import publish_guard_suspended
from cms.taxonomy.models import Agency, Theme


def _save(page):
    """Save a live page in place, then index it again: a page's tags and many-to-manys are
    written after its own row, and the tests' immediate task backend indexes on the row's save
    (the site's worker runs after the transaction commits, so it sees them)."""
    with publish_guard_suspended(type(page)):
        page.save()
    insert_or_update_object(page)
    return page


def set_topics(profile, *slugs):
    """Give a profile its "can help with" topics (themes, by slug), saved in place."""
    profile.topics.set(list(Theme.objects.filter(slug__in=slugs)))
    return _save(profile)


def classify(story, agencies=(), themes=()):
    """Give a story its agencies and themes (by slug), saved in place."""
    story.agencies.set(list(Agency.objects.filter(slug__in=agencies)))
    story.themes.set(list(Theme.objects.filter(slug__in=themes)))
    return _save(story)


def make_photo(title="Champion photo"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


def html(response):
    assert response.status_code == 200
    return response.content.decode()
