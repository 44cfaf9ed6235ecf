"""The canonical taxonomy, as (slug, name, description) rows.

Seeded by migration and kept editable in the admin. Slugs never change once
published: they are in bookmarked URLs and in partners' import files.
"""

AGENCIES = [
    (
        "childrens-social-care",
        "Children's social care",
        "Local authority children's services, including the MASH and front door.",
    ),
    ("early-help", "Early help", "Early help and family support services."),
    ("police", "Police", "Police forces, including public protection units."),
    (
        "health",
        "Health",
        "GPs, hospitals and A&E, health visiting, midwifery, school nursing, mental health, ambulance.",
    ),
    ("education", "Education", "Schools, designated safeguarding leads, early years settings, colleges."),
    ("youth-justice", "Youth justice and probation", "Youth offending teams and probation."),
    ("housing", "Housing", "Housing providers and homelessness services."),
    ("voluntary-sector", "Voluntary and community sector", "Charities and community organisations."),
    (
        "adult-services",
        "Adult services",
        "Adult mental health, substance misuse and domestic abuse services.",
    ),
]

JOURNEY_STAGES = [
    ("universal-services", "Universal services", "Everyday services every child uses."),
    ("consultation", "Consultation", "Advice line or anonymised consultation before any referral."),
    ("referral", "Referral", "The front door or multi-agency safeguarding hub (MASH)."),
    ("early-help", "Early help", "Coordinated early help support."),
    ("child-in-need", "Child in need", "Section 17 support."),
    ("child-protection", "Child protection", "Section 47 enquiry, conference and plan."),
    ("looked-after", "Looked after", "Children in the care of the local authority."),
    ("step-down", "Step down", "Moving from statutory support back to early help or universal services."),
]

CONCERN_TYPES = [
    ("neglect", "Neglect", ""),
    ("domestic-abuse", "Domestic abuse", ""),
    ("physical-abuse", "Physical abuse", ""),
    ("emotional-abuse", "Emotional abuse", ""),
    ("child-sexual-exploitation", "Child sexual exploitation", ""),
    ("child-criminal-exploitation", "Child criminal exploitation", ""),
    ("online-harm", "Online harm", ""),
    ("fgm", "Female genital mutilation (FGM)", ""),
    ("parental-mental-health", "Parental mental health", ""),
    ("parental-substance-misuse", "Parental substance misuse", ""),
    ("was-not-brought", "Was not brought", "Missed health or other appointments."),
    ("pre-birth", "Pre-birth", "Concerns identified before a baby is born."),
    ("school-absence", "School absence", ""),
]

EVIDENCE_TYPES = [
    (
        "practitioner-account",
        "Practitioner account",
        "One practitioner's first-hand account. It shows what worked in one situation; "
        "it does not show that the same approach works generally.",
    ),
    (
        "service-evaluation",
        "Service evaluation",
        "A local evaluation of a service, usually without a comparison group, so changes "
        "may have other causes.",
    ),
    (
        "pilot",
        "Pilot",
        "A time-limited trial of a new way of working in one place. Well-liked pilots "
        "have sometimes shown no effect when tested more rigorously.",
    ),
    (
        "comparison-study",
        "Comparison study",
        "Compares areas or groups with and without the approach; stronger than a pilot, "
        "but the groups may differ in other ways.",
    ),
    (
        "randomised-trial",
        "Randomised trial",
        "Groups allocated at random: the strongest test of whether an approach causes an effect.",
    ),
]

AREAS = [
    ("national", "National"),
    ("newham", "Newham"),
    ("leeds", "Leeds"),
    ("sheffield", "Sheffield"),
    ("northumberland", "Northumberland"),
    ("hertfordshire", "Hertfordshire"),
    ("durham", "Durham"),
    ("norfolk", "Norfolk"),
    ("cheshire-west-and-chester", "Cheshire West and Chester"),
    ("manchester", "Manchester"),
    ("newcastle-upon-tyne", "Newcastle upon Tyne"),
    ("bristol", "Bristol"),
    ("birmingham", "Birmingham"),
]

THEMES = [
    ("consent", "Consent"),
    ("gdpr-confidence", "GDPR confidence"),
    ("feedback-to-referrer", "Feedback to referrer"),
    ("thresholds", "Thresholds"),
    ("shared-language", "Shared language"),
    ("trust-and-relationships", "Trust and relationships"),
    ("co-location", "Co-location"),
    ("professional-hierarchy", "Professional hierarchy"),
    ("fear-of-blame", "Fear of blame"),
    ("information-overload", "Information overload"),
    ("think-family", "Think family"),
    ("voice-of-the-child", "Voice of the child"),
    ("cross-border", "Cross-border"),
    ("low-level-concerns", "Low-level concerns"),
    ("staff-turnover", "Staff turnover"),
    ("shadowing", "Shadowing"),
    ("supervision", "Supervision"),
]
