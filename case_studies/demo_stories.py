"""Twelve demo case studies, written in our own words from the source reports' themes.

They are fictional composites: pseudonyms only, areas at local-authority level, no dates.
"""

STORIES = [
    {
        "title": "A dental nurse's missed-appointment call that reached the right people",
        "slug": "dental-missed-appointments",
        "summary": "After Child A was not brought to three dental appointments, the dental team used a "
        "simple pathway to tell the school nurse and the family's GP. Nobody had to guess "
        "whether it was 'serious enough'.",
        "area": "sheffield",
        "year": 2019,
        "stage": "universal-services",
        "agencies": ["health", "education", "early-help"],
        "concerns": ["was-not-brought", "neglect"],
        "themes": ["low-level-concerns", "feedback-to-referrer", "thresholds"],
        "consent": "consent-given",
        "evidence": "pilot",
        "limitations": "An eight-month local pilot. It tracked 91 children who missed appointments and "
        "information was shared in 25 cases; it did not compare outcomes with children "
        "outside the pathway.",
        "outcome": "Child A's decay was treated, the family got help with transport through early help, "
        "and the school nurse now checks in each term.",
        "situation": "Child A, aged 7, had severe tooth decay and had not been brought to three "
        "appointments. Before the pathway, the dental practice would have discharged the "
        "child after the third missed visit.",
        "what": "That Child A had been not brought to three appointments, the clinical need, and that "
        "the parent had said travel was difficult.",
        "with_whom": "the school nurse and the family's GP",
        "how": ["secure-email", "phone-call"],
        "basis": "Sharing with the child's health professionals for their direct care; the parent was "
        "told what would be shared and why.",
        "consent_notes": "The parent agreed once it was explained that the aim was support, not blame.",
        "worked": "A one-page pathway agreed by dental, school nursing and early help, so the dental nurse "
        "knew exactly who to tell and what to say.",
        "learning": [
            "Say 'was not brought' rather than 'did not attend': the child cannot bring themselves.",
            "A named contact at each step removes the worry about whether a concern is big enough.",
            "Tell the referrer what happened next; it keeps the pathway alive.",
        ],
        "reflection": (
            "I used to feel I was telling tales. Now I know it is part of looking after the "
            "child's health, and I hear back what happened.",
            "Dental nurse",
            "Community dental service",
        ),
        "review_offset_days": -20,
    },
    {
        "title": "Two weeks in the MASH changed how a police officer shares",
        "slug": "police-shadowing-in-the-mash",
        "summary": "A new police officer spent a fortnight shadowing social workers before joining the "
        "multi-agency safeguarding hub. When a domestic abuse call came in, they knew what "
        "the social worker needed and why.",
        "area": "newham",
        "year": 2022,
        "stage": "referral",
        "agencies": ["police", "childrens-social-care"],
        "concerns": ["domestic-abuse"],
        "themes": ["shadowing", "co-location", "shared-language"],
        "consent": "not-sought-risk",
        "evidence": "practitioner-account",
        "limitations": "One officer's account of one case; it shows what shadowing made possible, not how "
        "often it does.",
        "outcome": "A safety plan was in place within a day and Child B and their mother moved to a refuge "
        "with school places kept open.",
        "situation": "Police attended a domestic abuse incident where a 9-year-old had been in the room. "
        "The officer had joined the hub a month earlier after shadowing social workers.",
        "what": "The incident details, previous call-outs at the address and the risk assessment.",
        "with_whom": "the hub's social worker and the school's designated safeguarding lead",
        "how": ["shared-system", "strategy-discussion"],
        "basis": "Public task and safeguarding duties under the Children Act; sharing was necessary and "
        "proportionate to protect the child.",
        "consent_notes": "Consent was not sought from the father because asking would have increased the "
        "risk to the child and mother.",
        "worked": "The officer already knew the social workers by name and understood what "
        "'proportionate' meant to them, so the conversation took minutes, not days.",
        "learning": [
            "Shadowing before joining a co-located team builds trust faster than any protocol.",
            "Knowing the other service's thresholds stops over- and under-referral.",
        ],
        "reflection": (
            "Before the shadowing I'd have sent a form and hoped. This time I picked up the "
            "phone to someone I knew.",
            "Detective constable",
            "Public protection unit",
        ),
        "review_offset_days": 300,
    },
    {
        "title": "Sharing without consent for a 17-year-old, and keeping his trust",
        "slug": "seventeen-year-old-without-consent",
        "summary": "Young Person C, aged 17, did not want his youth justice worker to tell anyone he was "
        "being pressured to carry drugs. The worker shared anyway, told him why, and kept "
        "working with him.",
        "area": "leeds",
        "year": 2021,
        "stage": "child-in-need",
        "agencies": ["youth-justice", "police", "voluntary-sector"],
        "concerns": ["child-criminal-exploitation"],
        "themes": ["consent", "gdpr-confidence", "voice-of-the-child"],
        "consent": "consent-refused",
        "evidence": "practitioner-account",
        "limitations": "One worker's account. It shows that sharing without consent need not end a "
        "relationship; it does not show that it never will.",
        "outcome": "He was moved out of reach of the group exploiting him, stayed in college and kept "
        "seeing his worker.",
        "situation": "Young Person C disclosed that older men were making him carry packages. He asked the "
        "worker to keep it secret because he feared what would happen if police knew.",
        "what": "The exploitation concern and the places he had been sent to.",
        "with_whom": "the police exploitation team and a voluntary sector mentoring service",
        "how": ["multi-agency-meeting", "secure-email"],
        "basis": "Data protection law allows sharing without consent where it is needed to protect "
        "someone from serious harm. The worker recorded the decision and the reasons.",
        "consent_notes": "Consent was sought and refused. The worker explained to him, before sharing, "
        "what would be shared, with whom, and why.",
        "worked": "Being honest with him before sharing, and a mentor from a charity he trusted who "
        "stayed alongside him.",
        "learning": [
            "Refused consent is a reason to think carefully, not a reason never to share.",
            "Record the decision, the reason and who you told.",
            "Tell the young person yourself; hearing it from someone else breaks trust.",
        ],
        "reflection": None,
        "review_offset_days": 15,
    },
    {
        "title": "A housing officer's worry about a flat became whole-family support",
        "slug": "housing-officer-whole-family",
        "summary": "On a repair visit a housing officer noticed signs that a parent was struggling with "
        "alcohol and the children were caring for them. A think-family referral joined up "
        "housing, adult services and early help.",
        "area": "durham",
        "year": 2020,
        "stage": "early-help",
        "agencies": ["housing", "adult-services", "early-help"],
        "concerns": ["parental-substance-misuse", "neglect"],
        "themes": ["think-family", "trust-and-relationships"],
        "consent": "consent-given",
        "evidence": "service-evaluation",
        "limitations": "Drawn from a local evaluation without a comparison group; improvements may have "
        "had other causes.",
        "outcome": "Father D started treatment, the rent arrears were put on a plan and the two children "
        "joined a young carers group.",
        "situation": "The housing officer saw little food, empty bottles and two children doing the "
        "household tasks on a school day.",
        "what": "What the officer had seen on the visit and the rent arrears.",
        "with_whom": "the early help hub and the adult substance misuse service",
        "how": ["referral-form", "multi-agency-meeting"],
        "basis": "The father agreed to the referral after the officer explained the help available.",
        "consent_notes": "Consent was given for housing and adult services to share with early help.",
        "worked": "The officer had been to a joint briefing and knew that early help was not 'reporting' "
        "the family.",
        "learning": [
            "Think family: adult services and housing often see children first.",
            "Explaining what help looks like makes consent much more likely.",
        ],
        "reflection": None,
        "review_offset_days": 200,
    },
    {
        "title": "A school's chronology of small worries, shared through the advice line",
        "slug": "school-chronology-advice-line",
        "summary": "A designated safeguarding lead noticed a pattern in small concerns about Child E and "
        "rang the front door's consultation line without names first. The advice helped "
        "the school act at the right level.",
        "area": "hertfordshire",
        "year": 2023,
        "stage": "consultation",
        "agencies": ["education", "health", "early-help"],
        "concerns": ["emotional-abuse", "school-absence"],
        "themes": ["low-level-concerns", "thresholds", "information-overload"],
        "consent": "consent-given",
        "evidence": "practitioner-account",
        "limitations": "One school's account; consultation lines vary between areas.",
        "outcome": "Child E's attendance rose and the family accepted support for a parent's anxiety.",
        "situation": "Several staff had logged small worries about Child E: lateness, tiredness, "
        "comments about home. None alone seemed enough to refer.",
        "what": "An anonymised summary of the chronology during the consultation; later, with the "
        "parent's agreement, the full chronology.",
        "with_whom": "the consultation line social worker, then the school nurse and early help",
        "how": ["phone-call", "referral-form"],
        "basis": "An anonymised consultation needs no consent; the later referral was made with consent.",
        "consent_notes": "The parent agreed to the early help referral.",
        "worked": "A single chronology instead of scattered notes, and a consultation line that "
        "answered quickly without judgement.",
        "learning": [
            "A chronology turns many small worries into a picture.",
            "Anonymised consultation is a safe first step when unsure.",
        ],
        "reflection": (
            "Ringing without names first meant I could think out loud with someone who knew the thresholds.",
            "Designated safeguarding lead",
            "Secondary school",
        ),
        "review_offset_days": 400,
    },
    {
        "title": "Pre-birth planning when a parent's mental health was fragile",
        "slug": "pre-birth-mental-health",
        "summary": "A midwife, an adult mental health nurse and a social worker planned together before "
        "Baby F was born, so support was in place from the first day rather than after a crisis.",
        "area": "norfolk",
        "year": 2022,
        "stage": "child-protection",
        "agencies": ["health", "adult-services", "childrens-social-care"],
        "concerns": ["pre-birth", "parental-mental-health"],
        "themes": ["think-family", "information-overload", "trust-and-relationships"],
        "consent": "consent-given",
        "evidence": "service-evaluation",
        "limitations": "From a service evaluation of pre-birth meetings; no comparison group.",
        "outcome": "Mother G was supported at home with Baby F; the plan stepped down to child in need "
        "after six months.",
        "situation": "Mother G had a history of severe depression and had stopped her medication. Each "
        "service held part of the history.",
        "what": "Relevant mental health history, the birth plan and who to call out of hours.",
        "with_whom": "the midwife, health visitor, adult mental health team and social worker",
        "how": ["multi-agency-meeting", "shared-system"],
        "basis": "Sharing for the care of the mother and unborn baby, with her agreement.",
        "consent_notes": "Mother G agreed, and helped write the plan.",
        "worked": "Meeting before the birth, with the mother in the room for most of it, and sharing only "
        "what mattered for the plan.",
        "learning": [
            "Share what is relevant, not everything: information overload hides risk.",
            "Plans made with parents are plans parents follow.",
        ],
        "reflection": None,
        "review_offset_days": 120,
    },
    {
        "title": "Next-school-day notice after a domestic abuse call",
        "slug": "next-school-day-notice",
        "summary": "Police let the school know, before the start of the next school day, that Child H had "
        "been present at a domestic abuse incident overnight. The school was ready to support them.",
        "area": "cheshire-west-and-chester",
        "year": 2021,
        "stage": "universal-services",
        "agencies": ["police", "education"],
        "concerns": ["domestic-abuse"],
        "themes": ["feedback-to-referrer", "trust-and-relationships", "gdpr-confidence"],
        "consent": "not-sought-risk",
        "evidence": "comparison-study",
        "limitations": "Comparison studies of such schemes show better-prepared schools; evidence on "
        "children's longer-term outcomes is limited.",
        "outcome": "Child H had a quiet space and a trusted adult that morning, and later joined a group "
        "for children affected by domestic abuse.",
        "situation": "Police attended an incident at home late at night. Child H, aged 10, was present.",
        "what": "That an incident had happened and the child was present; not the full details.",
        "with_whom": "the school's designated safeguarding lead",
        "how": ["secure-email"],
        "basis": "An agreed information sharing protocol between the police force and schools.",
        "consent_notes": "Consent was not sought from the parents because it could have increased risk.",
        "worked": "A short, agreed message sent early, and staff trained in what to do with it.",
        "learning": [
            "Minimal, timely information can be more useful than a full report later.",
            "Schools need to know what to do with what they receive.",
        ],
        "reflection": None,
        "review_offset_days": -5,
    },
    {
        "title": "Keeping the thread when a family moved between areas",
        "slug": "family-moved-between-areas",
        "summary": "When a family on a child protection plan moved across a local authority boundary, "
        "a health visitor made sure the new area's team had the history before the family "
        "arrived.",
        "area": "northumberland",
        "year": 2020,
        "stage": "child-protection",
        "agencies": ["childrens-social-care", "health", "housing"],
        "concerns": ["neglect"],
        "themes": ["cross-border", "staff-turnover"],
        "consent": "consent-refused",
        "evidence": "practitioner-account",
        "limitations": "One practitioner's account of a single move.",
        "outcome": "The new area held a transfer-in conference within two weeks and the plan continued "
        "without a gap.",
        "situation": "The family moved at short notice to temporary housing in another area, and the "
        "social worker had just left post.",
        "what": "The child protection plan, health records and the temporary address.",
        "with_whom": "the receiving area's children's services and health visiting team",
        "how": ["phone-call", "secure-email"],
        "basis": "Safeguarding duties apply across boundaries; transfer of a child protection plan is "
        "expected practice.",
        "consent_notes": "The parents did not agree, and were told the information would be shared "
        "because the children were at risk of significant harm.",
        "worked": "A health visitor who knew the family and picked up the phone, and a housing team who "
        "shared the new address quickly.",
        "learning": [
            "Staff turnover is when things fall through gaps: name who owns the handover.",
            "Boundaries are administrative; risk is not.",
        ],
        "reflection": None,
        "review_offset_days": 60,
    },
    {
        "title": "An online grooming concern shared without fear of blame",
        "slug": "online-grooming-concern",
        "summary": "A teacher noticed worrying messages on a pupil's screen and worried they had handled it "
        "wrongly by looking. Quick advice and a no-blame culture meant the concern reached police "
        "the same day.",
        "area": "manchester",
        "year": 2023,
        "stage": "referral",
        "agencies": ["education", "police", "voluntary-sector"],
        "concerns": ["online-harm", "child-sexual-exploitation"],
        "themes": ["fear-of-blame", "gdpr-confidence"],
        "consent": "consent-given",
        "evidence": "practitioner-account",
        "limitations": "A single account; the outcome depended on a quick police response.",
        "outcome": "An adult was identified and stopped from contacting Child J, who had support from a "
        "specialist charity.",
        "situation": "Child J, aged 13, had messages from an unknown adult asking to meet.",
        "what": "What the teacher saw and when; the device itself was not searched by school staff.",
        "with_whom": "the designated safeguarding lead, then the police and a specialist charity",
        "how": ["phone-call", "referral-form"],
        "basis": "Safeguarding a child from serious harm; the parent was told and agreed.",
        "consent_notes": "The parent agreed to the referral to the charity.",
        "worked": "A head teacher who thanked the teacher for raising it, rather than asking why they had "
        "looked.",
        "learning": [
            "Fear of getting it wrong delays sharing; leaders set the tone.",
            "Record what you saw, not what you guess.",
        ],
        "reflection": None,
        "review_offset_days": 500,
    },
    {
        "title": "A GP, a school and a specialist nurse working on an FGM risk",
        "slug": "fgm-risk-joint-working",
        "summary": "A GP learned that an older sister had undergone FGM. Working with the school and a "
        "specialist nurse, the practice made sure the younger sister was protected before a "
        "planned trip abroad.",
        "area": "birmingham",
        "year": 2019,
        "stage": "child-protection",
        "agencies": ["health", "education", "police"],
        "concerns": ["fgm"],
        "themes": ["professional-hierarchy", "consent", "shared-language"],
        "consent": "not-sought-risk",
        "evidence": "practitioner-account",
        "limitations": "One case; FGM protection orders and practice differ between areas.",
        "outcome": "A protection order was granted and Child K stayed safe; the family later engaged with "
        "a community support worker.",
        "situation": "During a consultation, a GP learned that an older sibling had undergone FGM and that "
        "a long trip was planned for the summer holidays.",
        "what": "The family history of FGM and the planned travel.",
        "with_whom": "children's social care, the police and the school",
        "how": ["strategy-discussion", "secure-email"],
        "basis": "Protecting a child from significant harm; FGM is a crime and a form of child abuse.",
        "consent_notes": (
            "Consent was not sought because it could have led to the trip being brought forward."
        ),
        "worked": "A practice nurse felt able to challenge the assumption that 'the GP will deal with it', "
        "and a specialist nurse advised on language.",
        "learning": [
            "Anyone can raise a concern, whatever their grade.",
            "Use plain, respectful language with families.",
        ],
        "reflection": None,
        "review_offset_days": -60,
    },
    {
        "title": "Stepping down with a warm handover, and telling the school what happened",
        "slug": "step-down-warm-handover",
        "summary": "When a child in need plan ended, the social worker, the early help worker and the "
        "school met with the family so nothing was lost, and the school finally heard what "
        "had come of its referral.",
        "area": "bristol",
        "year": 2022,
        "stage": "step-down",
        "agencies": ["childrens-social-care", "early-help", "education"],
        "concerns": ["neglect"],
        "themes": ["feedback-to-referrer", "supervision", "trust-and-relationships"],
        "consent": "consent-given",
        "evidence": "service-evaluation",
        "limitations": "From a local service evaluation; families who agreed to joint meetings may differ "
        "from those who did not.",
        "outcome": "The family kept going with early help, and the children's attendance and health "
        "checks stayed on track a year later.",
        "situation": "Children's social care was closing its involvement after a year of support for "
        "neglect. The school had referred but had heard little since.",
        "what": "The plan's progress, what still worried people, and the early help offer.",
        "with_whom": "the early help worker, the school and the family",
        "how": ["multi-agency-meeting"],
        "basis": "Shared with the family's agreement as part of the step-down plan.",
        "consent_notes": "The parents agreed and attended the meeting.",
        "worked": (
            "A face-to-face handover instead of a closure letter, and supervision that made time for it."
        ),
        "learning": [
            "Feedback to referrers keeps them referring appropriately.",
            "Step-down works best as a handover between people, not files.",
        ],
        "reflection": (
            "For once we weren't left wondering. We knew what we were watching for and who to call.",
            "Deputy head",
            "Primary school",
        ),
        "review_offset_days": 250,
    },
    {
        "title": "A looked-after young person's health worker joins the team around him",
        "slug": "looked-after-health-worker",
        "summary": "Young Person L, in care and caught up in county lines, trusted his mental health "
        "worker more than anyone. Bringing her into the planning changed what the plan could do.",
        "area": "newcastle-upon-tyne",
        "year": 2021,
        "stage": "looked-after",
        "agencies": ["youth-justice", "health", "childrens-social-care"],
        "concerns": ["child-criminal-exploitation", "emotional-abuse"],
        "themes": ["trust-and-relationships", "shared-language", "voice-of-the-child"],
        "consent": "not-competent",
        "evidence": "pilot",
        "limitations": "From a small pilot of joint planning meetings; no comparison with usual practice.",
        "outcome": "He went missing far less often and moved to a placement near his college.",
        "situation": "Young Person L, aged 14, kept going missing. Each service had a different view of why.",
        "what": "What he had told each worker about where he went and who he was with.",
        "with_whom": "his social worker, youth justice worker and mental health worker",
        "how": ["multi-agency-meeting", "shared-system"],
        "basis": "His corporate parent's duty to safeguard him; the mental health worker shared what was "
        "necessary and explained this to him.",
        "consent_notes": "He was judged not to have capacity for this decision at the time; his views were "
        "recorded and shaped the plan.",
        "worked": "Agreeing words for the risks that all three services used the same way.",
        "learning": [
            "Ask who the young person trusts, and bring them in.",
            "Agree shared language for risk early.",
        ],
        "reflection": None,
        "review_offset_days": 330,
    },
]
