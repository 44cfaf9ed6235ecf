"""Street addresses, street names and flat numbers."""

from __future__ import annotations

import re

from .. import lexicon
from ..dictionary import is_english_word
from .base import Recogniser
from .institutions import line_at, title_cased

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
# not a hospital named after its street ("Great Ormond Street Hospital")
STREET_NAME_RE = re.compile(rf"\b((?:{_NAME_WORD}\s+){{1,2}}){_STRONG_SUFFIX}\b(?![ \t]+Hospital)")
# "Flat 6", "Apartment 14, Wharfside Court": the building's name belongs to the address.
FLAT_RE = re.compile(
    r"\b(?i:flat|apartment|apt\.?|maisonette)\s+(?i:no\.?\s*)?\d{1,4}[A-Za-z]?\b"
    rf"(?:,?[ \t]+(?:{_NAME_WORD}[ \t]+){{1,3}}"
    r"(?:House|Court|Tower|Towers|Point|Lodge|Mansions|Heights|Buildings|Apartments|Flats)\b)?"
)
# Typed without capitals, a house number before a street type still gives it away:
# "27 larkspur close".
NUMBERED_LOWER_RE = re.compile(
    r"(?<![\w£$.,])(?!(?:19|20)\d\d\b)\d{1,4}[a-z]?,?[ \t]+"
    r"(?!(?:weeks?|days?|months?|years?|hours?|minutes?|mins?|miles?|km|metres?|yards?|times)\b)"
    r"(?:[a-z][a-z'’-]+[ \t]+){1,2}"
    r"(?:road|street|avenue|lane|close|drive|crescent|terrace|grove|gardens|mews|walk)\b"
)
# A named block, hostel or home where someone lives: "placed at Brindley House".
NAMED_BUILDING_RE = re.compile(
    r"\b(?:placed|living|lived|lives|housed|rehoused|moved|stayed|staying|stays|resident)[ \t]+"
    r"(?:at|in|into|to)[ \t]+(?:the[ \t]+)?"
    rf"((?:{_NAME_WORD}[ \t]+){{1,3}}(?:House|Lodge|Court|Hostel|Tower|Towers|Mansions|Heights|Point)\b)"
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
        for regex in (FLAT_RE, NUMBERED_LOWER_RE):
            for m in regex.finditer(text):
                yield self._m(m.start(), m.end())
        for m in NAMED_BUILDING_RE.finditer(text):
            if not all(w in lexicon.NON_NAME_WORDS for w in m.group(1).split()[:-1]):
                yield self._m(m.start(1), m.end(1))
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
            if title_cased(line_at(text, m.start())) and all(is_english_word(w) for w in words[i:]):
                continue  # a heading in title case: "When Sharing Would Drive Her Away"
            start = text.index(words[i], offset)
            yield self._m(start, m.end())
