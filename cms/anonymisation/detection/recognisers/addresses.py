"""Street addresses, street names and flat numbers."""

from __future__ import annotations

import re

from .. import lexicon
from .base import Recogniser

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
