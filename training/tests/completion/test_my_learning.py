"""/my-learning/, its CSV, the enrol / refresher / placement actions and the programme
page's progress panel: what each shows, who may see it (a person sees only their own
record), POST-only actions, and queries that do not grow with the number of programmes."""

import csv
import importlib
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.learning_record.api import Verb, events_for
from training.booking import service
from training.completion import progress
from training.models import Certificate, Enrolment, InductionProgrammePage, Reflection
from training.progress import save_reflections

from ..completion_factories import make_programme_with_modules, record
from ..interaction_factories import make_scenario
from ..session_factories import make_person, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]

INDEX = "/my-learning/"


def make_case_study(title=None):
    return importlib.import_module("case_studies.tests.factories").make_case_study(title)


def main_of(response):
    html = response.content.decode()
    return html[html.index('id="main-content"') :]


@pytest.fixture
def person():
    return make_person("police", display_name="Pat Practitioner")


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


# -- permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [INDEX, "/my-learning/export.csv"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["enrol", "start_refresher"])
def test_actions_are_post_only(signed_in, name):
    programme = make_programme_with_modules()
    assert signed_in.get(reverse(f"my_learning:{name}", args=[programme.pk])).status_code == 405


def test_marking_done_is_post_only(signed_in, person):
    programme = make_programme_with_modules()
    progress.enrol(person, programme)
    module = progress.module_specs(programme)[-1]
    url = reverse("my_learning:mark_module_done", args=[programme.pk, module["id"]])
    assert signed_in.get(url).status_code == 405
    assert not events_for(person, Verb.COMPLETED).exists()


def test_anonymous_actions_go_to_sign_in_and_change_nothing(client):
    programme = make_programme_with_modules()
    response = client.post(reverse("my_learning:enrol", args=[programme.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Enrolment.objects.exists()


def test_nobody_sees_anothers_learning_or_reflections(client, person):
    story = make_case_study("Zebra crossing story")
    scenario = make_scenario("Zebra crossing scenario")
    programme = make_programme_with_modules("Zebra programme", case_studies=[story])
    progress.enrol(person, programme)
    record(person, Verb.COMPLETED, story)
    save_reflections(person, scenario, [("What would you do differently?", "A private zebra thought")])

    other = make_person("health")
    client.force_login(other)
    main = main_of(client.get(INDEX))
    assert "zebra" not in main.lower()
    assert 'id="no-programmes"' in main and 'id="no-reflections"' in main
    assert "zebra" not in client.get("/my-learning/export.csv").content.decode().lower()
    # Nor can they delete Pat's reflection through the form's URL.
    reflection = Reflection.objects.get(user=person)
    assert client.post(reverse("training:delete_reflection", args=[reflection.pk])).status_code == 404
    assert Reflection.objects.filter(pk=reflection.pk).exists()


# -- My learning ------------------------------------------------------------------------------------


def test_my_learning_shows_progress_items_bookings_certificates_and_reflections(signed_in, person):
    story = make_case_study("Early help and the school nurse")
    read = make_case_study("A story read to the end")
    scenario = make_scenario("Missed appointments at the dentist")
    programme = make_programme_with_modules(
        "Leeds joint induction", case_studies=[story], scenarios=[scenario], refresher_months=12
    )
    finished = make_programme_with_modules(
        "Short programme", case_studies=[read], session=False, shadowing=False
    )
    upcoming = make_session(programme, title="Joint induction day in March")
    service.book(upcoming.pk, person)  # enrols, and is an upcoming booking
    record(person, Verb.VIEWED, story)
    record(person, Verb.COMPLETED, read)
    progress.enrol(person, finished)  # complete at once: its one module is read
    save_reflections(person, scenario, [("What would you do differently?", "Ask the health visitor sooner.")])

    response = signed_in.get(INDEX)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    main = main_of(response)
    assert "<h1" in main and "My learning" in main
    # A progress bar per programme: words and a labelled <progress>, no inline style.
    assert "0 of 4 required modules completed" in main
    assert 'max="4" value="0"' in main
    assert "1 of 1 required module completed" in main
    assert "style=" not in main
    # In progress and completed items.
    in_progress = main[main.index('id="in-progress"') : main.index('id="completed-heading"')]
    assert "Early help and the school nurse" in in_progress
    assert "Leeds joint induction" not in in_progress  # it has its progress bar above
    completed = main[main.index('id="completed"') : main.index('id="certificates"')]
    assert "A story read to the end" in completed and "Short programme" in completed
    # The upcoming booking.
    assert "Joint induction day in March" in main[main.index('id="upcoming-bookings"') :]
    # The certificate of the completed programme.
    certificate = Certificate.objects.get(user=person)
    assert reverse("my_learning:certificate_pdf", args=[certificate.code]) in main
    assert certificate.display_code in main
    # Their reflection, with a delete button posting to the reflection's delete URL.
    reflection = Reflection.objects.get(user=person)
    assert "Ask the health visitor sooner." in main
    assert f'action="{reverse("training:delete_reflection", args=[reflection.pk])}"' in main
    assert 'name="csrfmiddlewaretoken"' in main


def test_deleting_a_reflection_from_my_learning(signed_in, person):
    scenario = make_scenario()
    [reflection] = save_reflections(person, scenario, [("What would you do differently?", "Call sooner.")])
    response = signed_in.post(reverse("training:delete_reflection", args=[reflection.pk]))
    assert response.status_code == 302
    assert not Reflection.objects.filter(pk=reflection.pk).exists()
    assert "Call sooner." not in main_of(signed_in.get(INDEX))


def test_a_refresher_due_is_listed_with_a_button_to_start_it(signed_in, person):
    story = make_case_study()
    programme = make_programme_with_modules(
        "Yearly induction", case_studies=[story], session=False, shadowing=False, refresher_months=12
    )
    enrolment, _ = progress.enrol(person, programme)
    Enrolment.objects.filter(pk=enrolment.pk).update(started_at=timezone.now() - timedelta(days=400))
    record(person, Verb.COMPLETED, story, at=timezone.now() - timedelta(days=380))
    main = main_of(signed_in.get(INDEX))
    refreshers = main[main.index('id="refreshers"') :]
    assert "Overdue: it was due on" in refreshers
    assert reverse("my_learning:start_refresher", args=[programme.pk]) in refreshers

    response = signed_in.post(
        reverse("my_learning:start_refresher", args=[programme.pk]), {"next": INDEX}, follow=True
    )
    assert response.redirect_chain[-1][0] == INDEX
    assert "You have started the refresher of Yearly induction." in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).cycle == 2
    assert 'id="refreshers"' not in main_of(response)


def test_my_learning_records_a_completion_the_signal_missed(signed_in, person, monkeypatch):
    story = make_case_study()
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    progress.enrol(person, programme)
    monkeypatch.setattr("training.completion.signals._re_evaluate", lambda *args: None)
    record(person, Verb.COMPLETED, story)
    assert not Certificate.objects.exists()
    signed_in.get(INDEX)
    assert Certificate.objects.filter(user=person).count() == 1


def test_the_csv_has_one_row_per_item_and_never_a_formula(signed_in, person):
    risky = make_case_study('=HYPERLINK("http://example.com","Click")')
    plain = make_case_study("Early help and the school nurse")
    record(person, Verb.VIEWED, risky, at=timezone.now() - timedelta(days=2))
    record(person, Verb.VIEWED, plain, at=timezone.now() - timedelta(days=1))
    record(person, Verb.COMPLETED, plain)

    response = signed_in.get("/my-learning/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Kind", "Title", "State", "Started", "Completed"]
    today = timezone.localdate().isoformat()
    yesterday = (timezone.localtime() - timedelta(days=1)).date().isoformat()
    two_days_ago = (timezone.localtime() - timedelta(days=2)).date().isoformat()
    assert sorted(rows[1:]) == sorted(
        [
            ["Case study", "Early help and the school nurse", "Completed", yesterday, today],
            ["Case study", '\'=HYPERLINK("http://example.com","Click")', "In progress", two_days_ago, ""],
        ]
    )


def count_queries(client):
    client.get(INDEX)  # warm caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def enrolled_programmes(person, count):
    for _ in range(count):
        story = make_case_study()
        scenario = make_scenario()
        programme = make_programme_with_modules(
            case_studies=[story], scenarios=[scenario], refresher_months=12
        )
        session = make_session(programme)
        service.book(session.pk, person)  # enrols, and an upcoming booking
        record(person, Verb.VIEWED, story)
        save_reflections(person, scenario, [("What would you do differently?", "Ask sooner.")])


def test_my_learning_costs_the_same_queries_for_one_programme_or_three(client):
    one, three = make_person("police"), make_person("health")
    enrolled_programmes(one, 1)
    enrolled_programmes(three, 3)
    client.force_login(one)
    queries_for_one = count_queries(client)
    client.force_login(three)
    assert count_queries(client) == queries_for_one


# -- actions -----------------------------------------------------------------------------------------


def test_enrolling_from_the_programme_page(signed_in, person):
    programme = make_programme_with_modules("Leeds joint induction")
    url = reverse("my_learning:enrol", args=[programme.pk])
    response = signed_in.post(url, {"next": programme.url}, follow=True)
    assert response.redirect_chain[-1][0] == programme.url
    assert "You have started Leeds joint induction." in response.content.decode()
    response = signed_in.post(url, follow=True)
    assert "You have already started Leeds joint induction." in response.content.decode()
    assert Enrolment.objects.filter(user=person, programme=programme).count() == 1


def test_enrol_ignores_a_return_address_on_another_site(signed_in):
    programme = make_programme_with_modules()
    response = signed_in.post(reverse("my_learning:enrol", args=[programme.pk]), {"next": "//evil.example/"})
    assert response["Location"] == programme.url


def test_unknown_or_unpublished_programmes_are_not_found(signed_in):
    draft = make_programme_with_modules()
    InductionProgrammePage.objects.filter(pk=draft.pk).update(live=False)
    assert signed_in.post(reverse("my_learning:enrol", args=[draft.pk])).status_code == 404
    assert signed_in.post(reverse("my_learning:enrol", args=[2**63])).status_code == 404
    assert signed_in.post(reverse("my_learning:start_refresher", args=[987654])).status_code == 404
    assert not Enrolment.objects.exists()


def test_marking_a_placement_done(signed_in, person):
    story = make_case_study("Early help and the school nurse")
    programme = make_programme_with_modules(case_studies=[story], session=False)
    specs = {spec["kind"]: spec["id"] for spec in progress.module_specs(programme)}
    done_url = reverse("my_learning:mark_module_done", args=[programme.pk, specs["shadowing"]])

    response = signed_in.post(done_url, follow=True)
    assert "Start the programme before marking a placement as done." in response.content.decode()
    assert not events_for(person, Verb.COMPLETED).exists()

    progress.enrol(person, programme)
    case_study_url = reverse("my_learning:mark_module_done", args=[programme.pk, specs["case_study"]])
    response = signed_in.post(case_study_url, follow=True)
    assert "Only a shadowing placement can be marked as done." in response.content.decode()
    missing = reverse("my_learning:mark_module_done", args=[programme.pk, "no-such-module"])
    assert signed_in.post(missing).status_code == 404
    assert not events_for(person, Verb.COMPLETED).exists()

    response = signed_in.post(done_url, follow=True)
    assert "You marked 2 days with Health as done." in response.content.decode()
    record(person, Verb.COMPLETED, story)
    assert Enrolment.objects.get(user=person).completed_at is not None


def test_a_refresher_that_is_not_available_says_why(signed_in, person):
    programme = make_programme_with_modules("Yearly induction", refresher_months=12)
    progress.enrol(person, programme)
    response = signed_in.post(reverse("my_learning:start_refresher", args=[programme.pk]), follow=True)
    assert "Finish the programme first" in response.content.decode()
    assert Enrolment.objects.get(user=person).cycle == 1


# -- the programme page --------------------------------------------------------------------------------


def test_anonymous_visitors_get_a_sign_in_link_on_the_programme_page(client):
    programme = make_programme_with_modules("Leeds joint induction")
    main = main_of(client.get(programme.url))
    assert 'id="programme-sign-in"' in main
    assert f"{reverse('account_login')}?next={programme.url}" in main.replace("%2F", "/")
    assert "Start this programme" not in main
    assert "What the programme includes" in main


def test_the_programme_page_shows_start_then_module_states_and_progress(signed_in, person):
    story = make_case_study("Early help and the school nurse")
    extra = make_case_study("An optional extra")
    programme = make_programme_with_modules(
        "Leeds joint induction", case_studies=[story, extra], optional=[1], refresher_months=12
    )
    record(person, Verb.COMPLETED, story)
    main = main_of(signed_in.get(programme.url))
    assert 'id="start-programme"' in main
    assert reverse("my_learning:enrol", args=[programme.pk]) in main
    assert "1 of 3 required modules completed" in main  # what was done before counts
    assert "(optional)" in main
    assert "I have finished this placement" not in main  # only once started

    progress.enrol(person, programme)
    main = main_of(signed_in.get(programme.url))
    assert 'id="start-programme"' not in main and 'id="continue-programme"' in main
    assert 'govuk-tag--green app-module-state">Completed' in main
    assert 'govuk-tag--grey app-module-state">Not started' in main
    assert "I have finished this placement" in main
    assert "style=" not in main


def test_the_programme_page_of_a_completed_programme_offers_the_refresher_when_due(signed_in, person):
    story = make_case_study()
    programme = make_programme_with_modules(
        "Yearly induction", case_studies=[story], session=False, shadowing=False, refresher_months=12
    )
    enrolment, _ = progress.enrol(person, programme)
    Enrolment.objects.filter(pk=enrolment.pk).update(started_at=timezone.now() - timedelta(days=400))
    record(person, Verb.COMPLETED, story, at=timezone.now() - timedelta(days=100))
    main = main_of(signed_in.get(programme.url))
    assert 'id="programme-completed"' in main
    assert 'id="start-refresher"' not in main and "You can start it from" in main

    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now() - timedelta(days=370))
    main = main_of(signed_in.get(programme.url))
    assert 'id="start-refresher"' in main
    assert reverse("my_learning:start_refresher", args=[programme.pk]) in main


def count_page_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_programme_page_costs_the_same_queries_however_many_modules(signed_in, person):
    small = make_programme_with_modules(case_studies=[make_case_study()], scenarios=[make_scenario()])
    large = make_programme_with_modules(
        case_studies=[make_case_study() for _ in range(3)], scenarios=[make_scenario() for _ in range(3)]
    )
    for programme in (small, large):
        progress.enrol(person, programme)
    assert count_page_queries(signed_in, small.url) == count_page_queries(signed_in, large.url)
