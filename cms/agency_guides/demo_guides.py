"""Demo content for the agency guides (issue 15): one printable page per agency.

Plain data, no Django imports: the agency guide seeding code loads ``GUIDES``.

``GUIDES[slug]`` is a dict:
    summary       two sentences
    what_it_does  what the agency does when it has a safeguarding concern
    tiers         3-4 levels or tiers, each {"name", "description",
                  "examples": {"low", "medium", "high"}} (fictional one-line examples
                  from the lower, middle and upper end of that tier)
    holds         information the agency usually holds (4-7 items)
    can_share     what it can usually share and how
    how_to_reach  [{"route", "when"}] generic roles and routes only, never a number or a
                  named person (999 is the one number, for emergencies)
    common_terms  5-10 terms that exist in cms/glossary/demo_terms.py TERMS

Written in our own words; examples are fictional. Frameworks and law are described in
general terms only. Each guide is kept to roughly 350-450 words so it prints on one A4 page.

Self-check: python3 cms/agency_guides/demo_guides.py
"""

EMERGENCY = {"route": "999", "when": "A child or adult is in immediate danger, or a crime is happening now."}

GUIDES = {
    "childrens-social-care": {
        "summary": (
            "Children's social care is the council service that assesses children's needs and "
            "protects children at risk of significant harm. It runs the front door, often as a "
            "MASH, and works with families under s17 and s47."
        ),
        "what_it_does": (
            "When a concern arrives, the front door records it as a contact and checks what "
            "social care and partners already know. A manager decides within one working "
            "day what happens next: advice to the referrer, early help, a child and family "
            "assessment, or a strategy discussion if there is reasonable cause to suspect "
            "significant harm. Social workers then work with the family and other agencies, "
            "and tell the referrer what was decided."
        ),
        "tiers": [
            {
                "name": "Level 1: Universal",
                "description": "Needs are met by everyday services such as schools, GPs and health visitors.",
                "examples": {
                    "low": "A parent asks the nursery about bedtime routines.",
                    "medium": "A child is unsettled after a house move.",
                    "high": "School supports a bereaved family.",
                },
            },
            {
                "name": "Level 2: Early help",
                "description": "Extra needs met with the family's agreement, led by a lead professional.",
                "examples": {
                    "low": "A young carer needs help keeping up with homework.",
                    "medium": "Attendance is falling and a parent is struggling with debt.",
                    "high": "A parent's low mood is holding back a toddler's development.",
                },
            },
            {
                "name": "Level 3: Child in need (s17)",
                "description": "Complex needs that call for a social care assessment and a CIN plan.",
                "examples": {
                    "low": "A disabled child's carers need short breaks.",
                    "medium": "Repeated arguments at home are affecting a child's behaviour.",
                    "high": "Neglect continues despite early help.",
                },
            },
            {
                "name": "Level 4: Child protection (s47)",
                "description": (
                    "Reasonable cause to suspect significant harm: a strategy discussion and s47 enquiries."
                ),
                "examples": {
                    "low": "A child says a parent hit them with a belt.",
                    "medium": "A young person is being sexually exploited by older men.",
                    "high": "A baby who is not yet mobile has a bruise.",
                },
            },
        ],
        "holds": [
            "Assessments, plans and case notes for children known to the service",
            "Child protection and looked-after status",
            "Earlier contacts and referrals, and their outcomes",
            "Court orders and who holds parental responsibility",
            "Household members and the professional network",
        ],
        "can_share": (
            "Social care shares under its public task and Children Act duties, using the DPA "
            "2018 safeguarding condition for sensitive details. It can usually tell a referrer "
            "whether their concern was accepted and what followed, and share more with "
            "professionals in the child's plan, securely and with a record of why."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The MASH duty desk, via the partnership's published contact route",
                "when": "You think a child may be in need or at risk of harm.",
            },
            {
                "route": "The duty consultant social worker, via the partnership's consultation line",
                "when": "You are unsure and want to talk a worry through.",
            },
            {
                "route": "The emergency duty team, via the council's published out-of-hours route",
                "when": "An urgent concern arises outside office hours.",
            },
        ],
        "common_terms": [
            "MASH",
            "Front door",
            "s17",
            "s47",
            "Strategy discussion",
            "CIN",
            "CP plan",
            "ICPC",
            "Section 20",
            "Threshold",
        ],
    },
    "early-help": {
        "summary": (
            "Early help is support for children and families as soon as problems emerge, "
            "before they become serious. It is voluntary, any agency can give it, and family "
            "hubs often coordinate it."
        ),
        "what_it_does": (
            "When a practitioner sees that a family needs more than their own service can "
            "offer, they talk to the family and, with agreement, start an early help "
            "assessment. A lead professional brings together a TAF, agrees a plan with the "
            "family and reviews it regularly. If worries grow, or the family stops engaging "
            "and the child is at risk, the lead professional talks to the front door about "
            "stepping up. Families stepped down from social care also get early help."
        ),
        "tiers": [
            {
                "name": "Single-agency support",
                "description": (
                    "One service meets an emerging need, such as a school mentor or extra health visits."
                ),
                "examples": {
                    "low": "A parent asks for help with toddler tantrums.",
                    "medium": "A child's attendance dips after their parents separate.",
                    "high": "A parent's drinking worries staff, though the children seem well cared for.",
                },
            },
            {
                "name": "Multi-agency early help (TAF)",
                "description": (
                    "Several services work with the family on one plan, led by a lead professional."
                ),
                "examples": {
                    "low": "A family with a new baby has debt and housing worries.",
                    "medium": "A young carer is missing school while a parent is unwell.",
                    "high": "Parents' conflict is affecting a child's mental health and schoolwork.",
                },
            },
            {
                "name": "Step up to social care",
                "description": (
                    "Needs are complex or risks are growing despite support: consult or refer to the front "
                    "door."
                ),
                "examples": {
                    "low": "The family has stopped engaging and the worries remain.",
                    "medium": "Signs of neglect persist after months of support.",
                    "high": "A child tells their key worker that a parent hits them.",
                },
            },
        ],
        "holds": [
            "Early help assessments and plans",
            "TAF meeting notes and review outcomes",
            "The family's own views and goals",
            "Which agencies are involved and who leads",
            "Progress notes and reasons for step up or step down",
        ],
        "can_share": (
            "Because early help is voluntary, families are asked at the start to agree to "
            "information being shared, and most do. That agreement builds trust, but sharing "
            "can also rest on the council's public task. If a child may be at risk of "
            "significant harm, the lead professional can share without consent and should do "
            "so promptly, telling the family unless that would increase the risk."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The early help hub or family hub, via the partnership's published contact route",
                "when": (
                    "You want to start or join early help for a family, or check whether a lead "
                    "professional exists."
                ),
            },
            {
                "route": "The partnership's consultation line",
                "when": "You are unsure whether a family needs early help or a social care referral.",
            },
        ],
        "common_terms": [
            "Early help",
            "Early help assessment",
            "TAF",
            "Lead professional",
            "Family hub",
            "Step down",
            "Continuum of need",
            "Consent",
        ],
    },
    "police": {
        "summary": (
            "Police protect life, prevent and investigate crime, and can use emergency powers "
            "to protect children. Specialist public protection teams work closely with social "
            "care on child abuse, domestic abuse, exploitation and missing children."
        ),
        "what_it_does": (
            "Officers who meet a child at risk, at a domestic abuse call, a missing report or "
            "a crime, complete a PPN so the MASH can consider it with partners. Where there is "
            "reasonable cause to suspect significant harm, police join the strategy discussion "
            "and decide jointly with social care whether to investigate a crime. If a child is "
            "in immediate danger, officers can take them into police protection. Specialist "
            "teams lead on child abuse, exploitation and sexual offences."
        ),
        "tiers": [
            {
                "name": "Standard risk",
                "description": (
                    "No current sign that serious harm is likely; recorded, and shared where it affects a "
                    "child."
                ),
                "examples": {
                    "low": "A neighbour reports a one-off loud argument; nobody is hurt.",
                    "medium": "A first domestic incident while a child is asleep upstairs.",
                    "high": "A young teenager is found out late with older youths.",
                },
            },
            {
                "name": "Medium risk",
                "description": "Clear signs of risk of serious harm, unlikely unless circumstances change.",
                "examples": {
                    "low": "Repeated verbal abuse between parents with the children present.",
                    "medium": "A child has gone missing twice this month.",
                    "high": "A young person is carrying unexplained cash and a second phone.",
                },
            },
            {
                "name": "High risk",
                "description": (
                    "Serious harm could happen at any time: urgent action and multi-agency planning such as "
                    "MARAC."
                ),
                "examples": {
                    "low": "Threats to kill a partner in a home where children live.",
                    "medium": "A child says a family member sexually abused them.",
                    "high": "A baby is injured and the carers' account does not fit.",
                },
            },
        ],
        "holds": [
            "Crime reports, incidents and call records",
            "Domestic abuse history and DASH risk grades",
            "Intelligence, graded for reliability",
            "Missing person reports",
            "Arrests, charges, cautions and convictions",
            "Offenders managed under MAPPA",
        ],
        "can_share": (
            "Police share to protect people and for policing purposes, under the DPA 2018, "
            "including its law enforcement part. They can usually tell partners about "
            "relevant incidents, risks and convictions, but may hold back details that would "
            "harm an investigation or identify a source. Unconfirmed intelligence comes with "
            "context, so it informs a decision without labelling a child."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The police non-emergency route published by the force",
                "when": "You want to report a crime or a concern that is not urgent.",
            },
            {
                "route": "The police team in the MASH, via the MASH duty desk",
                "when": "You need police information checked for a referral or strategy discussion.",
            },
            {
                "route": "The officer in the case (OIC), via the force's published contact route",
                "when": "You have new information about an investigation that is already open.",
            },
        ],
        "common_terms": [
            "PPN",
            "MASH",
            "Strategy discussion",
            "DASH",
            "MARAC",
            "MAPPA",
            "CAID",
            "Police protection",
            "NFA",
            "Intelligence",
        ],
    },
    "health": {
        "summary": (
            "Health covers GPs, midwives, health visitors, school nurses, hospitals, mental "
            "health and ambulance services. Every NHS organisation has safeguarding leads, and "
            "the ICB is one of the three statutory safeguarding partners."
        ),
        "what_it_does": (
            "A health practitioner who is worried about a child talks to their safeguarding "
            "team, such as the named nurse or the GP safeguarding lead, and refers to the "
            "front door if a child may be at risk. Staff train to national safeguarding "
            "levels, from basic awareness to specialist. Health joins strategy discussions, "
            "conferences and core groups, and CP-IS tells emergency departments when a child "
            "has a plan."
        ),
        "tiers": [
            {
                "name": "Universal",
                "description": "Every family gets the core offer: checks, immunisations and advice.",
                "examples": {
                    "low": "A first-time parent asks about feeding.",
                    "medium": "A baby's weight gain slows and extra checks are arranged.",
                    "high": "A mother says she feels low most days.",
                },
            },
            {
                "name": "Universal Plus",
                "description": "Extra help from the health team for a specific need, for a limited time.",
                "examples": {
                    "low": "Sleep support for a toddler with disturbed nights.",
                    "medium": "A mother with postnatal depression is referred to perinatal care.",
                    "high": "A child was not brought to three hearing appointments.",
                },
            },
            {
                "name": "Universal Partnership Plus",
                "description": "Ongoing support for complex needs, alongside early help or social care.",
                "examples": {
                    "low": "Health joins a TAF for a family in temporary accommodation.",
                    "medium": "A child with complex health needs has a CIN plan.",
                    "high": "Parental drug use alongside repeated missed appointments.",
                },
            },
            {
                "name": "Child protection",
                "description": (
                    "Risk of significant harm: urgent referral and health input to the strategy discussion."
                ),
                "examples": {
                    "low": "A toddler's injury comes with a vague explanation.",
                    "medium": "A young person tells the school nurse about sexual abuse.",
                    "high": "A baby who is not yet mobile has a bruise.",
                },
            },
        ],
        "holds": [
            "GP records, including missed appointments and relevant parental health",
            "Maternity, health visiting and school nursing records",
            "Hospital and emergency department attendances",
            "Mental health and CAMHS involvement",
            "Growth, development and immunisation history",
            "CP-IS flags for children on a plan or looked after",
        ],
        "can_share": (
            "Health shares under its public task, with the DPA 2018 safeguarding condition for "
            "health details, guided by the Caldicott principles. Information given in "
            "confidence can be shared without consent when protecting a child from "
            "significant harm outweighs the duty of confidentiality. Share what is relevant, "
            "securely, and record the decision."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The named nurse or named doctor, via the trust's safeguarding team",
                "when": (
                    "You need advice or information about a child known to a hospital or community service."
                ),
            },
            {
                "route": "The GP safeguarding lead, via the practice's professional contact route",
                "when": "You need to check a child's or parent's relevant health history.",
            },
            {
                "route": "The designated nurse, via the ICB safeguarding team",
                "when": "You need to escalate a health concern across the area.",
            },
        ],
        "common_terms": [
            "Named nurse",
            "Designated professional",
            "GP safeguarding lead",
            "HV",
            "School nurse",
            "CAMHS",
            "Was not brought",
            "CP-IS",
            "Caldicott principles",
            "Gillick competence",
        ],
    },
    "education": {
        "summary": (
            "Schools, colleges and early years settings see children almost every day, so "
            "they often notice change first. Every setting has a DSL and follows Keeping "
            "Children Safe in Education or the early years framework."
        ),
        "what_it_does": (
            "Any member of staff with a worry tells the DSL straight away and records it. The "
            "DSL looks at the whole file and decides whether to support the child in school, "
            "start early help or refer to the front door, and calls 999 if a child is in "
            "immediate danger. Schools join strategy discussions, conferences and TAF "
            "meetings, keep the child protection file and pass it on when a pupil moves, and "
            "receive Operation Encompass notices from police."
        ),
        "tiers": [
            {
                "name": "Record and monitor",
                "description": "The DSL logs the concern and watches, with pastoral support in school.",
                "examples": {
                    "low": "A child seems withdrawn after a falling-out with friends.",
                    "medium": "A pupil's lunchbox is often empty.",
                    "high": "A pupil's attendance drops and they seem anxious on Mondays.",
                },
            },
            {
                "name": "Early help",
                "description": (
                    "The school works with the family and other services, often as lead professional."
                ),
                "examples": {
                    "low": "A parent asks for help with their child's behaviour at home.",
                    "medium": "A pupil who is a young carer is persistently absent.",
                    "high": "Several staff notice hunger, tiredness and poor hygiene.",
                },
            },
            {
                "name": "Referral to children's social care",
                "description": "The DSL believes a child may be in need or at risk of significant harm.",
                "examples": {
                    "low": "A pupil lives with ongoing domestic abuse at home.",
                    "medium": "A pupil says a relative hurt them, and staff see marks.",
                    "high": "A pupil discloses sexual abuse and is afraid to go home.",
                },
            },
        ],
        "holds": [
            "Attendance and punctuality patterns",
            "The child protection file and pastoral notes",
            "What the child says and how they seem day to day",
            "SEND records, EHCPs and PEPs",
            "Contacts for parents and carers, and who collects the child",
            "Operation Encompass notices",
        ],
        "can_share": (
            "Schools share under their public task and their legal duties to safeguard "
            "pupils, and KCSIE is clear that data protection law allows staff to share to "
            "keep a child safe. The DSL usually shares attendance, observations, what the "
            "child has said and relevant history, through secure email or the referral "
            "portal. Consent is not needed where sharing is lawful and asking would put the "
            "child at risk."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": (
                    "The school's DSL or deputy DSL, via the school office or its published safeguarding "
                    "contact"
                ),
                "when": "You need information about a pupil or want the school to join a plan.",
            },
            {
                "route": "The council's education safeguarding or CME team, via the published contact route",
                "when": (
                    "A child is missing education, is home educated with welfare worries, or is moving "
                    "school."
                ),
            },
        ],
        "common_terms": [
            "DSL",
            "KCSIE",
            "CME",
            "EHE",
            "PEP",
            "Persistent absence",
            "Operation Encompass",
            "Child protection file",
            "LADO",
            "Low-level concern",
        ],
    },
    "youth-justice": {
        "summary": (
            "Youth justice services work with children aged 10 to 17 who have offended or are "
            "at risk of offending, and probation takes over at 18. Teams include social work, "
            "police, probation, health and education staff."
        ),
        "what_it_does": (
            "Youth justice workers assess each child's needs, strengths and risks, including "
            "risks to the child's own safety and the risk of serious harm to others. Many of "
            "the children they see are also victims of exploitation or abuse, so they raise "
            "safeguarding concerns with the front door and join strategy discussions, MAPPA "
            "and exploitation panels. They supervise court orders and out-of-court disposals "
            "and plan the move to adult probation."
        ),
        "tiers": [
            {
                "name": "Prevention and diversion",
                "description": (
                    "Support for children at risk of offending, or an out-of-court disposal instead of court."
                ),
                "examples": {
                    "low": "A first minor offence is dealt with by community resolution.",
                    "medium": "A child found with cannabis is offered a diversion programme.",
                    "high": "An excluded child spends time with older youths linked to drug dealing.",
                },
            },
            {
                "name": "Court order: standard or enhanced contact",
                "description": "A referral order or YRO, with contact set by the assessed level of concern.",
                "examples": {
                    "low": "A referral order after a shop theft; the child engages well.",
                    "medium": "A YRO for assault, with some missed appointments.",
                    "high": "A child on an order goes missing and returns with unexplained cash.",
                },
            },
            {
                "name": "Intensive: high safety or public protection concern",
                "description": (
                    "Frequent contact and multi-agency risk management, including MAPPA where it applies."
                ),
                "examples": {
                    "low": "A child is moved away from an area after threats from a rival group.",
                    "medium": "A young person poses a high risk of serious harm to a partner.",
                    "high": "A child remanded after a knife offence is also being exploited.",
                },
            },
        ],
        "holds": [
            "AssetPlus assessments and intervention plans",
            "Court orders, conditions and compliance",
            "Offending history and out-of-court disposals",
            "Risks to the child's safety and wellbeing",
            "Exploitation concerns and NRM referrals",
            "Education, health and speech and language needs",
        ],
        "can_share": (
            "Youth justice services share under their public task and their statutory role "
            "in preventing offending, taking extra care with health and criminal offence "
            "data. They can usually share a child's order, the risks to and from the child "
            "and any exploitation concerns with partners who need them. Tell the team if you "
            "hold information that could change their risk assessment."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The youth justice service duty officer, via the council's published route",
                "when": (
                    "You are worried about a child on an order or want to know if the service is involved."
                ),
            },
            {
                "route": "The probation service, via its published local contact route",
                "when": (
                    "The young person is 18 or over, or you need to know about an adult offender's risk to "
                    "a child."
                ),
            },
        ],
        "common_terms": [
            "YJS",
            "Referral order",
            "YRO",
            "Out-of-court disposal",
            "AssetPlus",
            "Appropriate adult",
            "Remand",
            "CCE",
            "NRM",
            "Transition",
        ],
    },
    "housing": {
        "summary": (
            "Housing includes council housing options teams, landlords such as housing "
            "associations, and supported housing. Housing staff visit homes and see how "
            "families live, which other agencies rarely do."
        ),
        "what_it_does": (
            "Housing officers who are worried about a child during a visit, a repair or a "
            "homelessness assessment tell their safeguarding lead, who refers to the front "
            "door. Councils must help households who are homeless or about to be, and other "
            "public bodies refer families to them through the duty to refer. Housing joins "
            "MARAC and MAPPA, deals with anti-social behaviour, and can offer sanctuary "
            "schemes and moves for domestic abuse victims."
        ),
        "tiers": [
            {
                "name": "Tenancy and advice",
                "description": "Routine housing support, with an eye open for signs of need.",
                "examples": {
                    "low": "A family asks for advice about rent arrears.",
                    "medium": "Repair staff find a home with no heating in winter.",
                    "high": "Neighbours report frequent shouting and a crying child.",
                },
            },
            {
                "name": "Homelessness prevention and relief",
                "description": "Help to keep or find a home, with temporary accommodation where needed.",
                "examples": {
                    "low": "A family faces eviction because the landlord is selling.",
                    "medium": "A mother and baby fleeing domestic abuse move into temporary accommodation.",
                    "high": "A 16-year-old asks for help after being told to leave home.",
                },
            },
            {
                "name": "Safeguarding concern",
                "description": (
                    "Signs a child may be at risk: refer to the front door, or call 999 in an emergency."
                ),
                "examples": {
                    "low": "A flat is so cluttered and dirty that it may be unsafe for a toddler.",
                    "medium": "Staff find a teenager staying in a flat used by adults to deal drugs.",
                    "high": "A young child is left alone at night with no food.",
                },
            },
        ],
        "holds": [
            "Tenancy details and who lives in the household",
            "Visit notes, repairs and the condition of the home",
            "Homelessness applications and temporary accommodation placements",
            "Anti-social behaviour reports and actions",
            "Moves between areas, including placements out of area",
        ],
        "can_share": (
            "Councils share under their public task and housing duties, and housing "
            "associations may rely on legitimate interests or a legal obligation. Housing can "
            "usually share who lives at an address, moves and placements, and what staff saw "
            "on visits. Telling partners when a family moves into temporary accommodation in "
            "another area helps schools, health visitors and social care keep track of the "
            "child."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The housing safeguarding lead, via the housing service's published contact route",
                "when": "You need housing information about a household or want housing to join a plan.",
            },
            {
                "route": "The housing options team, via the council's duty to refer route",
                "when": "A family you work with is homeless or may soon lose their home.",
            },
        ],
        "common_terms": [
            "Duty to refer",
            "Temporary accommodation",
            "Priority need",
            "ASB",
            "Sanctuary scheme",
            "MARAC",
            "MAPPA",
            "Think family",
        ],
    },
    "voluntary-sector": {
        "summary": (
            "The voluntary and community sector includes charities, faith groups, youth and "
            "sports clubs and domestic abuse services. Families often trust these "
            "organisations and tell them things they do not tell statutory services."
        ),
        "what_it_does": (
            "Staff and volunteers who are worried about a child tell their organisation's "
            "safeguarding lead, who decides whether to refer to the front door or to seek "
            "advice first. Some roles, such as IDVAs and return home interview workers, have "
            "formal safeguarding duties and join MARAC or strategy discussions. Many staff are "
            "trusted adults for children and help families understand and take part in "
            "statutory processes."
        ),
        "tiers": [
            {
                "name": "Universal community support",
                "description": "Open-access activities where staff notice and listen.",
                "examples": {
                    "low": "A child at a youth club seems hungry most evenings.",
                    "medium": "A parent at a food bank says they are not coping.",
                    "high": "A regular stops coming and friends say he is out working for someone.",
                },
            },
            {
                "name": "Targeted one-to-one support",
                "description": (
                    "Casework, mentoring or specialist help for a child or parent with identified needs."
                ),
                "examples": {
                    "low": "A mentor supports a teenager with low confidence.",
                    "medium": "A domestic abuse service supports a mother whose children saw the abuse.",
                    "high": "A mentee says an adult online has asked for images.",
                },
            },
            {
                "name": "Safeguarding concern",
                "description": (
                    "A worry that a child may be harmed: the safeguarding lead refers to the front door or "
                    "calls 999."
                ),
                "examples": {
                    "low": "A child says they are scared of a parent's new partner.",
                    "medium": "A coach notices bruises that a child will not explain.",
                    "high": "A child says they are afraid to go home tonight.",
                },
            },
        ],
        "holds": [
            "Attendance and engagement records",
            "What children and parents say in trusted relationships",
            "Support plans and safety plans",
            "Safeguarding logs kept by the safeguarding lead",
            "Notes from helplines and drop-ins",
        ],
        "can_share": (
            "Voluntary organisations usually share under legitimate interests, or with consent "
            "where it is freely given, and use the DPA 2018 safeguarding condition for "
            "sensitive details. They can share their worries, what a child said and how they "
            "seemed, and should tell the family unless that would increase the risk. A clear "
            "policy and a named safeguarding lead give staff the confidence to share."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": "The organisation's safeguarding lead, via its published contact route",
                "when": "You want to share with, or ask about, a child the organisation works with.",
            },
            {
                "route": "The partnership's voluntary sector safeguarding forum or collaboration champion",
                "when": "You want advice on safeguarding policy or training for a small organisation.",
            },
        ],
        "common_terms": [
            "Safeguarding lead",
            "Trusted adult",
            "IDVA",
            "Return home interview",
            "Advocate",
            "Legitimate interests",
            "Consent",
            "Front door",
        ],
    },
    "adult-services": {
        "summary": (
            "Adult services include adult social care, adult mental health, substance misuse "
            "services and domestic abuse services for adults. Many of the adults they support "
            "are parents or live with children."
        ),
        "what_it_does": (
            "When a practitioner working with an adult is worried about a child in the "
            "household, they refer to the children's front door as well as acting on any risk "
            "to the adult. Thinking family means asking who lives at home, who depends on the "
            "adult and how their difficulties affect the children. Adult services make section "
            "42 enquiries, join MARAC and MAPPA, and tell children's services about relevant "
            "changes such as relapse, detention or discharge."
        ),
        "tiers": [
            {
                "name": "Information, advice and prevention",
                "description": "Help to stay well and independent, with attention to any children at home.",
                "examples": {
                    "low": "A father in recovery asks about support groups.",
                    "medium": "A grandparent caring for a grandchild is struggling.",
                    "high": "A parent with depression stops coming to appointments.",
                },
            },
            {
                "name": "Assessed care and treatment",
                "description": "A Care Act assessment, or a mental health or substance misuse care plan.",
                "examples": {
                    "low": "A mother is treated for anxiety and has good family support.",
                    "medium": "A parent in drug treatment has started using again.",
                    "high": "A parent with psychosis is caring alone for a young child.",
                },
            },
            {
                "name": "Safeguarding enquiry or crisis",
                "description": (
                    "A section 42 enquiry, a Mental Health Act assessment or high-risk domestic abuse."
                ),
                "examples": {
                    "low": (
                        "An adult at risk is financially abused by a relative who also cares for children."
                    ),
                    "medium": "A parent is detained in hospital and the children are at home.",
                    "high": "A parent says they have thoughts of harming their child.",
                },
            },
        ],
        "holds": [
            "Care and support assessments and care plans",
            "Mental health, substance misuse and treatment history",
            "Risk assessments, including risk to others",
            "Section 42 enquiries and outcomes",
            "Carers, dependants and who lives in the household",
        ],
        "can_share": (
            "Adult services share under their public task and the DPA 2018 safeguarding "
            "condition, guided by the Caldicott principles. They can share how an adult's "
            "needs or treatment may affect their parenting and the children's safety, without "
            "sending the full clinical record. Where a child may be at risk of significant "
            "harm, they can share without the adult's consent, and should tell the adult "
            "unless that would increase the risk."
        ),
        "how_to_reach": [
            EMERGENCY,
            {
                "route": (
                    "The adult social care front door or safeguarding adults team, via the council's "
                    "published contact route"
                ),
                "when": (
                    "You are worried about an adult at risk, or need to know if adult services are involved."
                ),
            },
            {
                "route": "The care coordinator or key worker, via the service's published professional route",
                "when": "You need to share or check information about a parent already in treatment.",
            },
        ],
        "common_terms": [
            "Adult at risk",
            "Section 42 enquiry",
            "MCA",
            "AMHP",
            "Think family",
            "Hidden harm",
            "Young carer",
            "Care coordinator",
            "Making safeguarding personal",
        ],
    },
}


def word_count(guide):
    """Words on the printed page: every string in the guide."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from strings(v)

    return sum(len(s.split()) for s in strings(guide))


def check(guides=GUIDES, terms=None):
    """Validate the guides; ``terms`` is the glossary TERMS list (loaded by path if None)."""
    import re

    slugs = (
        "childrens-social-care",
        "early-help",
        "police",
        "health",
        "education",
        "youth-justice",
        "housing",
        "voluntary-sector",
        "adult-services",
    )
    if terms is None:
        terms = _load_terms()
    known_terms = {t["term"] for t in terms}
    assert set(guides) == set(slugs), set(guides) ^ set(slugs)
    keys = {"summary", "what_it_does", "tiers", "holds", "can_share", "how_to_reach", "common_terms"}
    phone = re.compile(r"\d[\d\s-]{6,}\d")
    counts = {}
    for slug, guide in guides.items():
        assert set(guide) == keys, (slug, set(guide) ^ keys)
        summary_sentences = re.split(r"(?<=[.!?])\s+", guide["summary"].strip())
        assert len(summary_sentences) == 2, (slug, "summary must be 2 sentences")
        assert 3 <= len(guide["tiers"]) <= 4, (slug, "tiers")
        for tier in guide["tiers"]:
            assert set(tier) == {"name", "description", "examples"}, slug
            assert set(tier["examples"]) == {"low", "medium", "high"}, (slug, tier["name"])
            assert all(tier["examples"].values()), (slug, tier["name"])
        assert 4 <= len(guide["holds"]) <= 7, (slug, "holds")
        assert 2 <= len(guide["how_to_reach"]) <= 4, (slug, "how_to_reach")
        assert any(r["route"] == "999" for r in guide["how_to_reach"]), (slug, "no 999 route")
        for route in guide["how_to_reach"]:
            assert set(route) == {"route", "when"}, slug
            if route["route"] != "999":
                assert not re.search(r"\d{3,}", route["route"]), (slug, route["route"])
        assert 5 <= len(guide["common_terms"]) <= 10, (slug, "common_terms")
        assert len(set(guide["common_terms"])) == len(guide["common_terms"]), slug
        unknown = [t for t in guide["common_terms"] if t not in known_terms]
        assert not unknown, (slug, "terms not in TERMS", unknown)
        text = repr(guide)
        assert not phone.search(text), (slug, "looks like a phone number")
        assert "@" not in text and "http" not in text.lower(), slug
        words = word_count(guide)
        assert 350 <= words <= 455, (slug, words, "words: aim for 350-450")
        counts[slug] = words
    return counts


def _load_terms():
    """Import cms/glossary/demo_terms.py by path (no package import, no Django)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "glossary" / "demo_terms.py"
    spec = importlib.util.spec_from_file_location("demo_terms", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TERMS


if __name__ == "__main__":
    counts = check()
    print(f"agency guides OK: {len(counts)} guides; all common_terms found in TERMS")
    for slug, words in counts.items():
        guide = GUIDES[slug]
        print(
            f"  {slug:22} {words:3} words, {len(guide['tiers'])} tiers, "
            f"{len(guide['holds'])} holds, {len(guide['how_to_reach'])} routes, "
            f"{len(guide['common_terms'])} terms"
        )
