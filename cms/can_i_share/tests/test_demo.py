"""The demo loader: builds the live tree from demo_tree.NODES, idempotently, and refuses
an unsound tree."""

import copy
import io

import pytest

from cms.can_i_share import demo
from cms.can_i_share.demo_tree import NODES
from cms.can_i_share.models import DecisionTree
from cms.can_i_share.tree import Tree, paths, validate_tree
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_load_creates_the_live_tree_from_the_demo_nodes():
    steward = make_user("editor@example.org")
    summary = demo.load(io.StringIO())
    assert summary.startswith("decision tree created")
    tree = DecisionTree.objects.get()
    assert tree.live and tree.title == "Can I share?" and tree.steward == steward
    assert tree.review_date > tree.updated_at.date()
    assert validate_tree(tree.nodes) == []
    assert Tree(tree.nodes).nodes == Tree(NODES).nodes
    assert len(paths(tree.nodes)) == len(paths(NODES))
    # the StreamField value is what the blocks expect: agency hints and answers as lists
    purpose = tree.nodes[0].value
    assert {hint["agency"] for hint in purpose["agency_hints"]} == {
        "health",
        "education",
        "police",
        "housing",
    }
    assert purpose["answers"][1]["next"] == "purpose-check"
    share = next(child.value for child in tree.nodes if child.value["node_id"] == "share")
    assert list(share["themes"]) == [
        "consent",
        "trust-and-relationships",
        "feedback-to-referrer",
        "shared-language",
    ]


def test_load_is_idempotent():
    demo.load(io.StringIO())
    tree = DecisionTree.objects.get()
    assert demo.load(io.StringIO()) == "the decision tree is up to date"
    again = DecisionTree.objects.get()
    assert again.updated_at == tree.updated_at
    assert list(again.nodes.raw_data) == list(tree.nodes.raw_data)


def test_load_puts_back_a_changed_tree():
    demo.load(io.StringIO())
    tree = DecisionTree.objects.get()
    tree.nodes = demo.stream_value(NODES[:-1] + [{**NODES[-1], "title": "Edited while trying the demo"}])
    tree.live = False
    tree.save()
    assert demo.load(io.StringIO()).startswith("decision tree updated")
    tree = DecisionTree.objects.get()
    assert tree.live
    assert Tree(tree.nodes).nodes == Tree(NODES).nodes


def test_load_refuses_an_unsound_tree(monkeypatch):
    nodes = copy.deepcopy(NODES)
    nodes[1]["answers"][0]["next"] = "purpose"  # purpose -> purpose-check -> purpose
    monkeypatch.setattr(demo, "NODES", nodes)
    with pytest.raises(demo.InvalidDemoTree, match="loop"):
        demo.stream_value(nodes)
    with pytest.raises(demo.InvalidDemoTree):
        demo.load(io.StringIO())
    assert not DecisionTree.objects.exists()
