"""The demo learning history: the demo practitioner's progress and certificate, the fictional
learners behind the dashboard, made through the completion code; loading twice adds nothing.

Loaded on a small fixture (the demo accounts, programmes and sessions, one demo case study;
no generated videos, so the programmes' scenario modules are left out as the loader does
when scenarios are not loaded)."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth.models import Group

from case_studies.tests.factories import make_case_study
from cms.learning_record.models import LearningEvent
from cms.users import demo as demo_accounts
from cms.users import roles
from cms.users.models import User
from training import demo_completion, demo_programmes
from training.choices import ConfidenceStage, ModuleState
from training.completion import progress
from training.models import (
    Booking,
    Certificate,
    ConfidenceResponse,
    Enrolment,
    InductionProgrammePage,
    ProgrammeCompletion,
    Session,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]

LEARNERS = 12  # enough to see the pattern, quick to load


@pytest.fixture
def demo(monkeypatch):
    """What `make run` has loaded before this: accounts, a demo case study, the programmes."""
    monkeypatch.setattr(demo_completion, "LEARNER_COUNT", LEARNERS)
    demo_accounts.load(StringIO())
    make_case_study("Police shadowing in the MASH", slug="police-shadowing-in-the-mash")
    demo_programmes.load(StringIO())
    return [InductionProgrammePage.objects.get(slug=spec["slug"]) for spec in demo_programmes.PROGRAMMES]


def learners():
    return User.objects.filter(email__endswith="@example.invalid", email__startswith="demo-learner-")


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", flat=True)),
        "enrolments": sorted(
            Enrolment.objects.values_list("user_id", "programme_id", "cycle", "completed_at")
        ),
        "completions": sorted(ProgrammeCompletion.objects.values_list("user_id", "programme_id", "cycle")),
        "certificates": sorted(Certificate.objects.values_list("code", "completion_id")),
        "answers": ConfidenceResponse.objects.count(),
        "events": LearningEvent.objects.count(),
        "sessions": Session.objects.count(),
        "bookings": sorted(Booking.objects.values_list("session_id", "user_id", "status", "attendance")),
    }


def test_loading_twice_gives_the_same_counts(demo):
    first_summary = demo_completion.load(StringIO())
    first = snapshot()
    second_summary = demo_completion.load(StringIO())
    assert snapshot() == first
    assert second_summary == first_summary
    assert first_summary.startswith(f"{LEARNERS} demo learners")
    assert first["answers"] > 0 and first["certificates"]


def test_the_demo_practitioner_is_part_way_through_one_programme_and_finished_another(demo):
    first, second = demo
    demo_completion.load(StringIO())
    sam = User.objects.get(email="practitioner@example.org")

    underway = progress.programme_progress(sam, first)
    assert underway.enrolment is not None and not underway.complete
    assert 0 < underway.required_done < underway.required_total
    done = {module.kind for module in underway.modules if module.state == ModuleState.COMPLETED}
    assert done == {"case_study"}
    # Its "before" check is left for them to answer.
    assert not ConfidenceResponse.objects.filter(user=sam, programme=first).exists()

    finished = progress.programme_progress(sam, second)
    assert finished.complete and finished.required_done == finished.required_total
    assert finished.refresher_available  # completed about ten and a half months ago, yearly refresher
    completion = ProgrammeCompletion.objects.get(user=sam, programme=second)
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.holder_name == "Sam (demo practitioner)"
    assert certificate.modules == [module.certificate_title for module in finished.modules]
    assert certificate.expires_at is not None
    stages = Counter(
        ConfidenceResponse.objects.filter(user=sam, programme=second).values_list("stage", flat=True)
    )
    assert set(stages) == {ConfidenceStage.BEFORE, ConfidenceStage.AFTER}
    assert stages[ConfidenceStage.BEFORE] == stages[ConfidenceStage.AFTER] > 0


def test_the_learners_are_fictional_practitioners_spread_over_agencies_and_areas(demo):
    demo_completion.load(StringIO())
    people = list(learners().select_related("agency", "area"))
    assert len(people) == LEARNERS
    practitioners = Group.objects.get(name=roles.PRACTITIONER)
    for person in people:
        assert not person.has_usable_password()
        assert "(demo learner)" in person.display_name
        assert list(person.groups.all()) == [practitioners]
    assert len({person.agency.slug for person in people}) == len(demo_completion.AGENCIES)
    assert len({person.area.slug for person in people}) >= 2


def test_completions_come_from_the_completion_code_with_matched_confidence_answers(demo):
    demo_completion.load(StringIO())
    people = learners()
    completions = ProgrammeCompletion.objects.filter(user__in=people)
    assert completions.count() >= LEARNERS  # most finish the first programme, some the second too
    for completion in completions.select_related("user"):
        enrolment = Enrolment.objects.get(user=completion.user, programme=completion.programme)
        assert enrolment.completed_at == completion.completed_at
        assert completion.agency_id == completion.user.agency_id
        assert completion.started_at < completion.completed_at
        certificate = completion.certificate
        assert certificate.modules and certificate.user == completion.user
        after = ConfidenceResponse.objects.filter(
            user=completion.user, programme=completion.programme, stage=ConfidenceStage.AFTER
        )
        before = ConfidenceResponse.objects.filter(
            user=completion.user, programme=completion.programme, stage=ConfidenceStage.BEFORE
        )
        assert after.count() == before.count() > 0
    # Someone is still part-way: enrolled, not completed, with a "before" set only.
    open_enrolments = Enrolment.objects.filter(user__in=people, completed_at__isnull=True)
    assert open_enrolments.exists()
    # The earlier groups' sessions have their attended bookings, within capacity.
    history = Session.objects.filter(title__endswith=demo_completion.HISTORY_SUFFIX)
    assert history.exists()
    for session in history:
        assert session.confirmed_count == session.bookings.filter(attendance="attended").count() > 0
        assert session.confirmed_count <= session.capacity


def test_the_first_programme_has_completions_above_the_threshold_for_the_dashboard(demo, monkeypatch):
    monkeypatch.setattr(demo_completion, "LEARNER_COUNT", 30)
    demo_completion.load(StringIO())
    first = demo[0]
    completed = ProgrammeCompletion.objects.filter(programme=first, user__in=learners())
    assert completed.count() >= 15
    by_agency = Counter(completed.values_list("agency__slug", flat=True))
    assert len([agency for agency, n in by_agency.items() if n >= 5]) >= 2


def test_nothing_is_made_without_demo_accounts(demo, settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    assert "skipped" in demo_completion.load(StringIO())
    assert not learners().exists()
    assert not ProgrammeCompletion.objects.exists()


def test_learners_beyond_the_count_are_removed_and_their_completions_kept_anonymous(demo, monkeypatch):
    demo_completion.load(StringIO())
    completions = ProgrammeCompletion.objects.count()
    monkeypatch.setattr(demo_completion, "LEARNER_COUNT", LEARNERS - 2)
    demo_completion.load(StringIO())
    assert learners().count() == LEARNERS - 2
    assert ProgrammeCompletion.objects.count() == completions
