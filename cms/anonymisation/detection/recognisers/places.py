"""Places narrower than a local authority: towns, villages, suburbs, neighbourhoods, estates.

Stories may name the local-authority area ("Leeds", "Kent"), never anything smaller. The
gazetteer ``data/uk_places.txt`` (GeoNames, built by ``data/build_uk_places.py``) lists UK
populated places; ``data/uk_places_allowed.txt`` lists local-authority names, nations,
regions and counties, which mask the place names inside them ("Chester" in "Cheshire West
and Chester"). Names are looked up token by token in a trie built once.

A place whose name is also an ordinary word or a first name ("Reading", "March", "Hope",
"Leigh") only counts next to a locative cue: "in/from/to/near X", "the village of X",
"the X estate". A distinctive name ("Toxteth", "Acocks Green") counts anywhere, except as
part of an organisation ("Wythenshawe Hospital", "Morecambe Bay NHS Trust") or a person's
name. Estates missing from the gazetteer are caught by their shape: "the Beechwood estate".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lexicon
from ..dictionary import is_english_word
from ..errors import DetectorUnavailable
from .base import Recogniser

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLACES_FILE = DATA_DIR / "uk_places.txt"
ALLOWED_FILE = DATA_DIR / "uk_places_allowed.txt"

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN_RE = re.compile(_WORD)
_CAP_RE = re.compile(rf"(?<![\w'’-])(?=[A-Z]){_WORD}")
# the next word of a name: joined by one space or hyphen, or "St. " ("St. Ives")
_NEXT_RE = re.compile(rf"([ \u00a0-]|(?<=St)\. )({_WORD})")
_PREV_RE = re.compile(rf"({_WORD})[ \u00a0-]$")
_LOWER_AFTER_CUE_RE = re.compile(
    rf"\b(?:in|from|to|near|at|around|outside|towards|into)[ \u00a0]+(?=[a-z])({_WORD})(?![\w'’])"
)

# Words before a place that say "this is where": "lives in X", "moved from X".
_CUE_BEFORE = frozenset("in from to near at around outside towards toward into via nearby between".split())
# "the village of X", "the outskirts of X"
_CUE_OF_RE = re.compile(
    r"\b(?:village|town|hamlet|suburbs?|area|outskirts|edge|centre|center|parts?|estate|streets|city|"
    r"district|neighbourhood)[ \u00a0]+of[ \u00a0]$",
    re.IGNORECASE,
)
# "the X estate", "X town centre", "an X-based charity"
_CUE_AFTER = frozenset("estate estates area village town suburb neighbourhood district based".split())
# A place name followed by one of these is part of an organisation's name ("Stoke City",
# "Wythenshawe Hospital", "St Giles Trust"), which says nothing about where a family lives.
_ORGANISATION_AFTER = frozenset(
    """
    Police Constabulary Council Councils County Borough City Town United Rovers Wanderers
    Albion Athletic FC NHS Hospital Hospitals Infirmary Trust Foundation University College
    Partnership Partnerships Safeguarding CCG ICB ICS Magistrates Crown Family Court Prison
    Cathedral Airport Station Festival Zoo Harbour Bay Diocese Health Healthcare Care Teaching
    Community Mental Towers
    """.split()
)
_ORGANISATION_BEFORE = frozenset("HMP HMYOI YOI HMPYOI Diocese Bishop University".split())
# Place names shared with brands, cheeses or better-known places abroad, and ordinary words
# the dictionary lacks: treated like ordinary words ("a Vauxhall Corsa", "a Box on the form").
_NEEDS_CUE = frozenset(
    """
    Vauxhall Bentley Halifax California Melbourne Washington Hamilton Wellington Houston Portland
    Waterloo Normandy Cheddar Stilton Box Freshwater Summerhouse
    """.split()
)
# One-word place names that, capitalised in a story, almost always mean the thing, not the
# village ("at Church on Sunday"): never reported on their own.
_NEVER_ALONE = frozenset(
    """
    Church Bridge Hill Valley Grove Over Send Mark Law Wall Pool Quarter Ridge Rock Stock
    Plains Banks Cove Hook Wing Steep
    """.split()
)
# Words that, leading a lower-case phrase, describe rather than name ("in new buildings").
_DESCRIBING_WORDS = frozenset(
    """
    new old high low great little north south east west upper lower far long small big cold fair
    nether middle one two three four five six seven eight nine ten mill park church
    """.split()
)
# A place named like a month needs a cue that no date has: "the town of March", "the March area".
_MONTHS = frozenset("March May June".split())
# Capitalised words that make an estate name generic ("a Council estate").
_GENERIC_ESTATE_WORDS = frozenset(
    """
    Council Housing Local Industrial Trading Business Retail Crown Real Private Social
    New Old Big Large Small Same Whole Entire Sprawling Residential Inner Outer Public Shared
    Estate Estates NHS Hospital School Prison Farm Duchy Royal National Country Agent Agents
    """.split()
)
_ESTATE_WORD_RE = re.compile(r"(?<=[ \t-])[Ee]state\b")
_ESTATE_NAME_RE = re.compile(r"((?:[A-Z][a-z'’]+[ \t-]){1,3})$")
# Capitalised words after a local-authority name that make a place inside it: "Merthyr Vale".
_AREA_PARTS = frozenset(
    "Vale Green Heath Common Cross End Moor Marsh Wood Side Edge Top Bottom Village".split()
)


def _key(token: str) -> str:
    """How a token is compared: apostrophes dropped, "Saint"/"St" made one."""
    token = token.replace("'", "").replace("’", "")
    return "St" if token == "Saint" else token


@dataclass(frozen=True)
class _Entry:
    allowed: bool  # an area that may be named (local authority or wider)
    needs_cue: bool  # the name is also an ordinary word or a first name


def _read(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DetectorUnavailable(
            f"Places cannot be checked: the place list {path.name} did not load ({exc})"
        ) from exc
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not names:
        raise DetectorUnavailable(f"Places cannot be checked: the place list {path.name} is empty")
    return names


def _is_common(name: str, firsts: frozenset[str]) -> bool:
    """True when every capitalised word of the name is an English word or a first name."""
    words = [w for w in _TOKEN_RE.findall(name) if w[0].isupper() and _key(w) != "St"]
    single = len(words) == 1

    def common(word: str) -> bool:
        if word in firsts or word in _NEEDS_CUE or is_english_word(word):
            return True
        # a plural of an ordinary word ("Wells", "Banks") for one-word names only
        return single and word.endswith("s") and is_english_word(word[:-1])

    return bool(words) and all(common(w) for w in words)


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    """A trie over token keys; a node's ``None`` entry marks the end of a name."""
    firsts = lexicon.first_names()
    trie: dict = {}
    for allowed, names in ((False, _read(PLACES_FILE)), (True, _read(ALLOWED_FILE))):
        for name in names:
            node = trie
            for token in _TOKEN_RE.findall(name):
                node = node.setdefault(_key(token), {})
            node[None] = _Entry(allowed=allowed, needs_cue=not allowed and _is_common(name, firsts))
    return trie


@lru_cache(maxsize=1)
def lower_case_gazetteer() -> dict:
    """The same trie in lower case, for text typed without capitals ("we moved to toxteth"),
    holding only names that ordinary words do not make: one distinctive word, or two or more
    words not led by a describing word ("moss side", not "new buildings")."""
    trie: dict = {}

    def distinctive(keys: tuple[str, ...], entry: _Entry) -> bool:
        if len(keys) == 1:
            return not entry.needs_cue and len(keys[0]) >= 4
        return not entry.needs_cue or keys[0].lower() not in _DESCRIBING_WORDS

    def add(node: dict, keys: tuple[str, ...]) -> None:
        for key, child in node.items():
            if key is None:
                if child.allowed or distinctive(keys, child):
                    branch = trie
                    for k in keys:
                        branch = branch.setdefault(k.lower(), {})
                    branch[None] = child
            else:
                add(child, (*keys, key))

    add(gazetteer(), ())
    return trie


def is_place(name: str) -> bool:
    """Is ``name`` exactly a gazetteer place ("St Albans"), not an area that may be named?"""
    node = gazetteer()
    for token in _TOKEN_RE.findall(name):
        node = node.get(_key(token))
        if node is None:
            return False
    return None in node and not node[None].allowed


class PlaceRecogniser(Recogniser):
    kind = "place"

    def __init__(self):
        lower_case_gazetteer()  # load now: a missing list fails at start, not mid-scan

    def find(self, text):
        trie = gazetteer()
        resume = 0
        for m in _CAP_RE.finditer(text):
            key = _key(m.group())
            if m.start() < resume or (key not in trie and key[:-1] not in trie):
                continue
            found = self._longest(text, m.group(), m.end(), trie)
            if found is None:
                continue
            end, entry = found
            resume = end
            after = _NEXT_RE.match(text, end)
            if entry.allowed:
                # "Merthyr Vale", "Bradford Moor": a named part of a local-authority area
                if after and after.group(2) in _AREA_PARTS:
                    yield self._m(m.start(), after.end())
                continue
            alone = end == m.end() and m.group() in _NEVER_ALONE
            if not alone and self._counts(text, m.start(), end, entry, after):
                yield self._m(m.start(), end)
        yield from self._lower_case(text)
        yield from self._estates(text)

    def _lower_case(self, text):
        """A distinctive name typed in lower case after a locative word: "moved to toxteth"."""
        trie = lower_case_gazetteer()
        for m in _LOWER_AFTER_CUE_RE.finditer(text):
            found = self._longest(text, m.group(1), m.end(), trie, lower=True)
            if found is not None and not found[1].allowed:
                yield self._m(m.start(1), found[0])

    @staticmethod
    def _longest(text, token, end, trie, lower=False):
        """(end offset, entry) of the longest gazetteer name whose first word is ``token``
        (ending at ``end``)."""
        node, best = trie, None
        while True:
            key = _key(token).lower() if lower else _key(token)
            child = node.get(key)
            if child is not None and None in child:
                best = (end, child[None])
            elif token[-2:] in ("'s", "’s") and None in node.get(key[:-1], {}):
                best = (end - 2, node[key[:-1]][None])  # "Peckham's" -> "Peckham"
            if child is None:
                return best
            node = child
            nxt = _NEXT_RE.match(text, end)
            if nxt is None:
                return best
            token, end = nxt.group(2), nxt.end()

    @staticmethod
    def _counts(text, start, end, entry, after) -> bool:
        before = _PREV_RE.search(text, max(0, start - 40), start)
        word_before = before.group(1) if before else ""
        if after and after.group(2) in _ORGANISATION_AFTER:
            return False
        if (
            word_before in _ORGANISATION_BEFORE
            or word_before in lexicon.TITLES
            or (word_before[:1].isupper() and word_before in lexicon.first_names())
        ):
            return False  # "HMP Styal", "Mrs Preston", "Sarah Preston"
        if not entry.needs_cue:
            return True
        if after and after.group(2).lower() in _CUE_AFTER:
            return True
        if word_before.lower() in _CUE_BEFORE and text[start:end] not in _MONTHS:
            return True
        return word_before == "of" and _CUE_OF_RE.search(text, max(0, start - 40), start) is not None

    def _estates(self, text):
        """A capitalised name before "estate": "the Meadow Well estate", "the Beechwood Estate"."""
        for estate in _ESTATE_WORD_RE.finditer(text):
            m = _ESTATE_NAME_RE.search(text, max(0, estate.start() - 60), estate.start())
            if m is None:
                continue
            words = m.group(1).split()
            start = m.start(1)
            while words and (
                words[0] in _GENERIC_ESTATE_WORDS
                or words[0] in lexicon.NON_NAME_WORDS
                or words[0] in lexicon.LOCAL_AUTHORITY_AREAS
            ):
                start = text.index(words[0], start) + len(words[0])
                words = words[1:]
            if words and not any(w in _GENERIC_ESTATE_WORDS for w in words):
                yield self._m(text.index(words[0], start), estate.end())
