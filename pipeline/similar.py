"""How alike two texts are, for matching a spreadsheet row or a later report's passage to an item.

Pure and dependency-free (difflib): track_import.py and extract/lineage.py share it, so a score
means the same in both.
"""
from __future__ import annotations

import difflib
import functools
import string
from collections.abc import Set as AbstractSet  # set or frozenset (word_set is cached, so frozen)

# ASCII punctuation and the typographic marks PDFs print, read as spaces (str.translate is fast
# enough for thousands of items; a character loop was the cost of matching a whole archive).
_SPACES = str.maketrans({c: " " for c in string.punctuation + "\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u00a0"})


@functools.lru_cache(maxsize=16384)  # the same item texts are read for every row of an import
def words(text: str) -> tuple[str, ...]:
    """Lower-case words of three letters or more, and numbers: what two wordings of one item share."""
    return tuple(w for w in (text or "").lower().translate(_SPACES).split() if len(w) > 2 or w.isdigit())


@functools.lru_cache(maxsize=16384)
def word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def similarity(a: str, b: str) -> float:
    """0..1: the best of the word-sequence ratio (difflib), the word overlap (Dice) and, for a text
    quoting only the start or a part of the other (a portal's title column, a restated item in a
    longer passage), how much of the shorter text's words the longer holds (scaled down a
    little, and only from six words on: a few common words prove nothing)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    sa, sb = set(wa), set(wb)
    common = len(sa & sb)
    dice = 2 * common / (len(sa) + len(sb))
    shorter = min(len(sa), len(sb))
    contained = 0.95 * common / shorter if shorter >= 6 else 0.0
    best = max(dice, contained)
    # Word sequences, not characters: as telling for wording, and fast enough for thousands of
    # items; quick_ratio() bounds ratio() from above, so the slow part runs only when it can win.
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    if matcher.quick_ratio() > best:
        best = max(best, matcher.ratio())
    return round(best, 3)


def quick(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Word overlap alone (Dice): cheap enough to shortlist among thousands of items."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def ranked(text: str, candidates: list[tuple[str, str]], shortlist: int = 8) -> list[tuple[float, str]]:
    """(score, key) for the candidates (key, text) most like `text`, best first; the words
    shortlist, difflib scores the few."""
    wanted = word_set(text)
    if not wanted:
        return []
    short = sorted(candidates, key=lambda c: -quick(wanted, word_set(c[1])))[:shortlist]
    return sorted(((similarity(text, t), key) for key, t in short), key=lambda s: (-s[0], s[1]))
