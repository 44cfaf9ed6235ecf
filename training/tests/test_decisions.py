"""Answers at decision points: JSON for the player's script, a redirect back to the point
for the no-JavaScript form, nothing kept for anonymous visitors, 400 for bad input and
404 for a page that is not live."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.learning_record.api import events_for
from cms.learning_record.models import LearningEvent, Verb
from training.models import ScenarioPage
from training.progress import answers_for, decision_points, scenario_context

from .interaction_factories import POINTS, make_scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]

JSON = {"HTTP_ACCEPT": "application/json"}


def answer_url(page, point):
    return reverse("training:answer", args=[page.pk, point])


def context_for(page, user=None, query=None):
    request = RequestFactory().get(page.url, query or {})
    request.user = user or AnonymousUser()
    return scenario_context(page, request)["scenario_player"]


def test_answer_with_the_script_returns_the_commentary_and_records_it(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(answer_url(page, 0), {"option": "1"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "point": 0,
        "number": 1,
        "option": 1,
        "label": "Tell the health visitor",
        "commentary": "Sharing with the health visitor helps.",
        "recorded": True,
    }
    event = events_for(practitioner, Verb.ANSWERED_DECISION_POINT, page).get()
    assert event.data["point"] == 0 and event.data["option"] == 1
    assert event.data["block"] == page.decision_points[0].id


def test_anonymous_answer_with_the_script_shows_commentary_and_keeps_nothing(client):
    page = make_scenario()
    response = client.post(answer_url(page, 1), {"option": "0"}, **JSON)
    assert response.status_code == 200
    assert response.json()["commentary"] == "The GP may hold the missing piece."
    assert response.json()["recorded"] is False
    assert not LearningEvent.objects.exists()


def test_answer_without_the_script_goes_back_to_the_point(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(answer_url(page, 1), {"option": "1"})
    assert response.status_code == 302
    assert response["Location"] == page.url + "#decision-2"
    rows = context_for(page, practitioner)["decision_points"]
    assert rows[1]["answer"] == 1
    assert rows[1]["chosen"].commentary == "Others may hold part of the picture."
    assert rows[0]["chosen"] is None


def test_anonymous_answer_without_the_script_carries_the_choice_in_the_address(client):
    page = make_scenario()
    response = client.post(answer_url(page, 0), {"option": "2"})
    assert response.status_code == 302
    assert response["Location"] == page.url + "?decision=0&option=2#decision-1"
    assert not LearningEvent.objects.exists()
    rows = context_for(page, query={"decision": "0", "option": "2"})["decision_points"]
    assert rows[0]["chosen"].label == "Ring the police"
    # Nonsense in the address shows nothing rather than failing.
    for query in ({"decision": "0", "option": "9"}, {"decision": "x"}, {"decision": "7", "option": "0"}):
        assert all(row["chosen"] is None for row in context_for(page, query=query)["decision_points"])


def test_no_choice_without_the_script_asks_again_at_the_point(client):
    page = make_scenario()
    response = client.post(answer_url(page, 1), {})
    assert response.status_code == 302
    assert response["Location"] == page.url + "?decision=1&error=choose#decision-2"
    rows = context_for(page, query={"decision": "1", "error": "choose"})["decision_points"]
    assert rows[1]["error"] == "Select what you would do."
    assert rows[0]["error"] == ""


def test_no_choice_with_the_script_is_400(client):
    page = make_scenario()
    response = client.post(answer_url(page, 0), {}, **JSON)
    assert response.status_code == 400
    assert response.json() == {"error": "Select what you would do."}


@pytest.mark.parametrize("option", ["3", "-1", "one", "1.5", "9" * 50, "\x00"])
def test_a_bad_option_is_400_and_records_nothing(client, practitioner, option):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(answer_url(page, 0), {"option": option}, **JSON)
    assert response.status_code == 400
    assert response.json() == {"error": "Decision point 1 has no such option."}
    page_response = client.post(answer_url(page, 0), {"option": option})
    assert page_response.status_code == 400
    assert "Decision point 1 has no such option." in page_response.content.decode()
    assert not LearningEvent.objects.exists()


def test_a_point_that_does_not_exist_is_400(client):
    page = make_scenario()
    response = client.post(answer_url(page, 2), {"option": "0"}, **JSON)
    assert response.status_code == 400
    assert response.json() == {"error": "This scenario has no such decision point."}


def test_only_live_pages_take_answers_and_only_by_post(client):
    draft = make_scenario(publish=False)
    live = make_scenario()
    assert client.post(answer_url(draft, 0), {"option": "0"}).status_code == 404
    assert client.post(reverse("training:answer", args=[10**30, 0]), {"option": "0"}).status_code == 404
    assert client.get(answer_url(live, 0)).status_code == 405
    live.unpublish()
    assert client.post(answer_url(live, 0), {"option": "0"}).status_code == 404


def test_answers_need_the_csrf_token(practitioner):
    page = make_scenario()
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(answer_url(page, 0), {"option": "1"}, **JSON).status_code == 403
    assert not LearningEvent.objects.exists()


def test_answering_again_is_recorded_and_the_latest_answer_counts(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    client.post(answer_url(page, 0), {"option": "0"}, **JSON)
    client.post(answer_url(page, 0), {"option": "2"}, **JSON)
    assert events_for(practitioner, Verb.ANSWERED_DECISION_POINT, page).count() == 2
    assert answers_for(practitioner, page) == {0: 2}


def test_answers_stay_with_their_question_when_the_editor_adds_a_point_before_it(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    client.post(answer_url(page, 0), {"option": "1"}, **JSON)
    # A new first point: the answered one is now second in the StreamField.
    existing = [
        {"type": block.block_type, "value": block.block.get_prep_value(block.value), "id": block.id}
        for block in page.decision_points
    ]
    earlier = dict(POINTS[1], timestamp="0:10", question="Before anything else?")
    page.decision_points = [{"type": "decision_point", "value": earlier}, *existing]
    page.save()
    page.refresh_from_db()
    points = decision_points(page)
    assert [point.question for point in points][:2] == ["Before anything else?", POINTS[0]["question"]]
    assert answers_for(practitioner, page) == {1: 1}


def test_points_are_numbered_and_anchored_in_order():
    scenario = make_scenario(publish=False)
    points = decision_points(scenario)
    assert [(point.index, point.number, point.seconds, point.anchor) for point in points] == [
        (0, 1, 20, "decision-1"),
        (1, 2, 60, "decision-2"),
    ]


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(point=st.integers(min_value=0, max_value=2**70), option=st.text(max_size=50), as_json=st.booleans())
def test_any_answer_is_answered_without_a_server_error(client, point, option, as_json):
    page = ScenarioPage.objects.live().first() or make_scenario()
    headers = JSON if as_json else {}
    response = client.post(reverse("training:answer", args=[page.pk, point]), {"option": option}, **headers)
    assert response.status_code in (200, 302, 400)
