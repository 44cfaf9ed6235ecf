"""Word lists used by the anonymisation recognisers.

First names and surnames come from the person providers that ship inside the ``Faker``
package (MIT licence, pure Python, no network access, no model download), in two tiers:

* the English-speaking locales (``ENGLISH_LOCALES``) plus built-in supplements of names
  common in UK communities that no locale has (Somali, Eritrean, Ethiopian, Albanian,
  Afghan, Kurdish, Bangladeshi, Sikh, Yoruba and Igbo, Welsh and Scottish, nicknames):
  a capitalised name from here is a name on its own;
* the other locales of the UK's communities (``WIDER_LOCALES``: Irish, Polish, Romanian,
  Baltic, Czech, Slovak, Hungarian, Portuguese, Spanish, Italian, Turkish, Nigerian,
  Kenyan, Ghanaian, Swahili, Zulu, Vietnamese, Algerian...) and the Cyrillic, Greek and
  Chinese ones romanised with ``anyascii`` (ISC, installed with Wagtail) and, for
  Ukrainian and Bulgarian, the national passport romanisation too ("Dmytro", "Dimitar").
  From this tier only names that are not dictionary words are kept, so the much longer
  lists do not turn "Long", "Can" or "Council" into names.

Matching is on a folded key (:func:`name_key`: diacritics stripped, lower case), so
"Siobhán", "Siobhan" and "SIOBHAN" are one name.

If Faker or anyascii cannot be loaded the name lists raise ``DetectorUnavailable``: the
check refuses to run rather than run with lower recall.

The other lists keep precision high: names that are also ordinary words, places, months
or faiths ("Grace", "Amber", "Kent", "May"), local-authority names (which may be
published), agency and role words, brands and languages; and the context words (titles,
relatives, roles, reporting verbs) that say a person is meant.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache

from .dictionary import english_words
from .errors import DetectorUnavailable

ENGLISH_LOCALES = ("en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK")

# Latin-script locales of communities living in the UK (Faker has no Somali, Albanian,
# Kurdish, Punjabi or Tigrinya locale: see the supplement below). "en" is the long list
# of US birth-registration names, which adds many modern and African-Caribbean names.
WIDER_LOCALES = (
    "en",
    "ga_IE",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "lv_LV",
    "et_EE",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "hr_HR",
    "sl_SI",
    "pt_PT",
    "pt_BR",
    "es_ES",
    "it_IT",
    "fr_FR",
    "de_DE",
    "nl_NL",
    "tr_TR",
    "az_AZ",
    "fr_DZ",
    "en_NG",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "en_KE",
    "sw",
    "tw_GH",
    "zu_ZA",
    "vi_VN",
    "id_ID",
)

# Non-Latin locales whose names anyascii romanises well (Arabic, Persian and the
# Indic scripts lose their vowels, so their names come from en_IN, en_PK, fr_DZ and
# the supplement instead).
TRANSLITERATED_LOCALES = ("uk_UA", "ru_RU", "bg_BG", "el_GR", "zh_CN")

SUPPLEMENT_FIRST_NAMES = frozenset(
    """
    Muhammad Mohammed Mohamed Mohammad Ahmed Ahmad Hassan Hussein Hussain Yusuf Yousef
    Mustafa Abdi Abdirahman Abdullahi Abdullah Abdulrahman Abdikarim Abdirizak Ayaan
    Hodan Hamdi Ubah Faduma Fadumo Fatima Fatuma Aisha Ayesha Amina Aminah Maryam Mariam
    Zainab Khadija Khadijah Halima Hawa Asha Sahra Safiya Sumaya Nasra Farhia Ilhan
    Mahad Liban Idil Warsame Hibaq Nimco Sagal Deeqa Ifrah Najma Filsan Ayan
    Imran Irfan Tariq Wasim Asif Zubair Usman Uzma Shabana Nasreen Rukhsana Shazia
    Nazia Farah Sana Hira Saima Samina Rubina Shamima Nusrat Taslima Rahima Jannat
    Sultana Shirin Rashida Momena Rokeya Rumana Shahana Nazma Jahanara Parveen Salma
    Abdul Kamal Jamal Shafiq Shahid Rafiq Rahman Rezaul Mizanur Mahbub Anwar Nazrul
    Harpreet Gurpreet Manpreet Jaspreet Sukhdeep Navdeep Simran Rajesh Sunil Anil
    Ravi Deepak Sanjay Vijay Pradeep Rakesh Priyanka Sunita Kavita Anjali Pooja
    Kwame Kofi Ama Akosua Kwabena Yaw Chidi Chiamaka Emeka Ngozi Chinedu Obinna
    Oluwaseun Tunde Ade Adebayo Segun Funmi Folake Temitope Tobi Damilola Ayodele
    Abena Efua Nana Tendai Tatenda Farai Rutendo Chipo Tinashe Kudzai Nyasha Rumbi
    Kacper Jakub Szymon Filip Oliwia Zuzanna Wiktoria Julia Agnieszka Katarzyna
    Piotr Tomasz Krzysztof Marek Pawel Andrei Ionut Mihai Ioana Elena Bogdan
    Dmitri Dmitry Olena Oksana Artem Mykola Yulia Svitlana Darius Gabija Ieva
    Arben Besnik Blerim Dritan Ermal Fatmir Gentian Ilir Kujtim Luan Besa Blerta Elira
    Elona Fjolla Jonida Mirela Erion Klevis Kristi Ardit Alban Arjola Enkeleda
    Tesfay Tesfaye Haile Berhane Kidane Tekle Yonas Selam Senait Mehari Filmon Yohannes
    Mussie Tsegay Semhar Abrham Saba Feven Eden Lidya Meron Yordanos Ruta
    Hamid Farid Javid Mahmoud Nasrin Parisa Zahra Fereshteh Mahsa Reza Omid Ali Hossein
    Mohsen Morteza Sohrab Rahmatullah Zabihullah Gul Gulalai Shabnam Mursal Samiullah
    Azad Dilan Rojin Hevin Shivan Baran Berivan Zana Rebin Soran Shilan Ronahi Rebwar
    Karwan Hawre Dilshad Shwan Sherzad Aram Hemin Hardi Rizgar Kawa Shno Zhilwan Lana
    Freddie Alfie Reggie Teddy Rocco Albie Jenson Louie Ollie Sonny Kian Tyrese
    Maisie Esme Elsie Mollie Lacey Tia Kayla Leighton Kenzie Rio Tiago Mateo
    Noah Leo Theo Arthur Oscar Olivia Amelia Isla Ava Mia Freya Sienna Evie
    Aaliyah Ayla Layla Nevaeh Shanice Jayden Kayden Tyrell Jerome Marcus Shaquille
    Florin Alin Ion Ionel Marius Mantas Taras Lars Emre Burak Mert Zeynep Ebru Tadesse
    Dimitar Georgi Hristo Petar Stoyan Todor Yordan Thi Hoa Anh Linh Huong Trang Thanh
    Tuan Hung Meseret Dawit Hiwot Tigist Selamawit Bereket Zarlasht Tahmina Jannatul Sumaiya Rukhsar
    Nusaiba Rahim Tanvir Mahfuz Ruksana Mbuyi Kabongo Tshilanda Nsimba Delroy Tyreece
    Jermaine Leroy Winston Duc Xiaoming Jing Navjot Gurdeep Kuldip Kulwinder Jasvinder
    Balwinder Parminder Rajinder Sukhwinder Amrit Harjit Ranjit Jagdeep Mandeep Hardeep
    Laima Amal Hiba Imane Nour Noor Malak Reem Hala Dalia Yasmin Lina Youssef Jago Kerenza
    Cerys Gethin Eleri Rhodri Iwan Dafydd Emrys Ffion Seren Nia Rhian Carys Bethan Sioned
    Elis Osian Tomos Aled Huw Cai Macsen Eilidh Mhairi Ailsa Morag Catriona Kirsty Hamish
    Ruaridh Lachlan Finlay Fraser Euan Calum Murdo Folasade Babajide Ebere Chinonso Chisom
    Uchenna Nnamdi Kelechi Ikenna Oluwatobi Oluwafemi Ayomide Adeola Bukola Funmilayo
    Yewande Titilayo Modupe Abimbola Olamide Ireoluwa Tolulope Amaka Nkechi Ifeanyi
    Olumide Godswill Goodluck Chidinma Chiamaka Ifeoluwa Oluwadamilare Oreoluwa Demilade
    Tobiloba Mayowa Femi Dayo Kunle Lanre Wale Bisi Sade Toyin Yemi Jide Seun Gbenga
    Mae Jo Bex Becky Kez Kaz Shaz Daz Gaz Baz Jaz Sav Tash Stevie Frankie Charlie
    Rob Robbie Dave Davey Steve Stevo Mike Mikey Chris Nick Nicky Jim Jimmy Pete Andy
    Dan Danny Matt Jon Jonny Ed Eddie Ted Alex Kate Katie Liz Lizzie Becca Jen Jess
    Vicky Vikki Mandy Bev Jackie Debs Debbie Em Abi Ellie Lou Georgie Kev Del Mo
    """.split()
)

SUPPLEMENT_SURNAMES = frozenset(
    """
    Patel Khan Ahmed Ali Hussain Begum Singh Kaur Shah Mohamed Mohammed Hassan Islam
    Uddin Miah Rahman Chowdhury Hoque Haque Akhtar Bibi Khatun Sultana Karim Alam
    Kowalski Kowalska Nowak Wisniewski Wisniewska Okafor Okonkwo Adeyemi Mensah Osei
    Popescu Ionescu Nguyen Tran Pham Huynh Hoang Phan Bui Dang Ngo Duong Chen Wang
    Smith Jones Warsame Farah Abdi Hersi Jama Omar Aden Egal Osman Ibrahim Mohamud
    Yusuf Duale Hirsi Abdullahi Elmi Guled Dahir Haile Tesfay Tesfaye Berhane Kidane
    Tekle Ghebre Ghebremichael Mehari Yohannes Hoxha Gashi Krasniqi Berisha Shehu Kola
    Leka Dervishi Marku Morina Hysa Rahimi Ahmadi Hosseini Karimi Mohammadi Rezaei
    Azizi Noori Sultani Haidari Safi Popal Stanekzai Barzani Talabani Moyo Ncube
    Dube Sibanda Ndlovu Mpofu Chikwanha Mutasa Banda Phiri Mwale Boateng Asante
    Owusu Appiah Agyeman Ofori Adjei Acheampong Danquah Oduya Obi Eze Nwosu Okeke
    Adebayo Balogun Ogunleye Oyelaran Afolabi Akinola Bakare Ogundipe Okoye Nwachukwu
    Uche Obiora Onyeka Chukwu Adeleke Oyewole Babatunde Olaniyan
    Dumitru Popa Pop Radu Stan Munteanu Matei Constantin Marin Lazar Ciobanu Rusu Tudor
    Florea Dinu Barbu Moldovan Gheorghe Nistor Toma Dobre Zamfir Stanciu Cristea Stoica
    Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
    Çetin Kara Koç Kurt Özkan Şimşek Polat Gebremariam Gebreyesus Tesfamariam Woldemariam
    Alemu Bekele Girma Tadesse Mekonnen Kyriacou Georgiou Christodoulou Constantinou
    Ioannou Charalambous Demetriou Nicolaou Panayiotou Papadopoulos Llewellyn Pritchard
    Prosser Rees Pugh Bevan Powell Vaughan Trevaskis Tregear Penrose Pascoe Trelawny Nance
    Kabongo Mbuyi Tshibangu Ilunga Kabila Mukendi Lukaku Ozolins Dimitrov Melnyk Kravchenko
    Oliinyk Rudenko El-Sayed Elsayed Abdelrahman Abdallah Haddad Khalil Nasser Saleh Yousef
    """.split()
)

# Names that are also everyday words, places or countries. Such a name counts only in
# a context that says a person is meant: a title, a relative or role before it, a
# reporting verb next to it ("Hope said", "told Grace"), or a known surname after it.
AMBIGUOUS_FIRST_NAMES = frozenset(
    """
    April May June August Autumn Summer Winter Spring Will Mark Bill Guy Dean
    Earl Chase Drew Jack Sandy Sue Lance Gene Frank Grace Hope Faith Joy Christian
    Jesus Angel Destiny Harmony Trinity Crystal Amber Ruby Jade Holly Ivy Rose Rob Nick
    Violet Daisy Poppy Lily Olive Heather Hazel Robin Penny Melody Misty Dawn Raven
    Willow Phoenix Diamond Ebony Skye Sky Sunny Lucky Forum Loot Man Mad Sad Said
    Nail Om Ira Eta Don Jan Kay Ray Max Rex Sam Tess Che Tai Zion Eden Storm Star
    Kent Devon Lincoln Preston Warwick Brent Florence Stanley Shirley Kingston
    Clayton Ashton Hudson Brooklyn Dakota Austin Cruz India Paris Israel Jordan
    Chad Sydney Georgia Virginia Carolina Chelsea Shannon Kirby Regan Hunter
    Parker Carter Cooper Mason Taylor Archer Fletcher Harper Piper Tanner Bailey
    Blessing Precious Comfort Favour Praise Gift Mercy Patience Charity Nana
    Lee Leigh Sian Al Abbey Hilary Paige Major Rich Gay Lynn Jean
    Justice Miracle Liberty Royal Rio Gabija Lut Lutf Wadi Indie
    Miles Rusty Dusty Brook Brooke Glen Dale Grant Basil Blake Carol Cole Eve
    Jay Kim Page Pat Reed Rick Robin Ross Sherry Sierra Tiffany Tory
    Warren Wade Noble Sterling Ransom Chance Cash Art Bob Bud Buck Clay
    Ford Heath Hardy Ivory Jet Marina Marsh Neve Nova Saint Sage Fern Flora
    Gale Honey Iris Jasmine Lavender Marigold Myrtle Opal Pearl Primrose Scarlett
    Tabitha Topaz Unity Verity Clement Constance Prudence Felicity Honor Honour
    Trust Valentine Young Rocky Bear Blue Bishop Sonny Buddy Candy Ginger
    Kit Lark Luna Mercedes Mi Nam Ocean Queen Rain River Sunday Tuesday
    """.split()
)

# Ambiguous names whose other sense is itself capitalised (months, seasons, places,
# faiths, ranks): capitalised in mid-sentence they are still not names on their own.
# The rest ("Amber", "Will", "Hope") are names when capitalised in mid-sentence.
PROPER_SENSE_NAMES = frozenset(
    """
    January April May June August Autumn Summer Winter Spring Christian Jesus Trinity Zion Jan
    Eden Angel Kent Devon Lincoln Preston Warwick Brent Florence Stanley Shirley
    Kingston Clayton Ashton Hudson Brooklyn Dakota Austin Cruz India Paris Israel
    Jordan Chad Sydney Georgia Virginia Carolina Chelsea Shannon Kirby Royal Major
    Earl Dean Justice Saint Faith Sunday Tuesday Star Storm Forum Liberty Unity Trust
    Queen Bishop Mercedes Gift Charity Harmony Destiny Miracle Diamond Phoenix Sky
    Skye Ocean River Rain Blue Young Noble Sterling Chance Cash Art Ford Heath Marsh
    Marina Nova Sage Page Reed Grant Glen Dale Brook Brooke Clay
    """.split()
)

# Ambiguous names whose ordinary sense can start a sentence with no article ("Hope was
# fading", "Grace was shown"): at the start of a sentence they need a cue. The others
# ("Rose was quiet", "Sunny had been missing school") are names there when a verb follows.
MASS_SENSE_NAMES = frozenset(
    """
    Hope Grace Faith Joy Mercy Patience Charity Harmony Destiny Trinity Justice Liberty
    Comfort Praise Favour Honour Honor Unity Verity Constance Prudence Felicity Chance
    Dawn Storm Rain Sky Skye Ocean Star Sage Trust Love
    """.split()
)
# Verbs that, right after a capitalised word at the start of a sentence, make it a subject.
SUBJECT_VERBS = frozenset(
    """
    was is had has seemed looked felt became went came got kept stayed lived moved
    attended missed wanted needed loved liked hated started stopped began continued
    refused agreed would could wasn't didn't hadn't isn't couldn't wouldn't
    """.split()
)

# Surnames and first names that are everyday lower-case words ("brown", "young", "smith"):
# in lower case they are names only with a cue. Together with Faker's list of ~1,000
# common English words (see common_words()); other dictionary words that are names in the
# English-speaking lists ("patel", "khan", "kelly", "jo") count as names in lower case.
COMMON_WORD_NAMES = frozenset(
    """
    amble bail bale ball bass bath bean beard bell bender berry best bird bishop branch
    brick bridge bright brown buck bull bush butcher butler cannon carpenter carry case
    chance char chase cherry church clay clear cook cross crane curry dale dash date day
    dean deep dick diver divine doctor drake drew drum duke early fair fall farmer fee
    ferry field finch fisher flood foot ford fox fresh frost fry fuller gamble gay gentry
    gill glass glover golden good gore grace grant gray green grey gross guard guy ham
    hale hall hardy hare hart hay heath herd heron herring hill hood hook hope horn house
    huff hull hunt judge kale key kidney king knight lad lamb lane law lee leech little
    long lord love low loyal lucid mad man manning mark marsh mason master may merry
    millet moan monk moon more moss mountain nail noble north oak orchard pace page pal
    park peacock peck pike pope porter potter power price priest prince quill raid ram
    read reader reed rice rich riddle ridge ring roach rock rose rush sandal savage
    sexton sharp shepherd shine short silk small smart smith snow stack stark steer
    steward stone story stout street strong supple swift tailor tank tanner victory villa
    wade wall ward ware warrior watt way weaver west white winter wise wolf wood wren
    wright young joy faith bill will rob nick pat sue don art ray max rex kit ivy
    """.split()
)

# Places, peoples, faiths and languages that are also in the name lists ("Kenya",
# "Melbourne", "Roman", "Shona"): like PROPER_SENSE_NAMES they are names only with a
# surname or a cue. Countries and US states are read from Faker's address lists (see place_words()).
PLACE_LIKE_NAMES = frozenset(
    """
    America Americas Africa Asia Europe Oceania Arabia Kurdistan Punjab Kashmir Sylhet
    Mirpur Lagos Accra Nairobi Mogadishu Kabul Tirana Bucharest Warsaw Krakow Vilnius
    Riga Kyiv Kiev Lviv Melbourne Sydney Adelaide Perth Brisbane Dallas Houston Denver
    Orlando Boston Regina Santa San Los Las Aviv Avon Deane Stanford Roman Danish Dutch
    Swedish Norwegian Finnish Greek Russian American Australian Canadian European
    Caribbean Jamaican Kenyan Ugandan Zimbabwean Eritrean Ethiopian Romani Gypsy
    Traveller Anglican Methodist Baptist Pentecostal Orthodox Celtic Gaelic Tudor
    Victorian Edwardian Georgian Elizabethan Easter Christmas Advent Lent Diwali Eid
    Tigrinya Amharic Oromo Pashto Dari Farsi Sylheti Gujarati Sorani Kurmanji Tagalog
    Yoruba Igbo Twi Akan Swahili Lingala Shona Ndebele Hausa Mandarin Cantonese Makaton
    Hindi Nepali Sinhala Malayalam Telugu Marathi Hebrew Yiddish Creole Patois
    """.split()
)

# Makes of car, shops and brands: capitalised, not English, not people ("Vauxhall Zafira").
BRAND_WORDS = frozenset(
    """
    Vauxhall Toyota Nissan Honda Hyundai Kia Peugeot Renault Citroen Citroën Volkswagen
    Skoda Škoda Audi Fiat Mazda Suzuki Mitsubishi Volvo Dacia Lexus Tesla Subaru Porsche
    Zafira Corsa Astra Insignia Vectra Qashqai Juke Micra Yaris Aygo Prius Corolla Golf
    Polo Passat Octavia Fabia Clio Megane Picanto Sportage Tucson Mondeo Fiesta Focus
    Tesco Asda Sainsbury Sainsbury's Morrisons Aldi Lidl Primark Argos Greggs Nando's
    Deliveroo Uber Amazon Airbnb Xbox PlayStation Nintendo Fortnite Roblox Minecraft
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
    IDVA IDVAs ISVA SARC CSE CCE DV DA ICPC RCPC PLO SGO TAF TAC CAF EHA FGM NRM UASC
    SPOC CPOMS CAFCASS Cafcass Ofsted HV SW YOT YJS PRU AP ASB CPS CID MISPER ABE
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
    "Cllr",
    "Councillor",
    "PC",
    "DC",
    "DS",
    "DI",
    "DCI",
    "Sgt",
    "Sergeant",
    "Insp",
    "Inspector",
    "PCSO",
    "Constable",
    "Detective",
)

# Titles also written in lower case ("mrs patel"); the rest are ordinary words or
# abbreviations in lower case ("pc", "ds", "miss school").
LOWER_CASE_TITLES = frozenset({"mr", "mrs", "ms", "mx", "dr"})

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
    Crawley Harlow Dover Stafford Hastings Lewes Rugby Burnley Chorley Craven Selby
    Mansfield Ashford Watford Winchester Chichester Horsham Worthing Gosport Fareham
    Havant Wycombe Tamworth Lichfield Redditch Malvern Stroud Gloucester Cheltenham
    Exeter Tewkesbury Wyre Fylde Pendle Hyndburn Rossendale Ribble Lancaster Copeland
    Allerdale Barrow Harrogate Scarborough Ryedale Hambleton Boston Newark Gedling
    Bassetlaw Ashfield Broxtowe Erewash Bolsover Chesterfield Melton Charnwood
    Harborough Blaby Hinckley Corby Kettering Wellingborough Daventry Stevenage
    Dacorum Hertsmere Broxbourne Welwyn Hatfield Basildon Braintree Brentwood
    Chelmsford Colchester Maldon Rochford Tendring Uttlesford Epping Canterbury
    Dartford Gravesham Maidstone Sevenoaks Folkestone Thanet Tonbridge Tunbridge
    Guildford Woking Epsom Reigate Runnymede Spelthorne Tandridge Waverley Elmbridge
    Adur Arun Eastbourne Wealden Rother Basingstoke Eastleigh Rushmoor Cherwell
    Salisbury Taunton Mendip Sedgemoor Torridge Teignbridge Tameside Knowsley
    Sandwell Solihull Wokingham Haringey Hillingdon Hounslow Enfield Bexley
    """.split()
)


# Words that, before or after a word, say that word is a person: relatives, roles and
# greetings ("his aunt Rose", "social worker Jo", "the DSL, Kacper", "Dear Peter"), in
# lower case.
RELATIVE_WORDS = frozenset(
    """
    mother mum mummy mom mam father dad daddy stepdad stepmum stepfather stepmother
    step-dad step-mum step-father step-mother aunt auntie aunty uncle nan nana nanna
    gran granny grandma grandmother grandad granddad grandpa grandfather grandparent
    brother sister stepbrother stepsister half-brother half-sister sibling cousin
    son daughter stepson stepdaughter niece nephew partner boyfriend girlfriend
    husband wife ex-partner ex-boyfriend ex-girlfriend ex-husband ex-wife fiance
    fiancee friend neighbour neighbor carer baby toddler infant twin twins nanny mama
    papa grampa gramps
    """.split()
)
ROLE_WORDS = frozenset(
    """
    dsl ddsl senco lado iro gp pc pcso dc ds di sw nurse midwife doctor paediatrician
    consultant teacher headteacher head deputy tutor officer detective constable
    sergeant inspector manager keyworker coordinator co-ordinator advocate mentor
    coach therapist counsellor psychologist psychiatrist chair lead practitioner
    worker visitor assistant pupil student boy girl teenager classmate colleague
    supervisor caseworker clinician registrar health-visitor
    dear hi hello thanks
    """.split()
)

# Verbs that show the word next to them is a person: "jo smith told the school",
# "Hope said", "the teacher asked Grace".
REPORTING_VERBS = frozenset(
    """
    told tells said says asked asks reported reports disclosed discloses explained
    stated admitted denied alleged claimed added agreed refused confirmed replied
    answered mentioned wrote texted messaged rang phoned emailed shouted screamed
    whispered cried insisted recalled remembered described revealed complained
    """.split()
)
# Verbs that take a person as object: "told Grace", "asked jo".
OBJECT_VERBS = frozenset(
    """
    told asked tell ask telling asking named called texted messaged phoned rang
    emailed contacted visited met
    """.split()
)

# Verbs that take a person after "to" or "with": "speak to amira", "disclosed to Grace".
TO_VERBS = frozenset(
    """
    speak spoke spoken speaking talk talked talking chat chatted explained said
    reported disclosed complained wrote written went listened
    """.split()
)


def name_key(word: str) -> str:
    """The folded form names are matched on: no diacritics, no apostrophes, lower case."""
    if not word.isascii():
        word = _anyascii()(word)
    if "'" in word or "’" in word:
        word = word.replace("'", "").replace("’", "")
    return word.lower()


@lru_cache(maxsize=1)
def _anyascii():
    try:
        return importlib.import_module("anyascii").anyascii
    except ImportError as exc:
        raise DetectorUnavailable(f"Names cannot be checked: anyascii did not load ({exc})") from exc


_NAME_SHAPE_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_POLISH_MALE_ENDING_RE = re.compile(r"(sk|ck|dzk)i$")


def _locale_names(locale: str, kind: str) -> set[str]:
    """Every name of ``kind`` ("first" or "last") in one Faker locale, romanised."""
    module_name = f"faker.providers.person.{locale}"
    try:
        provider = importlib.import_module(module_name).Provider
    except (ImportError, AttributeError) as exc:
        raise DetectorUnavailable(f"Names cannot be checked: {module_name} did not load ({exc})") from exc
    names: set[str] = set()
    for attr in dir(provider):
        if not (attr.startswith(f"{kind}_names") or attr.endswith(f"_{kind}_names")):
            continue
        values = getattr(provider, attr)
        if isinstance(values, dict):  # weighted OrderedDicts in some locales
            values = values.keys()
        if isinstance(values, (tuple, list, type({}.keys()))):
            names.update(v for v in values if isinstance(v, str))
    if locale == "pl_PL" and kind == "last":  # Faker lists the masculine form only
        names |= {_POLISH_MALE_ENDING_RE.sub(r"\1a", n) for n in names}
    return names


# National romanisations, as on Ukrainian and Bulgarian passports ("Dmytro", "Olha",
# "Dimitar"); anyascii alone spells Cyrillic the Russian way ("Dmitro", "Olga", "Dimitr").
_NATIONAL_ROMANISATION = {
    "uk_UA": str.maketrans(
        {
            **dict(zip("абвгґдезиіїйклмнопрстуфь", "abvhgdezyiiiklmnoprstuf\0", strict=True)),
            "є": "ie",
            "ж": "zh",
            "х": "kh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ю": "iu",
            "я": "ia",
            "'": "",
            "’": "",
            "ʼ": "",
            "\0": "",
        }
    ),
    "bg_BG": str.maketrans(
        {
            **dict(zip("абвгдезийклмнопрстуфхъь", "abvgdeziyklmnoprstufhay", strict=True)),
            "ж": "zh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "sht",
            "ю": "yu",
            "я": "ya",
        }
    ),
}
# Ukrainian letters spelt differently at the start of a name ("Yevhen", "Yurii").
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _romanisations(name: str, locale: str) -> set[str]:
    forms = {_anyascii()(name)}
    table = _NATIONAL_ROMANISATION.get(locale)
    if table:
        lower = name.lower()
        initial = _UKRAINIAN_INITIAL.get(lower[:1], "") if locale == "uk_UA" else ""
        forms.add(initial + lower[bool(initial) :].translate(table))
    return {f.replace("'", "").replace("’", "").replace("\0", "") for f in forms}


def _display_forms(names: set[str], locale: str) -> set[str]:
    """Single-word names as written, plus their romanised, diacritic-free forms."""
    forms: set[str] = set()
    for name in names:
        if " " in name:
            continue  # multi-word entries ("Te Ariki"): we match token by token
        for plain in _romanisations(name, locale):
            if locale == "el_GR":
                plain = plain.replace("oy", "ou")  # anyascii spells ου as "oy"
            plain = plain[:1].upper() + plain[1:]
            if len(plain) >= 2 and _NAME_SHAPE_RE.fullmatch(plain):
                forms.add(plain)
        if name[:1].isupper() and not name.isascii() and all(_is_latin(c) for c in name):
            forms.add(name)  # "Siobhán" as well as "Siobhan"
    return forms


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def _tier(locales: tuple[str, ...], kind: str) -> set[str]:
    names: set[str] = set()
    for locale in locales:
        names |= _display_forms(_locale_names(locale, kind), locale)
    return names


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Keys of one-word countries, US states and PLACE_LIKE_NAMES: names only with context."""
    try:
        countries = importlib.import_module("faker.providers.address.en").Provider.countries
        states = importlib.import_module("faker.providers.address.en_US").Provider.states
    except (ImportError, AttributeError) as exc:
        raise DetectorUnavailable(
            f"Names cannot be checked: Faker's place lists did not load ({exc})"
        ) from exc
    words = {w for w in (*countries, *states) if " " not in w} | PLACE_LIKE_NAMES
    return frozenset(name_key(w) for w in words)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday lower-case words: Faker's common English word list and COMMON_WORD_NAMES."""
    try:
        words = importlib.import_module("faker.providers.lorem.en_US").Provider.word_list
    except (ImportError, AttributeError) as exc:
        raise DetectorUnavailable(f"Names cannot be checked: Faker's word list did not load ({exc})") from exc
    return frozenset(w.lower() for w in words) | COMMON_WORD_NAMES


@lru_cache(maxsize=1)
def english_first_names() -> frozenset[str]:
    """First names from the English-speaking locales and the supplements."""
    return frozenset(_tier(ENGLISH_LOCALES, "first") | SUPPLEMENT_FIRST_NAMES | AMBIGUOUS_FIRST_NAMES)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Every first name, as written (capitalised) and romanised without diacritics."""
    wider = _tier(WIDER_LOCALES + TRANSLITERATED_LOCALES, "first")
    return english_first_names() | {n for n in wider if not _is_word(name_key(n), plurals=True)}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Every surname, as written (capitalised) and romanised without diacritics."""
    english = _tier(ENGLISH_LOCALES, "last")
    wider = _tier(WIDER_LOCALES + TRANSLITERATED_LOCALES, "last")
    return frozenset(english | SUPPLEMENT_SURNAMES | {n for n in wider if not _is_word(name_key(n))})


def _is_word(key: str, plurals: bool = False) -> bool:
    """Is a wider-tier name a dictionary head word ("Long", "Council") or, for first names
    that may stand alone, a plural ("Burns", "Banks")? Inflections and British spellings
    are not followed here: they would drop "Hans", "Lars" and "Nour"."""
    words = english_words()
    return key in words or (plurals and key.endswith("s") and key[:-1] in words)


@lru_cache(maxsize=1)
def first_name_keys() -> frozenset[str]:
    return frozenset(name_key(n) for n in first_names())


@lru_cache(maxsize=1)
def english_first_name_keys() -> frozenset[str]:
    return frozenset(name_key(n) for n in english_first_names())


@lru_cache(maxsize=1)
def english_name_keys() -> frozenset[str]:
    """Keys of names from the English-speaking lists and the supplements, first or last."""
    surnames = _tier(ENGLISH_LOCALES, "last") | SUPPLEMENT_SURNAMES
    return english_first_name_keys() | frozenset(name_key(n) for n in surnames)


@lru_cache(maxsize=1)
def surname_keys() -> frozenset[str]:
    return frozenset(name_key(n) for n in surnames())
