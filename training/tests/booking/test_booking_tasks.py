"""Session housekeeping: reminders, places released to the waiting list, access needs erased."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus

from training.booking import tasks
from training.choices import BookingStatus, SessionStatus
from training.models import Booking
from training.tests.session_factories import make_person, make_session

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "search", "media"]}
}


def book(
    session, status=BookingStatus.CONFIRMED, *, agency="police", confirmed_ago=timedelta(days=10), **fields
):
    person = make_person(agency)
    now = timezone.now()
    return Booking.objects.create(
        session=session,
        user=person,
        agency=person.agency,
        status=status,
        confirmed_at=now - confirmed_ago if status == BookingStatus.CONFIRMED else None,
        waitlisted_at=now - confirmed_ago if status == BookingStatus.WAITLISTED else None,
        **fields,
    )


def past_session(**fields):
    """A session that started two days ago (booking opened and closed before that)."""
    return make_session(starts_in=-timedelta(days=2), opened_ago=timedelta(days=20), **fields)


# Reminders -----------------------------------------------------------------------------------------


def test_a_reminder_goes_once_to_each_confirmed_place_within_the_window(mailoutbox):
    session = make_session(starts_in=timedelta(days=1))
    booking = book(session)

    assert tasks.send_due_reminders.call() == 1
    assert tasks.send_due_reminders.call() == 0  # run again: nothing more

    [email] = mailoutbox
    assert email.to == [booking.user.email]
    assert email.subject.startswith("Reminder: ")
    booking.refresh_from_db()
    assert booking.reminder_sent_at is not None


def test_no_reminder_for_waiting_cancelled_or_far_off_places(mailoutbox):
    soon = make_session(starts_in=timedelta(days=1))
    book(soon, BookingStatus.WAITLISTED, agency="health")
    book(soon, BookingStatus.CANCELLED, agency="education")
    called_off = make_session(starts_in=timedelta(days=1), status=SessionStatus.CANCELLED)
    book(called_off, BookingStatus.SESSION_CANCELLED)
    book(make_session(starts_in=timedelta(days=3)))  # beyond the two-day window
    book(past_session())  # already happened
    book(
        make_session(starts_in=timedelta(days=1)), confirmed_ago=timedelta(hours=1)
    )  # just booked: told already

    assert tasks.send_due_reminders.call() == 0
    assert mailoutbox == []
    assert not Booking.objects.filter(reminder_sent_at__isnull=False).exists()


def test_the_window_follows_the_setting(settings, mailoutbox):
    booking = book(make_session(starts_in=timedelta(days=4)))
    settings.SESSION_REMINDER_DAYS = 2
    assert tasks.send_due_reminders.call() == 0
    settings.SESSION_REMINDER_DAYS = 5
    assert tasks.send_due_reminders.call() == 1
    assert mailoutbox[0].to == [booking.user.email]


def test_a_reminder_another_worker_has_claimed_is_not_sent_again(monkeypatch, mailoutbox):
    booking = book(make_session(starts_in=timedelta(days=1)))
    real_due = tasks.due_reminders

    def due_then_claimed_elsewhere(now):
        pks = list(real_due(now).values_list("pk", flat=True))
        Booking.objects.filter(pk__in=pks).update(reminder_sent_at=now)  # the other worker wins the race

        class Found:
            def values_list(self, *args, **kwargs):
                return pks

        return Found()

    monkeypatch.setattr(tasks, "due_reminders", due_then_claimed_elsewhere)

    assert tasks.send_due_reminders.call() == 0
    assert mailoutbox == []
    assert Booking.objects.get(pk=booking.pk).reminder_sent_at is not None


# Access needs ---------------------------------------------------------------------------------------


def test_access_needs_are_erased_once_the_session_has_ended():
    ended = book(past_session(), access_needs="Wheelchair user")
    running = book(
        make_session(starts_in=-timedelta(hours=1), length=timedelta(hours=3), opened_ago=timedelta(days=20)),
        access_needs="Hearing loop",
    )
    coming = book(make_session(), access_needs="Quiet room")

    assert tasks.erase_access_needs.call() == 1

    assert Booking.objects.get(pk=ended.pk).access_needs == ""
    assert Booking.objects.get(pk=running.pk).access_needs == "Hearing loop"
    assert Booking.objects.get(pk=coming.pk).access_needs == "Quiet room"


# Places released to any agency ------------------------------------------------------------------------


def released_session(**fields):
    """Four places, no agency over half: police has its two, a third officer waits."""
    now = timezone.now()
    session = make_session(capacity=4, max_agency_share=50, min_agencies=1, **fields)
    book(session, agency="police")
    book(session, agency="police")
    session.confirmed_count = 2
    session.save()
    waiting = book(session, BookingStatus.WAITLISTED, agency="police", confirmed_ago=timedelta(days=1))
    return session, waiting, now


def test_released_places_go_to_the_waiting_list(mailoutbox):
    session, waiting, now = released_session(mix_release_at=timezone.now() - timedelta(hours=1))

    assert tasks.release_places.call() == 1

    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED
    session.refresh_from_db()
    assert session.confirmed_count == 3
    assert tasks.release_places.call() == 0  # nothing left to release to


def test_places_are_not_released_before_the_date_or_for_cancelled_sessions(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "training.booking.service.promote_waitlist", lambda pk, now=None: calls.append(pk) or []
    )
    released_session(mix_release_at=timezone.now() + timedelta(days=1))
    released_session(mix_release_at=None)
    released_session(mix_release_at=timezone.now() - timedelta(hours=1), status=SessionStatus.CANCELLED)
    due, _, _ = released_session(mix_release_at=timezone.now() - timedelta(hours=1))

    tasks.release_places.call()

    assert calls == [due.pk]


def test_one_session_failing_does_not_stop_the_others(monkeypatch):
    first, _, _ = released_session(mix_release_at=timezone.now() - timedelta(hours=1))
    second, _, _ = released_session(mix_release_at=timezone.now() - timedelta(hours=1))
    offered = []

    def promote(pk, now=None):
        if pk == first.pk:
            raise RuntimeError("database hiccup")
        offered.append(pk)
        return ["a booking"]

    monkeypatch.setattr("training.booking.service.promote_waitlist", promote)

    assert tasks.release_places.call() == 1
    assert offered == [second.pk]


# Running it all -------------------------------------------------------------------------------------------


def test_the_command_runs_everything_once_and_says_what_it_did(mailoutbox):
    book(make_session(starts_in=timedelta(days=1)))
    book(past_session(), access_needs="Quiet room")
    out = StringIO()

    call_command("session_housekeeping", stdout=out)

    assert "Reminders queued: 1 (sessions starting within 2 days)" in out.getvalue()
    assert "access needs were erased after the session: 1" in out.getvalue()
    assert len(mailoutbox) == 1


def ready_housekeeping():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="training.booking.tasks.housekeeping", status=TaskResultStatus.READY
    )


def test_the_worker_start_up_hook_queues_one_housekeeping_run(settings):
    settings.TASKS = DATABASE_TASKS  # tasks wait in the database, as with the real worker

    assert tasks.start_housekeeping() == "session housekeeping queued"
    assert tasks.start_housekeeping() == "session housekeeping already queued"

    assert ready_housekeeping().count() == 1


def test_housekeeping_comes_back_in_fifteen_minutes_unless_a_run_is_already_waiting(settings):
    settings.TASKS = DATABASE_TASKS
    before = timezone.now()

    tasks.housekeeping.call()  # as the worker runs it

    [row] = ready_housekeeping()
    assert row.run_after >= before + tasks.HOUSEKEEPING_INTERVAL
    tasks.housekeeping.call()
    assert ready_housekeeping().count() == 1


def test_with_the_immediate_backend_housekeeping_runs_once_and_stops():
    erased = book(past_session(), access_needs="Quiet room")

    assert tasks.start_housekeeping() == "session housekeeping queued"  # ran at once, did not loop

    assert Booking.objects.get(pk=erased.pk).access_needs == ""
