"""Six demo champions and ten stories, written in our own words from the source reports' themes.

Everything here is fictional. The champions are invented people (the demo Champion account,
champion@example.org, owns the first profile; the others get fictional accounts that nobody
signs in as). The stories are composites: pseudonyms only ("Child A"), areas at local-authority
level, no dates, ages, addresses, schools or phone numbers, so every live one passes the
anonymisation check as written.

A profile's address is its role and area, never the champion's name: the slug is published
and scanned like the rest of the page, and a champion who shows only their first name must
not have their surname in the address.

A story's ``state`` is what the demo leaves it in: ``live`` (published through the check),
``moderation`` (submitted to the "Champion review" workflow by its champion), ``changes``
(submitted, then sent back by the demo Editor with ``editor_comment``) or ``draft``.
"""

# Put before the consent statement the real service shows (consent.CONSENT_WORDING).
DEMO_CONSENT_PREFIX = "Demo content: a fictional champion. The statement a real champion agrees to: "

FICTIONAL_ACCOUNT_NOTE = " (fictional demo account)"

DEMO_CHAMPION_EMAIL = "champion@example.org"

CHAMPIONS = [
    {
        "slug": "named-nurse-sheffield",
        "email": DEMO_CHAMPION_EMAIL,  # the demo Champion (cms/users/demo.py)
        "name": "Jo Marsden",
        "first_name_only": False,
        "job_title": "Named nurse for safeguarding children",
        "agency": "health",
        "area": "sheffield",
        "help_with": (
            "Questions from schools, early help and social care about what health colleagues can share "
            "and when. I can explain when a GP or health visitor can share without a parent's agreement "
            "to protect a child, how to ask a health colleague for information in a way that makes it "
            "easy for them to say yes, and what a pattern of missed appointments can tell you."
        ),
        "topics": ["consent", "gdpr-confidence", "low-level-concerns"],
        "cover": "front-door-manager-manchester",
    },
    {
        "slug": "detective-sergeant-leeds",
        "email": "demo-champion-police@example.org",
        "account_name": "Dev (demo champion)",
        "name": "Dev Okafor",
        "first_name_only": False,
        "job_title": "Detective sergeant, public protection unit",
        "agency": "police",
        "area": "leeds",
        "help_with": (
            "What the police can tell a school or health visitor after a call-out where children live, "
            "and how quickly. How the police decide to refer to the front door, what happens to the "
            "information after that, and how to raise a worry about exploitation with us when you are "
            "not sure it is a crime yet. Ask me anything about police jargon."
        ),
        "topics": ["thresholds", "shared-language", "trust-and-relationships"],
        "cover": "front-door-manager-manchester",
    },
    {
        "slug": "safeguarding-lead-hertfordshire",
        "email": "demo-champion-education@example.org",
        "account_name": "Amira (demo champion)",
        "name": "Amira Haddad",
        "first_name_only": False,
        "job_title": "Designated safeguarding lead, secondary school",
        "agency": "education",
        "area": "hertfordshire",
        "help_with": (
            "When a school can share with health or social care, and when to talk to the family first. "
            "How to write down small worries so that a pattern shows, what a designated safeguarding "
            "lead needs from other agencies, and how to handle it when an older student asks you not to "
            "tell anyone."
        ),
        "topics": ["low-level-concerns", "consent", "voice-of-the-child"],
        "cover": "named-nurse-sheffield",
    },
    {
        "slug": "front-door-manager-manchester",
        "email": "demo-champion-social-care@example.org",
        "account_name": "Tom (demo champion)",
        "name": "Tom Whitfield",
        "first_name_only": False,
        "job_title": "Team manager, front door and MASH",
        "agency": "childrens-social-care",
        "area": "manchester",
        "help_with": (
            "How a referral to the front door or MASH works and what makes a good one. What a threshold "
            "means in practice, how to ask for a consultation before you decide to refer, why you might "
            "not hear back after a referral, and how to ask for feedback so you do."
        ),
        "topics": ["thresholds", "feedback-to-referrer", "shared-language"],
        "cover": "detective-sergeant-leeds",
    },
    {
        "slug": "early-help-coordinator-bristol",
        "email": "demo-champion-early-help@example.org",
        "account_name": "Rosa (demo champion)",
        "name": "Rosa Lindqvist",
        "first_name_only": True,  # the privacy option: the site shows "Rosa"
        "job_title": "Early help coordinator",
        "agency": "early-help",
        "area": "bristol",
        "help_with": (
            "Asking a family for their agreement to share, in words they understand, and what to do if "
            "they say no. Young people who are nearly adults and do not want their information passed "
            "on. Who sees an early help assessment, and how to step a family down from social care "
            "without losing what everyone knows."
        ),
        "topics": ["consent", "think-family", "voice-of-the-child"],
        "cover": "housing-safeguarding-lead-durham",
    },
    {
        "slug": "housing-safeguarding-lead-durham",
        "email": "demo-champion-housing@example.org",
        "account_name": "Kwame (demo champion)",
        "name": "Kwame Mensah",
        "first_name_only": False,
        "job_title": "Safeguarding lead, housing services",
        "agency": "housing",
        "area": "durham",
        "help_with": (
            "What housing officers notice on a home visit and who to tell. Sharing what we know about a "
            "household with children's services under the data protection rules, and being invited to "
            "a multi-agency meeting when you are not sure housing belongs there (it usually does)."
        ),
        "topics": ["gdpr-confidence", "think-family", "professional-hierarchy"],
        "cover": "early-help-coordinator-bristol",
    },
]

STORIES = [
    # -- the demo Champion's: one of each state, for their dashboard and the Editor's queue --
    {
        "slug": "asking-a-parent-first",
        "champion": "named-nurse-sheffield",
        "state": "live",
        "title": "Asking a parent first, and saying why",
        "summary": (
            "A health visitor was worried about a baby's weight and wanted to talk to the nursery. "
            "We asked the parent first and explained exactly why; she agreed, and the nursery became "
            "part of the answer."
        ),
        "body": [
            "A health visitor in my team rang me because a baby she visits, Baby A, had stopped gaining "
            "weight. Baby A went to a nursery three days a week, and she wanted to know what the nursery "
            "saw at mealtimes. Her first question to me was whether she was allowed to ask.",
            "We talked it through. Sharing to protect a child's health is something we can do, and we "
            "could have done it without agreement if asking would have put Baby A at risk. It would not: "
            "the parent was worried too. So the better route was to ask her, and to be specific. The "
            "health visitor told her what she wanted to share (the weight chart and her worry), who with "
            "(the nursery manager), and why (so that everyone feeding Baby A knew what to look for).",
            "The parent said yes straight away. She told us later that she had been afraid of being "
            "judged, and that being asked made her feel part of it rather than watched.",
            "The nursery noticed that Baby A ate far better in the mornings, which helped the "
            "dietitian. Within a couple of months the weight was back on track.",
            "What I take from it: being clear about the legal basis gave the health visitor the "
            "confidence to ask, not a reason to hold back. Consent is not the only way to share, but "
            "when it is safe to ask, asking well builds trust.",
        ],
        "area": "sheffield",
        "agencies": ["health", "education"],
        "stage": "universal-services",
        "concerns": ["neglect"],
        "themes": ["consent", "gdpr-confidence", "trust-and-relationships"],
    },
    {
        "slug": "the-third-missed-appointment",
        "champion": "named-nurse-sheffield",
        "state": "moderation",
        "title": "The third missed appointment",
        "summary": (
            "A child was not brought to three hospital appointments. Instead of a discharge letter, the "
            "clinic told the school nurse and the GP, and the family got help with getting there."
        ),
        "body": [
            "Child B needed regular check-ups at a hospital clinic for a long-term condition. After the "
            "third appointment in a row where Child B was not brought, the clinic's usual step would "
            "have been a letter discharging them back to the GP.",
            "The clinic nurse rang me first. We agreed that a child cannot bring themselves, so the "
            "question was not about the child's attendance but about what was getting in the way. "
            "With the parent's knowledge, she shared the missed appointments and the clinical risk with "
            "the school nurse and the GP, using our secure email.",
            "The school nurse already knew the family. She knew the parent worked shifts and had no car, "
            "and that there was a younger sibling at home. None of that was in the hospital notes. The "
            "GP arranged for the next check-up to be at the local health centre, and early help found "
            "a volunteer driver for the appointments that had to be at the hospital.",
            "Child B has not missed one since. The parent said it was the first time anyone had asked "
            "why rather than told her off.",
            "For me the learning is about who holds which piece. The hospital knew the risk, the school "
            "nurse knew the family, and neither would have known what the other knew without a phone "
            "call and a short, secure email.",
        ],
        "area": "sheffield",
        "agencies": ["health", "early-help"],
        "stage": "universal-services",
        "concerns": ["was-not-brought", "neglect"],
        "themes": ["low-level-concerns", "think-family", "trust-and-relationships"],
    },
    {
        "slug": "a-school-nurse-and-a-teacher",
        "champion": "named-nurse-sheffield",
        "state": "changes",
        "title": "What a school nurse and a teacher learned from each other",
        "summary": (
            "A school nurse and a class teacher each had a small worry about the same pupil. Once they "
            "put them side by side, the picture was clear enough to act on."
        ),
        "body": [
            "A school nurse I supervise had seen Child C twice about headaches and tiredness. Each visit "
            "on its own was ordinary. Separately, the class teacher had noticed Child C falling asleep "
            "in lessons and arriving without breakfast.",
            "They only compared notes because they happened to meet at a training day. Put together, the "
            "small worries looked like a child who was not sleeping or eating properly at home.",
            "They spoke to the designated safeguarding lead, who talked to the parent. It turned out "
            "the parent was unwell and struggling to manage. The family were offered early help, and "
            "Child C now has breakfast club and a named adult to check in with.",
            "Neither of them had thought their own worry was big enough to pass on. The school nurse "
            "thought tiredness was for the school to notice, and the teacher thought health would "
            "already know about the headaches. Each assumed the other had the fuller picture.",
            "The lesson for both of them was that a small worry is worth saying out loud to the other "
            "person who sees the same child.",
        ],
        "editor_comment": (
            "Thank you, this reads well. Please add a sentence on what the school nurse shared with the "
            "school and on what basis (did the parent know?), so readers can see it was done properly. "
            "Then resubmit it."
        ),
        "area": "sheffield",
        "agencies": ["health", "education", "early-help"],
        "stage": "early-help",
        "concerns": ["parental-mental-health", "neglect"],
        "themes": ["low-level-concerns", "shared-language", "think-family"],
    },
    {
        "slug": "when-a-parent-said-no",
        "champion": "named-nurse-sheffield",
        "state": "draft",
        "title": "When a parent said no",
        "summary": (
            "A parent refused to let a midwife share her worries with children's services. We shared "
            "anyway, told the parent why, and recorded our reasons."
        ),
        "body": [
            "Draft: a midwife asked me what to do when a parent refused consent to share a worry about "
            "an unborn baby with children's social care.",
            "To add: how we weighed the risk to the baby against the parent's wishes, what the midwife "
            "told the parent, what we wrote down and why, and what the social worker did with it.",
        ],
        "area": "sheffield",
        "agencies": ["health", "childrens-social-care"],
        "stage": "referral",
        "concerns": ["pre-birth"],
        "themes": ["consent", "gdpr-confidence", "fear-of-blame"],
    },
    # -- the other champions' ------------------------------------------------------------------
    {
        "slug": "a-call-out-and-the-next-morning",
        "champion": "detective-sergeant-leeds",
        "state": "live",
        "title": "A call-out at night, and a school that knew by the morning",
        "summary": (
            "After officers attended a domestic abuse incident where two children lived, the school's "
            "safeguarding lead was told before the start of the next school day, so the children were "
            "met by someone who already knew."
        ),
        "body": [
            "Late one evening my officers went to a home after a neighbour reported shouting. There were "
            "two children in the house, Child D and Child E. Nobody was arrested, and the adults said "
            "everything was fine.",
            "Years ago, that might have been the end of it for the school. Now we tell the school's "
            "designated safeguarding lead before the next school day starts, through a secure route we "
            "agreed with the schools in our area. We share only what they need: that there was an "
            "incident, that the children were there, and that there is nothing they need to do except "
            "be aware.",
            "The next morning the safeguarding lead made sure a teacher the children trusted was at the "
            "gate. Child D was quiet and withdrawn, and was given time in a calm room before lessons. "
            "Later that week, Child D told the teacher more about what was happening at home, and the "
            "school made a referral with far more detail than we had.",
            "I used to think that telling a school about a call-out where nobody was charged was "
            "overstepping. It is not: it is sharing what a child's school needs to look after them on "
            "a hard day, and it is lawful because it is necessary and proportionate.",
            "What made it work was an agreed route and a short, plain message. No jargon, no crime "
            "reference numbers, just what the school needs to know.",
        ],
        "area": "leeds",
        "agencies": ["police", "education"],
        "stage": "universal-services",
        "concerns": ["domestic-abuse"],
        "themes": ["trust-and-relationships", "gdpr-confidence", "shared-language"],
    },
    {
        "slug": "small-worries-written-down",
        "champion": "safeguarding-lead-hertfordshire",
        "state": "live",
        "title": "Small worries, written down, added up",
        "summary": (
            "Five members of staff each noticed something small about the same student. Because each one "
            "wrote it down, the pattern showed, and the family got early help before things got worse."
        ),
        "body": [
            "At my school we ask every member of staff to write down any worry, however small, in our "
            "safeguarding system. For a long time people did not, because they thought a small thing "
            "was not worth the bother, or that they might get a family into trouble.",
            "With Child F, a lunchtime supervisor noted that Child F was always hungry. A form tutor "
            "noted a uniform that had not been washed. A teacher noted homework that had stopped. The "
            "attendance officer noted late arrivals on Mondays. A teaching assistant noted that Child F "
            "had said an older sibling was doing the cooking.",
            "None of these would have been a referral on its own. Together, they told me something had "
            "changed at home. I talked to the parent, who told me she had lost her job and was not "
            "coping. With her agreement, I shared our concerns with early help and the school nurse.",
            "A family support worker helped with money advice and a food bank, and the school nurse "
            "picked up that the parent was depressed and helped her see her GP. Child F's attendance and "
            "work are back to where they were.",
            "I tell new staff this story on their first day. Your small worry might be the missing "
            "piece, and writing it down is never getting someone into trouble.",
        ],
        "area": "hertfordshire",
        "agencies": ["education", "early-help", "health"],
        "stage": "early-help",
        "concerns": ["neglect", "parental-mental-health"],
        "themes": ["low-level-concerns", "think-family", "information-overload"],
    },
    {
        "slug": "please-do-not-tell-anyone",
        "champion": "safeguarding-lead-hertfordshire",
        "state": "moderation",
        "title": '"Please don\'t tell anyone"',
        "summary": (
            "A student in the sixth form told a teacher about an older boyfriend and asked her to keep "
            "it secret. We took time to explain what we had to share and why, and the student stayed "
            "in touch with us."
        ),
        "body": [
            "A sixth-form student, Young Person G, told her tutor that she had an older boyfriend who "
            "gave her lifts and presents, and then asked the tutor not to tell anyone. The tutor came "
            "straight to me.",
            "Young people of that age have a right to have their wishes taken seriously, and Young Person "
            "G was able to understand what she was asking. But what she described had signs of "
            "exploitation, and her safety came first. I did not want her to feel that telling us had "
            "been a mistake.",
            "I met her with the tutor she trusted. I explained honestly that I could not keep it secret, "
            "what I would share, who with, and why. I asked what she was worried would happen, and she "
            "said she was afraid her parents would find out first. We agreed how that conversation "
            "would happen.",
            "I shared my concerns with the police exploitation team and children's social care the "
            "same day. Because she knew what was happening, she kept talking to us, and later gave the "
            "police information that helped protect other young people too.",
            "What I would say to other safeguarding leads: never promise secrecy, but never share behind "
            "a young person's back either. Tell them what you are doing and why, and keep them at the "
            "centre of it.",
        ],
        "area": "hertfordshire",
        "agencies": ["education", "police", "childrens-social-care"],
        "stage": "referral",
        "concerns": ["child-sexual-exploitation"],
        "themes": ["consent", "voice-of-the-child", "trust-and-relationships"],
    },
    {
        "slug": "ringing-the-referrer-back",
        "champion": "front-door-manager-manchester",
        "state": "live",
        "title": "Ringing the referrer back",
        "summary": (
            "Our front door started calling every professional who makes a referral to tell them what "
            "happened next. Referrals got better, and people stopped feeling they were shouting into a "
            "void."
        ),
        "body": [
            "When I started managing our front door, the most common complaint from schools and GPs was "
            "that they made a referral and never heard anything again. Some had stopped referring at all "
            "unless they were sure it would meet the threshold.",
            "We decided that every referrer would get a phone call or a secure email within a few "
            "working days, telling them what we had decided and what they could do next. We share what "
            "the referrer needs to support the child, not the whole assessment.",
            "One of the first calls was to a health visitor who had referred Child H after a worrying "
            "home visit. We had decided it did not meet the threshold for a social work assessment, but "
            "we had passed it to early help. Without our call she would have assumed nothing was "
            "happening. Instead, she joined the early help meeting and brought the insight from her "
            "visits.",
            "Since then, our referrals have become clearer, because people can see how we use them. "
            "Professionals ring us for a consultation when they are unsure, rather than either referring "
            "everything or nothing.",
            "Feedback costs us a few minutes per referral. It gives us back trust, better information "
            "and colleagues who keep telling us when they are worried.",
        ],
        "area": "manchester",
        "agencies": ["childrens-social-care", "health", "early-help"],
        "stage": "referral",
        "concerns": [],
        "themes": ["feedback-to-referrer", "thresholds", "trust-and-relationships"],
    },
    {
        "slug": "explaining-consent-so-a-family-could-say-yes",
        "champion": "early-help-coordinator-bristol",
        "state": "live",
        "title": "Explaining consent so a family could say yes",
        "summary": (
            "A family had refused early help twice after being handed a long consent form. When a "
            "worker sat with them and explained it in plain words, they agreed, and chose who to share "
            "with."
        ),
        "body": [
            "Child J's school had offered the family early help twice, and twice the parents had said no. "
            "Both times they had been given a long form about sharing information and asked to sign it.",
            "When the third offer came to me, I asked one of our family support workers to visit rather "
            "than post the form. She sat at the kitchen table and went through it in plain words: who "
            "would see what, why, and what they could say no to. She made it clear that agreeing to "
            "early help did not mean social workers would be involved.",
            "The father said the first forms had felt like a trap. Once it was explained, the parents "
            "agreed to share with the school, the health visitor and a parenting group, but not with "
            "their housing provider, because they were worried about their tenancy. We respected that.",
            "With a plan everyone understood, things improved quickly. Child J's younger sibling got "
            "speech therapy, and the parents said they would ask us for help again if they needed it.",
            "Consent only means something if people understand what they are agreeing to. A form is a "
            "record of a conversation, not a replacement for one.",
        ],
        "area": "bristol",
        "agencies": ["early-help", "education", "health"],
        "stage": "early-help",
        "concerns": [],
        "themes": ["consent", "shared-language", "think-family"],
    },
    {
        "slug": "housing-at-the-table",
        "champion": "housing-safeguarding-lead-durham",
        "state": "live",
        "title": "Housing at the table",
        "summary": (
            "A housing officer's notes about repairs and rent arrears turned out to be the piece of the "
            "picture that the other agencies were missing, once housing was invited to the meeting."
        ),
        "body": [
            "For years, housing was rarely invited to multi-agency meetings about children, and our "
            "officers did not think they had anything to add. I wanted to change that.",
            "Our officers visit homes more often than most professionals. When children's services held "
            "a meeting about Child K, I asked if we could attend. The tenancy officer brought what she "
            "knew: she had been refused entry for repairs several times, a new adult seemed to be living "
            "there, and the rent had suddenly gone unpaid.",
            "Nobody else at the table knew any of this. The social worker had been told the family lived "
            "alone. With our information the plan changed: the social worker made checks on the new "
            "adult, and we paused arrears action while the family got support.",
            "Our officers had worried that sharing tenant information would breach data protection. I "
            "explained that the law allows us to share what is necessary to protect a child, and that "
            "we record what we share and why. Since then they have become far more confident, and "
            "children's services now invite us as a matter of course.",
            "Housing sees the home. If we are not at the table, that part of the picture is missing.",
        ],
        "area": "durham",
        "agencies": ["housing", "childrens-social-care"],
        "stage": "child-in-need",
        "concerns": ["neglect"],
        "themes": ["professional-hierarchy", "gdpr-confidence", "think-family"],
    },
]

# The demo video scenario (by slug) that features a demo champion (by profile slug): a health
# scenario, and the health champion.
FEATURED_SCENARIO = ("missed-appointments-school-and-gp", "named-nurse-sheffield")
# The demo case study (by slug) whose practitioner reflection is by a demo champion: the
# designated safeguarding lead's reflection on a chronology of small worries, in her area.
REFLECTION_CASE_STUDY = ("school-chronology-advice-line", "safeguarding-lead-hertfordshire")
