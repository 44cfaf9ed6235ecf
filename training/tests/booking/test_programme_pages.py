"""The programme index at /training/ and an induction programme's page: what they show,
and a fixed number of queries however many sessions a programme has."""

import importlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from cms.taxonomy.models import Area
from training.booking import presenters, service
from training.programme_setup import ensure_programme_index

from ..factories import make_scenario
from ..session_factories import make_person, make_programme, make_session, make_venue

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def make_case_study(title):
    # Training's code never imports case_studies (a programme chooses a case study by page
    # type name); the test needs a real case study page, so it uses that app's test factory.
    return importlib.import_module("case_studies.tests.factories").make_case_study(title)


def programme_with_everything():
    scenario = make_scenario("Strategy discussion in the MASH")
    draft_scenario = make_scenario("A scenario still in draft", state="draft")
    story = make_case_study("Police shadowing in the MASH")
    programme = make_programme(
        "Leeds joint safeguarding induction",
        summary="New starters from every agency learn each other's services together.",
        audience="New starters in Leeds from police, health, education and social care.",
        refresher_months=12,
        learning_aims=[
            ("practical_side", "What happens after a referral to the front door"),
            ("professional_culture", "Why police and health speak differently about risk"),
            ("practical_side", "Who holds which records, and how to ask for them"),
        ],
        modules=[
            (
                "session",
                {"format": "co-located", "title": "Welcome day", "description": "Meet the other agencies."},
            ),
            ("scenario", {"page": scenario, "note": "Watch before the second day."}),
            ("case_study", {"page": story, "note": ""}),
            ("scenario", {"page": draft_scenario, "note": ""}),
            (
                "shadowing",
                {
                    "host_agency": "childrens-social-care",
                    "length": 2,
                    "unit": "weeks",
                    "description": "In the MASH.",
                },
            ),
        ],
    )
    programme.areas.set([Area.objects.get(slug="leeds")])
    programme.save()
    return programme, scenario, story


def test_programme_page_shows_aims_modules_refresher_and_sessions(client):
    programme, scenario, story = programme_with_everything()
    starts = datetime(2027, 3, 2, 9, 30, tzinfo=LONDON)
    session = make_session(
        programme,
        title="Joint day one",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        booking_closes_at=starts - timedelta(days=1),
        cancellation_cutoff_at=starts - timedelta(days=3),
        capacity=12,
    )
    make_session(programme, title="A cancelled day", status="cancelled")
    make_session(make_programme("Another programme"), title="Another programme's day")
    for agency in ("police", "police", "health", "education"):
        service.book(session.pk, make_person(agency))

    response = client.get(programme.url)
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('id="main-content"') :]
    order = [
        "Leeds joint safeguarding induction",
        escape(programme.summary),
        "New starters in Leeds from police, health, education and social care.",
        ">Leeds</dd>",
        "Take it again every 12 months",
        "What you will learn",
        "The practical side of other services",
        "What happens after a referral to the front door",
        "Who holds which records, and how to ask for them",
        escape("Other professions' cultures"),
        "Why police and health speak differently about risk",
        "What the programme includes",
        "Welcome day",
        "Strategy discussion in the MASH",
        "Police shadowing in the MASH",
        "2 weeks with Children",
        "Upcoming sessions",
        "Joint day one",
    ]
    positions = [main.index(marker) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    assert '<ol class="govuk-list govuk-list--number' in main
    assert f'<a class="govuk-link" href="{scenario.url}">Strategy discussion in the MASH</a>' in main
    assert f'<a class="govuk-link" href="{story.url}">Police shadowing in the MASH</a>' in main
    # A draft page chosen as a module is named, never linked.
    assert "A scenario still in draft" in main and "A scenario still in draft</a>" not in main
    assert "In-person session (co-located training):" in main
    assert "Tuesday 2 March 2027, 9:30am to 12:30pm" in main
    assert "8 of 12" in main
    assert "Police 2, Education 1, Health 1 — 3 of at least 3 agencies" in main
    assert f'href="{session.get_absolute_url()}"' in main
    assert '<span class="govuk-visually-hidden"> Joint day one, Tuesday 2 March 2027' in main
    assert "A cancelled day" not in main and "Another programme&#x27;s day" not in main


def test_programme_without_sessions_or_optional_parts(client):
    programme = make_programme("Bare programme")
    html = client.get(programme.url).content.decode()
    assert "No sessions are booked in yet." in html
    assert "Any area" in html
    assert "What you will learn" not in html and "Take it again" not in html
    assert "What the programme includes" not in html


def test_unpublished_programme_is_not_shown(client):
    draft = make_programme("Draft programme", live=False)
    assert client.get("/training/" + draft.slug + "/").status_code == 404
    index = ensure_programme_index()
    assert "Draft programme" not in client.get(index.url).content.decode()


def test_programme_index_lists_live_programmes_with_their_summaries(client):
    first = make_programme("Alpha induction", summary="Alpha summary for new starters.")
    make_programme("Bravo induction", summary="Bravo summary for new starters.")
    make_programme("Hidden induction", live=False)
    starts = datetime(2027, 4, 6, 10, 0, tzinfo=LONDON)
    make_session(first, starts_at=starts, booking_closes_at=starts - timedelta(days=1))
    make_session(first, starts_in=timedelta(days=400))
    index = ensure_programme_index()
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and index.title in html
    assert "Learn the practical side" in html or "learn the practical side" in html  # the intro
    assert html.index("Alpha induction") < html.index("Bravo induction")
    assert "Alpha summary for new starters." in html and "Bravo summary for new starters." in html
    assert "Hidden induction" not in html
    assert "2 upcoming sessions, the next on Tuesday 6 April 2027." in html
    assert "No sessions booked in yet." in html
    assert f'href="{first.url}"' in html
    assert 'href="/sessions/"' in html


def _add_sessions(programme, count):
    venue = make_venue()
    for number in range(count):
        session = make_session(programme, venue=venue, title=f"Counted day {number}")
        for agency in ("police", "health"):
            service.book(session.pk, make_person(agency))


def count_queries(client, path):
    client.get(path)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_programme_page_queries_do_not_grow_with_sessions(client):
    programme, _, _ = programme_with_everything()
    _add_sessions(programme, 2)
    client.force_login(make_person("police"))
    few = count_queries(client, programme.url)
    _add_sessions(programme, 8)
    many = count_queries(client, programme.url)
    assert client.get(programme.url).content.decode().count('class="app-card app-session-card"') == 10
    assert many == few


def test_programme_index_queries_do_not_grow_with_programmes(client):
    index = ensure_programme_index()
    for _ in range(2):
        _add_sessions(make_programme(), 1)
    few = count_queries(client, index.url)
    for _ in range(8):
        _add_sessions(make_programme(), 1)
    many = count_queries(client, index.url)
    assert many == few


# The words the pages use -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hour, minute, words",
    [
        (9, 30, "9:30am"),
        (9, 0, "9am"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 30, "12:30pm"),
        (17, 5, "5:05pm"),
    ],
)
def test_time_words(hour, minute, words):
    assert presenters.time_words(datetime(2027, 3, 2, hour, minute, tzinfo=LONDON)) == words


def test_dates_are_in_london_time():
    # 09:30 UTC in summer is 10:30 in London.
    start = datetime(2027, 7, 6, 9, 30, tzinfo=UTC)
    assert (
        presenters.range_words(start, start + timedelta(hours=2)) == "Tuesday 6 July 2027, 10:30am to 12:30pm"
    )
    overnight = presenters.range_words(start, start + timedelta(days=1))
    assert overnight == "Tuesday 6 July 2027, 10:30am to Wednesday 7 July 2027, 10:30am"


def test_rule_in_words_for_other_settings():
    session = make_session(capacity=10, max_agency_share=30, min_agencies=1)
    assert presenters.rule_sentence(session) == "No agency takes more than 30% of the places (3 of 10)."
    anyone = make_session(capacity=10, max_agency_share=100, min_agencies=1)
    assert presenters.rule_sentence(anyone) == "Any agency can book any of the places."
    released = make_session(mix_release_at=timezone.now() - timedelta(hours=1))
    assert presenters.rule_sentence(released).startswith("Since ")
    assert presenters.rule_sentence(released).endswith("any agency can book the places left.")


def test_refresher_words():
    assert presenters.refresher_words(12) == "Take it again every 12 months"
    assert presenters.refresher_words(1) == "Take it again every month"
    assert presenters.refresher_words(None) == ""
