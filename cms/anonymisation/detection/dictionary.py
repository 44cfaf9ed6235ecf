"""Ordinary English words: a capitalised word that is not one may be a name or a place.

The list is Webster's Second International word list as shipped by the ``english-words``
package (MIT): only its lower-case entries count (its capitalised entries are proper
nouns), topped up with words newer than that dictionary that safeguarding stories use.
Webster's lists head words only, so regular inflections ("services", "reported",
"visiting") are traced back to their head word.
If the package cannot load, ``DetectorUnavailable`` is raised: the check refuses to run
rather than run with lower recall.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

from .errors import DetectorUnavailable

# Everyday words of this field that Webster's Second (1934) does not have, and the
# irregular plurals and verb forms its head words do not give.
MODERN_WORDS = frozenset(
    """
    safeguarding teenager teenagers online offline email emails website app apps
    smartphone internet multi-agency multiagency co-located colocated caseload caseloads
    practitioner practitioners neurodivergent autism autistic dyslexia dyslexic
    wellbeing well-being lockdown covid pandemic helpline helplines postcode postcodes
    workforce stakeholder stakeholders childminder childminders carer carers
    sexting grooming cyberbullying livestream selfie selfies vape vaping
    women men children people feet teeth mice geese has began et al etc eg ie vs okay ok
    held paid became overcame withdrew undertaken forgave forgiven awoken woken knives
    keyworker keyworkers caseworker caseworkers headteacher headteachers
    paediatrician paediatricians paediatric paediatrics gynaecology orthopaedic
    foetal haemorrhage anaemia healthcare childcare aftercare eyecare carer's
    neurodiversity adhd dyspraxia online-safety broadband laptop laptops tablet
    smartphone smartphones chatroom webcam podcast blog blogger vlog playstation
        """.split()
)

# (suffix, replacement) pairs tried in order: "families" -> "family", "visited" ->
# "visit", "hoping" -> "hope", "stopped" -> "stop" (doubled consonant, handled below).
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("ly", ""),
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    try:
        module = importlib.import_module("english_words")
        words = module.get_english_words_set(["web2"], alpha=True, lower=False)
    except Exception as exc:  # ImportError, or a damaged data file inside the package
        raise DetectorUnavailable(
            f"Names, places and usernames cannot be checked: the english_words word list did not load ({exc})"
        ) from exc
    return frozenset(word for word in words if word.islower()) | MODERN_WORDS


# British spellings of Webster's American head words: "behaviour", "organise", "centre".
_BRITISH = (
    (re.compile(r"our"), "or"),
    (re.compile(r"is(?=e$|es$|ed$|ing$|ation)"), "iz"),
    (re.compile(r"ys(?=e$|es$|ed$|ing$)"), "yz"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"ae|oe"), "e"),
    (re.compile(r"ence(?=s?$)"), "ense"),
    (re.compile(r"ll(?=ed$|ing$|er$)"), "l"),
    (re.compile(r"mme(?=s?$)"), "m"),
)


def is_english_word(word: str) -> bool:
    """True if ``word`` (any case, possessive, inflected, British-spelt or hyphenated) is ordinary English."""
    word = word.lower().replace("’", "'").removesuffix("'s").removesuffix("'")
    if _is_head_word(word):
        return True
    return "-" in word and all(_is_head_word(part) for part in word.split("-") if part)


def _is_head_word(word: str) -> bool:
    if _inflected(word):
        return True
    for pattern, american in _BRITISH:
        spelt = pattern.sub(american, word)
        if spelt != word and _inflected(spelt):
            return True
    return False


def _inflected(word: str) -> bool:
    words = english_words()
    if word in words:
        return True
    for suffix, replacement in _INFLECTIONS:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            if stem + replacement in words:
                return True
            if stem[-1] == stem[-2] and stem[:-1] in words:  # "stopped", "running"
                return True
    return False
