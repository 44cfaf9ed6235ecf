"""Watched time: merging the ranges the player reports, the 90% threshold recorded once,
and the beacon view (anonymous beacons keep nothing; nonsense is a 400)."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.learning_record.api import events_for
from cms.learning_record.models import Verb
from conftest import waiting_for_locks
from training.models import ScenarioPage, WatchProgress
from training.progress import (
    MAX_RANGES,
    InvalidRanges,
    clean_ranges,
    coverage,
    merge_ranges,
    record_watched,
)

from .interaction_factories import make_scenario, make_video

pytestmark = pytest.mark.usefixtures("no_search_index_updates")  # search is not under test

# -- pure functions -------------------------------------------------------------------------


def merged(ranges, duration=100):
    return merge_ranges(clean_ranges(ranges, duration))


def test_overlapping_ranges_are_one():
    assert merged([[0, 10], [5, 20], [19, 30]]) == [[0, 30]]


def test_separate_ranges_stay_separate_and_sorted():
    assert merged([[50, 60], [0, 10]]) == [[0, 10], [50, 60]]


def test_a_replay_is_not_counted_twice():
    ranges = merged([[0, 40], [0, 40], [10, 20]])
    assert ranges == [[0, 40]]
    assert coverage(ranges, 100) == pytest.approx(0.4)


def test_a_seek_leaves_the_skipped_part_unwatched():
    # Played 0-10, jumped to 80, played to the end: 30 seconds of 100.
    ranges = merged([[0, 10], [80, 100]])
    assert coverage(ranges, 100) == pytest.approx(0.3)


def test_touching_and_nearly_touching_ranges_join():
    assert merged([[0, 10], [10, 20]]) == [[0, 20]]
    assert merged([[0, 10], [10.2, 20]]) == [[0, 20]]  # a pause and resume
    assert merged([[0, 10], [11, 20]]) == [[0, 10], [11, 20]]  # a real gap


def test_ranges_are_clamped_to_the_video():
    assert merged([[-5, 10], [90, 1000]]) == [[0, 10], [90, 100]]
    assert merged([[150, 200]]) == []  # wholly past the end
    assert merged([[5, 5]]) == []  # empty


def test_merging_two_lists_is_their_union():
    assert merge_ranges([(0, 10), (40, 50)], [(5, 45)]) == [[0, 50]]


def test_coverage_never_exceeds_one_and_needs_a_duration():
    assert coverage([[0, 100]], 100) == 1.0
    assert coverage([[0, 100]], 0) == 0.0


@pytest.mark.parametrize(
    "garbage",
    [
        "0-10",
        {"start": 0},
        None,
        [[0]],
        [[0, 1, 2]],
        [["0", "10"]],
        [[True, 10]],
        [[float("nan"), 10]],
        [[0, float("inf")]],
        [[10, 5]],
        [None],
        [[0, 1]] * (MAX_RANGES + 1),
    ],
)
def test_nonsense_is_refused(garbage):
    with pytest.raises(InvalidRanges):
        clean_ranges(garbage, 100)


# -- recording ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_progress_is_the_union_of_every_beacon(practitioner):
    page = make_scenario()
    record_watched(practitioner, page, [[0, 20]])
    record_watched(practitioner, page, [[10, 30], [50, 60]])
    result = record_watched(practitioner, page, [[0, 5]])
    assert WatchProgress.objects.get(user=practitioner, page=page).ranges == [[0, 30], [50, 60]]
    assert result.coverage == pytest.approx(0.4)
    assert not result.watched_to_end
    assert not events_for(practitioner, Verb.WATCHED_TO_END, page).exists()


@pytest.mark.django_db
def test_ninety_percent_is_recorded_once(practitioner):
    page = make_scenario()
    assert not record_watched(practitioner, page, [[0, 89]]).watched_to_end
    result = record_watched(practitioner, page, [[89, 90]])
    assert result.watched_to_end
    record_watched(practitioner, page, [[0, 100]])
    record_watched(practitioner, page, [[0, 100]])
    events = events_for(practitioner, Verb.WATCHED_TO_END, page)
    assert events.count() == 1
    assert events.get().data == {"percent": 90}


@pytest.mark.django_db
def test_skipping_to_the_end_is_not_watching(practitioner):
    page = make_scenario()
    result = record_watched(practitioner, page, [[0, 5], [95, 100]])
    assert result.coverage == pytest.approx(0.1)
    assert not events_for(practitioner, Verb.WATCHED_TO_END, page).exists()


@pytest.mark.django_db
def test_a_video_that_is_not_ready_records_nothing(practitioner):
    page = make_scenario()
    page.video.status = "processing"
    page.video.save()
    page.refresh_from_db()
    with pytest.raises(InvalidRanges):
        record_watched(practitioner, page, [[0, 10]])
    assert not WatchProgress.objects.exists()


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_concurrent_beacons_keep_every_range_and_record_once(practitioner):
    """Eight beacons at once, each with the start and a different eighth of the rest: none
    alone reaches 90%, none is lost, and one watched_to_end is recorded however many of
    them see the total pass 90%."""
    page = make_scenario(video=make_video(duration=90.0))
    barrier = threading.Barrier(8)
    errors = []

    def beacon(start):
        try:
            barrier.wait(timeout=30)
            waiting_for_locks(
                lambda: record_watched(practitioner, page, [[0, 10], [start, start + 11.5]]), seconds=30
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=beacon, args=(10 * n,)) for n in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert WatchProgress.objects.get(user=practitioner, page=page).ranges == [[0, 90]]
    assert events_for(practitioner, Verb.WATCHED_TO_END, page).count() == 1


# -- the beacon view --------------------------------------------------------------------------


def watch_url(page):
    return reverse("training:watch", args=[page.pk])


@pytest.mark.django_db
def test_anonymous_beacon_keeps_nothing(client):
    page = make_scenario()
    response = client.post(watch_url(page), {"ranges": json.dumps([[0, 100]])})
    assert response.status_code == 204
    assert not WatchProgress.objects.exists()


@pytest.mark.django_db
def test_signed_in_beacon_as_form_data(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(watch_url(page), {"ranges": json.dumps([[0, 50], [40, 95]])})
    assert response.status_code == 200
    assert response.json() == {"coverage": 0.95, "percent": 95, "watchedToEnd": True}
    assert events_for(practitioner, Verb.WATCHED_TO_END, page).count() == 1


@pytest.mark.django_db
def test_signed_in_beacon_as_json(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(watch_url(page), {"ranges": [[0, 30]]}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["percent"] == 30
    assert WatchProgress.objects.get(user=practitioner).ranges == [[0, 30]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"ranges": "not json"},
        {"ranges": "[[0, NaN]]"},
        {"ranges": "[[30, 10]]"},
        {"ranges": '{"start": 1}'},
        {"ranges": "x" * 70_000},
        {"ranges": "[" * 60_000},  # nested past Python's recursion limit
    ],
)
def test_bad_beacons_are_400_with_a_message(client, practitioner, data):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(watch_url(page), data)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not WatchProgress.objects.exists()


@pytest.mark.django_db
def test_bad_json_body_is_400(client, practitioner):
    page = make_scenario()
    client.force_login(practitioner)
    response = client.post(watch_url(page), b"\xff\xfe", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_beacon_needs_post_a_live_page_and_csrf(practitioner):
    page = make_scenario()
    draft = make_scenario(publish=False)
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.get(watch_url(page)).status_code == 405
    assert client.post(watch_url(page), {"ranges": "[[0, 10]]"}).status_code == 403
    assert not WatchProgress.objects.exists()
    client.get(reverse("training:reflections", args=[page.pk]))  # sets the CSRF cookie, as pages do
    token = client.cookies["csrftoken"].value
    headers = {"HTTP_X_CSRFTOKEN": token}
    assert client.post(watch_url(draft), {"ranges": "[[0, 10]]"}, **headers).status_code == 404
    assert (
        client.post(reverse("training:watch", args=[999_999]), {"ranges": "[]"}, **headers).status_code == 404
    )
    response = client.post(watch_url(page), {"ranges": "[[0, 10]]"}, **headers)
    assert response.status_code == 200


# -- properties, on anything a client could send ------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=12,
)
plausible = st.lists(
    st.tuples(st.floats(-50, 150), st.floats(-50, 150)).map(lambda pair: sorted(pair)), max_size=30
)


@settings(max_examples=200, deadline=None, database=None)
@given(json_values | plausible)
def test_any_input_is_refused_or_becomes_sorted_disjoint_ranges_inside_the_video(value):
    try:
        ranges = merge_ranges(clean_ranges(value, 100))
    except InvalidRanges:
        return
    assert all(0 <= start < end <= 100 for start, end in ranges)
    assert all(ranges[i][1] < ranges[i + 1][0] for i in range(len(ranges) - 1))
    assert 0 <= coverage(ranges, 100) <= 1
    assert merge_ranges(ranges, ranges) == ranges  # a replay adds nothing


@settings(max_examples=100, deadline=None, database=None)
@given(plausible, plausible)
def test_merging_is_order_independent(first, second):
    a, b = clean_ranges(first, 100), clean_ranges(second, 100)
    assert merge_ranges(a, b) == merge_ranges(b, a) == merge_ranges(merge_ranges(a), merge_ranges(b))


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=200) | json_values.map(json.dumps))
def test_any_beacon_is_answered_without_a_server_error(client, practitioner, text):
    page = ScenarioPage.objects.live().first() or make_scenario()
    client.force_login(practitioner)
    response = client.post(watch_url(page), {"ranges": text})
    assert response.status_code in (200, 400)
