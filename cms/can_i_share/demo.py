"""The demo "Can I share?" tree (``demo_tree.NODES``), for ``manage.py load_demo_content``.

Creates or updates the live tree titled "Can I share?". The nodes are checked twice before
anything is saved: by the blocks' own validation (lengths, ids, agency and theme choices)
and by ``tree.validate_tree`` (no dead ends, no cycles, every outcome reachable). An
invalid tree is refused with the problems listed.

Idempotent: a tree whose nodes already say what the demo says is not saved again. The
steward is the demo Editor (editor@example.org) when that account exists and no steward
was chosen; the review date is set a year ahead when the tree is created or the date has
passed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.users.models import User

from .demo_tree import NODES
from .models import DecisionTree
from .tree import Tree, validate_tree

TITLE = "Can I share?"
STEWARD_EMAIL = "editor@example.org"  # the demo Editor (cms/users/demo.py)


class InvalidDemoTree(ValueError):
    pass


def stream_data(nodes=None):
    """The nodes (default: the demo's) as raw StreamField data."""
    nodes = NODES if nodes is None else nodes
    data = []
    for node in nodes:
        if node["kind"] == "question":
            value = {
                "node_id": node["id"],
                "question": node["question"],
                "hint": node["hint"],
                "agency_hints": [
                    {"agency": agency, "hint": hint} for agency, hint in node.get("agency_hints", {}).items()
                ],
                "answers": [
                    {"label": a["label"], "next": a["next"], "reason": a["reason"]} for a in node["answers"]
                ],
            }
        else:
            value = {
                "node_id": node["id"],
                "outcome": node["outcome"],
                "title": node["title"],
                "body": node["body"],
                "tell_family": node.get("tell_family", ""),
                "themes": list(node.get("themes", [])),
            }
        data.append({"type": node["kind"], "value": value})
    return data


def stream_value(nodes=None):
    """The nodes (default: the demo's) as a checked StreamField value; :class:`InvalidDemoTree`
    if they are not sound."""
    nodes = NODES if nodes is None else nodes
    problems = validate_tree(nodes)
    if problems:
        raise InvalidDemoTree("the demo decision tree is not valid:\n  " + "\n  ".join(problems))
    stream_block = DecisionTree._meta.get_field("nodes").stream_block
    value = stream_block.to_python(stream_data(nodes))
    try:
        stream_block.clean(value)
    except ValidationError as error:
        raise InvalidDemoTree(f"the demo decision tree does not fit its blocks: {error}") from error
    return value


def load(stdout):
    value = stream_value()
    today = timezone.localdate()
    tree = DecisionTree.objects.filter(title=TITLE).order_by("-updated_at", "-pk").first()
    created = tree is None
    if created:
        tree = DecisionTree(title=TITLE)
    changed = created or Tree(tree.nodes).nodes != Tree(value).nodes
    if changed:
        tree.nodes = value
    if not tree.live:
        tree.live, changed = True, True
    if tree.steward_id is None:
        steward = User.objects.filter(email=STEWARD_EMAIL).first()
        if steward is not None:
            tree.steward, changed = steward, True
    if tree.review_date is None or tree.review_date < today:
        tree.review_date, changed = today + datetime.timedelta(days=365), True
    if not changed:
        return "the decision tree is up to date"
    tree.full_clean()
    tree.save()
    nodes = Tree(tree.nodes)
    summary = (
        f"{len(nodes.nodes) - len(nodes.outcomes)} questions, {len(nodes.outcomes)} outcomes, "
        f"{len(nodes.paths())} paths"
    )
    return f"decision tree {'created' if created else 'updated'}: {summary}"
