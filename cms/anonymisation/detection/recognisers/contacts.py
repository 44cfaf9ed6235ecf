"""Ways to reach a person: phone numbers and email addresses."""

from __future__ import annotations

import re

from .base import Recogniser, require


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
        seen: set[tuple[int, int]] = set()
        for m in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.VALID):
            seen.add((m.start, m.end))
            if not self._is_public(m.number):
                yield self._m(m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.POSSIBLE):
            if (m.start, m.end) in seen or self._is_public(m.number):
                continue
            raw = m.raw_string.strip()
            digits = re.sub(r"\D", "", raw)
            if raw.startswith("+") and 8 <= len(digits) <= 15:
                yield self._m(m.start, m.end)
            elif raw.lstrip("(").startswith("0") and len(digits) in (10, 11):
                yield self._m(m.start, m.end)


EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


class EmailRecogniser(Recogniser):
    kind = "email"

    def find(self, text):
        for m in EMAIL_RE.finditer(text):
            yield self._m(m.start(), m.end())
