"""Small-number details that narrow a story to one family ("the only ... in the village")."""

from __future__ import annotations

import re

from .base import Recogniser

_NUM = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+(?:few|handful(?:\s+of)?|couple(?:\s+of)?))"
)
_PEOPLE = (
    r"(?:children|child|famil(?:y|ies)|pupils?|students?|people|persons?|residents?|"
    r"households?|girls?|boys?|young\s+people|babies|baby|teenagers?|women|men|woman|"
    r"man|mothers?|fathers?|parents?|carers?|siblings?|twins|travellers?|refugees?|"
    r"asylum\s+seekers?|learners?|adults?|speakers?|users?|patients?)"
)
_PLACE = (
    r"(?:the|this|that|their|her|his|a|an|our|its)\s+(?:[\w-]+\s+)?"
    r"(?:village|town|area|estate|street|road|school|class|year(?:\s+group)?|community|"
    r"county|city|borough|island|block|nursery|setting|neighbourhood|ward|district|"
    r"hamlet|region|country|practice|parish|mosque|church|temple|gurdwara|synagogue|"
    r"academy|college|cul-de-sac|building|flats|road|locality|valley|authority|"
    r"congregation|club|team)"
)
SMALL_NUMBER_RES = (
    re.compile(rf"\bone\s+of\s+(?:only\s+|just\s+)?{_NUM}\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:the|an?)\s+only\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\s+(?:in|at|on|within|living\s+in|attending|from)\s+{_PLACE}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:only|just)\s+{_NUM}\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+(?:in|at|on|within|living\s+in|attending|from)\s+{_PLACE}\b",
        re.IGNORECASE,
    ),
)


class SmallNumberRecogniser(Recogniser):
    kind = "small_number"

    def find(self, text):
        for regex in SMALL_NUMBER_RES:
            for m in regex.finditer(text):
                yield self._m(m.start(), m.end())
