"""The confidence check: when each stage is open, the form, answering once, and privacy."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import waiting_for_locks
from training.choices import ConfidenceStatement
from training.completion import confidence
from training.completion.confidence_views import field_name
from training.models import ConfidenceResponse, Enrolment, ProgrammeCompletion
from training.tests.session_factories import make_person, make_programme

pytestmark = pytest.mark.django_db

BEFORE, AFTER, FOLLOW_UP = (stage.value for stage in confidence.STAGE_ORDER)


def enrol(person, programme=None, *, started_ago=timedelta(days=3), completed_ago=None, cycle=1):
    now = timezone.now()
    return Enrolment.objects.create(
        user=person,
        programme=programme or make_programme(),
        cycle=cycle,
        started_at=now - started_ago,
        completed_at=now - completed_ago if completed_ago is not None else None,
    )


def url(enrolment, stage):
    return reverse("my_learning:confidence", kwargs={"programme_id": enrolment.programme_id, "stage": stage})


def all_answers(score=4):
    return {field_name(statement): str(score) for statement in ConfidenceStatement.values}


def every_score(score=4):
    return dict.fromkeys(ConfidenceStatement.values, score)


def open_stages(person, now=None):
    return [(check.programme.pk, check.stage) for check in confidence.pending_checks(person, now=now)]


# When each stage is open ------------------------------------------------------------------------------


def test_only_before_is_open_while_the_cycle_is_in_progress():
    person = make_person()
    enrolment = enrol(person)

    assert open_stages(person) == [(enrolment.programme_id, BEFORE)]


def test_after_opens_on_completion_and_before_closes():
    person = make_person()
    enrolment = enrol(person, completed_ago=timedelta(days=1))

    assert open_stages(person) == [(enrolment.programme_id, AFTER)]
    assert not confidence.stage_status(person, enrolment.programme_id, BEFORE).is_open()


def test_a_programme_completion_row_completes_the_cycle_too():
    person = make_person()
    enrolment = enrol(person, cycle=2)
    ProgrammeCompletion.objects.create(  # cycle 1 done long ago: cycle 2 is still in progress
        user=person, programme=enrolment.programme, cycle=1, started_at=timezone.now() - timedelta(days=400)
    )
    assert open_stages(person) == [(enrolment.programme_id, BEFORE)]

    ProgrammeCompletion.objects.create(
        user=person, programme=enrolment.programme, cycle=2, started_at=enrolment.started_at
    )
    assert open_stages(person) == [(enrolment.programme_id, AFTER)]


def test_follow_up_opens_eight_weeks_after_completion_and_stays_open_until_answered():
    person = make_person()
    enrolment = enrol(person, completed_ago=timedelta(days=1))
    completed_at = enrolment.completed_at
    just_before = completed_at + confidence.FOLLOW_UP_AFTER - timedelta(minutes=1)
    on_time = completed_at + confidence.FOLLOW_UP_AFTER
    much_later = completed_at + timedelta(days=400)

    assert open_stages(person, now=just_before) == [(enrolment.programme_id, AFTER)]
    assert open_stages(person, now=on_time) == [(enrolment.programme_id, FOLLOW_UP)]
    assert open_stages(person, now=much_later) == [(enrolment.programme_id, FOLLOW_UP)]

    confidence.save_answers(person, enrolment.programme_id, FOLLOW_UP, every_score(), now=much_later)
    assert open_stages(person, now=much_later) == []


def test_an_answered_stage_is_no_longer_pending():
    person = make_person()
    enrolment = enrol(person)

    outcome = confidence.save_answers(person, enrolment.programme_id, BEFORE, every_score(2))

    assert outcome == confidence.Outcome.SAVED
    assert open_stages(person) == []


def test_pending_checks_link_to_the_page_oldest_first_and_skip_unpublished_programmes(
    django_assert_num_queries,
):
    person = make_person()
    older = enrol(person, make_programme("Zebra crossing induction"), started_ago=timedelta(days=30))
    newer = enrol(person, make_programme("Alpha induction"), started_ago=timedelta(days=2))
    finished = enrol(person, completed_ago=timedelta(days=10), started_ago=timedelta(days=40))
    enrol(person, make_programme(live=False))
    enrol(make_person("health"))  # someone else's

    with django_assert_num_queries(3):
        checks = confidence.pending_checks(person)

    assert [(check.programme.pk, check.stage) for check in checks] == [
        (older.programme_id, BEFORE),
        (finished.programme_id, AFTER),
        (newer.programme_id, BEFORE),
    ]
    assert checks[0].url == url(older, BEFORE)
    assert checks[1].stage_label == "On completing it"


def test_nobody_signed_in_has_no_pending_checks(client):
    from django.contrib.auth.models import AnonymousUser

    assert confidence.pending_checks(AnonymousUser()) == []


def test_a_refresher_cycle_has_its_own_questionnaires():
    person = make_person()
    enrolment = enrol(person)
    confidence.save_answers(person, enrolment.programme_id, BEFORE, every_score(2))
    enrolment.cycle = 2
    enrolment.started_at = timezone.now()
    enrolment.save()

    assert open_stages(person) == [(enrolment.programme_id, BEFORE)]
    confidence.save_answers(person, enrolment.programme_id, BEFORE, every_score(3))
    assert sorted(
        ConfidenceResponse.objects.filter(user=person, stage=BEFORE)
        .values_list("cycle", flat=True)
        .distinct()
    ) == [1, 2]


# The page ------------------------------------------------------------------------------------------------


def test_the_page_needs_signing_in(client):
    enrolment = enrol(make_person())

    response = client.get(url(enrolment, BEFORE))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_asks_every_statement_as_a_fieldset_of_five_radios(client):
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)

    response = client.get(url(enrolment, BEFORE))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<fieldset class="govuk-fieldset"') == len(ConfidenceStatement.values)
    assert html.count('type="radio"') == 5 * len(ConfidenceStatement.values)
    for statement in ConfidenceStatement:
        assert statement.label in html
    assert "Strongly disagree" in html and "Strongly agree" in html
    assert "<textarea" not in html and 'type="text"' not in html  # no free text, by design
    assert "csrfmiddlewaretoken" in html


def test_missing_answers_show_an_error_summary_and_save_nothing(client):
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)
    answers = all_answers()
    missing = field_name(ConfidenceStatement.WHO_TO_CONTACT.value)
    del answers[missing]

    response = client.post(url(enrolment, BEFORE), answers)

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{missing}_0"' in html
    assert html.count("govuk-error-message") == 1
    assert response.context["form"][field_name(ConfidenceStatement.CASE_STUDIES_HELP.value)].value() == "4"
    assert "<title>Error: " in html
    assert not ConfidenceResponse.objects.exists()


def test_a_score_outside_the_scale_is_refused(client):
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)

    response = client.post(url(enrolment, BEFORE), all_answers() | {field_name("who-to-contact"): "6"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ConfidenceResponse.objects.exists()


def test_answers_are_saved_for_the_current_cycle_and_stage(client):
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)
    answers = all_answers()
    answers[field_name(ConfidenceStatement.SHARE_WITHOUT_CONSENT.value)] = "1"

    response = client.post(url(enrolment, BEFORE), answers)

    assert response.status_code == 302
    assert response["Location"] == reverse("my_learning:index")
    saved = dict(
        ConfidenceResponse.objects.filter(
            user=person, programme=enrolment.programme, cycle=1, stage=BEFORE
        ).values_list("statement", "score")
    )
    assert saved == every_score(4) | {ConfidenceStatement.SHARE_WITHOUT_CONSENT.value: 1}


def test_answering_twice_changes_nothing_and_shows_only_the_date(client):
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)
    client.post(url(enrolment, BEFORE), all_answers(2))

    again = client.post(url(enrolment, BEFORE), all_answers(5))

    assert again.status_code == 302
    assert again["Location"] == url(enrolment, BEFORE)
    assert set(ConfidenceResponse.objects.values_list("score", flat=True)) == {2}
    assert ConfidenceResponse.objects.count() == len(ConfidenceStatement.values)
    page = client.get(url(enrolment, BEFORE))
    html = page.content.decode()
    assert "You answered on " in html
    assert "Strongly" not in html and 'type="radio"' not in html  # the answers are never shown back


def test_a_double_submit_racing_past_the_check_is_refused_without_an_error(client, monkeypatch):
    """Both requests saw the stage unanswered; the second one's insert hits the unique constraint."""
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)
    stale = confidence.stage_status(person, enrolment.programme_id, BEFORE)
    client.post(url(enrolment, BEFORE), all_answers(2))
    monkeypatch.setattr(confidence, "stage_status", lambda *args, **kwargs: stale)

    response = client.post(url(enrolment, BEFORE), all_answers(5))

    assert response.status_code == 302
    assert set(ConfidenceResponse.objects.values_list("score", flat=True)) == {2}
    assert ConfidenceResponse.objects.count() == len(ConfidenceStatement.values)


def test_a_stage_not_open_says_so_and_saves_nothing(client):
    person = make_person()
    enrolment = enrol(person)  # in progress: "after" and "follow-up" are not open yet
    client.force_login(person)

    page = client.get(url(enrolment, AFTER))
    assert page.status_code == 200
    assert "This confidence check is not open" in page.content.decode()
    assert "opens when you finish the programme" in page.content.decode()
    assert 'type="radio"' not in page.content.decode()

    response = client.post(url(enrolment, FOLLOW_UP), all_answers())
    assert response.status_code == 409
    assert "Nothing has been saved" in response.content.decode()
    assert not ConfidenceResponse.objects.exists()


def test_the_follow_up_page_says_when_it_opens(client):
    person = make_person()
    enrolment = enrol(person, completed_ago=timedelta(days=7))
    client.force_login(person)

    html = client.get(url(enrolment, FOLLOW_UP)).content.decode()

    opens = enrolment.completed_at + confidence.FOLLOW_UP_AFTER
    assert f"It opens on {timezone.localtime(opens).day} " in html


def test_before_is_refused_once_the_programme_is_finished(client):
    person = make_person()
    enrolment = enrol(person, completed_ago=timedelta(days=1))
    client.force_login(person)

    response = client.post(url(enrolment, BEFORE), all_answers())

    assert response.status_code == 409
    assert not ConfidenceResponse.objects.exists()


def test_someone_not_enrolled_in_the_programme_gets_not_found(client):
    owner = make_person()
    enrolment = enrol(owner)
    other = make_person("health")
    client.force_login(other)

    assert client.get(url(enrolment, BEFORE)).status_code == 404
    assert client.post(url(enrolment, BEFORE), all_answers()).status_code == 404

    assert not ConfidenceResponse.objects.exists()
    assert open_stages(owner) == [(enrolment.programme_id, BEFORE)]  # the owner's check is untouched


def test_an_unknown_stage_is_not_found(client):
    person = make_person()
    enrolment = enrol(person)
    client.force_login(person)

    assert client.get(url(enrolment, "during")).status_code == 404


def test_save_answers_needs_every_statement_on_the_scale():
    person = make_person()
    enrolment = enrol(person)

    with pytest.raises(ValueError):
        confidence.save_answers(person, enrolment.programme_id, BEFORE, {"who-to-contact": 3})
    with pytest.raises(ValueError):
        confidence.save_answers(person, enrolment.programme_id, BEFORE, every_score(0))
    assert not ConfidenceResponse.objects.exists()


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_save_one_set_of_answers():
    person = make_person()
    enrolment = enrol(person)
    barrier = threading.Barrier(4)

    def submit(score):
        try:
            barrier.wait(timeout=60)
            # save_answers is one transaction: a "locked" attempt saved nothing, so retry it.
            return waiting_for_locks(
                lambda: confidence.save_answers(person, enrolment.programme_id, BEFORE, every_score(score))
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(submit, [1, 2, 3, 4]))

    assert sorted(outcome.value for outcome in outcomes) == ["already-answered"] * 3 + ["saved"]
    rows = ConfidenceResponse.objects.filter(user=person)
    assert rows.count() == len(ConfidenceStatement.values)
    assert len(set(rows.values_list("score", flat=True))) == 1  # one submission's, whole


# The reminder opt-out on the profile --------------------------------------------------------------------


def test_the_profile_has_the_learning_reminders_checkbox_with_a_hint(client):
    person = make_person()
    client.force_login(person)

    html = client.get(reverse("users:profile")).content.decode()

    assert 'type="checkbox" name="learning_reminders"' in html
    assert 'class="govuk-checkboxes__input"' in html
    assert "Email me learning reminders" in html
    assert 'id="id_learning_reminders-hint"' in html
    assert 'aria-describedby="id_learning_reminders-hint"' in html


def test_reminders_can_be_turned_off_and_on_again_on_the_profile(client):
    person = make_person()
    client.force_login(person)
    profile = {"display_name": "Pat B", "agency": "", "job_title": "", "area": ""}

    assert client.post(reverse("users:profile"), profile).status_code == 302  # unticked
    person.refresh_from_db()
    assert person.learning_reminders is False

    client.post(reverse("users:profile"), profile | {"learning_reminders": "on"})
    person.refresh_from_db()
    assert person.learning_reminders is True
