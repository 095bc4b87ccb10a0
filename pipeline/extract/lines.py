"""Line tests the segmenter uses: what a line's layout says about where an item starts and ends."""
from __future__ import annotations

import re

from .document_text import DocLine

_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0"})


def number_value(match: re.Match, ocr_digits: bool) -> int | None:
    """The value that continues a series: "8.14" counts as 14; OCR's "(I)" as 1 where allowed."""
    groups = match.groupdict()
    printed = groups.get("seq") or groups["number"]
    if ocr_digits:
        printed = printed.translate(_OCR_DIGITS)
    return int(printed) if printed.isdigit() else None


SUB_ITEM = re.compile(r"^\(?[a-z]{1,2}\)|^\(?[ivx]{1,4}\)")


def is_label_only(text: str) -> bool:
    return len(text.strip()) < 40 and not text.strip().endswith(",")


def is_item_heading(lines, index: int, line: DocLine, match: re.Match) -> bool:
    """"Recommendation 8" opening a line is a heading, not a wrapped mention in a sentence:
    it is printed as a heading or carries a separator, and it does not continue a sentence."""
    rest = line.text.strip()[match.end():]
    separator = match.group(0).rstrip()[-1:] in (":", ".", "–", "—", "-")  # "Recommendation 3: ..."
    marked = line.heading or not rest or separator
    if not marked or rest[:1] in (",", ";", ")"):  # "... in response to / Recommendation 10, shall be"
        return False
    previous = lines[index - 1] if index else None
    if previous is None or line.gap_before or previous.page != line.page:
        return True
    if previous.heading and not rest[:1].islower():  # a heading under another heading
        return True
    return previous.text.rstrip()[-1:] in ".:!?)”\"" or is_label_only(previous.text)


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
