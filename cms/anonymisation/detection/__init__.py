"""Finding identifying details in text. Pure Python: no Django import anywhere below here.

    from cms.anonymisation.detection import scan_text, scan_fields, contains_personal_data

``scan_fields`` and ``scan_text`` raise :class:`DetectorUnavailable` when a recogniser's
library cannot load; ``contains_personal_data`` then answers True (fail closed).
"""

from .detector import KINDS, MESSAGES, Finding, normalise, scan_fields, scan_text
from .errors import DetectorUnavailable
from .recognisers import default_recognisers

# Kinds that mark a piece of text as holding personal data. Left out: small-number
# details ("a 16 year old"), places and institutions ("Margate", "a GP surgery in
# Leigh"), which are fine in a search query or a message though not in a published story.
PERSONAL_KINDS = frozenset(KINDS) - {"small_number", "place", "institution"}


def contains_personal_data(text: str) -> bool:
    """True if ``text`` looks like it holds personal data, or if it could not be checked."""
    if not text:
        return False
    try:
        return any(finding.kind in PERSONAL_KINDS for finding in scan_text(text))
    except DetectorUnavailable:
        return True


def check_available() -> None:
    """Raise :class:`DetectorUnavailable` unless every recogniser can run."""
    default_recognisers()


__all__ = [
    "KINDS",
    "MESSAGES",
    "PERSONAL_KINDS",
    "DetectorUnavailable",
    "Finding",
    "check_available",
    "contains_personal_data",
    "normalise",
    "scan_fields",
    "scan_text",
]
