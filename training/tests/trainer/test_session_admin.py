"""Sessions and venues in the admin: who may use them, the session form's rules, capacity
and time changes through the booking service, and deletion refused once people booked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.users import roles
from training.choices import BookingStatus, SessionStatus
from training.models import Booking, Session, Venue
from training.tests.session_factories import make_person, make_programme, make_session, make_venue

from . import confirm, trainer_user, wait

pytestmark = pytest.mark.django_db

SESSION_URLS = ["bookings", "register", "export", "message", "cancel", "promote"]


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def form_data(session=None, **changes):
    """The session form as the edit page would post it back (times to the minute)."""
    if session is None:
        starts = timezone.now() + timedelta(days=30)
        data = {
            "programme": make_programme().pk,
            "title": "Joint induction: Leeds",
            "format": "co-located",
            "description": "",
            "facilitator": "Sam, partnership training lead",
            "venue": make_venue().pk,
            "starts_at": local(starts),
            "ends_at": local(starts + timedelta(hours=3)),
            "capacity": 12,
            "booking_opens_at": local(timezone.now() - timedelta(hours=1)),
            "booking_closes_at": local(starts - timedelta(days=1)),
            "cancellation_cutoff_at": local(starts - timedelta(days=3)),
            "max_agency_share": 50,
            "min_agencies": 3,
            "mix_release_at": "",
        }
    else:
        data = {
            "programme": session.programme_id,
            "title": session.title,
            "format": session.format,
            "description": session.description,
            "facilitator": session.facilitator,
            "venue": session.venue_id,
            "capacity": session.capacity,
            "max_agency_share": session.max_agency_share,
            "min_agencies": session.min_agencies,
            "mix_release_at": local(session.mix_release_at) if session.mix_release_at else "",
        }
        for name in (
            "starts_at",
            "ends_at",
            "booking_opens_at",
            "booking_closes_at",
            "cancellation_cutoff_at",
        ):
            data[name] = local(getattr(session, name))
    data.update(changes)
    return data


@pytest.fixture
def trainer(db):
    return trainer_user()


@pytest.fixture
def sent(monkeypatch):
    """What the booking service asks notifications to send: (notice, sorted booking ids)."""
    calls = []
    monkeypatch.setattr(
        "training.booking.service.notify", lambda notice, ids, **kwargs: calls.append((notice, sorted(ids)))
    )
    return calls


@pytest.fixture
def signed_in(client, trainer):
    client.force_login(trainer)
    return client


# --- Listing ---------------------------------------------------------------------------------


def test_urls_are_under_admin_training():
    assert reverse("training_sessions:index") == "/admin/training/sessions/"
    assert reverse("training_sessions:bookings", args=[7]) == "/admin/training/sessions/bookings/7/"
    assert reverse("training_sessions:non_attendance") == "/admin/training/sessions/non-attendance/"
    assert reverse("training_venues:index") == "/admin/training/venues/"


def test_trainer_sees_the_sessions_menu_and_editor_does_not(client, trainer):
    client.force_login(trainer)
    html = client.get("/admin/").content.decode()
    assert "/admin/training/sessions/" in html
    assert "/admin/training/venues/" in html
    assert "/admin/training/sessions/non-attendance/" in html
    editor = make_person("police", role=roles.EDITOR)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/training/sessions/" not in html


def test_list_shows_places_waiting_list_and_status(signed_in):
    session = make_session(title="Leeds co-located day", capacity=12)
    confirm(session, agency="police")
    confirm(session, agency="health")
    wait(session, agency="police")
    response = signed_in.get(reverse("training_sessions:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leeds co-located day" in html
    assert session.programme.title in html
    assert session.venue.name in html
    assert "2 of 12" in html
    assert "Upcoming" in html
    # The row's tools are linked from the list.
    assert reverse("training_sessions:bookings", args=[session.pk]) in html
    assert reverse("training_sessions:register", args=[session.pk]) in html


def test_list_filters_upcoming_past_and_cancelled(signed_in):
    upcoming = make_session(title="Upcoming session AAA")
    past = make_session(
        title="Past session BBB", starts_in=timedelta(days=-10), opened_ago=timedelta(days=30)
    )
    cancelled = make_session(title="Cancelled session CCC", status=SessionStatus.CANCELLED)
    index = reverse("training_sessions:index")

    def titles(when):
        html = signed_in.get(index, {"when": when}).content.decode()
        return {s.title for s in (upcoming, past, cancelled) if s.title in html}

    assert titles("upcoming") == {upcoming.title}
    assert titles("past") == {past.title}
    assert titles("cancelled") == {cancelled.title}
    assert titles("") == {upcoming.title, past.title, cancelled.title}


def test_list_searches_titles(signed_in):
    make_session(title="Learning circle in Newham")
    make_session(title="Shadowing briefing in Leeds")
    html = signed_in.get(reverse("training_sessions:index"), {"q": "newham"}).content.decode()
    assert "Learning circle in Newham" in html
    assert "Shadowing briefing in Leeds" not in html


# --- Creating and editing ----------------------------------------------------------------------


def test_trainer_creates_a_session_and_is_recorded_as_its_creator(signed_in, trainer):
    data = form_data()
    response = signed_in.post(reverse("training_sessions:add"), data)
    assert response.status_code == 302
    session = Session.objects.get(title="Joint induction: Leeds")
    assert response["Location"] == reverse("training_sessions:bookings", args=[session.pk])
    assert session.created_by == trainer
    assert session.capacity == 12
    assert session.confirmed_count == 0
    assert local(session.starts_at) == data["starts_at"]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"ends_at": "start"}, "ends_at", "The session must end after it starts."),
        ({"booking_closes_at": "opens"}, "booking_closes_at", "Booking must close after it opens."),
        ({"booking_closes_at": "after"}, "booking_closes_at", "Booking must close before the session starts"),
        ({"cancellation_cutoff_at": "after"}, "cancellation_cutoff_at", "cut-off must be before the session"),
        (
            {"mix_release_at": "after"},
            "mix_release_at",
            "open to any agency must be before the session starts",
        ),
        ({"min_agencies": 5, "capacity": 4}, "min_agencies", "cannot be more than the number of places (4)"),
        ({"programme": ""}, "programme", "Choose the programme this session belongs to."),
    ],
)
def test_session_form_explains_each_broken_rule_and_saves_nothing(signed_in, changes, field, message):
    data = form_data()
    starts = data["starts_at"]
    after = local(timezone.now() + timedelta(days=31))
    aliases = {"start": starts, "after": after, "opens": data["booking_opens_at"]}
    data.update({name: aliases.get(value, value) for name, value in changes.items()})
    response = signed_in.post(reverse("training_sessions:add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not Session.objects.filter(title=data["title"]).exists()


def test_trainer_edits_a_session(signed_in):
    session = make_session(title="Old title")
    response = signed_in.post(
        reverse("training_sessions:edit", args=[session.pk]),
        form_data(session, title="New title", facilitator="Jo"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.facilitator) == ("New title", "Jo")
    assert session.sequence == 0  # nothing attendees see in a calendar changed


def test_saving_unchanged_times_keeps_them_to_the_second_and_tells_nobody(
    signed_in, sent, django_capture_on_commit_callbacks
):
    """The date picker works to the minute; a session made elsewhere has seconds. Saving the
    form unchanged must not move the times, nor email attendees a change."""
    starts = (timezone.now() + timedelta(days=14)).replace(second=30, microsecond=123456)
    session = make_session(starts_at=starts)
    confirm(session, agency="police")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("training_sessions:edit", args=[session.pk]), form_data(session))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == starts
    assert session.sequence == 0
    assert sent == []


def test_new_time_raises_the_sequence_and_tells_everyone_booked(
    signed_in, sent, django_capture_on_commit_callbacks
):
    session = make_session()
    booked = confirm(session, agency="police")
    waiting = wait(session, agency="health")
    later = session.starts_at + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            reverse("training_sessions:edit", args=[session.pk]),
            form_data(session, starts_at=local(later), ends_at=local(later + timedelta(hours=3))),
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    assert local(session.starts_at) == local(later)
    assert sent == [("session-changed", sorted([booked.pk, waiting.pk]))]


def test_new_venue_tells_attendees_too(signed_in):
    session = make_session()
    confirm(session, agency="police")
    response = signed_in.post(
        reverse("training_sessions:edit", args=[session.pk]), form_data(session, venue=make_venue().pk)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1


def test_lowering_capacity_below_confirmed_places_is_refused_and_changes_nothing(signed_in):
    session = make_session(title="Keep me", capacity=6)
    for agency in ("police", "health", "education"):
        confirm(session, agency=agency)
    response = signed_in.post(
        reverse("training_sessions:edit", args=[session.pk]), form_data(session, capacity=2, title="Changed")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["capacity"] == [
        "3 people already have a confirmed place, so the session needs at least 3 places. "
        "Nothing has been changed."
    ]
    assert "3 people already have a confirmed place" in response.content.decode()
    session.refresh_from_db()
    assert (session.capacity, session.title, session.confirmed_count) == (6, "Keep me", 3)


def test_capacity_refused_by_the_service_rolls_back_the_whole_save(signed_in, monkeypatch):
    """A booking that arrives between the form check and the save: the service refuses, and
    the other changes in the same form are not saved either."""
    from training.booking import service

    session = make_session(title="Keep me too", capacity=6)

    def refuse(session_id, capacity, **kwargs):
        raise service.BookingError("4 places are booked: the capacity cannot go below 4.", "below-bookings")

    monkeypatch.setattr(service, "change_capacity", refuse)
    response = signed_in.post(
        reverse("training_sessions:edit", args=[session.pk]), form_data(session, capacity=3, title="Changed")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "4 places are booked: the capacity cannot go below 4."
    ]
    session.refresh_from_db()
    assert (session.capacity, session.title) == (6, "Keep me too")


def test_raising_capacity_goes_through_the_service_and_promotes(signed_in):
    session = make_session(capacity=2, min_agencies=2)
    confirm(session, agency="police")
    confirm(session, agency="health")
    waiting = wait(session, agency="education")
    response = signed_in.post(
        reverse("training_sessions:edit", args=[session.pk]), form_data(session, capacity=3)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    waiting.refresh_from_db()
    assert session.capacity == 3
    assert session.confirmed_count == 3
    assert waiting.status == BookingStatus.CONFIRMED


def test_tightening_the_mix_behind_booked_places_is_refused(signed_in):
    session = make_session(capacity=12, max_agency_share=50)
    for _ in range(4):
        confirm(session, agency="police")
    response = signed_in.post(
        reverse("training_sessions:edit", args=[session.pk]), form_data(session, max_agency_share=25)
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["max_agency_share"]
    assert "no agency may have more than 3 of the 12 places, but Police has 4" in message
    session.refresh_from_db()
    assert session.max_agency_share == 50


def test_a_cancelled_session_cannot_be_edited(signed_in):
    session = make_session(title="Gone", status=SessionStatus.CANCELLED)
    edit = reverse("training_sessions:edit", args=[session.pk])
    assert "has been cancelled, so it can no longer be changed" in signed_in.get(edit).content.decode()
    response = signed_in.post(edit, form_data(session, title="Back"))
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.title == "Gone"


def test_edit_page_links_the_session_tools(signed_in):
    session = make_session()
    html = signed_in.get(reverse("training_sessions:edit", args=[session.pk])).content.decode()
    for name in ("bookings", "register", "export", "message", "cancel"):
        assert reverse(f"training_sessions:{name}", args=[session.pk]) in html


# --- Deleting ----------------------------------------------------------------------------------


def test_deleting_a_booked_session_explains_and_points_to_cancel(signed_in):
    session = make_session()
    confirm(session, agency="police")
    delete = reverse("training_sessions:delete", args=[session.pk])
    for response in (signed_in.get(delete), signed_in.post(delete)):
        assert response.status_code == 200
        html = response.content.decode()
        assert "This session cannot be deleted: 1 person has booked it" in html
        assert "cancel the session instead" in html
        assert reverse("training_sessions:cancel", args=[session.pk]) in html
    assert Session.objects.filter(pk=session.pk).exists()
    assert Booking.objects.filter(session=session).count() == 1


def test_a_session_with_only_cancelled_bookings_is_still_kept(signed_in):
    session = make_session()
    booking = confirm(session, agency="police")
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CANCELLED)
    signed_in.post(reverse("training_sessions:delete", args=[session.pk]))
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_session_nobody_booked_can_be_deleted(signed_in):
    session = make_session()
    response = signed_in.post(reverse("training_sessions:delete", args=[session.pk]))
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


# --- Venues --------------------------------------------------------------------------------------


def test_trainer_lists_creates_and_edits_venues(signed_in):
    make_venue("Town hall committee room")
    assert "Town hall committee room" in signed_in.get(reverse("training_venues:index")).content.decode()
    response = signed_in.post(
        reverse("training_venues:add"),
        {
            "name": "Health centre",
            "address": "1 High Street, Leeds LS2 2AA",
            "accessibility": "Lift to all floors.",
        },
    )
    assert response.status_code == 302
    venue = Venue.objects.get(name="Health centre")
    response = signed_in.post(
        reverse("training_venues:edit", args=[venue.pk]),
        {"name": "Health centre, room 2", "address": venue.address, "accessibility": ""},
    )
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name == "Health centre, room 2"


def test_a_venue_with_sessions_is_not_deleted(signed_in):
    session = make_session()
    response = signed_in.post(reverse("training_venues:delete", args=[session.venue_id]))
    assert response.status_code == 200
    assert "This venue cannot be deleted: 1 session is held there" in response.content.decode()
    assert Venue.objects.filter(pk=session.venue_id).exists()


# --- Everyone else is refused --------------------------------------------------------------------


@pytest.fixture
def outsiders(db):
    return {
        "editor": make_person("police", role=roles.EDITOR),
        "champion": make_person("health", role=roles.CHAMPION),
        "practitioner": make_person("education", role=roles.PRACTITIONER),
    }


def every_trainer_url(session, venue):
    urls = [(f"training_sessions:{name}", [session.pk]) for name in SESSION_URLS]
    urls += [(f"training_sessions:{name}", [session.pk]) for name in ("edit", "delete", "history")]
    urls += [
        ("training_sessions:index", []),
        ("training_sessions:add", []),
        ("training_sessions:non_attendance", []),
    ]
    urls += [(f"training_venues:{name}", [venue.pk]) for name in ("edit", "delete")]
    urls += [("training_venues:index", []), ("training_venues:add", [])]
    return [reverse(name, args=args) for name, args in urls]


@pytest.mark.parametrize("who", ["editor", "champion", "practitioner"])
def test_everyone_but_trainers_is_refused_on_every_trainer_url(client, outsiders, who, monkeypatch):
    from training.booking import notifications

    sent = []
    monkeypatch.setattr(notifications, "notify", lambda *args, **kwargs: sent.append(args))
    session = make_session(title="Not yours")
    booking = confirm(session, agency="police")
    venue = make_venue()
    client.force_login(outsiders[who])
    for url in every_trainer_url(session, venue):
        for response in (
            client.get(url),
            client.post(url, {"message": "Hello", "reason": "No", f"attendance-{booking.pk}": "absent"}),
        ):
            assert response.status_code in (302, 403), (who, url, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith(url), (who, url)
                assert response["Location"].startswith(("/admin/", "/accounts/", "/_util/login/")), (who, url)
            assert not response.get("Content-Disposition"), (who, url)
    session.refresh_from_db()
    booking.refresh_from_db()
    assert (session.status, session.title) == (SessionStatus.SCHEDULED, "Not yours")
    assert booking.attendance == ""
    assert Venue.objects.filter(pk=venue.pk).exists()
    assert sent == []
