"""Module and programme progress from real learning events (watch beacons, answers,
reflections, bookings and the register), programme completion with optional modules,
refresher dates and restarts, and idempotence (duplicate events, repeated evaluation)."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.learning_record.api import Verb, events_for
from training.booking import service
from training.choices import ModuleState, SessionFormat
from training.completion import progress
from training.models import Certificate, Enrolment, ProgrammeCompletion
from training.progress import record_answer, record_watched, save_reflections

from ..completion_factories import make_programme_with_modules, record
from ..interaction_factories import make_scenario
from ..session_factories import make_person, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]


def make_case_study(title=None):
    return importlib.import_module("case_studies.tests.factories").make_case_study(title)


def past_session(programme, session_format=SessionFormat.CO_LOCATED, *, days_ago=1):
    """A session that started `days_ago` days ago, so its register can be marked now."""
    starts = timezone.now() - timedelta(days=days_ago)
    return make_session(
        programme,
        format=session_format,
        starts_at=starts,
        booking_opens_at=starts - timedelta(days=20),
        booking_closes_at=starts - timedelta(days=2),
        cancellation_cutoff_at=starts - timedelta(days=3),
    )


def attend(session, user):
    """Book a place (as if a week before) and be marked attended by the trainer, through the service."""
    booking = service.book(session.pk, user, now=session.starts_at - timedelta(days=7)).booking
    return service.mark_attendance(booking.pk, "attended", now=timezone.now())


def states(user, programme):
    return {module.kind: module.state for module in progress.module_progress(user, programme)}


def by_kind(user, programme, kind):
    return next(module for module in progress.module_progress(user, programme) if module.kind == kind)


@pytest.fixture
def person():
    return make_person("police")


@pytest.fixture
def scenario():
    return make_scenario("Missed appointments at the dentist")


@pytest.fixture
def story():
    return make_case_study("Early help and the school nurse")


# -- each kind of module -------------------------------------------------------------------------


def test_a_scenario_is_completed_when_watched_to_the_end_and_reflected_on(person, scenario):
    programme = make_programme_with_modules(scenarios=[scenario], session=False, shadowing=False)
    assert by_kind(person, programme, "scenario").state == ModuleState.NOT_STARTED

    record_answer(person, scenario, 0, 1)
    assert by_kind(person, programme, "scenario").state == ModuleState.IN_PROGRESS

    record_watched(person, scenario, [[0, 50]])  # half the video: still in progress
    assert by_kind(person, programme, "scenario").state == ModuleState.IN_PROGRESS

    record_watched(person, scenario, [[50, 95]])  # 95%: watched to the end, not yet reflected on
    assert by_kind(person, programme, "scenario").state == ModuleState.IN_PROGRESS

    save_reflections(person, scenario, [("What would you do first on Monday?", "Call the school nurse.")])
    module = by_kind(person, programme, "scenario")
    assert module.state == ModuleState.COMPLETED
    assert module.completed_at == events_for(person, Verb.REFLECTED, scenario).get().occurred_at
    assert module.title == "Missed appointments at the dentist"
    assert module.url == scenario.url


def test_a_reflection_alone_leaves_a_scenario_in_progress(person, scenario):
    programme = make_programme_with_modules(scenarios=[scenario], session=False, shadowing=False)
    save_reflections(person, scenario, [("What would you do differently?", "Ask the school nurse sooner.")])
    assert by_kind(person, programme, "scenario").state == ModuleState.IN_PROGRESS


def test_a_case_study_is_in_progress_when_viewed_and_completed_when_read_or_reflected_on(person, story):
    other = make_person("health")
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    record(person, Verb.VIEWED, story)
    assert by_kind(person, programme, "case_study").state == ModuleState.IN_PROGRESS
    record(person, Verb.COMPLETED, story)
    assert by_kind(person, programme, "case_study").state == ModuleState.COMPLETED

    record(other, Verb.REFLECTED, story)
    assert by_kind(other, programme, "case_study").state == ModuleState.COMPLETED


def test_someone_elses_events_never_count(person, story):
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    record(make_person("health"), Verb.COMPLETED, story)
    assert by_kind(person, programme, "case_study").state == ModuleState.NOT_STARTED


def test_a_session_is_in_progress_when_booked_not_after_cancelling_and_completed_when_attended(person):
    programme = make_programme_with_modules(shadowing=False)
    upcoming = make_session(programme)
    service.book(upcoming.pk, person)
    module = by_kind(person, programme, "session")
    assert module.state == ModuleState.IN_PROGRESS
    assert module.url == upcoming.get_absolute_url()

    service.cancel(upcoming.pk, person)
    assert by_kind(person, programme, "session").state == ModuleState.NOT_STARTED

    session = past_session(programme)
    attend(session, person)
    module = by_kind(person, programme, "session")
    assert module.state == ModuleState.COMPLETED
    assert module.completed_at == session.starts_at  # the register dates attendance at the session


def test_a_session_of_another_format_does_not_count_while_the_modules_format_exists(person):
    programme = make_programme_with_modules(shadowing=False)  # its session module is co-located
    make_session(programme, format=SessionFormat.CO_LOCATED)
    circle = past_session(programme, SessionFormat.LEARNING_CIRCLE)
    attend(circle, person)
    assert by_kind(person, programme, "session").state == ModuleState.NOT_STARTED


def test_any_session_of_the_programme_counts_when_none_has_the_modules_format(person):
    programme = make_programme_with_modules(shadowing=False)
    attend(past_session(programme, SessionFormat.LEARNING_CIRCLE), person)
    assert by_kind(person, programme, "session").state == ModuleState.COMPLETED


def test_a_session_of_another_programme_never_counts(person):
    programme = make_programme_with_modules(shadowing=False)
    other = make_programme_with_modules(shadowing=False)
    attend(past_session(other), person)
    assert by_kind(person, programme, "session").state == ModuleState.NOT_STARTED
    assert by_kind(person, other, "session").state == ModuleState.COMPLETED


def test_a_shadowing_placement_is_marked_done_by_an_enrolled_practitioner(person):
    programme = make_programme_with_modules(session=False)
    module = by_kind(person, programme, "shadowing")
    assert module.state == ModuleState.NOT_STARTED
    assert module.title == "2 days with Health"

    with pytest.raises(progress.CompletionError) as error:
        progress.mark_module_done(person, programme, module.id)
    assert error.value.code == "not-enrolled"

    progress.enrol(person, programme)
    event, after = progress.mark_module_done(person, programme, module.id)
    assert event.data == {"module": module.id}
    assert by_kind(person, programme, "shadowing").state == ModuleState.COMPLETED
    assert after.complete  # it was the only module

    again, _ = progress.mark_module_done(person, programme, module.id)
    assert again is None
    assert events_for(person, Verb.COMPLETED, programme).filter(data__module=module.id).count() == 1


def test_only_a_shadowing_module_can_be_marked_done(person, story):
    programme = make_programme_with_modules(case_studies=[story], session=False)
    progress.enrol(person, programme)
    case_study_module = by_kind(person, programme, "case_study")
    with pytest.raises(progress.CompletionError) as error:
        progress.mark_module_done(person, programme, case_study_module.id)
    assert error.value.code == "not-shadowing"
    with pytest.raises(progress.CompletionError) as error:
        progress.mark_module_done(person, programme, "no-such-block")
    assert error.value.code == "missing"
    assert by_kind(person, programme, "case_study").state == ModuleState.NOT_STARTED


# -- enrolment ------------------------------------------------------------------------------------


def test_enrolling_twice_is_one_enrolment(person):
    programme = make_programme_with_modules()
    first, created = progress.enrol(person, programme)
    second, created_again = progress.enrol(person, programme)
    assert created and not created_again
    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=person, programme=programme).count() == 1


def test_booking_a_session_of_a_programme_enrols_the_person(person):
    programme = make_programme_with_modules()
    service.book(make_session(programme).pk, person)
    enrolment = Enrolment.objects.get(user=person, programme=programme)
    assert enrolment.cycle == 1 and enrolment.completed_at is None


def test_a_place_on_the_waiting_list_does_not_enrol(person):
    programme = make_programme_with_modules()
    session = make_session(programme, capacity=1)
    service.book(session.pk, make_person("health"))
    assert service.book(session.pk, person).result == "waitlisted"
    assert not Enrolment.objects.filter(user=person).exists()


# -- programme completion -------------------------------------------------------------------------


def test_a_programme_completes_when_its_required_modules_do_and_optional_ones_are_not_needed(
    person, scenario, story
):
    optional_story = make_case_study("An optional extra story")
    programme = make_programme_with_modules(
        scenarios=[scenario], case_studies=[story, optional_story], optional=[2]
    )
    session = past_session(programme)
    progress.enrol(person, programme)

    record_watched(person, scenario, [[0, 100]])
    save_reflections(person, scenario, [("What would you do first on Monday?", "Call the school nurse.")])
    record(person, Verb.COMPLETED, story)
    attend(session, person)
    entry = progress.programme_progress(person, programme)
    assert (entry.required_done, entry.required_total, entry.percent) == (3, 4, 75)
    assert not entry.requirements_met and not entry.complete
    assert not ProgrammeCompletion.objects.exists()

    shadowing = by_kind(person, programme, "shadowing")
    progress.mark_module_done(person, programme, shadowing.id)

    entry = progress.programme_progress(person, programme)
    assert entry.complete and entry.percent == 100
    completion = ProgrammeCompletion.objects.get()
    assert (completion.user, completion.programme_id, completion.cycle) == (person, programme.pk, 1)
    assert completion.agency == person.agency
    enrolment = Enrolment.objects.get(user=person, programme=programme)
    assert enrolment.completed_at == completion.completed_at
    assert completion.started_at == enrolment.started_at
    certificate = Certificate.objects.get(completion=completion)
    # The optional story was not taken: the certificate lists what was completed, in order.
    assert certificate.modules == [
        "Missed appointments at the dentist",
        "Early help and the school nurse",
        "Joint induction day",
        "Shadowing placement: 2 days with Health",
    ]
    event = events_for(person, Verb.COMPLETED, programme).get(data__cycle=1)
    assert event.occurred_at == completion.completed_at


def test_completion_is_recorded_once_however_often_events_repeat_or_evaluation_runs(person, story):
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    progress.enrol(person, programme)
    record(person, Verb.COMPLETED, story)
    record(person, Verb.COMPLETED, story)
    record(person, Verb.REFLECTED, story)
    assert progress.evaluate(person) == []  # already recorded by the signal
    assert progress.evaluate(person, programme) == []
    assert ProgrammeCompletion.objects.filter(user=person).count() == 1
    assert Certificate.objects.filter(user=person).count() == 1
    assert events_for(person, Verb.COMPLETED, programme).count() == 1


def test_evaluate_records_a_completion_the_signal_did_not(person, story, monkeypatch):
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    progress.enrol(person, programme)
    monkeypatch.setattr("training.completion.signals._re_evaluate", lambda *args: None)
    record(person, Verb.COMPLETED, story)
    assert not ProgrammeCompletion.objects.exists()
    [completion] = progress.evaluate(person)
    assert completion.programme_id == programme.pk
    assert progress.evaluate(person) == []


def test_a_failing_evaluation_never_undoes_the_event(person, story, monkeypatch):
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    progress.enrol(person, programme)

    def broken(*args, **kwargs):
        raise RuntimeError("certificate service down")

    monkeypatch.setattr("training.completion.certificates.issue_certificate", broken)
    record(person, Verb.COMPLETED, story)
    assert events_for(person, Verb.COMPLETED, story).exists()
    assert not ProgrammeCompletion.objects.exists()  # rolled back to the savepoint, whole
    assert Enrolment.objects.get(user=person).completed_at is None


def test_someone_who_has_done_everything_completes_on_enrolling(person, story):
    programme = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    record(person, Verb.COMPLETED, story)  # before enrolling: cycle 1 counts it
    assert not ProgrammeCompletion.objects.exists()  # not enrolled: nothing recorded
    enrolment, _ = progress.enrol(person, programme)
    assert enrolment.completed_at is not None
    assert ProgrammeCompletion.objects.filter(user=person, cycle=1).count() == 1


def test_a_programme_without_required_modules_never_completes_by_itself(person, story):
    programme = make_programme_with_modules(
        case_studies=[story], session=False, shadowing=False, optional=[0]
    )
    progress.enrol(person, programme)
    record(person, Verb.COMPLETED, story)
    entry = progress.programme_progress(person, programme)
    assert entry.required_total == 0 and not entry.requirements_met and not entry.complete


def test_a_deleted_module_page_is_left_out(person, story):
    gone = make_case_study("A story since withdrawn")
    programme = make_programme_with_modules(case_studies=[story, gone], session=False, shadowing=False)
    gone.delete()
    programme.refresh_from_db()
    progress.enrol(person, programme)
    record(person, Verb.COMPLETED, story)
    entry = progress.programme_progress(person, programme)
    assert [module.title for module in entry.modules] == ["Early help and the school nurse"]
    assert entry.complete


# -- refreshers ------------------------------------------------------------------------------------


def complete_at(person, programme, story, moment):
    """Enrol before `moment` and read the programme's one case study at `moment`."""
    enrolment, _ = progress.enrol(person, programme)
    Enrolment.objects.filter(pk=enrolment.pk).update(started_at=moment - timedelta(days=30))
    record(person, Verb.COMPLETED, story, at=moment)
    return Enrolment.objects.get(pk=enrolment.pk)


def test_the_refresher_falls_due_by_calendar_months_after_completion(person, story):
    programme = make_programme_with_modules(
        case_studies=[story], session=False, shadowing=False, refresher_months=12
    )
    moment = datetime(2024, 2, 29, 10, 0, tzinfo=UTC)
    enrolment = complete_at(person, programme, story, moment)
    assert enrolment.completed_at == moment  # when the last required module was done
    entry = progress.programme_progress(person, programme)
    assert entry.refresher_due_at == datetime(2025, 2, 28, 10, 0, tzinfo=UTC)  # no 29 February in 2025
    assert entry.refresher_opens_at == entry.refresher_due_at - progress.REFRESHER_OPENS_BEFORE
    assert entry.refresher_available and entry.refresher_overdue


def test_a_refresher_starts_from_sixty_days_before_it_is_due(person, story):
    programme = make_programme_with_modules(
        case_studies=[story], session=False, shadowing=False, refresher_months=12
    )
    now = timezone.now()
    complete_at(person, programme, story, now - timedelta(days=200))
    due = progress.programme_progress(person, programme).refresher_due_at

    with pytest.raises(progress.RefresherNotAvailable) as error:
        progress.start_refresher(person, programme, now=due - timedelta(days=61))
    assert error.value.code == "not-yet"
    assert "You can start it from" in error.value.message

    enrolment = progress.start_refresher(person, programme, now=due - timedelta(days=60))
    assert enrolment.cycle == 2
    assert enrolment.started_at == due - timedelta(days=60)


def test_a_refresher_restarts_completion_counting_only_what_is_done_after_it_starts(person, story):
    programme = make_programme_with_modules(
        case_studies=[story], session=False, shadowing=False, refresher_months=12
    )
    now = timezone.now()
    complete_at(person, programme, story, now - timedelta(days=400))
    Enrolment.objects.filter(user=person).update(
        last_nudged_at=now - timedelta(days=3), refresher_reminded_at=now - timedelta(days=40)
    )

    enrolment = progress.start_refresher(person, programme)
    assert enrolment.cycle == 2
    assert enrolment.completed_at is enrolment.last_nudged_at is enrolment.refresher_reminded_at is None
    entry = progress.programme_progress(person, programme)
    assert not entry.complete and entry.required_done == 0  # last year's reading no longer counts
    assert by_kind(person, programme, "case_study").state == ModuleState.NOT_STARTED

    with pytest.raises(progress.RefresherNotAvailable) as error:
        progress.start_refresher(person, programme)
    assert error.value.code == "already-started"

    record(person, Verb.REFLECTED, story)
    entry = progress.programme_progress(person, programme)
    assert entry.complete and entry.cycle == 2
    completions = ProgrammeCompletion.objects.filter(user=person, programme=programme).order_by("cycle")
    assert [completion.cycle for completion in completions] == [1, 2]
    assert Certificate.objects.filter(user=person).count() == 2
    assert events_for(person, Verb.COMPLETED, programme).filter(data__cycle=2).count() == 1


def test_no_refresher_before_completion_or_without_an_interval(person, story):
    with_refresher = make_programme_with_modules(
        case_studies=[story], session=False, shadowing=False, refresher_months=12
    )
    without = make_programme_with_modules(case_studies=[story], session=False, shadowing=False)
    with pytest.raises(progress.RefresherNotAvailable) as error:
        progress.start_refresher(person, with_refresher)
    assert error.value.code == "not-enrolled"
    progress.enrol(person, with_refresher)
    with pytest.raises(progress.RefresherNotAvailable) as error:
        progress.start_refresher(person, with_refresher)
    assert error.value.code == "not-complete"

    progress.enrol(person, without)
    record(person, Verb.COMPLETED, story)
    assert progress.programme_progress(person, without).complete
    assert progress.programme_progress(person, without).refresher_due_at is None
    with pytest.raises(progress.RefresherNotAvailable) as error:
        progress.start_refresher(person, without)
    assert error.value.code == "no-refresher"


# -- everything a person has touched ---------------------------------------------------------------


def test_item_states_cover_pages_and_sessions_with_their_dates(person, scenario, story):
    programme = make_programme_with_modules(case_studies=[story])  # the placement is still to do
    viewed = make_case_study("Only looked at")
    record(person, Verb.VIEWED, viewed, at=timezone.now() - timedelta(days=3))
    record(person, Verb.VIEWED, story, at=timezone.now() - timedelta(days=2))
    record(person, Verb.COMPLETED, story)
    record_answer(person, scenario, 0, 0)
    cancelled = make_session(programme)
    service.book(cancelled.pk, person)
    service.cancel(cancelled.pk, person)
    attended = past_session(programme)
    attend(attended, person)
    record(make_person("health"), Verb.VIEWED, make_case_study("Someone else's reading"))

    items = {item.title: item for item in progress.item_states(person)}
    assert items["Only looked at"].state == ModuleState.IN_PROGRESS
    assert items["Early help and the school nurse"].state == ModuleState.COMPLETED
    assert items["Early help and the school nurse"].kind == "Case study"
    assert (
        items["Early help and the school nurse"].started_at
        < items["Early help and the school nurse"].completed_at
    )
    assert items["Missed appointments at the dentist"].state == ModuleState.IN_PROGRESS
    assert items["Missed appointments at the dentist"].kind == "Video scenario"
    sessions = {item.title.split(",")[0]: item for item in items.values() if item.kind == "In-person session"}
    assert sessions[cancelled.title].state == ModuleState.NOT_STARTED
    assert sessions[attended.title].state == ModuleState.COMPLETED
    assert sessions[attended.title].completed_at == attended.starts_at
    assert items[programme.title].kind == "Induction programme"  # enrolled by booking
    assert items[programme.title].state == ModuleState.IN_PROGRESS
    assert "Someone else's reading" not in items


# -- queries -----------------------------------------------------------------------------------------


def count_progress_queries(person, programme):
    progress.programme_progress(person, programme)  # warm the content type cache
    with CaptureQueriesContext(connection) as queries:
        progress.programme_progress(person, programme)
    return len(queries)


def test_progress_costs_the_same_queries_however_many_modules(person):
    small = make_programme_with_modules(case_studies=[make_case_study()], scenarios=[make_scenario()])
    large = make_programme_with_modules(
        case_studies=[make_case_study() for _ in range(3)], scenarios=[make_scenario() for _ in range(3)]
    )
    for programme in (small, large):
        progress.enrol(person, programme)
        make_session(programme)
    assert count_progress_queries(person, small) == count_progress_queries(person, large)
