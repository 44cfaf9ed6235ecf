"""Anonymisation detector for published safeguarding case studies.

Hard rule of the site: no identifiable child, family or professional data is
ever published.  This module scans editor-supplied text and returns
``Finding`` objects pointing at anything that looks identifying, each with a
plain-English message telling the editor what to do.  It is a safety net for
human review, not a guarantee.

Design choice - own light recogniser structure, not Presidio
-------------------------------------------------------------
``presidio-analyzer`` (MIT) was considered.  Its pattern recognisers are nice,
but the package has a hard dependency on spaCy (plus numpy, pydantic,
tldextract, regex ...) and its ``AnalyzerEngine`` expects a spaCy language
model, which is not on PyPI and cannot be downloaded here.  For UK formats
(postcode, NHS number, phone, school and street names) plain regular
expressions plus ``phonenumbers`` and ``python-stdnum`` do the same job, so
each recogniser here is a small class with a ``kind`` and a ``find(text)``
method (see the ``recognisers`` package).  No Django import anywhere, no network, no
model download; first names come from the static lists inside ``Faker``
(MIT) - see ``lexicon.py``.

Public API
----------
``Finding``        frozen dataclass (kind, text, start, end, location, message)
                   with a stable ``key`` for remembering dismissals.
``scan_text``      scan one string.
``scan_fields``    scan (location, text) pairs, e.g. ("title", ...),
                   ("body.3.paragraph", ...).
``KINDS``/``MESSAGES``  kinds reported and their editor messages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .recognisers import Match, Recogniser, default_recognisers, run_all

# Order = priority when two findings overlap (first wins the merged span).
KINDS: tuple[str, ...] = (
    "nhs_number",
    "ni_number",
    "passport_number",
    "date_of_birth",
    "email",
    "social_media",
    "phone",
    "vehicle_registration",
    "postcode",
    "address",
    "school_name",
    "institution",
    "person_name",
    "possible_name",
    "place",
    "exact_date",
    "reference_number",
    "small_number",
)
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}

MESSAGES: dict[str, str] = {
    "postcode": "Looks like a UK postcode. Remove it or reduce to the local-authority area.",
    "nhs_number": "Looks like an NHS number (valid checksum). Remove it: NHS numbers identify a person.",
    "ni_number": "Looks like a National Insurance number. Remove it.",
    "phone": "Looks like a phone number. Remove it.",
    "email": "Looks like an email address. Remove it.",
    "date_of_birth": (
        "Looks like a date of birth. Remove it; if age matters, use an age such as 'a 15-year-old'."
    ),
    "exact_date": (
        "Exact date (day, month and year) could re-identify someone. Use the "
        "month and year, the year, or a relative time ('two weeks later')."
    ),
    "address": (
        "Looks like a street address or flat number. Remove it or reduce to the local-authority area."
    ),
    "school_name": (
        "Looks like the name of a school or nursery. Use a generic description such as 'the primary school'."
    ),
    "person_name": (
        "Looks like a real person's name. Use a pseudonym such as 'Child A', 'Mother B' or 'Professional C'."
    ),
    "reference_number": (
        "Looks like a case or record reference number. Remove it: it links back to a real record."
    ),
    "passport_number": "Looks like a passport number. Remove it.",
    "social_media": (
        "Looks like a social-media handle, profile link or username. Remove it: it leads to a person."
    ),
    "vehicle_registration": "Looks like a vehicle registration. Remove it.",
    "institution": (
        "Looks like a named GP surgery, health centre, hospital ward, children's centre or place of "
        "worship. Use a generic description such as 'the GP practice' or 'a local mosque'."
    ),
    "possible_name": (
        "Could be a person's name (capitalised words that are not ordinary English). If it is, use a "
        "pseudonym such as 'Child A'; if it is not, dismiss this finding with a reason."
    ),
    "place": (
        "Names a place narrower than a local authority (a town, village, estate or neighbourhood). "
        "Name only the local-authority area, or describe it ('a small village')."
    ),
    "small_number": (
        "Small-number detail could re-identify; consider generalising "
        "(e.g. 'one of few families in the area')."
    ),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int
    location: str
    message: str

    @property
    def key(self) -> str:
        """Stable identifier for remembering an editor's dismissal.

        Built from kind, location and normalised text only - not the
        offsets - so the same finding keeps its key when text around it is
        edited in a later revision.  (Identical text of the same kind in the
        same field shares a key: dismissing one dismisses all of them.)
        """
        return f"{self.kind}|{self.location}|{normalise(self.kind, self.text)}"


_NUMERIC_KINDS = {
    "postcode",
    "nhs_number",
    "ni_number",
    "passport_number",
    "phone",
    "reference_number",
    "vehicle_registration",
}


def normalise(kind: str, text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    if kind in _NUMERIC_KINDS:
        return re.sub(r"[^0-9A-Za-z+]", "", text).upper()
    text = re.sub(r"\s+", " ", text).strip(" \t\n.,;:!?\"'()[]").casefold()
    return text


def _merge(matches: list[Match]) -> list[Match]:
    """Merge overlapping matches; the higher-priority kind labels the union."""
    merged: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -m.end, _PRIORITY.get(m.kind, 99))):
        if m.end <= m.start:
            continue
        if merged and m.start < merged[-1].end:
            prev = merged[-1]
            kind = min(prev.kind, m.kind, key=lambda k: _PRIORITY.get(k, 99))
            merged[-1] = Match(kind, prev.start, max(prev.end, m.end))
        else:
            merged.append(m)
    return merged


def scan_text(
    text: str,
    location: str = "",
    recognisers: Iterable[Recogniser] | None = None,
) -> list[Finding]:
    """Return findings in ``text`` ordered by position, overlaps merged."""
    if not text:
        return []
    matches = _merge(run_all(text, recognisers))
    return [
        Finding(
            kind=m.kind,
            text=text[m.start : m.end],
            start=m.start,
            end=m.end,
            location=location,
            message=MESSAGES.get(m.kind, "This detail could identify someone."),
        )
        for m in matches
    ]


def scan_fields(
    fields: Iterable[tuple[str, str]],
    recognisers: Iterable[Recogniser] | None = None,
) -> list[Finding]:
    """Scan ``(location, text)`` pairs.

    Findings are grouped by location - in the order each location first
    appears in ``fields`` (i.e. page order, so "body.10" stays after
    "body.2") - then ordered by position.  Offsets are relative to the text
    of that field.  Exact duplicates are dropped.
    """
    recognisers = list(recognisers) if recognisers is not None else default_recognisers()
    order: dict[str, int] = {}
    results: list[Finding] = []
    seen: set[tuple] = set()
    for location, text in fields:
        order.setdefault(location, len(order))
        for f in scan_text(text or "", location, recognisers):
            ident = (f.location, f.kind, f.start, f.end, f.text)
            if ident not in seen:
                seen.add(ident)
                results.append(f)
    results.sort(key=lambda f: (order[f.location], f.start, f.end))
    return results
