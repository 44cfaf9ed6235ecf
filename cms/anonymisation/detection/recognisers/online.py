"""Social-media handles, usernames and profile links.

A platform named on its own ("she met him on Snapchat") says nothing about who; an
account on it does: "@someone_01", "on Snapchat as tyler.b_x", "Instagram: lilmaz",
"instagram.com/lilmaz".
"""

from __future__ import annotations

import re

from ..dictionary import english_words, is_english_word
from .base import Recogniser
from .windows import find_all, finditer, lower_ascii, stretches, whole_words

# "@handle", not the "@" inside an email address.
HANDLE_RE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
PROFILE_URL_RE = re.compile(
    r"\b(?:https?://)?(?:www\.|m\.|vm\.)?"
    r"(?:instagram\.com|facebook\.com|fb\.com|tiktok\.com|twitter\.com|x\.com|snapchat\.com/add|"
    r"youtube\.com|linkedin\.com/in|threads\.net|twitch\.tv|reddit\.com/u(?:ser)?|onlyfans\.com)"
    r"/@?[A-Za-z0-9_.-]*[A-Za-z0-9_]",
    re.IGNORECASE,
)
PLATFORMS = frozenset(
    """snapchat instagram insta tiktok facebook twitter youtube discord roblox fortnite twitch reddit
    linkedin onlyfans whatsapp omegle yubo bereal grindr pinterest tumblr""".split()
)
# Platforms whose names are also words or letters ("her snap is", "let off steam: ..."):
# what follows them only counts when it looks like a username ("mollzz.x").
AMBIGUOUS_PLATFORMS = frozenset(
    "snap ig fb kik psn playstation xbox steam threads wink tinder bumble hinge telegram".split()
)
_PLATFORM = "(?P<platform>" + "|".join(sorted(PLATFORMS | AMBIGUOUS_PLATFORMS | {r"tik\s+tok"})) + ")"
_ACCOUNT_WORD = (
    r"(?:account|handle|user(?:\s?name)?|profile|page|ID|tag|gamer\s?tag|screen\s?name|display\s+name|name)"
)
_HANDLE = r"(?P<handle>@?[A-Za-z0-9_][A-Za-z0-9_.-]{1,29}(?<![.-])(?:#\d{4})?)"
_SEP = (
    r"(?:\s*[:,(]\s*|\s+(?:is|was|as|called|named|under|-)\s+"
    r"(?:(?:the\s+)?(?:name|handle|user\s?name)\s+)?)"
)
# The account after a platform or an account word: "on Snapchat as X", "her TikTok is X",
# "Instagram: X", "Snapchat name X", "his gamertag was X", "the Discord name X#4471".
ACCOUNT_RE = re.compile(
    rf"(?:\b{_PLATFORM}(?:['’]s)?(?:,?\s+{_ACCOUNT_WORD}(?:{_SEP}|\s+)|{_SEP})"
    rf"|\b(?:user\s?name|gamer\s?tag|screen\s?name)s?(?:{_SEP}|\s+)|\b(?:handle|account|profile){_SEP})"
    rf"[\"'“‘]?{_HANDLE}",
    re.IGNORECASE,
)
# The account before the platform: "he went by 'BigDawg' on Instagram".
ACCOUNT_BEFORE_RE = re.compile(
    rf"\b(?:called|named|by|as|account|handle|user\s?name)\s+[\"'“‘]?{_HANDLE}[\"'”’]?\s+on\s+{_PLATFORM}\b",
    re.IGNORECASE,
)
ACCOUNT_CUES = (
    PLATFORMS
    | AMBIGUOUS_PLATFORMS
    | {"tik", "username", "usernames", "user", "gamertag", "gamer", "screen", "handle", "account", "profile"}
)
USERNAME_LIKE_RE = re.compile(r"^@|[\d_.#]")


def _is_account(m: re.Match) -> bool:
    """An account name ("tyler.b_x", "lilmaz"), not a word ("her TikTok is private").

    After an ambiguous platform word, or a comma ("on TikTok, she ..."), only a name that
    looks like a username counts.
    """
    handle = m.group("handle")
    bare = handle.lstrip("@").lower()
    if not re.search(r"[a-z]", bare) or bare in PLATFORMS or bare in AMBIGUOUS_PLATFORMS:
        return False
    if USERNAME_LIKE_RE.search(handle):
        return True
    platform = (m.group("platform") or "").lower()
    if platform in AMBIGUOUS_PLATFORMS or "," in text_between(m):
        return False
    return not is_english_word(bare)


def text_between(m: re.Match) -> str:
    """The words between the cue and the account name (none when the name comes first)."""
    return m.string[m.end("platform") if m.group("platform") else m.start() : m.start("handle")]


class SocialMediaRecogniser(Recogniser):
    kind = "social_media"

    def __init__(self):
        english_words()  # load now: a missing word list stops the check at start-up

    def find(self, text):
        if "@" in text:
            for m in HANDLE_RE.finditer(text):
                yield self._m(m.start(), m.end())
        slashes = [(i, i + 1) for i in find_all(text, "/")]
        for m in finditer(PROFILE_URL_RE, text, stretches(text, slashes, before=40, after=40)):
            yield self._m(m.start(), m.end())
        cues = whole_words(lower_ascii(text), ACCOUNT_CUES)
        for m in finditer(ACCOUNT_RE, text, stretches(text, cues, before=0, after=80)):
            if _is_account(m):
                yield self._m(m.start(), m.end("handle"))
        for m in finditer(ACCOUNT_BEFORE_RE, text, stretches(text, cues, before=60, after=0)):
            # "added by Kayleigh on Snapchat" is a person, left to the name recognisers
            if _is_account(m) and not m.group("handle").istitle():
                yield self._m(m.start("handle"), m.end("handle"))
