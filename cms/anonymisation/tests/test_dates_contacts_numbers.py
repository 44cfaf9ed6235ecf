"""Dates and ages, contacts and online identifiers, numbers and small-number details.

Each row is run through these recognisers only, so a name or place finding from another
recogniser neither hides nor fakes one of these.
"""

from __future__ import annotations

import sys

import pytest

from case_studies.demo_stories import STORIES
from cms.anonymisation.detection import DetectorUnavailable, dictionary, scan_text
from cms.anonymisation.detection.recognisers import (
    DateOfBirthRecogniser,
    EmailRecogniser,
    ExactDateRecogniser,
    NHSNumberRecogniser,
    NINumberRecogniser,
    PassportNumberRecogniser,
    PhoneRecogniser,
    PostcodeRecogniser,
    ReferenceNumberRecogniser,
    SmallNumberRecogniser,
    SocialMediaRecogniser,
    VehicleRegistrationRecogniser,
)
from cms.anonymisation.detection.recognisers.windows import stretches, word_positions

RECOGNISERS = [
    DateOfBirthRecogniser(),
    ExactDateRecogniser(),
    EmailRecogniser(),
    PhoneRecogniser(),
    SocialMediaRecogniser(),
    NHSNumberRecogniser(),
    NINumberRecogniser(),
    PassportNumberRecogniser(),
    ReferenceNumberRecogniser(),
    VehicleRegistrationRecogniser(),
    PostcodeRecogniser(),
    SmallNumberRecogniser(),
]


def scan(text):
    return scan_text(text, recognisers=RECOGNISERS)


# (text, kind, a piece of text the finding must cover)
FLAGGED = [
    # dates of birth, in words and in figures
    ("She was born on the fifth of May, two thousand and ten.", "date_of_birth", "fifth of May"),
    (
        "Born first of January two thousand and fifteen, she was known to services.",
        "date_of_birth",
        "fifteen",
    ),
    ("DOB twelfth June 2011", "date_of_birth", "twelfth June 2011"),
    ("d.o.b. 2nd april 2010 (taken from the GP record)", "date_of_birth", "2nd april 2010"),
    ("Her DOB is the eleventh of October, twenty twelve.", "date_of_birth", "twenty twelve"),
    (
        "Her date of birth is the twenty-ninth of February, two thousand and twelve.",
        "date_of_birth",
        "twelve",
    ),
    ("He was born on Christmas Day 2016.", "date_of_birth", "Christmas Day 2016"),
    ("She was born late May 2016.", "date_of_birth", "May 2016"),
    ("Child A, aged 4 (born Feb 2019), started nursery late.", "date_of_birth", "Feb 2019"),
    ("Child A, aged 15 (DOB 03/2009), was referred.", "date_of_birth", "03/2009"),
    ("Born in nineteen ninety-nine on the 3rd of March, he was the eldest.", "date_of_birth", "3rd of March"),
    # partial birth dates next to a birthday or an age
    ("Her birthday is the 3rd of march.", "date_of_birth", "3rd of march"),
    ("She was born on 29 Feb.", "date_of_birth", "29 Feb"),
    ("She was born on Christmas Eve.", "date_of_birth", "Christmas Eve"),
    ("She was born at home on 4 June.", "date_of_birth", "4 June"),
    ("She turned 13 on 4 June and went missing that weekend.", "date_of_birth", "turned 13 on 4 June"),
    ("His 16th birthday on the 21st was spent in custody.", "date_of_birth", "the 21st"),
    ("He turned fifteen in the May half term.", "date_of_birth", "May"),
    ("When he turned 18 in March the support stopped.", "date_of_birth", "March"),
    ("He turns 18 in March and the plan must change.", "date_of_birth", "March"),
    ("A 15-year-old (16 on 30 Sept) was referred by the school nurse.", "date_of_birth", "30 Sept"),
    (
        "The baby was 6 weeks old on the 12th of April when the health visitor visited.",
        "date_of_birth",
        "April",
    ),
    ("She will be 18 on 30 June.", "date_of_birth", "30 June"),
    ("He was the youngest in his year, an August 31st birthday.", "date_of_birth", "August 31st"),
    ("On 4 June, her 13th birthday, she disclosed.", "date_of_birth", "4 June"),
    ("Her 16th birthday in March was spent in care.", "date_of_birth", "March"),
    ("His 18th birthday is on 12 May.", "date_of_birth", "12 May"),
    ("Child A was born in March and was aged 9 at the referral.", "date_of_birth", "born in March"),
    ("His birthday's on 4 May.", "date_of_birth", "4 May"),
    ("It was the day after her 14th birthday (5 March).", "date_of_birth", "5 March"),
    ("She was born on the 4th.", "date_of_birth", "the 4th"),
    ("He turned 17 at the end of May.", "date_of_birth", "May"),
    ("DOB 12-Apr-2013", "date_of_birth", "12-Apr-2013"),
    # exact dates
    ("It happened on the twenty-first of March 2011.", "exact_date", "twenty-first of March 2011"),
    ("The review was on 12th June two thousand and eleven.", "exact_date", "two thousand and eleven"),
    ("on the twelfth of december twenty twenty-one the GP made the referral", "exact_date", "twenty-one"),
    ("Initial conference: Thursday 16 March 2023.", "exact_date", "16 March 2023"),
    ("Section 47 enquiries started 21st Aug 2020.", "exact_date", "21st Aug 2020"),
    ("The meeting was on 3rd Mar '23.", "exact_date", "3rd Mar '23"),
    ("mum left the refuge on 3.6.24 and moved back in", "exact_date", "3.6.24"),
    ("The child was reported missing on 31/10/19.", "exact_date", "31/10/19"),
    ("on the twelfth of December in 2021 the GP made the referral", "exact_date", "December in 2021"),
    ("The plan was signed on 2023/03/14.", "exact_date", "2023/03/14"),
    # email addresses, plain and written out
    ("Email kayleigh.m.brown93@gmail.com for updates.", "email", "kayleigh.m.brown93@gmail.com"),
    ("Email jo dot smith at gmail dot com about it.", "email", "jo dot smith at gmail dot com"),
    ("Her address was kayden99 [at] hotmail [dot] co [dot] uk then.", "email", "kayden99 [at] hotmail"),
    ("Write to name at provider dot com.", "email", "name at provider dot com"),
    ("Contact j.smith (at) nhs.net for the notes.", "email", "j.smith (at) nhs.net"),
    ("She emailed jsmith at nhs.net.", "email", "jsmith at nhs.net"),
    ("Email lisa at hotmail.com.", "email", "lisa at hotmail.com"),
    ("She wrote it as elliemae2009 at outlook.com on the form.", "email", "elliemae2009 at outlook.com"),
    ("Mum's email (kasia.zielinska[@]wp.pl) was the only way to reach her.", "email", "wp.pl"),
    ("nan - sheilarowbotham(at)aol(dot)com - wants to be kept in the loop", "email", "aol(dot)com"),
    ("kayla.xo AT outlook DOT com", "email", "kayla.xo AT outlook DOT com"),
    ("her email is kayla99 at gmail and she checks it daily", "email", "kayla99 at gmail"),
    ("She said to email jo.smith@hotmail about it.", "email", "jo.smith@hotmail"),
    # social media
    ("He messaged her as @someone_01 most nights.", "social_media", "@someone_01"),
    ("She found him on Snapchat as tyler.b_x and added him.", "social_media", "tyler.b_x"),
    ("Her TikTok is kayla.xo and it was public.", "social_media", "kayla.xo"),
    ("Instagram: lilmaz", "social_media", "lilmaz"),
    ("her snap is mollzz.x and the older girls had added her", "social_media", "mollzz.x"),
    ("The older girl's TikTok, bella.babesss, had videos of the school.", "social_media", "bella.babesss"),
    ("someone using the Discord name Xx_ghostface_xX#4471", "social_media", "Xx_ghostface_xX#4471"),
    ("the boys found him on Roblox, username BlockyBoi_2013, and moved", "social_media", "BlockyBoi_2013"),
    ("His Xbox gamertag was ShadowWolf99.", "social_media", "ShadowWolf99"),
    ("His Instagram (lilmaz_x) was public.", "social_media", "lilmaz_x"),
    ("He used an account called kaylaxo to message her.", "social_media", "kaylaxo"),
    ("He went by 'BigDawg' on Instagram.", "social_media", "BigDawg"),
    ("Discord user Xx_ghost_xX added her.", "social_media", "Xx_ghost_xX"),
    ("See instagram.com/lilmaz for the posts.", "social_media", "instagram.com/lilmaz"),
    (
        "She posted on facebook.com/sharon.tolley.58 about it.",
        "social_media",
        "facebook.com/sharon.tolley.58",
    ),
    ("The video at tiktok.com/@kayla.xo was reported.", "social_media", "tiktok.com/@kayla.xo"),
    ("x.com/kaylaxo and twitter.com/kx were the same person.", "social_media", "x.com/kaylaxo"),
    ("Add him at snapchat.com/add/tylerb.", "social_media", "snapchat.com/add/tylerb"),
    (
        "The drill videos on youtube.com/@nightdrillz_ent were evidence.",
        "social_media",
        "youtube.com/@nightdrillz_ent",
    ),
    ("His profile is linkedin.com/in/jo-smith-123.", "social_media", "linkedin.com/in/jo-smith-123"),
    # vehicle registrations
    ("A white van, reg YR19 KXT, was seen at the gate.", "vehicle_registration", "YR19 KXT"),
    ("A silver Corsa ab12cde was parked there.", "vehicle_registration", "ab12cde"),
    ("reg no. SN14OYH noted by the bus driver", "vehicle_registration", "SN14OYH"),
    ("Dad's old Corsa (R472 JHN) was outside the house.", "vehicle_registration", "R472 JHN"),
    ("The van P123 ABC was seen.", "vehicle_registration", "P123 ABC"),
    ("An old car ABC 123D was used.", "vehicle_registration", "ABC 123D"),
    ("The registration KAY 1 was noted.", "vehicle_registration", "KAY 1"),
    ("His private plate JO 5 was distinctive.", "vehicle_registration", "JO 5"),
    ("CCTV picked up the number plate - wx 70 nxe - outside the shop.", "vehicle_registration", "wx 70 nxe"),
    # passport numbers
    ("Police seized his passport, number 531874206, after the order.", "passport_number", "531874206"),
    ("his passport no. is 802 615 947 and the solicitor holds it", "passport_number", "802 615 947"),
    ("Mum's Polish passport EA4729183 was kept by her partner.", "passport_number", "EA4729183"),
    ("passport (no. 123456789) was found.", "passport_number", "123456789"),
    # reference numbers
    ("The Mosaic ID 1234567 was quoted.", "reference_number", "1234567"),
    ("LCS number 987654 was on the letter.", "reference_number", "987654"),
    ("EHM ref EH-12345 was opened.", "reference_number", "EH-12345"),
    ("crime ref 13/71842/23 was shared with the DSL", "reference_number", "13/71842/23"),
    ("Police occurrence number 23*451982 was quoted.", "reference_number", "23*451982"),
    ("Incident log number 4567 was raised.", "reference_number", "4567"),
    ("CAD 1234 was raised.", "reference_number", "1234"),
    ("The school confirmed the UPN K801205873014.", "reference_number", "K801205873014"),
    ("college found her ULN 4829301746 and her records", "reference_number", "4829301746"),
    ("hospital no. RX1234567 was used.", "reference_number", "RX1234567"),
    ("MRN 7654321 was on the wristband.", "reference_number", "7654321"),
    ("MARAC reference MR/2211/087, high risk.", "reference_number", "MR/2211/087"),
    ("The incident ref NWP-22-117384 was passed on.", "reference_number", "NWP-22-117384"),
    ("Police gave crime reference CR/123456/21.", "reference_number", "CR/123456/21"),
    ("PNC ID 12/345678A was checked.", "reference_number", "12/345678A"),
    ("The family ID 44871 was on the form.", "reference_number", "44871"),
    ("His CHI number 1234567890 was used.", "reference_number", "1234567890"),
    # National Insurance numbers and postcodes
    ("nino hn 55 82 17 a, housing needed it", "ni_number", "hn 55 82 17 a"),
    ("They were rehoused to an M14 postcode.", "postcode", "M14"),
    ("Dad now lives in the NE6 postcode area.", "postcode", "NE6"),
    ("They moved to the BD8 area of Bradford.", "postcode", "BD8"),
    # small-number details
    (
        "Aged 14 and the only Eritrean girl in the village, she stood out.",
        "small_number",
        "only Eritrean girl",
    ),
    ("They were the only family of six in the hamlet.", "small_number", "the only family of six"),
    ("She was one of two Year 6 pupils at the school.", "small_number", "one of two Year 6 pupils"),
    ("He was the only wheelchair user on the estate.", "small_number", "the only wheelchair user"),
    ("He was 12 and the only Sudanese boy in the whole of his year group.", "small_number", "Sudanese boy"),
    ("They're the only family with triplets in the village.", "small_number", "family with triplets"),
    ("He was the only child with Down's syndrome at the school.", "small_number", "the only child"),
    ("He was the only 14-year-old in the unit.", "small_number", "14-year-old"),
    ("The only Black family in Little Hadham were targeted.", "small_number", "Black family"),
    ("She was one of two children in the village.", "small_number", "one of two children"),
    ("She was one of two Roma children.", "small_number", "Roma children"),
    ("They were the only Gypsy/Roma family on the site.", "small_number", "Gypsy/Roma family"),
    ("The one Sikh family on the street was targeted.", "small_number", "Sikh family"),
    ("She was the only trans pupil in school.", "small_number", "trans pupil"),
    ("She was the only girl at the pupil referral unit.", "small_number", "the only girl"),
]

CLEAN = [
    # dates that are not birth dates or not exact
    "In March 2022 the case was stepped down.",
    "Child A, aged 14, was excluded on 4 June.",
    "The meeting on 4 June agreed a plan.",
    "She was born in 2011 and has lived with her grandparents since.",
    "The baby was born prematurely in the spring of 2022.",
    "He's eleven, turning twelve next year, and has just started Year 7.",
    "We celebrated her birthday with a small party at the contact centre.",
    "She was 13 when she first went missing, and by 14 she was going missing most weekends.",
    "She was 16 in June 2021 when she moved.",
    "He turned 12 on the first day of term.",
    "Her baby was born in March.",
    "The team met in court 12 on 3 June.",
    "Version 2020.1 of the policy; in 2020-21 and 2021/22 the figures rose.",
    "He turned 18 in care.",
    "Referrals rose (12 in May) after the campaign.",
    "Section 1.5.20 of the policy applies.",
    "The May 2023 review found gaps.",
    "You may 2 or 3 times a day call the duty desk.",
    "In the spring term of 2023 attendance improved from 61% to 94%.",
    # emails that are not there
    "Mum arrived at nine on the dot and said she'd email the DSL at some point.",
    "We looked at the dot com address on the flyer for the parenting course.",
    "The worker joined the dots at the multi-agency meeting: at school, at the GP and at home.",
    "Find out more at nspcc.org.uk or at www.gov.uk.",
    "Guidance is at gov.uk.",
    "Details at NSPCC.org.uk.",
    "She was at the school at 3.30 pm.",
    "I'm at hotmail now.",
    # platforms with no account
    "She met him on Snapchat.",
    "Her TikTok is private.",
    "He used Instagram as a way to contact her.",
    "She was on Instagram as well.",
    "The school ran a session on TikTok trends and Snap Map.",
    "Mum didn't have Facebook, so the worker used WhatsApp to keep in touch.",
    "The school's Facebook page was updated.",
    "She let off steam: 3 hours of football.",
    "We had to handle 25 cases that week.",
    "Meet @ 3pm by the gates.",
    "The account was closed by the platform.",
    "He was on Snapchat, Instagram and TikTok every night.",
    # roads, year groups, forms, vitamins and models are not number plates
    "He was picked up near the A34 and dropped back near the M6 at about 2am.",
    "The M6 area was closed.",
    "Y7 SEN pupils were invited.",
    "KS2 SATs and Y11 GCSE results, COVID-19 and the M62 and A1(M).",
    "Form 3A and the CAF were completed.",
    "She had low vitamin B12 and iron levels.",
    "The family's old 2009 Vauxhall Zafira was their only shelter.",
    "The number plate was partly obscured, so police could not trace the car.",
    "We met at 16 and talked about the plan.",
    "yr10 and yr11 pupils were seen.",
    # passports and references without a number
    "The family had no passports and no recourse to public funds.",
    "They took her passport in 2019.",
    "The crime reference number was passed to the DSL.",
    "Concerns met the threshold for a section 47 enquiry under the Children Act 1989.",
    "Section 47 enquiries started under Article 6(1)(e) of the UK GDPR.",
    "Working Together to Safeguard Children 2023 sets out clear expectations.",
    "In 2020/21 the case referral 2021/22 was reviewed.",
    "The client 16-17 year olds group met weekly.",
    "Across the year 1,248 referrals came through the MASH, of which 312 (25%) came from health.",
    "She used the ISO 27001 standard.",
    "See www.gov.uk/government/uploads/system/uploads/attachment_data/file/338875/MASH.pdf for the report.",
    "Journal of Children's Services, doi.org/10.1108/JCS-05-2017-0019 and 10.1080/13561820.2017.1329199.",
    # helplines and public numbers
    "Call Childline on 0800 1111 or the NSPCC on 0808 800 5000, or 101, 111 or 999.",
    "The family were signposted to NHS 111 and to the NSPCC helpline on 0808 800 5000.",
    # small numbers that do not single anyone out
    "She was one of many families we supported.",
    "Like most teenagers, he spent a lot of time online.",
    "She was one of three children.",
    "She was one of the few families in the area to use the service.",
    "He was one of several children in his class getting free school meals.",
    "One in three children on a plan in the county was there because of domestic abuse.",
    "Child A was born in 2012 and is the only child in the household.",
    "The only agency in Kent that responded was the police.",
    "The only child in Mother B's care was seen weekly.",
    "The only practitioner at the meeting was the DSL.",
    "She was a single parent in the town.",
    "The one thing in the plan that worked was the visit.",
    "She was known as Child A on Snapchat.",
    "a Snapchat user he didn't know",
]


@pytest.mark.parametrize("text,kind,covered", FLAGGED)
def test_flagged(text, kind, covered):
    start = text.index(covered)
    end = start + len(covered)
    findings = scan(text)
    assert any(f.kind == kind and f.start <= start and end <= f.end for f in findings), findings


@pytest.mark.parametrize("text", CLEAN)
def test_clean(text):
    assert scan(text) == []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_demo_stories_are_clean():
    assert [(f.kind, f.text) for text in _strings(STORIES) for f in scan(text)] == []


def test_overlapping_date_findings_merge_to_one_date_of_birth():
    [finding] = scan_text("She was born on the fifth of May, two thousand and ten.")
    assert (finding.kind, finding.text) == ("date_of_birth", "born on the fifth of May, two thousand and ten")


def test_stretches_are_merged_and_end_at_whitespace():
    text = "one two March three four five six seven eight nine ten eleven May twelve"
    lowered = text.lower()
    months = [(s, e) for s, e in word_positions(lowered, ("mar", "may")) if lowered[s:e] in ("march", "may")]
    assert [text[s:e] for s, e in months] == ["March", "May"]
    assert stretches(text, months, before=3, after=3) == [(4, 19), (55, 72)]
    assert stretches(text, months, before=40, after=40) == [(0, len(text))]


@pytest.mark.parametrize(
    "recogniser", [EmailRecogniser, SocialMediaRecogniser, VehicleRegistrationRecogniser]
)
def test_recognisers_refuse_to_start_without_the_word_list(monkeypatch, recogniser):
    monkeypatch.setitem(sys.modules, "english_words", None)
    dictionary.english_words.cache_clear()
    try:
        with pytest.raises(DetectorUnavailable):
            recogniser()
    finally:
        monkeypatch.undo()
        dictionary.english_words.cache_clear()


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("early help for a family 1000", None),  # a page slug's counter, read as words
        ("case 4521 was discussed", None),
        ("case no. 4521 was discussed", "4521"),
        ("family ID 4412", "4412"),
        ("child 12345 on the system", "12345"),
    ],
)
def test_an_everyday_cue_word_needs_a_label_or_a_record_like_number(text, flagged):
    found = [f.text for f in scan_text(text) if f.kind == "reference_number"]
    assert found == ([flagged] if flagged else [])
