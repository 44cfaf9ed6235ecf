"""People's names, with the allowed pseudonyms ("Child A") and namesakes ("St John") masked."""

from __future__ import annotations

import re

from .. import lexicon
from .base import Recogniser

_CAP_TOKEN_RE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?(?![\w-])")
_TITLES = "|".join(lexicon.TITLES)
_TITLE_RE = re.compile(r"\b(?:" + _TITLES + r")\.?\s+([A-Z][A-Za-z'’-]*)(?:[ \t\u00a0]+([A-Z][a-z'’-]+))?")
_PSEUDONYM_ROLES = "|".join(sorted((re.escape(r) for r in lexicon.PSEUDONYM_ROLES), key=len, reverse=True))
_PSEUDONYM_RE = re.compile(r"\b(?:" + _PSEUDONYM_ROLES + r")\s+[A-Z][0-9]?(?![\w])")
_FAMILY_RE = re.compile(r"\b[Tt]he\s+([A-Z][a-z'’-]+?)(?:s\b|\s+(?:family|household|children|siblings)\b)")


# Organisations, laws and saints named after people: not personal data.
_NAMED_AFTER_PEOPLE_RE = re.compile(
    r"\b(?:St\.?|Saint)\s+[A-Z][a-z]+(?:['’]s)?"
    r"|\b[A-Z][a-z]+['’]s\s+(?:Law|Wish|Trust|Fund|Foundation|Hospice|House|Place)\b"
    r"|\b(?:"
    + "|".join(re.escape(p) for p in lexicon.ORGANISATIONS_NAMED_AFTER_PEOPLE)
    + r")(?:['’]s)?(?![\w])"
)


def pseudonym_spans(text: str) -> list[tuple[int, int]]:
    """Spans that must never be reported as a person's name.

    Allowed pseudonyms ("Child A", "Young Person C", "Mr X") plus saints,
    laws and organisations named after people ("St John", "Clare's Law",
    "Lucy Faithfull Foundation").
    """
    spans = [(m.start(), m.end()) for m in _PSEUDONYM_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _NAMED_AFTER_PEOPLE_RE.finditer(text)]
    return spans


def _is_name_like(word: str) -> bool:
    return len(word) > 1 and word not in lexicon.NON_NAME_WORDS and word not in lexicon.LOCAL_AUTHORITY_AREAS


class PersonNameRecogniser(Recogniser):
    """First-name dictionary + capitalisation context.

    * Title + capitalised word ("Mrs Patel", "Dr Jane Hughes") is a name,
      unless the word is a single-letter pseudonym ("Mr X").
    * A capitalised known first name is a name (with a following capitalised
      surname-like word included), anywhere in a sentence - including at the
      start, because unambiguous first names rarely start sentences for
      other reasons.  First names that are also everyday words or places
      ("Grace", "Amber", "Kent") only count when followed by a known surname.
    * "the Smith family" / "the Smiths" with a known surname is a name.
    * Pseudonym spans ("Child A", "Mother B", "Young Person C") are skipped.
    """

    kind = "person_name"

    def __init__(self):
        lexicon.first_names(), lexicon.surnames()  # load now: a missing list fails at start, not mid-scan

    def find(self, text):
        firsts = lexicon.first_names()
        lasts = lexicon.surnames()
        masked = pseudonym_spans(text)

        def is_masked(start: int, end: int) -> bool:
            return any(s <= start and end <= e for s, e in masked)

        for m in _TITLE_RE.finditer(text):
            word, second = m.group(1), m.group(2)
            if len(word) == 1 or is_masked(m.start(), m.end()):
                continue  # "Mr X" pseudonym
            if word in lexicon.NON_NAME_WORDS and word not in firsts:
                continue
            end = m.end(1)
            if second and _is_name_like(second):
                end = m.end(2)
            yield self._m(m.start(), end)

        tokens = list(_CAP_TOKEN_RE.finditer(text))
        for idx, tok in enumerate(tokens):
            word = tok.group(1)
            if word not in firsts or is_masked(tok.start(), tok.end()):
                continue
            if word in lexicon.LOCAL_AUTHORITY_AREAS and word not in lexicon.AMBIGUOUS_FIRST_NAMES:
                # e.g. "Chester", "Durham", "Lincoln": area names may be published
                continue
            if word in lexicon.NON_NAME_WORDS and word not in lexicon.AMBIGUOUS_FIRST_NAMES:
                continue
            nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
            follows = nxt is not None and re.fullmatch(r"[ \t\u00a0]+", text[tok.end(1) : nxt.start()] or "x")
            # a one-letter initial: "Jane S" / "Jane S."
            initial = re.match(r"[ \t\u00a0]+(?!I\b)[A-Z]\b\.?", text[tok.end(1) :])
            if word in lexicon.AMBIGUOUS_FIRST_NAMES or word in lexicon.LOCAL_AUTHORITY_AREAS:
                if follows and nxt.group(1) in lasts and _is_name_like(nxt.group(1)):
                    yield self._m(tok.start(), nxt.end(1))
                continue
            if follows and _is_name_like(nxt.group(1)):
                yield self._m(tok.start(), nxt.end(1))
            elif initial and not is_masked(tok.start(), tok.end(1) + initial.end()):
                yield self._m(tok.start(), tok.end(1) + len(initial.group().rstrip(".")))
            else:
                yield self._m(tok.start(), tok.end(1))

        for m in _FAMILY_RE.finditer(text):
            name = m.group(1)
            if name in lasts and _is_name_like(name):
                yield self._m(m.start(1), m.end(1) + (1 if text[m.end(1) : m.end(1) + 1] == "s" else 0))
