"""People's names: the name lists, the context rules and the possible-name review flag."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from case_studies.demo_stories import STORIES
from cms.anonymisation.detection import DetectorUnavailable, lexicon, scan_text
from cms.anonymisation.detection.dictionary import is_english_word
from cms.anonymisation.detection.recognisers.names import PersonNameRecogniser, PossibleNameRecogniser

CLEAN_STORIES = Path(__file__).resolve().parent / "data" / "clean_stories.json"


def _names(text: str) -> list[tuple[str, str]]:
    """(kind, text) of the name findings only, so other recognisers' work does not interfere."""
    return [
        (f.kind, f.text)
        for f in scan_text(text, recognisers=[PersonNameRecogniser(), PossibleNameRecogniser()])
    ]


# (text, kind, the text of the finding)
FLAGGED = [
    # lower case, with a cue or as a full name
    ("the referral came after jo smith told the school", "person_name", "jo smith"),
    ("the referral came after kelsey brannigan told her form tutor", "person_name", "kelsey brannigan"),
    ("dad (darren pilling) refused to engage at first", "person_name", "darren"),
    ("police would speak to amira el-sayed before she left school", "person_name", "amira el-sayed"),
    ("the plan for lacey-mae ogunleye ended in march", "person_name", "lacey-mae ogunleye"),
    ("the plan for ellie-mae ended in march", "person_name", "ellie-mae"),
    ("agnieszka kowalska missed school again", "person_name", "agnieszka kowalska"),
    ("concerns about baby tomasz wojcik's weight", "person_name", "tomasz wojcik"),
    ("we rang connor's dad to explain", "person_name", "connor"),
    ("the mother of jo smith rang", "person_name", "jo smith"),
    ("spoke to mum, sharon briggs, who was worried", "person_name", "sharon briggs"),
    ("mrs patel rang the school", "person_name", "mrs patel"),
    # surname first
    ("SMITH, Jo (mother) attended the conference.", "person_name", "SMITH, Jo"),
    ("Kowalski, Anna - dad's partner - was at the visit.", "person_name", "Kowalski, Anna"),
    ("OKAFOR Chidi was named on the referral.", "person_name", "OKAFOR Chidi"),
    ("Attendees: DSL, school nurse, NWACHUKWU, Ebere (mother).", "person_name", "NWACHUKWU, Ebere"),
    ("Youth justice shared that TREVASKIS, Jago had been seen.", "person_name", "TREVASKIS, Jago"),
    (
        "The visit was with Ferreira-Lopes, Inês (mum) and an interpreter.",
        "person_name",
        "Ferreira-Lopes, Inês",
    ),
    ("Smith, Jo (mother) attended.", "person_name", "Smith, Jo"),
    # names from the UK's many communities, with or without diacritics
    ("Siobhán told her teacher.", "person_name", "Siobhán"),
    ("Oisin told his youth worker.", "person_name", "Oisin"),
    ("Chiamaka had been a young carer for years.", "person_name", "Chiamaka"),
    ("Early help worked with Rebwar and his dad on routines.", "person_name", "Rebwar"),
    ("Wojciech was new to the class.", "person_name", "Wojciech"),
    ("The school met Ionuț and his mum.", "person_name", "Ionuț"),
    ("Oleksandr Shevchenko arrived from Ukraine.", "person_name", "Oleksandr Shevchenko"),
    ("Dmytro said the flat was cold.", "person_name", "Dmytro"),
    ("Dimitar said the flat was cold.", "person_name", "Dimitar"),
    ("Thi Hoa Nguyen had been working long hours.", "person_name", "Thi Hoa Nguyen"),
    ("Wei Zhang told her teacher.", "person_name", "Wei Zhang"),
    ("Yonas told his foster carer about the calls.", "person_name", "Yonas"),
    ("Cerys and Gethin were in the same class.", "person_name", "Cerys"),
    # context
    ("Mrs Achterberg, the class teacher, noticed the change.", "person_name", "Mrs Achterberg"),
    ("DC Okonjo took the initial account.", "person_name", "DC Okonjo"),
    ("PC Jones and the school nurse visited.", "person_name", "PC Jones"),
    ("Cllr Whitworth raised it at panel.", "person_name", "Cllr Whitworth"),
    ("Social worker Kerry-Ann picked the case up.", "person_name", "Kerry-Ann"),
    ("The DSL, Kacper, rang the MASH.", "person_name", "Kacper"),
    ("It was only when she told Teodora at the club that anyone knew.", "person_name", "Teodora"),
    # ordinary words that are names: context decides
    ("Will told his teacher that he had been hit.", "person_name", "Will"),
    ("The health visitor was worried about baby Hope.", "person_name", "Hope"),
    ("Nan, who the children call Nanny Pat, rang the school.", "person_name", "Pat"),
    ("Summer disclosed to the school nurse.", "person_name", "Summer"),
    ("Dad said Rob from the boxing club gave lifts.", "person_name", "Rob"),
    ("When we visited, Amber was sitting on the stairs.", "person_name", "Amber"),
    ("The youth worker, Dawn, spotted the older lads.", "person_name", "Dawn"),
    ("His aunt Rose looked after them at weekends.", "person_name", "Rose"),
    ("The teacher asked Grace what had happened.", "person_name", "Grace"),
    ("Hope said she felt safe at school.", "person_name", "Hope"),
    ("Rose was quiet when we visited.", "person_name", "Rose"),
    ("Sunny had been missing school for weeks.", "person_name", "Sunny"),
    ("May told the teacher on Monday.", "person_name", "May"),
    ("Grace Thompson was the named nurse.", "person_name", "Grace Thompson"),
    ("Bill was the uncle.", "person_name", "Bill"),
    # unknown capitalised words in mid-sentence: for the editor to judge
    ("The school spoke to Zewdu Gebremariam about it.", "possible_name", "Zewdu Gebremariam"),
    ("On Tuesday the team met Kidist Alemayehu at home.", "possible_name", "Kidist Alemayehu"),
]


@pytest.mark.parametrize("text,kind,found", FLAGGED)
def test_flagged(text, kind, found):
    assert (kind, found) in _names(text)


CLEAN = [
    "Mother B and Father C attended; Young Person D and Child A were seen.",
    "Mrs B said she felt listened to for the first time.",
    "mum (mother b) agreed to an early help assessment.",
    "Attendees: DSL, SCHOOL NURSE, MOTHER (Mother B), SOCIAL WORKER.",
    "Subject: CHILD A, referred by school following a disclosure.",
    "MASH checks: POLICE, no trace; HEALTH, known to health visitor.",
    "Case notes said 'PARTNER - not known to services'.",
    "There was real hope by the end of the plan; mum felt back in control.",
    "The family were given a grace period on their rent arrears.",
    "Staff were reminded to mark the register carefully.",
    "Will the plan work? May it help Child A?",
    "Grace and patience were needed by everyone involved.",
    "Hope was fading by the spring.",
    "In May the teacher told us, and in June the case closed.",
    "The family had an amber RAG rating and were rated Amber at review.",
    "Kent Police and Durham County Council shared information.",
    "Services in Cheshire West and Chester, Newham and Tower Hamlets worked together.",
    "The Christian family attended church; Faith leaders in Bradford joined in.",
    "Under Clare's Law the police made a disclosure; some call it sarah's law.",
    "St John Ambulance and Dr Barnardo's supported the family.",
    "The Lucy Faithfull Foundation ran a group.",
    "The GP applied the Fraser guidelines and Gillick competence.",
    "The Caldicott Guardian agreed, as the Munro review advised.",
    "Operation Encompass meant the school knew by 9am.",
    "We used Signs of Safety and recorded it on Liquidlogic and CPOMS.",
    "She was referred to Kooth, Cafcass wrote a report and Ofsted inspected.",
    "The family's old 2009 Vauxhall Zafira was their only shelter.",
    "The interpreter spoke Tigrinya, Amharic and Arabic.",
    "The family came from Eritrea; the interpreter spoke Tigrinya Amharic.",
    "In Victoria (Australia) short videos went out monthly.",
    "The Children Act 1989 and Working Together 2023 set out the duties.",
    "the school nurse and the health visitor both had worries.",
    "young person c was supported by the youth worker and police.",
    "She went to madrassa most evenings; during Ramadan the meeting moved.",
    "The Gypsy, Roma and Traveller education service helped.",
    "Burns were found on her arm and Banks of the river flooded.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean(text):
    assert _names(text) == []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_demo_and_clean_stories_have_no_names_even_in_lower_case():
    texts = list(_strings(STORIES)) + list(_strings(json.loads(CLEAN_STORIES.read_text(encoding="utf-8"))))
    assert texts
    for text in texts:
        assert _names(text) == [], text
        assert _names(text.lower()) == [], text


def test_name_keys_fold_diacritics_and_case():
    assert lexicon.name_key("Siobhán") == lexicon.name_key("SIOBHAN") == "siobhan"
    assert lexicon.name_key("O'Farrell") == "ofarrell"
    assert {"siobhan", "oisin", "zofia", "andreea", "chukwuemeka", "dmytro", "olha", "dimitar"} <= (
        lexicon.first_name_keys()
    )
    assert {"kowalska", "popescu", "yilmaz", "okafor", "shevchenko", "papadopoulos", "nguyen"} <= (
        lexicon.surname_keys()
    )


def test_wider_lists_drop_ordinary_english_words():
    # from Faker's other locales only names that are not English words are kept
    assert "long" not in lexicon.first_name_keys() and "council" not in lexicon.first_name_keys()
    assert "burns" not in lexicon.first_name_keys()
    assert {"lars", "mantas", "nour"} <= lexicon.first_name_keys()
    # the English-speaking lists keep theirs; context decides ("Will", "Grace")
    assert {"will", "grace"} <= lexicon.english_first_name_keys()


@pytest.mark.parametrize(
    "word,english",
    [
        ("services", True),
        ("reported", True),
        ("behaviour", True),
        ("organised", True),
        ("centre", True),
        ("multi-agency", True),
        ("Anti-Social", True),
        ("has", True),
        ("Kowalski", False),
        ("Ofsted", False),
        ("Labinjo-Hughes", False),
        ("Warsame", False),
    ],
)
def test_english_words_follow_inflections_and_british_spelling(word, english):
    assert is_english_word(word) is english


@pytest.fixture
def fresh_name_lists():
    caches = (
        lexicon._anyascii,
        lexicon.first_names,
        lexicon.surnames,
        lexicon.english_first_names,
        lexicon.place_words,
    )
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


@pytest.mark.parametrize("module", ["anyascii", "faker.providers.person.pl_PL", "faker.providers.address.en"])
def test_names_refuse_to_run_without_their_lists(monkeypatch, fresh_name_lists, module):
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(DetectorUnavailable, match="Names cannot be checked"):
        PersonNameRecogniser()
    with pytest.raises(DetectorUnavailable, match="Names cannot be checked"):
        PossibleNameRecogniser()
