"""Demo content for the shared glossary (issue 15): terms and acronyms across agencies.

Plain data, no Django imports: the glossary seeding code loads ``TERMS``.

Each entry is a dict:
    term       the word or acronym as it is usually written
    expansion  the full form, for acronyms and abbreviations only ("" otherwise)
    meaning    one to three plain-English sentences
    agencies   slugs of the agencies that use the term
    readings   how another agency tends to read the same word differently (only where it
               genuinely differs): [{"agency": slug, "reading": "..."}]
    aliases    other spellings or forms to recognise in text (may be empty)

Written in our own words for a learning resource (England). It describes laws and
guidance in general terms; it quotes none of them and is not legal advice.
The list is sorted alphabetically, ignoring case.

Self-check: python3 cms/glossary/demo_terms.py
"""

AGENCY_SLUGS = (
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

ALL = list(AGENCY_SLUGS)


def _t(term, expansion, meaning, agencies, readings=(), aliases=()):
    """One glossary entry as a plain dict (readings given as (agency, text) pairs)."""
    return {
        "term": term,
        "expansion": expansion,
        "meaning": meaning,
        "agencies": list(agencies),
        "readings": [{"agency": agency, "reading": text} for agency, text in readings],
        "aliases": list(aliases),
    }


TERMS = [
    # A ------------------------------------------------------------------------------
    _t(
        "ABE",
        "achieving best evidence",
        "A planned, video-recorded interview with a child victim or witness, carried out "
        "by specially trained police officers, sometimes with a social worker. It captures "
        "the child's account in a form a court can use, so the child does not have to "
        "repeat it many times.",
        ["police", "childrens-social-care"],
        aliases=["ABE interview", "achieving best evidence interview"],
    ),
    _t(
        "ACEs",
        "adverse childhood experiences",
        "Stressful or traumatic events in childhood, such as abuse, neglect or living with "
        "domestic abuse, parental mental ill health or substance misuse. Research links them "
        "to poorer health later in life. Use the idea to understand a child's story, not as "
        "a score that labels a family.",
        [
            "health",
            "education",
            "early-help",
            "childrens-social-care",
            "voluntary-sector",
            "police",
            "youth-justice",
        ],
        aliases=["ACE", "adverse childhood experience"],
    ),
    _t(
        "Adult at risk",
        "",
        "An adult with care and support needs who is experiencing, or at risk of, abuse or "
        "neglect and cannot protect themselves because of those needs. The phrase replaced "
        "'vulnerable adult' under the Care Act 2014. A parent can be an adult at risk, so "
        "think about any children in the home too.",
        ["adult-services", "health", "police", "housing", "voluntary-sector"],
        aliases=["adults at risk"],
    ),
    _t(
        "Advocate",
        "",
        "An independent person who helps a child or adult say what they want and makes sure "
        "their views are heard, for example at a child protection conference or a review. "
        "Looked-after children and care leavers are entitled to an advocate if they want to "
        "make a complaint.",
        ["voluntary-sector", "childrens-social-care", "adult-services"],
        aliases=["advocacy", "independent advocate"],
    ),
    _t(
        "Allegation",
        "",
        "A claim that someone has harmed a child, or has behaved in a way that suggests they "
        "may be a risk to children. When the person works or volunteers with children, the "
        "allegation goes to the LADO.",
        ["childrens-social-care", "education", "police", "voluntary-sector", "health"],
        readings=[
            (
                "police",
                "For police, an allegation is a report of a possible crime. They "
                "record it and test it against criminal standards of evidence, which can lead "
                "to a different outcome from a welfare enquiry.",
            ),
            (
                "education",
                "In schools, 'allegation' usually means a concern about a member "
                "of staff or a volunteer, handled by the headteacher with the LADO.",
            ),
        ],
        aliases=["allegations", "allegation against staff"],
    ),
    _t(
        "Alternative provision",
        "",
        "Education arranged away from a mainstream school for pupils who are excluded, "
        "unwell or otherwise unable to attend. Pupils in alternative provision may spend "
        "less time in education and be more exposed to exploitation, so settings need "
        "clear safeguarding links with the home school.",
        ["education", "youth-justice", "childrens-social-care"],
        aliases=["AP", "pupil referral unit", "PRU"],
    ),
    _t(
        "AMHP",
        "approved mental health professional",
        "A specially trained practitioner, often a social worker, who coordinates "
        "assessments under the Mental Health Act and decides whether to apply for someone "
        "to be detained in hospital. When a parent is assessed, the AMHP should check who "
        "is looking after any children.",
        ["adult-services", "health", "police"],
        aliases=["AMHPs"],
    ),
    _t(
        "Anonymisation",
        "",
        "Removing details so that a person can no longer be identified, including by piecing "
        "facts together. Properly anonymised information is not personal data, but "
        "pseudonymised information, where names are swapped for codes, still is.",
        ALL,
        aliases=["anonymised", "anonymise", "pseudonymisation", "pseudonymised"],
    ),
    _t(
        "Appropriate adult",
        "",
        "An adult who supports a child, or a vulnerable adult, in police custody and during "
        "a police interview. It may be a parent, a carer, a social worker or a trained "
        "volunteer, and their job is to make sure the person understands what is happening "
        "and is treated fairly.",
        ["police", "youth-justice", "childrens-social-care", "voluntary-sector"],
    ),
    _t(
        "ASB",
        "anti-social behaviour",
        "Behaviour that causes harassment, alarm or distress to others, dealt with by "
        "landlords, councils and police through warnings, agreements and court orders. When "
        "a child is involved, ask whether they are being exploited or harmed before treating "
        "it only as behaviour to stop.",
        ["housing", "police", "youth-justice"],
        aliases=["anti-social behaviour", "antisocial behaviour"],
    ),
    _t(
        "Assessment",
        "",
        "A structured way of gathering and analysing information to understand a child's "
        "needs and decide what help is right. In children's social care it usually means the "
        "child and family assessment carried out under s17 or s47.",
        ["childrens-social-care", "early-help", "health", "education", "youth-justice", "adult-services"],
        readings=[
            (
                "health",
                "In health, an assessment is often a clinical one, such as a "
                "developmental check or a mental health assessment, with its own criteria and "
                "outcome.",
            ),
            (
                "education",
                "In schools, 'assessment' usually means testing pupils' learning, "
                "so say 'social care assessment' or 'early help assessment' in full.",
            ),
            (
                "youth-justice",
                "Youth justice teams assess the risk a young person may pose "
                "to others as well as risks to their own safety, using a national framework.",
            ),
        ],
        aliases=["assessments"],
    ),
    _t(
        "AssetPlus",
        "",
        "The national assessment and planning framework that youth justice services use for "
        "children in the youth justice system. It looks at the child's life, needs, "
        "strengths and risks, and shapes the plan of work with them.",
        ["youth-justice"],
    ),
    # C ------------------------------------------------------------------------------
    _t(
        "CAID",
        "child abuse investigation department",
        "The specialist police team that investigates serious abuse of children, usually "
        "within the family or by people caring for them. Forces use different names for it, "
        "but the role is similar: joint work with social care on s47 enquiries and criminal "
        "investigations.",
        ["police", "childrens-social-care"],
        aliases=["CAIT", "CAIU", "child abuse investigation team", "child abuse investigation unit"],
    ),
    _t(
        "Caldicott guardian",
        "",
        "A senior person in an NHS or social care organisation who makes sure confidential "
        "information about patients and people who use services is handled properly. They "
        "advise on difficult decisions, including when sharing without consent is justified.",
        ["health", "adult-services", "childrens-social-care"],
        aliases=["Caldicott guardians"],
    ),
    _t(
        "Caldicott principles",
        "",
        "Eight principles that guide how health and social care staff use and share "
        "confidential information. They ask staff to justify each use, use the minimum "
        "needed and stay within the law, and they make clear that sharing to support a "
        "person's care can matter as much as protecting confidentiality.",
        ["health", "adult-services", "childrens-social-care"],
        aliases=["Caldicott principle"],
    ),
    _t(
        "CAMHS",
        "child and adolescent mental health services",
        "Specialist NHS services that assess and treat children and young people with "
        "significant mental health difficulties. Many areas now call them CYPMHS, and each "
        "service has criteria for which referrals it accepts.",
        ["health", "education", "childrens-social-care", "early-help", "youth-justice"],
        aliases=["CYPMHS", "children and young people's mental health services"],
    ),
    _t(
        "Capacity",
        "",
        "Whether a person can make a particular decision at a particular time: understanding "
        "the information, retaining it, weighing it up and communicating a choice. For people "
        "aged 16 and over, the Mental Capacity Act 2005 sets out how to assess it.",
        ["adult-services", "health", "childrens-social-care"],
        readings=[
            (
                "childrens-social-care",
                "In social care assessments, 'parenting capacity' means "
                "how well a parent can meet the child's needs. A team with 'no capacity' simply "
                "has no worker free.",
            ),
            (
                "health",
                "Clinicians usually mean capacity to consent to treatment; for "
                "children under 16 they consider Gillick competence instead.",
            ),
        ],
        aliases=["mental capacity", "parenting capacity"],
    ),
    _t(
        "Care coordinator",
        "",
        "The named professional in a mental health service who organises a person's care and "
        "is the main contact for other agencies. They are a good route for asking how a "
        "parent's mental health may affect their care of a child.",
        ["adult-services", "health"],
        aliases=["care co-ordinator"],
    ),
    _t(
        "Care leaver",
        "",
        "A young person aged 16 to 25 who has been looked after by a council for a set "
        "period. Councils must offer care leavers a personal adviser and a pathway plan, and "
        "public bodies act as their corporate parents.",
        ["childrens-social-care", "housing", "adult-services", "youth-justice", "education", "health"],
        aliases=["care leavers", "leaving care"],
    ),
    _t(
        "Care order",
        "",
        "A court order that places a child in the care of the council, which then shares "
        "parental responsibility with the parents. A court can only make it when the child "
        "is suffering, or likely to suffer, significant harm because of the care they get. "
        "An interim care order is a temporary version made while proceedings continue.",
        ["childrens-social-care", "health", "education", "police"],
        aliases=["care orders", "interim care order"],
    ),
    _t(
        "Care proceedings",
        "",
        "The family court process in which a council asks for a care or supervision order "
        "for a child. It follows a national timetable, and before going to court councils "
        "usually try a pre-proceedings stage with the family under the PLO.",
        ["childrens-social-care", "health", "education", "police"],
        aliases=["public law proceedings"],
    ),
    _t(
        "Case",
        "",
        "In social care, a child or family the service is working with, held by a named "
        "worker. Many practitioners now prefer to say 'the child' or 'the family' rather "
        "than 'the case'.",
        ALL,
        readings=[
            (
                "police",
                "A police 'case' is usually a crime report or investigation, with a "
                "reference number and an officer in the case, and it may close while social "
                "care work continues.",
            ),
            (
                "health",
                "Health staff usually think of a patient and their record; a 'case' "
                "may mean one episode of care or a clinical case discussion.",
            ),
        ],
        aliases=["cases", "open case", "closed case"],
    ),
    _t(
        "CCE",
        "child criminal exploitation",
        "When a person or group uses a child's age, needs or fear to make them commit crime, "
        "such as carrying drugs or weapons. The child is a victim even if they seem to agree "
        "or are paid.",
        [
            "police",
            "youth-justice",
            "childrens-social-care",
            "education",
            "health",
            "voluntary-sector",
            "housing",
        ],
        aliases=["child criminal exploitation", "criminal exploitation"],
    ),
    _t(
        "CDOP",
        "child death overview panel",
        "A local panel that reviews the deaths of all children who lived in the area, to "
        "learn lessons and prevent future deaths. Agencies share what they know about each "
        "child through the child death review process.",
        ["health", "police", "childrens-social-care", "education"],
        aliases=["child death review"],
    ),
    _t(
        "Channel",
        "",
        "A voluntary, multi-agency programme that supports people at risk of being drawn "
        "into terrorism. A panel chaired by the council agrees a support plan, and the "
        "person, or a parent for a younger child, must agree to take part.",
        ["police", "education", "childrens-social-care", "health", "adult-services"],
        aliases=["Channel panel"],
    ),
    _t(
        "Child and family assessment",
        "",
        "The assessment children's social care carries out to understand a child's needs "
        "and the family's ability to meet them, under s17 or s47. It must be finished within "
        "a national timescale, and some areas call it a single assessment.",
        ["childrens-social-care", "early-help"],
        aliases=["single assessment", "C&F assessment"],
    ),
    _t(
        "Child protection",
        "",
        "The work done to protect particular children who are suffering, or likely to "
        "suffer, significant harm. It is one part of safeguarding, which also covers "
        "promoting the welfare of all children.",
        ALL,
        aliases=["CP"],
    ),
    _t(
        "Child protection file",
        "",
        "A school or college's record of safeguarding concerns about a pupil, kept apart "
        "from the main pupil file. When the pupil moves, the DSL sends it securely and "
        "promptly to the new setting so the picture is not lost.",
        ["education"],
        aliases=["safeguarding file", "CP file"],
    ),
    _t(
        "Chronology",
        "",
        "A short, dated list of significant events in a child's life, used to spot patterns "
        "such as repeated missed appointments or injuries. A multi-agency chronology brings "
        "together what each agency knows.",
        ["childrens-social-care", "health", "education", "early-help", "police"],
        readings=[
            (
                "police",
                "Police may read 'chronology' as an investigation timeline for a case "
                "file, which focuses on offences rather than the child's wider experience.",
            ),
        ],
        aliases=["chronologies", "multi-agency chronology"],
    ),
    _t(
        "CIN",
        "child in need",
        "A child whose health or development is unlikely to be reasonable, or likely to be "
        "significantly impaired, without extra services, or who is disabled. Support is given "
        "under s17 with the family's agreement and is often written into a CIN plan.",
        ["childrens-social-care", "early-help", "education", "health"],
        readings=[
            (
                "education",
                "Schools may say a pupil is 'in need' in the everyday sense of "
                "having extra needs; in social care, CIN is a legal status with an assessment, "
                "a social worker and a plan.",
            ),
            (
                "health",
                "Health staff may use 'in need' about clinical needs, so check whether "
                "the child actually has a social worker under s17.",
            ),
        ],
        aliases=["child in need", "children in need", "CIN plan", "child in need plan"],
    ),
    _t(
        "CLA",
        "child looked after",
        "A child in the care of the council, either under a care order or accommodated with "
        "the parents' agreement under section 20. The council acts as corporate parent and "
        "reviews the child's care plan regularly with an IRO.",
        ["childrens-social-care", "education", "health", "youth-justice", "housing"],
        readings=[
            (
                "education",
                "In schools, a looked-after child brings specific duties: a "
                "designated teacher, a PEP and support from the virtual school head.",
            ),
            (
                "housing",
                "Outside social care, people may say a child is 'looked after' by "
                "grandparents or friends; that informal care is not the legal status unless the "
                "council is involved.",
            ),
        ],
        aliases=[
            "LAC",
            "looked after child",
            "looked-after child",
            "children looked after",
            "looked after children",
            "looked-after children",
        ],
    ),
    _t(
        "CME",
        "children missing education",
        "Children of compulsory school age who are not on a school roll and are not getting "
        "a suitable education elsewhere. Councils must try to find them, because being out "
        "of education can hide abuse, exploitation or neglect.",
        ["education", "childrens-social-care", "early-help", "police", "housing"],
        aliases=["child missing education", "missing education"],
    ),
    _t(
        "Consent",
        "",
        "Agreement from a person, or from someone with parental responsibility, for something "
        "to happen. In information sharing, asking for agreement is often good practice and "
        "builds trust, but consent is only one lawful basis under UK GDPR, and for "
        "safeguarding another basis, such as public task, usually fits better.",
        ALL,
        readings=[
            (
                "health",
                "Clinicians often think first of consent to examination or treatment, "
                "which is a separate question from whether information can be shared to protect "
                "a child.",
            ),
            (
                "early-help",
                "In early help, consent usually means the family agreeing to take "
                "part in support at all, because early help is voluntary.",
            ),
            (
                "housing",
                "Referrals under the duty to refer need the person's agreement, so "
                "housing staff may expect consent for every referral they receive.",
            ),
        ],
        aliases=["informed consent", "explicit consent"],
    ),
    _t(
        "Consultation",
        "",
        "A conversation with an experienced practitioner or a front door adviser about a "
        "worry, often without naming the child. It helps you decide whether to refer, and "
        "many partnerships run a consultation line for this.",
        [
            "childrens-social-care",
            "education",
            "health",
            "early-help",
            "voluntary-sector",
            "police",
            "housing",
        ],
        readings=[
            (
                "health",
                "In health, a 'consultation' is usually an appointment between a clinician and a patient.",
            ),
            (
                "childrens-social-care",
                "Some front doors log a named consultation as a "
                "contact, which can surprise practitioners who thought they were only asking for "
                "advice.",
            ),
        ],
        aliases=["consultation line", "safeguarding consultation", "anonymised consultation"],
    ),
    _t(
        "Contact",
        "",
        "In children's social care, the first time information about a child reaches the "
        "front door it is recorded as a contact, and a manager decides whether it becomes a "
        "referral. 'Contact' is also the older word for a looked-after child's time with "
        "their family, now often called family time.",
        ["childrens-social-care", "early-help", "health", "police", "education"],
        readings=[
            (
                "health",
                "In health visiting and midwifery, a 'contact' is a visit or "
                "appointment, such as the checks offered to every family.",
            ),
            (
                "police",
                "Police may use 'contact' for any interaction with a person, or for "
                "the first call into a control room.",
            ),
        ],
        aliases=["contacts", "family time"],
    ),
    _t(
        "Contextual safeguarding",
        "",
        "An approach that recognises children can be harmed outside the home, by peers, in "
        "neighbourhoods, at school or online. It works to make those places and "
        "relationships safer, not only to change the child's behaviour.",
        [
            "childrens-social-care",
            "police",
            "education",
            "youth-justice",
            "voluntary-sector",
            "housing",
            "early-help",
        ],
        aliases=["extra-familial harm"],
    ),
    _t(
        "Continuum of need",
        "",
        "A local document that describes levels of need, from universal to acute, with "
        "examples to help practitioners decide what response fits. It supports professional "
        "judgement; it does not replace a conversation about a child.",
        ALL,
        aliases=["levels of need", "threshold document", "thresholds document", "threshold guidance"],
    ),
    _t(
        "Core group",
        "",
        "The small group of professionals and family members who meet between child "
        "protection conferences to put the CP plan into practice. The child's social worker "
        "leads it.",
        ["childrens-social-care", "health", "education", "early-help", "police"],
        aliases=["core group meeting", "core groups"],
    ),
    _t(
        "Corporate parent",
        "",
        "The council and its partners acting as parent to looked-after children and care "
        "leavers. It means asking whether a decision would be good enough for your own "
        "child.",
        ["childrens-social-care", "education", "health", "housing", "youth-justice"],
        aliases=["corporate parenting"],
    ),
    _t(
        "County lines",
        "",
        "A form of criminal exploitation in which groups move drugs from one area to another "
        "using dedicated phone lines, and use children or vulnerable adults to carry and sell "
        "them. Children involved may go missing, travel long distances and be threatened "
        "with violence.",
        [
            "police",
            "youth-justice",
            "childrens-social-care",
            "education",
            "housing",
            "voluntary-sector",
            "health",
        ],
    ),
    _t(
        "CP plan",
        "child protection plan",
        "A multi-agency plan agreed at an ICPC when a child is judged to be at continuing "
        "risk of significant harm. It sets out what must change, who does what and by when, "
        "and is reviewed at RCPCs and core group meetings.",
        ["childrens-social-care", "health", "education", "police", "early-help", "adult-services"],
        aliases=["child protection plan", "child protection plans", "CPP"],
    ),
    _t(
        "CP-IS",
        "Child Protection - Information Sharing",
        "An NHS system that tells emergency departments, urgent care and similar settings "
        "when a child has a CP plan or is looked after. It also alerts the child's social "
        "care team when the child attends.",
        ["health", "childrens-social-care"],
        aliases=["CPIS", "child protection information sharing"],
    ),
    _t(
        "Criminal offence data",
        "",
        "Personal data about criminal allegations, proceedings or convictions. UK GDPR and "
        "the DPA 2018 set extra conditions for using it, and those conditions include "
        "safeguarding.",
        ALL,
    ),
    _t(
        "CSE",
        "child sexual exploitation",
        "A form of sexual abuse in which a child is manipulated or forced into sexual "
        "activity in exchange for something they need or want, or for the abuser's gain. It "
        "can happen in person or online, and the child may not see themselves as a victim.",
        [
            "police",
            "childrens-social-care",
            "education",
            "health",
            "youth-justice",
            "voluntary-sector",
            "housing",
        ],
        aliases=["child sexual exploitation", "sexual exploitation"],
    ),
    _t(
        "CSODS",
        "child sex offender disclosure scheme",
        "A police scheme that lets anyone ask whether a person with access to a child has a "
        "record of sexual offences against children. Police decide whether to tell the "
        "person best placed to protect the child.",
        ["police", "childrens-social-care", "voluntary-sector"],
        aliases=["child sex offender disclosure scheme"],
    ),
    _t(
        "CSPR",
        "child safeguarding practice review",
        "A review of a serious child safeguarding case, led by the local safeguarding "
        "partners or the national panel, to learn how agencies can work better together. "
        "CSPRs replaced serious case reviews, which found again and again that information "
        "had not been shared in time.",
        ALL,
        aliases=["LCSPR", "local child safeguarding practice review", "serious case review", "SCR", "SCRs"],
    ),
    # D ------------------------------------------------------------------------------
    _t(
        "DASH",
        "domestic abuse, stalking, harassment and honour-based violence",
        "A structured checklist of questions that police and other agencies use with victims "
        "of domestic abuse to judge the risk of serious harm as standard, medium or high. "
        "High-risk cases are usually referred to MARAC.",
        ["police", "adult-services", "voluntary-sector", "health", "housing", "childrens-social-care"],
        aliases=["DASH checklist", "DASH RIC", "DASH risk assessment"],
    ),
    _t(
        "Data controller",
        "",
        "The organisation that decides why and how personal data is used, and is responsible "
        "for using it lawfully. When you share, the organisation that receives the "
        "information usually becomes the controller of its copy.",
        ALL,
        aliases=["data controllers"],
    ),
    _t(
        "Data minimisation",
        "",
        "A UK GDPR principle: use and share only personal data that is adequate, relevant and "
        "limited to what the purpose needs. It asks you to choose what to share, not to "
        "share nothing.",
        ALL,
    ),
    _t(
        "DBS",
        "Disclosure and Barring Service",
        "The national body that carries out criminal record checks for certain jobs and "
        "volunteering roles, and keeps lists of people barred from working with children or "
        "adults at risk. Employers must refer people to it in some circumstances.",
        ALL,
        aliases=["DBS check", "enhanced DBS", "barred list"],
    ),
    _t(
        "Designated professional",
        "",
        "A designated doctor or designated nurse gives safeguarding leadership across the "
        "whole local health system, usually from the ICB. They advise the safeguarding "
        "partners and support the named professionals in each health provider.",
        ["health"],
        aliases=["designated nurse", "designated doctor", "designated professionals"],
    ),
    _t(
        "Disclosure",
        "",
        "When a child or adult tells someone that they have been harmed or are at risk. The "
        "listener should stay calm, not promise secrecy, write down the person's own words "
        "and pass the concern on quickly.",
        ALL,
        readings=[
            (
                "police",
                "For police, 'disclosure' often means the legal duty to share evidence "
                "with the defence, or the schemes that tell people about someone's past "
                "offending.",
            ),
            (
                "education",
                "Employers, including schools, may hear 'disclosure' as the result "
                "of a DBS check, which is a different thing from a child telling you "
                "something.",
            ),
        ],
        aliases=["disclosures", "disclosed"],
    ),
    _t(
        "DNA",
        "did not attend",
        "A health term for a missed appointment. For children, many services now write 'was "
        "not brought' instead, because a child cannot bring themselves.",
        ["health"],
        readings=[
            (
                "police",
                "To police, DNA means forensic evidence, so write 'did not attend' or "
                "'was not brought' in full when you share across agencies.",
            ),
        ],
        aliases=["did not attend", "DNAs"],
    ),
    _t(
        "Domestic abuse",
        "",
        "Abusive behaviour between people aged 16 or over who are, or have been, partners or "
        "family members, including violence, threats, coercive control and economic abuse. "
        "Children who see, hear or live with its effects are treated as victims in their own "
        "right.",
        ALL,
        aliases=["DA", "domestic violence", "DV", "coercive control"],
    ),
    _t(
        "DPA 2018",
        "Data Protection Act 2018",
        "The UK law that sits alongside UK GDPR and fills in its detail. It includes a "
        "condition that allows sensitive information to be used without consent to safeguard "
        "children and adults at risk, and a separate part for police law enforcement work.",
        ALL,
        aliases=["Data Protection Act", "Data Protection Act 2018", "DPA"],
    ),
    _t(
        "DPIA",
        "data protection impact assessment",
        "A written assessment of the risks to people's privacy from a new project or system, "
        "and how to reduce them. It is needed before high-risk processing, such as setting up "
        "a new shared multi-agency system, but not for a single decision to share about a "
        "child.",
        ALL,
        aliases=["DPIAs", "privacy impact assessment"],
    ),
    _t(
        "DPO",
        "data protection officer",
        "The person in a public body who advises on data protection and checks that the "
        "organisation follows the law. They are a good source of advice when setting up "
        "sharing arrangements; for urgent safeguarding decisions, talk to your safeguarding "
        "lead first.",
        ALL,
        aliases=["DPOs"],
    ),
    _t(
        "DSL",
        "designated safeguarding lead",
        "The senior member of staff in a school, college or early years setting who leads on "
        "safeguarding and child protection. Staff pass concerns to the DSL, who decides on "
        "next steps, refers to the front door and keeps the child protection file.",
        ["education", "early-help", "childrens-social-care", "health", "police"],
        aliases=[
            "DSLs",
            "designated safeguarding lead",
            "DDSL",
            "deputy DSL",
            "deputy designated safeguarding lead",
        ],
    ),
    _t(
        "Duty of confidentiality",
        "",
        "The duty, from common law and professional codes, not to pass on information given "
        "in confidence without good reason. Information can still be shared with consent, "
        "when the law requires it, or when the public interest, such as protecting a child "
        "from harm, outweighs the duty.",
        ALL,
        aliases=["duty of confidence", "common law duty of confidentiality", "confidential information"],
    ),
    _t(
        "Duty to refer",
        "",
        "A legal duty on certain public bodies, such as emergency departments, prisons, "
        "youth justice and social care, to refer people who are homeless or at risk of "
        "homelessness to a housing authority, with the person's agreement. Early referral "
        "lets housing help before a family loses its home.",
        ["housing", "health", "youth-justice", "childrens-social-care", "adult-services"],
    ),
    _t(
        "DVDS",
        "domestic violence disclosure scheme",
        "A police scheme through which a person can ask about a partner's history of abuse, "
        "or police can decide to warn someone who may be at risk. Professionals can also "
        "make a request on someone's behalf.",
        ["police", "voluntary-sector", "adult-services", "childrens-social-care"],
        aliases=["domestic abuse disclosure scheme"],
    ),
    # E ------------------------------------------------------------------------------
    _t(
        "Early help",
        "",
        "Support for a child and family as soon as problems start to emerge, at any age, to "
        "stop them getting worse. It is voluntary, can come from any agency and is often "
        "coordinated by a lead professional through a TAF.",
        ALL,
        readings=[
            (
                "health",
                "Health staff may think of their own extra offer, such as more health "
                "visitor contacts, without seeing it as early help that can be shared and "
                "coordinated.",
            ),
            (
                "police",
                "Police may call it early intervention or prevention, especially for "
                "young people at risk of offending.",
            ),
            (
                "education",
                "Schools often give early help themselves through pastoral "
                "support, and may not call it that.",
            ),
        ],
        aliases=["early intervention"],
    ),
    _t(
        "Early help assessment",
        "",
        "An assessment done with a family's agreement to understand their needs and "
        "strengths and plan early help. Any practitioner can start one, and local areas use "
        "different names and forms.",
        ["early-help", "education", "health", "childrens-social-care", "voluntary-sector", "housing"],
        aliases=["EHA", "family assessment", "CAF", "common assessment framework"],
    ),
    _t(
        "EHCP",
        "education, health and care plan",
        "A legal document for a child or young person up to 25 with special educational needs "
        "who needs more support than a school can usually give. It sets out their needs, the "
        "support they must get and the outcomes it aims for.",
        ["education", "health", "childrens-social-care", "early-help"],
        aliases=["EHC plan", "EHCPs"],
    ),
    _t(
        "EHE",
        "elective home education",
        "When parents choose to educate their child at home instead of at school. Most "
        "home-educated children are safe and well; the risk is that a child is not seen by "
        "any professional, so councils make enquiries where education seems unsuitable or "
        "there are welfare worries.",
        ["education", "childrens-social-care", "health", "early-help"],
        aliases=["home education", "home educated", "home-educated"],
    ),
    _t(
        "EPO",
        "emergency protection order",
        "A short-term court order that lets the council remove a child to safety, or keep "
        "them somewhere safe, when there is reasonable cause to believe they are likely to "
        "suffer significant harm. It lasts up to eight days and can be extended once.",
        ["childrens-social-care", "police", "health"],
        aliases=["emergency protection order", "EPOs"],
    ),
    _t(
        "Escalation",
        "",
        "Raising a concern when you disagree with another agency's decision about a child, "
        "such as a decision not to act on a referral. Every partnership has an escalation or "
        "resolution policy, and using it is a normal professional step.",
        ALL,
        readings=[
            (
                "health",
                "In hospitals, 'escalation' often means calling for senior help when a "
                "patient's condition gets worse.",
            ),
            (
                "police",
                "Police may hear 'escalation' as rising risk, such as domestic abuse "
                "becoming more frequent or more severe.",
            ),
        ],
        aliases=["escalation policy", "professional disagreement", "resolution policy"],
    ),
    _t(
        "Exclusion",
        "",
        "When a school removes a pupil for a fixed period, called a suspension, or "
        "permanently. Time out of school can raise a child's risk of exploitation, so DSLs "
        "consider safeguarding before and after any exclusion.",
        ["education", "youth-justice", "childrens-social-care", "early-help"],
        aliases=["permanent exclusion", "fixed-term exclusion", "exclusions"],
    ),
    _t(
        "EYFS",
        "early years foundation stage",
        "The statutory framework for nurseries, childminders and reception classes, covering "
        "learning and development and the safeguarding and welfare requirements. Early years "
        "settings have a lead practitioner for safeguarding, much like a school's DSL.",
        ["education", "early-help", "health"],
        aliases=["early years foundation stage"],
    ),
    # F ------------------------------------------------------------------------------
    _t(
        "Family group conference",
        "",
        "A meeting, run by an independent coordinator, where the wider family and friends "
        "make a plan to keep a child safe after professionals have set out their worries. It "
        "draws on what the family knows and is often offered before care proceedings.",
        ["childrens-social-care", "early-help", "voluntary-sector"],
        aliases=["FGC", "family group conferencing", "family network meeting"],
    ),
    _t(
        "Family hub",
        "",
        "A local centre or network where families with children and young people can get "
        "help in one place, from health visiting and parenting support to early help. Many "
        "grew out of children's centres.",
        ["early-help", "health", "voluntary-sector", "education"],
        aliases=["family hubs", "children's centre"],
    ),
    _t(
        "FGM",
        "female genital mutilation",
        "Procedures that injure female genital organs for non-medical reasons. It is illegal "
        "in the UK and is child abuse, and teachers, health and social care professionals "
        "must report to police when they find it has been carried out on a girl under 18.",
        ["health", "education", "police", "childrens-social-care", "voluntary-sector"],
        aliases=["female genital mutilation", "FGM mandatory reporting"],
    ),
    _t(
        "FII",
        "fabricated or induced illness",
        "A rare form of abuse in which a carer exaggerates, invents or causes symptoms of "
        "illness in a child. Concerns often build slowly across several health services, so "
        "sharing between them is vital.",
        ["health", "childrens-social-care", "education", "police"],
        aliases=["fabricated or induced illness", "perplexing presentations"],
    ),
    _t(
        "Front door",
        "",
        "The single point where a council's children's services receive concerns about "
        "children, whether it is a MASH, a duty team or an integrated front door. It decides "
        "what response is needed and should tell the person who raised the concern what "
        "happened.",
        ALL,
        aliases=["children's front door", "integrated front door", "duty desk"],
    ),
    # G ------------------------------------------------------------------------------
    _t(
        "GCP2",
        "Graded Care Profile 2",
        "A practical tool for assessing neglect by looking at how well a child's needs are "
        "met day to day. Practitioners from any agency can be trained to use it with a "
        "family.",
        ["early-help", "childrens-social-care", "health", "education"],
        aliases=["graded care profile", "graded care profile 2"],
    ),
    _t(
        "Genogram",
        "",
        "A family tree diagram that shows who is in a child's family and network and how "
        "they are related. It helps every agency see who else might hold information or "
        "offer support.",
        ["childrens-social-care", "early-help", "health", "adult-services"],
        aliases=["genograms"],
    ),
    _t(
        "Gillick competence",
        "",
        "Whether a child under 16 has enough understanding and maturity to make a particular "
        "decision for themselves, first applied to medical treatment. It can guide whether a "
        "young person can decide about their own information, but a competent child's "
        "refusal does not stop sharing when they or others are at risk of significant harm.",
        ["health", "education", "childrens-social-care", "early-help", "voluntary-sector"],
        readings=[
            (
                "childrens-social-care",
                "Social workers use the idea more widely, to judge how "
                "far a young person can agree to or refuse decisions about their own support "
                "and information.",
            ),
        ],
        aliases=["Gillick competent", "Gillick"],
    ),
    _t(
        "GP safeguarding lead",
        "",
        "The GP in each practice who leads on safeguarding, advises colleagues and is usually "
        "the contact for requests from other agencies. The practice holds a child's health "
        "history over many years, including missed appointments and relevant parental "
        "health.",
        ["health"],
        aliases=["practice safeguarding lead", "GP lead"],
    ),
    # H ------------------------------------------------------------------------------
    _t(
        "Harm",
        "",
        "Ill-treatment or damage to a child's health or development, including harm from "
        "seeing or hearing someone else being ill-treated, as in domestic abuse. Whether harm "
        "is significant is a matter of professional judgement.",
        ALL,
        readings=[
            (
                "youth-justice",
                "Youth justice teams assess both harm to the young person and "
                "the risk of serious harm they may cause to others, so 'harm' can point either "
                "way.",
            ),
            (
                "police",
                "Police often grade harm by how serious the offence is, such as the "
                "level of injury, which can differ from its impact on the child's "
                "development.",
            ),
        ],
        aliases=["harmed"],
    ),
    _t(
        "Hidden harm",
        "",
        "The effect on children of living with a parent's drug or alcohol misuse, which may "
        "not be visible to services working with the adult. The phrase is also used for abuse "
        "that is hard to see, such as in homes no professional visits.",
        ["adult-services", "health", "childrens-social-care", "early-help", "voluntary-sector"],
    ),
    _t(
        "HSB",
        "harmful sexual behaviour",
        "Sexual behaviour by a child that is not appropriate for their age or development "
        "and may harm them or others. It calls for a safeguarding response for everyone "
        "involved, including the child showing the behaviour.",
        ["education", "childrens-social-care", "youth-justice", "police", "health"],
        aliases=["harmful sexual behaviour", "harmful sexual behaviours"],
    ),
    _t(
        "HV",
        "health visitor",
        "A nurse or midwife with specialist public health training who offers every family "
        "with a child under five a series of checks and visits. Health visitors see babies at "
        "home and are often the first to notice worries about a baby or a parent.",
        ["health", "early-help", "childrens-social-care"],
        aliases=["health visitor", "health visitors", "health visiting", "HVs"],
    ),
    # I ------------------------------------------------------------------------------
    _t(
        "ICB",
        "integrated care board",
        "The NHS body that plans and pays for health services in an area. It is one of the "
        "three statutory safeguarding partners, with the council and the police.",
        ["health"],
        aliases=["integrated care board"],
    ),
    _t(
        "ICO",
        "Information Commissioner's Office",
        "The UK regulator for data protection and freedom of information. Its guidance makes "
        "clear that data protection law supports sharing information to protect children.",
        ALL,
        aliases=["Information Commissioner"],
    ),
    _t(
        "ICPC",
        "initial child protection conference",
        "A meeting held after s47 enquiries when a child may be at continuing risk of "
        "significant harm. The family and the agencies involved share what they know and "
        "decide whether the child needs a CP plan.",
        ["childrens-social-care", "health", "education", "police", "early-help", "adult-services"],
        aliases=[
            "initial child protection conference",
            "child protection conference",
            "case conference",
            "ICPCs",
        ],
    ),
    _t(
        "IDVA",
        "independent domestic violence adviser",
        "A trained specialist who supports domestic abuse victims at high risk, helps them "
        "plan for safety and speaks for them at MARAC. Most IDVAs work in voluntary sector "
        "domestic abuse services, and some are based in hospitals.",
        ["voluntary-sector", "adult-services", "health", "police"],
        aliases=["IDVAs", "independent domestic abuse adviser"],
    ),
    _t(
        "Information sharing agreement",
        "",
        "A written agreement between organisations about routine sharing: what is shared, "
        "why, on what lawful basis and how it is kept secure. It helps regular sharing run "
        "smoothly, but you do not need one to share in a one-off safeguarding situation.",
        ALL,
        aliases=["ISA", "information sharing protocol", "ISP", "data sharing agreement"],
    ),
    _t(
        "Intelligence",
        "",
        "Information that police record and grade for how reliable it is and how it may be "
        "shared. Unconfirmed intelligence should be shared with care and context so that it "
        "does not label a child.",
        ["police", "youth-justice", "childrens-social-care"],
        readings=[
            (
                "childrens-social-care",
                "Other agencies may call any information 'intel' "
                "without knowing how police grade it, or treat an unverified flag, such as "
                "possible gang involvement, as fact.",
            ),
            (
                "education",
                "Schools may feel their everyday observations are too small to "
                "count, but police value them as part of a wider picture.",
            ),
        ],
        aliases=["intel"],
    ),
    _t(
        "IRO",
        "independent reviewing officer",
        "A social work manager, independent of the team working with the child, who chairs "
        "the looked-after child's reviews and checks the care plan meets their needs. They "
        "make sure the child's wishes are heard.",
        ["childrens-social-care", "education", "health"],
        aliases=["independent reviewing officer", "IROs"],
    ),
    # K ------------------------------------------------------------------------------
    _t(
        "KCSIE",
        "Keeping Children Safe in Education",
        "Statutory guidance that schools and colleges in England must follow on "
        "safeguarding, updated most years. All staff read at least its first part, and it "
        "sets out the role of the DSL.",
        ["education"],
        aliases=["Keeping Children Safe in Education"],
    ),
    _t(
        "Kinship care",
        "",
        "When a child is raised by a relative or family friend because their parents cannot "
        "care for them. It can be informal, or formal through a special guardianship order "
        "or kinship fostering.",
        ["childrens-social-care", "education", "health", "voluntary-sector"],
        aliases=["kinship carer", "kinship carers", "family and friends care", "connected persons"],
    ),
    # L ------------------------------------------------------------------------------
    _t(
        "LADO",
        "local authority designated officer",
        "The council officer who manages allegations and concerns that an adult working or "
        "volunteering with children has harmed a child or may pose a risk. Employers should "
        "talk to the LADO quickly, before starting any investigation of their own.",
        [
            "education",
            "childrens-social-care",
            "police",
            "health",
            "voluntary-sector",
            "youth-justice",
            "early-help",
        ],
        aliases=["local authority designated officer", "LADOs", "designated officer"],
    ),
    _t(
        "Lawful basis",
        "",
        "One of six reasons in UK GDPR that make using personal data lawful: consent, "
        "contract, legal obligation, vital interests, public task and legitimate interests. "
        "You need at least one before you share, and for safeguarding by public bodies it is "
        "usually public task or legal obligation.",
        ALL,
        aliases=["lawful bases", "legal basis", "lawful basis for sharing"],
    ),
    _t(
        "Lead professional",
        "",
        "The practitioner who coordinates early help for a family, acts as their main contact "
        "and keeps the plan on track. It can be anyone the family trusts, such as a teacher, "
        "a health visitor or a family support worker.",
        ["early-help", "education", "health", "voluntary-sector", "housing"],
        aliases=["lead practitioner", "key worker", "keyworker"],
    ),
    _t(
        "Legal obligation",
        "",
        "A UK GDPR lawful basis for using personal data when the law requires it, such as a "
        "court order or a statutory duty to report. The mandatory reporting of FGM is one "
        "example.",
        ALL,
    ),
    _t(
        "Legitimate interests",
        "",
        "A UK GDPR lawful basis that charities and businesses can use when sharing is needed "
        "for a genuine purpose and does not override the person's rights. Public bodies "
        "cannot rely on it for their official tasks.",
        ["voluntary-sector", "housing", "education", "health"],
        aliases=["legitimate interest"],
    ),
    _t(
        "Level 3",
        "",
        "A level on many local continuums of need, often meaning complex needs that may call "
        "for a social care assessment. Always say which scale you mean, because the same "
        "number means different things in different agencies.",
        ["childrens-social-care", "early-help", "health", "education"],
        readings=[
            (
                "health",
                "In health, 'Level 3' usually means the level of safeguarding training "
                "and competence set in national guidance for staff who work closely with "
                "children.",
            ),
            (
                "police",
                "Police may hear a 'level' as a MAPPA level, which describes how "
                "closely agencies manage an offender.",
            ),
        ],
        aliases=["level three"],
    ),
    _t(
        "Low-level concern",
        "",
        "A small worry that does not seem to meet a threshold on its own. Several low-level "
        "concerns held by different agencies can add up to a serious picture, which is why "
        "sharing them matters.",
        ALL,
        readings=[
            (
                "education",
                "In schools, 'low-level concern' also has a specific meaning: a "
                "worry about how an adult working with children behaves that does not meet the "
                "threshold for referral to the LADO.",
            ),
        ],
        aliases=["low-level concerns", "low level concern", "low level concerns"],
    ),
    # M ------------------------------------------------------------------------------
    _t(
        "Making safeguarding personal",
        "",
        "An approach in adult safeguarding that puts the person's own wishes and hoped-for "
        "outcomes at the centre. It does not stop agencies acting to protect children who "
        "live with that adult.",
        ["adult-services", "voluntary-sector", "health"],
        aliases=["MSP"],
    ),
    _t(
        "MAPPA",
        "multi-agency public protection arrangements",
        "The arrangements through which police, probation and prisons work with other "
        "agencies to manage the risk from certain sexual and violent offenders living in the "
        "community. Other agencies, including children's services, housing and health, have "
        "a duty to cooperate.",
        ["police", "youth-justice", "housing", "childrens-social-care", "health", "adult-services"],
        aliases=["MAPPA meeting", "MAPPA level"],
    ),
    _t(
        "MARAC",
        "multi-agency risk assessment conference",
        "A regular local meeting where agencies share information about domestic abuse "
        "victims at high risk of serious harm and agree actions to keep them safe. Children "
        "in the household are considered, and an IDVA speaks for the victim.",
        [
            "police",
            "voluntary-sector",
            "adult-services",
            "health",
            "housing",
            "childrens-social-care",
            "education",
        ],
        aliases=["MARACs"],
    ),
    _t(
        "MASH",
        "multi-agency safeguarding hub",
        "A team in which children's social care, police, health, education and often other "
        "agencies work together, usually in one place, to share information quickly about "
        "concerns reported to the front door. It helps decide the right response for the "
        "child, from advice to a child protection enquiry.",
        ALL,
        aliases=["MASHs", "multi-agency safeguarding hub", "safeguarding hub"],
    ),
    _t(
        "MCA",
        "Mental Capacity Act 2005",
        "The law that protects people aged 16 and over who may lack capacity to make certain "
        "decisions. It starts from the assumption that people have capacity, and sets out how "
        "to act in their best interests if they do not.",
        ["adult-services", "health", "childrens-social-care"],
        aliases=["Mental Capacity Act"],
    ),
    _t(
        "Missing episode",
        "",
        "A period when a child is missing from home or care. Police assess the risk of each "
        "missing report, and repeated episodes can signal exploitation or abuse.",
        ["police", "childrens-social-care", "education", "voluntary-sector"],
        readings=[
            (
                "education",
                "In schools, 'missing' may mean a child absent without explanation "
                "or missing education, which calls for attendance and welfare checks rather "
                "than a police report.",
            ),
            (
                "childrens-social-care",
                "For a looked-after child, carers follow a local "
                "protocol that says when to report the child to police as missing.",
            ),
        ],
        aliases=["missing from home", "missing from care", "missing child", "missing episodes"],
    ),
    # N ------------------------------------------------------------------------------
    _t(
        "NAI",
        "non-accidental injury",
        "An injury thought to have been caused on purpose, not by accident. Any bruise or "
        "injury in a baby who is not yet mobile needs an urgent safeguarding response.",
        ["health", "police", "childrens-social-care"],
        aliases=["non-accidental injury", "inflicted injury"],
    ),
    _t(
        "Named nurse",
        "",
        "A nurse, or a named doctor or midwife, in an NHS provider who leads on safeguarding "
        "children in that organisation. They advise colleagues, give safeguarding supervision "
        "and are a contact for other agencies.",
        ["health"],
        aliases=["named doctor", "named midwife", "named professional", "named professionals"],
    ),
    _t(
        "Necessary and proportionate",
        "",
        "A test to apply before sharing: is sharing needed for the purpose, and is the amount "
        "shared no more than the purpose requires? Weigh the risks of sharing against the "
        "risk to the child of not sharing.",
        ALL,
        aliases=["proportionality", "necessity and proportionality"],
    ),
    _t(
        "Need to know",
        "",
        "The principle that information goes only to the people who need it to act for the "
        "child. It narrows who receives information; it is not a reason to withhold it from "
        "someone who needs it.",
        ALL,
        aliases=["need-to-know"],
    ),
    _t(
        "Neglect",
        "",
        "The persistent failure to meet a child's basic physical or emotional needs, likely "
        "to seriously harm their health or development. It is often a picture built from "
        "many small signs held by different agencies.",
        ALL,
        readings=[
            (
                "education",
                "Schools often see neglect as hunger, poor hygiene, an unwashed "
                "uniform or patchy attendance.",
            ),
            (
                "health",
                "Health staff may see faltering growth, untreated tooth decay or a "
                "pattern of missed appointments.",
            ),
            (
                "police",
                "For police, neglect can be a criminal offence, which needs evidence "
                "that meets a criminal standard, a much higher bar than the welfare meaning.",
            ),
        ],
        aliases=["neglected", "neglectful"],
    ),
    _t(
        "NFA",
        "no further action",
        "A decision to close a matter without any further step. In social care it can mean a "
        "contact or assessment closes with no service offered.",
        ["childrens-social-care", "police"],
        readings=[
            (
                "police",
                "A police NFA means no charge or further criminal action, usually "
                "because the evidence does not meet the test to prosecute; it does not mean "
                "nothing happened.",
            ),
            (
                "education",
                "Referrers may read NFA as 'my concern was not believed'; asking the "
                "front door for the reason tells you what to watch for next.",
            ),
        ],
        aliases=["no further action"],
    ),
    _t(
        "NRM",
        "National Referral Mechanism",
        "The UK framework for identifying and supporting victims of modern slavery and human "
        "trafficking, including children exploited through county lines. Authorised first "
        "responders, such as police and councils, make referrals, and a child's consent is "
        "not needed.",
        ["police", "childrens-social-care", "youth-justice", "voluntary-sector", "adult-services"],
        aliases=["National Referral Mechanism", "modern slavery referral"],
    ),
    # O ------------------------------------------------------------------------------
    _t(
        "OIC",
        "officer in the case",
        "The police officer responsible for an investigation. Ask for the OIC when you have "
        "new information about a crime or want to know how an investigation is going.",
        ["police", "childrens-social-care", "youth-justice"],
        aliases=["officer in the case", "officer in case"],
    ),
    _t(
        "Operation Encompass",
        "",
        "A national scheme in which police tell a key adult at a child's school, usually the "
        "DSL, before the next school day when the child has been affected by a domestic abuse "
        "incident. It lets the school offer quiet support.",
        ["police", "education"],
        aliases=["Encompass"],
    ),
    _t(
        "Out-of-court disposal",
        "",
        "A way of dealing with an offence by a child without going to court, such as a "
        "community resolution, a youth caution or a youth conditional caution. Youth justice "
        "services often assess the child and offer support alongside it.",
        ["youth-justice", "police"],
        aliases=[
            "OOCD",
            "out of court disposal",
            "youth caution",
            "youth conditional caution",
            "community resolution",
        ],
    ),
    # P ------------------------------------------------------------------------------
    _t(
        "Parental responsibility",
        "",
        "The legal rights, duties and authority a parent has for a child. Birth mothers have "
        "it automatically, others gain it through marriage, birth registration or a court "
        "order, and the council shares it under a care order.",
        ["childrens-social-care", "education", "health", "police"],
        aliases=["PR"],
    ),
    _t(
        "PEP",
        "personal education plan",
        "Part of a looked-after child's care plan that sets out their education goals and "
        "support. It is reviewed regularly with the school's designated teacher and the "
        "virtual school.",
        ["education", "childrens-social-care"],
        aliases=["personal education plan", "PEPs"],
    ),
    _t(
        "Perinatal mental health",
        "",
        "Mental health during pregnancy and the first year or so after birth. Specialist "
        "perinatal services support parents, and midwives, health visitors and GPs ask about "
        "mental health at routine contacts.",
        ["health", "adult-services", "early-help", "childrens-social-care"],
        aliases=["perinatal"],
    ),
    _t(
        "Persistent absence",
        "",
        "When a pupil misses a tenth or more of their possible school sessions. Absence is "
        "often the first visible sign of a wider problem, so schools share patterns, not just "
        "totals.",
        ["education", "early-help", "childrens-social-care"],
        aliases=["persistently absent", "school absence", "severe absence"],
    ),
    _t(
        "Plan",
        "",
        "A written agreement about what will happen to help a child, who will do it and by "
        "when. Always name the type of plan, because agencies hold many different ones.",
        ALL,
        readings=[
            (
                "youth-justice",
                "In youth justice, 'plan' usually means the intervention plan "
                "agreed as part of a court order or out-of-court disposal.",
            ),
            (
                "education",
                "In schools, 'plan' may mean an EHCP, a PEP or a behaviour plan "
                "rather than a social care plan.",
            ),
            (
                "health",
                "In health, a care plan sets out treatment, and a birth plan or a "
                "safety plan may also be meant.",
            ),
        ],
        aliases=["plans"],
    ),
    _t(
        "PLO",
        "Public Law Outline",
        "The court rules and timetable for care proceedings, which aim to finish most cases "
        "within 26 weeks. At the pre-proceedings stage, parents get a formal letter and a "
        "meeting to try to make changes without going to court.",
        ["childrens-social-care", "health", "education"],
        aliases=["Public Law Outline", "pre-proceedings", "PLO meeting", "letter before proceedings"],
    ),
    _t(
        "PNC",
        "Police National Computer",
        "A national police database of arrests, convictions, cautions and people who are "
        "wanted or missing. Police check it when assessing risk, for example before a "
        "strategy discussion.",
        ["police", "youth-justice"],
        aliases=["Police National Computer"],
    ),
    _t(
        "Police protection",
        "",
        "A police power to remove a child to a safe place, or stop them being taken from "
        "one, for up to 72 hours when they would otherwise be likely to suffer significant "
        "harm. No court order is needed, and police must tell the council straight away.",
        ["police", "childrens-social-care"],
        aliases=["police powers of protection", "PPO", "police protection order"],
    ),
    _t(
        "PPN",
        "public protection notice",
        "The form a police officer completes after meeting a child or adult they think is "
        "vulnerable or at risk, for example at a domestic abuse call. It goes to the MASH or "
        "a similar team so partners can decide what help is needed; names for it vary by "
        "force.",
        ["police", "childrens-social-care", "adult-services", "early-help"],
        aliases=["public protection notice", "public protection notification", "PPNs"],
    ),
    _t(
        "Pre-birth assessment",
        "",
        "A social care assessment during pregnancy when there are worries about a baby's "
        "safety after birth. Starting early gives parents time to make changes and lets "
        "midwives and health visitors plan with social care.",
        ["health", "childrens-social-care", "early-help"],
        aliases=["pre birth", "prebirth", "pre-birth", "unborn baby assessment"],
    ),
    _t(
        "Prevent",
        "",
        "The part of the national counter-terrorism strategy that aims to stop people being "
        "drawn into terrorism. Schools, health, councils and police must take it into account "
        "and can refer concerns, which may lead to support through Channel.",
        ["education", "health", "police", "childrens-social-care", "adult-services", "youth-justice"],
        aliases=["Prevent duty", "Prevent referral"],
    ),
    _t(
        "Priority need",
        "",
        "A test in homelessness law that decides whether a council must secure longer-term "
        "housing, for example because the household includes dependent children or someone "
        "who is pregnant. Families with children are almost always in priority need.",
        ["housing"],
    ),
    _t(
        "Private fostering",
        "",
        "When a child under 16, or under 18 if disabled, is cared for by someone who is not a "
        "parent or close relative for 28 days or more by private arrangement. The council must "
        "be told so it can check the child is safe.",
        ["childrens-social-care", "education", "health", "voluntary-sector"],
        aliases=["privately fostered"],
    ),
    _t(
        "Professional curiosity",
        "",
        "Exploring and checking what you see and hear instead of taking it at face value, and "
        "asking other agencies what they know. Reviews often find that one curious question "
        "could have joined up the picture.",
        ALL,
        aliases=["respectful uncertainty"],
    ),
    _t(
        "Professionals meeting",
        "",
        "A meeting of practitioners from different agencies, without the family, to share "
        "information and agree how to work together. It should not replace telling the "
        "family what is happening, unless that would put the child at risk.",
        ALL,
        aliases=["professionals' meeting", "multi-agency meeting"],
    ),
    _t(
        "Public interest",
        "",
        "In confidentiality, the interest of society that can justify sharing without "
        "consent, such as protecting a child from significant harm or preventing serious "
        "crime. It is weighed against the public interest in keeping confidences.",
        ALL,
        aliases=["public interest test", "overriding public interest"],
    ),
    _t(
        "Public task",
        "",
        "A UK GDPR lawful basis for using personal data to carry out official functions or "
        "tasks in the public interest that are set out in law. It is the usual basis for "
        "councils, schools and the NHS when they share for safeguarding.",
        ALL,
    ),
    # R ------------------------------------------------------------------------------
    _t(
        "Rapid review",
        "",
        "A quick review the local safeguarding partners carry out after a serious child "
        "safeguarding incident is notified. It gathers the facts from each agency and decides "
        "whether a CSPR is needed.",
        ["childrens-social-care", "police", "health", "education"],
        aliases=["rapid reviews"],
    ),
    _t(
        "RCPC",
        "review child protection conference",
        "A meeting that reviews a child's CP plan, looking at what has changed and whether "
        "the plan is still needed. The first is held within three months of the ICPC and then "
        "at least every six months.",
        ["childrens-social-care", "health", "education", "police", "early-help"],
        aliases=["review child protection conference", "review conference", "RCPCs"],
    ),
    _t(
        "Referral",
        "",
        "Passing a concern about a child to another service so it can act, most often to "
        "children's social care through the front door. A good referral says what you are "
        "worried about, why, what the child says and whether the family knows.",
        ALL,
        readings=[
            (
                "health",
                "Clinicians refer patients to other health services all the time, such "
                "as a GP referral to CAMHS, which has its own acceptance criteria and waiting "
                "times.",
            ),
            (
                "youth-justice",
                "A referral order is a court sentence for a young person, not a referral to another service.",
            ),
        ],
        aliases=["referrals", "safeguarding referral"],
    ),
    _t(
        "Referral order",
        "",
        "A community sentence for many children who plead guilty at their first court "
        "appearance. The child agrees a contract with a youth offender panel of trained "
        "community volunteers and a youth justice worker.",
        ["youth-justice"],
        aliases=["referral orders", "youth offender panel"],
    ),
    _t(
        "Remand",
        "",
        "When a court refuses bail and a child is held before trial or sentence, either in "
        "youth detention or in council accommodation. A child remanded to youth detention "
        "becomes looked after by the council.",
        ["youth-justice", "childrens-social-care", "police"],
        aliases=["remanded"],
    ),
    _t(
        "Return home interview",
        "",
        "An independent conversation offered to a child after they come back from being "
        "missing, to understand why they went and what would help. What the child says can "
        "reveal exploitation and is shared with police and social care.",
        ["childrens-social-care", "voluntary-sector", "police"],
        aliases=["RHI", "return interview", "return home interviews"],
    ),
    _t(
        "Review",
        "",
        "A meeting or process that checks progress against a plan, such as a looked-after "
        "child review or an RCPC. At partnership level it can also mean a CSPR into a serious "
        "incident, which exists to learn rather than to blame.",
        ALL,
        readings=[
            (
                "health",
                "In health, a 'review' is often a follow-up appointment or a clinical "
                "review of treatment or medication.",
            ),
            (
                "youth-justice",
                "In youth justice, a review usually checks progress on a court "
                "order, and a breach can lead back to court.",
            ),
        ],
        aliases=["reviews"],
    ),
    _t(
        "Risk",
        "",
        "The chance that a child will come to harm, and how serious that harm could be. In "
        "social care the key question is usually whether there is a risk of significant "
        "harm.",
        ALL,
        readings=[
            (
                "police",
                "Police grade risk as standard, medium or high, often using DASH or "
                "THRIVE, mainly about the risk of further serious harm or offending.",
            ),
            (
                "youth-justice",
                "Youth justice teams assess the risk of reoffending and the "
                "risk of serious harm a young person may cause others, as well as risks to their "
                "own safety.",
            ),
            (
                "health",
                "In health, risk often means clinical risk or a patient's risk to "
                "themselves, such as self-harm.",
            ),
        ],
        aliases=["risks", "at risk", "risk assessment"],
    ),
    # S ------------------------------------------------------------------------------
    _t(
        "s17",
        "section 17 of the Children Act 1989",
        "The part of the Children Act 1989 that gives councils a general duty to safeguard "
        "and promote the welfare of children in need in their area by providing services. "
        "Support under s17 is voluntary and needs the family's agreement.",
        ["childrens-social-care", "early-help", "education", "health"],
        aliases=["section 17", "s.17", "s17 assessment"],
    ),
    _t(
        "s47",
        "section 47 of the Children Act 1989",
        "The part of the Children Act 1989 that requires the council to make enquiries when "
        "there is reasonable cause to suspect a child is suffering, or likely to suffer, "
        "significant harm. Enquiries usually follow a strategy discussion and involve police "
        "and health.",
        ["childrens-social-care", "police", "health", "education"],
        aliases=["section 47", "s.47", "s47 enquiry", "section 47 enquiry", "child protection enquiry"],
    ),
    _t(
        "SAB",
        "Safeguarding Adults Board",
        "The statutory board in each council area that oversees how local agencies protect "
        "adults at risk. It commissions a review when an adult dies or is seriously harmed "
        "and agencies could have worked better together.",
        ["adult-services", "health", "police", "housing"],
        aliases=["Safeguarding Adults Board"],
    ),
    _t(
        "Safeguarding",
        "",
        "Everything done to keep children safe and help them thrive: protecting them from "
        "abuse and neglect, preventing harm to their health or development, and making sure "
        "they grow up with safe and effective care. Everyone who works with children shares "
        "this responsibility.",
        ALL,
        readings=[
            (
                "adult-services",
                "In adult services, 'safeguarding' usually means the Care Act "
                "process for adults at risk, including section 42 enquiries.",
            ),
        ],
        aliases=["safeguarding children"],
    ),
    _t(
        "Safeguarding condition",
        "",
        "A condition in the DPA 2018 that lets practitioners use special category data "
        "without consent to protect a child or an adult at risk from harm. It applies when "
        "consent cannot be given, cannot reasonably be obtained, or asking for it would "
        "undermine the protection.",
        ALL,
        aliases=["safeguarding of children and individuals at risk"],
    ),
    _t(
        "Safeguarding lead",
        "",
        "The person in a voluntary, community, faith or sports organisation who takes the "
        "lead on safeguarding and whom staff and volunteers tell about concerns. They decide "
        "with you whether and how to refer.",
        ["voluntary-sector", "housing", "adult-services"],
        aliases=["safeguarding officer", "designated safeguarding officer", "DSO"],
    ),
    _t(
        "Safeguarding partners",
        "",
        "The three organisations jointly responsible for local safeguarding arrangements: the "
        "council, the ICB and the police. They are expected to involve schools and other "
        "relevant agencies closely in the work.",
        ALL,
        aliases=[
            "LSCP",
            "local safeguarding children partnership",
            "safeguarding children partnership",
            "MASA",
            "multi-agency safeguarding arrangements",
            "safeguarding partnership",
        ],
    ),
    _t(
        "Safety plan",
        "",
        "A written plan, made with a child or adult, that sets out what they and others will "
        "do to stay safe from a specific risk. Share it with the people who need to act on "
        "it.",
        ["childrens-social-care", "voluntary-sector", "health", "education", "early-help"],
        readings=[
            (
                "voluntary-sector",
                "Domestic abuse services use 'safety plan' for a victim's "
                "personal plan, which may need to be kept from the abuser.",
            ),
            (
                "health",
                "Mental health services use 'safety plan' for a plan to manage "
                "suicidal thoughts or self-harm.",
            ),
        ],
        aliases=["safety planning", "safety plans"],
    ),
    _t(
        "Sanctuary scheme",
        "",
        "A scheme that adds security to a home, such as stronger doors and locks, so a "
        "domestic abuse victim can choose to stay safely where they live. Housing and "
        "domestic abuse services usually arrange it together.",
        ["housing", "voluntary-sector", "police"],
        aliases=["sanctuary schemes"],
    ),
    _t(
        "SAR",
        "subject access request",
        "A request by a person to see the personal data an organisation holds about them, "
        "which is a right under UK GDPR. Some information can be withheld, for example if "
        "releasing it would be likely to cause serious harm.",
        ALL,
        readings=[
            (
                "adult-services",
                "In adult safeguarding, SAR usually means a safeguarding adults "
                "review, the adult version of a CSPR.",
            ),
            (
                "police",
                "Police and financial investigators may read SAR as a suspicious "
                "activity report about possible money laundering.",
            ),
        ],
        aliases=["subject access request", "SARs"],
    ),
    _t(
        "School nurse",
        "",
        "A nurse with public health training who supports children and young people aged 5 "
        "to 19 in schools and the community, including health reviews and confidential "
        "drop-ins. School nurses join up health and education when there are worries.",
        ["health", "education"],
        aliases=["school nurses", "school nursing"],
    ),
    _t(
        "Section 20",
        "",
        "Accommodation of a child by the council with the agreement of the people with "
        "parental responsibility, without a court order. The child is looked after, but "
        "parents keep full parental responsibility and can usually remove the child.",
        ["childrens-social-care", "education", "health", "housing"],
        aliases=["s20", "s.20", "section 20 accommodation", "voluntary accommodation"],
    ),
    _t(
        "Section 42 enquiry",
        "",
        "An enquiry the council must make, or ask another agency to make, under the Care Act "
        "2014 when an adult with care and support needs may be experiencing abuse or neglect. "
        "If children live with that adult, think family and consider a children's referral "
        "too.",
        ["adult-services", "health", "police", "housing"],
        aliases=["s42", "section 42", "adult safeguarding enquiry"],
    ),
    _t(
        "Sectioned",
        "",
        "The everyday word for being detained in hospital under the Mental Health Act for "
        "assessment or treatment. When a parent is detained, agencies need to know quickly "
        "who is caring for the children.",
        ["health", "adult-services", "police"],
        readings=[
            (
                "childrens-social-care",
                "In children's services, 'section' usually refers to a "
                "part of the Children Act, such as s17, s20 or s47, so 'sectioned' can cause "
                "confusion.",
            ),
            (
                "police",
                "Police have a separate power to take a person from a public place to "
                "a place of safety for a mental health assessment, which is also loosely called "
                "sectioning.",
            ),
        ],
        aliases=["detained under the Mental Health Act", "Mental Health Act detention"],
    ),
    _t(
        "SENCO",
        "special educational needs coordinator",
        "The teacher who coordinates support for pupils with SEND in a school. They often "
        "know the child and family well and work closely with the DSL.",
        ["education"],
        aliases=["SENDCO", "SENCOs"],
    ),
    _t(
        "SEND",
        "special educational needs and disabilities",
        "Learning difficulties or disabilities that make it harder for a child to learn than "
        "most children of the same age, so they need special provision. Disabled children can "
        "face extra barriers to telling someone about abuse.",
        ["education", "health", "childrens-social-care", "early-help"],
        aliases=["SEN", "special educational needs"],
    ),
    _t(
        "Seven golden rules",
        "",
        "A short set of principles in the government's information sharing advice for "
        "practitioners. In summary: data protection law supports sharing when it is needed; "
        "be open with families where it is safe; ask for advice when unsure; do not wait for "
        "consent when there is a lawful reason to share; put the child's safety first; share "
        "only what is necessary, accurately, on time and securely; and record what you "
        "decided and why.",
        ALL,
        aliases=["golden rules", "7 golden rules"],
    ),
    _t(
        "SGO",
        "special guardianship order",
        "A court order that makes a relative or other carer a child's special guardian until "
        "they are 18, with parental responsibility they can usually use without the parents' "
        "agreement. It gives a permanent home without ending the legal link to the birth "
        "parents, as adoption would.",
        ["childrens-social-care", "education", "health"],
        aliases=["special guardianship order", "special guardian", "special guardianship"],
    ),
    _t(
        "Significant harm",
        "",
        "The threshold in the Children Act 1989 that justifies compulsory action in family "
        "life, such as s47 enquiries or care proceedings. There is no fixed definition: "
        "practitioners compare the child's health and development with what could be expected "
        "of a similar child, and weigh the severity, length and impact of the harm.",
        ["childrens-social-care", "police", "health", "education", "early-help", "adult-services"],
        readings=[
            (
                "police",
                "Police may think in terms of how serious an injury is in criminal law; "
                "a child can suffer significant harm, such as through long-term neglect, without "
                "any single offence.",
            ),
            (
                "education",
                "School staff sometimes think significant harm means a visible "
                "injury; emotional harm and neglect can also reach the threshold.",
            ),
            (
                "adult-services",
                "Adult services apply the Care Act test of abuse or neglect to "
                "adults, which is not the same as the significant harm threshold for "
                "children.",
            ),
        ],
        aliases=["risk of significant harm", "likely to suffer significant harm"],
    ),
    _t(
        "Special category data",
        "",
        "Personal data that needs extra protection: health, racial or ethnic origin, religion "
        "or belief, sex life or sexual orientation, genetic and biometric data, political "
        "opinions and trade union membership. You need a lawful basis and an extra condition "
        "to use it, and the DPA 2018 provides one for safeguarding.",
        ALL,
        aliases=["special categories of data", "sensitive personal data"],
    ),
    _t(
        "Step down",
        "",
        "Moving a child's support to a lower level of need, such as from social care to early "
        "help, once risks have reduced. The move the other way is called step up, and a good "
        "handover stops a family falling between services.",
        ["childrens-social-care", "early-help", "education", "health"],
        aliases=["step-down", "stepped down", "step up", "step-up", "stepped up"],
    ),
    _t(
        "Strategy discussion",
        "",
        "A discussion, by phone, online or in person, held when there is reasonable cause to "
        "suspect a child is suffering or likely to suffer significant harm. Social care, "
        "police and health, with the referrer and others who know the child, share "
        "information and decide whether to start s47 enquiries and any criminal "
        "investigation.",
        ["childrens-social-care", "police", "health", "education", "early-help"],
        readings=[
            (
                "police",
                "Police may hear 'strategy' as their own investigation strategy; in a "
                "strategy discussion they plan the investigation jointly with social care so "
                "neither gets in the way of the other.",
            ),
            (
                "health",
                "Health staff are sometimes invited at short notice and may not realise "
                "it is a shared decision; bringing the child's health information is their key "
                "role.",
            ),
        ],
        aliases=["strategy meeting", "strategy discussions", "strategy meetings"],
    ),
    _t(
        "Supervision",
        "",
        "Regular, structured time with a supervisor to reflect on your work, test decisions "
        "and look after your wellbeing. Good safeguarding supervision helps practitioners "
        "think clearly and feel confident about sharing.",
        ALL,
        readings=[
            (
                "youth-justice",
                "In youth justice and probation, 'supervision' is also what a "
                "young person or offender receives as part of a court order.",
            ),
            (
                "childrens-social-care",
                "A supervision order is a court order that places a "
                "child under the council's supervision while they stay at home.",
            ),
            (
                "health",
                "Health staff receive safeguarding supervision from named "
                "professionals, separate from clinical or line management supervision.",
            ),
        ],
        aliases=["safeguarding supervision", "reflective supervision"],
    ),
    # T ------------------------------------------------------------------------------
    _t(
        "TAF",
        "team around the family",
        "The practitioners from different services who work with a family and meet with them "
        "to agree and review an early help plan. A lead professional coordinates it.",
        ["early-help", "education", "health", "voluntary-sector", "housing"],
        aliases=["team around the family", "TAC", "team around the child", "TAF meeting"],
    ),
    _t(
        "Temporary accommodation",
        "",
        "Housing the council arranges for a homeless household while it decides its duty or "
        "until a settled home is found. Families may move often, sometimes to another area, "
        "so schools, GPs and health visitors can lose track of a child.",
        ["housing", "health", "education", "childrens-social-care", "early-help"],
        readings=[
            (
                "education",
                "In schools, 'TA' means a teaching assistant, so spell out temporary "
                "accommodation when you share.",
            ),
        ],
        aliases=["TA", "bed and breakfast accommodation"],
    ),
    _t(
        "Think family",
        "",
        "An approach in which services see the whole family: adult services consider the "
        "children, and children's services consider the parents' own needs. It matters most "
        "where parents live with mental ill health, substance misuse or domestic abuse.",
        ALL,
        aliases=["whole family approach"],
    ),
    _t(
        "Threshold",
        "",
        "The point at which a concern calls for a different kind of response, such as a "
        "social care assessment or a child protection enquiry. Local continuums of need "
        "describe thresholds, but they guide judgement rather than replace it, and you can "
        "share information below a statutory threshold.",
        ALL,
        readings=[
            (
                "police",
                "Police may think of evidential thresholds, such as whether there is "
                "enough evidence to charge, which are different from welfare thresholds.",
            ),
            (
                "health",
                "In health, thresholds are often service acceptance criteria, such as "
                "whether CAMHS will take a referral.",
            ),
            (
                "education",
                "Schools may read 'threshold' as whether the front door will accept "
                "their referral, and a referral that is not accepted can feel like being told "
                "the worry did not matter.",
            ),
        ],
        aliases=["thresholds", "threshold of need", "statutory threshold"],
    ),
    _t(
        "THRIVE",
        "threat, harm, risk, investigation, vulnerability and engagement",
        "A model many police forces use to assess calls and incidents and decide how quickly "
        "and in what way to respond. It helps officers focus on the most vulnerable people.",
        ["police"],
        aliases=["THRIVE model"],
    ),
    _t(
        "Transition",
        "",
        "A move from one service to another, especially when a young person turns 18 and "
        "moves from children's to adult services. Risks often rise at transition, so "
        "agencies plan and share well ahead.",
        ["childrens-social-care", "adult-services", "health", "youth-justice", "education"],
        readings=[
            (
                "education",
                "In schools, 'transition' usually means moving class or school, such "
                "as from primary to secondary, when the child protection file must follow the "
                "child.",
            ),
            (
                "youth-justice",
                "In youth justice, transition means moving to the adult probation service at 18.",
            ),
            (
                "health",
                "In health, transition is the planned move from children's to adult "
                "health services, such as from CAMHS to adult mental health care.",
            ),
        ],
        aliases=["transitions", "transition to adulthood"],
    ),
    _t(
        "Trauma-informed practice",
        "",
        "Working in a way that recognises how trauma affects people's behaviour, trust and "
        "health, and avoids causing further harm. It shifts the question from what is wrong "
        "with a person to what has happened to them.",
        ALL,
        aliases=["trauma informed", "trauma-informed"],
    ),
    _t(
        "Trusted adult",
        "",
        "An adult a child feels safe with and chooses to talk to, such as a youth worker, "
        "teacher or coach. Children often tell a trusted adult first, so that person needs "
        "to know how to pass a concern on.",
        ["voluntary-sector", "education", "youth-justice", "early-help"],
        aliases=["trusted adults"],
    ),
    # U ------------------------------------------------------------------------------
    _t(
        "UK GDPR",
        "UK General Data Protection Regulation",
        "The main UK law on using personal data, kept after the UK left the EU and read "
        "alongside the DPA 2018. It sets principles such as fairness, transparency, accuracy, "
        "security and using only what is needed, and it supports sharing when there is a "
        "lawful basis.",
        ALL,
        aliases=["GDPR", "General Data Protection Regulation"],
    ),
    _t(
        "Universal services",
        "",
        "Services every child and family can use, such as GPs, health visitors, schools and "
        "early years settings. They are often the first to notice a worry and are well placed "
        "to offer early help.",
        ALL,
        aliases=["universal service"],
    ),
    # V ------------------------------------------------------------------------------
    _t(
        "Virtual school head",
        "",
        "A council officer who promotes the education of looked-after and previously "
        "looked-after children, and champions the education of children with a social "
        "worker. They work with designated teachers on each child's PEP.",
        ["education", "childrens-social-care"],
        aliases=["VSH", "virtual school", "virtual head"],
    ),
    _t(
        "ViSOR",
        "Violent and Sex Offender Register",
        "A national database that police, probation and prison services use to share "
        "information about people who pose a risk of serious harm, including registered sex "
        "offenders. It supports MAPPA.",
        ["police", "youth-justice"],
        aliases=["Violent and Sex Offender Register"],
    ),
    _t(
        "Vital interests",
        "",
        "A UK GDPR lawful basis for using personal data when it is needed to protect "
        "someone's life. It suits emergencies when the person cannot consent; for most "
        "safeguarding sharing, another basis such as public task fits better.",
        ALL,
        aliases=["vital interest"],
    ),
    _t(
        "Voice of the child",
        "",
        "The child's own views, wishes, feelings and experience, heard directly and recorded "
        "in their words. When you share about a child, include what the child says and how "
        "they seem, not only adults' views.",
        ALL,
        aliases=["child's voice", "lived experience of the child", "child's lived experience"],
    ),
    _t(
        "Vulnerable",
        "",
        "A broad word for someone who may need extra protection. Say what makes the person "
        "vulnerable and to what, because the word alone means different things in different "
        "agencies.",
        ALL,
        readings=[
            (
                "police",
                "Police use 'vulnerable' widely and it often triggers a PPN; a "
                "vulnerable person may be a victim, a witness or a suspect.",
            ),
            (
                "housing",
                "In homelessness law, vulnerability has a specific legal meaning that "
                "affects whether a single adult is in priority need.",
            ),
            (
                "adult-services",
                "Adult services now prefer 'adult at risk' to 'vulnerable "
                "adult', because the older phrase placed the problem in the person.",
            ),
        ],
        aliases=["vulnerability", "vulnerable child", "vulnerable adult"],
    ),
    # W ------------------------------------------------------------------------------
    _t(
        "Was not brought",
        "",
        "A way of recording that a child missed a health appointment, such as a dental, "
        "hospital or therapy visit. It puts the focus on the adult responsible, and a pattern "
        "of missed appointments can be a sign of neglect.",
        ["health", "early-help", "childrens-social-care", "education"],
        readings=[
            (
                "education",
                "Schools talk about absence and attendance codes; a child who was "
                "not brought to a health appointment is a separate signal worth sharing with the "
                "school nurse or GP.",
            ),
        ],
        aliases=["WNB", "was not brought policy", "not brought"],
    ),
    _t(
        "Working Together",
        "",
        "Working Together to Safeguard Children 2023 is the statutory guidance for England on "
        "how agencies should work together to protect children. It sets out the duties of the "
        "safeguarding partners and expects practitioners to share information early and "
        "confidently.",
        ALL,
        aliases=["Working Together to Safeguard Children", "Working Together 2023", "WT2023", "WTSC"],
    ),
    # Y ------------------------------------------------------------------------------
    _t(
        "YJS",
        "youth justice service",
        "The council-led team of social workers, police, probation, health and education "
        "staff who work with children aged 10 to 17 in the criminal justice system. It "
        "assesses each child, supervises court orders and out-of-court disposals and works to "
        "prevent offending.",
        ["youth-justice", "police", "childrens-social-care", "education", "health"],
        aliases=[
            "youth justice service",
            "YOT",
            "youth offending team",
            "YOS",
            "youth offending service",
            "youth justice team",
        ],
    ),
    _t(
        "Young carer",
        "",
        "A child who looks after a family member who is ill, disabled, has a mental health "
        "condition or misuses drugs or alcohol. Councils must assess a young carer's needs "
        "when asked, and adult services should ask who helps at home.",
        ["adult-services", "education", "health", "early-help", "voluntary-sector", "childrens-social-care"],
        aliases=["young carers", "young carer's assessment"],
    ),
    _t(
        "YRO",
        "youth rehabilitation order",
        "A community sentence for a child that can include requirements such as supervision, "
        "a curfew, activities or treatment. The youth justice service supervises it and "
        "reports back to the court.",
        ["youth-justice"],
        aliases=["youth rehabilitation order", "YROs"],
    ),
]


def _sentences(text):
    """Rough sentence count: splits after . ! ? followed by a space."""
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def check(terms=TERMS):
    """Validate the list; returns a short report dict. Raises AssertionError on problems."""
    import re

    assert len(terms) >= 130, f"only {len(terms)} terms"
    keys = {"term", "expansion", "meaning", "agencies", "readings", "aliases"}
    seen = {}
    for entry in terms:
        assert set(entry) == keys, (entry.get("term"), set(entry) ^ keys)
        term = entry["term"]
        folded = term.casefold()
        assert folded not in seen, f"duplicate term {term!r}"
        seen[folded] = term
        assert entry["meaning"].strip().endswith("."), term
        n = len(_sentences(entry["meaning"]))
        assert 1 <= n <= 3, f"{term}: meaning has {n} sentences"
        assert entry["agencies"], f"{term}: no agencies"
        assert len(set(entry["agencies"])) == len(entry["agencies"]), f"{term}: repeated agency"
        for slug in entry["agencies"]:
            assert slug in AGENCY_SLUGS, f"{term}: unknown agency {slug}"
        for reading in entry["readings"]:
            assert set(reading) == {"agency", "reading"}, term
            assert reading["agency"] in AGENCY_SLUGS, f"{term}: unknown agency in reading"
            n = len(_sentences(reading["reading"]))
            assert 1 <= n <= 2, f"{term}: reading has {n} sentences"
    # Sorted alphabetically, ignoring case.
    folded_terms = [t["term"].casefold() for t in terms]
    assert folded_terms == sorted(folded_terms), "TERMS is not sorted: " + next(
        f"{a!r} before {b!r}" for a, b in zip(folded_terms, folded_terms[1:], strict=False) if a > b
    )
    # Aliases: unique across the whole list and never another entry's term.
    alias_owner = {}
    for entry in terms:
        for alias in entry["aliases"]:
            folded = alias.casefold()
            assert folded != entry["term"].casefold(), f"{entry['term']}: alias repeats term"
            assert folded not in seen, f"alias {alias!r} of {entry['term']!r} is a term"
            assert folded not in alias_owner, (
                f"alias {alias!r} used by {alias_owner.get(folded)!r} and {entry['term']!r}"
            )
            alias_owner[folded] = entry["term"]
    # Required terms from the issue.
    required = [
        "MASH",
        "DSL",
        "s17",
        "s47",
        "strategy discussion",
        "CIN",
        "CP plan",
        "LADO",
        "MARAC",
        "MAPPA",
        "early help assessment",
        "threshold",
        "was not brought",
        "Gillick competence",
        "lawful basis",
    ]
    missing = [r for r in required if r.casefold() not in seen]
    assert not missing, f"missing required terms: {missing}"
    with_readings = [t["term"] for t in terms if t["readings"]]
    assert len(with_readings) >= 25, f"only {len(with_readings)} terms with readings"
    # Nothing that looks like a phone number, email address or web address.
    phone = re.compile(r"\d[\d\s-]{6,}\d")
    for entry in terms:
        blob = " ".join(
            [entry["term"], entry["expansion"], entry["meaning"], *entry["aliases"]]
            + [r["reading"] for r in entry["readings"]]
        )
        assert not phone.search(blob), f"{entry['term']}: looks like a phone number"
        assert "@" not in blob and "http" not in blob.lower(), entry["term"]
    per_agency = {slug: sum(slug in t["agencies"] for t in terms) for slug in AGENCY_SLUGS}
    assert min(per_agency.values()) >= 25, per_agency
    return {
        "terms": len(terms),
        "with_readings": len(with_readings),
        "readings": sum(len(t["readings"]) for t in terms),
        "acronyms": sum(bool(t["expansion"]) for t in terms),
        "aliases": len(alias_owner),
        "per_agency": per_agency,
    }


if __name__ == "__main__":
    report = check()
    print(
        f"glossary OK: {report['terms']} terms, {report['acronyms']} with expansions, "
        f"{report['aliases']} aliases"
    )
    print(f"  {report['with_readings']} terms carry {report['readings']} agency readings")
    print("  terms per agency: " + ", ".join(f"{k} {v}" for k, v in report["per_agency"].items()))
