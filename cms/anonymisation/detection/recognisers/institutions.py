"""Named settings a family uses: schools and nurseries, GP surgeries, health centres, hospital
wards and places of worship.

A named setting narrows a story to one building in one neighbourhood. The shape is the same
for all of them: capitalised name words next to a type word ("Oakfield Primary", "Hillcrest
Surgery", "Al-Noor Mosque", "Masjid Al-Noor"). Generic phrases pass because every name word
is generic: "the GP practice", "a local mosque", "the Catholic church", "a Leeds primary".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..dictionary import is_english_word
from . import places
from .base import Recogniser

_WORD_RE = re.compile(r"\S+")
_NAME_WORD = r"(?:St\.?|[A-Z][A-Za-z'’&-]*)"  # no full stop: a name never spans two sentences
# Up to six name words ending right before a type word (searched backwards from the type).
_NAME_BEFORE_RE = re.compile(
    rf"((?:{_NAME_WORD}[ \t\u00a0]+(?:(?:and|of|the|de|la|&)[ \t\u00a0]+)?){{1,6}})$"
)

# Words that describe rather than name a setting: a name made only of these is generic.
_GENERIC_WORDS = frozenset(
    """
    The A An Her His Their Our My Your This That Its Local New Old Special Mainstream
    Primary Secondary High Junior Juniors Infant Infants Sixth Form Further Education
    Catholic Church CofE C E RC CE Faith Independent Free Village Alternative Provision
    Residential Boarding Girls Girls' Boys Boys' State Community Day Sunday Forest Hospital
    Virtual Royal Police Nursery Previous Current Receiving Home Grammar Middle Private
    Specialist Comprehensive Secure Training Pre Both Each Every Same Other Another Which At
    In On When After Before During While Whilst Following Once Then SEN SEND SEMH ASD ASC
    EBD MLD SLD PMLD BESD EHCP Language Unit Resource Base Medical Designated Safeguarding
    Lead DSL Head Teacher Multi-Academy Trust Of And & Children's Childrens Family Centre
    Hub Early Years Summer Holiday Breakfast After-School Club Parent Parents Steiner
    Montessori Waldorf Saturday Quran Qur'an Koran Bible Hebrew Supplementary Nearest Nearby
    Neighbouring Main Central Grand Great Big Parish Town City Walk-in Walk-In Urgent
    Treatment Emergency GP GPs NHS Health Healthcare Sexual Mental Maternity Labour Neonatal
    Postnatal Antenatal Paediatric Children Surgical Psychiatric Adolescent General Acute
    Isolation Assessment Observation Intensive Care Dependency Dental Eye Fertility Fracture
    Outpatient Outpatients Memory Gender Identity Drug Alcohol Addiction Substance Misuse
    Eating Disorder Disorders Youth Baby Weight Allergy Asthma Diabetes Speech Therapy
    Physiotherapy Orthopaedic Burns Trauma Cancer Oncology Renal Cardiac Respiratory Heart
    Brain Minor Keyhole Cosmetic Evening Morning Weekend Lunchtime Drop-in Drop-In Practice
    Group Surgery Clinic Ward Wards Anglican Methodist Baptist Pentecostal Evangelical
    Orthodox Reformed United Presbyterian Congregational Elim Apostolic Christian Hindu Sikh
    Jewish Muslim Islamic Buddhist Quaker Salvation Army Seventh-day Adventist Jehovah's
    Witnesses Latter-day Saints Langar Sangat Jummah Iftar Greek Russian Coptic Shia Sunni
    Sufi Ahmadiyya Deobandi Barelvi Salafi Sahib Mosque Masjid Gurdwara Temple Mandir
    Synagogue Chapel Madrassa Madrasa Madrasah Madressa Friday Black Very Record All Time
    Sky Knee Electoral Inner One Two Three Four Five Six Seven Eight Nine Ten Any Some No
    Night Male Female Mixed Single-sex Open Closed Locked Step-down Short-stay Long-stay
    Risk Priority Need Needs Elderly Respite Short Breaks Sleep Pain
    """.split()
)
_SAINT_BEFORE_RE = re.compile(r"(?:\bOur\s+Lady\s+of\s+|\b(?:St\.?|Saint)\s+)$")
_CONNECTORS = frozenset({"and", "of", "the", "&", "de", "la", "e"})
_FUNCTION_WORD_RE = re.compile(
    r"(?<=[a-zA-Z,] )(?:the|and|to|of|for|with|on|in|at|a|was|had)\b", re.IGNORECASE
)


def _bare(word: str) -> str:
    """The word without trailing punctuation or a possessive: "Anne's," -> "Anne"."""
    return re.sub(r"['’]s$", "", word.rstrip(".,"))


def _is_generic(word: str) -> bool:
    word = _bare(word)
    return (
        word in _GENERIC_WORDS
        or word in lexicon.NON_NAME_WORDS
        or word in lexicon.LOCAL_AUTHORITY_AREAS
        or word in _CONNECTORS
        or (len(word) == 1 and word.isupper())
    )


def line_at(text: str, offset: int) -> str:
    """The line holding ``offset``: a heading is one line of a field."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:] if end == -1 else text[start:end]


@lru_cache(maxsize=16)
def title_cased(text: str) -> bool:
    """Is this a heading in title case ("A Disclosure At Church Youth Group")?"""
    function_words = _FUNCTION_WORD_RE.findall(text)
    capitalised = sum(1 for w in function_words if w[0].isupper())
    if capitalised >= 2 and capitalised > len(function_words) - capitalised:
        return True
    words = _WORD_RE.findall(text)
    return len(words) >= 5 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def _sentence(text: str, m: re.Match) -> str:
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
    ends = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i != -1]
    return text[start : min(ends, default=len(text))]


def _starts_sentence(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _name_start(text: str, name_start: int, name: str) -> int | None:
    """Offset of the first name word that is not generic (leading generic words and
    pseudonyms such as "Child A attended ..." are dropped), or None if all are generic.
    A saint stays whole: "St Anne's", "Our Lady of Lourdes"."""
    for m in _WORD_RE.finditer(name):
        if not _is_generic(m.group()):
            start = name_start + m.start()
            saint = _SAINT_BEFORE_RE.search(text, name_start, start)
            return saint.start() if saint else start
    return None


def _names_it(text: str, start: int, end: int, type_is_capitalised: bool) -> bool:
    """Does the name text[start:end] name a setting rather than describe one?

    With a capitalised type ("Riverside Surgery") any non-generic name word will do. With a
    lower-case type ("Riverside surgery") the writer's capital must be a name's capital: an
    ordinary word that merely starts the sentence ("Heart surgery ...") does not count. In a
    title-case heading capitals say nothing, so a name needs a word that is not ordinary
    English ("How Oakfield Primary Spotted It", not "Telling The School").
    """
    words = [_bare(w) for w in text[start:end].split() if not _is_generic(w)]
    if not words:
        return False
    if title_cased(line_at(text, start)):
        return any(not is_english_word(w) for w in words)
    if type_is_capitalised:
        return True
    return not (len(words) == 1 and _starts_sentence(text, start) and is_english_word(words[0]))


def _named_settings(text: str, type_re: re.Pattern):
    """(start, end) of each name + type word ("Oakfield Primary", "Hillcrest surgery").

    Type words are rare, so each one is found first and its name looked for just before it
    (never reaching back past the previous type word: "Rainbow Pre-School and Brambles
    Children's Centre" is two settings)."""
    floor = 0
    for m in type_re.finditer(text):
        name = _NAME_BEFORE_RE.search(text, max(floor, m.start() - 120), m.start())
        floor = m.end()
        if name is None:
            continue
        start = _name_start(text, name.start(1), name.group(1))
        if start is not None and _names_it(text, start, name.end(1), m.group("cap") is not None):
            yield start, m.end()


# --- schools and nurseries ---------------------------------------------------------------

_SCHOOL_TYPE = (
    r"(?:Primary\s+School|Primary\s+Academy|Secondary\s+School|High\s+School|"
    r"Infants?['’]?\s+School|Junior\s+School|Grammar\s+School|Middle\s+School|"
    r"Sixth\s+Form\s+College|Academy|College(?![ \t]+(?:Hospital|London)\b)|Nursery|Pre-?[Ss]chool|School|"
    r"Pupil\s+Referral\s+Unit|PRU|Children['’]s\s+Centre|Family\s+Hub|Playgroup|Play\s+Group|"
    r"Childminding|Childminders|Montessori|Kindergarten|Cr[eè]che|Toddler\s+Group|Kids['’]?\s+Club|"
    r"(?:Out\s+of\s+School|After[ -]School|Breakfast|Holiday)\s+Club)"
)
# "Oakfield Primary", "Hollybrook High", "Saint Mary's RC High" - unless a capitalised word
# follows that makes it something else ("Leeds Primary Care", "Acton High Street").
_SCHOOL_TYPE_SHORT = (
    r"(?:Primary|High|Juniors|Infants|Secondary|Grammar)"
    r"(?![ \t]+(?!(?:DSL|SENCO|SENCo|Year|Head|Reception)\b)[A-Z])(?![\w'’-])"
)
# "Oakfield primary", "St Anne's school": a lower-case type after a capitalised name.
_SCHOOL_TYPE_LOWER = (
    r"(?:primary\s+school|secondary\s+school|high\s+school|infant\s+school|junior\s+school|"
    r"primary|secondary|academy|nursery|pre-?school|school|playgroup|childminding|montessori)\b"
)
SCHOOL_TYPE_RE = re.compile(rf"\b(?:(?P<cap>{_SCHOOL_TYPE}\b|{_SCHOOL_TYPE_SHORT})|{_SCHOOL_TYPE_LOWER})")
# A saint's name used as the school a child attends: "at St Anne's", "St Anne's DSL".
_SAINT = r"\b(?:St\.?|Saint)\s+[A-Z][a-z]+(?:['’]s\b|['’](?!\w)|s\b)"
_SCHOOL_CONTEXT_AFTER = (
    r"(?:DSL|SENCO|SENCo|SENDCo|head|headteacher|head\s+teacher|deputy\s+head|teachers?|staff|"
    r"pupils?|primary|secondary|High|nursery|reception|Year\s+\d+|class|playground|governors|"
    r"sixth\s+form|infants|juniors|uniform|gates?)\b"
)
SAINT_SCHOOL_RE = re.compile(rf"{_SAINT}(?=[ \t]+{_SCHOOL_CONTEXT_AFTER})")
SAINT_AFTER_MOVE_RE = re.compile(
    rf"\b(?:at|in|from|to|attends|attended|attending|joined|left|started)[ \t]+"
    rf"({_SAINT}|\b(?:st|saint)\s+[a-z]+['’]s\b)(?![ \t]+[A-Z])"
)
# "started at Kingsmead, the pastoral team ...": a one-word name in a sentence about school.
INFORMAL_SCHOOL_RE = re.compile(
    r"\b(?:started|starting|starts|enrolled|on\s+roll|pupils?|teachers?|staff|DSL|SENCO|head)\s+at\s+"
    r"|\b(?:attends|attended|attending|moved\s+(?:schools?\s+)?to|transferred\s+to|excluded\s+from)\s+"
)
# the name ends the clause: "started at Kingsmead, ...", not "attending Kooth sessions"
_INFORMAL_NAME_RE = re.compile(
    r"([A-Z][a-z]+(?:['’]s)?)(?=[ \t]*[,.;:)]|[ \t]*$|[ \t]+(?:in|from|until|since|for|and|but|where|when|"
    r"which|who|after|before|at|last|this|that)\b)",
    re.MULTILINE,
)
_SCHOOL_SENTENCE_RE = re.compile(
    r"\b(?:school|pastoral|teachers?|DSL|SENCO|headteacher|head\s+of\s+year|class|pupils?|Year\s+\d+|"
    r"uniform|lessons|form\s+tutor|playground|exclusion|timetable|attendance|term)\b",
    re.IGNORECASE,
)
# "admitted to St Mary's" is a hospital, not a school.
_HOSPITAL_VERB_RE = re.compile(
    r"\b(?:admitted|taken|rushed|transferred|born|seen|treated|discharged)\s+\w+\s*$"
)


class SchoolNameRecogniser(Recogniser):
    """Capitalised name(s) next to a school type, and a saint's name used as a school.

    Generic phrases ("the primary school", "her Academy", "a Special School", "the Royal
    College of ...") pass because every preceding word is generic.
    """

    kind = "school_name"

    def find(self, text):
        for start, end in _named_settings(text, SCHOOL_TYPE_RE):
            yield self._m(start, end)
        for m in SAINT_SCHOOL_RE.finditer(text):
            yield self._m(m.start(), m.end())
        for m in SAINT_AFTER_MOVE_RE.finditer(text):
            if places.is_place(m.group(1)) and not re.search(r"['’]", m.group(1)):
                continue  # "moved to St Albans": the town, reported as a place
            if not _HOSPITAL_VERB_RE.search(text[max(0, m.start() - 40) : m.start(1)]):
                yield self._m(m.start(1), m.end(1))
        for m in INFORMAL_SCHOOL_RE.finditer(text):
            name = _INFORMAL_NAME_RE.match(text, m.end())
            if name and self._informal_name(name.group(1)) and _SCHOOL_SENTENCE_RE.search(_sentence(text, m)):
                yield self._m(name.start(), name.end())

    @staticmethod
    def _informal_name(word: str) -> bool:
        """A made-up name, not an ordinary word, a person, an area or a place."""
        word = _bare(word)
        return not (
            _is_generic(word)
            or is_english_word(word)
            or word in lexicon.first_names()
            or word in lexicon.surnames()
            or word in places.gazetteer()
        )


# --- health settings and places of worship -----------------------------------------------

_INSTITUTION_TYPE = (
    r"(?:Medical\s+Practice|Medical\s+Centre|Medical\s+Center|Health\s+Centre|Healthcare\s+Centre|"
    r"Health\s+Clinic|Family\s+Practice|Group\s+Practice|Surgery|Clinic|Ward|Church|Chapel|"
    r"Parish\s+Church|Mosque|Masjid|Gurdwara|Mandir|Temple|Synagogue|Madrassa|Madrasa|Madrasah|"
    r"Madressa|Islamic\s+Centre|Kingdom\s+Hall|Meeting\s+House|Tabernacle)"
)
INSTITUTION_TYPE_RE = re.compile(
    rf"\b(?:(?P<cap>{_INSTITUTION_TYPE})|medical\s+practice|medical\s+centre|health\s+centre|surgery|"
    r"clinic|church|chapel|mosque|masjid|gurdwara|mandir|temple|synagogue|madrassa|madrasa|madrasah)\b"
)
# A type word first: "Masjid Al-Noor", "Masjid-e-Noor", "Gurdwara Sri Guru Singh Sabha",
# "Darul Uloom Faizan", "Yeshiva Ohr Torah".
INSTITUTION_TYPE_FIRST_RE = re.compile(
    r"\b(?:Masjid|Gurdwara|Mandir|Madrassa|Madrasa|Madrasah|Jamia|Jamiat|Darul\s+Uloom|Dar\s+al-Uloom|"
    r"Yeshiva|Talmud\s+Torah)(?:-e-|[ \t]+)((?:[A-Z][\w'’-]*(?:[ \t]+|$|(?=[^\w'’-]))){1,4})"
)
# A Jewish house of study or court named as such: "at Beth Hamidrash".
BETH_RE = re.compile(r"\b(?:Beth|Beis|Beit)\s+(?:Hamidrash|Hamedrash|Hamedrosh|Medrash|Din)\b")
# "on starfish ward": a ward named without an article, all lower case.
WARD_LOWER_RE = re.compile(r"\b(?:on|to|onto|from)\s+([a-z]+)\s+ward\b")
WARD_NUMBER_RE = re.compile(r"\b[Ww]ard[ \t]+\d{1,3}[A-Za-z]?\b")
DOCTOR_SURGERY_RE = re.compile(
    r"\bDr\.?[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?['’]s?[ \t]+(?:[Ss]urgery|[Pp]ractice|[Cc]linic)\b"
)


class InstitutionRecogniser(Recogniser):
    """Named GP surgeries, health centres, clinics, hospital wards and places of worship.

    "Hillcrest Surgery", "the Elms Health Centre", "Beech Ward", "Ward 7B", "Dr Patel's
    surgery", "St Bartholomew's Church", "Al-Noor Mosque", "Jamia Masjid", "Guru Nanak
    Gurdwara". Children's centres and family hubs are reported as school names.
    """

    kind = "institution"

    def find(self, text):
        for start, end in _named_settings(text, INSTITUTION_TYPE_RE):
            yield self._m(start, end)
        for m in INSTITUTION_TYPE_FIRST_RE.finditer(text):
            name = m.group(1).rstrip()
            if _names_it(text, m.start(1), m.start(1) + len(name), type_is_capitalised=True):
                yield self._m(m.start(), m.start(1) + len(name))
        for regex in (WARD_NUMBER_RE, DOCTOR_SURGERY_RE, BETH_RE):
            for m in regex.finditer(text):
                yield self._m(m.start(), m.end())
        for m in WARD_LOWER_RE.finditer(text):
            if not _is_generic(m.group(1).capitalize()):  # "on the ward", "onto another ward"
                yield self._m(m.start(1), m.end())
