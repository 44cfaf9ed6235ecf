"""Individual recognisers for identifying details in case-study text.

Each recogniser is a small class with a ``kind`` and a ``find(text)`` method
that yields :class:`Match` objects (start/end offsets into ``text``).  The
detector (see ``detector.py``) runs them all, turns matches into
``Finding`` objects with editor-facing messages and merges overlaps.

Libraries used where they fit:

* ``phonenumbers`` (Google's libphonenumber port) for phone numbers;
* ``python-stdnum`` (``stdnum.gb.nhs``) for the NHS number mod-11 checksum;
* first names/surnames shipped inside ``Faker`` (see ``lexicon.py``).

Everything else is regular expressions over well-known UK formats.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import lexicon
from .errors import DetectorUnavailable


def require(module: str, what: str):
    """Import ``module`` or raise :class:`DetectorUnavailable`: a check that cannot run
    must stop publishing, never quietly switch itself off."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise DetectorUnavailable(
            f"{what} cannot be checked: the {module} library did not load ({exc})"
        ) from exc


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int


class Recogniser:
    kind: str = ""

    def find(self, text: str) -> Iterator[Match]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _m(self, start: int, end: int) -> Match:
        return Match(self.kind, start, end)


# --------------------------------------------------------------------------
# Postcodes
# --------------------------------------------------------------------------

# Official format (BS 7666 / Royal Mail): outward code in one of six shapes,
# then an inward code digit + two letters (never C I K M O V).
_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9][0-9]?"  # A9, A99
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"  # AA9, AA99
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"  # A9A
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"  # AA9A
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
POSTCODE_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:GIR\s?0AA|{_OUTWARD}\s?{_INWARD})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Outward code on its own is only reported after an explicit "postcode" cue
# (otherwise "M1", "A1", "B12" would be false alarms).
POSTCODE_DISTRICT_RE = re.compile(
    rf"\bpost\s?code(?:\s+(?:area|district|sector))?\s*(?:of|is|:)?\s*({_OUTWARD}(?:\s?[0-9])?)(?![A-Za-z0-9])",
    re.IGNORECASE,
)


class PostcodeRecogniser(Recogniser):
    kind = "postcode"

    def find(self, text):
        for m in POSTCODE_RE.finditer(text):
            yield self._m(m.start(), m.end())
        for m in POSTCODE_DISTRICT_RE.finditer(text):
            yield self._m(m.start(1), m.end(1))


# --------------------------------------------------------------------------
# NHS numbers
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# National Insurance numbers and reference numbers
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Email addresses
# --------------------------------------------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


class EmailRecogniser(Recogniser):
    kind = "email"

    def find(self, text):
        for m in EMAIL_RE.finditer(text):
            yield self._m(m.start(), m.end())


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------

_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|"
    r"Gardens|Gdns|Place|Pl|Court|Ct|Terrace|Grove|Square|Sq|Mews|Walk|Rise|Row|"
    r"Hill|Park|View|Parade|Green|Vale|Gate|Approach|Wharf|Yard|Boulevard|Circus|"
    r"Meadow|Meadows|Fields|Heights|Estate|Broadway|Embankment|Quay)"
)
_STRONG_SUFFIX = r"(?:Road|Street|Avenue|Lane|Crescent|Terrace|Grove|Mews|Close|Drive|Gardens)"
_NAME_WORD = r"[A-Z][a-z'’-]+"
NUMBERED_ADDRESS_RE = re.compile(
    rf"(?<![\w£$.,])(?!(?:19|20)\d\d\b)\d{{1,4}}[A-Za-z]?(?:-\d{{1,4}})?,?\s+(?:{_NAME_WORD}\s+){{1,3}}{_STREET_SUFFIX}\b"
)
STREET_NAME_RE = re.compile(rf"\b((?:{_NAME_WORD}\s+){{1,2}}){_STRONG_SUFFIX}\b")
FLAT_RE = re.compile(
    r"\b(?:flat|apartment|apt\.?|maisonette)\s+(?:no\.?\s*)?\d{1,4}[A-Za-z]?\b", re.IGNORECASE
)
_GENERIC_STREET_LEAD = {
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "To",
    "From",
    "Off",
    "Near",
    "Of",
    "High",
    "Main",
    "Back",
    "Side",
    "Local",
    "Her",
    "His",
    "Their",
    "Our",
    "Same",
    "Quiet",
    "Busy",
    "Residential",
    "Country",
    "Village",
    "Town",
    "Long",
    "Cul-de-sac",
}


class AddressRecogniser(Recogniser):
    kind = "address"

    def find(self, text):
        for m in NUMBERED_ADDRESS_RE.finditer(text):
            yield self._m(m.start(), m.end())
        for m in FLAT_RE.finditer(text):
            yield self._m(m.start(), m.end())
        for m in STREET_NAME_RE.finditer(text):
            words = m.group(1).split()
            offset = m.start()
            # drop generic leading words ("on the High Street" passes)
            i = 0
            while i < len(words) and (words[i] in _GENERIC_STREET_LEAD or words[i] in lexicon.NON_NAME_WORDS):
                offset = text.index(words[i], offset) + len(words[i])
                i += 1
            if i == len(words):
                continue
            start = text.index(words[i], offset)
            yield self._m(start, m.end())


# --------------------------------------------------------------------------
# School names
# --------------------------------------------------------------------------

_SCHOOL_TYPE = (
    r"(?:Primary\s+School|Primary\s+Academy|Secondary\s+School|High\s+School|"
    r"Infants?['’]?\s+School|Junior\s+School|Grammar\s+School|Middle\s+School|"
    r"Sixth\s+Form\s+College|Academy|College|Nursery|Pre-?[Ss]chool|School|"
    r"Pupil\s+Referral\s+Unit|PRU|Children['’]s\s+Centre|Family\s+Hub)"
)
SCHOOL_RE = re.compile(
    rf"((?:(?:St\.?|[A-Z][A-Za-z'’.&-]*)\s+(?:(?:and|of|the|de|la|&)\s+)?){{1,6}}){_SCHOOL_TYPE}\b"
)
_GENERIC_SCHOOL_WORDS = {
    "The",
    "A",
    "An",
    "Her",
    "His",
    "Their",
    "Our",
    "My",
    "Your",
    "This",
    "That",
    "Local",
    "New",
    "Old",
    "Special",
    "Mainstream",
    "Primary",
    "Secondary",
    "High",
    "Junior",
    "Infant",
    "Infants",
    "Sixth",
    "Form",
    "Further",
    "Education",
    "Catholic",
    "Church",
    "CofE",
    "C",
    "E",
    "Faith",
    "Independent",
    "Free",
    "Village",
    "Alternative",
    "Provision",
    "Residential",
    "Boarding",
    "Girls",
    "Girls'",
    "Boys",
    "Boys'",
    "State",
    "Community",
    "Day",
    "Sunday",
    "Forest",
    "Hospital",
    "Virtual",
    "Royal",
    "Police",
    "Nursery",
    "Previous",
    "Current",
    "Receiving",
    "Home",
    "Grammar",
    "Middle",
    "Private",
    "Specialist",
    "Comprehensive",
    "Secure",
    "Training",
    "Pre",
    "Both",
    "Each",
    "Every",
    "Same",
    "Other",
    "Another",
    "Which",
    "At",
    "In",
    "On",
    "When",
    "After",
    "Before",
    "During",
    "While",
    "Whilst",
    "Following",
    "Once",
    "Then",
    "SEN",
    "SEND",
    "SEMH",
    "Language",
    "Unit",
    "Resource",
    "Base",
    "Medical",
    "Designated",
    "Safeguarding",
    "Lead",
    "DSL",
    "Head",
    "Teacher",
    "Multi-Academy",
    "Trust",
    "Of",
    "And",
    "&",
    "Children's",
    "Family",
    "Centre",
    "Hub",
    "Early",
    "Years",
    "Summer",
    "Holiday",
    "Breakfast",
    "After-School",
    "Club",
    "Parent",
    "Parents",
}


class SchoolNameRecogniser(Recogniser):
    """Capitalised name(s) directly before a school type.

    Generic phrases ("the primary school", "her Academy", "a Special School",
    "the Royal College of ...") pass because every preceding word is generic.
    """

    kind = "school_name"

    def find(self, text):
        for m in SCHOOL_RE.finditer(text):
            prefix = m.group(1)
            tokens = [(t.group(), m.start(1) + t.start()) for t in re.finditer(r"\S+", prefix)]
            # drop leading generic words and pseudonyms ("Child A attended ...")
            i = 0
            while i < len(tokens):
                word = tokens[i][0].rstrip(".,")
                if (
                    word in _GENERIC_SCHOOL_WORDS
                    or word in lexicon.NON_NAME_WORDS
                    or (len(word) == 1 and word.isupper())
                ):
                    i += 1
                    continue
                break
            remaining = [w for w, _ in tokens[i:]]
            if not remaining or all(
                w.rstrip(".,") in _GENERIC_SCHOOL_WORDS or w in {"and", "of", "the", "&"} for w in remaining
            ):
                continue
            yield self._m(tokens[i][1], m.end())


# --------------------------------------------------------------------------
# Person names
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Small numbers
# --------------------------------------------------------------------------

_NUM = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+(?:few|handful(?:\s+of)?|couple(?:\s+of)?))"
)
_PEOPLE = (
    r"(?:children|child|famil(?:y|ies)|pupils?|students?|people|persons?|residents?|"
    r"households?|girls?|boys?|young\s+people|babies|baby|teenagers?|women|men|woman|"
    r"man|mothers?|fathers?|parents?|carers?|siblings?|twins|travellers?|refugees?|"
    r"asylum\s+seekers?|learners?|adults?|speakers?|users?|patients?)"
)
_PLACE = (
    r"(?:the|this|that|their|her|his|a|an|our|its)\s+(?:[\w-]+\s+)?"
    r"(?:village|town|area|estate|street|road|school|class|year(?:\s+group)?|community|"
    r"county|city|borough|island|block|nursery|setting|neighbourhood|ward|district|"
    r"hamlet|region|country|practice|parish|mosque|church|temple|gurdwara|synagogue|"
    r"academy|college|cul-de-sac|building|flats|road|locality|valley|authority|"
    r"congregation|club|team)"
)
SMALL_NUMBER_RES = (
    re.compile(rf"\bone\s+of\s+(?:only\s+|just\s+)?{_NUM}\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:the|an?)\s+only\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\s+(?:in|at|on|within|living\s+in|attending|from)\s+{_PLACE}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:only|just)\s+{_NUM}\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+(?:in|at|on|within|living\s+in|attending|from)\s+{_PLACE}\b",
        re.IGNORECASE,
    ),
)


class SmallNumberRecogniser(Recogniser):
    kind = "small_number"

    def find(self, text):
        for regex in SMALL_NUMBER_RES:
            for m in regex.finditer(text):
                yield self._m(m.start(), m.end())


def default_recognisers() -> list[Recogniser]:
    return [
        NHSNumberRecogniser(),
        NINumberRecogniser(),
        DateOfBirthRecogniser(),
        EmailRecogniser(),
        PhoneRecogniser(),
        PostcodeRecogniser(),
        AddressRecogniser(),
        SchoolNameRecogniser(),
        PersonNameRecogniser(),
        ExactDateRecogniser(),
        ReferenceNumberRecogniser(),
        SmallNumberRecogniser(),
    ]


def run_all(text: str, recognisers: Iterable[Recogniser] | None = None) -> list[Match]:
    out: list[Match] = []
    for r in recognisers or default_recognisers():
        out.extend(r.find(text))
    return out
