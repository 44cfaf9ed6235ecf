"""People's names, with the allowed pseudonyms ("Child A") and namesakes ("St John") masked.

Two recognisers share one tokenisation of the text:

* :class:`PersonNameRecogniser` - words from the name lists (``lexicon``), in any case,
  when their shape or their context says a person is meant;
* :class:`PossibleNameRecogniser` - runs of capitalised words that are neither English
  nor on any allow-list: names the lists do not know, left to the editor to judge.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .. import lexicon
from ..dictionary import english_words, is_english_word
from .base import Match, Recogniser

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_MAC_RE = re.compile(r"(?:Mac|Mc)[A-Z][a-z]+")
# "Child A", "YOUNG PERSON F"; not "Mrs O'Neill". Found from the rare capital letter standing
# alone, the role read backwards: a long alternation tried at every word is slower.
_PSEUDONYM_LETTER_RE = re.compile(r"(?<=[A-Za-z])[ \u00a0]+[A-Z][0-9]?(?!\w|['’](?!s\b)\w)")
_PSEUDONYM_ROLE_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, lexicon.PSEUDONYM_ROLES), key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)
_FAMILY_RE = re.compile(r"\b[Tt]he\s+([A-Z][a-z'’-]+?)(?:s\b|\s+(?:family|household|children|siblings)\b)")

# Organisations, saints and laws named after people: not personal data. Both spellings of
# each organisation, as a case-insensitive alternation is several times slower.
_NAMESAKE_RE = re.compile(
    r"(?<![\w])(?:S(?:t\.?|aint)\s+[A-Z][a-z]+(?:['’]s)?"
    r"|Victoria(?=\s*[(,]\s*Australia)"
    r"|(?:"
    + "|".join(re.escape(v) for p in lexicon.ORGANISATIONS_NAMED_AFTER_PEOPLE for v in sorted({p, p.lower()}))
    + r")(?:['’]s)?(?![\w]))"
)
# "Clare's Law", "sarah's law", "Winston's Wish": found from the "'s", the name read backwards.
_NAMED_LAW_RE = re.compile(r"['’]s\s+(?:Law|law|Wish|Trust|Fund|Foundation|Hospice|House|Place)\b")
# "Fraser guidelines", "Gillick competence", "the Munro review", "the Caldicott Guardian".
_NAMED_RULE_RE = re.compile(
    r"(?<=[a-z])\s+(?:guidelines|competence|competent|principles|Principles|Guardian|review|report|inquiry)\b"
)
_WORD_BEFORE_RE = re.compile(r"[A-Za-z]+$")

_CUE_NOUNS = lexicon.RELATIVE_WORDS | lexicon.ROLE_WORDS
_CUE_NOUN = "|".join(sorted((re.escape(w) for w in _CUE_NOUNS), key=len, reverse=True))
_RELATIVE = "|".join(sorted((re.escape(w) for w in lexicon.RELATIVE_WORDS), key=len, reverse=True))
# A relative or role right after a name: "Jo (mother)", "Kowalski, Anna - dad's partner",
# "Jo, the social worker", "Rebwar and his dad", "Bill was the uncle".
_CUE_AFTER_RE = re.compile(
    r"(?:\s*\(|\s+[-–—]\s+|,\s+)(?:(?:the|her|his|their|a|[a-z]+['’]s)\s+)?(?:[a-z]+\s+)?(?:"
    + _CUE_NOUN
    + r")\b"
    + r"|\s+and\s+(?:his|her|their)\s+(?:"
    + _RELATIVE
    + r")\b"
    + r"|\s+(?:was|is)\s+(?:the|her|his|their|a)\s+(?:[a-z]+\s+)?(?:"
    + _RELATIVE
    + r")\b",
    re.IGNORECASE,
)
_CUE_GAP_RE = re.compile(r"[ \u00a0]*[,(:]?[ \u00a0]*")
_SENTENCE_BREAK_RE = re.compile(r"[.!?:;\n\"“”‘(•]|['’]\s|\s['’]")
_SAME_PHRASE_RE = re.compile(r"[ \u00a0]+")  # not a tab: table cells are not one name
_COMMA_RE = re.compile(r"[ \u00a0]*,[ \u00a0]+")
_INITIAL_RE = re.compile(r"[ \u00a0]+(?!I\b)([A-Z])\b\.?")
_TITLE_GAP_RE = re.compile(r"\.?[ \u00a0]+")
_YEAR_AFTER_RE = re.compile(r"[ \u00a0]+\d")

_TITLES = frozenset(lexicon.TITLES)
_AMBIGUOUS_KEYS = frozenset(w.lower() for w in lexicon.AMBIGUOUS_FIRST_NAMES)
_PROPER_SENSE_KEYS = frozenset(w.lower() for w in lexicon.PROPER_SENSE_NAMES)
_MASS_SENSE_KEYS = frozenset(w.lower() for w in lexicon.MASS_SENSE_NAMES)
_BLOCKED_KEYS = frozenset(w.lower() for w in lexicon.NON_NAME_WORDS | lexicon.LOCAL_AUTHORITY_AREAS) | set(
    "feb mar apr jun jul aug sep sept oct nov dec".split()  # "Sep-13" in a table
)
_MONTH_KEYS = frozenset(
    "january february march april may june july august september october november december".split()
)
# Words before a capitalised word that make it a thing, not a person ("rated Amber",
# "the Hope project"), and before a name-and-verb ("the Judge said").
_CATEGORY_WORDS = frozenset(
    "the a an this these those every each no any our your its as is was were be been "
    "being remained became become rated graded turned to".split()
)


def pseudonym_spans(text: str) -> list[tuple[int, int]]:
    """Spans that must never be reported as a person's name.

    Allowed pseudonyms ("Child A", "Young Person C", "Mr X") plus saints,
    laws and organisations named after people ("St John", "Clare's Law",
    "Lucy Faithfull Foundation").
    """
    spans = []
    for m in _PSEUDONYM_LETTER_RE.finditer(text):
        role = _PSEUDONYM_ROLE_RE.search(text, max(0, m.start() - 20), m.start())
        if role:
            spans.append((role.start(), m.end()))
    spans += [m.span() for m in _NAMESAKE_RE.finditer(text)]
    for m in _NAMED_LAW_RE.finditer(text):
        name = _WORD_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
        if name and (name.group()[0].isupper() or m.group().endswith("law")):
            spans.append((name.start(), m.end()))
    for m in _NAMED_RULE_RE.finditer(text):
        name = _WORD_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
        if name and name.group().istitle():
            spans.append((name.start(), m.end()))
    return spans


class Token(NamedTuple):
    start: int
    end: int  # end of the word, before any possessive "'s"
    after: int  # end including the possessive
    word: str
    key: str  # lexicon.name_key(word)
    shape: str  # "title" (Jo), "upper" (SMITH), "lower" (jo) or "other" (iPad)
    sentence_start: bool
    masked: bool
    blocked: bool  # an agency, role, month or local-authority word: never a name


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else "title"
    if word.istitle() or _MAC_RE.fullmatch(word):
        return "title"  # "Jo", "O'Farrell", "Kerry-Ann", "McDonald"
    return "other"


@lru_cache(maxsize=4)
def tokenise(text: str) -> tuple[Token, ...]:
    """Words of ``text`` with what the name rules need; cached, as both recognisers use it."""
    masked = bytearray(len(text))
    for start, end in pseudonym_spans(text):
        masked[start:end] = b"\x01" * (end - start)
    tokens: list[Token] = []
    append, name_key, blocked_keys = tokens.append, lexicon.name_key, _BLOCKED_KEYS
    previous_end = -1
    for m in _TOKEN_RE.finditer(text):
        word, (start, after) = m.group(), m.span()
        if word.endswith(("'s", "’s")) and len(word) > 2:
            word = word[:-2]
        end = start + len(word)
        key = word.lower() if word.isascii() and word.isalpha() else name_key(word)
        gap = text[previous_end:start] if previous_end >= 0 else ""
        append(
            Token(
                start,
                end,
                after,
                word,
                key,
                "lower" if word.islower() else _shape(word),
                previous_end < 0 or (gap != " " and _SENTENCE_BREAK_RE.search(gap) is not None),
                masked[start] == masked[end - 1] == 1,
                key in blocked_keys or len(word) < 2,
            )
        )
        previous_end = after
    return tuple(tokens)


@lru_cache(maxsize=65536)
def is_ordinary(key: str) -> bool:
    """True if a lower-case name-list word is more likely an ordinary word ("will", "smith", "he")."""
    key = key.split("-")[0]  # "grace-period", not "lacey-mae"
    if key in _AMBIGUOUS_KEYS or key in lexicon.common_words():
        return True
    # an obscure dictionary head word that is an English name is a name ("patel", "jo");
    # an inflected everyday word is not ("weeks", "mills")
    if key in lexicon.english_name_keys() and key in english_words():
        return False
    return is_english_word(key)


def _gap(text: str, first: Token, second: Token) -> str:
    return text[first.after : second.start]


class _Names:
    """Name-list look-ups ("Kerry-Ann" is a first name because "Kerry" is)."""

    def __init__(self):
        self.firsts = lexicon.first_name_keys()
        self.lasts = lexicon.surname_keys()
        # names that are also places, months, faiths ("Kent", "May", "Kenya"): never alone
        self.proper = _PROPER_SENSE_KEYS | lexicon.place_words()
        # and names that are also everyday words ("Amber"): alone only by a capital in mid-sentence
        self.context_only = _AMBIGUOUS_KEYS | self.proper

    @staticmethod
    def _in(key: str, names: frozenset[str]) -> bool:
        if key in names:
            return True
        first, *rest = key.split("-")
        return (
            bool(rest)
            and first in names
            and all(p in names or len(p) <= 3 or not is_english_word(p) for p in rest)
        )

    def first(self, token: Token) -> bool:
        return self._in(token.key, self.firsts)

    def last(self, token: Token) -> bool:
        return self._in(token.key, self.lasts)

    def listed(self, token: Token) -> bool:
        return self.first(token) or self.last(token)

    def usable(self, token: Token) -> bool:
        """Not a pseudonym, allow-listed word or odd shape; in lower case or capitals ("WILL",
        "SAID") only a listed name that is not an ordinary word.

        With a cue, names that are also months or faiths count ("May told her teacher",
        "Christian said"); local-authority names never do.
        """
        if token.masked or token.shape == "other":
            return False
        if token.blocked and (
            token.key not in _AMBIGUOUS_KEYS or token.word in lexicon.LOCAL_AUTHORITY_AREAS
        ):
            return False
        if token.shape == "title":
            return True
        return self.listed(token) and not is_ordinary(token.key) and token.key not in self.proper

    def surnameish(self, token: Token, like: Token) -> bool:
        """Could ``token`` be the surname after first name ``like`` (same case)?"""
        if token.masked or token.blocked or token.word in _TITLES:
            return False
        if like.shape == "lower":
            return token.shape == "lower" and (self.last(token) or not is_english_word(token.word))
        return token.shape in ("title", "upper")

    def surname_after(self, tokens: tuple[Token, ...], i: int, text: str) -> int:
        """Index of the surname right after first name tokens[i], else ``i``."""
        if i + 1 >= len(tokens) or not _SAME_PHRASE_RE.fullmatch(_gap(text, tokens[i], tokens[i + 1])):
            return i
        first, nxt = tokens[i], tokens[i + 1]
        if not self.surnameish(nxt, first):
            return i
        if first.key in self.context_only or first.blocked:  # "Grace Thompson", not "Grace Church"
            return i + 1 if self.last(nxt) else i
        return i + 1


class PersonNameRecogniser(Recogniser):
    """Words from the first-name and surname lists, in a shape or context that means a person.

    * Title + name ("Mrs Patel", "DC Hughes", "mrs patel"), unless a pseudonym ("Mr X").
    * A capitalised first name ("Kacper", "Siobhán"), with a surname or initial after it.
      First names that are also everyday words ("Amber", "Will") count when capitalised
      in mid-sentence; those that are also places, months or faiths ("Kent", "May",
      "Christian") only with a known surname after them or a cue around them.
    * Cues, in any case: a relative or role before ("his aunt Rose", "social worker jo",
      "the DSL, Kacper"), a reporting verb after ("jo smith told the school", "Hope said")
      or before ("told Grace", "speak to amira"), a relative or role after ("SMITH, Jo
      (mother)", "Kowalski, Anna - dad's partner", "Rebwar and his dad").
    * Surname first: "SMITH, Jo", "OKAFOR Chidi", "TREVASKIS, Jago".
    * A lower-case first name + surname ("agnieszka kowalska") where neither is an
      ordinary English word.
    * "the Smith family" / "the Smiths" with a known surname.
    Pseudonyms ("Child A"), saints, laws and organisations named after people are skipped,
    and local-authority names are never people.
    """

    kind = "person_name"

    def __init__(self):
        lexicon.first_names(), lexicon.surnames()  # load now: a missing list fails at start, not mid-scan
        lexicon.common_words(), lexicon.english_name_keys()
        self.names = _Names()

    def find(self, text):
        tokens = tokenise(text)
        firsts, lasts = self.names.firsts, self.names.lasts
        for i, token in enumerate(tokens):
            if (
                token.shape == "lower"
                and token.key not in firsts
                and token.key not in lasts
                and "-" not in token.key
                and token.word not in lexicon.LOWER_CASE_TITLES
            ):
                # most words: only ever the unknown surname of a first name before them
                if not i or tokens[i - 1].key not in firsts or token.blocked:
                    continue
            span = (
                self._title(tokens, i, text)
                or self._surname_first(tokens, i, text)
                or self._cued(tokens, i, text)
                or self._plain(tokens, i, text)
            )
            if span:
                yield Match(self.kind, *span)
        for m in _FAMILY_RE.finditer(text):
            key = lexicon.name_key(m.group(1))
            if key in self.names.lasts and key not in _BLOCKED_KEYS:
                yield self._m(m.start(1), m.end(1) + (1 if text[m.end(1) : m.end(1) + 1] == "s" else 0))

    def _title(self, tokens, i, text):
        """ "Mrs Patel", "Dr Jane Hughes", "DC Smith", "mrs patel": a title, then a name."""
        token = tokens[i]
        lower_title = token.shape == "lower" and token.word in lexicon.LOWER_CASE_TITLES
        if token.masked or not (token.word in _TITLES or lower_title):
            return None
        j = i + 1
        while j < len(tokens) and tokens[j].word in _TITLES:  # "Detective Sergeant Jones"
            j += 1
        if j >= len(tokens) or not _TITLE_GAP_RE.fullmatch(text[tokens[j - 1].end : tokens[j].start]):
            return None
        name = tokens[j]
        if name.masked or len(name.word) < 2 or (name.shape == "lower") != lower_title:
            return None
        if lower_title and (not self.names.listed(name) or is_ordinary(name.key)):
            return None  # "mrs patel", not "ms word"
        if token.word.isupper() and not (self.names.listed(name) or not is_english_word(name.word)):
            return None  # "DC Okonjo", not "PC World"
        if not lower_title and name.blocked and not self.names.first(name):
            return None
        return token.start, tokens[self.names.surname_after(tokens, j, text)].end

    def _surname_first(self, tokens, i, text):
        """ "SMITH, Jo", "OKAFOR Chidi", "Kowalski, Anna": a surname, then a first name."""
        if i + 1 >= len(tokens):
            return None
        token, nxt = tokens[i], tokens[i + 1]
        if token.masked or nxt.masked or token.blocked or nxt.blocked or nxt.shape != "title":
            return None
        gap = _gap(text, token, nxt)
        comma = bool(_COMMA_RE.fullmatch(gap))
        if token.shape == "upper" and len(token.word) > 2:
            known = (
                self.names.last(token) and self.names.first(nxt) and nxt.key not in self.names.context_only
            )
            if known and (comma or _SAME_PHRASE_RE.fullmatch(gap)):
                return token.start, nxt.end
            # "TREVASKIS, Jago": an unknown upper-case word (not an acronym), a comma, a capitalised word
            unknown = len(token.word) > 4 and not is_english_word(token.word)
            if comma and unknown and not is_english_word(nxt.word):
                return token.start, nxt.end
        if token.shape == "title" and comma and self.names.last(token) and not is_english_word(token.word):
            if self.names.first(nxt) and nxt.key not in self.names.context_only:
                return token.start, nxt.end
        return None

    def _cued(self, tokens, i, text):
        """A name with a cue around it: relative/role or verb before it, verb or relative after it."""
        token = tokens[i]
        if token.key in _MONTH_KEYS and _YEAR_AFTER_RE.match(text, token.after):
            return None  # "mum May 2021": a date
        cue = self._cue_before(tokens, i, text)
        if cue and i + 1 < len(tokens) and is_english_word(token.word):
            if self._in_title_case(tokens[i - 1], token, text) and tokens[i + 1].shape == "title":
                cue = None  # a heading in Title Case: "What The GP Will Do Next"
        if cue and self.names.usable(token):
            # after a relative or role any unknown capitalised word will do; after a verb, a listed one
            if self.names.listed(token) or (cue == "noun" and not is_english_word(token.word)):
                return token.start, tokens[self.names.surname_after(tokens, i, text)].end
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        verb_after = (
            nxt is not None
            and nxt.shape == "lower"
            and (
                nxt.key in lexicon.REPORTING_VERBS
                or (token.shape == "lower" and nxt.key in lexicon.SUBJECT_VERBS)  # "ryan was excluded"
            )
            and _SAME_PHRASE_RE.fullmatch(_gap(text, token, nxt))
        )
        # "connor's dad", "Amber's mum"
        relative_after = token.after > token.end and nxt is not None and nxt.key in lexicon.RELATIVE_WORDS
        if not (verb_after or relative_after or _CUE_AFTER_RE.match(text, token.after)):
            return None
        start = i - 1 if i and self._first_before(tokens[i - 1], token, text) else i
        if start == i:
            if not self.names.usable(token):
                return None
            if not self.names.listed(token) and (verb_after or relative_after or is_english_word(token.word)):
                return None
        if start and tokens[start - 1].key in _CATEGORY_WORDS and tokens[start - 1].shape != "upper":
            return None  # "the Judge said"
        return tokens[start].start, token.end

    def _cue_before(self, tokens, i, text):
        """ "noun" after a relative or role ("his aunt Rose"), "verb" after "told" or "speak to"."""
        if not i or tokens[i - 1].masked:
            return None
        prev, gap = tokens[i - 1], _gap(text, tokens[i - 1], tokens[i])
        if prev.key in _CUE_NOUNS and _CUE_GAP_RE.fullmatch(gap) and gap:
            return "noun"
        if prev.key == "of" and i > 1 and tokens[i - 2].key in lexicon.RELATIVE_WORDS and gap == " ":
            return "noun"  # "the mother of jo smith"
        if not _SAME_PHRASE_RE.fullmatch(gap):
            return None
        if prev.key in lexicon.OBJECT_VERBS:
            return "verb"
        if prev.key in ("to", "with") and i > 1 and tokens[i - 2].key in lexicon.TO_VERBS:
            return "verb"
        return None

    def _first_before(self, prev: Token, token: Token, text: str) -> bool:
        """Is ``prev`` the first name (or, across a comma, the surname) of ``token``?"""
        gap = _gap(text, prev, token)
        if _SAME_PHRASE_RE.fullmatch(gap):
            return self.names.first(prev) and self.names.usable(prev) and self.names.surnameish(token, prev)
        if not _COMMA_RE.fullmatch(gap) or not self.names.first(token) or token.shape == "lower":
            return False
        return self.names.usable(prev) and (self.names.last(prev) or not is_english_word(prev.word))

    def _plain(self, tokens, i, text):
        """No cue: a capitalised first name, a lower-case full name or double first name."""
        token = tokens[i]
        if token.masked or token.shape not in ("title", "lower") or not self.names.first(token):
            return None  # not "YOUNG MAN": capitals alone may be a heading or an acronym
        j = self.names.surname_after(tokens, i, text)
        if token.shape == "lower":
            if not self.names.usable(token):
                return None
            if j > i and self.names.last(tokens[j]) and not is_ordinary(tokens[j].key):
                return token.start, tokens[j].end  # "agnieszka kowalska"
            parts = token.key.split("-")
            if len(parts) > 1 and not is_ordinary(parts[0]) and all(p in self.names.firsts for p in parts):
                return token.start, token.end  # "ellie-mae"
            return None
        if j > i:
            return token.start, tokens[j].end
        if token.blocked:
            return None
        if token.key in self.names.context_only and not self._name_by_capital(tokens, i, text):
            return None
        if i and is_english_word(token.word) and self._in_title_case(tokens[i - 1], token, text):
            return None  # a heading in Title Case: "The Early Help Worker Held A Meeting"
        initial = _INITIAL_RE.match(text, token.after)
        if initial and not any(t.masked for t in tokens[i : i + 2]):
            return token.start, initial.end(1)
        return token.start, token.end

    @staticmethod
    def _in_title_case(prev: Token, token: Token, text: str) -> bool:
        return prev.shape == "title" and is_english_word(prev.word) and _gap(text, prev, token) == " "

    def _name_by_capital(self, tokens, i, text) -> bool:
        """ "When we visited, Amber was sitting...": a capital in mid-sentence makes "Amber" a name."""
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.key in self.names.proper:
            return False
        if token.after > token.end:  # "Harper's nursery", "Hope's mum"
            return True
        if token.sentence_start:  # "Rose was quiet", not "Hope was fading"
            return (
                token.key not in _MASS_SENSE_KEYS
                and nxt is not None
                and nxt.key in lexicon.SUBJECT_VERBS
                and nxt.shape == "lower"
                and _gap(text, token, nxt) == " "
            )
        prev = tokens[i - 1]
        if prev.key in _CATEGORY_WORDS or (
            prev.shape != "lower" and _SAME_PHRASE_RE.fullmatch(_gap(text, prev, token))
        ):
            return False  # "rated Amber", "Operation Amber"
        return not (nxt and nxt.shape != "lower" and _SAME_PHRASE_RE.fullmatch(_gap(text, token, nxt)))


class PossibleNameRecogniser(Recogniser):
    """Two or more capitalised words mid-sentence that are not English words: maybe a name.

    Not at the start of a sentence, not agencies, roles, local-authority areas, months or
    acronyms, not pseudonyms: what is left ("Tsegay Haile", "Abdikarim Warsame") is
    reported for the editor to judge.
    """

    kind = "possible_name"

    def __init__(self):
        lexicon.first_names(), lexicon.surnames()  # the dictionary loads with them
        self.places = lexicon.place_words()

    def find(self, text):
        run: list[Token] = []
        for token in (*tokenise(text), None):
            unknown = token is not None and self._unknown(token)
            if unknown and run and self._joined(run[-1], token, text):
                run.append(token)
                continue
            if len(run) >= 2:
                yield self._m(run[0].start, run[-1].end)
            run = [token] if unknown else []

    def _unknown(self, token: Token) -> bool:
        return (
            token.shape == "title"
            and not token.sentence_start
            and not token.masked
            and not token.blocked
            and token.word not in _TITLES
            and token.word not in lexicon.BRAND_WORDS
            and token.key not in self.places
            and not is_english_word(token.word)
        )

    @staticmethod
    def _joined(prev: Token, token: Token, text: str) -> bool:
        return prev.after == prev.end and bool(_SAME_PHRASE_RE.fullmatch(_gap(text, prev, token)))
