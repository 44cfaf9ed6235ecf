"""Text for fpdf2's core fonts (Helvetica), shared by every PDF the site makes.

The core fonts need no font files and are declared with WinAnsiEncoding, so text is
written as Windows-1252: curly quotes, dashes and accented Latin letters print as they
are; anything else is swapped for the nearest plain letter or mark rather than failing.
A script the core fonts cannot show at all (for example Arabic or Chinese) prints as
question marks: embedding a Unicode font would fix that if it is ever needed.
"""

import unicodedata

ENCODING = "windows-1252"
FONT = "Helvetica"

# Characters Windows-1252 lacks, and what prints instead.
_REPLACEMENTS = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "\u2013",  # figure dash
    "\u2015": "\u2014",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\u2032": "'",  # prime
    "\u2033": '"',  # double prime
    "\u2044": "/",  # fraction slash
    "\u2192": "->",
    "\u2190": "<-",
    "\u2713": "v",
    "\u2715": "x",
    "\u0141": "L",  # Ł
    "\u0142": "l",  # ł
    "\u0110": "D",  # Đ
    "\u0111": "d",  # đ
    "\u0131": "i",  # dotless i
    "\u0127": "h",  # ħ
    "\u0126": "H",  # Ħ
    "\u0138": "k",  # ĸ
    "\u014a": "N",  # Ŋ
    "\u014b": "n",  # ŋ
    "\u0166": "T",  # Ŧ
    "\u0167": "t",  # ŧ
}


def _encodable(character):
    try:
        character.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def pdf_safe(text):
    """`text` written only with characters the core fonts can show."""
    text = unicodedata.normalize("NFC", str(text))
    out = []
    for character in text:
        if character in "\t\n\r" or unicodedata.category(character) in ("Zs", "Zl", "Zp"):
            out.append(" ")
        elif unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue  # control, formatting (zero-width, direction marks) and unassigned
        elif _encodable(character):
            out.append(character)
        elif character in _REPLACEMENTS:
            out.append(_REPLACEMENTS[character])
        else:
            # An accented letter outside Windows-1252 keeps its base letter (e.g. ő -> o).
            decomposed = unicodedata.normalize("NFKD", character)
            kept = "".join(c for c in decomposed if not unicodedata.combining(c) and _encodable(c))
            out.append(kept or "?")
    return " ".join("".join(out).split())
