"""UK postcodes, whole or (after a "postcode" cue) the outward code alone."""

from __future__ import annotations

import re

from .base import Recogniser

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
# Outward code on its own is only reported next to the word "postcode" ("postcode PL5",
# "an M14 postcode") or "area"; otherwise "M1", "A1", "B12" would be false alarms.
POSTCODE_DISTRICT_RES = (
    re.compile(
        rf"\bpost\s?code(?:\s+(?:area|district|sector))?\s*(?:of|is|:)?\s*({_OUTWARD}(?:\s?[0-9])?)(?![A-Za-z0-9])",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![A-Za-z0-9])({_OUTWARD}(?:\s?[0-9])?)\s+post\s?code\b", re.IGNORECASE),
    # "the BD8 area": a road ("the M6 area") has one letter and one digit
    re.compile(rf"(?<![A-Za-z0-9])((?![A-Z][0-9]\b){_OUTWARD})\s+(?:area|district)\b"),
)


class PostcodeRecogniser(Recogniser):
    kind = "postcode"

    def find(self, text):
        for m in POSTCODE_RE.finditer(text):
            yield self._m(m.start(), m.end())
        for regex in POSTCODE_DISTRICT_RES:
            for m in regex.finditer(text):
                yield self._m(m.start(1), m.end(1))
