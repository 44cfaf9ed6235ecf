"""Exact dates and dates of birth."""

from __future__ import annotations

import re

from .base import Recogniser

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

TEXT_DATE_RES = (
    # 3 March 2012, 3rd of March 2012, 3rd March, 2012
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    # March 3, 2012 / March 3rd 2012
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
)
NUMERIC_DATE_RE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)")
ISO_DATE_RE = re.compile(r"(?<![\d/-])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])")
MONTH_YEAR_RE = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
DOB_CUE_RE = re.compile(
    r"(?:\bDOB\b|\bD\.O\.B\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bbirthday\b|"
    r"\bborn\b(?:\s+(?:on|in))?)"
    r"\s*(?:(?:was|is|of|:|-|–|,)\s*)*$",
    re.IGNORECASE,
)


def _valid_numeric_date(d: int, m: int) -> bool:
    return (1 <= d <= 31 and 1 <= m <= 12) or (1 <= m <= 31 and 1 <= d <= 12)


def exact_date_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for regex in TEXT_DATE_RES:
        spans += [(m.start(), m.end()) for m in regex.finditer(text)]
    for m in NUMERIC_DATE_RE.finditer(text):
        a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if m.group(2) == "." and len(year) == 2 and (len(m.group(1)) < 2 or len(m.group(3)) < 2):
            continue  # "1.5.20" is more likely a version/section number than a date
        if _valid_numeric_date(a, b):
            spans.append((m.start(), m.end()))
    spans += [(m.start(), m.end()) for m in ISO_DATE_RE.finditer(text)]
    return spans


class ExactDateRecogniser(Recogniser):
    """Full dates (day + month + year).  Month+year or year alone pass."""

    kind = "exact_date"

    def find(self, text):
        for start, end in exact_date_spans(text):
            yield self._m(start, end)


class DateOfBirthRecogniser(Recogniser):
    """A birth cue ("DOB", "date of birth", "born on") followed by a date.

    "born in March 2012" (month + year) is also reported as a date of birth:
    a birth month narrows identity a lot more than a year.  "born in 2012"
    passes.
    """

    kind = "date_of_birth"

    def find(self, text):
        spans = exact_date_spans(text) + [(m.start(), m.end()) for m in MONTH_YEAR_RE.finditer(text)]
        for start, end in spans:
            window_start = max(0, start - 30)
            cue = DOB_CUE_RE.search(text, window_start, start)
            if cue:
                yield self._m(cue.start(), end)
