"""Measure the anonymisation check on a labelled table: precision and recall per kind.

    .venv/bin/python -m cms.anonymisation.measure tuning [--misses]
    .venv/bin/python -m cms.anonymisation.measure heldout

The table lives in ``cms/anonymisation/tests/evaluation/``: ``tuning.csv`` is what the
check is tuned on; ``heldout.csv`` (a third of the rows, stratified by kind) is only ever
measured, never read while tuning, so its figures say how the check does on text it has
not seen. ``--misses`` lists the rows the check got wrong and is refused for the held-out
part for that reason.

A ``yes`` row is caught when a finding overlaps its ``span``; a ``no`` row is a false
alarm when it gets any finding at all (an editor would have to deal with it). Per kind:
precision = caught / (caught + false alarms), recall = caught / yes rows.

Django-free, like the detector: it runs in a second.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .detection import Finding, scan_text

TABLE_DIR = Path(__file__).resolve().parent / "tests" / "evaluation"
SPLITS = ("tuning", "heldout")


@dataclass(frozen=True)
class Example:
    id: str
    kind: str
    identifying: bool
    span: str
    text: str

    @property
    def span_offsets(self) -> tuple[int, int]:
        start = self.text.find(self.span)
        return start, start + len(self.span)


@dataclass
class KindScore:
    caught: int = 0
    missed: int = 0
    false_alarms: int = 0
    clean_passed: int = 0
    wrong: list[tuple[Example, list[Finding]]] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        flagged = self.caught + self.false_alarms
        return self.caught / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        positives = self.caught + self.missed
        return self.caught / positives if positives else None

    def add(self, other: KindScore) -> None:
        self.caught += other.caught
        self.missed += other.missed
        self.false_alarms += other.false_alarms
        self.clean_passed += other.clean_passed


def load(split: str) -> list[Example]:
    """The rows of one split of the table."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    path = TABLE_DIR / f"{split}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    examples = []
    for row in rows:
        identifying = row["identifying"].strip().lower()
        if identifying not in ("yes", "no"):
            raise ValueError(f"{path.name} {row['id']}: identifying must be yes or no")
        example = Example(row["id"], row["kind"], identifying == "yes", row["span"], row["text"])
        if example.identifying and (not example.span or example.span not in example.text):
            raise ValueError(f"{path.name} {example.id}: span does not occur in the text")
        examples.append(example)
    return examples


def is_caught(example: Example, findings: list[Finding]) -> bool:
    start, end = example.span_offsets
    return any(f.start < end and start < f.end for f in findings)


def evaluate(
    examples: Iterable[Example], scan: Callable[[str], list[Finding]] = scan_text
) -> dict[str, KindScore]:
    """{kind: score}, in the order kinds first appear."""
    scores: dict[str, KindScore] = {}
    for example in examples:
        score = scores.setdefault(example.kind, KindScore())
        findings = scan(example.text)
        if example.identifying:
            if is_caught(example, findings):
                score.caught += 1
            else:
                score.missed += 1
                score.wrong.append((example, findings))
        elif findings:
            score.false_alarms += 1
            score.wrong.append((example, findings))
        else:
            score.clean_passed += 1
    return scores


def total(scores: dict[str, KindScore]) -> KindScore:
    overall = KindScore()
    for score in scores.values():
        overall.add(score)
    return overall


def _ratio(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def format_table(scores: dict[str, KindScore], title: str) -> str:
    width = max([len("kind"), *(len(kind) for kind in scores)])
    lines = [
        title,
        f"{'kind':<{width}}  caught  missed  false alarms  clean passed  precision  recall",
    ]
    for kind, score in [*scores.items(), ("ALL", total(scores))]:
        lines.append(
            f"{kind:<{width}}  {score.caught:6}  {score.missed:6}  {score.false_alarms:12}  "
            f"{score.clean_passed:12}  {_ratio(score.precision):>9}  {_ratio(score.recall):>6}"
        )
    return "\n".join(lines)


def format_wrong(scores: dict[str, KindScore]) -> str:
    lines = []
    for score in scores.values():
        for example, findings in score.wrong:
            what = "MISSED" if example.identifying else "FALSE ALARM"
            found = "; ".join(f"{f.kind}: {f.text!r}" for f in findings) or "nothing"
            lines.append(f"{what} {example.id}  span={example.span!r}")
            lines.append(f"    {example.text}\n    found: {found}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", choices=(*SPLITS, "both"))
    parser.add_argument("--misses", action="store_true", help="list wrong rows (tuning part only)")
    args = parser.parse_args(argv)
    if args.misses and args.split != "tuning":
        parser.error("--misses is for the tuning part only: the held-out rows are never read while tuning")
    for split in SPLITS if args.split == "both" else (args.split,):
        examples = load(split)
        scores = evaluate(examples)
        print(format_table(scores, f"{split}: {len(examples)} rows"))
        if args.misses:
            print(format_wrong(scores))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
