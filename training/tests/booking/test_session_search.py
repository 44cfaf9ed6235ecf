"""Sessions appear in the site search through their programme's page, on the real Whoosh index."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from modelsearch import signal_handlers

from search.checks import check_search_registrations
from search.registry import registry
from training.booking import service
from training.models import InductionProgrammePage
from training.session_search import sessions_search_text
from training.tests.session_factories import make_person, make_programme, make_session, make_venue

pytestmark = pytest.mark.django_db


def results(client, query, **params):
    """[(title, url, snippet)] of the /search/ results for `query`."""
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    block = re.search(r'data-testid="search-results".*?</ol>', html, re.S)
    if not block:
        return []
    found = re.findall(
        r'<h2 class="govuk-heading-m[^"]*"><a class="govuk-link" href="([^"]+)">(.*?)</a></h2>\s*'
        r'(?:<p class="govuk-body app-result__snippet">(.*?)</p>)?',
        block.group(0),
        re.S,
    )
    return [(re.sub(r"<[^>]+>", "", title).strip(), url, snippet) for url, title, snippet in found]


def titles(client, query, **params):
    return [title for title, _url, _snippet in results(client, query, **params)]


@pytest.fixture
def programme():
    page = make_programme("Leeds joint safeguarding induction")
    page.save_revision().publish()
    return InductionProgrammePage.objects.get(pk=page.pk)


@pytest.fixture
def kirkstall():
    return make_venue("Kirkstall Forge Training Suite", address="3 Forge Lane, Leeds LS5 3AA")


def test_programmes_are_registered_and_pass_the_search_checks():
    [programmes] = [t for t in registry.types() if t.model is InductionProgrammePage]
    assert (programmes.slug, programmes.label) == ("programme", "Induction programme")
    assert "upcoming_sessions_text" in programmes.snippet_fields
    assert not [error for error in check_search_registrations() if error.obj is InductionProgrammePage]


def test_a_search_for_a_session_s_venue_title_or_date_finds_its_programme(client, programme, kirkstall):
    starts = timezone.localtime(timezone.now() + timedelta(days=20)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    make_session(programme, title="Learning circle on chronologies", venue=kirkstall, starts_at=starts)

    [(title, url, snippet)] = results(client, "Kirkstall")
    assert (title, url) == ("Leeds joint safeguarding induction", programme.url)
    assert "<mark>Kirkstall</mark>" in snippet and "Learning circle on chronologies" in snippet
    assert titles(client, "chronologies", type="programme") == ["Leeds joint safeguarding induction"]
    assert titles(client, f"{starts.day} {starts:%B} {starts.year}") == ["Leeds joint safeguarding induction"]


def test_the_programme_s_document_follows_its_sessions(client, programme, kirkstall):
    assert titles(client, "Kirkstall") == []
    session = make_session(programme, title="Shadowing briefing", venue=kirkstall)
    assert titles(client, "Kirkstall") == ["Leeds joint safeguarding induction"]

    session.venue = make_venue("Headingley Library", address="1 North Lane, Leeds LS6 3HA")
    session.title = "Briefing before your placement"
    session.save()
    assert titles(client, "Kirkstall") == [] and titles(client, "Shadowing") == []
    assert titles(client, "Headingley placement") == ["Leeds joint safeguarding induction"]

    session.venue.name = "Headingley Community Library"
    session.venue.save()
    assert titles(client, "Community Library") == ["Leeds joint safeguarding induction"]

    service.cancel_session(session.pk, "The facilitator is unwell. Book another date.")
    assert titles(client, "Headingley") == []


def test_a_session_moved_to_another_programme_leaves_the_first(client, programme, kirkstall):
    session = make_session(programme, venue=kirkstall)
    other = make_programme("Schools and health: working together")
    other.save_revision().publish()
    session.programme = other
    session.save()
    assert titles(client, "Kirkstall") == ["Schools and health: working together"]


def test_past_sessions_are_left_out_and_drafts_never_show(client, programme, kirkstall):
    make_session(
        programme,
        title="Day one together",
        venue=kirkstall,
        starts_in=timedelta(days=-3),
        opened_ago=timedelta(days=30),
    )
    assert sessions_search_text(programme) == ""
    draft = make_programme("Draft programme", live=False)
    make_session(draft, venue=make_venue("Roundhay Pavilion"))
    assert titles(client, "Roundhay") == [] and titles(client, "Kirkstall") == []


def test_the_text_names_each_upcoming_session(programme, kirkstall):
    starts = timezone.make_aware(timezone.datetime(2031, 3, 4, 9, 30))
    make_session(
        programme,
        title="Workshop: the Brooks family",
        venue=kirkstall,
        starts_at=starts,
        length=timedelta(hours=3),
        facilitator="Named nurse for safeguarding",
    )
    assert sessions_search_text(programme) == (
        "Workshop: the Brooks family, at Kirkstall Forge Training Suite, 3 Forge Lane, Leeds LS5 3AA: "
        "Tuesday 4 March 2031, 9:30am to 12:30pm. Co-located training, run by Named nurse for safeguarding."
    )


def test_bookings_do_not_rewrite_the_programme_s_document(programme, monkeypatch):
    session = make_session(programme)
    queued = []
    enqueue = signal_handlers.insert_or_update_object_task.enqueue

    def spy(app_label, model_name, pk):
        queued.append(model_name)
        return enqueue(app_label, model_name, pk)

    monkeypatch.setattr(signal_handlers.insert_or_update_object_task, "enqueue", spy)
    service.book(session.pk, make_person("police"))
    session.save(update_fields=["confirmed_count", "updated_at"])  # as a counter change would
    assert "inductionprogrammepage" not in queued
    session.title = "Renamed"
    session.save()
    assert queued.count("inductionprogrammepage") == 1


def test_a_renamed_session_shows_in_cached_results_before_its_programme_is_reindexed(
    client, programme, kirkstall, settings
):
    session = make_session(programme, title="Shadowing briefing", venue=kirkstall)
    [(_title, _url, snippet)] = results(client, "Kirkstall")
    assert "Shadowing briefing" in snippet
    settings.TASKS = {  # the reindex is queued and not run, as when the worker is busy
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "search", "media"],
        }
    }
    session.title = "Briefing before your placement"
    session.save()
    [(_title, _url, snippet)] = results(client, "Kirkstall")
    assert "Briefing before your placement" in snippet
