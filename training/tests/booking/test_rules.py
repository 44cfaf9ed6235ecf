"""The agency-mix rule on its own: numbers in, decisions out (no database)."""

import itertools
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from training.booking.rules import MixRule, Refusal

A, B, C, D = "police", "health", "education", "childrens-social-care"


def test_capacity_refuses_everyone_when_the_room_is_full():
    rule = MixRule(capacity=4, max_agency_share=100, min_agencies=1)
    assert rule.refusal({A: 3}, A) is None
    assert rule.refusal({A: 4}, A) is Refusal.FULL
    assert rule.refusal({A: 2, B: 2}, C) is Refusal.FULL


def test_share_caps_each_agency_and_leaves_room_for_the_others():
    rule = MixRule(capacity=12, max_agency_share=50, min_agencies=1)
    assert rule.agency_limit == 6
    assert rule.refusal({A: 5}, A) is None
    assert rule.refusal({A: 6}, A) is Refusal.AGENCY_SHARE
    assert rule.refusal({A: 6}, B) is None


@pytest.mark.parametrize(
    ("capacity", "share", "limit"),
    [
        (12, 50, 6),
        (5, 50, 2),  # rounded down: two and a half places is two
        (7, 34, 2),
        (3, 50, 1),
        (2, 50, 1),
        (1, 50, 1),  # never below one place, so every agency can book
        (4, 1, 1),
        (10, 100, 10),
        (500, 33, 165),
    ],
)
def test_share_is_rounded_down_but_never_below_one_place(capacity, share, limit):
    assert MixRule(capacity=capacity, max_agency_share=share, min_agencies=1).agency_limit == limit


def test_places_are_held_back_for_agencies_not_yet_in_the_room():
    rule = MixRule(capacity=4, max_agency_share=100, min_agencies=3)
    assert rule.refusal({A: 1}, A) is None  # 2 free after, 2 agencies still missing
    assert rule.refusal({A: 2}, A) is Refusal.HELD_FOR_OTHER_AGENCIES  # 1 free after, 2 missing
    assert rule.refusal({A: 2}, B) is None  # B is one of the missing agencies
    assert rule.refusal({A: 2, B: 1}, B) is Refusal.HELD_FOR_OTHER_AGENCIES
    assert rule.refusal({A: 2, B: 1}, C) is None
    # Once enough agencies are in, the rest of the room is anyone's (within the share).
    assert rule.refusal({A: 1, B: 1, C: 1}, A) is None


def test_an_agency_new_to_the_room_is_never_held_back():
    rule = MixRule(capacity=6, max_agency_share=50, min_agencies=4)
    assert rule.refusal({A: 3, B: 1}, B) is Refusal.HELD_FOR_OTHER_AGENCIES  # 1 free after, 2 missing
    assert rule.refusal({A: 3, B: 1}, C) is None
    assert rule.refusal({A: 3, B: 1, C: 1}, B) is Refusal.HELD_FOR_OTHER_AGENCIES  # the last place is D's
    assert rule.refusal({A: 3, B: 1, C: 1}, D) is None


def test_agencies_wanted_is_capped_by_capacity():
    assert MixRule(capacity=2, max_agency_share=100, min_agencies=3).agencies_wanted == 2
    assert MixRule(capacity=1, max_agency_share=100, min_agencies=5).agencies_wanted == 1
    assert MixRule(capacity=12, max_agency_share=100, min_agencies=3).agencies_wanted == 3
    # A one-place session with "at least three agencies" can still be booked.
    assert MixRule(capacity=1, max_agency_share=50, min_agencies=3).allows({}, A)
    # Two places, three agencies wanted: one place each for two agencies.
    tiny = MixRule(capacity=2, max_agency_share=50, min_agencies=3)
    assert tiny.allows({}, A)
    assert tiny.refusal({A: 1}, A) is Refusal.AGENCY_SHARE
    assert tiny.allows({A: 1}, B)


def test_after_release_only_capacity_applies():
    rule = MixRule(capacity=4, max_agency_share=50, min_agencies=3, released=True)
    assert rule.allows({A: 3}, A)
    assert rule.refusal({A: 4}, A) is Refusal.FULL
    assert rule.holds({A: 4})
    assert not rule.holds({A: 5})


def test_for_session_reads_the_session_and_compares_release_with_now():
    release = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
    session = SimpleNamespace(capacity=10, max_agency_share=40, min_agencies=2, mix_release_at=release)
    before = MixRule.for_session(session, release - timedelta(seconds=1))
    assert before == MixRule(capacity=10, max_agency_share=40, min_agencies=2, released=False)
    assert MixRule.for_session(session, release).released
    never = SimpleNamespace(capacity=10, max_agency_share=40, min_agencies=2, mix_release_at=None)
    assert not MixRule.for_session(never, release + timedelta(days=999)).released


def test_first_allowed_skips_people_whose_agency_is_blocked_in_queue_order():
    rule = MixRule(capacity=4, max_agency_share=50, min_agencies=1)
    confirmed = {A: 2, B: 1}
    queue = [(11, A), (12, A), (13, C), (14, B)]
    assert rule.first_allowed(confirmed, queue) == (13, C)
    assert rule.first_allowed(confirmed, [(11, A), (14, B), (13, C)]) == (14, B)
    assert rule.first_allowed(confirmed, [(11, A), (12, A)]) is None
    assert rule.first_allowed(confirmed, []) is None
    assert rule.first_allowed({A: 2, B: 2}, [(13, C)]) is None  # full


def test_first_allowed_accepts_any_iterable():
    rule = MixRule(capacity=2, max_agency_share=100, min_agencies=1)
    assert rule.first_allowed({}, iter([(1, A)])) == (1, A)


def test_holds():
    rule = MixRule(capacity=6, max_agency_share=50, min_agencies=3)
    assert rule.holds({})
    assert rule.holds({A: 3, B: 2, C: 1})
    assert rule.holds({A: 3, B: 1})  # 2 free for 1 missing agency
    assert rule.holds({A: 3, B: 2})  # 1 free for 1 missing agency
    assert not rule.holds({A: 4})  # over the share
    assert not rule.holds({A: 3, B: 3})  # full with only two agencies
    assert not rule.holds({A: 3, B: 2, C: 2})  # over capacity
    assert rule.holds({A: 0, B: 3, C: 1})  # a zero count is no agency


def test_refusal_messages_are_plain_sentences():
    for refusal in Refusal:
        assert refusal.message == refusal.value
        assert refusal.message.endswith(".")


RULES = [
    MixRule(capacity=capacity, max_agency_share=share, min_agencies=wanted, released=released)
    for capacity, share, wanted, released in itertools.product(
        range(1, 8), (1, 25, 34, 50, 100), (1, 2, 3, 4), (False, True)
    )
]


@pytest.mark.parametrize("rule", RULES, ids=str)
def test_every_reachable_room_holds_and_fills_up(rule):
    """From an empty room, every place the rule allows leads to a room that holds the rule;
    any place freed keeps it holding; and a room nobody more can enter (with all four
    agencies still wanting places) is as full as the rule lets it be."""
    agencies = (A, B, C, D)
    seen, frontier = set(), [(0, 0, 0, 0)]
    while frontier:
        state = frontier.pop()
        if state in seen:
            continue
        seen.add(state)
        confirmed = dict(zip(agencies, state, strict=True))
        assert rule.holds(confirmed), confirmed
        for i, agency in enumerate(agencies):
            if state[i]:
                fewer = {**confirmed, agency: state[i] - 1}
                assert rule.holds(fewer), (confirmed, agency)
        allowed = [i for i, agency in enumerate(agencies) if rule.allows(confirmed, agency)]
        if not allowed:
            limit = rule.capacity if rule.released else min(rule.capacity, rule.agency_limit * len(agencies))
            assert sum(state) == limit, confirmed
        for i in allowed:
            frontier.append(tuple(n + 1 if j == i else n for j, n in enumerate(state)))
