"""Demo content for the "Can I share?" decision aid (issue 15).

Plain data, no Django imports: the decision aid seeding code loads ``NODES``.

The tree follows, in general terms, the questions in the government's information
sharing advice for safeguarding practitioners (2024), read with Working Together to
Safeguard Children 2023, UK GDPR and the Data Protection Act 2018. It is written in our
own words, quotes none of them and is not legal advice. Both privacy and sharing are
legitimate; the aid helps a practitioner reach a clear, recorded next step.

The first node is the start. A node is either a question:
    {"id", "kind": "question", "question", "hint", "agency_hints" (optional,
     {agency slug: wording adapted to that agency}),
     "answers": [{"label", "next", "reason"}]}   reason: a sentence the practitioner
                                                 can copy into their own record
or an outcome:
    {"id", "kind": "outcome", "outcome": "share" | "share-without-consent" |
     "seek-advice" | "no-need", "title", "body", "tell_family" (for
     share-without-consent), "themes": [theme slugs used to link case studies]}

Self-check (no cycles, no dead ends, every outcome reachable):
    python3 cms/can_i_share/demo_tree.py
"""

NODES = [
    # 1. Purpose ---------------------------------------------------------------------
    {
        "id": "purpose",
        "kind": "question",
        "question": "Is there a clear and legitimate purpose for sharing the information?",
        "hint": (
            "A legitimate purpose is usually to protect a child from harm, or to help a child "
            "and their family get the support they need. If a child is in immediate danger, "
            "call 999 now and come back to this later."
        ),
        "agency_hints": {
            "health": (
                "In health, the purpose may be to protect a child, or to support a parent's "
                "care where their health affects the child. Your named nurse or GP "
                "safeguarding lead can help you put it into words."
            ),
            "education": (
                "Think about what you want to happen for the pupil: support in school, early "
                "help, an assessment or protection. Talk to your DSL before you share."
            ),
            "police": (
                "Be clear whether you are sharing to protect the child, to support an "
                "investigation, or both, because it shapes what you share and with whom."
            ),
            "housing": (
                "A legitimate purpose might be keeping track of a child when a family moves, "
                "or raising a worry you noticed on a home visit."
            ),
        },
        "answers": [
            {
                "label": "Yes",
                "next": "identifiable",
                "reason": (
                    "There is a clear and legitimate purpose for sharing: to protect the child "
                    "from harm and make sure they and their family get the right help."
                ),
            },
            {
                "label": "Not sure",
                "next": "purpose-check",
                "reason": (
                    "I was not sure of the purpose at first, so I tested it against the child's "
                    "safety and wellbeing."
                ),
            },
            {
                "label": "No",
                "next": "pause",
                "reason": "I could not identify a legitimate purpose for sharing this information.",
            },
        ],
    },
    {
        "id": "purpose-check",
        "kind": "question",
        "question": (
            "Would sharing help keep a child safe, or help a child or their family get support they need?"
        ),
        "hint": (
            "Think about the cost of not sharing. Could another agency miss part of the "
            "picture, or could a worry go unnoticed until it is more serious?"
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "identifiable",
                "reason": (
                    "Sharing would help keep the child safe or get the family support, which "
                    "is a clear safeguarding purpose."
                ),
            },
            {
                "label": "No",
                "next": "pause",
                "reason": (
                    "Sharing would not help protect the child or get them support, so there is "
                    "no purpose in sharing now."
                ),
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": "I could not tell whether sharing would help the child, so I sought advice.",
            },
        ],
    },
    # 2. Identifiable person ---------------------------------------------------------
    {
        "id": "identifiable",
        "kind": "question",
        "question": "Is the information about a person who can be identified?",
        "hint": (
            "This includes the child, parents, carers and anyone else who is named or "
            "described. Information that has been fully anonymised is not personal data."
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "confidential",
                "reason": (
                    "The information is about people who can be identified, so I considered "
                    "data protection and confidentiality before sharing."
                ),
            },
            {
                "label": "No",
                "next": "no-need",
                "reason": "The information does not identify anyone, so it is not personal data.",
            },
            {
                "label": "Not sure",
                "next": "could-identify",
                "reason": ("I checked whether the details could identify someone when put together."),
            },
        ],
    },
    {
        "id": "could-identify",
        "kind": "question",
        "question": "Could someone work out who the person is by putting the details together?",
        "hint": (
            "Small details can identify people: a rare event, a small village, a school, an "
            "age or a date. If in doubt, treat the information as personal."
        ),
        "answers": [
            {
                "label": "Yes, or possibly",
                "next": "confidential",
                "reason": (
                    "The details could identify someone when combined, so I treated them as "
                    "personal information."
                ),
            },
            {
                "label": "No",
                "next": "no-need",
                "reason": "I checked that the details could not identify anyone, even when combined.",
            },
        ],
    },
    # 3. Confidential ----------------------------------------------------------------
    {
        "id": "confidential",
        "kind": "question",
        "question": (
            "Was the information given in confidence, or is it sensitive, such as health, "
            "sexual life or criminal matters?"
        ),
        "hint": (
            "Information is confidential if the person told you expecting it to stay private. "
            "Sensitive information needs extra care, but it can still be shared when there is "
            "a lawful reason."
        ),
        "agency_hints": {
            "health": (
                "Most of what patients tell clinicians is confidential. The Caldicott "
                "principles recognise that sharing to support someone's care can matter as "
                "much as keeping confidences."
            ),
            "voluntary-sector": (
                "People often confide in voluntary services because they trust them. That "
                "trust matters, and so does the child's safety: the next questions help you "
                "weigh both."
            ),
        },
        "answers": [
            {
                "label": "Yes",
                "next": "consent",
                "reason": (
                    "The information is confidential or sensitive, so I considered consent and "
                    "the lawful basis for sharing it."
                ),
            },
            {
                "label": "No",
                "next": "necessary",
                "reason": (
                    "The information is personal but not confidential or sensitive, so I am "
                    "sharing it under my organisation's lawful basis for this purpose."
                ),
            },
            {
                "label": "Not sure",
                "next": "consent",
                "reason": (
                    "I was not sure whether the information was confidential, so I treated it "
                    "as confidential."
                ),
            },
        ],
    },
    # 4. Consent, or a reason to share without it ------------------------------------
    {
        "id": "consent",
        "kind": "question",
        "question": "Has the person agreed to you sharing the information?",
        "hint": (
            "For a child, ask whoever can decide: a child who understands, or a parent. You do "
            "not always need consent to share, but being open with families where it is safe "
            "builds trust."
        ),
        "agency_hints": {
            "early-help": (
                "Early help is voluntary, so you may have asked for agreement at the start. "
                "Check that this sharing is covered by what the family agreed to."
            ),
            "education": (
                "A pupil who understands the decision can make it for themselves, and Gillick "
                "competence is a guide. Your DSL can help you think it through."
            ),
            "adult-services": (
                "Ask the adult you work with, and think about any children at home: their "
                "safety may need sharing even if the adult would rather you did not."
            ),
        },
        "answers": [
            {
                "label": "Yes, they agreed",
                "next": "necessary",
                "reason": (
                    "The family agreed to the sharing after I explained what I would share, "
                    "with whom and why."
                ),
            },
            {
                "label": "No, they said no",
                "next": "without-consent",
                "reason": (
                    "The family did not agree to sharing, so I considered whether there is a "
                    "lawful reason to share without their agreement."
                ),
            },
            {
                "label": "I have not asked yet",
                "next": "ask-safe",
                "reason": "I had not yet asked the family, so I considered whether it was safe to ask.",
            },
        ],
    },
    {
        "id": "ask-safe",
        "kind": "question",
        "question": (
            "Would asking for agreement put the child or anyone else at risk, or harm a police investigation?"
        ),
        "hint": (
            "For example, asking might warn someone who is harming the child, lead to the child "
            "being moved or silenced, or cause delay when the child needs protecting quickly."
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "without-consent",
                "reason": (
                    "I did not seek consent because asking could increase the risk to the child "
                    "or others, or prejudice a police investigation."
                ),
            },
            {
                "label": "No",
                "next": "ask-now",
                "reason": "Asking for agreement would not increase the risk, so I spoke to the family first.",
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": (
                    "I was unsure whether asking the family would increase the risk, so I "
                    "sought advice before contacting them."
                ),
            },
        ],
    },
    {
        "id": "ask-now",
        "kind": "question",
        "question": "Talk to the family now if you can. Did they agree to you sharing?",
        "hint": (
            "Explain what you want to share, with whom and why, and listen to their worries. "
            "Some families want to make the call with you."
        ),
        "answers": [
            {
                "label": "Yes, they agreed",
                "next": "necessary",
                "reason": "I explained the sharing to the family and they agreed.",
            },
            {
                "label": "No, or I could not reach them in time",
                "next": "without-consent",
                "reason": (
                    "The family did not agree, or I could not reach them in time, so I "
                    "considered whether there is a lawful reason to share without agreement."
                ),
            },
        ],
    },
    {
        "id": "without-consent",
        "kind": "question",
        "question": (
            "Is there a lawful reason to share without agreement, such as a risk of "
            "significant harm to a child or of serious harm to someone else?"
        ),
        "hint": (
            "UK GDPR and the Data Protection Act 2018 allow sharing without consent when it is "
            "needed to protect a child, and protecting a child can outweigh a duty of "
            "confidence. Weigh the risk of sharing against the risk to the child if you do not."
        ),
        "agency_hints": {
            "health": (
                "Sharing confidential health information without consent is justified when the "
                "public interest in protecting a child outweighs confidentiality. Your named "
                "nurse or Caldicott guardian can help if you are unsure."
            ),
            "police": (
                "Police usually share for policing purposes and to protect people under the "
                "law enforcement rules. The question here is what partners need to keep the "
                "child safe."
            ),
            "voluntary-sector": (
                "Charities can share without consent to protect a child too. Talk to your "
                "safeguarding lead, but do not let that delay a referral when a child is at "
                "risk."
            ),
        },
        "answers": [
            {
                "label": "Yes",
                "next": "necessary-without-consent",
                "reason": (
                    "I am sharing without consent because there is reasonable cause to believe "
                    "the child is at risk of significant harm, and protecting them outweighs "
                    "the duty of confidence."
                ),
            },
            {
                "label": "No, the concern is lower-level",
                "next": "seek-advice",
                "reason": (
                    "The concern did not justify overriding the family's wishes, so I sought "
                    "advice on how to support the child and keep the family engaged."
                ),
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": (
                    "I was not sure whether the risk justified sharing without agreement, so I sought advice."
                ),
            },
        ],
    },
    # 5. Necessary and proportionate -------------------------------------------------
    {
        "id": "necessary",
        "kind": "question",
        "question": "Have you worked out what is necessary and proportionate to share, and with whom?",
        "hint": (
            "Share what the other person needs to act, not the whole record. Include what the "
            "child said and did, keep fact and opinion apart, and send it only to those who "
            "need it."
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "secure",
                "reason": (
                    "I am sharing only the information needed for this purpose, with the people "
                    "who need it to act."
                ),
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": (
                    "I was unsure how much to share, so I sought advice on what is necessary and "
                    "proportionate."
                ),
            },
        ],
    },
    {
        "id": "necessary-without-consent",
        "kind": "question",
        "question": "Have you worked out what is necessary and proportionate to share, and with whom?",
        "hint": (
            "When you share without consent, take extra care to share only what is needed to "
            "protect the child, with the people who will act on it, such as the MASH or the "
            "child's social worker."
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "secure-without-consent",
                "reason": (
                    "I am sharing only what is needed to protect the child, with the people who "
                    "need it to act."
                ),
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": (
                    "I was unsure how much to share without consent, so I sought advice, "
                    "without delaying action to protect the child."
                ),
            },
        ],
    },
    # 6. Accurate, timely, secure, recorded -------------------------------------------
    {
        "id": "secure",
        "kind": "question",
        "question": (
            "Is the information accurate and up to date, and can you share it securely and "
            "record what you shared?"
        ),
        "hint": (
            "Check facts, dates and names, and say where information came from. Use a secure "
            "route, such as secure email or the referral portal, or a call followed up in "
            "writing."
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "share",
                "reason": (
                    "I checked that the information is accurate and up to date, shared it "
                    "securely, and recorded what I shared, with whom, when and why."
                ),
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": (
                    "I was unsure about accuracy or a secure route, so I sought advice before sending it."
                ),
            },
        ],
    },
    {
        "id": "secure-without-consent",
        "kind": "question",
        "question": (
            "Is the information accurate and up to date, and can you share it securely and "
            "record what you shared?"
        ),
        "hint": (
            "Record that you shared without consent, the lawful reason and why. If a child is "
            "at immediate risk, phone first and follow up in writing."
        ),
        "answers": [
            {
                "label": "Yes",
                "next": "tell-family",
                "reason": (
                    "I checked the information is accurate and up to date, shared it securely "
                    "and recorded that I shared without consent, on what basis and why."
                ),
            },
            {
                "label": "Not sure",
                "next": "seek-advice",
                "reason": (
                    "I was unsure about accuracy or a secure route, so I sought advice, without "
                    "delaying action to protect the child."
                ),
            },
        ],
    },
    {
        "id": "tell-family",
        "kind": "question",
        "question": (
            "Would telling the family that you have shared put the child or anyone else at "
            "risk, or harm a police investigation?"
        ),
        "hint": (
            "Usually you should tell people what you have shared and why. Hold back only if "
            "telling them could increase the risk or prejudice an investigation, and agree the "
            "timing with social care or police."
        ),
        "answers": [
            {
                "label": "No, it is safe to tell them",
                "next": "share-without-consent-tell",
                "reason": (
                    "Telling the family would not increase the risk, so I will tell them what I shared and "
                    "why."
                ),
            },
            {
                "label": "Yes, it could increase the risk",
                "next": "share-without-consent-do-not-tell",
                "reason": (
                    "I have not told the family, because doing so could increase the risk to "
                    "the child or prejudice a police investigation."
                ),
            },
            {
                "label": "Not sure",
                "next": "share-without-consent-do-not-tell",
                "reason": (
                    "I was not sure it was safe to tell the family yet, so I will agree the "
                    "timing with social care or police before telling them."
                ),
            },
        ],
    },
    # Outcomes -----------------------------------------------------------------------
    {
        "id": "share",
        "kind": "outcome",
        "outcome": "share",
        "title": "Share the information",
        "body": (
            "Share what you have identified with the people who need it, such as the MASH duty "
            "desk, the child's social worker, the school's DSL or the health safeguarding "
            "team. Use a secure route, follow any phone call up in writing, and record what "
            "you shared, with whom, when and why. Ask the recipient to tell you what happens "
            "next. Not sharing could leave another agency without the piece of the picture "
            "that keeps this child safe."
        ),
        "themes": ["consent", "trust-and-relationships", "feedback-to-referrer", "shared-language"],
    },
    {
        "id": "share-without-consent-tell",
        "kind": "outcome",
        "outcome": "share-without-consent",
        "title": "Share without consent, and tell the family",
        "body": (
            "Share the necessary information now with the MASH duty desk, or with the agency "
            "leading on the child's safety, using a secure route. Record that you shared "
            "without consent, your lawful basis and your reasons. Waiting for agreement could "
            "leave the child at risk of significant harm, and the law supports sharing here. "
            "Ask the recipient to let you know what happens next."
        ),
        "tell_family": (
            "Tell the family what you have shared, with whom and why, as soon as you can. "
            "Being open respects their rights and helps keep your working relationship. Only "
            "hold back if something changes and telling them would now increase the risk to "
            "the child or prejudice a police investigation."
        ),
        "themes": [
            "consent",
            "gdpr-confidence",
            "thresholds",
            "trust-and-relationships",
            "voice-of-the-child",
        ],
    },
    {
        "id": "share-without-consent-do-not-tell",
        "kind": "outcome",
        "outcome": "share-without-consent",
        "title": "Share without consent, and do not tell the family yet",
        "body": (
            "Share the necessary information now with the MASH duty desk, or with police if a "
            "crime may be involved, using a secure route. Record your lawful basis, why you did "
            "not seek or follow the family's wishes, and why you have not told them. Delay "
            "could put the child at greater risk. Agree with social care or police when and how "
            "the family will be told."
        ),
        "tell_family": (
            "Do not tell the family for now, because telling them could increase the risk to "
            "the child or someone else, or prejudice a police investigation. Review this with "
            "the agency leading the response, and record when the family is told."
        ),
        "themes": ["consent", "gdpr-confidence", "fear-of-blame", "voice-of-the-child"],
    },
    {
        "id": "seek-advice",
        "kind": "outcome",
        "outcome": "seek-advice",
        "title": "Seek advice before you decide",
        "body": (
            "Talk it through today with your DSL, named safeguarding lead or supervisor, or "
            "use the partnership's consultation line and ask for the MASH duty consultant. You "
            "can describe the situation without naming the child at first. Record the advice "
            "and your decision. Do not let uncertainty hold up protection: if a child is in "
            "immediate danger call 999, and if you think a child is at risk of significant "
            "harm, refer to the front door while you check."
        ),
        "themes": [
            "supervision",
            "thresholds",
            "low-level-concerns",
            "fear-of-blame",
            "gdpr-confidence",
        ],
    },
    {
        "id": "pause",
        "kind": "outcome",
        "outcome": "seek-advice",
        "title": "Do not share for now: record it and keep watching",
        "body": (
            "Without a clear purpose, do not share personal information yet. Write a short "
            "note of what you noticed and why you decided not to share, so the picture can "
            "build over time. Keep listening to the child, and talk to your DSL or "
            "safeguarding lead if anything changes. Small worries held by different agencies "
            "can add up, so come back to this aid when a purpose becomes clear."
        ),
        "themes": ["low-level-concerns", "information-overload", "supervision", "voice-of-the-child"],
    },
    {
        "id": "no-need",
        "kind": "outcome",
        "outcome": "no-need",
        "title": "You can share this: it is not personal information",
        "body": (
            "Data protection law does not cover information that cannot identify anyone, so "
            "you can share it freely, for example to ask for advice or describe a pattern. "
            "Check again before you add any detail that could identify a child or family. If "
            "you later need to share about a particular child, start this aid again."
        ),
        "themes": ["gdpr-confidence", "shared-language"],
    },
]


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
THEME_SLUGS = (
    "co-location",
    "consent",
    "cross-border",
    "fear-of-blame",
    "feedback-to-referrer",
    "gdpr-confidence",
    "information-overload",
    "low-level-concerns",
    "professional-hierarchy",
    "shadowing",
    "shared-language",
    "staff-turnover",
    "supervision",
    "think-family",
    "thresholds",
    "trust-and-relationships",
    "voice-of-the-child",
)
OUTCOME_KINDS = ("share", "share-without-consent", "seek-advice", "no-need")


def validate(nodes=NODES):
    """Check the tree. Returns a list of problems (empty when valid).

    Usable by the admin too: refuses dead ends (a ``next`` that does not exist, a
    question without answers), cycles, unreachable nodes and unreachable outcomes.
    """
    problems = []
    by_id = {}
    for node in nodes:
        if node.get("id") in by_id:
            problems.append(f"duplicate id {node.get('id')!r}")
        by_id[node.get("id")] = node
    if not nodes:
        return ["no nodes"]
    for node in nodes:
        nid = node.get("id")
        kind = node.get("kind")
        if kind == "question":
            for key in ("question", "hint", "answers"):
                if not node.get(key):
                    problems.append(f"{nid}: missing {key}")
            answers = node.get("answers") or []
            if not 2 <= len(answers) <= 3:
                problems.append(f"{nid}: has {len(answers)} answers (need 2-3)")
            for answer in answers:
                if not (answer.get("label") and answer.get("reason")):
                    problems.append(f"{nid}: answer without label or reason")
                if answer.get("next") not in by_id:
                    problems.append(f"{nid}: dead end, next {answer.get('next')!r} does not exist")
            for slug in node.get("agency_hints", {}):
                if slug not in AGENCY_SLUGS:
                    problems.append(f"{nid}: unknown agency {slug!r} in agency_hints")
        elif kind == "outcome":
            if node.get("outcome") not in OUTCOME_KINDS:
                problems.append(f"{nid}: unknown outcome {node.get('outcome')!r}")
            for key in ("title", "body", "themes"):
                if not node.get(key):
                    problems.append(f"{nid}: missing {key}")
            if node.get("outcome") == "share-without-consent" and not node.get("tell_family"):
                problems.append(f"{nid}: share-without-consent needs tell_family")
            for theme in node.get("themes", []):
                if theme not in THEME_SLUGS:
                    problems.append(f"{nid}: unknown theme {theme!r}")
        else:
            problems.append(f"{nid}: unknown kind {kind!r}")
    if problems:
        return problems
    # Cycles and reachability: depth-first search from the start node.
    state = {}  # id -> "visiting" | "done"

    def visit(nid, path):
        if state.get(nid) == "visiting":
            problems.append("cycle: " + " -> ".join(path + [nid]))
            return
        if state.get(nid) == "done":
            return
        state[nid] = "visiting"
        for answer in by_id[nid].get("answers", []):
            visit(answer["next"], path + [nid])
        state[nid] = "done"

    visit(nodes[0]["id"], [])
    unreachable = [n["id"] for n in nodes if n["id"] not in state]
    if unreachable:
        problems.append(f"unreachable from start: {unreachable}")
    return problems


def paths(nodes=NODES):
    """Every path from the start to an outcome, as lists of node ids (tree must be valid)."""
    by_id = {n["id"]: n for n in nodes}
    found = []

    def walk(nid, path):
        node = by_id[nid]
        if node["kind"] == "outcome":
            found.append(path + [nid])
            return
        for answer in node["answers"]:
            walk(answer["next"], path + [nid])

    walk(nodes[0]["id"], [])
    return found


if __name__ == "__main__":
    problems = validate()
    assert not problems, "\n".join(problems)
    questions = [n for n in NODES if n["kind"] == "question"]
    outcomes = [n for n in NODES if n["kind"] == "outcome"]
    assert 8 <= len(questions) <= 14, len(questions)
    assert 4 <= len(outcomes) <= 6, len(outcomes)
    assert NODES[0]["kind"] == "question"
    assert {o["outcome"] for o in outcomes} == set(OUTCOME_KINDS), "every outcome kind used"
    all_paths = paths()
    assert all(by[-1] in {o["id"] for o in outcomes} for by in all_paths)
    reached = {p[-1] for p in all_paths}
    assert reached == {o["id"] for o in outcomes}, {o["id"] for o in outcomes} - reached
    longest = max(all_paths, key=len)
    print(f"decision tree OK: {len(questions)} questions, {len(outcomes)} outcomes, start {NODES[0]['id']!r}")
    print(
        f"  no cycles, no dead ends, every node and outcome reachable; "
        f"{len(all_paths)} distinct paths, longest {len(longest) - 1} questions"
    )
    for outcome in outcomes:
        n = sum(1 for p in all_paths if p[-1] == outcome["id"])
        print(f"  {outcome['id']:36} ({outcome['outcome']}) reached by {n} paths")
