"""tree.py over plain dicts (as in demo_tree.NODES): checking, paths and walking."""

import copy

import pytest

from cms.can_i_share.demo_tree import NODES
from cms.can_i_share.tree import InvalidPath, format_path, parse_path, path_key, paths, validate_tree, walk


def q(node_id, *nexts, agency_hints=None):
    return {
        "id": node_id,
        "kind": "question",
        "question": f"{node_id}?",
        "hint": "A hint.",
        "agency_hints": agency_hints or {},
        "answers": [
            {"label": f"A{i}", "next": n, "reason": f"Reason {node_id} {i}."} for i, n in enumerate(nexts, 1)
        ],
    }


def o(node_id, kind="share", tell_family=""):
    return {
        "id": node_id,
        "kind": "outcome",
        "outcome": kind,
        "title": f"Outcome {node_id}",
        "body": "Do this.",
        "tell_family": tell_family,
        "themes": ["consent"],
    }


def small_tree():
    return [
        q("start", "second", "advice"),
        q("second", "share", "advice"),
        o("share"),
        o("advice", "seek-advice"),
    ]


def test_demo_tree_is_valid():
    assert validate_tree(NODES) == []


def test_every_path_through_the_demo_tree_ends_in_an_outcome():
    all_paths = paths(NODES)
    assert len(all_paths) > 20
    outcome_ids = {n["id"] for n in NODES if n["kind"] == "outcome"}
    for path in all_paths:
        assert path.ends_in_outcome, path
        assert path.node_ids[-1] in outcome_ids
        walked = walk(NODES, path.answers)
        assert walked.current.is_outcome and walked.current.id == path.node_ids[-1]
        assert [step.node.id for step in walked.steps] == list(path.node_ids[:-1])


def test_every_outcome_in_the_demo_tree_is_reachable():
    reached = {path.node_ids[-1] for path in paths(NODES)}
    assert reached == {n["id"] for n in NODES if n["kind"] == "outcome"}
    assert {n["outcome"] for n in NODES if n["id"] in reached} == {
        "share",
        "share-without-consent",
        "seek-advice",
        "no-need",
    }


def test_the_demo_tree_has_a_path_through_every_question():
    visited = {node_id for path in paths(NODES) for node_id in path.node_ids}
    assert visited == {n["id"] for n in NODES}


def test_a_small_valid_tree():
    assert validate_tree(small_tree()) == []
    assert [p.answers for p in paths(small_tree())] == [(1, 1), (1, 2), (2,)]


def test_refuses_a_cycle():
    nodes = small_tree()
    nodes[1]["answers"][1]["next"] = "start"  # second -> start -> second ...
    problems = validate_tree(nodes)
    assert any("loop" in p and "“start” → “second” → “start”" in p for p in problems), problems
    # paths() stops at the loop instead of running for ever, and says it did not end
    assert not all(p.ends_in_outcome for p in paths(nodes))


def test_refuses_a_question_that_answers_to_itself():
    nodes = small_tree()
    nodes[1]["answers"][0]["next"] = "second"
    assert any("loop" in p and "“second” → “second”" in p for p in validate_tree(nodes))


def test_refuses_a_dead_end():
    nodes = small_tree()
    nodes[1]["answers"][0]["next"] = "nowhere"
    problems = validate_tree(nodes)
    assert any(p.startswith("Dead end") and "“nowhere”" in p for p in problems), problems


def test_refuses_an_answer_without_a_next_node():
    nodes = small_tree()
    nodes[0]["answers"][1]["next"] = ""
    assert any(p.startswith("Dead end") and "does not say which node" in p for p in validate_tree(nodes))


def test_refuses_an_unreachable_outcome():
    nodes = small_tree() + [o("orphan")]
    problems = validate_tree(nodes)
    assert problems == ["No path from the first question reaches these outcomes: “orphan”."]


def test_refuses_an_unreachable_question():
    nodes = small_tree() + [q("lonely", "share", "advice")]
    assert any("nobody can reach them: “lonely”" in p for p in validate_tree(nodes))


def test_refuses_a_question_with_fewer_than_two_answers():
    nodes = small_tree()
    nodes[1]["answers"] = nodes[1]["answers"][:1]
    nodes[0]["answers"][1]["next"] = "advice"
    problems = validate_tree(nodes + [])
    assert any("has 1 answer(s): it needs at least 2" in p for p in problems), problems


def test_refuses_duplicate_ids():
    nodes = small_tree() + [o("share")]
    assert any("Two nodes have the id “share”" in p for p in validate_tree(nodes))


def test_first_node_must_be_a_question():
    nodes = [o("advice", "seek-advice")] + small_tree()[:3]
    problems = validate_tree(nodes)
    assert any("first node (“advice”) must be a question" in p for p in problems), problems


def test_share_without_consent_needs_tell_family():
    nodes = small_tree()
    nodes[2] = o("share", "share-without-consent")
    assert any("must say whether to tell the family" in p for p in validate_tree(nodes))
    nodes[2] = o("share", "share-without-consent", tell_family="Tell them, unless it adds to the risk.")
    assert validate_tree(nodes) == []


def test_reserved_ids_are_refused():
    nodes = small_tree()
    nodes[2]["id"] = "result"
    nodes[1]["answers"][0]["next"] = "result"
    assert any("“result” cannot be used as an id" in p for p in validate_tree(nodes))


def test_empty_tree():
    assert validate_tree([]) == ["The tree is empty: add the first question, then the outcomes it leads to."]


def test_walk_returns_the_steps_and_the_current_node():
    walked = walk(small_tree(), [1, 2])
    assert walked.current.id == "advice"
    assert [(s.node.id, s.answer.number, s.answer.label, s.answer.reason) for s in walked.steps] == [
        ("start", 1, "A1", "Reason start 1."),
        ("second", 2, "A2", "Reason second 2."),
    ]
    assert walked.path == (1, 2)
    assert path_key(walked) == "start:1/second:2"
    assert walk(small_tree(), []).current.id == "start"
    assert walk(small_tree(), [1]).current.id == "second"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([3], "question 'start' has no answer 3"),
        ([0], "question 'start' has no answer 0"),
        ([2, 1], "answer 2 comes after the outcome 'advice'"),
        (["1"], "has no answer '1'"),
    ],
)
def test_walk_refuses_an_invalid_path(answers, message):
    with pytest.raises(InvalidPath, match=message):
        walk(small_tree(), answers)


def test_walk_refuses_an_answer_into_a_missing_node():
    nodes = copy.deepcopy(small_tree())
    nodes[0]["answers"][0]["next"] = "gone"
    with pytest.raises(InvalidPath, match="not in the tree"):
        walk(nodes, [1])


def test_parse_and_format_path():
    assert parse_path("1.2.1") == [1, 2, 1]
    assert parse_path("") == [] and parse_path(None) == []
    assert format_path([1, 2, 1]) == "1.2.1"
    for bad in ("1..2", "a", "1.-2", "1.2.", "１", "123"):
        with pytest.raises(InvalidPath):
            parse_path(bad)


def test_agency_hints_from_a_dict_or_a_list():
    from cms.can_i_share.tree import normalise

    as_dict = normalise([q("start", "a", "b", agency_hints={"police": "Police words."})])[0]
    as_list = normalise(
        [
            (
                "question",
                {**q("start", "a", "b"), "agency_hints": [{"agency": "police", "hint": "Police words."}]},
            )
        ]
    )[0]
    assert as_dict.agency_hints == as_list.agency_hints == {"police": "Police words."}
