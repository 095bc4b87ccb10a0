"""Printed rows and lines: words grouped by height, lines made from rows, paragraph gaps.

The primitives the page layout (layout.py) and the blocks set apart from its flow (blocks.py)
share. Pure functions over the dataclasses in models.py.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.models import Line, Word


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
    """Lines in reading order. A label set in the margin beside the text in other type ("Area for
    / improvement 1" in small bold, left of the item's lines) is a line of its own, put before the
    text it stands beside, so its words never run into the text's."""
    lines: list[Line] = []
    label: list[Word] = []
    beside: list[Line] = []
    for row in printed_rows(words):
        row = sorted(row, key=lambda w: w.x0)
        split = _margin_label_split(row, continuing=bool(label))
        if split and label and row[split].top - beside[-1].top > row[split].size * _LABEL_LEADING:
            lines += [make_line(label, column, box), *beside]  # the next item's label
            label, beside = [], []
        if split:
            label += row[:split]
            beside.append(make_line(row[split:], column, box))
            continue
        if label:
            lines += [make_line(label, column, box), *beside]
            label, beside = [], []
        lines.append(make_line(row, column, box))
    if label:
        lines += [make_line(label, column, box), *beside]
    return lines


# A margin label: at most this many words at the row's start, then a gap of at least an em, in
# type that differs from the text's by this much in size (or in weight); or, set close to the
# text, in type that differs in both size (by the larger amount) and weight.
_LABEL_WORDS = 4
_LABEL_SIZE_DIFFERENCE = 0.75
_LABEL_CLOSE_SIZE_DIFFERENCE = 1.5
_LABEL_LEADING = 2.0  # a wider step than this (in text sizes) between text rows starts another label


def _margin_label_split(row: list[Word], continuing: bool = False) -> int:
    """Where a margin label ends and the text beside it starts, or 0 for a row of one text. A label
    opens with a word ("Recommendation", "Area for"); a paragraph number in the margin ("71.",
    "S12") is the paragraph's own, though a label's second row may be its number alone."""
    for index in range(1, min(len(row) - 1, _LABEL_WORDS) + 1):
        left, right = row[:index], row[index:]
        if not continuing and not (left[0].text[:1].isalpha() and any(sum(c.isalpha() for c in w.text) >= 3 for w in left)):
            return 0  # a bullet ("•", an unmapped glyph "(cid:127)") or a number in the margin
        if len({(w.size, w.bold) for w in left}) > 1 or (left[-1].size, left[-1].bold) == (right[0].size, right[0].bold):
            continue
        gap = right[0].x0 - left[-1].x1
        text_size = max(w.size for w in right)
        size_difference = abs(left[0].size - text_size)
        other_weight = left[0].bold and not any(w.bold for w in right)
        apart = gap >= text_size and (size_difference >= _LABEL_SIZE_DIFFERENCE or other_weight)
        close = size_difference >= _LABEL_CLOSE_SIZE_DIFFERENCE and other_weight
        return index if (apart or close) and len(right) >= 2 else 0
    return 0


def make_line(row: list[Word], column: int, box: int | None = None) -> Line:
    parts: list[str] = []
    previous: Word | None = None
    for word in row:
        if previous is not None and (word.x0 - previous.x1 > 0.8 or word.top - previous.top > word.size * 0.5):
            parts.append(" ")
        parts.append(word.text)
        previous = word
    chars = sum(len(w.text) for w in row)
    size = sum(w.size * len(w.text) for w in row) / chars
    bold_chars = sum(len(w.text) for w in row if w.bold)
    italic_chars = sum(len(w.text) for w in row if w.italic)
    return Line(
        lead=_bold_run_in(row, parts),
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


def _bold_run_in(row: list[Word], parts: list[str]) -> int:
    """Characters of the bold words a line opens with when plain words follow them: a run-in
    label ("Recommendation 1 By 31 March 2025, ...")."""
    leading = 0
    while leading < len(row) and row[leading].bold:
        leading += 1
    if leading == 0 or leading == len(row):
        return 0
    text = "".join(parts)
    return len(text[: text.find(row[leading].text, sum(len(w.text) for w in row[:leading]))].rstrip())


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
