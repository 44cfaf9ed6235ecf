"""Numbers that belong to one person or one record: NHS, National Insurance, case references."""

from __future__ import annotations

import re

from ..dictionary import english_words, is_english_word
from .base import Recogniser, require
from .windows import finditer, inside, link_spans, lower_ascii, stretches, whole_words

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
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
    re.IGNORECASE,
)


class NINumberRecogniser(Recogniser):
    kind = "ni_number"

    def find(self, text):
        for m in NINO_RE.finditer(text):
            yield self._m(m.start(), m.end())


# Case-management and record systems whose numbers lead back to one child or one record.
_REFERENCE_CUE = (
    r"(?:case|client|patient|record|file|crime|incident|occurrence|log|referral|hospital|child|person|family|"
    r"pupil|unique\s+pupil|unique\s+learner|court|police|Mosaic|LCS|Liquid\s?logic|EHM|CP-?IS|CAD|"
    r"Storm|Niche|Athena|PNC|EMIS|SystmOne|UPN|CRN|ULN|MRN|URN|CHI|HSC|NI|ID)"
)
# Everyday words among the cues: without a label ("case no.", "family ID") they need a
# number that looks like a record's, not "family 1000" (a page slug's counter) or "child 2".
_EVERYDAY_CUES = frozenset(
    "case client patient record file incident occurrence log referral hospital child person family "
    "pupil court police".split()
)
_REFERENCE_LABEL = r"(?:ref(?:erence)?\.?|no\.?|number|num|id|#|log|record)"
REFERENCE_CUE_RE = re.compile(
    rf"\b(?P<cue>{_REFERENCE_CUE})(?P<label>(?:\s*{_REFERENCE_LABEL})*)\s*[:#]?\s*"
    r"([A-Z]{0,4}[-/]?\d[\dA-Z/*-]{3,})\b",
    re.IGNORECASE,
)
REFERENCE_ALONE_RE = re.compile(
    r"\b(?:ref(?:erence)?\.?|ref\s+no\.?)\s*[:#]?\s*([A-Z]{0,4}[-/]?\d[\dA-Z/-]{3,})\b",
    re.IGNORECASE,
)
# A year, a span of years ("2021", "2020/21") or an age range ("16-17") is not a reference.
YEARS_RE = re.compile(r"(?:19|20)\d{2}(?:[/-](?:19|20)?\d{2})?|\d{1,3}[-/]\d{1,3}")
# Shapes that are references wherever they appear: a long digit run, a police-style
# "14/23456/22", a prefixed "CR/123456", a unique pupil number "A123456789012".
REFERENCE_SHAPE_RES = (
    re.compile(r"(?<![\d+])\d{8,}(?!\d)"),
    re.compile(r"(?<![\d/])\d{2}/(?!(?:19|20)\d{2}/)\d{4,7}/\d{2,4}(?![\d/])"),
    re.compile(r"(?<![\w/-])[A-Z]{2,5}[-/]?\d{5,}(?:[-/]\d{2,4})?(?![\w/-])"),
    re.compile(r"(?<![\w/-])[A-Z]\d{11}[0-9A-Z](?![\w/-])"),
)


class ReferenceNumberRecogniser(Recogniser):
    """Case/record reference numbers and reference-shaped numbers.

    Reference numbers from an agency's case-management system (Mosaic, LCS, EHM, a police
    crime or incident log, a hospital number, a UPN) link straight back to a real record,
    so they are reported even though they are not NHS or phone numbers.
    """

    kind = "reference_number"

    def find(self, text):
        near_digits = stretches(text, _digit_runs(text), before=60, after=30)
        links = link_spans(text)
        for start, end in self._candidates(text, near_digits):
            if not inside(links, start, end):
                yield self._m(start, end)

    @staticmethod
    def _candidates(text, near_digits):
        for regex in (REFERENCE_CUE_RE, REFERENCE_ALONE_RE):
            for m in finditer(regex, text, near_digits):
                value = m.group(m.lastindex)
                if sum(c.isdigit() for c in value) < 3 or YEARS_RE.fullmatch(value):
                    continue
                if regex is REFERENCE_CUE_RE and _weakly_cued(m, value):
                    continue
                yield m.span(m.lastindex)
        for regex in REFERENCE_SHAPE_RES:
            for m in finditer(regex, text, near_digits):
                yield m.span()


def _weakly_cued(m: re.Match, value: str) -> bool:
    """An everyday cue word with no label before a short plain number ("family 1000")."""
    cue = " ".join(m.group("cue").lower().split())
    return cue in _EVERYDAY_CUES and not m.group("label").strip() and value.isdigit() and len(value) < 5


DIGIT_RUN_RE = re.compile(r"\d{3,}")


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """Every reference and passport number has three digits in a row somewhere."""
    return [m.span() for m in DIGIT_RUN_RE.finditer(text)]


# A UK passport number is nine digits; other countries use six to nine letters and digits.
PASSPORT_RE = re.compile(
    r"\bpassport(?:['’]s)?(?:\s*[:#,(–-]|\s*(?:number|no|num|details|ref|is|was|reads|read|of)\b\.?)*\s*"
    r"(?P<value>\d{3}\s\d{3}\s\d{3}(?!\d)|(?=[A-Z]{0,3}\d)[A-Z0-9]{6,9}\b)",
    re.IGNORECASE,
)


class PassportNumberRecogniser(Recogniser):
    """A passport number, recognised only after the word "passport"."""

    kind = "passport_number"

    def find(self, text):
        cues = whole_words(lower_ascii(text), frozenset({"passport", "passports"}))
        for m in finditer(PASSPORT_RE, text, stretches(text, cues, before=0, after=60)):
            if sum(c.isdigit() for c in m.group("value")) >= 4:
                yield self._m(m.start("value"), m.end("value"))


# Current format "AB12 CDE": area letters, an age identifier (02-29 March, 51-79 September)
# and three random letters; I, Q and Z are not used in the area letters.
_CURRENT_PLATE = r"[A-HJ-PR-Y]{2}(?P<gap>\s?)(?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9])\s?[A-HJ-PR-Z]{3}"
CURRENT_PLATE_RE = re.compile(rf"(?<![A-Za-z0-9]){_CURRENT_PLATE}(?![A-Za-z0-9])", re.IGNORECASE)
# 1983-2001 prefix "P123 ABC" and 1963-1983 suffix "ABC 123D": upper case only.
PREFIX_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-HJ-NP-TV-Y]\d{1,3}\s?(?P<letters>[A-HJ-PR-Y]{3})(?![A-Za-z0-9])"
)
SUFFIX_PLATE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<letters>[A-HJ-PR-Y]{3})\s?\d{1,3}[A-HJ-NP-TV-Y](?![A-Za-z0-9])"
)
# Dateless and personalised plates ("KAY 1") only after a cue.
CUED_PLATE_RE = re.compile(
    r"\b(?:(?:car|van|vehicle|motorbike|moped)(?:['’]s)?\s+)?"
    r"(?:reg(?:istration)?(?:\s+(?:number|no\.?|plate|mark))?|(?:number|private|personali[sz]ed)\s+plates?)"
    r"(?:\s*[:–(-]\s*|\s+(?:is|was|of|reading|read|showing|showed)\s+|\s+)"
    r"(?P<value>(?-i:[A-Z]{1,3}\s?\d{1,4}|\d{1,4}\s?[A-Z]{1,3}|[A-Z]{1,3}\s?\d{1,3}\s?[A-Z]{1,3})"
    r"|[a-z]{2}\s?\d{2}\s?[a-z]{3})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
PLATE_CUES = frozenset({"reg", "registration", "plate", "plates"})
ROAD_RE = re.compile(r"[ABM]\d{1,4}")
# Three capital letters that are the field's acronyms, not a plate's letters ("Y7 SEN").
ACRONYMS = frozenset(
    """SEN CAF DSL LAC CIN CPP NHS GPS PCS EHA EHM CSE CCE FGM DBS CPS CPN IRO SGO PEP TAC TAF ACE
    MAP MAT ASD PRU SRE RSE YOT YOS BME ICB LSP CCG PCT DWP HMO SAT SATS GCSE KPI ICT PTA DFE MOD
    RAF CID MSP PCC PHE CSC CLA CIC EHC SLT HGV LGV PSV THE AND FOR BUT NOT""".split()
)


def _looks_like_plate(m: re.Match) -> bool:
    """Capitals, or lower case written as one plate ("ab12cde", "ab12 cde"), but not prose
    such as "at 16 and" or "yr10 and" ("wx 70 nxe" needs a cue, below)."""
    plate = m.group()
    if plate.isupper():
        return True
    return plate.islower() and not m.group("gap") and not is_english_word(plate[-3:])


class VehicleRegistrationRecogniser(Recogniser):
    """UK number plates: current, prefix and suffix formats, and cued dateless plates.

    Postcodes ("AB12 3CD") end in a digit and two letters, so they never match here; road
    numbers ("M6", "A34") and year groups ("Y7") only match when three capital letters
    follow that are not one of the field's acronyms.
    """

    kind = "vehicle_registration"

    def __init__(self):
        english_words()  # load now: a missing word list stops the check at start-up

    def find(self, text):
        for m in CURRENT_PLATE_RE.finditer(text):
            if _looks_like_plate(m):
                yield self._m(m.start(), m.end())
        for regex in (PREFIX_PLATE_RE, SUFFIX_PLATE_RE):
            for m in regex.finditer(text):
                if m.group("letters") not in ACRONYMS:
                    yield self._m(m.start(), m.end())
        cues = whole_words(lower_ascii(text), PLATE_CUES)
        for m in finditer(CUED_PLATE_RE, text, stretches(text, cues, before=20, after=60)):
            if not ROAD_RE.fullmatch(m.group("value")):
                yield self._m(m.start("value"), m.end("value"))
