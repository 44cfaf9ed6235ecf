"""Scenario progress and reflections are in "download my data" and go with the account."""

import json

import pytest
from django.urls import reverse

import training.personal_data  # noqa: F401  registers the section (TrainingConfig.ready() does too)
from cms.users.personal_data import CASCADE, coverage_of, delete_user, export_user_data
from training.models import Reflection, WatchProgress

from .interaction_factories import QUESTIONS, make_scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


@pytest.fixture
def scenario():
    return make_scenario(title="Missed appointments")


def test_both_links_to_a_person_are_declared():
    for model in (WatchProgress, Reflection):
        coverage = coverage_of(model, "user")
        assert coverage is not None, model
        assert coverage.export == "video_scenarios"
        assert coverage.erase == CASCADE


def test_the_export_holds_your_progress_and_reflections_only(scenario, practitioner, trainer):
    WatchProgress.objects.create(user=practitioner, page=scenario, ranges=[[0, 30.5]])
    Reflection.objects.create(user=practitioner, page=scenario, question=QUESTIONS[0], answer="Ask sooner.")
    WatchProgress.objects.create(user=trainer, page=scenario, ranges=[[0, 99]])
    Reflection.objects.create(user=trainer, page=scenario, question=QUESTIONS[0], answer="Not yours.")

    section = export_user_data(practitioner)["video_scenarios"]
    assert [(row["scenario"], row["ranges_watched_seconds"]) for row in section["watched"]] == [
        ("Missed appointments", [[0, 30.5]])
    ]
    [reflection] = section["reflections"]
    assert reflection["scenario"] == "Missed appointments"
    assert reflection["question"] == QUESTIONS[0]
    assert reflection["answer"] == "Ask sooner."
    assert reflection["created_at"] and reflection["updated_at"]
    json.dumps(section)  # serialisable as it is


def test_download_my_data_includes_them(client, scenario, practitioner):
    Reflection.objects.create(
        user=practitioner, page=scenario, question=QUESTIONS[1], answer="My supervisor."
    )
    client.force_login(practitioner)
    response = client.post(reverse("users:download_data"))
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["video_scenarios"]["reflections"][0]["answer"] == "My supervisor."


def test_deleting_the_account_deletes_them_and_nobody_else_s(scenario, practitioner, trainer):
    WatchProgress.objects.create(user=practitioner, page=scenario, ranges=[[0, 10]])
    Reflection.objects.create(user=practitioner, page=scenario, question=QUESTIONS[0], answer="Mine.")
    kept = Reflection.objects.create(user=trainer, page=scenario, question=QUESTIONS[0], answer="Theirs.")
    delete_user(practitioner)
    assert not WatchProgress.objects.exists()
    assert list(Reflection.objects.all()) == [kept]
