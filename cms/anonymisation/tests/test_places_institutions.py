"""Places below the local authority, street addresses, and named settings a family uses.

Each flagged row names the text that must be reported and its kind; each clean row must
produce no finding at all (an editor would have to deal with it).
"""

import importlib.util
import json

import pytest

from cms.anonymisation.detection import DetectorUnavailable, scan_text
from cms.anonymisation.detection.recognisers import places
from cms.anonymisation.detection.recognisers.addresses import AddressRecogniser
from cms.anonymisation.detection.recognisers.institutions import InstitutionRecogniser, SchoolNameRecogniser
from cms.anonymisation.detection.recognisers.places import PlaceRecogniser

PLACES = [
    ("The family lived in Moss Side before the move.", "Moss Side"),
    ("They moved to Acocks Green in the spring.", "Acocks Green"),
    ("She grew up in Abbots Langley with her nan.", "Abbots Langley"),
    ("He was known to the youth team in Toxteth.", "Toxteth"),
    ("Peckham was where the exploitation started.", "Peckham"),
    ("Grandma lives in Clacton-on-Sea.", "Clacton-on-Sea"),
    ("They were living in a caravan near Mablethorpe.", "Mablethorpe"),
    ("They moved to St Albans and then St. Ives.", "St Albans"),
    ("Peckham's youth club closed.", "Peckham"),
    ("A Hastings-based charity helped.", "Hastings"),
    ("The family in Merthyr Vale had been known to early help.", "Merthyr Vale"),
    # ordinary words and first names count with a locative cue
    ("They lived in Deal for a year.", "Deal"),
    ("The village of Hope is small.", "Hope"),
    ("Child A lived in Street, a small town in Somerset.", "Street"),
    ("She moved to Leigh after the refuge.", "Leigh"),
    ("Dad stayed near Sandy with his brother.", "Sandy"),
    ("The March area has few services.", "March"),
    # typed without capitals, after a locative word
    ("we moved to toxteth last year", "toxteth"),
    ("mum lives in moss side now", "moss side"),
    # estates, in the gazetteer or not
    ("They lived on the Meadow Well estate.", "Meadow Well estate"),
    ("Mum was rehoused on the Beechwood Estate.", "Beechwood Estate"),
    ("The boys met on the Hillside estate.", "Hillside estate"),
]

ADDRESSES = [
    ("The family were living at 27 Larkspur Close.", "27 Larkspur Close"),
    ("Mum and baby were in Flat 6, Brindley House, for weeks.", "Flat 6, Brindley House"),
    ("Dad moved round the corner to Marlpit Crescent.", "Marlpit Crescent"),
    ("the family were living at 27 larkspur close", "27 larkspur close"),
    ("She was placed at Brindley House, a supported lodging.", "Brindley House"),
]

SCHOOLS = [
    ("Child A attended St Anne's until Year 4.", "St Anne's"),
    ("He moved from St Anne's in the summer.", "St Anne's"),
    ("St Anne's DSL rang the front door.", "St Anne's"),
    ("the youth leader at st columba's was the trusted adult", "st columba's"),
    ("He went to Oakfield Primary and settled well.", "Oakfield Primary"),
    ("Hollybrook High made the referral.", "Hollybrook High"),
    ("Saint Mary's RC High made a referral.", "Saint Mary's RC High"),
    ("Our Lady of Lourdes Catholic Primary saw the children daily.", "Our Lady of Lourdes Catholic Primary"),
    ("Little Acorns Nursery noticed the bruising.", "Little Acorns Nursery"),
    ("Rainbow Pre-School used the early help assessment.", "Rainbow Pre-School"),
    ("Mum went to Brambles Children's Centre.", "Brambles Children's Centre"),
    ("Chuckles Playgroup was the only setting they used.", "Chuckles Playgroup"),
    ("her childminder (Ladybird Childminding) raised it", "Ladybird Childminding"),
    ("Cherry Blossom Montessori shared their observations.", "Cherry Blossom Montessori"),
    ("The Oakfield primary was good.", "Oakfield primary"),
    ("things got better once she started at Kingsmead, the pastoral team were great", "Kingsmead"),
]

INSTITUTIONS = [
    ("The vicar at St Bartholomew's Church noticed.", "St Bartholomew's Church"),
    ("She told a volunteer at the Al-Noor Mosque.", "Al-Noor Mosque"),
    ("Father C prayed at Jamia Masjid.", "Jamia Masjid"),
    ("He studied at Masjid Al-Noor on Saturdays.", "Masjid Al-Noor"),
    ("The children ate at Guru Nanak Gurdwara.", "Guru Nanak Gurdwara"),
    ("She told a volunteer at Shri Radha Krishna Mandir.", "Shri Radha Krishna Mandir"),
    ("The welfare committee at Beth Hamidrash helped.", "Beth Hamidrash"),
    ("The concern came from the madrassa at Darul Uloom Faizan.", "Darul Uloom Faizan"),
    ("She was registered with the Riverside Medical Practice.", "Riverside Medical Practice"),
    ("Hillcrest Surgery flagged the missed immunisations.", "Hillcrest Surgery"),
    ("The school nurse ran drop-ins at the Elms Health Centre.", "Elms Health Centre"),
    ("Mum took her to Dr Patel's surgery.", "Dr Patel's surgery"),
    ("She was seen at the Sunflower Clinic.", "Sunflower Clinic"),
    ("Child A was admitted to Beech Ward.", "Beech Ward"),
    ("She was moved to Ward 7B overnight.", "Ward 7B"),
    ("the nurses on starfish ward noticed dad was controlling", "starfish ward"),
]

CLEAN = [
    "The family moved from Wigan to Leeds, and both MASHs shared information.",
    "Grandma lives in Cornwall and the children stayed with her.",
    "She was being exploited by older males from across the North East.",
    "The boys were travelling from Tower Hamlets to Swansea along the M4.",
    "Services in Cheshire West and Chester worked together.",
    "Kent Police and Durham County Council shared information.",
    "He lived in Newcastle upon Tyne and later in Kingston upon Thames.",
    "They moved to Reading, then Stoke-on-Trent, then Southend.",
    "Reading the chronology, I saw the pattern.",
    "In March the family moved. March was a difficult month.",
    "There was Hope for the future and the Deal was done.",
    "They went to Church every Sunday.",
    "She was seen on the High Street by a police officer.",
    "She drove a Vauxhall Corsa and had a Halifax account.",
    "She was admitted to Wythenshawe Hospital and Great Ormond Street Hospital.",
    "Stoke City fans and Morecambe Bay NHS Trust staff were involved.",
    "Oxford Health NHS Foundation Trust worked with Pennine Care.",
    "King's College Hospital made a referral.",
    "The family lived on a council estate, then a Housing Estate.",
    "Mum and the children moved into temporary accommodation and then a refuge.",
    "The family lived in a cul-de-sac and neighbours complained.",
    "The GP practice flagged the repeat attendances.",
    "The imam at a local mosque was the first adult she told.",
    "The church youth club helped us find a trusted adult.",
    "The langar at the gurdwara meant one hot meal a day.",
    "The madrassa teachers had safer recruitment training.",
    "The baby was admitted to the children's ward for observation.",
    "CAMHS and the sexual health clinic both knew her.",
    "The Catholic church and the Methodist Church ran a food bank.",
    "The Church of England and the Hindu Temple held events.",
    "Heart surgery was needed. Sunday church mattered to her.",
    "She was on the ward for a week and then moved onto another ward.",
    "Her childminder was the first to raise concerns.",
    "The family hub ran a baby massage group.",
    "A funded place through the children's centre made a difference.",
    "Her secondary didn't know until the Operation Encompass notification arrived.",
    "A faith school nearby agreed to a managed move.",
    "She'd been at the pupil referral unit since Year 9.",
    "She moved to a Leeds primary. The Leeds Primary Care Trust met.",
    "The Steiner school was small and a Forest School ran on Fridays.",
    "Child A's school in Kent was an academy.",
    "She attended Brownies after school and was attending Kooth sessions.",
    "St John Ambulance and Dr Barnardo's supported the family.",
    "The Children's Society and Action for Children helped.",
    "After 12 weeks road safety had improved.",
    "staff in new buildings were told about the plan",
    "we went to reading and then to leigh in march",
    # headings in title case: capitals say nothing there
    "How One Operation Encompass Notice Shaped A School Day",
    "A Disclosure At Church Youth Group",
    "Children Were A Box On The Assessment Form",
    "When Sharing Would Drive Her Away",
]


def _found(recogniser, text):
    return [text[m.start : m.end] for m in recogniser.find(text)]


@pytest.mark.parametrize("text,span", PLACES)
def test_places_below_the_local_authority(text, span):
    assert span in _found(PlaceRecogniser(), text)
    assert any(span in f.text for f in scan_text(text))  # another kind may win the merged span


@pytest.mark.parametrize("text,span", ADDRESSES)
def test_addresses(text, span):
    assert span in _found(AddressRecogniser(), text)


@pytest.mark.parametrize("text,span", SCHOOLS)
def test_schools_and_nurseries(text, span):
    assert span in _found(SchoolNameRecogniser(), text)


@pytest.mark.parametrize("text,span", INSTITUTIONS)
def test_health_settings_and_places_of_worship(text, span):
    assert span in _found(InstitutionRecogniser(), text)


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_has_no_finding(text):
    assert scan_text(text) == []


def test_settings_in_one_list_are_reported_one_by_one():
    text = "Rainbow Pre-School and Brambles Children's Centre helped."
    assert _found(SchoolNameRecogniser(), text) == ["Rainbow Pre-School", "Brambles Children's Centre"]


def test_place_inside_a_local_authority_name_is_not_reported():
    assert _found(PlaceRecogniser(), "Cheshire West and Chester, Neath Port Talbot, Perth and Kinross") == []


def test_a_missing_place_list_stops_the_check(monkeypatch, tmp_path):
    monkeypatch.setattr(places, "PLACES_FILE", tmp_path / "uk_places.txt")
    places.gazetteer.cache_clear()
    try:
        with pytest.raises(DetectorUnavailable, match="Places cannot be checked"):
            scan_text("They lived in Toxteth.")
    finally:
        monkeypatch.undo()
        places.gazetteer.cache_clear()


def test_the_gazetteer_credits_its_source():
    header = places.PLACES_FILE.read_text(encoding="utf-8").split("\n", 8)
    assert any("Contains data from GeoNames (geonames.org), CC BY 4.0" in line for line in header)


def _generator():
    path = places.DATA_DIR / "build_uk_places.py"
    spec = importlib.util.spec_from_file_location("build_uk_places", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_keeps_places_and_sets_local_authorities_aside(tmp_path):
    cities = {
        "1": {"name": "Toxteth", "countrycode": "GB"},
        "2": {"name": "Chester", "countrycode": "GB"},
        "3": {"name": "Royal Leamington Spa", "countrycode": "GB"},
        "4": {"name": "Paris", "countrycode": "FR"},
        "5": {"name": "St Mary's", "countrycode": "GB"},
    }
    source = tmp_path / "cities500.json"
    source.write_text(json.dumps(cities), encoding="utf-8")
    _generator().build(source, tmp_path)
    listed = set((tmp_path / "uk_places.txt").read_text(encoding="utf-8").splitlines())
    allowed = set((tmp_path / "uk_places_allowed.txt").read_text(encoding="utf-8").splitlines())
    assert {"Toxteth", "Royal Leamington Spa", "Leamington Spa", "Leamington", "Moss Side"} <= listed
    assert not {"Chester", "Paris", "St Mary's"} & listed
    assert {"Chester", "Cheshire West and Chester", "Bristol", "Hull", "Kingston upon Thames"} <= allowed
