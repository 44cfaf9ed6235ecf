"""Numbers that belong to one person or one record: NHS, National Insurance, case references."""

from __future__ import annotations

import re

from .base import Recogniser, require

NHS_RE = re.compile(r"(?<![\d+])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d])")
NHS_CUE_RE = re.compile(r"\bNHS\s*(?:no\.?|number|num|#)?\s*[:#]?\s*$", re.IGNORECASE)


def nhs_checksum_ok(digits: str) -> bool:
    """Mod-11 NHS number check (python-stdnum)."""
    return require("stdnum.gb.nhs", "NHS numbers").is_valid(digits)


class NHSNumberRecogniser(Recogniser):
    """Ten digits (optionally 3-3-4) with a valid mod-11 checksum.

    A number explicitly labelled "NHS number" is reported even if the
    checksum fails (it is still someone's attempt at an NHS number).
    """

    kind = "nhs_number"

    def __init__(self):
        self._nhs = require("stdnum.gb.nhs", "NHS numbers")

    def find(self, text):
        for m in NHS_RE.finditer(text):
            digits = m.group(1) + m.group(3) + m.group(4)
            labelled = bool(NHS_CUE_RE.search(text[max(0, m.start() - 20) : m.start()]))
            if self._nhs.is_valid(digits) or labelled:
                yield self._m(m.start(), m.end())


NINO_RE = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
)


class NINumberRecogniser(Recogniser):
    kind = "ni_number"

    def find(self, text):
        for m in NINO_RE.finditer(text):
            yield self._m(m.start(), m.end())


REFERENCE_CUE_RE = re.compile(
    r"\b(?:case|client|patient|record|file|crime|incident|referral|hospital|"
    r"unique pupil|UPN|CRN|ULN|NI|ID)\s*"
    r"(?:ref(?:erence)?\.?|no\.?|number|num|id|#)?\s*[:#]?\s*"
    r"([A-Z]{0,4}[-/]?\d[\dA-Z/-]{3,})\b",
    re.IGNORECASE,
)
REFERENCE_ALONE_RE = re.compile(
    r"\b(?:ref(?:erence)?\.?|ref\s+no\.?)\s*[:#]?\s*([A-Z]{0,4}[-/]?\d[\dA-Z/-]{3,})\b",
    re.IGNORECASE,
)
LONG_DIGITS_RE = re.compile(r"(?<![\d+])\d{8,}(?!\d)")


class ReferenceNumberRecogniser(Recogniser):
    """Case/record reference numbers and long bare digit runs (>= 8 digits).

    Reference numbers from an agency's case-management system link straight
    back to a real record, so they are reported even though they are not NHS
    or phone numbers.
    """

    kind = "reference_number"

    def find(self, text):
        for regex in (REFERENCE_CUE_RE, REFERENCE_ALONE_RE):
            for m in regex.finditer(text):
                value = m.group(1)
                if sum(c.isdigit() for c in value) >= 3 and not re.fullmatch(r"(?:19|20)\d{2}", value):
                    yield self._m(m.start(1), m.end(1))
        for m in LONG_DIGITS_RE.finditer(text):
            yield self._m(m.start(), m.end())
