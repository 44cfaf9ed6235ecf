"""Learning reminders: refresher due soon, the fortnightly nudge, opt-out, and sending once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus

from conftest import waiting_for_locks
from training.completion import reminders, tasks
from training.completion.progress import refresher_due
from training.models import Enrolment, ProgrammeCompletion
from training.tests.session_factories import make_person, make_programme

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "search", "media"]}
}
NOW = timezone.make_aware(datetime(2027, 3, 15, 9, 0))
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def site_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learning.example.org"


def enrol(person=None, programme=None, *, started=NOW - 20 * DAY, completed=None, cycle=1, **fields):
    return Enrolment.objects.create(
        user=person or make_person(),
        programme=programme or make_programme(),
        cycle=cycle,
        started_at=started,
        completed_at=completed,
        **fields,
    )


def yearly():
    return make_programme("Yearly safeguarding refresher", refresher_months=12)


def months_before(moment, months):
    return moment - relativedelta(months=months)


# Months -----------------------------------------------------------------------------------------------


def test_adding_months_keeps_the_day_where_the_month_has_it():
    moment = timezone.make_aware(datetime(2027, 1, 31, 10, 30))
    assert refresher_due(moment, 1).date().isoformat() == "2027-02-28"
    assert refresher_due(moment, 13).date().isoformat() == "2028-02-29"
    assert refresher_due(moment, 12).date().isoformat() == "2028-01-31"
    assert refresher_due(moment, 0) is None and refresher_due(None, 12) is None


# Refresher due soon ---------------------------------------------------------------------------------------


def test_a_refresher_due_within_thirty_days_is_reminded_once(mailoutbox):
    completed = months_before(NOW, 12) + 20 * DAY  # due in 20 days
    enrolment = enrol(programme=yearly(), completed=completed)

    assert tasks.send_refresher_reminders.call(now=NOW) == 1
    assert tasks.send_refresher_reminders.call(now=NOW) == 0
    assert tasks.send_refresher_reminders.call(now=NOW + 10 * DAY) == 0

    [email] = mailoutbox
    assert email.to == [enrolment.user.email]
    assert email.subject == "Your refresher is due on 4 April 2027: Yearly safeguarding refresher"
    enrolment.refresh_from_db()
    assert enrolment.refresher_reminded_at == NOW


def test_the_refresher_window_is_thirty_days(mailoutbox):
    due_at = NOW + reminders.REFRESHER_NOTICE
    just_inside = enrol(programme=yearly(), completed=months_before(due_at, 12))
    just_outside = enrol(programme=yearly(), completed=months_before(due_at, 12) + timedelta(minutes=1))

    assert tasks.send_refresher_reminders.call(now=NOW) == 1

    assert [email.to for email in mailoutbox] == [[just_inside.user.email]]
    just_outside.refresh_from_db()
    assert just_outside.refresher_reminded_at is None
    assert tasks.send_refresher_reminders.call(now=NOW + DAY) == 1  # its turn the next day


def test_an_overdue_refresher_is_reminded_and_says_so(mailoutbox):
    enrol(programme=yearly(), completed=months_before(NOW, 15))

    assert tasks.send_refresher_reminders.call(now=NOW) == 1

    [email] = mailoutbox
    assert email.subject == "Your refresher is due: Yearly safeguarding refresher"
    assert "was due on 15 December 2026" in email.body


def test_a_completion_row_counts_when_the_enrolment_has_no_date(mailoutbox):
    enrolment = enrol(programme=yearly())
    ProgrammeCompletion.objects.create(
        user=enrolment.user,
        programme=enrolment.programme,
        cycle=1,
        started_at=NOW - 400 * DAY,
        completed_at=months_before(NOW, 12) + 5 * DAY,
    )

    assert tasks.send_refresher_reminders.call(now=NOW) == 1


def test_no_refresher_reminder_without_an_interval_or_when_not_due_or_under_way(mailoutbox):
    enrol(programme=make_programme(), completed=months_before(NOW, 30))  # no refresher interval
    enrol(programme=yearly(), completed=months_before(NOW, 10))  # due in two months
    enrol(programme=yearly())  # not completed
    refresher = enrol(programme=yearly(), cycle=2, started=NOW - 5 * DAY)  # the refresher is under way
    ProgrammeCompletion.objects.create(
        user=refresher.user,
        programme=refresher.programme,
        cycle=1,
        started_at=NOW - 500 * DAY,
        completed_at=months_before(NOW, 13),
    )
    enrol(programme=make_programme(live=False, refresher_months=12), completed=months_before(NOW, 13))

    assert tasks.send_refresher_reminders.call(now=NOW) == 0
    assert mailoutbox == []


def test_the_next_cycle_is_reminded_again(mailoutbox):
    """A reminder sent before the current cycle was completed belongs to an earlier cycle."""
    enrolment = enrol(
        programme=yearly(),
        cycle=2,
        completed=months_before(NOW, 12) + 3 * DAY,
        refresher_reminded_at=months_before(NOW, 24),
    )

    assert tasks.send_refresher_reminders.call(now=NOW) == 1
    enrolment.refresh_from_db()
    assert enrolment.refresher_reminded_at == NOW


def test_reminders_skip_people_who_opted_out_are_inactive_or_have_no_address(mailoutbox):
    completed = months_before(NOW, 12) + 3 * DAY
    enrol(make_person(learning_reminders=False), yearly(), completed=completed)
    enrol(make_person(is_active=False), yearly(), completed=completed)
    no_address = make_person()
    type(no_address).objects.filter(pk=no_address.pk).update(email="")
    enrol(no_address, yearly(), completed=completed)
    enrol(make_person(learning_reminders=False), started=NOW - 30 * DAY)  # would be nudged

    assert tasks.run_reminders(now=NOW) == {"refreshers": 0, "nudges": 0}
    assert mailoutbox == []
    assert not Enrolment.objects.filter(refresher_reminded_at__isnull=False).exists()
    assert not Enrolment.objects.filter(last_nudged_at__isnull=False).exists()


def test_a_refresher_another_worker_has_claimed_is_not_sent_again(monkeypatch, mailoutbox):
    enrolment = enrol(programme=yearly(), completed=months_before(NOW, 12) + 3 * DAY)
    real_due = reminders.due_refreshers

    def due_then_claimed_elsewhere(now):
        due = real_due(now)
        Enrolment.objects.filter(pk=enrolment.pk).update(refresher_reminded_at=now)  # the other worker wins
        return due

    monkeypatch.setattr(reminders, "due_refreshers", due_then_claimed_elsewhere)

    assert tasks.send_refresher_reminders.call(now=NOW) == 0
    assert mailoutbox == []


def test_the_refresher_email_links_to_my_learning_and_says_how_to_stop(mailoutbox):
    enrolment = enrol(make_person(display_name="Sam"), yearly(), completed=months_before(NOW, 12) + 3 * DAY)

    tasks.send_refresher_reminders.call(now=NOW)

    [email] = mailoutbox
    assert email.body.startswith("Hello Sam,\n")
    assert "https://learning.example.org/my-learning/" in email.body
    assert "https://learning.example.org/accounts/profile/" in email.body
    assert "You completed the programme on 18 March 2026." in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert 'href="https://learning.example.org/my-learning/"' in html
    assert 'href="https://learning.example.org/accounts/profile/"' in html
    assert "Email me learning reminders" in html
    assert enrolment.programme.title in html


# Unfinished-programme nudge ---------------------------------------------------------------------------------


def test_an_unfinished_programme_started_a_fortnight_ago_gets_one_nudge(mailoutbox):
    enrolment = enrol(started=NOW - 14 * DAY)
    enrol(started=NOW - 13 * DAY)  # too soon

    assert tasks.send_unfinished_nudges.call(now=NOW) == 1
    assert tasks.send_unfinished_nudges.call(now=NOW) == 0

    [email] = mailoutbox
    assert email.to == [enrolment.user.email]
    assert email.subject == f"Carry on with your learning: {enrolment.programme.title}"
    assert "https://learning.example.org/my-learning/" in email.body
    assert "https://learning.example.org/accounts/profile/" in email.body
    enrolment.refresh_from_db()
    assert enrolment.last_nudged_at == NOW


def test_nudges_come_at_most_once_a_fortnight(mailoutbox):
    enrolment = enrol(started=NOW - 30 * DAY)

    sent = [tasks.send_unfinished_nudges.call(now=NOW + day * DAY) for day in range(0, 29)]

    assert [day for day, count in enumerate(sent) if count] == [0, 14, 28]
    assert len(mailoutbox) == 3
    enrolment.refresh_from_db()
    assert enrolment.last_nudged_at == NOW + 28 * DAY


def test_no_nudge_once_the_cycle_is_complete(mailoutbox):
    enrol(started=NOW - 30 * DAY, completed=NOW - 2 * DAY)
    by_row = enrol(started=NOW - 30 * DAY, cycle=2)
    ProgrammeCompletion.objects.create(
        user=by_row.user, programme=by_row.programme, cycle=2, started_at=by_row.started_at
    )
    enrol(programme=make_programme(live=False), started=NOW - 30 * DAY)  # unpublished

    assert tasks.send_unfinished_nudges.call(now=NOW) == 0
    assert mailoutbox == []


def test_one_nudge_lists_every_unfinished_programme_and_counts_for_all(mailoutbox):
    person = make_person()
    first = enrol(person, make_programme("Joint induction North"), started=NOW - 20 * DAY)
    second = enrol(person, make_programme("Joint induction South"), started=NOW - 15 * DAY)
    later = enrol(person, make_programme("Joint induction East"), started=NOW - 5 * DAY)

    assert tasks.send_unfinished_nudges.call(now=NOW) == 1
    [email] = mailoutbox
    assert email.subject == "Carry on with your learning: 2 programmes to finish"
    assert "Joint induction North" in email.body and "Joint induction South" in email.body
    assert "Joint induction East" not in email.body

    # A fortnight for the third programme is up in nine days, but the person was nudged
    # five days before: the next nudge waits for their fortnight.
    assert tasks.send_unfinished_nudges.call(now=NOW + 9 * DAY) == 0
    assert tasks.send_unfinished_nudges.call(now=NOW + 14 * DAY) == 1
    assert "Joint induction East" in mailoutbox[1].body
    for enrolment in (first, second, later):
        enrolment.refresh_from_db()
        assert enrolment.last_nudged_at == NOW + 14 * DAY


def test_a_nudge_another_worker_has_claimed_is_not_sent_again(monkeypatch, mailoutbox):
    enrolment = enrol(started=NOW - 20 * DAY)
    real_due = reminders.due_nudges

    def due_then_claimed_elsewhere(now):
        due = real_due(now)
        Enrolment.objects.filter(pk=enrolment.pk).update(last_nudged_at=now - timedelta(seconds=1))
        return due

    monkeypatch.setattr(reminders, "due_nudges", due_then_claimed_elsewhere)

    assert tasks.send_unfinished_nudges.call(now=NOW) == 0
    assert mailoutbox == []


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(mailoutbox):
    nudged = [enrol(started=NOW - 20 * DAY) for _ in range(3)]
    reminded = [enrol(programme=yearly(), completed=months_before(NOW, 12) + 3 * DAY) for _ in range(3)]
    barrier = threading.Barrier(2)

    def worker(_):
        try:
            barrier.wait(timeout=60)
            # Each reminder is claimed (and committed) before it is sent, so a run that met a
            # lock ("locked": SQLite's in-memory test database fails instead of waiting) is
            # simply run again: what it claimed is not claimed twice.
            return waiting_for_locks(lambda: tasks.run_reminders(now=NOW))
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(worker, range(2)))

    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        enrolment.user.email for enrolment in nudged + reminded
    )
    assert tasks.run_reminders(now=NOW) == {"refreshers": 0, "nudges": 0}


# The daily task ---------------------------------------------------------------------------------------------


def test_running_the_day_again_sends_nothing_more(mailoutbox):
    enrol(started=NOW - 20 * DAY)
    enrol(programme=yearly(), completed=months_before(NOW, 12) + 3 * DAY)

    assert tasks.run_reminders(now=NOW) == {"refreshers": 1, "nudges": 1}
    assert tasks.run_reminders(now=NOW) == {"refreshers": 0, "nudges": 0}
    assert tasks.run_reminders(now=(NOW + DAY).isoformat()) == {"refreshers": 0, "nudges": 0}
    assert len(mailoutbox) == 2


def ready_runs():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="training.completion.tasks.daily_reminders", status=TaskResultStatus.READY
    )


def test_the_worker_start_up_hook_queues_one_run(settings):
    settings.TASKS = DATABASE_TASKS  # tasks wait in the database, as with the real worker

    assert tasks.start_reminders() == "learning reminders queued"
    assert tasks.start_reminders() == "learning reminders already queued"

    assert ready_runs().count() == 1


def test_the_daily_run_comes_back_tomorrow_unless_a_run_is_already_waiting(settings):
    settings.TASKS = DATABASE_TASKS
    before = timezone.now()

    tasks.daily_reminders.call()  # as the worker runs it

    [row] = ready_runs()
    assert row.run_after >= before + tasks.REMINDERS_INTERVAL
    tasks.daily_reminders.call()
    assert ready_runs().count() == 1


def test_with_the_immediate_backend_the_daily_run_happens_once_and_stops(mailoutbox):
    enrol(started=timezone.now() - 20 * DAY)

    assert tasks.start_reminders() == "learning reminders queued"  # ran at once, did not loop

    assert len(mailoutbox) == 1
