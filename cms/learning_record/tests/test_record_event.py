import json
import math
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.home.models import HomePage
from cms.learning_record import Verb, events_for, record_event
from cms.learning_record.models import MAX_DATA_BYTES, MAX_DATA_TEXT, LearningEvent
from cms.taxonomy.models import Agency
from cms.users.models import User
from cms.users.personal_data import delete_user, export_user_data
from conftest import waiting_for_locks

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def agency():
    return Agency.objects.get(slug="police")


@pytest.mark.parametrize("verb", Verb.values)
def test_every_verb_is_recorded_for_a_page_and_a_plain_model(practitioner, home, agency, verb):
    for obj in (home, agency):
        event = record_event(practitioner, verb, obj)
        assert (event.user, event.verb, event.target) == (practitioner, verb, obj)
    assert LearningEvent.objects.filter(user=practitioner, verb=verb).count() == 2


def test_verb_member_and_string_are_the_same(practitioner, agency):
    record_event(practitioner, Verb.VIEWED, agency)
    record_event(practitioner, "viewed", agency)
    assert events_for(practitioner, verb=Verb.VIEWED).count() == 2


@pytest.mark.parametrize("verb", ["finished", "", None, "VIEWED"])
def test_unknown_verb_raises_even_for_anonymous(practitioner, agency, verb):
    for user in (practitioner, AnonymousUser()):
        with pytest.raises(ValueError, match="Unknown learning verb"):
            record_event(user, verb, agency)
    if verb is not None:  # events_for(verb=None) means any verb
        with pytest.raises(ValueError):
            events_for(practitioner, verb=verb)
    assert not LearningEvent.objects.exists()


@pytest.mark.parametrize("user", [AnonymousUser(), None])
def test_anonymous_visitors_are_ignored(user, agency):
    assert record_event(user, Verb.VIEWED, agency) is None
    assert record_event(user, Verb.COMPLETED, agency, once=True) is None
    assert not LearningEvent.objects.exists()
    assert list(events_for(user)) == []


def test_unsaved_object_is_refused(practitioner):
    with pytest.raises(ValueError, match="saved"):
        record_event(practitioner, Verb.VIEWED, Agency(name="Unsaved", slug="unsaved"))


def test_a_page_is_one_object_whichever_class_it_is_loaded_as(practitioner, home):
    first = record_event(practitioner, Verb.COMPLETED, Page.objects.get(pk=home.pk), once=True)
    again = record_event(practitioner, Verb.COMPLETED, home, once=True)
    assert again.pk == first.pk
    assert first.content_type.model_class() is HomePage
    assert events_for(practitioner, obj=Page.objects.get(pk=home.pk)).get() == first


def test_occurred_at_defaults_to_now_and_can_be_given(practitioner, agency):
    before = timezone.now()
    event = record_event(practitioner, Verb.VIEWED, agency)
    assert before <= event.occurred_at <= timezone.now()
    when = timezone.now() - timezone.timedelta(days=3)
    assert record_event(practitioner, Verb.ATTENDED, agency, occurred_at=when).occurred_at == when


def test_once_returns_the_existing_event(practitioner, trainer, home, agency):
    first = record_event(practitioner, Verb.WATCHED_TO_END, home, data={"percent": 100}, once=True)
    again = record_event(practitioner, Verb.WATCHED_TO_END, home, data={"percent": 98}, once=True)
    assert again.pk == first.pk and again.data == {"percent": 100}
    # Other verbs, objects and people are other events.
    assert record_event(practitioner, Verb.VIEWED, home, once=True).pk != first.pk
    assert record_event(practitioner, Verb.WATCHED_TO_END, agency, once=True).pk != first.pk
    assert record_event(trainer, Verb.WATCHED_TO_END, home, once=True).pk != first.pk
    assert LearningEvent.objects.count() == 4


def test_without_once_repeats_are_kept_and_once_finds_the_earliest(practitioner, agency):
    earlier = record_event(
        practitioner, Verb.VIEWED, agency, occurred_at=timezone.now() - timezone.timedelta(1)
    )
    record_event(practitioner, Verb.VIEWED, agency)
    assert record_event(practitioner, Verb.VIEWED, agency, once=True).pk == earlier.pk
    assert events_for(practitioner, Verb.VIEWED, agency).count() == 2


def test_events_for_filters_by_verb_and_object_oldest_first(practitioner, trainer, home, agency):
    old = record_event(practitioner, Verb.VIEWED, home, occurred_at=timezone.now() - timezone.timedelta(1))
    new = record_event(practitioner, Verb.COMPLETED, home)
    other = record_event(practitioner, Verb.VIEWED, agency)
    record_event(trainer, Verb.VIEWED, home)
    assert list(events_for(practitioner)) == [old, new, other]
    assert list(events_for(practitioner, verb=Verb.VIEWED)) == [old, other]
    assert list(events_for(practitioner, obj=home)) == [old, new]
    assert list(events_for(practitioner, Verb.VIEWED, home)) == [old]


@pytest.mark.parametrize(
    "data",
    [
        {"option": "share-with-consent"},
        {"percent": 87.5, "question": 3, "correct": True, "missing": None},
        {"options": ["a", "b"], "scores": {"before": 2, "after": 4}},
        {"option": "x" * MAX_DATA_TEXT},
    ],
)
def test_small_facts_are_accepted(practitioner, agency, data):
    event = record_event(practitioner, Verb.ANSWERED_DECISION_POINT, agency, data=data)
    event.refresh_from_db()
    assert event.data == data
    event.full_clean()


@pytest.mark.parametrize(
    "data, code",
    [
        (["option-a"], "not_a_dict"),
        ("option-a", "not_a_dict"),
        ({"reflection": "x" * (MAX_DATA_TEXT + 1)}, "free_text"),
        ({"answers": [{"note": "The family moved to ... " * 10}]}, "free_text"),
        ({"k" * (MAX_DATA_TEXT + 1): 1}, "free_text"),
        ({f"q{i}": "y" * 90 for i in range(30)}, "too_big"),
        ({"percent": math.nan}, "not_json"),
        ({"when": timezone.now()}, "not_json"),
        ({"ids": {1, 2}}, "not_json"),
    ],
)
def test_anything_else_is_refused(practitioner, agency, data, code):
    with pytest.raises(ValidationError) as error:
        record_event(practitioner, Verb.REFLECTED, agency, data=data)
    assert error.value.code == code
    assert not LearningEvent.objects.exists()


def test_size_bound_is_on_the_serialised_data(practitioner, agency):
    data = {"ids": list(range(500))}
    assert len(json.dumps(data)) > MAX_DATA_BYTES
    with pytest.raises(ValidationError):
        record_event(practitioner, Verb.VIEWED, agency, data=data)


def test_download_my_data_includes_learning_events(client, practitioner, trainer, home, agency):
    record_event(practitioner, Verb.WATCHED_TO_END, home, data={"percent": 100})
    record_event(practitioner, Verb.BOOKED, agency)
    record_event(trainer, Verb.VIEWED, home)
    client.force_login(practitioner)
    data = json.loads(client.post(reverse("users:download_data")).content)
    assert data["learning_record"] == [
        {
            "verb": "watched_to_end",
            "object_type": "home page",
            "object": home.title,
            "occurred_at": LearningEvent.objects.get(verb="watched_to_end").occurred_at.isoformat(),
            "data": {"percent": 100},
        },
        {
            "verb": "booked",
            "object_type": "agency",
            "object": "Police",
            "occurred_at": LearningEvent.objects.get(verb="booked").occurred_at.isoformat(),
            "data": {},
        },
    ]


def test_export_survives_a_deleted_object(practitioner):
    agency = Agency.objects.create(name="Short-lived", slug="short-lived")
    record_event(practitioner, Verb.VIEWED, agency)
    agency.delete()
    [entry] = export_user_data(practitioner)["learning_record"]
    assert (entry["object_type"], entry["object"]) == ("agency", None)


def test_deleting_the_account_deletes_its_events_only(client, practitioner, trainer, agency):
    record_event(practitioner, Verb.VIEWED, agency)
    kept = record_event(trainer, Verb.VIEWED, agency)
    delete_user(practitioner)
    assert list(LearningEvent.objects.all()) == [kept]

    client.force_login(trainer)
    client.post(reverse("users:delete_account"), {"confirm": "on"})
    assert not LearningEvent.objects.exists()


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_once_holds_when_requests_race():
    """Several threads (own connections, own transactions) record the same event at once."""
    user = User.objects.create_user(email="racer@example.org")
    threads = 4

    for agency in Agency.objects.all()[:5]:
        barrier = threading.Barrier(threads)

        def record(_, agency=agency, barrier=barrier):
            try:
                barrier.wait(timeout=10)
                return waiting_for_locks(lambda: record_event(user, Verb.COMPLETED, agency, once=True).pk)
            finally:
                connection.close()

        with ThreadPoolExecutor(threads) as pool:
            pks = list(pool.map(record, range(threads)))
        assert len(set(pks)) == 1
        assert events_for(user, Verb.COMPLETED, agency).count() == 1
