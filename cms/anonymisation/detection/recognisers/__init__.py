"""Recognisers for identifying details, one module per family of detail.

Each recogniser is a small class with a ``kind`` and a ``find(text)`` method that yields
:class:`Match` objects (offsets into ``text``). The detector (``detector.py``) runs them
all, turns matches into findings with editor-facing messages and merges overlaps.

Libraries are used where they fit: ``phonenumbers`` (libphonenumber) for phone numbers,
``python-stdnum`` for the NHS number checksum, the name lists inside ``Faker`` and the
other word lists in ``lexicon.py``. Everything else is regular expressions over
well-known UK formats.
"""

from __future__ import annotations

from collections.abc import Iterable

from .addresses import AddressRecogniser
from .base import Match, Recogniser, require
from .contacts import EmailRecogniser, PhoneRecogniser
from .dates import DateOfBirthRecogniser, ExactDateRecogniser, exact_date_spans
from .institutions import InstitutionRecogniser, SchoolNameRecogniser
from .names import PersonNameRecogniser, PossibleNameRecogniser, pseudonym_spans
from .numbers import (
    NHSNumberRecogniser,
    NINumberRecogniser,
    PassportNumberRecogniser,
    ReferenceNumberRecogniser,
    VehicleRegistrationRecogniser,
    nhs_checksum_ok,
)
from .online import SocialMediaRecogniser
from .places import PlaceRecogniser
from .postcodes import PostcodeRecogniser
from .small_numbers import SmallNumberRecogniser


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
        PassportNumberRecogniser(),
        VehicleRegistrationRecogniser(),
        SocialMediaRecogniser(),
        InstitutionRecogniser(),
        PossibleNameRecogniser(),
        PlaceRecogniser(),
    ]


def run_all(text: str, recognisers: Iterable[Recogniser] | None = None) -> list[Match]:
    out: list[Match] = []
    for recogniser in recognisers or default_recognisers():
        out.extend(recogniser.find(text))
    return out


__all__ = [
    "Match",
    "Recogniser",
    "default_recognisers",
    "exact_date_spans",
    "nhs_checksum_ok",
    "pseudonym_spans",
    "require",
    "run_all",
]
