"""Reflections: signed-in people write, list and delete their own; nobody else's; the form
warns never to enter a real case and refuses answers that look like they identify someone."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from cms.learning_record.api import events_for
from cms.learning_record.models import Verb
from conftest import make_user
from training.forms import REAL_CASE_WARNING
from training.models import Reflection

from .interaction_factories import QUESTIONS, make_scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


def reflections_url(page):
    return reverse("training:reflections", args=[page.pk])


def delete_url(reflection):
    return reverse("training:delete_reflection", args=[reflection.pk])


def sign_in_next(response):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    return parse_qs(location.query)["next"][0]


def test_saving_answers_keeps_them_and_records_reflected_once(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(reflections_url(page), {"answer_0": "Ask sooner.", "answer_1": "My supervisor."})
    assert response.status_code == 302
    assert response["Location"] == page.url + "#reflection"
    assert [(r.question, r.answer) for r in Reflection.objects.filter(user=practitioner)] == [
        (QUESTIONS[0], "Ask sooner."),
        (QUESTIONS[1], "My supervisor."),
    ]
    client.post(reflections_url(page), {"answer_1": "The safeguarding lead."})
    assert Reflection.objects.filter(user=practitioner).count() == 3
    assert events_for(practitioner, Verb.REFLECTED, page).count() == 1


def test_the_list_shows_only_your_own_with_the_warning(client, practitioner, trainer):
    page = make_scenario()
    mine = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Mine to keep."
    )
    Reflection.objects.create(user=trainer, page=page, question=QUESTIONS[0], answer="Someone else's.")
    client.force_login(practitioner)
    response = client.get(reflections_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mine to keep." in html
    assert "Someone else&#x27;s." not in html and "Someone else's." not in html
    assert REAL_CASE_WARNING in html
    assert delete_url(mine) in html


def test_an_empty_form_is_400_and_says_what_to_do(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(reflections_url(page), {"answer_0": "  ", "answer_1": ""})
    assert response.status_code == 400
    assert "Write an answer to at least one question." in response.content.decode()
    assert not Reflection.objects.exists()
    assert not events_for(practitioner, Verb.REFLECTED, page).exists()


def test_a_single_question_is_required(client, practitioner):
    page = make_scenario(questions=[])  # the general question stands in
    client.force_login(practitioner)
    response = client.post(reflections_url(page), {})
    assert response.status_code == 400
    assert "Write your answer." in response.content.decode()
    client.post(reflections_url(page), {"answer_0": "Share earlier."})
    assert Reflection.objects.get().question.startswith("What will you take from this scenario")


def test_an_answer_too_long_is_400(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(reflections_url(page), {"answer_0": "a" * 2001})
    assert response.status_code == 400
    assert "2,000 characters or fewer" in response.content.decode()
    assert not Reflection.objects.exists()


def test_an_answer_that_looks_like_a_real_case_is_sent_back(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    text = "I worked with Jade Thompson, born 12/03/2015, at 14 Acacia Avenue, LS6 2AB."
    response = client.post(reflections_url(page), {"answer_0": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This looks like it could identify someone." in html
    assert "postcode" in html
    assert not Reflection.objects.exists()


def test_anonymous_visitors_are_invited_to_sign_in(client):
    page = make_scenario()
    assert sign_in_next(client.get(reflections_url(page))) == reflections_url(page)
    assert sign_in_next(client.post(reflections_url(page), {"answer_0": "Hello"})) == page.url + "#reflection"
    assert not Reflection.objects.exists()


def test_reflections_need_a_live_page(client, practitioner):
    draft = make_scenario(publish=False)
    client.force_login(practitioner)
    assert client.get(reflections_url(draft)).status_code == 404
    assert client.post(reflections_url(draft), {"answer_0": "Hello"}).status_code == 404
    assert client.get(reverse("training:reflections", args=[10**30])).status_code == 404
    assert not Reflection.objects.exists()


def test_saving_needs_the_csrf_token(practitioner):
    page = make_scenario()
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(reflections_url(page), {"answer_0": "Hello"}).status_code == 403
    assert not Reflection.objects.exists()
    client.get(reflections_url(page))
    token = client.cookies["csrftoken"].value
    response = client.post(reflections_url(page), {"answer_0": "Hello", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Reflection.objects.count() == 1


def test_delete_asks_first_then_deletes_your_own(client, practitioner):
    page = make_scenario()
    reflection = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Gone soon."
    )
    client.force_login(practitioner)
    confirm = client.get(delete_url(reflection))
    assert confirm.status_code == 200
    assert "Delete this reflection?" in confirm.content.decode()
    assert "Gone soon." in confirm.content.decode()
    assert Reflection.objects.filter(pk=reflection.pk).exists()
    response = client.post(delete_url(reflection))
    assert response.status_code == 302
    assert response["Location"] == page.url + "#reflection"
    assert not Reflection.objects.filter(pk=reflection.pk).exists()


def test_nobody_else_can_see_or_delete_it(client, practitioner):
    page = make_scenario()
    reflection = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Private."
    )
    client.force_login(make_user("other@example.org"))
    assert client.get(delete_url(reflection)).status_code == 404
    assert client.post(delete_url(reflection)).status_code == 404
    assert client.post(reverse("training:delete_reflection", args=[10**30])).status_code == 404
    assert Reflection.objects.filter(pk=reflection.pk).exists()


def test_anonymous_delete_is_sent_to_sign_in(client, practitioner):
    page = make_scenario()
    reflection = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Private."
    )
    assert sign_in_next(client.post(delete_url(reflection))) == delete_url(reflection)
    assert Reflection.objects.filter(pk=reflection.pk).exists()


def test_delete_needs_the_csrf_token(practitioner):
    page = make_scenario()
    reflection = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Private."
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(delete_url(reflection)).status_code == 403
    assert Reflection.objects.filter(pk=reflection.pk).exists()


def test_you_can_delete_a_reflection_on_a_page_since_unpublished(client, practitioner):
    page = make_scenario()
    reflection = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Still mine."
    )
    page.unpublish()
    client.force_login(practitioner)
    response = client.post(delete_url(reflection))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not Reflection.objects.exists()
