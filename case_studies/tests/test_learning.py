"""Case studies count towards learning: viewed once, "Mark as read", "I reflected on this",
through the learning record; nothing for anonymous visitors, and no extra queries for them."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from case_studies import learning
from case_studies.tests.factories import make_case_study
from cms.learning_record.api import Verb, events_for, record_event
from cms.learning_record.models import LearningEvent
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


@pytest.fixture
def story():
    return make_case_study("A school nurse and a GP practice share a worry")


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def read_url(page):
    return reverse("case_studies:mark_read", args=[page.pk])


def reflected_url(page):
    return reverse("case_studies:mark_reflected", args=[page.pk])


def count(user, verb, page):
    return events_for(user, verb, page).count()


def today():
    return format_date(timezone.localtime(), "j F Y")


def page_queries(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


# -- anonymous visitors ------------------------------------------------------------------


def test_an_anonymous_visitor_gets_a_sign_in_link_and_no_buttons(client, story):
    response = client.get(story.url)
    html = response.content.decode()
    assert 'id="your-learning"' in html
    assert f'href="{reverse("account_login")}?{urlencode({"next": story.url})}"' in html
    assert "Mark as read" not in html and "I reflected on this" not in html
    assert read_url(story) not in html


def test_an_anonymous_page_costs_no_query_more_than_without_the_section(client, story, monkeypatch):
    client.get(story.url)  # warm the per-process caches (content types, site root paths)
    with_section = page_queries(client, story)
    monkeypatch.setattr(learning, "learning_context", lambda page, request: {})
    without_section = page_queries(client, story)
    assert len(with_section) == len(without_section)
    assert not [sql for sql in with_section if "learning_record" in sql]


def test_an_anonymous_post_goes_to_sign_in_and_records_nothing(client, story):
    for url in (read_url(story), reflected_url(story)):
        response = client.post(url)
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == reverse("account_login")
        assert parse_qs(location.query) == {"next": [story.url]}
    assert not LearningEvent.objects.exists()


def test_an_anonymous_page_is_not_marked_private(client, story):
    assert "private" not in client.get(story.url).get("Cache-Control", "")


# -- signed in ---------------------------------------------------------------------------


def test_opening_the_page_records_viewed_once(signed_in, practitioner, story):
    signed_in.get(story.url)
    signed_in.get(story.url)
    assert count(practitioner, Verb.VIEWED, story) == 1
    assert count(practitioner, Verb.COMPLETED, story) == 0


def test_a_preview_records_nothing(practitioner, story):
    request = RequestFactory().get(story.url)
    request.user = practitioner
    request.is_preview = True
    context = learning.learning_context(story, request)["case_study_learning"]
    assert context["signed_in"] and context["viewed_at"] is None
    assert count(practitioner, Verb.VIEWED, story) == 0


def test_a_signed_in_page_offers_both_buttons_as_post_forms_with_csrf(signed_in, story):
    response = signed_in.get(story.url)
    html = response.content.decode()
    for action, label in ((read_url(story), "Mark as read"), (reflected_url(story), "I reflected on this")):
        form_start = html.index(f'action="{action}"')
        form = html[html.rindex("<form", 0, form_start) : html.index("</form>", form_start)]
        assert 'method="post"' in form
        assert "csrfmiddlewaretoken" in form
        assert label in form
    assert "Sign in</a> to keep a record" not in html


def test_a_signed_in_page_is_private_to_the_person(signed_in, story):
    response = signed_in.get(story.url)
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_mark_as_read_records_completed_once_and_shows_when(signed_in, practitioner, story):
    response = signed_in.post(read_url(story))
    assert response.status_code == 302
    assert response["Location"] == f"{story.url}#your-learning"
    signed_in.post(read_url(story))
    assert count(practitioner, Verb.COMPLETED, story) == 1
    assert count(practitioner, Verb.REFLECTED, story) == 0

    html = signed_in.get(story.url).content.decode()
    assert f"You marked this as read on {today()}." in html
    assert "Mark as read</button>" not in html
    assert "I reflected on this</button>" in html


def test_i_reflected_records_reflected_once_and_shows_when(signed_in, practitioner, story):
    response = signed_in.post(reflected_url(story), follow=True)
    assert "You noted that you reflected on this case study." in response.content.decode()
    signed_in.post(reflected_url(story))
    assert count(practitioner, Verb.REFLECTED, story) == 1
    html = signed_in.get(story.url).content.decode()
    assert f"You noted that you reflected on this on {today()}." in html
    assert "I reflected on this</button>" not in html
    assert "Mark as read</button>" in html


def test_the_state_is_the_persons_own(signed_in, story):
    someone_else = make_user("someone@example.org")
    record_event(someone_else, Verb.COMPLETED, story, once=True)
    html = signed_in.get(story.url).content.decode()
    assert "You marked this as read" not in html
    assert "Mark as read</button>" in html


def test_a_signed_in_page_costs_the_same_queries_however_much_was_done(signed_in, practitioner, story):
    signed_in.get(story.url)  # the first visit records the view
    before = page_queries(signed_in, story)
    for other in [make_case_study() for _ in range(5)]:
        record_event(practitioner, Verb.VIEWED, other)
        record_event(practitioner, Verb.COMPLETED, other)
    record_event(practitioner, Verb.VIEWED, story)
    signed_in.post(read_url(story))
    signed_in.post(reflected_url(story))
    after = page_queries(signed_in, story)
    assert len(after) == len(before)
    assert len([sql for sql in after if "learning_record" in sql]) == 1


# -- the endpoints refuse what they should -----------------------------------------------


@pytest.mark.parametrize("url_for", [read_url, reflected_url])
def test_the_endpoints_are_post_only(signed_in, story, url_for):
    assert signed_in.get(url_for(story)).status_code == 405
    assert signed_in.put(url_for(story)).status_code == 405


@pytest.mark.parametrize("name", ["case_studies:mark_read", "case_studies:mark_reflected"])
def test_unknown_and_unpublished_pages_are_not_found(signed_in, practitioner, name):
    draft = make_case_study(state="draft")
    for page_id in (draft.pk, 999999, 2**63):
        assert signed_in.post(reverse(name, args=[page_id])).status_code == 404
    assert not events_for(practitioner).exists()


def test_a_post_without_the_csrf_token_is_refused(practitioner, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(read_url(story)).status_code == 403
    assert count(practitioner, Verb.COMPLETED, story) == 0
