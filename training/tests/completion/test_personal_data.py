"""Completion tracking in "download my data" and account deletion: enrolments, certificates
and confidence answers go with the account; completed cycles stay as anonymous counts."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

import training.completion.personal_data  # noqa: F401  (registers, as TrainingConfig.ready() does)
from cms.taxonomy.models import Area
from cms.users.personal_data import coverage_of, delete_user, export_user_data
from cms.users.tests.test_personal_data_coverage import coverage_problem
from training.choices import ConfidenceStage, ConfidenceStatement
from training.completion.certificates import issue_certificate
from training.models import Certificate, ConfidenceResponse, Enrolment, ProgrammeCompletion
from training.tests.session_factories import make_person, make_programme

pytestmark = pytest.mark.django_db

LONDON = timezone.get_default_timezone()
STARTED = timezone.make_aware(datetime(2025, 3, 3, 9, 15, 42), LONDON)
COMPLETED = timezone.make_aware(datetime(2025, 4, 17, 16, 40, 5), LONDON)
EXPIRES = timezone.make_aware(datetime(2026, 4, 17, 16, 40, 5), LONDON)


def iso(moment):
    """As the export writes a time read from the database (UTC)."""
    return moment.astimezone(UTC).isoformat()


def learner(agency="health"):
    return make_person(agency, area=Area.objects.get(slug="leeds"))


def complete(user, programme, *, cycle=1, started=STARTED, completed=COMPLETED):
    completion = ProgrammeCompletion.objects.create(
        user=user,
        programme=programme,
        cycle=cycle,
        agency=user.agency,
        area=user.area,
        started_at=started,
        completed_at=completed,
    )
    certificate = issue_certificate(completion, ["Day one together", "Two weeks in the MASH"])
    return completion, certificate


def answer(user, programme, stage, scores, *, at=STARTED):
    for statement, score in zip(ConfidenceStatement.values, scores, strict=False):
        ConfidenceResponse.objects.create(
            user=user, programme=programme, stage=stage, statement=statement, score=score, answered_at=at
        )


@pytest.fixture
def record():
    """Sam: one programme finished (certificate, expiry), another under way; answers before
    and after the first. Someone else has the same, to show it stays out of Sam's export."""
    finished = make_programme("Schools and health together")
    underway = make_programme("Leeds joint induction")
    sam = learner()
    Enrolment.objects.create(user=sam, programme=finished, started_at=STARTED, completed_at=COMPLETED)
    Enrolment.objects.create(user=sam, programme=underway, cycle=2, started_at=COMPLETED)
    completion, certificate = complete(sam, finished)
    certificate.expires_at = EXPIRES
    certificate.save()
    answer(sam, finished, ConfidenceStage.BEFORE, [2, 3], at=STARTED)
    answer(sam, finished, ConfidenceStage.AFTER, [4, 5], at=COMPLETED)

    other = learner("police")
    Enrolment.objects.create(user=other, programme=finished, started_at=STARTED)
    complete(other, finished)
    answer(other, finished, ConfidenceStage.BEFORE, [1, 1])
    return {
        "sam": sam,
        "other": other,
        "finished": finished,
        "underway": underway,
        "certificate": certificate,
    }


def test_the_export_holds_the_persons_programmes_certificates_and_answers(record):
    sam, certificate = record["sam"], record["certificate"]
    learning = export_user_data(sam)["learning"]

    assert learning["enrolments"] == [
        {
            "programme": "Schools and health together",
            "cycle": 1,
            "started_at": iso(STARTED),
            "completed_at": iso(COMPLETED),
        },
        {
            "programme": "Leeds joint induction",
            "cycle": 2,
            "started_at": iso(COMPLETED),
            "completed_at": None,
        },
    ]
    assert learning["completions"] == [
        {
            "programme": "Schools and health together",
            "cycle": 1,
            "agency": "Health",
            "area": "Leeds",
            "started_at": iso(STARTED),
            "completed_at": iso(COMPLETED),
        }
    ]
    [exported] = learning["certificates"]
    assert exported == {
        "programme": "Schools and health together",
        "holder_name": sam.display_name,
        "code": certificate.display_code,
        "modules": ["Day one together", "Two weeks in the MASH"],
        "completed_at": iso(COMPLETED),
        "issued_at": certificate.issued_at.isoformat(),
        "expires_at": iso(EXPIRES),
        "revoked_at": None,
        "revoked_reason": "",
    }
    assert len(exported["code"]) == 14 and exported["code"].count("-") == 2
    answers = [(a["stage"], a["statement"], a["score"]) for a in learning["confidence_answers"]]
    assert answers == [
        ("Before the programme", ConfidenceStatement.SHARE_WITHOUT_CONSENT.label, 2),
        ("Before the programme", ConfidenceStatement.WHO_TO_CONTACT.label, 3),
        ("On completing it", ConfidenceStatement.SHARE_WITHOUT_CONSENT.label, 4),
        ("On completing it", ConfidenceStatement.WHO_TO_CONTACT.label, 5),
    ]
    assert {a["programme"] for a in learning["confidence_answers"]} == {"Schools and health together"}


def test_a_revoked_certificate_says_so_in_the_export(record):
    certificate = record["certificate"]
    certificate.revoked_at = COMPLETED + timedelta(days=3)
    certificate.revoked_reason = "Issued in error"
    certificate.save()
    [exported] = export_user_data(record["sam"])["learning"]["certificates"]
    assert exported["revoked_at"] == iso(certificate.revoked_at)
    assert exported["revoked_reason"] == "Issued in error"


def test_someone_with_no_learning_exports_empty_lists(db):
    assert export_user_data(learner())["learning"] == {
        "enrolments": [],
        "completions": [],
        "certificates": [],
        "confidence_answers": [],
    }


def test_deletion_removes_the_record_and_keeps_an_anonymous_completion(record):
    sam, other, finished = record["sam"], record["other"], record["finished"]
    sam_id = sam.pk
    certificate_code = record["certificate"].code

    delete_user(sam)

    assert not Enrolment.objects.filter(user_id=sam_id).exists()
    assert not Certificate.objects.filter(code=certificate_code).exists()
    assert not ConfidenceResponse.objects.filter(user_id=sam_id).exists()
    # The count survives: two completions of the programme, one now without a person.
    assert ProgrammeCompletion.objects.filter(programme=finished).count() == 2
    kept = ProgrammeCompletion.objects.get(programme=finished, user__isnull=True)
    assert (kept.cycle, kept.agency.slug, kept.area.slug) == (1, "health", "leeds")
    # Dated to the day only (local midnight), nothing finer.
    assert timezone.localtime(kept.started_at) == timezone.make_aware(datetime(2025, 3, 3), LONDON)
    assert timezone.localtime(kept.completed_at) == timezone.make_aware(datetime(2025, 4, 17), LONDON)
    # The other person's record is untouched.
    assert Enrolment.objects.filter(user=other).count() == 1
    assert Certificate.objects.filter(user=other).count() == 1
    assert ConfidenceResponse.objects.filter(user=other).count() == 2
    theirs = ProgrammeCompletion.objects.get(user=other)
    assert theirs.completed_at == COMPLETED


def test_every_completion_link_to_a_person_is_covered():
    for model in (Enrolment, ProgrammeCompletion, Certificate, ConfidenceResponse):
        field = model._meta.get_field("user")
        assert coverage_problem(field, coverage_of(model, "user")) is None, model
    assert coverage_of(ProgrammeCompletion, "user").export == "learning"
