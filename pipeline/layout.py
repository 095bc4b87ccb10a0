"""From positioned words to lines in reading order: columns, paragraph gaps, footnotes, markers.

Pure functions over the dataclasses in models.py; nothing here touches pdfplumber.
"""
from __future__ import annotations

from collections import Counter
from statistics import median

from .models import LaidOutPage, Line, ParsedPage, Word

# A word is a footnote marker when it is a short number printed this much smaller than its line.
_MARKER_SIZE_RATIO = 0.8
# Footnotes are set this much smaller than the body text.
_FOOTNOTE_SIZE_RATIO = 0.92
_MIN_COLUMN_LINES = 6


def lay_out_page(page: ParsedPage) -> LaidOutPage:
    words = [w for w in page.words if w.text.strip()]
    if not words:
        return LaidOutPage(page.number, page.width, page.height, 1, (), (), ())
    body_size = _body_size(words)
    words, markers = _split_markers(words, body_size)
    gutter = find_gutter(words, page.width)
    if gutter is None:
        lines = _group_lines(words, column=0)
        columns = 1
    else:
        lines = _order_columns(words, gutter)
        columns = 2
    lines = _mark_paragraph_gaps(lines)
    body, footnotes = _split_footnotes(lines, body_size, page.height)
    return LaidOutPage(
        number=page.number,
        width=page.width,
        height=page.height,
        columns=columns,
        lines=tuple(body),
        footnote_lines=tuple(footnotes),
        footnote_markers=tuple(markers),
    )


def _body_size(words: list[Word]) -> float:
    """The most common font size weighted by characters: the size of the body text."""
    weights: Counter[float] = Counter()
    for word in words:
        weights[round(word.size, 1)] += len(word.text)
    return weights.most_common(1)[0][0]


def _split_markers(words: list[Word], body_size: float) -> tuple[list[Word], list[str]]:
    """Superscript footnote numbers: small digits raised against a neighbouring body-size word."""
    kept: list[Word] = []
    markers: list[str] = []
    for word in words:
        if _is_marker(word, words, body_size):
            markers.append(word.text)
        else:
            kept.append(word)
    return kept, markers


def _is_marker(word: Word, words: list[Word], body_size: float) -> bool:
    if not (word.text.isdigit() and len(word.text) <= 3):
        return False
    if word.size > body_size * _MARKER_SIZE_RATIO:
        return False
    for other in words:
        if other is word or other.size < body_size * _MARKER_SIZE_RATIO:
            continue
        same_band = other.top - 2 <= word.top <= other.top + (other.bottom - other.top) * 0.5
        adjacent = abs(other.x1 - word.x0) < 3 or abs(word.x1 - other.x0) < 3
        if same_band and adjacent and word.bottom < other.bottom - 1:
            return True
    return False


def find_gutter(words: list[Word], width: float) -> float | None:
    """An x in the middle of the page that no word crosses while text sits on both sides of it.

    pdfplumber reads across both columns line by line; a gutter lets us read column by column.
    """
    lo, hi = width * 0.3, width * 0.7
    best: tuple[int, float] | None = None
    step = 2.0
    x = lo
    rows = _row_keys(words)
    while x <= hi:
        if not any(w.x0 < x < w.x1 for w in words):
            left_rows = {rows[i] for i, w in enumerate(words) if w.x1 <= x}
            right_rows = {rows[i] for i, w in enumerate(words) if w.x0 >= x}
            both = len(left_rows & right_rows)
            if both >= _MIN_COLUMN_LINES and (best is None or both > best[0]):
                best = (both, x)
        x += step
    if best is None:
        return None
    total_rows = len(set(rows))
    return best[1] if best[0] >= total_rows * 0.4 else None


def _row_keys(words: list[Word]) -> list[int]:
    return [int(round(w.top / 3.0)) for w in words]


def _order_columns(words: list[Word], gutter: float) -> list[Line]:
    """Lines crossing the gutter (titles, full-width blocks) split the page into bands read in order."""
    all_lines = _group_lines(words, column=0)
    spanning_tops = sorted(line.top for line in all_lines if _crosses(line, words, gutter))
    ordered: list[Line] = []
    band_start = -1.0
    for cut in spanning_tops + [float("inf")]:
        band = [w for w in words if band_start < w.top < cut - 0.5]
        left = [w for w in band if w.x1 <= gutter]
        right = [w for w in band if w.x0 >= gutter]
        ordered += _group_lines(left, column=1) + _group_lines(right, column=2)
        if cut != float("inf"):
            ordered += [line for line in all_lines if abs(line.top - cut) < 0.01]
        band_start = cut + 0.5
    return ordered


def _crosses(line: Line, words: list[Word], gutter: float) -> bool:
    return any(w.x0 < gutter < w.x1 and abs(w.top - line.top) < 2.5 for w in words)


def _group_lines(words: list[Word], column: int) -> list[Line]:
    if not words:
        return []
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[list[Word]] = []
    for word in ordered:
        if rows and abs(word.top - rows[-1][0].top) <= max(2.5, word.size * 0.3):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [_make_line(sorted(row, key=lambda w: w.x0), column) for row in rows]


def _make_line(row: list[Word], column: int) -> Line:
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
    return Line(
        text="".join(parts),
        top=min(w.top for w in row),
        bottom=max(w.bottom for w in row),
        x0=row[0].x0,
        size=round(size, 2),
        bold=bold_chars * 2 > chars,
        column=column,
    )


def _mark_paragraph_gaps(lines: list[Line]) -> list[Line]:
    """A vertical gap clearly larger than the usual line spacing starts a new paragraph."""
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if b.column == a.column and b.top > a.top and abs(a.size - b.size) < 0.6
    ]
    usual = median(steps) if steps else 0.0
    result: list[Line] = []
    for index, line in enumerate(lines):
        gap = False
        if index > 0:
            previous = lines[index - 1]
            step = line.top - previous.top
            gap = (
                line.column != previous.column
                or step < 0
                or (usual > 0 and step > usual * 1.45)
                or step > max(previous.size, line.size) * 2.0
            )
        result.append(_replace_gap(line, gap))
    return result


def _replace_gap(line: Line, gap: bool) -> Line:
    if line.gap_before == gap:
        return line
    return Line(line.text, line.top, line.bottom, line.x0, line.size, line.bold, line.column, gap)


def _split_footnotes(lines: list[Line], body_size: float, height: float) -> tuple[list[Line], list[Line]]:
    """Footnotes: a block of smaller lines at the page foot that opens with a note number."""
    cut = len(lines)
    index = len(lines) - 1
    while index >= 0:
        line = lines[index]
        small = line.size < body_size * _FOOTNOTE_SIZE_RATIO
        low = line.top > height * 0.45
        if not (small and low):
            break
        if _starts_with_note_number(line.text):
            cut = index
        index -= 1
    # Lines below the footnote block but printed at body size (a footer) stay with the body for
    # the furniture pass; only the note block itself moves.
    footnotes = [l for l in lines[cut:] if l.size < body_size * _FOOTNOTE_SIZE_RATIO]
    body = lines[:cut] + [l for l in lines[cut:] if l.size >= body_size * _FOOTNOTE_SIZE_RATIO]
    return body, footnotes


def _starts_with_note_number(text: str) -> bool:
    head = text.split(" ", 1)[0].rstrip(".)")
    return head.isdigit() and len(head) <= 3
