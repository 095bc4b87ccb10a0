"""A report's stored pages as one text, so items can run across page breaks.

Offsets in the joined text map back to (page, offset in that page's stored text).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from pipeline.models import CleanPage, LineStyle


@dataclass(frozen=True)
class DocLine:
    text: str
    start: int
    end: int
    page: int
    heading: bool
    gap_before: bool
    style: LineStyle | None = None  # how it was printed, where the page kept its layout

    @property
    def box(self) -> tuple[int, int] | None:
        """The box the line is printed in, as (page, box): a box split by a page break is two."""
        if self.style is None or self.style.box is None:
            return None
        return self.page, self.style.box


@dataclass(frozen=True)
class DocumentText:
    text: str
    page_numbers: tuple[int, ...]
    page_starts: tuple[int, ...]
    lines: tuple[DocLine, ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """(physical page number, offset within that page's text) for an offset in the whole text."""
        index = max(0, bisect.bisect_right(self.page_starts, offset) - 1)
        return self.page_numbers[index], offset - self.page_starts[index]


_PAGE_JOIN = "\n"


# "Recommendations 249" / "249 The Report": a running title with the printed page number.
_FOLIO_LINE = re.compile(r"^\s*(?:(?P<before>\d{1,4})\s+[A-Z][^\n]{0,80}?|[A-Z][^\n]{0,80}?\s+(?P<after>\d{1,4}))\s*$")
_FOLIO_PAGES = 3


def strip_running_folios(pages: list[CleanPage]) -> list[CleanPage]:
    """Drop a page's first or last line where it is a running title with the page number that
    furniture detection left in: the printed number keeps one offset from the physical page on
    several pages, which a body line ending in a number does not."""
    found: dict[tuple[int, int], int] = {}
    candidates: list[tuple[int, int, int]] = []  # (page index, line index, offset)
    for index, page in enumerate(pages):
        lines = page.text.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        for position in {filled[0], filled[-1]} if filled else ():
            match = _FOLIO_LINE.match(lines[position])
            if match:
                offset = int(match.group("before") or match.group("after")) - page.number
                candidates.append((index, position, offset))
                key = (offset, 0 if position == filled[0] else 1)
                found[key] = found.get(key, 0) + 1
    offsets = {offset for (offset, _end), count in found.items() if count >= _FOLIO_PAGES}
    drop: dict[int, set[int]] = {}
    for index, position, offset in candidates:
        if offset in offsets:
            drop.setdefault(index, set()).add(position)
    if not drop:
        return pages
    result = []
    for index, page in enumerate(pages):
        if index in drop:
            lines = page.text.split("\n")
            text = "\n".join(line for i, line in enumerate(lines) if i not in drop[index])
            filled = [i for i, line in enumerate(lines) if line.strip()]
            dropped = {filled.index(i) for i in drop[index]}
            layout = tuple(style for k, style in enumerate(page.layout) if k not in dropped) if page.layout else ()
            page = replace(page, text=text, layout=layout)
        result.append(page)
    return result


def join_pages(pages: list[CleanPage]) -> DocumentText:
    pages = strip_running_folios(pages)
    parts: list[str] = []
    starts: list[int] = []
    lines: list[DocLine] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        headings = set(page.headings)
        gap = True  # a page's first line may open a paragraph; the item logic decides
        position = offset
        raw_lines = page.text.split("\n")
        styles = iter(page.layout if len(page.layout) == sum(1 for raw in raw_lines if raw.strip()) else ())
        for raw in raw_lines:
            if not raw.strip():
                gap = True
                position += len(raw) + 1
                continue
            style = next(styles, None)
            lines.append(
                DocLine(
                    text=raw,
                    start=position,
                    end=position + len(raw),
                    page=page.number,
                    heading=_is_heading(style) if style is not None else raw in headings,
                    gap_before=gap and bool(lines) and lines[-1].page == page.number,
                    style=style,
                )
            )
            gap = False
            position += len(raw) + 1
        parts.append(page.text)
        offset += len(page.text) + len(_PAGE_JOIN)
    return DocumentText(
        text=_PAGE_JOIN.join(parts),
        page_numbers=tuple(p.number for p in pages),
        page_starts=tuple(starts),
        lines=tuple(_read_layout(lines)),
    )


# A paragraph's last line stops short of the column's right edge; a new paragraph may instead be
# marked by its first line's indent (points).
_SHORT_LINE = 0.85
_FIRST_LINE_INDENT = 8.0
_FULL_LINE = 0.85
_SENTENCE_END = re.compile(r"[.!?:][”’\"')\]]*$")
_PARAGRAPH_OPENING = re.compile(r"^[\W\d]*[A-Z0-9“‘\"(•▪●◦‣∙·○◆◇■□►▸➢➤✓✔–—-]")


def _read_layout(lines: list[DocLine]) -> list[DocLine]:
    """What the layout says beyond the vertical gaps: paragraphs that end in a short line or start
    with an indent though set without extra space, and bold paragraphs that are text, not headings
    (a heading is short; a paragraph's lines run to the column's edge)."""
    result = list(lines)
    for index in range(1, len(result)):
        line, previous = result[index], result[index - 1]
        if line.gap_before or line.style is None or previous.style is None:
            continue
        if previous.page == line.page and (line.style.box, line.style.column) != (previous.style.box, previous.style.column):
            continue
        ended = bool(_SENTENCE_END.search(previous.text.rstrip())) and bool(_PARAGRAPH_OPENING.match(line.text))
        short = previous.style.fill < _SHORT_LINE
        # a first-line indent: the line before sits at the text's usual left edge (a paragraph
        # whose number hangs in the margin indents its second line, and starts no new one there)
        indented = line.style.indent - previous.style.indent >= _FIRST_LINE_INDENT and abs(previous.style.indent) <= 2.0
        retyped = (line.style.bold, line.style.italic) != (previous.style.bold, previous.style.italic)
        if previous.page != line.page:  # a page break hides the gap: a short last line ended the paragraph
            indented = False
        if ended and (short or indented or retyped):
            result[index] = replace(line, gap_before=True)
    start = 0
    for index in range(1, len(result) + 1):
        if index == len(result) or result[index].gap_before or result[index].page != result[start].page \
                or _retyped(result[index - 1], result[index]):
            _unmark_bold_paragraph(result, start, index)
            start = index
    return result


def _retyped(previous: DocLine, line: DocLine) -> bool:
    """A change of type size or weight between two lines: a heading run into its text."""
    if previous.style is None or line.style is None:
        return False
    return abs(previous.style.size - line.style.size) > 0.05 or previous.style.bold != line.style.bold


def _unmark_bold_paragraph(lines: list[DocLine], start: int, end: int) -> None:
    """Lines start..end form one paragraph: in bold body type and running to the column's edge (or
    one whole sentence), they are a paragraph printed in bold, not headings."""
    members = lines[start:end]
    styles = [m.style for m in members if m.style is not None]
    if not members or len(styles) < len(members) or any(not s.bold or s.size >= _HEADING_SIZE for s in styles):
        return
    # A heading may wrap too, but it does not end a sentence.
    ends = bool(_SENTENCE_END.search(members[-1].text.rstrip())) and not members[-1].text.rstrip().endswith(":")
    wraps = any(s.fill >= _FULL_LINE for s in styles[:-1])
    # "6. Monitoring liver damage." over a numbered item is its title, full stop or not
    long_enough = len(members) > 1 or (len(members[0].text.split()) >= _SENTENCE_WORDS
                                       and not _LIST_NUMBER.match(members[0].text))
    if ends and long_enough and (wraps or len(members) == 1):
        for index in range(start, end):
            lines[index] = replace(lines[index], heading=False)


_SENTENCE_WORDS = 6
_LIST_NUMBER = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s")


_HEADING_SIZE = 1.12


def _is_heading(style: LineStyle) -> bool:
    """Printed in heading type: bold, or clearly larger than the body (as CleanPage.headings)."""
    return style.bold or style.size >= _HEADING_SIZE
