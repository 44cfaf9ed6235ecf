"""Word lists used by the anonymisation recognisers.

First names and surnames come from the person providers that ship inside the
``Faker`` package (MIT licence, pure Python, no network access, no model
download).  We only read the static tuples of the English-speaking locales
(en_GB, en_IE, en_US, en_NZ, en_IN, en_PK), which together give ~2,400 first
names and ~4,000 surnames covering British, Irish, South Asian and Maori names,
and top them up with a small built-in list of names common in UK communities
that the Faker locales miss (Somali, West African, Eastern European, Arabic
transliterations, recent popular baby names).

If Faker cannot be loaded the name lists raise ``DetectorUnavailable``: the
check refuses to run rather than run with lower recall.

The other lists keep precision high: words that are both first names and
ordinary words/places ("Grace", "Amber", "Kent", "Preston"), local-authority
and place names (which may be published), agency and role words, months and
days.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from .errors import DetectorUnavailable

FAKER_LOCALES = ("en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK")

SUPPLEMENT_FIRST_NAMES = frozenset(
    """
    Muhammad Mohammed Mohamed Ahmed Ahmad Hassan Hussein Hussain Yusuf Yousef Mustafa
    Abdi Abdirahman Abdullahi Abdullah Abdulrahman Ayaan Hodan Hamdi Ubah Faduma
    Fatima Fatuma Aisha Ayesha Amina Aminah Maryam Mariam Zainab Khadija Khadijah
    Halima Hawa Asha Sahra Safiya Sumaya Nasra Farhia Ilhan Mahad Liban Idil
    Imran Irfan Tariq Wasim Asif Zubair Usman Uzma Shabana Nasreen Rukhsana Shazia
    Nazia Farah Sana Hira Saima Samina Rubina Shamima Nusrat Taslima Rahima Jannat
    Harpreet Gurpreet Manpreet Jaspreet Sukhdeep Navdeep Simran Rajesh Sunil Anil
    Ravi Deepak Sanjay Vijay Pradeep Rakesh Priyanka Sunita Kavita Anjali Pooja
    Kwame Kofi Ama Akosua Kwabena Yaw Chidi Chiamaka Emeka Ngozi Chinedu Obinna
    Oluwaseun Tunde Ade Adebayo Segun Funmi Folake Temitope Tobi Damilola Ayodele
    Blessing Precious Comfort Favour Praise Gift Mercy Abena Efua Nana
    Kacper Jakub Szymon Filip Oliwia Zuzanna Wiktoria Julia Agnieszka Katarzyna
    Piotr Tomasz Krzysztof Marek Pawel Andrei Ionut Mihai Ioana Elena Bogdan
    Dmitri Dmitry Olena Oksana Artem Mykola Yulia Svitlana Darius Gabija Ieva
    Freddie Alfie Reggie Teddy Rocco Albie Jenson Louie Ollie Sonny Kian Tyrese
    Maisie Esme Elsie Mollie Lacey Tia Kayla Leighton Kenzie Rio Tiago Mateo
    Noah Leo Theo Arthur Oscar Olivia Amelia Isla Ava Mia Freya Sienna Evie
    Aaliyah Ayla Layla Nevaeh Shanice Jayden Kayden Tyrell Jerome Marcus Shaquille
    """.split()
)

# Names that are also everyday words, places or countries.  Such a token is only
# reported when it is followed by a known surname ("Grace Hill") or preceded
# by a title ("Mrs Grace ...").
AMBIGUOUS_FIRST_NAMES = frozenset(
    """
    April May June August Autumn Summer Winter Spring Will Mark Bill Guy Dean
    Earl Chase Drew Jack Sandy Sue Lance Gene Frank Grace Hope Faith Joy Christian
    Jesus Angel Destiny Harmony Trinity Crystal Amber Ruby Jade Holly Ivy Rose
    Violet Daisy Poppy Lily Olive Heather Hazel Robin Penny Melody Misty Dawn Raven
    Willow Phoenix Diamond Ebony Skye Sky Sunny Lucky Forum Loot Man Mad Sad Said
    Nail Om Ira Eta Don Jan Kay Ray Max Rex Sam Tess Che Tai Zion Eden Storm Star
    Kent Devon Lincoln Preston Warwick Brent Florence Stanley Shirley Kingston
    Clayton Ashton Hudson Brooklyn Dakota Austin Cruz India Paris Israel Jordan
    Chad Sydney Georgia Virginia Carolina Chelsea Shannon Kirby Regan Hunter
    Parker Carter Cooper Mason Taylor Archer Fletcher Harper Piper Tanner Bailey
    Blessing Precious Comfort Favour Praise Gift Mercy Patience Charity Nana
    Lee Leigh Sian Jo Al Abbey Hilary Paige Lacey Major Rich Gay Lynn Jean
    Justice Miracle Liberty Royal Rio Gabija Lut Lutf Wadi Indie
    """.split()
)

# Capitalised words that are never the start or continuation of a person's
# name in this context: agencies, roles, documents, time words.  A first name
# followed by one of these is reported on its own (e.g. "Kent Police" -> not a
# person because Kent is ambiguous; "Sarah Social Worker" -> "Sarah").
NON_NAME_WORDS = frozenset(
    """
    The A An In On At After Before During When While Whilst Following Both As
    If It Its This That These Those Then There They We She He Her His Their
    Our Your I You Mum Dad Child Children Mother Father Baby Babies Sibling
    Siblings Young Person People Professional Professionals Social Care Police
    Health Family Families Court Council Early Help Team School Schools Local
    Authority Authorities Safeguarding Partnership Partners Board Manager Officer
    Nurse Nursing Mental Youth Offending Service Services Domestic Abuse Hospital
    Trust Foundation Education Virtual Head Designated Lead Strategy Meeting
    Section Plan Protection Conference Review Assessment Referral Front Door Hub
    Worker Workers Visitor Visitors Practitioner Practitioners Emergency
    Department Accident Ambulance Fire Rescue Housing Probation Prison Teacher
    Teaching Assistant Pastoral Support Agency Agencies Multi National Area
    Region County City Town Village Borough District North South East West
    Central Greater Independent Chair Clinical Commissioning Group Integrated
    Board Paediatrician Paediatric Consultant Doctor Midwife Midwifery Ward
    Clinic Practice Surgery Pharmacy Dental Dentist Optician Centre Center
    Together Trusted Adult Adults Key Keeping Safe Sharing Information Consent
    General Data Regulation Working Act Children's Missing Exploitation Criminal
    Sexual Neglect Physical Emotional Harm Significant Threshold Level Step Down
    Up Universal Targeted Specialist Intensive Supporting Connected Carer Carers
    Kinship Foster Fostering Adoption Residential Home Unit Ofsted Government
    Minister Secretary State Parliament Justice Crown Prosecution Magistrates
    NSPCC Childline Action Aid Refuge Citizens Advice Jobcentre Benefits Credit
    Bank Holiday Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October
    November December Christmas Easter Ramadan Eid Diwali Hanukkah Royal Queen
    King Prince Princess Lord Lady Saint St Christian Muslim Jewish Sikh Hindu
    Catholic Church Mosque Temple Synagogue Gurdwara Imam Vicar Priest Rabbi
    Pastor Roma Traveller Travellers Gypsy Irish Polish Somali Romanian Afghan
    Syrian Eritrean Sudanese Asian Black White British English Welsh Scottish
    Ukrainian Chinese Indian Pakistani Bangladeshi African Caribbean Nigerian
    Ghanaian Kurdish Iraqi Iranian Albanian Vietnamese Turkish Arabic Urdu
    Bengali Punjabi Tamil Portuguese Spanish French German Italian Lithuanian
    Latvian Hungarian Czech Slovak Bulgarian Mixed Heritage Primary Secondary
    High Junior Infant Infants Academy College Nursery University GP GPs DSL
    MASH CAMHS CSC NHS SENCO SEND EHCP IRO LADO MARAC MAPPA CIN CP LAC CLA
    Yes No Not Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Rev Revd Reverend
    Grandmother Grandfather Grandma Grandad Granny Nan Aunt Auntie Uncle Cousin
    Stepfather Stepmother Brother Sister Partner Parent Parents Boyfriend
    Girlfriend Husband Wife Ex Key Case Note Notes Record Records Report Reports
    Policy Guidance Procedure Procedures Story Stories Study Studies Learning
    Lessons Outcome Outcomes Impact Background Summary Introduction Conclusion
    Street Road Avenue Lane Close Drive Way Crescent Gardens Place Terrace Grove
    Mews Square Hill Park
    """.split()
)

# Organisations and landmarks named after people (never reported as names).
ORGANISATIONS_NAMED_AFTER_PEOPLE = (
    "Marie Curie",
    "Lucy Faithfull",
    "Anna Freud",
    "Florence Nightingale",
    "Mary Seacole",
    "Great Ormond Street",
    "Alder Hey",
    "Sue Ryder",
    "Leonard Cheshire",
    "Carers Trust",
    "Prince's Trust",
    "King's Trust",
    "Ronald McDonald",
    "Winston's Wish",
    "Elizabeth Line",
    "Victoria Climbié",
    "Victoria Climbie",
    "Peter Connelly",
    "Arthur Labinjo-Hughes",
    "Star Hobson",
    "Daniel Pelka",
    "Baby P",
    "Dr Barnardo",
)

# Titles that mark the following capitalised word(s) as a person's name.
TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Rev",
    "Revd",
    "Reverend",
)

# Role words used in the allowed pseudonym pattern "Child A", "Young Person C".
PSEUDONYM_ROLES = (
    "Young Person",
    "Young Adult",
    "Child",
    "Mother",
    "Father",
    "Sibling",
    "Baby",
    "Infant",
    "Professional",
    "Parent",
    "Carer",
    "Grandmother",
    "Grandfather",
    "Grandparent",
    "Aunt",
    "Uncle",
    "Cousin",
    "Stepfather",
    "Stepmother",
    "Step-father",
    "Step-mother",
    "Brother",
    "Sister",
    "Partner",
    "Boyfriend",
    "Girlfriend",
    "Adult",
    "Person",
    "Practitioner",
    "Worker",
    "Teacher",
    "Pupil",
    "Student",
    "Family",
    "Household",
    "Man",
    "Woman",
    "Boy",
    "Girl",
    "Male",
    "Female",
    "Nurse",
    "Doctor",
    "Officer",
    "Agency",
    "School",
    "Mum",
    "Dad",
    "Case",
    "Victim",
    "Perpetrator",
    "Suspect",
    "Friend",
    "Neighbour",
    "Relative",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
)

# Local-authority and other area names that may legitimately be published
# (areas may be named at local-authority level).  Used as an allow-list so
# that "Preston", "Kent", "Chester" and friends are never reported as people.
LOCAL_AUTHORITY_AREAS = frozenset(
    """
    Barking Dagenham Barnet Bexley Brent Bromley Camden Croydon Ealing Enfield
    Greenwich Hackney Hammersmith Fulham Haringey Harrow Havering Hillingdon
    Hounslow Islington Kensington Chelsea Kingston Lambeth Lewisham Merton
    Newham Redbridge Richmond Southwark Sutton Tower Hamlets Waltham Forest
    Wandsworth Westminster London Birmingham Bradford Calderdale Kirklees Leeds
    Wakefield Sheffield Rotherham Doncaster Barnsley Manchester Salford
    Stockport Tameside Trafford Wigan Bolton Bury Oldham Rochdale Liverpool
    Knowsley Sefton Wirral Helens Halton Warrington Cheshire Chester Newcastle
    Gateshead Sunderland Tyneside Durham Darlington Hartlepool Middlesbrough
    Redcar Cleveland Stockton Northumberland Cumbria Cumberland Westmorland
    Furness Lancashire Blackburn Darwen Blackpool Preston York Yorkshire Hull
    Kingston Humber Lincolnshire Lincoln Nottingham Nottinghamshire Derby
    Derbyshire Leicester Leicestershire Rutland Northamptonshire Northampton
    Coventry Solihull Sandwell Dudley Walsall Wolverhampton Warwickshire Warwick
    Worcestershire Herefordshire Shropshire Telford Wrekin Staffordshire Stoke
    Trent Bristol Bath Somerset Gloucestershire Wiltshire Swindon Dorset
    Bournemouth Christchurch Poole Devon Plymouth Torbay Cornwall Scilly Isles
    Hampshire Southampton Portsmouth Isle Wight Surrey Sussex Brighton Hove
    Kent Medway Essex Southend Thurrock Hertfordshire Bedford Bedfordshire Luton
    Buckinghamshire Milton Keynes Oxfordshire Oxford Berkshire Reading Slough
    Windsor Maidenhead Wokingham Bracknell Cambridgeshire Cambridge Peterborough
    Norfolk Norwich Suffolk Ipswich Wales Cardiff Swansea Newport Wrexham
    Scotland Glasgow Edinburgh Aberdeen Dundee Belfast Ireland England Britain
    Stanley Shirley Clayton Ashton Florence Kendal Carlisle
    """.split()
)


def _faker_names(attribute_names: tuple[str, ...]) -> set[str]:
    names: set[str] = set()
    for locale in FAKER_LOCALES:
        module_name = f"faker.providers.person.{locale}"
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise DetectorUnavailable(f"Names cannot be checked: {module_name} did not load ({exc})") from exc
        provider = getattr(module, "Provider", None)
        for attr in attribute_names:
            values = getattr(provider, attr, None)
            if isinstance(values, dict):  # weighted OrderedDicts in some locales
                values = values.keys()
            if values:
                names.update(v for v in values if isinstance(v, str))
    # Multi-word entries ("Te Ariki") are dropped: we match token by token.
    return {n for n in names if " " not in n and n[:1].isupper()}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(
        _faker_names(("first_names", "first_names_male", "first_names_female")) | SUPPLEMENT_FIRST_NAMES
    )


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    extra = {
        "Patel",
        "Khan",
        "Ahmed",
        "Ali",
        "Hussain",
        "Begum",
        "Singh",
        "Kaur",
        "Shah",
        "Mohamed",
        "Mohammed",
        "Hassan",
        "Kowalski",
        "Nowak",
        "Wisniewski",
        "Okafor",
        "Okonkwo",
        "Adeyemi",
        "Mensah",
        "Osei",
        "Popescu",
        "Ionescu",
        "Nguyen",
        "Chen",
        "Wang",
        "Smith",
        "Jones",
    }
    return frozenset(_faker_names(("last_names",)) | extra)
