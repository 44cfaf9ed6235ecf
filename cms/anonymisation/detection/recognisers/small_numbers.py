"""Small-number details that narrow a story to one family ("the only ... in the village").

"One of two Year 6 pupils" or "the only wheelchair user on the estate" can point to one
person even with every name removed. "One of many families" and "one of few families in
the area" (the generalisation the message suggests) pass.
"""

from __future__ import annotations

import re

from .base import Recogniser

_NUM = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+(?:handful(?:\s+of)?|couple(?:\s+of)?))"
)
_PEOPLE = (
    r"(?:children|child|famil(?:y|ies)|pupils?|students?|people|persons?|residents?|"
    r"households?|girls?|boys?|young\s+people|babies|baby|teenagers?|women|men|woman|"
    r"man|mothers?|fathers?|parents?|carers?|siblings?|twins|travellers?|refugees?|"
    r"asylum\s+seekers?|learners?|adults?|speakers?|users?|patients?|"
    r"(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)-years?-olds?)"
)
# "the only family of six", "the only girl with a hearing aid": a few words may follow.
_WORD = r"[\w/'’-]+"  # "Gypsy/Roma", "Down's", "Polish-speaking"
_PEOPLE_TAIL = rf"(?:\s+(?:of|with|who|that)\s+(?:{_WORD}\s+){{0,3}}?{_WORD})?"
_PLACE = (
    r"(?:(?:the\s+whole\s+of\s+)?(?:the|this|that|their|her|his|a|an|our|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:village|town|area|estate|street|road|school|class|year(?:\s+group)?|community|"
    r"county|city|borough|island|block|nursery|setting|neighbourhood|ward|district|"
    r"hamlet|region|country|practice|parish|mosque|church|temple|gurdwara|synagogue|"
    r"academy|college|cul-de-sac|building|flats|locality|valley|authority|"
    r"congregation|club|team|unit|site|park|close|tower|hostel|youth\s+club)"
    r"|(?:school|college|nursery|class)"
    # or a named place: "in Little Hadham" (not a pseudonym: "in Mother B's care")
    r"|(?-i:(?!(?:Child|Mother|Father|Sibling|Baby|Young|Professional|Parent|Carer)\b)"
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?!['’]s))"
)
_WHERE = r"(?:in|at|on|within|living\s+in|attending|from)"
# "one of three children" is a family's size; "one of three Roma children" or "one of three
# children in the village" is a small number.
ONE_OF_RE = re.compile(
    rf"\bone\s+of\s+(?:only\s+|just\s+)?{_NUM}\s+(?P<qualifier>(?:{_WORD}\s+){{0,3}}?)(?P<people>{_PEOPLE})\b"
    rf"(?P<where>\s+{_WHERE}\s+{_PLACE}\b)?",
    re.IGNORECASE,
)
FAMILY_WORDS = frozenset("children child siblings girls boys twins".split())
SMALL_NUMBER_RES = (
    re.compile(
        rf"\b(?:(?:the|an?)\s+only|the\s+(?:one|sole))\s+(?:{_WORD}\s+){{0,3}}?{_PEOPLE}{_PEOPLE_TAIL}"
        rf"\s+{_WHERE}\s+{_PLACE}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:only|just)\s+{_NUM}\s+(?:{_WORD}\s+){{0,2}}?{_PEOPLE}\s+{_WHERE}\s+{_PLACE}\b",
        re.IGNORECASE,
    ),
)


class SmallNumberRecogniser(Recogniser):
    kind = "small_number"

    def find(self, text):
        for m in ONE_OF_RE.finditer(text):
            if m.group("qualifier") or m.group("where") or m.group("people").lower() not in FAMILY_WORDS:
                yield self._m(m.start(), m.end())
        for regex in SMALL_NUMBER_RES:
            for m in regex.finditer(text):
                yield self._m(m.start(), m.end())
