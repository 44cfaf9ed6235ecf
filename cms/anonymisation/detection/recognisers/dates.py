"""Exact dates and dates of birth, in figures or in words.

A full date (day, month and year) is reported wherever it appears. A partial date is only
identifying when it is a birth date: a day and month, or a month and year, tied to a
birth cue ("born", "DOB", "birthday") or to an age being reached ("turned 13 on 4 June").
The month and year of an event ("in March 2022 the case closed") pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Recogniser
from .windows import finditer, lower_ascii, stretches, word_positions

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ORDINAL_UNIT = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_ORDINAL_WORD = (
    rf"(?:twenty[- ]?{_ORDINAL_UNIT}|thirty[- ]?first|twentieth|thirtieth|tenth|eleventh|twelfth|"
    rf"(?:thir|four|fif|six|seven|eigh|nine)teenth|{_ORDINAL_UNIT})"
)
_DAY_NUMBER = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_DAY = rf"(?:the\s+)?(?:{_DAY_NUMBER}|{_ORDINAL_WORD})"
# A day with no month ("his birthday on the 21st") must be written as an ordinal, and is
# not "the first day of term".
_DAY_ORDINAL = (
    rf"(?:(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)|{_ORDINAL_WORD})\b"
    r"(?!\s+(?:day|week|month|time|night|occasion|attempt)s?\b)"
)
_BELOW_HUNDRED = rf"(?:{_TENS}(?:[- ]{_UNIT})?|{_TEEN}|{_UNIT})"
_YEAR_WORDS = (
    rf"(?:two\s+thousand(?:(?:\s+and)?\s+{_BELOW_HUNDRED})?"  # two thousand and ten
    rf"|(?:nineteen|twenty)[- ](?:{_TENS}(?:[- ]{_UNIT})?|{_TEEN}|oh[- ]{_UNIT}))"  # twenty ten
)
_YEAR = rf"(?:(?:19|20)\d{{2}}|['’]\d{{2}}|{_YEAR_WORDS})"
_AGE = rf"(?:\d{{1,2}}|{_BELOW_HUNDRED})"
_AGE_ORDINAL = rf"(?:1[0-9]th|[2-9](?:st|nd|rd|th)|{_ORDINAL_WORD})"
# Days that fall on one date every year.
_FIXED_DAY = (
    r"(?:Christmas\s+(?:Day|Eve)|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Hogmanay|Halloween|"
    r"Valentine['’]s\s+Day|Bonfire\s+Night|Guy\s+Fawkes\s+Night|St\.?\s+(?:Patrick|George|Andrew|David)['’]s\s+Day)"
)
# "May", "early May", "mid-May"
_MONTH_PART = rf"(?:(?:early|late|mid)[- ]?\s*)?{_MONTH}"
_DAY_MONTH = (
    rf"(?:{_DAY}(?:\s+of)?\s+{_MONTH}(?![A-Za-z])|{_MONTH}\s+{_DAY}(?![A-Za-z0-9])|{_FIXED_DAY}(?![A-Za-z]))"
)

TEXT_DATE_RES = (
    # 3 March 2012, the 3rd of March, 2012, twelfth June two thousand and eleven, 12-Apr-2013
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+(?:(?:in|of)\s+)?{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY_NUMBER}([-/]){_MONTH}\1(?:19|20)?\d{{2}}\b", re.IGNORECASE),
    # March 3, 2012 / March the 3rd 2012
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?:(?:in|of)\s+)?{_YEAR}\b", re.IGNORECASE),
    # Christmas Day 2016
    re.compile(rf"\b{_FIXED_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
)
FIGURES_RE = re.compile(r"\d[/.-]\d")
NUMERIC_DATE_RE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)")
# "on 3.6.24": after a preposition, a short dotted form is a date, not a section number.
DATE_PREPOSITION_RE = re.compile(r"\b(?:on|from|until|till|by|since|dated|before|after)\s+$", re.IGNORECASE)
ISO_DATE_RE = re.compile(
    r"(?<![\d/.-])(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d/.-]\d|\d)"
)
MONTH_YEAR_RE = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
# The cue just before a full date or a month and year: "DOB:", "born on", "birthday is".
DOB_CUE_RE = re.compile(
    r"(?:\bDOB\b|\bD\.O\.B\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bbirthday\b|"
    r"\bborn\b(?:\s+(?:on|in))?)(?:\s+(?:early|late|mid)-?)?"
    r"\s*(?:(?:['’]s|was|is|of|on|:|-|–|,|\()\s*)*$",
    re.IGNORECASE,
)
# Partial birth dates: a day and month, a birth month or a bare day, tied to a birth cue or
# an age being reached.
PARTIAL_DOB_RES = (
    # DOB 3rd June / her birthday is the 3rd of March / born at home on 4 June
    re.compile(
        r"(?:\bDOB\b|\bD\.O\.B\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bbirthday\b|\bborn(?:\s+[\w'-]+){0,3}?)"
        rf"(?:\s*(?:['’]s|was|is|falls|fell|on|of|:|-|–|,|\())*\s*{_DAY_MONTH}",
        re.IGNORECASE,
    ),
    # his 16th birthday on the 21st
    re.compile(
        rf"\b(?:birthday(?:['’]s)?\s+(?:(?:was|is|fell|falls)\s+)?|born\s+)on\s+the\s+{_DAY_ORDINAL}",
        re.IGNORECASE,
    ),
    # her 13th birthday in June: an age and a birth month give the month and year of birth
    re.compile(
        rf"\b{_AGE_ORDINAL}\s+birthday\s+(?:(?:was|fell)\s+)?in\s+(?:the\s+)?{_MONTH_PART}", re.IGNORECASE
    ),
    # she turned 13 on 4 June / turned fifteen in the May half term / turned 9 on the 4th
    re.compile(
        rf"\bturned\s+{_AGE}(?:\s+years?\s+old)?\s+"
        rf"(?:on\s+{_DAY_MONTH}|on\s+the\s+{_DAY_ORDINAL}|"
        rf"(?:in|at\s+the\s+(?:start|end|beginning)\s+of)\s+(?:the\s+)?{_MONTH_PART})",
        re.IGNORECASE,
    ),
    # 6 weeks old on the 12th of April / (16 on 30 Sept) / will be 18 on 2 May
    re.compile(
        rf"(?:\b{_AGE}\s+(?:days?|weeks?|months?|years?)\s+old|"
        rf"(?:\(|\b(?:turns?|turning|be|was|is|aged|becomes|became)\s+){_AGE})\s+on\s+{_DAY_MONTH}",
        re.IGNORECASE,
    ),
    # turns 18 in March: the age still to come dates the birth
    re.compile(
        rf"\b(?:turns|turning|will\s+be|becomes)\s+{_AGE}\s+in\s+{_MONTH_PART}(?![A-Za-z])", re.IGNORECASE
    ),
    # DOB 03/2009: a birth month and year in figures
    re.compile(
        r"(?:\bDOB\b|\bD\.O\.B\.?|\bdate\s+of\s+birth\b|\bborn\b(?:\s+in)?)\s*(?:(?:was|is|:|-|–)\s*)*"
        r"(?<![\d/])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\d/])",
        re.IGNORECASE,
    ),
    # 4 June was her birthday / on 4 June, his 13th birthday / an August 31st birthday
    re.compile(
        rf"\b{_DAY_MONTH}(?:,?\s+(?:(?:was|is)\s+)?(?:her|his|their|my|Child\s+[A-Z]['’]s)\s+"
        rf"(?:{_AGE_ORDINAL}\s+)?|\s+)birthday\b",
        re.IGNORECASE,
    ),
)
# "born in March" with no year is a birth date when the story gives the age nearby.
BORN_MONTH_RE = re.compile(rf"\bborn\s+in\s+{_MONTH_PART}(?![A-Za-z])", re.IGNORECASE)
AGE_RE = re.compile(
    rf"\b(?:aged?\s+{_AGE}\b|{_AGE}[- ]years?[- ]old|turned\s+{_AGE}\b)|\b{_AGE_ORDINAL}\s+birthday",
    re.IGNORECASE,
)
_AGE_WINDOW = 80


# Words a date pattern cannot match without; the patterns run only on the text around them.
_MONTH_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_OTHER_CUES = (
    "christmas", "boxing", "new year", "hogmanay", "halloween", "valentine", "bonfire", "guy fawkes",
    "st patrick", "st. patrick", "st george", "st. george", "st andrew", "st. andrew", "st david",
    "st. david", "birth", "born", "dob", "d.o.b", "turned",
)  # fmt: skip


@lru_cache(maxsize=8)
def _date_stretches(text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of ``text`` around month names and other date cues (shared by both
    recognisers, hence cached)."""
    lowered = lower_ascii(text)
    months = [(s, e) for s, e in word_positions(lowered, _MONTH_STARTS) if lowered[s:e] in _MONTH_WORDS]
    return tuple(stretches(text, [*months, *word_positions(lowered, _OTHER_CUES)], before=80, after=60))


def _valid_numeric_date(d: int, m: int) -> bool:
    return (1 <= d <= 31 and 1 <= m <= 12) or (1 <= m <= 31 and 1 <= d <= 12)


def exact_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of full dates (day, month and year) in figures or in words."""
    return list(_exact_date_spans(text))


@lru_cache(maxsize=8)
def _exact_date_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for regex in TEXT_DATE_RES:
        spans += [m.span() for m in finditer(regex, text, _date_stretches(text))]
    # dates in figures have a digit, a separator and a digit somewhere
    near_figures = stretches(text, [m.span() for m in FIGURES_RE.finditer(text)], before=8, after=12)
    for m in finditer(NUMERIC_DATE_RE, text, near_figures):
        a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
        short_dotted = m.group(2) == "." and len(year) == 2 and (len(m.group(1)) < 2 or len(m.group(3)) < 2)
        if short_dotted and not DATE_PREPOSITION_RE.search(text, max(0, m.start() - 10), m.start()):
            continue  # "1.5.20" is more likely a version/section number than a date
        if _valid_numeric_date(a, b):
            spans.append(m.span())
    spans += [m.span() for m in finditer(ISO_DATE_RE, text, near_figures)]
    return tuple(spans)


class ExactDateRecogniser(Recogniser):
    """Full dates (day + month + year).  Month+year or year alone pass."""

    kind = "exact_date"

    def find(self, text):
        for start, end in _exact_date_spans(text):
            yield self._m(start, end)


class DateOfBirthRecogniser(Recogniser):
    """A birth cue ("DOB", "date of birth", "born on", "turned 13 on") with a date.

    "born in March 2012" (month + year) is also reported as a date of birth: a birth
    month narrows identity a lot more than a year. "born in 2012" passes.
    """

    kind = "date_of_birth"

    def find(self, text):
        near_cues = _date_stretches(text)
        month_years = [(m.start(), m.end()) for m in finditer(MONTH_YEAR_RE, text, near_cues)]
        for start, end in [*_exact_date_spans(text), *month_years]:
            cue = DOB_CUE_RE.search(text, max(0, start - 30), start)
            if cue:
                yield self._m(cue.start(), end)
        for regex in PARTIAL_DOB_RES:
            for m in finditer(regex, text, near_cues):
                yield self._m(m.start(), m.end())
        for m in finditer(BORN_MONTH_RE, text, near_cues):
            window = text[max(0, m.start() - _AGE_WINDOW) : m.end() + _AGE_WINDOW]
            if AGE_RE.search(window):
                yield self._m(m.start(), m.end())
