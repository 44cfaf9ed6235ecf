"""What every recogniser shares: the match type, the base class and a fail-closed import."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import DetectorUnavailable


def require(module: str, what: str):
    """Import ``module`` or raise :class:`DetectorUnavailable`: a check that cannot run
    must stop publishing, never quietly switch itself off."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise DetectorUnavailable(
            f"{what} cannot be checked: the {module} library did not load ({exc})"
        ) from exc


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int


class Recogniser:
    kind: str = ""

    def find(self, text: str) -> Iterator[Match]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _m(self, start: int, end: int) -> Match:
        return Match(self.kind, start, end)
