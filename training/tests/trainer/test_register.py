"""The register on the day: one fieldset per confirmed person, marked through the service."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cms.learning_record.api import Verb, events_for
from training.choices import Attendance, SessionStatus
from training.tests.session_factories import make_person, make_session

from . import confirm, trainer_user, wait

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    client.force_login(trainer_user())
    return client


@pytest.fixture
def today():
    """A session that started an hour ago, with three people booked and one waiting."""
    session = make_session(
        title="Today's co-located day", starts_in=timedelta(hours=-1), opened_ago=timedelta(days=5)
    )
    people = {
        "ana": confirm(session, make_person("police", display_name="Ana Police")),
        "ben": confirm(session, make_person("health", display_name="Ben Health")),
        "cat": confirm(session, make_person("education", display_name="Cat Education")),
        "dev": wait(session, make_person("police", display_name="Dev Waiting")),
    }
    return session, people


def register_url(session):
    return reverse("training_sessions:register", args=[session.pk])


def field(booking):
    return f"attendance-{booking.pk}"


def test_register_lists_each_confirmed_person_as_a_fieldset_of_three_radios(signed_in, today):
    session, people = today
    response = signed_in.get(register_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-radios' in html  # the site's GOV.UK layout, usable on a phone
    assert "<table" not in html
    assert html.count('<fieldset class="govuk-fieldset"') == 3
    for key, agency in (("ana", "Police"), ("ben", "Health"), ("cat", "Education")):
        assert f"{people[key].user.display_name}, {agency}" in html
        for value in ("attended", "absent", "late-cancellation"):
            assert f'name="{field(people[key])}" type="radio" value="{value}"' in html
    assert "Dev Waiting" not in html  # the waiting list is not on the register
    assert "csrfmiddlewaretoken" in html


def test_marking_the_register_records_attendance_through_the_service(signed_in, today):
    session, people = today
    response = signed_in.post(
        register_url(session),
        {
            field(people["ana"]): "attended",
            field(people["ben"]): "absent",
            field(people["cat"]): "late-cancellation",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == register_url(session)
    for key, mark in (("ana", "attended"), ("ben", "absent"), ("cat", "late-cancellation")):
        people[key].refresh_from_db()
        assert people[key].attendance == mark
        assert people[key].attendance_marked_at is not None
    # Attended reaches the learning record (through the service), the others do not.
    assert events_for(people["ana"].user, Verb.ATTENDED, session).count() == 1
    assert not events_for(people["ben"].user, Verb.ATTENDED, session).exists()

    html = signed_in.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in html
    assert "Register saved: 1 attended, 1 absent, 1 late cancellation, 0 not marked yet." in html
    # Non-attendance counted against each home agency.
    assert "Non-attendance counted against each agency" in html
    assert "1 absent, 0 late cancellations (1 in all)" in html  # Health
    assert "0 absent, 1 late cancellation (1 in all)" in html  # Education
    assert 'value="attended" checked' in html


def test_only_changed_marks_go_to_the_service(signed_in, today, monkeypatch):
    from training.booking import service

    session, people = today
    signed_in.post(register_url(session), {field(people["ana"]): "attended"})
    calls = []
    real = service.mark_attendance

    def spy(booking_id, attendance, **kwargs):
        calls.append((booking_id, attendance))
        return real(booking_id, attendance, **kwargs)

    monkeypatch.setattr(service, "mark_attendance", spy)
    response = signed_in.post(
        register_url(session), {field(people["ana"]): "attended", field(people["ben"]): "attended"}
    )
    assert response.status_code == 302
    assert calls == [(people["ben"].pk, Attendance.ATTENDED)]


def test_an_unknown_mark_is_explained_and_nothing_saved(signed_in, today):
    session, people = today
    response = signed_in.post(
        register_url(session), {field(people["ana"]): "asleep", field(people["ben"]): "attended"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Choose attended, absent or late cancellation for Ana Police." in html
    assert f'href="#id_{field(people["ana"])}_0"' in html
    people["ben"].refresh_from_db()
    assert people["ben"].attendance == ""


def test_bookings_of_other_sessions_are_ignored(signed_in, today):
    session, _people = today
    other = make_session(starts_in=timedelta(hours=-2), opened_ago=timedelta(days=5))
    elsewhere = confirm(other, agency="police")
    response = signed_in.post(register_url(session), {field(elsewhere): "absent"})
    assert response.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.attendance == ""


def test_before_the_day_the_register_lists_people_but_cannot_be_marked(signed_in):
    session = make_session(starts_in=timedelta(days=3))
    booking = confirm(session, make_person("police", display_name="Early Bird"))
    html = signed_in.get(register_url(session)).content.decode()
    assert "You can mark the register from the day of the session" in html
    assert "Early Bird, Police" in html
    assert 'type="radio"' not in html
    response = signed_in.post(register_url(session), {field(booking): "attended"}, follow=True)
    assert "Nothing was saved: the register can be marked from the day of the session." in (
        response.content.decode()
    )
    booking.refresh_from_db()
    assert booking.attendance == ""


def test_a_cancelled_session_has_no_register(signed_in):
    session = make_session(
        status=SessionStatus.CANCELLED, starts_in=timedelta(hours=-1), opened_ago=timedelta(days=5)
    )
    response = signed_in.get(register_url(session))
    assert response.status_code == 302
    assert response["Location"] == reverse("training_sessions:bookings", args=[session.pk])


def test_a_mark_the_service_refuses_is_explained_and_the_others_are_kept(signed_in, today, monkeypatch):
    from training.booking import service

    session, people = today
    real = service.mark_attendance

    def refuse_ben(booking_id, attendance, **kwargs):
        if booking_id == people["ben"].pk:
            raise service.BookingError(
                "Only people with a confirmed place are on the register.", "not-confirmed"
            )
        return real(booking_id, attendance, **kwargs)

    monkeypatch.setattr(service, "mark_attendance", refuse_ben)
    response = signed_in.post(
        register_url(session), {field(people["ana"]): "attended", field(people["ben"]): "absent"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Only people with a confirmed place are on the register." in html
    assert "The register now reads: 1 attended, 0 absent, 0 late cancellations, 2 not marked yet." in html
    people["ana"].refresh_from_db()
    people["ben"].refresh_from_db()
    assert (people["ana"].attendance, people["ben"].attendance) == ("attended", "")


# -- a trainer's own sessions only (issue 14: a trainer sees only their own sessions' registers) --


@pytest.mark.parametrize("tool", ["register", "bookings", "export", "message", "cancel"])
def test_another_trainers_session_is_not_found_for_its_register_and_attendee_tools(client, tool):
    owner = make_person("police", role="Trainer", display_name="Owen Owner")
    session = make_session(title="Owen's session", created_by=owner)
    confirm(session, make_person("health", display_name="Hana Health"))
    client.force_login(trainer_user())

    response = client.get(reverse(f"training_sessions:{tool}", args=[session.pk]))
    assert response.status_code == 404
    assert b"Hana Health" not in response.content

    client.force_login(owner)
    assert client.get(reverse(f"training_sessions:{tool}", args=[session.pk])).status_code == 200


def test_a_session_added_in_the_admin_belongs_to_the_trainer_who_added_it():
    from training.trainer_tools.views import may_open

    owner, colleague = trainer_user(), make_person("police", role="Trainer")
    session = make_session(created_by=owner)
    assert may_open(owner, session) and not may_open(colleague, session)
    # A session nobody added in the admin (an import) is the whole training team's.
    assert may_open(colleague, make_session(created_by=None))
