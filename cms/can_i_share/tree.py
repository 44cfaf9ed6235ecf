"""The decision tree as plain data: checking it, listing its paths, and walking it.

Pure functions, no database: they take the ``DecisionTree.nodes`` StreamField value, the
raw stream data (``[{"type": ..., "value": {...}}]``) or plain dicts as in
``demo_tree.NODES``, and read them all the same way (:func:`normalise`)::

    validate_tree(tree.nodes)        # [] or a list of problems, in plain English
    paths(NODES)                     # every path from the start: answers and node ids
    walk(tree.nodes, [1, 2, 1])      # the steps taken and the node reached

A *path* is the list of answer numbers (1-based) chosen from the start, which is what
the public pages carry in their address (``?path=1.2.1``): never anything typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION = "question"
OUTCOME = "outcome"
SHARE_WITHOUT_CONSENT = "share-without-consent"
# Node ids are the last part of /can-i-share/<node_id>/, so these would clash with pages.
RESERVED_IDS = frozenset({"answer", "result"})
MAX_PATH_LENGTH = 100  # answers; far more than any sensible tree, so a URL stays bounded


class InvalidPath(ValueError):
    """The answers do not lead anywhere in this tree (the message says why)."""


@dataclass(frozen=True)
class Answer:
    number: int  # 1-based, as in the path
    label: str
    next: str
    reason: str


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "question" or "outcome"
    question: str = ""
    hint: str = ""
    agency_hints: dict = field(default_factory=dict)  # agency slug -> hint
    answers: tuple = ()  # of Answer
    outcome: str = ""  # share | share-without-consent | seek-advice | no-need
    title: str = ""
    body: str = ""
    tell_family: str = ""
    themes: tuple = ()  # theme slugs

    @property
    def is_question(self):
        return self.kind == QUESTION

    @property
    def is_outcome(self):
        return self.kind == OUTCOME

    @property
    def label(self):
        """What an editor recognises the node by."""
        return self.question if self.is_question else self.title


@dataclass(frozen=True)
class Step:
    """One question answered on the way: the question, the answer chosen and the path so far."""

    node: Node
    answer: Answer
    path: tuple  # the answer numbers up to and including this one


@dataclass(frozen=True)
class Walk:
    steps: tuple  # of Step
    current: Node  # where the answers lead: the next question, or the outcome

    @property
    def path(self):
        return tuple(step.answer.number for step in self.steps)


@dataclass(frozen=True)
class Path:
    """One way through the tree: the answers chosen and the nodes visited (start first)."""

    answers: tuple
    node_ids: tuple
    ends_in_outcome: bool


# ---------------------------------------------------------------------------------------
# Reading any of the three shapes
# ---------------------------------------------------------------------------------------


def _get(value, key, default=None):
    """A key of a dict or StructValue (both are mappings), or an attribute."""
    try:
        result = value.get(key, default)
    except AttributeError:
        result = getattr(value, key, default)
    return default if result is None else result


def _items(value):
    """The items of a list, a ListValue, or raw ListBlock data ([{"type": "item", "value": ...}])."""
    items = []
    for item in value or ():
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item = item["value"]
        items.append(item)
    return items


def _text(value):
    return str(value).strip() if value is not None else ""


def _node(kind, data):
    node_id = _text(_get(data, "node_id") or _get(data, "id"))
    if kind == QUESTION:
        hints = _get(data, "agency_hints", {})
        if isinstance(hints, dict):
            agency_hints = {_text(k): _text(v) for k, v in hints.items()}
        else:
            agency_hints = {}
            for hint in _items(hints):
                agency, text = _text(_get(hint, "agency")), _text(_get(hint, "hint"))
                if agency and text:
                    agency_hints.setdefault(agency, text)
        answers = tuple(
            Answer(
                number=i,
                label=_text(_get(answer, "label")),
                next=_text(_get(answer, "next")),
                reason=_text(_get(answer, "reason")),
            )
            for i, answer in enumerate(_items(_get(data, "answers", [])), start=1)
        )
        return Node(
            id=node_id,
            kind=QUESTION,
            question=_text(_get(data, "question")),
            hint=_text(_get(data, "hint")),
            agency_hints=agency_hints,
            answers=answers,
        )
    if kind == OUTCOME:
        return Node(
            id=node_id,
            kind=OUTCOME,
            outcome=_text(_get(data, "outcome")),
            title=_text(_get(data, "title")),
            body=_text(_get(data, "body")),
            tell_family=_text(_get(data, "tell_family")),
            themes=tuple(_text(theme) for theme in _items(_get(data, "themes", [])) if _text(theme)),
        )
    return Node(id=node_id, kind=_text(kind))


def normalise(nodes) -> list[Node]:
    """The nodes, in order, as :class:`Node` objects, whatever shape they came in."""
    if nodes is None:
        return []
    if isinstance(nodes, Tree):
        return list(nodes.nodes)
    if hasattr(nodes, "raw_data") and hasattr(nodes, "stream_block"):
        # A StreamValue: read its JSON-ish data. Converting the blocks to Python would look
        # up the agency and theme choices in the database once per block.
        nodes = list(nodes.raw_data)
    result = []
    for item in nodes:
        if isinstance(item, Node):
            result.append(item)
        elif hasattr(item, "block_type"):  # a StreamField child
            result.append(_node(item.block_type, item.value))
        elif isinstance(item, tuple):  # ("question", {...})
            result.append(_node(item[0], item[1]))
        elif isinstance(item, dict) and "type" in item and "value" in item:  # raw stream data
            result.append(_node(item["type"], item["value"]))
        elif isinstance(item, dict):  # demo_tree.NODES
            result.append(_node(item.get("kind"), item))
        else:
            raise TypeError(f"not a decision tree node: {item!r}")
    return result


# ---------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------


def _quote(text):
    return f"“{text}”"


class Tree:
    """A normalised tree. Build one per request and ask it everything."""

    def __init__(self, nodes):
        self.nodes = normalise(nodes)
        self.by_id = {}
        for node in self.nodes:
            self.by_id.setdefault(node.id, node)

    @property
    def start(self):
        return self.nodes[0] if self.nodes else None

    @property
    def outcomes(self):
        return [node for node in self.nodes if node.is_outcome]

    # -- checking ---------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Everything that would stop a practitioner reaching an outcome, or mislead them."""
        if not self.nodes:
            return ["The tree is empty: add the first question, then the outcomes it leads to."]
        problems = []
        seen = set()
        for position, node in enumerate(self.nodes, start=1):
            name = _quote(node.id) if node.id else f"Node {position}"
            if not node.id:
                problems.append(f"Node {position} has no id.")
            elif node.id in seen:
                problems.append(f"Two nodes have the id {name}: each id must be unique.")
            elif node.id in RESERVED_IDS:
                problems.append(f"{name} cannot be used as an id (it is part of the aid's web addresses).")
            seen.add(node.id)
            if node.is_question:
                if len(node.answers) < 2:
                    problems.append(
                        f"Question {name} has {len(node.answers)} answer(s): it needs at least 2."
                    )
                labels = [answer.label.casefold() for answer in node.answers]
                if len(set(labels)) < len(labels):
                    problems.append(f"Question {name} has two answers with the same label.")
                for answer in node.answers:
                    if not answer.next:
                        problems.append(
                            f"Dead end: answer {answer.number} ({_quote(answer.label)}) of {name} "
                            "does not say which node comes next."
                        )
                    elif answer.next not in self.by_id:
                        problems.append(
                            f"Dead end: answer {answer.number} ({_quote(answer.label)}) of {name} "
                            f"leads to {_quote(answer.next)}, which is not in the tree."
                        )
            elif node.is_outcome:
                if node.outcome == SHARE_WITHOUT_CONSENT and not node.tell_family:
                    problems.append(
                        f"Outcome {name} shares without consent, so it must say whether to tell "
                        "the family, and why."
                    )
            else:
                problems.append(f"{name} is neither a question nor an outcome.")

        start = self.nodes[0]
        if not start.is_question:
            problems.append(
                f"The first node ({_quote(start.id)}) must be a question: it is where the aid starts."
            )
        problems.extend(self._cycles())
        reached = self.reachable()
        unreachable_questions = [n.id for n in self.nodes if n.is_question and n.id not in reached]
        unreachable_outcomes = [n.id for n in self.nodes if n.is_outcome and n.id not in reached]
        if unreachable_questions:
            problems.append(
                "No answer leads to these questions, so nobody can reach them: "
                + ", ".join(_quote(i) for i in unreachable_questions)
                + "."
            )
        if unreachable_outcomes:
            problems.append(
                "No path from the first question reaches these outcomes: "
                + ", ".join(_quote(i) for i in unreachable_outcomes)
                + "."
            )
        return problems

    def reachable(self) -> set:
        """Ids of the nodes reachable from the start (the start included)."""
        if not self.nodes:
            return set()
        reached, stack = set(), [self.nodes[0].id]
        while stack:
            node_id = stack.pop()
            if node_id in reached or node_id not in self.by_id:
                continue
            reached.add(node_id)
            stack.extend(answer.next for answer in self.by_id[node_id].answers)
        return reached

    def _cycles(self) -> list[str]:
        """One problem per loop found by a depth-first search over every node."""
        problems, state = [], {}  # id -> "visiting" | "done"

        def visit(node_id, trail):
            state[node_id] = "visiting"
            for answer in self.by_id[node_id].answers:
                following = answer.next
                if following not in self.by_id:
                    continue
                if state.get(following) == "visiting":
                    on_path = trail + [node_id]
                    loop = on_path[on_path.index(following) :] + [following]
                    problems.append(
                        "The answers go round in a loop, so some paths never end: "
                        + " → ".join(_quote(i) for i in loop)
                        + "."
                    )
                elif following not in state:
                    visit(following, trail + [node_id])
            state[node_id] = "done"

        for node in self.nodes:
            if node.id and node.id not in state and self.by_id.get(node.id) is node:
                visit(node.id, [])
        return problems

    # -- paths ----------------------------------------------------------------------

    def paths(self) -> list[Path]:
        """Every path from the start, each ending in an outcome, or where it stops (a dead
        end, or a node already on the path) with ``ends_in_outcome`` False."""
        found = []
        if not self.nodes:
            return found

        def follow(node_id, answers, node_ids):
            node = self.by_id.get(node_id)
            node_ids = node_ids + (node_id,)
            if node is None or node_id in node_ids[:-1] or not node.is_question or not node.answers:
                found.append(Path(answers, node_ids, node is not None and node.is_outcome))
                return
            for answer in node.answers:
                follow(answer.next, answers + (answer.number,), node_ids)

        follow(self.nodes[0].id, (), ())
        return found

    # -- walking ----------------------------------------------------------------------

    def walk(self, answers) -> Walk:
        """Follow the answer numbers from the start. Raises :class:`InvalidPath`."""
        answers = list(answers)
        if not self.nodes:
            raise InvalidPath("the tree is empty")
        if len(answers) > MAX_PATH_LENGTH:
            raise InvalidPath(f"more than {MAX_PATH_LENGTH} answers")
        node = self.nodes[0]
        steps = []
        for position, number in enumerate(answers, start=1):
            if not node.is_question:
                raise InvalidPath(f"answer {position} comes after the outcome {node.id!r}")
            if (
                not isinstance(number, int)
                or isinstance(number, bool)
                or not 1 <= number <= len(node.answers)
            ):
                raise InvalidPath(f"question {node.id!r} has no answer {number!r}")
            answer = node.answers[number - 1]
            following = self.by_id.get(answer.next)
            if following is None:
                raise InvalidPath(f"answer {number} of {node.id!r} leads to {answer.next!r}, not in the tree")
            steps.append(Step(node, answer, tuple(answers[:position])))
            node = following
        return Walk(tuple(steps), node)


# ---------------------------------------------------------------------------------------
# The functions the rest of the app uses
# ---------------------------------------------------------------------------------------


def validate_tree(nodes) -> list[str]:
    """Problems with the tree (an empty list when it is sound)."""
    return Tree(nodes).problems()


def paths(nodes) -> list[Path]:
    """Every path through the tree from its start (see :meth:`Tree.paths`)."""
    return Tree(nodes).paths()


def walk(nodes, answers) -> Walk:
    """Follow answer numbers from the start (see :meth:`Tree.walk`)."""
    return Tree(nodes).walk(answers)


def parse_path(text) -> list[int]:
    """``"1.2.1"`` -> ``[1, 2, 1]``; ``""`` -> ``[]``. Raises :class:`InvalidPath`."""
    text = (text or "").strip()
    if not text:
        return []
    parts = text.split(".")
    if len(parts) > MAX_PATH_LENGTH or not all(
        part.isascii() and part.isdigit() and len(part) <= 2 for part in parts
    ):
        raise InvalidPath(f"not a path: {text[:40]!r}")
    return [int(part) for part in parts]


def format_path(answers) -> str:
    return ".".join(str(number) for number in answers)


def path_key(walk_: Walk) -> str:
    """How a completed path is counted: node ids and answer numbers only, e.g.
    ``purpose:1/identifiable:1/confidential:2``."""
    return "/".join(f"{step.node.id}:{step.answer.number}" for step in walk_.steps)
