"""The demo video scenarios: fictional composites written for this service.

Drawn from situations the source reports describe (missed health appointments that only
make sense together, a police officer new to a multi-agency safeguarding hub, a
17-year-old who refuses consent), restated in our own words. Roles only, no names, no
dates, areas at local-authority level at most. Each ``script`` is what the generated
video says (``demo_videos.py``); a ``DECISION`` marker in it is where the video pauses,
and the scenario's ``decision_points`` are taken in the same order.
"""

from .demo_videos import DECISION

SCENARIOS = [
    {
        "slug": "missed-appointments-school-and-gp",
        "title": "Missed appointments: the school and the GP compare notes",
        "summary": (
            "A school's safeguarding lead notices small worries about a pupil that keep adding up. "
            "A phone call to the GP practice shows the child was not brought to several health "
            "appointments, and together they agree how to help the family."
        ),
        "area": "national",
        "stage": "early-help",
        "agencies": ["education", "health", "early-help"],
        "concerns": ["was-not-brought", "neglect"],
        "themes": ["low-level-concerns", "gdpr-confidence", "feedback-to-referrer"],
        "content_note": "Mentions a child whose needs may be neglected.",
        "related": ["dental-missed-appointments", "school-chronology-advice-line"],
        "objectives": [
            "Recognise that missed appointments are about the child, who cannot bring themselves.",
            "Decide what is relevant and proportionate to share with a GP practice, and record why.",
            "Know when an early help conversation with the family is the right next step.",
            "Agree how each professional will hear back about what happened next.",
        ],
        "script": [
            {
                "scene": "The school office, Monday morning",
                "colour": "#1d4f6e",
                "lines": [
                    (
                        "Narrator",
                        "Child A is in Year 3. This term their attendance has slipped, and staff "
                        "have noticed they often arrive hungry and tired.",
                    ),
                    (
                        "Safeguarding lead",
                        "The school nurse says Child A was not brought to two hearing appointments. "
                        "On their own, none of these things would worry me much.",
                    ),
                    (
                        "Class teacher",
                        "They have been quiet and withdrawn in class. Small things, but they keep adding up.",
                    ),
                    DECISION,
                ],
            },
            {
                "scene": "A phone call to the GP practice",
                "colour": "#28536b",
                "lines": [
                    (
                        "GP",
                        "Thank you for calling. We have three missed appointments this year, including "
                        "a follow-up for a chest infection. We record them as was not brought.",
                    ),
                    ("Safeguarding lead", "So each of us only had part of the picture."),
                    (
                        "GP",
                        "I would like to invite the parent in and ask how we can help. "
                        "Shall we agree to tell each other what happens next?",
                    ),
                    DECISION,
                ],
            },
            {
                "scene": "Six weeks later",
                "colour": "#00703c",
                "lines": [
                    (
                        "Narrator",
                        "The parent explained that getting three children to appointments alone had "
                        "become too much. An early help worker arranged transport and reminders.",
                    ),
                    (
                        "Safeguarding lead",
                        "It took one phone call, and a promise to keep each other posted.",
                    ),
                ],
            },
        ],
        "decision_points": [
            {
                "question": "What would you share, and with whom?",
                "context": (
                    "The school has several small worries, and has just heard about missed health "
                    "appointments."
                ),
                "options": [
                    (
                        "Wait until something more serious happens.",
                        "Waiting for one clear incident is how a pattern of neglect goes unseen. Small "
                        "worries held by different services often only make sense together, so noting and "
                        "discussing them is not overreacting.",
                    ),
                    (
                        (
                            "Call the GP practice's safeguarding lead, explain the school's worries and ask "
                            "if they share them."
                        ),
                        "A proportionate step. UK GDPR and the Data Protection Act 2018 allow relevant "
                        "information to be shared to safeguard a child. Share what the GP needs to know, "
                        "record what you shared and why, and usually tell the parent you are doing it, "
                        "unless that would put the child at risk.",
                    ),
                    (
                        (
                            "Ring the children's services advice line and talk it through without naming the "
                            "family."
                        ),
                        "A sound choice when you are unsure about thresholds: an anonymised consultation "
                        "needs no consent. It adds to, rather than replaces, talking with the family and "
                        "with health if you are advised to.",
                    ),
                ],
            },
            {
                "question": "The GP asks how to take this forward. What do you agree?",
                "context": "Together the school and the GP now see a pattern of unmet needs.",
                "options": [
                    (
                        (
                            "The school talks with the parent, with curiosity rather than blame, and offers "
                            "early help; both record the plan and a date to review it."
                        ),
                        "Proportionate to what is known. Families who are approached early and openly are "
                        "more likely to accept help and to agree to further sharing. Agreeing how you will "
                        "update each other closes the loop.",
                    ),
                    (
                        "The GP refers straight to children's social care without speaking to the family.",
                        "Right when there are signs of significant harm, or when telling the family would "
                        "increase risk. Here the picture points to unmet needs, so early help is the "
                        "proportionate next step. If you are unsure about the threshold, use the advice "
                        "line.",
                    ),
                    (
                        "Each keeps the information to themselves to protect the family's privacy.",
                        "Privacy matters, and sharing should be necessary and proportionate. But the law "
                        "does not stand in the way of sharing relevant information to safeguard a child, "
                        "and here not sharing would leave the child's health needs unmet.",
                    ),
                ],
            },
        ],
        "reflective_questions": [
            "Which small worries in your own work might only make sense alongside another service's?",
            "How do you find out what happened after you shared a concern?",
        ],
    },
    {
        "slug": "new-to-the-mash-strategy-discussion",
        "title": "New to the MASH: what the police share at a strategy discussion",
        "summary": (
            "A police officer who has just joined a multi-agency safeguarding hub prepares for a "
            "strategy discussion after a domestic abuse call-out. Health and children's social care "
            "each hold part of the picture, and the officer has to decide how much to share."
        ),
        "area": "newham",
        "stage": "child-protection",
        "agencies": ["police", "health", "childrens-social-care"],
        "concerns": ["domestic-abuse"],
        "themes": ["shadowing", "co-location", "gdpr-confidence", "shared-language"],
        "content_note": "Mentions domestic abuse in a home where children live.",
        "related": ["police-shadowing-in-the-mash", "next-school-day-notice"],
        "objectives": [
            "Understand what a strategy discussion is for, and who takes part.",
            "Share what is relevant to a child's safety, no more and no less, and record the reason.",
            "Plan with partners what a family is told, by whom and when.",
            "See how time alongside other agencies changes what each piece of information means.",
        ],
        "script": [
            {
                "scene": "The MASH office, start of the shift",
                "colour": "#1d4f6e",
                "lines": [
                    (
                        "Narrator",
                        "A police officer has joined the multi-agency safeguarding hub after two weeks "
                        "of shadowing. Overnight, officers went to a domestic abuse call at a home "
                        "where two children live.",
                    ),
                    (
                        "Police officer",
                        "I have the incident log, earlier call-outs and some intelligence about the "
                        "partner. Some of it is sensitive. I am not sure how much health should see.",
                    ),
                    (
                        "MASH manager",
                        "The strategy discussion is at eleven and health will join. Think about what "
                        "each of us needs to know to keep the children safe.",
                    ),
                    DECISION,
                ],
            },
            {
                "scene": "The strategy discussion",
                "colour": "#4c2c92",
                "lines": [
                    (
                        "Health visitor",
                        "The younger child is on our caseload. At the last visit the mother said all "
                        "was well, but she seemed anxious, and a development review was missed.",
                    ),
                    ("Police officer", "That helps. Last night was the third call to the home this year."),
                    (
                        "MASH manager",
                        "Together that changes the picture. We agree a section 47 enquiry and a joint "
                        "visit today.",
                    ),
                    DECISION,
                ],
            },
            {
                "scene": "Afterwards",
                "colour": "#00703c",
                "lines": [
                    (
                        "Police officer",
                        "In my first week I would have held most of that back. Sitting with health and "
                        "social care, I can see what each piece means to them.",
                    ),
                    (
                        "Narrator",
                        "The joint visit went ahead that afternoon, and the mother accepted support from "
                        "a domestic abuse service.",
                    ),
                ],
            },
        ],
        "decision_points": [
            {
                "question": "What would you share, and with whom?",
                "context": (
                    "The officer holds the incident log, earlier call-outs and intelligence about the "
                    "partner."
                ),
                "options": [
                    (
                        (
                            "Share the whole police record, including unrelated intelligence, so nothing is "
                            "missed."
                        ),
                        "Sharing more than is needed does not make a child safer: it can bury what matters "
                        "and intrude on people's privacy without good reason. Share what bears on the "
                        "children's safety and say what you are holding back.",
                    ),
                    (
                        (
                            "Share the incident, the pattern of call-outs and the risk assessment, and "
                            "explain anything held back and why."
                        ),
                        "Relevant, proportionate and open. A strategy discussion exists so that agencies can "
                        "share what they know about a child's safety, and the Data Protection Act 2018 "
                        "allows this without consent. Record what you shared and your reasons.",
                    ),
                    (
                        "Share nothing until the data protection officer has advised.",
                        "Asking when unsure is good practice, but it should not hold up a strategy "
                        "discussion. The MASH manager or your supervisor can advise now, and consent is not "
                        "needed to share information to protect a child.",
                    ),
                ],
            },
            {
                "question": (
                    "The health visitor asks whether she can tell the mother about the call-outs. What do "
                    "you say?"
                ),
                "context": "A section 47 enquiry and a joint visit have just been agreed.",
                "options": [
                    (
                        "Yes, tell her everything discussed today.",
                        "Being open with families matters, but telling the mother what was shared before a "
                        "safety plan is in place could raise the risk to her and the children. Agree first "
                        "who says what, and when.",
                    ),
                    (
                        (
                            "Agree as a group what the family will be told, by whom and when, with safety in "
                            "mind."
                        ),
                        "The best answer. Families should usually know what has been shared about them; the "
                        "question is timing and safety, decided together and recorded.",
                    ),
                    (
                        "No: health must never tell a family what other agencies share.",
                        "Too absolute. Openness with families is the starting point, unless it would put "
                        "someone at risk. The decision is about timing and safety, not secrecy.",
                    ),
                ],
            },
        ],
        "reflective_questions": [
            "What information does your agency hold that another agency might read differently?",
            "Who would you ask, on the day, if you were unsure what to share at a strategy discussion?",
        ],
    },
    {
        "slug": "seventeen-year-old-says-no",
        "title": "A 17-year-old says no: sharing without consent, and keeping trust",
        "summary": (
            "A college support worker is worried that a 17-year-old student is being criminally "
            "exploited. The young person refuses consent to share. The scenario follows how the "
            "worker shares anyway, openly, and keeps the relationship."
        ),
        "area": "national",
        "stage": "referral",
        "agencies": ["education", "childrens-social-care", "youth-justice"],
        "concerns": ["child-criminal-exploitation"],
        "themes": ["consent", "gdpr-confidence", "voice-of-the-child"],
        "content_note": "Mentions the criminal exploitation of a young person and threats against them.",
        "related": ["seventeen-year-old-without-consent", "online-grooming-concern"],
        "objectives": [
            "Know that consent is not the only lawful basis for sharing information about a young person.",
            "Explain to a young person, honestly, what you will share and why.",
            "Weigh a 16 or 17-year-old's own confidentiality when a parent asks for information.",
        ],
        "script": [
            {
                "scene": "A college support room",
                "colour": "#1d4f6e",
                "lines": [
                    (
                        "Narrator",
                        "Young Person B is a 17-year-old college student. Staff have noticed new phones, "
                        "cash, and late-night trips out of town.",
                    ),
                    (
                        "Support worker",
                        "You told me someone is asking you to carry packages. I am worried you are being "
                        "exploited, and I need to share that.",
                    ),
                    (
                        "Young Person B",
                        "No. If you tell anyone it gets worse for me. I am nearly an adult. It is my choice.",
                    ),
                    DECISION,
                ],
            },
            {
                "scene": "A multi-agency meeting, two days later",
                "colour": "#4c2c92",
                "lines": [
                    (
                        "Youth justice worker",
                        "The same people have come up in our work with another young person. This fits a "
                        "pattern we are seeing.",
                    ),
                    (
                        "Social worker",
                        "We will plan together, and invite Young Person B to tell us what would help.",
                    ),
                    ("Support worker", "They are angry with me, but they still came in this morning."),
                    DECISION,
                ],
            },
            {
                "scene": "Three months on",
                "colour": "#00703c",
                "lines": [
                    (
                        "Narrator",
                        "Young Person B now works with a specialist exploitation worker, and has moved to "
                        "a course at another site.",
                    ),
                    ("Young Person B", "I was angry. But I am glad someone did not let it go."),
                ],
            },
        ],
        "decision_points": [
            {
                "question": "The young person refuses consent. What would you do?",
                "context": "The student has described being asked to carry packages, and is frightened.",
                "options": [
                    (
                        "Respect the refusal and keep it confidential: they are nearly an adult.",
                        "Their views matter, and consent should be sought when it is safe to. But they are "
                        "a child in law until eighteen, and consent is not the only lawful basis: where "
                        "there is a risk of significant harm, the Data Protection Act 2018 allows sharing "
                        "without it. Keeping silent leaves them alone with the risk.",
                    ),
                    (
                        (
                            "Explain honestly that you must share because you are worried for their safety, "
                            "say what you will share and with whom, and ask what they want said."
                        ),
                        "Acting and keeping trust. Record their refusal, your reasons for sharing anyway "
                        "and what you shared. Being open now makes it more likely they keep talking to you.",
                    ),
                    (
                        "Contact the police without telling the young person.",
                        "Right if telling them would raise the risk, for example by warning those "
                        "exploiting them. Otherwise, openness protects the relationship most likely to keep "
                        "them safe. Follow your local exploitation pathway either way.",
                    ),
                ],
            },
            {
                "question": (
                    "A parent phones the college asking what their child has said. What would you share?"
                ),
                "context": "A plan is being made with the young person.",
                "options": [
                    (
                        "Tell the parent everything the young person said.",
                        "At seventeen, a young person has their own right to confidentiality, and a "
                        "parent's request does not override it. Share with a parent only what safety "
                        "needs, ideally agreed with the young person and the lead professional.",
                    ),
                    (
                        (
                            "Listen, note the parent's worries, and agree with the social worker who will "
                            "speak to the parent and what they will be told."
                        ),
                        "The best answer. The parent may hold important information, and listening is not "
                        "the same as disclosing. A plan agreed with the young person settles what is shared.",
                    ),
                    (
                        "Refuse to speak to the parent at all.",
                        "Hearing a parent out costs nothing and may add to the picture. Be clear about what "
                        "you cannot discuss, and pass their worries to the lead professional.",
                    ),
                ],
            },
        ],
        "reflective_questions": [
            "How would you explain to a young person why you are sharing without their agreement?",
            "What would help you feel confident to share without consent when a young person is at risk?",
        ],
    },
]
