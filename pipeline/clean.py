"""Small pure text cleaners, each `str -> str`, applied to a page's text in order. A neutral
module: ingest cleans pages with it and extraction reuses `collapse` and `rejoin_hyphenation`.

Each is idempotent: cleaning clean text changes nothing (a property test checks this).
"""
from __future__ import annotations

import re

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_BULLET = "•"
# Glyphs that PDFs use for bullets: pdfminer's "(cid:N)" for unmapped glyphs at a line start,
# and Symbol/Wingdings private-use code points.
_CID_AT_LINE_START = re.compile(r"(?m)^([ \t]*)\(cid:\d+\)[ \t]*")
_CID_ANYWHERE = re.compile(r"\(cid:\d+\)")
_PRIVATE_BULLETS = re.compile("[\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf06c\uf06e\u25aa\u25cf\u25e6\u2219\u2023\u2043\u25a0\u25a1]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_SOFT_HYPHEN_AT_LINE_END = re.compile("\u00ad[ ]*(?=\n)")

# "effec-" at a line end followed by "tive" in lower case on the next line. Spaces around the
# break are tolerated so that the result does not depend on whether whitespace was tidied first.
_HYPHEN_LINE_END = re.compile(r"(?:^|(?<=[\s(“\"']))([A-Za-z]*[a-z])-[ ]*$")
_NEXT_LINE_FRAGMENT = re.compile(r"^[ ]*([a-z][^\s]*)[ ]*")
# Prefixes whose hyphen is part of the word ("self-assessment") rather than a line-break artefact.
# Prefixes that are also ordinary syllables ("re-port", "pre-vention", "sub-ject", "inter-nal",
# "under-standing", "over-sight") are left out: joining them is right far more often.
_KEEP_HYPHEN_PREFIXES = frozenset(
    "self non co cross well multi post anti semi counter ex long short high low ill all far half "
    "quasi pseudo".split()
)
_VOWELS = frozenset("aeiou")

# "services.12 The": a note number glued after a word and its punctuation. Requires a lower-case
# word of three letters or more so that "S12", "COVID-19", "2023.1" and "4.12" stay unchanged.
_GLUED_MARKER = re.compile(r"(?<=[a-z]{3}[.,;:”’\"])\d{1,2}(?=\s|$)")


def normalise_glyphs(text: str) -> str:
    """Ligatures to letters, bullet glyphs to "•", odd spaces to spaces, invisible characters out."""
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    # Odd spaces first, so a bullet indented with a no-break space is still seen at the line start.
    text = _ODD_SPACES.sub(" ", text)
    # A soft hyphen at a line end is a hyphenation point: make it a hyphen for rejoin_hyphenation.
    text = _SOFT_HYPHEN_AT_LINE_END.sub("-", text)
    text = _CID_AT_LINE_START.sub(lambda m: f"{m.group(1)}{_BULLET} ", text)
    # Until stable: removing "(cid:2)" from "(cid:1(cid:2))" leaves a new "(cid:1)".
    while _CID_ANYWHERE.search(text):
        text = _CID_ANYWHERE.sub("", text)
    text = _PRIVATE_BULLETS.sub(_BULLET, text)
    return _INVISIBLE.sub("", text)


def rejoin_hyphenation(text: str) -> str:
    """Re-join words hyphenated at a line end, moving the fragment up to the line it belongs to."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) - 1:
        head = _HYPHEN_LINE_END.search(lines[index])
        tail = _NEXT_LINE_FRAGMENT.match(lines[index + 1])
        if head and tail:
            hyphen = "-" if _keeps_hyphen(head.group(1), tail.group(1)) else ""
            lines[index] = lines[index][: head.start(1)] + head.group(1) + hyphen + tail.group(1)
            rest = lines[index + 1][tail.end():]
            if rest.strip():
                lines[index + 1] = rest
            else:
                del lines[index + 1]
            continue
        index += 1
    return "\n".join(lines)


def _keeps_hyphen(head: str, tail: str) -> bool:
    """Whether a word broken at a line end keeps its hyphen when re-joined.

    "self-" + "assessment" keeps it, as does a doubled vowel ("re-" + "engage", "co-" + "operation"),
    which English spells with a hyphen; "effec-" + "tive" does not.
    """
    prefix = head.lower()
    if prefix in _KEEP_HYPHEN_PREFIXES:
        return True
    return len(prefix) <= 4 and prefix[-1] in _VOWELS and tail[0] == prefix[-1]


def strip_glued_footnote_markers(text: str) -> str:
    """Remove note numbers glued to the end of a word ("services.12 The" -> "services. The")."""
    return _GLUED_MARKER.sub("", text)


def tidy_whitespace(text: str) -> str:
    """Single spaces inside lines, no trailing spaces, at most one blank line, no blank ends."""
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    tidied = "\n".join(lines)
    tidied = re.sub(r"\n{3,}", "\n\n", tidied)
    return tidied.strip("\n")


CLEANERS = (normalise_glyphs, rejoin_hyphenation, strip_glued_footnote_markers, tidy_whitespace)


def clean_text(text: str) -> str:
    for cleaner in CLEANERS:
        text = cleaner(text)
    return text


def collapse(text: str) -> str:
    """One line, single spaces: the form an item's text is quoted in."""
    return " ".join(text.split())


def slugify(text: str) -> str:
    """An id in the contract's style from a printed name: lower case, underscores, no "the"."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    if words and words[0] == "the":
        words = words[1:]
    return "_".join(words)
