"""Run expensive patterns only near the words they need.

A case-insensitive pattern that opens with a word boundary is tried at every position of
a 2,000-word story. Most of those patterns cannot match without a cue word ("birthday",
"Snapchat", a month name), and plain ``str.find`` finds those in microseconds, so the
recognisers look for the cue words first and run their patterns on the stretches of text
around them. Searching ``text`` between ``start`` and ``end`` (not a slice) keeps offsets
and look-behinds true; each stretch ends at whitespace so a word is never cut in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def find_all(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def word_positions(lowered: str, words: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole word of ``lowered`` (lower-case text) that starts with
    one of ``words``; the word runs on while letters follow ("jan" finds "january")."""
    size = len(lowered)
    for word in words:
        for start in find_all(lowered, word):
            end = start + len(word)
            if start == 0 or not lowered[start - 1].isalpha():
                while end < size and lowered[end].isalpha():
                    end += 1
                yield start, end


def whole_words(lowered: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of one of ``words`` as a whole word; a word with a
    space or hyphen in it is found by its first part."""
    starts = {word.split()[0].split("-")[0] for word in words}
    return [(s, e) for s, e in word_positions(lowered, starts) if lowered[s:e] in starts]


def stretches(
    text: str, positions: Iterable[tuple[int, int]], before: int, after: int
) -> list[tuple[int, int]]:
    """Merged stretches reaching ``before`` characters back and ``after`` forward of each
    position, widened to whitespace."""
    spans = []
    for start, end in sorted(positions):
        start = _back_to_space(text, max(0, start - before))
        end = _on_to_space(text, min(len(text), end + after))
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def finditer(regex: re.Pattern, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[re.Match]:
    for start, end in spans:
        yield from regex.finditer(text, start, end)


def _back_to_space(text: str, i: int) -> int:
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _on_to_space(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """Lower-case A-Z only, so every offset still points at the same character
    (``str.lower`` can lengthen some characters, such as "İ")."""
    return text.translate(_ASCII_LOWER)


# A web address or DOI names a document: "gov.uk/.../file/338875/MASH.pdf" and
# "doi.org/10.1108/JCS-05-2017-0019" hold no reference or phone number.
LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net)/\S*|\b10\.\d{4,9}/\S+"
)


def link_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in LINK_RE.finditer(text)] if "/" in text else []


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)
