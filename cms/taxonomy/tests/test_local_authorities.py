"""The local-authority data module: counts, uniqueness and spot checks against ONS."""

import re
from collections import Counter

import pytest

from cms.taxonomy.local_authorities import LOCAL_AUTHORITIES, NATIONS, WELSH_NAMES

CODES = {code: (name, nation) for code, name, nation in LOCAL_AUTHORITIES if code}


def test_counts_per_nation():
    assert Counter(nation for _, _, nation in LOCAL_AUTHORITIES) == {
        "england": 153,
        "wales": 22,
        "scotland": 32,
        "northern-ireland": 5,
    }


def test_counts_per_code_prefix():
    assert Counter(code[:3] for code, _, _ in LOCAL_AUTHORITIES) == {
        "E06": 63,  # unitary authorities, including the Isles of Scilly
        "E08": 36,  # metropolitan districts
        "E09": 33,  # 32 London boroughs and the City of London
        "E10": 21,  # county councils
        "W06": 22,
        "S12": 32,
        "": 5,  # Northern Ireland HSC Trusts have no GSS code
    }


def test_codes_and_names_are_unique_and_well_formed():
    codes = [code for code, _, _ in LOCAL_AUTHORITIES if code]
    names = [name for _, name, _ in LOCAL_AUTHORITIES]
    assert len(codes) == len(set(codes)) == 207
    assert len(names) == len(set(names)) == 212
    prefix_nation = {"E": "england", "W": "wales", "S": "scotland"}
    for code, name, nation in LOCAL_AUTHORITIES:
        assert nation in NATIONS
        assert name == name.strip() and "  " not in name
        if code:
            assert re.fullmatch(r"(E0[689]|E10|W06|S12)[0-9]{6}", code), code
            assert prefix_nation[code[0]] == nation, code


@pytest.mark.parametrize(
    "code,name",
    [
        ("E06000058", "Bournemouth, Christchurch and Poole"),
        ("E06000059", "Dorset"),
        ("E06000060", "Buckinghamshire"),
        ("E06000061", "North Northamptonshire"),
        ("E06000062", "West Northamptonshire"),
        ("E06000063", "Cumberland"),
        ("E06000064", "Westmorland and Furness"),
        ("E06000065", "North Yorkshire"),
        ("E06000066", "Somerset"),
        ("E06000053", "Isles of Scilly"),
        ("E09000001", "City of London"),
        ("E06000023", "Bristol, City of"),
        ("E06000047", "County Durham"),
        ("E06000010", "Kingston upon Hull, City of"),
        ("E06000019", "Herefordshire, County of"),
        ("E08000013", "St. Helens"),
        ("E09000003", "Barnet"),
        ("E08000026", "Coventry"),
        ("E08000007", "Stockport"),
        ("E10000015", "Hertfordshire"),
        ("W06000016", "Rhondda Cynon Taf"),
        ("W06000014", "Vale of Glamorgan"),
        ("S12000013", "Na h-Eileanan Siar"),
        ("S12000036", "City of Edinburgh"),
        ("S12000049", "Glasgow City"),
    ],
)
def test_spot_checks(code, name):
    assert CODES[code][0] == name


@pytest.mark.parametrize(
    "code",
    [
        "E10000006",  # Cumbria
        "E10000023",  # North Yorkshire County Council
        "E10000027",  # Somerset County Council
        "E10000021",  # Northamptonshire
        "E10000002",  # Buckinghamshire County Council
        "E10000009",  # Dorset County Council
        "E06000028",  # Bournemouth
        "E06000029",  # Poole
    ],
)
def test_abolished_authorities_are_absent(code):
    assert code not in CODES


def test_northern_ireland_trusts():
    trusts = [(code, name) for code, name, nation in LOCAL_AUTHORITIES if nation == "northern-ireland"]
    assert trusts == [
        ("", f"{region} Health and Social Care Trust")
        for region in ("Belfast", "Northern", "South Eastern", "Southern", "Western")
    ]


def test_welsh_names_belong_to_welsh_authorities():
    assert WELSH_NAMES["W06000015"] == "Caerdydd"
    for code, welsh in WELSH_NAMES.items():
        assert CODES[code][1] == "wales"
        assert welsh != CODES[code][0]
