"""Line tests the segmenter uses: what a line's layout says about where an item starts and ends."""
from __future__ import annotations

import re

from pipeline.extract.document_text import DocLine

_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0"})


def number_value(match: re.Match, ocr_digits: bool, counter: str = "decimal") -> int | None:
    """The value that continues a series: "8.14" counts as 14; OCR's "(I)" as 1 where allowed;
    letters count a = 1, b = 2; roman numerals i = 1, iv = 4."""
    groups = match.groupdict()
    printed = groups.get("seq") or groups["number"]
    if counter == "letter":
        return ord(printed.lower()) - ord("a") + 1 if len(printed) == 1 and printed.isalpha() else None
    if counter == "roman":
        return _ROMAN_VALUES.get(printed.lower())
    if ocr_digits:
        printed = printed.translate(_OCR_DIGITS)
    return int(printed) if printed.isdigit() else None


_ROMAN_VALUES = {
    numeral: value for value, numeral in enumerate(
        "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(), start=1)
}


SUB_ITEM = re.compile(r"^\(?[a-z]{1,2}\)|^\(?[ivx]{1,4}\)")


def is_label_only(text: str) -> bool:
    return len(text.strip()) < 40 and not text.strip().endswith(",")


def is_item_heading(lines, index: int, line: DocLine, match: re.Match, shift: int = 0) -> bool:
    """"Recommendation 8" opening a line is a heading, not a wrapped mention in a sentence:
    it is printed as a heading or carries a separator, and it does not continue a sentence."""
    rest = line.text.strip()[shift + match.end():]
    separator = match.group(0).rstrip()[-1:] in (":", ".", "–", "—", "-")  # "Recommendation 3: ..."
    run_in = line.style is not None and line.style.lead >= shift + len(match.group(0).rstrip())
    marked = line.heading or not rest or separator or run_in or _label_in_margin(lines, index, line, rest)
    if not marked or rest[:1] in (",", ";", ")"):  # "... in response to / Recommendation 10, shall be"
        return False
    previous = lines[index - 1] if index else None
    if previous is None or line.gap_before or previous.page != line.page:
        return True
    if previous.heading and not rest[:1].islower():  # a heading under another heading
        return True
    return previous.text.rstrip()[-1:] in ".:!?)”\"" or is_label_only(previous.text)


_MARGIN_LABEL_INDENT = 20.0  # points the text beside a margin label stands right of the label


def _label_in_margin(lines, index: int, line, rest: str) -> bool:
    """"Recommendation 1" printed in the margin beside its text ("Recommendation 1 Within six
    months, ..."): the text hangs, its next lines indented under the text, or the label opens a
    paragraph and the text a sentence."""
    if not rest[:1].isupper() or line.style is None:
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is not None and not following.gap_before and following.page == line.page and following.style:
        return following.style.indent > line.style.indent + _MARGIN_LABEL_INDENT
    return line.gap_before


def has_text(item, lines, index: int) -> bool:
    """Body seen, or whole sentences printed in heading type ("19. By 31 October 2025, ... .")."""
    if item.has_body:
        return True
    previous = lines[index - 1] if index else None
    return (previous is not None and lines[index].gap_before and previous.end > item.body_start
            and previous.text.rstrip()[-1:] in ".!?")


def heading_inside_item(lines, index: int, text: str) -> bool:
    """Boxed item text printed in heading type: its sub-items and wrapped lines are body."""
    if SUB_ITEM.match(text):
        return True
    line, previous = lines[index], lines[index - 1] if index else None
    following = lines[index + 1] if index + 1 < len(lines) else None
    if previous is not None and not line.gap_before and previous.page == line.page and previous.text.rstrip()[-1:] not in ".:!?":
        return True
    # a long line that wraps into the next is a paragraph, whatever its type: headings are short
    return (len(text) >= _PARAGRAPH_LINE and following is not None and not following.gap_before
            and following.page == line.page and text[-1:] not in ".:!?")


_PARAGRAPH_LINE = 60


def sub_item_follows(lines, index: int) -> bool:
    """A paragraph between two sub-items ("Success will be measured by ...") belongs to the item."""
    for following in lines[index + 1 : index + 30]:
        if following.gap_before or following.page != lines[index].page or SUB_ITEM.match(following.text.strip()):
            return bool(SUB_ITEM.match(following.text.strip()))
    return False


# Sizes are relative to the body type and rounded to hundredths: equal within this.
_SAME_LEVEL = 0.005
_LARGER = 0.1


def heading_level(line: DocLine) -> float | None:
    """How prominent a heading is printed: its size, then weight, then capitals ("CHAPTER 8:
    CONCLUSIONS" over "Evidence-based policy" in the same bold type), where the page kept its layout."""
    if line.style is None or not line.heading:
        return None
    letters = [c for c in line.text if c.isalpha()]
    capitals = len(letters) > 3 and all(c.isupper() for c in letters)
    return line.style.size + (0.01 if line.style.bold else 0.0) + (0.02 if capitals else 0.0)


def outranks(line: DocLine, level: float | None, strictly: bool = False) -> bool:
    """A heading at the level of a list's own heading, or above it, ends the list; `strictly`,
    only one printed clearly larger (a chapter title, numbered or not, after the list)."""
    own = heading_level(line)
    if own is None or level is None:
        return False
    return own > level + _LARGER if strictly else own >= level - _SAME_LEVEL


def stands_apart(lines, index: int) -> bool:
    """A line set as a heading: in heading type, or alone between paragraph gaps. Without a
    stored layout (pages ingested before it was kept) every line may be one."""
    line = lines[index]
    if line.style is None or line.heading:
        return True
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (line.gap_before or index == 0 or lines[index - 1].page != line.page) and (
        following is None or following.gap_before or following.page != line.page)


def wraps_heading(lines, index: int) -> bool:
    """The line carries on the heading above it: both in the same heading type, no gap between."""
    line, previous = lines[index], lines[index - 1] if index else None
    if previous is None or not (line.heading and previous.heading) or line.gap_before or previous.page != line.page:
        return False
    if line.style is None or previous.style is None:
        return False
    return abs(line.style.size - previous.style.size) < 0.05 and line.style.bold == previous.style.bold
