"""Resolving free-text area values to Area objects."""

import pytest

from cms.taxonomy.areas import AmbiguousArea, AreaIndex, UnknownArea, core_key, resolve_area
from cms.taxonomy.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return AreaIndex.load()


@pytest.mark.parametrize(
    "value,slug",
    [
        # slug, code (any case), display name, official name
        ("bristol", "bristol"),
        ("E06000023", "bristol"),
        ("e06000023", "bristol"),
        ("Bristol", "bristol"),
        ("Bristol, City of", "bristol"),
        ("City of Bristol", "bristol"),
        ("Bristol City Council", "bristol"),
        ("BRISTOL CITY COUNCIL", "bristol"),
        ("County Durham", "durham"),
        ("Durham County Council", "durham"),
        ("Barnet", "barnet"),
        ("London Borough of Barnet", "barnet"),
        ("Barnet Council", "barnet"),
        ("Coventry", "coventry"),
        ("Coventry City Council", "coventry"),
        ("Stockport", "stockport"),
        ("Stockport Metropolitan Borough Council", "stockport"),
        ("Stockport MBC", "stockport"),
        # "&" and "and"
        ("Telford & Wrekin", "telford-and-wrekin"),
        ("Telford and Wrekin Council", "telford-and-wrekin"),
        ("Brighton & Hove City Council", "brighton-and-hove"),
        ("Hammersmith & Fulham", "hammersmith-and-fulham"),
        # other designations and punctuation
        ("Royal Borough of Kensington and Chelsea", "kensington-and-chelsea"),
        ("Windsor and Maidenhead, Royal Borough of", "windsor-and-maidenhead"),
        ("Kingston upon Hull, City of", "kingston-upon-hull"),
        ("Hull City Council", "kingston-upon-hull"),
        ("Herefordshire, County of", "herefordshire"),
        ("Herefordshire Council", "herefordshire"),
        ("Hertfordshire County Council", "hertfordshire"),
        ("St Helens", "st-helens"),
        ("Saint Helens Council", "st-helens"),
        ("Stockton on Tees", "stockton-on-tees"),
        ("City of Westminster", "westminster"),
        ("City of London Corporation", "city-of-london"),
        ("London, City of", "city-of-london"),
        ("City of Bradford Metropolitan District Council", "bradford"),
        ("Council of the Isles of Scilly", "isles-of-scilly"),
        ("Bournemouth Christchurch and Poole", "bournemouth-christchurch-and-poole"),
        # Wales, Scotland, Northern Ireland
        ("City and County of Swansea", "swansea"),
        ("Caerdydd", "cardiff"),
        ("Ynys Môn", "isle-of-anglesey"),
        ("Ynys Mon", "isle-of-anglesey"),
        ("The Vale of Glamorgan", "vale-of-glamorgan"),
        ("Rhondda Cynon Taf County Borough Council", "rhondda-cynon-taf"),
        ("Rhondda Cynon Taff", "rhondda-cynon-taf"),
        ("City of Edinburgh Council", "city-of-edinburgh"),
        ("Edinburgh", "city-of-edinburgh"),
        ("Glasgow City Council", "glasgow-city"),
        ("The Highland Council", "highland"),
        ("Comhairle nan Eilean Siar", "na-h-eileanan-siar"),
        ("Belfast Health and Social Care Trust", "belfast-hsc-trust"),
        ("Belfast Trust", "belfast-hsc-trust"),
        ("South Eastern HSC Trust", "south-eastern-hsc-trust"),
        ("National", "national"),
    ],
)
def test_resolves(index, value, slug):
    assert index.resolve(value).slug == slug


def test_every_area_resolves_by_each_of_its_names(index):
    for area in Area.objects.all():
        for value in filter(None, (area.slug, area.gss_code, area.name, area.official_name)):
            assert index.resolve(value) == area, value


def test_unknown_area_suggests_the_closest_names(index):
    with pytest.raises(UnknownArea) as error:
        index.resolve("Barnett")
    assert isinstance(error.value, ValueError)
    assert error.value.suggestions[0] == "Barnet"
    assert 1 <= len(error.value.suggestions) <= 3
    assert str(error.value).startswith("unknown area 'Barnett' (closest: Barnet")


@pytest.mark.parametrize(
    "value,suggestion",
    [
        ("Rhonda Cynon Taf", "Rhondda Cynon Taf"),
        ("Kingston", "Kingston upon Hull"),
        ("London", "City of London"),  # not the City of London: suggest, don't guess
        ("Stockprt", "Stockport"),
        ("E0600032", "Luton"),  # a digit short
    ],
)
def test_near_misses_are_not_guessed(index, value, suggestion):
    with pytest.raises(UnknownArea) as error:
        index.resolve(value)
    assert suggestion in error.value.suggestions


def test_unknown_code_and_empty_value(index):
    with pytest.raises(UnknownArea):
        index.resolve("E06999999")
    with pytest.raises(UnknownArea) as error:
        index.resolve("  ")
    assert error.value.suggestions == []
    with pytest.raises(UnknownArea) as error:
        index.resolve("Xyzzy")
    assert str(error.value) == "unknown area 'Xyzzy' (no close matches)"


def test_a_value_matching_two_areas_is_ambiguous():
    index = AreaIndex(
        [
            Area(name="St Helens", slug="st-helens-a"),
            Area(name="St. Helens", slug="st-helens-b"),
            Area(name="Kingston Council", slug="kingston-a"),
            Area(name="Royal Borough of Kingston", slug="kingston-b"),
        ]
    )
    with pytest.raises(AmbiguousArea) as error:
        index.resolve("saint helens")
    assert isinstance(error.value, ValueError)
    assert error.value.suggestions == ["St Helens", "St. Helens"]
    assert str(error.value) == "ambiguous area 'saint helens': matches St Helens, St. Helens"
    with pytest.raises(AmbiguousArea) as error:
        index.resolve("Kingston")
    assert {a.slug for a in error.value.areas} == {"kingston-a", "kingston-b"}
    # An exact name wins over one that only matches once designations are stripped.
    assert index.resolve("Kingston Council").slug == "kingston-a"


def test_load_runs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        index = AreaIndex.load()
        index.resolve("Barnet")
        index.resolve("E08000026")
        with pytest.raises(UnknownArea):
            index.resolve("Barnett")
    assert len(index) == Area.objects.count()


def test_resolve_area_convenience():
    assert resolve_area("Stockport Metropolitan Borough Council").gss_code == "E08000007"


def test_core_key():
    assert core_key("Bristol, City of") == core_key("City of Bristol") == core_key("Bristol City Council")
    assert core_key("City of London") == "city of london"
    assert core_key("Council") == "council"  # never stripped to nothing
