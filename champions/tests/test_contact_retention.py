"""Messages to champions are deleted after the retention period, by the worker every day
or by the management command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus

from champions import tasks
from champions.models import ContactMessage, MessageStatus
from champions.tests.factories import make_champion
from cms.users import roles
from conftest import make_user

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "search", "media"]}
}


@pytest.fixture
def profile():
    return make_champion()


@pytest.fixture
def sender():
    return make_user("sam.sender@example.org", roles.PRACTITIONER)


def message(sender, profile, *, age, status=MessageStatus.SENT):
    created = ContactMessage.objects.create(sender=sender, profile=profile, body="A question", status=status)
    ContactMessage.objects.filter(pk=created.pk).update(created_at=timezone.now() - age)
    return created.pk


def remaining():
    return set(ContactMessage.objects.values_list("pk", flat=True))


def test_only_messages_older_than_ninety_days_are_deleted(sender, profile):
    old_sent = message(sender, profile, age=timedelta(days=91))
    old_held = message(sender, profile, age=timedelta(days=90, hours=1), status=MessageStatus.HELD)
    recent = message(sender, profile, age=timedelta(days=89, hours=23))
    today = message(sender, profile, age=timedelta(0))

    assert tasks.delete_old_messages.call() == 2

    assert remaining() == {recent, today}
    assert old_sent not in remaining() and old_held not in remaining()


def test_the_period_follows_the_setting(sender, profile, settings):
    settings.CHAMPION_MESSAGE_RETENTION_DAYS = 30
    old = message(sender, profile, age=timedelta(days=31))
    recent = message(sender, profile, age=timedelta(days=29))

    assert tasks.delete_old_messages.call() == 1
    assert remaining() == {recent}
    assert old not in remaining()


def test_now_may_arrive_as_text_from_the_queue(sender, profile):
    kept = message(sender, profile, age=timedelta(days=10))
    later = (timezone.now() + timedelta(days=85)).isoformat()  # 95 days after the message

    assert tasks.delete_old_messages.call(now=later) == 1
    assert kept not in remaining()
    with pytest.raises(ValueError):
        tasks.delete_old_messages.call(now="not a date")


def test_the_command_deletes_once_and_says_how_many(sender, profile):
    message(sender, profile, age=timedelta(days=100))
    kept = message(sender, profile, age=timedelta(days=1))
    out = StringIO()

    call_command("delete_old_champion_messages", stdout=out)

    assert out.getvalue().strip() == "Deleted 1 message to champions older than 90 days."
    assert remaining() == {kept}


def ready_retention():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="champions.tasks.retention", status=TaskResultStatus.READY)


def test_the_worker_start_up_hook_queues_one_retention_run(settings):
    settings.TASKS = DATABASE_TASKS  # tasks wait in the database, as with the real worker

    assert tasks.start_retention() == "champion message retention queued"
    assert tasks.start_retention() == "champion message retention already queued"

    assert ready_retention().count() == 1


def test_retention_comes_back_a_day_later_unless_a_run_is_already_waiting(settings, sender, profile):
    settings.TASKS = DATABASE_TASKS
    old = message(sender, profile, age=timedelta(days=120))
    before = timezone.now()

    assert tasks.retention.call() == 1  # as the worker runs it

    assert old not in remaining()
    [row] = ready_retention()
    assert row.run_after >= before + tasks.RETENTION_INTERVAL
    tasks.retention.call()
    assert ready_retention().count() == 1


def test_with_the_immediate_backend_retention_runs_once_and_stops(sender, profile):
    old = message(sender, profile, age=timedelta(days=120))

    assert tasks.start_retention() == "champion message retention queued"  # ran at once, did not loop

    assert old not in remaining()
