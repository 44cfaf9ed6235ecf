"""Named schools, nurseries and other settings a child attends."""

from __future__ import annotations

import re

from .. import lexicon
from .base import Recogniser

_SCHOOL_TYPE = (
    r"(?:Primary\s+School|Primary\s+Academy|Secondary\s+School|High\s+School|"
    r"Infants?['’]?\s+School|Junior\s+School|Grammar\s+School|Middle\s+School|"
    r"Sixth\s+Form\s+College|Academy|College|Nursery|Pre-?[Ss]chool|School|"
    r"Pupil\s+Referral\s+Unit|PRU|Children['’]s\s+Centre|Family\s+Hub)"
)
SCHOOL_RE = re.compile(
    rf"((?:(?:St\.?|[A-Z][A-Za-z'’.&-]*)\s+(?:(?:and|of|the|de|la|&)\s+)?){{1,6}}){_SCHOOL_TYPE}\b"
)
_GENERIC_SCHOOL_WORDS = {
    "The",
    "A",
    "An",
    "Her",
    "His",
    "Their",
    "Our",
    "My",
    "Your",
    "This",
    "That",
    "Local",
    "New",
    "Old",
    "Special",
    "Mainstream",
    "Primary",
    "Secondary",
    "High",
    "Junior",
    "Infant",
    "Infants",
    "Sixth",
    "Form",
    "Further",
    "Education",
    "Catholic",
    "Church",
    "CofE",
    "C",
    "E",
    "Faith",
    "Independent",
    "Free",
    "Village",
    "Alternative",
    "Provision",
    "Residential",
    "Boarding",
    "Girls",
    "Girls'",
    "Boys",
    "Boys'",
    "State",
    "Community",
    "Day",
    "Sunday",
    "Forest",
    "Hospital",
    "Virtual",
    "Royal",
    "Police",
    "Nursery",
    "Previous",
    "Current",
    "Receiving",
    "Home",
    "Grammar",
    "Middle",
    "Private",
    "Specialist",
    "Comprehensive",
    "Secure",
    "Training",
    "Pre",
    "Both",
    "Each",
    "Every",
    "Same",
    "Other",
    "Another",
    "Which",
    "At",
    "In",
    "On",
    "When",
    "After",
    "Before",
    "During",
    "While",
    "Whilst",
    "Following",
    "Once",
    "Then",
    "SEN",
    "SEND",
    "SEMH",
    "Language",
    "Unit",
    "Resource",
    "Base",
    "Medical",
    "Designated",
    "Safeguarding",
    "Lead",
    "DSL",
    "Head",
    "Teacher",
    "Multi-Academy",
    "Trust",
    "Of",
    "And",
    "&",
    "Children's",
    "Family",
    "Centre",
    "Hub",
    "Early",
    "Years",
    "Summer",
    "Holiday",
    "Breakfast",
    "After-School",
    "Club",
    "Parent",
    "Parents",
}


class SchoolNameRecogniser(Recogniser):
    """Capitalised name(s) directly before a school type.

    Generic phrases ("the primary school", "her Academy", "a Special School",
    "the Royal College of ...") pass because every preceding word is generic.
    """

    kind = "school_name"

    def find(self, text):
        for m in SCHOOL_RE.finditer(text):
            prefix = m.group(1)
            tokens = [(t.group(), m.start(1) + t.start()) for t in re.finditer(r"\S+", prefix)]
            # drop leading generic words and pseudonyms ("Child A attended ...")
            i = 0
            while i < len(tokens):
                word = tokens[i][0].rstrip(".,")
                if (
                    word in _GENERIC_SCHOOL_WORDS
                    or word in lexicon.NON_NAME_WORDS
                    or (len(word) == 1 and word.isupper())
                ):
                    i += 1
                    continue
                break
            remaining = [w for w, _ in tokens[i:]]
            if not remaining or all(
                w.rstrip(".,") in _GENERIC_SCHOOL_WORDS or w in {"and", "of", "the", "&"} for w in remaining
            ):
                continue
            yield self._m(tokens[i][1], m.end())
