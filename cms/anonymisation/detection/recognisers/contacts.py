"""Ways to reach a person: phone numbers and email addresses."""

from __future__ import annotations

import re

from ..dictionary import english_words, is_english_word
from .base import Recogniser, require
from .windows import find_all, finditer, inside, link_spans, lower_ascii, stretches, whole_words


class PhoneRecogniser(Recogniser):
    """UK (and international) phone numbers via ``phonenumbers``.

    Leniency VALID is used for precision; in addition POSSIBLE matches are
    kept when they are written like a dialled number (leading 0 or +) with a
    plausible length, which catches numbers in ranges the metadata treats as
    unassigned (e.g. Ofcom's 07700 900xxx drama range) without flagging bare
    digit strings such as years or reference numbers.
    """

    kind = "phone"
    region = "GB"
    # Organisational, non-personal numbers that may be published: freephone
    # helplines (0800/0808, e.g. Childline 0800 1111, NSPCC 0808 800 5000),
    # 03xx council/charity contact centres and 116 xxx helplines (Samaritans).
    PUBLIC_PREFIXES = ("800", "808", "300", "330", "333", "343", "344", "345", "370", "371", "116")

    def __init__(self):
        self._phonenumbers = require("phonenumbers", "Phone numbers")

    def _is_public(self, number) -> bool:
        if number.country_code != 44:
            return False
        national = str(number.national_number)
        return national.startswith(self.PUBLIC_PREFIXES)

    def find(self, text):
        phonenumbers = self._phonenumbers
        links = link_spans(text)
        seen: set[tuple[int, int]] = set()
        for m in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.VALID):
            seen.add((m.start, m.end))
            if not self._is_public(m.number) and not inside(links, m.start, m.end):
                yield self._m(m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.POSSIBLE):
            if (m.start, m.end) in seen or self._is_public(m.number) or inside(links, m.start, m.end):
                continue
            raw = m.raw_string.strip()
            digits = re.sub(r"\D", "", raw)
            if raw.startswith("+") and 8 <= len(digits) <= 15:
                yield self._m(m.start, m.end)
            elif raw.lstrip("(").startswith("0") and len(digits) in (10, 11):
                yield self._m(m.start, m.end)


EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# Addresses written out to dodge spam filters: "jo dot smith at gmail dot com",
# "kayden99 [at] hotmail [dot] co [dot] uk", "j.smith (at) nhs.net".
_PLAIN_AT = r"\s+at\s+"
_AT = rf"(?:\s*[\[({{<]\s*(?:at|@)\s*[\])}}>]\s*|{_PLAIN_AT}|\s*@\s*)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
_DOT_RE = re.compile(_DOT, re.IGNORECASE)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.@])(?P<local>[A-Za-z0-9_%+-]+(?:{_DOT}[A-Za-z0-9_%+-]+)*)"
    rf"(?P<at>{_AT})(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})+)\b",
    re.IGNORECASE,
)
# "kayla99 at gmail", "jo.smith@hotmail": a mail provider with no ending is still an address.
PROVIDER_ONLY_RE = re.compile(
    rf"(?<![\w.@])(?P<local>[A-Za-z0-9_%+-]+(?:{_DOT}[A-Za-z0-9_%+-]+)*)(?P<at>{_AT})"
    r"(?P<domain>gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|btinternet|aol|protonmail)\b(?![.@])",
    re.IGNORECASE,
)
TOP_LEVEL_DOMAINS = frozenset(
    "com org net uk co gov ac nhs sch edu io me info biz ie eu de fr es it nl pl ro us ca au in".split()
)
COUNTRY_CODES = frozenset("uk ie eu de fr es it nl pl ro us ca au in".split())
# Second-level names under a country code ("co.uk"): not a domain on their own.
SECOND_LEVEL = frozenset("co ac gov nhs sch org ltd plc me net police mod com".split())
FUNCTION_WORDS = frozenset("the a an this that his her their our your my its some any".split())
MAIL_PROVIDERS = frozenset(
    """gmail googlemail hotmail outlook live msn yahoo ymail icloud aol btinternet sky
    virginmedia talktalk protonmail proton gmx""".split()
)


class EmailRecogniser(Recogniser):
    """Email addresses, plain or written out ("name at provider dot com").

    A written-out address needs a real domain ending. When neither "at" nor "dot" is
    disguised ("find out more at nspcc.org.uk") it reads as a website, so it is only
    reported when the domain is a mail provider or the part before "at" looks like a
    mailbox rather than an ordinary word ("j.smith at nhs.net", "jsmith at nhs.net").
    """

    kind = "email"

    def __init__(self):
        english_words()  # load now: a missing word list stops the check at start-up

    def find(self, text):
        ats = [(i, i + 1) for i in find_all(text, "@")]
        if ats:
            for m in EMAIL_RE.finditer(text):
                yield self._m(m.start(), m.end())
        ats += whole_words(lower_ascii(text), frozenset({"at"}))
        near_ats = stretches(text, ats, before=80, after=100)
        for m in finditer(OBFUSCATED_EMAIL_RE, text, near_ats):
            if self._is_address(m):
                yield self._m(m.start(), m.end())
        for m in finditer(PROVIDER_ONLY_RE, text, near_ats):
            if "@" in m.group("at") or _is_mailbox(m.group("local")):
                yield self._m(m.start(), m.end())

    @staticmethod
    def _is_address(m: re.Match) -> bool:
        labels = [label.lower() for label in _DOT_RE.split(m.group("domain"))]
        if labels[-1] not in TOP_LEVEL_DOMAINS:
            return False
        if FUNCTION_WORDS.intersection(labels):
            return False  # "we looked at the dot com address"
        names = labels[:-1]
        if labels[-1] in COUNTRY_CODES and names[-1] in SECOND_LEVEL:
            names.pop()
        if not names:
            return False
        if not re.fullmatch(_PLAIN_AT, m.group("at"), re.IGNORECASE) or "." not in m.group("domain"):
            return True  # "[at]", "@" or "dot": written to be an address
        return names[-1] in MAIL_PROVIDERS or (labels[0] != "www" and _is_mailbox(m.group("local")))


def _is_mailbox(local: str) -> bool:
    """A mailbox name before "at" ("j.smith", "kayla99", "jsmith"), not a word ("find out more at")."""
    return bool(re.search(r"[\d._%+-]", local)) or (local.islower() and not is_english_word(local))
