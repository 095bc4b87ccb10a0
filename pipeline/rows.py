"""Printed rows and lines: words grouped by height, lines made from rows, paragraph gaps.

The primitives the page layout (layout.py) and the blocks set apart from its flow (blocks.py)
share. Pure functions over the dataclasses in models.py.
"""
from __future__ import annotations

from dataclasses import replace

from .models import Line, Word


def printed_rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed rows across the whole page width."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[list[Word]] = []
    for word in ordered:
        if rows and abs(word.top - rows[-1][0].top) <= max(2.5, word.size * 0.3):
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def group_lines(words: list[Word], column: int, box: int | None = None) -> list[Line]:
    return [make_line(sorted(row, key=lambda w: w.x0), column, box) for row in printed_rows(words)]


def make_line(row: list[Word], column: int, box: int | None = None) -> Line:
    parts: list[str] = []
    previous: Word | None = None
    for word in row:
        if previous is not None and word.x0 - previous.x1 > 0.8:
            parts.append(" ")
        parts.append(word.text)
        previous = word
    chars = sum(len(w.text) for w in row)
    size = sum(w.size * len(w.text) for w in row) / chars
    bold_chars = sum(len(w.text) for w in row if w.bold)
    italic_chars = sum(len(w.text) for w in row if w.italic)
    return Line(
        text="".join(parts),
        top=min(w.top for w in row),
        bottom=max(w.bottom for w in row),
        x0=row[0].x0,
        size=round(size, 2),
        bold=bold_chars * 2 > chars,
        column=column,
        x1=max(w.x1 for w in row),
        italic=italic_chars * 2 > chars,
        box=box,
    )


# A step between lines this much larger than the usual line spacing is a paragraph gap (some
# reports set paragraphs only 40% further apart than lines).
_PARAGRAPH_STEP = 1.3


def mark_paragraph_gaps(lines: list[Line], body_size: float | None = None) -> list[Line]:
    """A vertical gap clearly larger than the usual line spacing starts a new paragraph."""
    steps = sorted(
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if b.column == a.column and b.top > a.top and abs(a.size - b.size) < 0.6
        and (body_size is None or abs(a.size - body_size) < 0.6)
    )
    # The line spacing of the body text: where paragraphs are short, half the steps are gaps, so
    # the lower quartile rather than the median.
    usual = steps[len(steps) // 4] if steps else 0.0
    result: list[Line] = []
    for index, line in enumerate(lines):
        gap = False
        if index > 0:
            previous = lines[index - 1]
            step = line.top - previous.top
            # type larger than the body is set with more leading: a heading's second line is no gap
            scale = max(1.0, min(previous.size, line.size) / body_size) if body_size else 1.0
            gap = (
                line.column != previous.column
                or step < 0
                or (usual > 0 and step > usual * scale * _PARAGRAPH_STEP)
                or step > max(previous.size, line.size) * 2.0
            )
        result.append(replace_gap(line, gap))
    return result


def replace_gap(line: Line, gap: bool) -> Line:
    if line.gap_before == gap:
        return line
    return replace(line, gap_before=gap)
