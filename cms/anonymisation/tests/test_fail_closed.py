"""A check that cannot run says so: it never quietly skips a kind of identifying detail."""

import sys

import pytest

from cms.anonymisation.checks import anonymisation_detector_loads
from cms.anonymisation.detection import DetectorUnavailable, contains_personal_data, lexicon, scan_text


@pytest.fixture
def phonenumbers_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "phonenumbers", None)  # makes `import phonenumbers` fail


def test_scan_raises_when_the_phone_library_cannot_load(phonenumbers_missing):
    with pytest.raises(DetectorUnavailable, match="Phone numbers cannot be checked"):
        scan_text("Her mobile is 07912 345678.")


def test_scan_raises_when_the_nhs_number_library_cannot_load(monkeypatch):
    monkeypatch.setitem(sys.modules, "stdnum.gb.nhs", None)
    with pytest.raises(DetectorUnavailable, match="NHS numbers"):
        scan_text("NHS number 943 476 5919")


def test_scan_raises_when_the_name_lists_cannot_load(monkeypatch):
    monkeypatch.setitem(sys.modules, "faker.providers.person.en_GB", None)
    lexicon.first_names.cache_clear()
    lexicon.surnames.cache_clear()
    try:
        with pytest.raises(DetectorUnavailable, match="Names cannot be checked"):
            scan_text("Jo Smith said so.")
    finally:
        monkeypatch.undo()
        lexicon.first_names.cache_clear()
        lexicon.surnames.cache_clear()


def test_text_that_cannot_be_checked_counts_as_personal(phonenumbers_missing):
    assert contains_personal_data("consent and thresholds") is True


def test_text_is_checked_when_the_detector_runs():
    assert contains_personal_data("consent and thresholds") is False
    assert contains_personal_data("call 07912 345678") is True
    assert contains_personal_data("a 16 year old") is False  # small numbers are fine in a query


def test_start_up_check_reports_a_detector_that_cannot_run(phonenumbers_missing):
    errors = anonymisation_detector_loads()
    assert [error.id for error in errors] == ["anonymisation.E001"]
    assert "phonenumbers" in errors[0].msg


def test_start_up_check_is_quiet_when_the_detector_runs():
    assert anonymisation_detector_loads() == []
