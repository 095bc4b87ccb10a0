"""From positioned words to lines in reading order: columns, paragraph gaps, footnotes, markers.

Pure functions over the dataclasses in models.py; nothing here touches pdfplumber.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from statistics import median

from .models import Box, LaidOutPage, Line, ParsedPage, Word

# A word is a footnote marker when it is a short number printed this much smaller than its line.
_MARKER_SIZE_RATIO = 0.8
# Footnotes are set this much smaller than the body text.
_FOOTNOTE_SIZE_RATIO = 0.92
# Furniture that may sit below the footnotes: up to two lines in the bottom 8% of the page.
_FOOTER_BAND = 0.08
_FOOTER_LINES = 2
_MIN_COLUMN_LINES = 6
# Full-width rows (titles, a full-width paragraph) may cross the gutter in up to this share of rows.
_MAX_SPANNING_SHARE = 0.34
# A gutter is wider than this many times the text size (word spaces are about a quarter of it)...
_MIN_GUTTER_SPACES = 0.8
# ...and narrower than this share of the page width (wider gaps are tables or label/value blocks).
_MAX_GUTTER_SHARE = 0.15
# Prose fills its column: the median line reaches this share of the way to the gutter.
_MIN_COLUMN_FILL = 0.7
# Two columns of prose have nearly the same width (tables, label lists and diagrams do not)...
_MIN_WIDTH_BALANCE = 0.75
# ...and no gap between words wider than this many times the text size (a gap between table
# cells) in more than this share of their lines.
_MAX_WORD_GAP = 1.5
_MAX_GAPPED_SHARE = 0.15


def lay_out_page(page: ParsedPage) -> LaidOutPage:
    words = [w for w in page.words if w.text.strip()]
    if not words:
        return LaidOutPage(page.number, page.width, page.height, 1, (), (), ())
    body_size = _body_size(words)
    words, markers = _split_markers(words, body_size)
    words, boxed = _take_boxed_words(words, page.boxes)
    gutter = find_gutter(words, page.width)
    if gutter is None:
        lines = _group_lines(words, column=0)
        columns = 1
    else:
        lines = _order_columns(words, gutter)
        columns = 2
    lines = _mark_paragraph_gaps(lines, body_size)
    if boxed:
        lines = _insert_boxes(lines, boxed, page.boxes)
    if page.marks:
        lines = _add_drawn_bullets(lines, page.marks, body_size)
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
    # Only words near a candidate's height can be its neighbour: look those up by `top` instead of
    # scanning the page for every small number (that scan was a quarter of the layout time).
    big = sorted((w for w in words if w.size >= body_size * _MARKER_SIZE_RATIO), key=lambda w: w.top)
    tops = [w.top for w in big]
    reach = max((w.bottom - w.top for w in big), default=0.0) * 0.5 + 0.01
    for word in words:
        near = big[bisect_left(tops, word.top - reach):bisect_right(tops, word.top + 2.01)]
        if _is_marker(word, near, body_size):
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


def find_gutter(words: list[Word], width: float) -> tuple[float, float] | None:
    """The empty band between two columns of prose, as (left edge, right edge), or None.

    pdfplumber reads across both columns line by line; a gutter lets us read column by column.
    A candidate x in the middle of the page must leave at least a few lines wholly on each side
    of it; full-width rows (titles, a full-width paragraph) may cross it. The band around it must
    then look like a gutter: wider than a word space (aligned spaces in a single column are not a
    gutter), narrower than a table's gap, with both columns filled to it as prose is (a block of
    short labels and values is read row by row).
    """
    rows = _rows(words)
    if not rows:
        return None
    size = median(w.size for w in words)
    tried: set[tuple[float, float]] = set()
    for x in _gutter_candidates(rows, width):
        band = _band(rows, x)
        if band is None or band in tried:
            continue
        tried.add(band)
        if _looks_like_gutter(rows, band, size, width):
            return band
    return None


def _gutter_candidates(rows: list[list[Word]], width: float) -> list[float]:
    """x positions that leave enough rows wholly on each side, best first."""
    xs: list[float] = []
    x = width * 0.3
    while x <= width * 0.7:
        xs.append(x)
        x += 2.0
    # Per candidate x: rows crossing it, and rows wholly clear of it with words on its left or
    # right. Each row's words mark the x's they cross (a bisect each), instead of testing every
    # word of every row at every x.
    crossing = [0] * len(xs)
    left = [0] * len(xs)
    right = [0] * len(xs)
    for row in rows:
        crossed = bytearray(len(xs))
        for w in row:
            for k in range(bisect_right(xs, w.x0), bisect_left(xs, w.x1)):
                crossed[k] = 1
        first_left = bisect_left(xs, min(w.x1 for w in row))  # some word ends at or before x
        end_right = bisect_right(xs, max(w.x0 for w in row))  # some word starts at or after x
        for k in range(len(xs)):
            if crossed[k]:
                crossing[k] += 1
            else:
                left[k] += k >= first_left
                right[k] += k < end_right
    scored: list[tuple[int, float]] = []
    for k, x in enumerate(xs):
        if crossing[k] <= len(rows) * _MAX_SPANNING_SHARE and min(left[k], right[k]) >= _MIN_COLUMN_LINES:
            # Every row a candidate cuts through counts against it.
            scored.append((min(left[k], right[k]) - crossing[k], x))
    return [x for _count, x in sorted(scored, key=lambda pair: -pair[0])]


def _crossed(row: list[Word], x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in row)


def _side_words(row: list[Word], x: float, left: bool) -> list[Word]:
    return [w for w in row if (w.x1 <= x if left else w.x0 >= x)]


def _band(rows: list[list[Word]], x: float) -> tuple[float, float] | None:
    """The empty band around x left by the rows that do not cross it.

    A lone word (a page number centred in the gutter's path, a paragraph's last word) says
    nothing about where the columns end and start, so only runs of two or more words count.
    """
    kept = [row for row in rows if not _crossed(row, x)]
    left_parts = [part for row in kept if len(part := _side_words(row, x, left=True)) >= 2]
    right_parts = [part for row in kept if len(part := _side_words(row, x, left=False)) >= 2]
    lefts = [w.x1 for part in left_parts for w in part]
    rights = [w.x0 for part in right_parts for w in part]
    if not lefts or not rights:
        return None
    return (max(lefts), min(rights))


def _looks_like_gutter(rows: list[list[Word]], band: tuple[float, float], size: float, width: float) -> bool:
    left_edge, right_edge = band
    if not (size * _MIN_GUTTER_SPACES <= right_edge - left_edge <= width * _MAX_GUTTER_SHARE):
        return False
    middle = (left_edge + right_edge) / 2
    columns = [row for row in rows if not _spans(row, band)]
    left_parts = [part for row in columns if (part := _side_words(row, middle, left=True))]
    right_parts = [part for row in columns if (part := _side_words(row, middle, left=False))]
    left_start = min(w.x0 for part in left_parts for w in part)
    right_end = max(w.x1 for part in right_parts for w in part)
    left_width, right_width = left_edge - left_start, right_end - right_edge
    if left_width <= 0 or right_width <= 0:
        return False
    # Columns of prose are set to the same width; a table's or a diagram's are not.
    if min(left_width, right_width) < max(left_width, right_width) * _MIN_WIDTH_BALANCE:
        return False
    # A wide gap inside one side of a row is a gap between table cells.
    parts = left_parts + right_parts
    gapped = sum(1 for part in parts if _widest_gap(part) > size * _MAX_WORD_GAP)
    if gapped > len(parts) * _MAX_GAPPED_SHARE:
        return False
    left_fill = median((max(w.x1 for w in part) - left_start) / left_width for part in left_parts)
    right_fill = median((right_end - min(w.x0 for w in part)) / right_width for part in right_parts)
    return min(left_fill, right_fill) >= _MIN_COLUMN_FILL


def _widest_gap(part: list[Word]) -> float:
    ordered = sorted(part, key=lambda w: w.x0)
    return max((b.x0 - a.x1 for a, b in zip(ordered, ordered[1:])), default=0.0)


def _spans(row: list[Word], band: tuple[float, float]) -> bool:
    """A row with a word inside the gutter band is full width (a title, a full-width paragraph)."""
    left_edge, right_edge = band
    return any(w.x1 > left_edge + 0.5 and w.x0 < right_edge - 0.5 for w in row)


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed rows across the whole page width."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[list[Word]] = []
    for word in ordered:
        if rows and abs(word.top - rows[-1][0].top) <= max(2.5, word.size * 0.3):
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def _order_columns(words: list[Word], gutter: tuple[float, float]) -> list[Line]:
    """Full-width rows split the page into bands, each read left column then right column."""
    middle = (gutter[0] + gutter[1]) / 2
    ordered: list[Line] = []
    left: list[Word] = []
    right: list[Word] = []
    for row in _rows(words):
        if _spans(row, gutter):
            ordered += _group_lines(left, column=1) + _group_lines(right, column=2)
            ordered.append(_make_line(sorted(row, key=lambda w: w.x0), column=0))
            left, right = [], []
        else:
            left += _side_words(row, middle, left=True)
            right += _side_words(row, middle, left=False)
    return ordered + _group_lines(left, column=1) + _group_lines(right, column=2)


def _group_lines(words: list[Word], column: int, box: int | None = None) -> list[Line]:
    return [_make_line(sorted(row, key=lambda w: w.x0), column, box) for row in _rows(words)]


def _take_boxed_words(words: list[Word], boxes: tuple[Box, ...]) -> tuple[list[Word], dict[int, list[Word]]]:
    """Words printed inside a box (a shaded box, a sidebar, a table cell) are read as the box's own
    block, never interleaved with the text beside it. A word belongs to the smallest box around it."""
    if not boxes:
        return words, {}
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i].x1 - boxes[i].x0) * (boxes[i].bottom - boxes[i].top))
    free: list[Word] = []
    boxed: dict[int, list[Word]] = {}
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        for index in order:
            box = boxes[index]
            if box.x0 <= x <= box.x1 and box.top <= y <= box.bottom:
                boxed.setdefault(index, []).append(word)
                break
        else:
            free.append(word)
    # A shape that cuts through a printed line (a cover's artwork, a highlight behind one word) is
    # no box: its words go back to the line they are printed in.
    owner = {id(word): index for index, inside in boxed.items() for word in inside}
    rows: dict[int, list[Word]] = {}
    for word in words:
        rows.setdefault(round(word.top / 2), []).append(word)
    cutting = {index for index, inside in boxed.items() if _cuts_a_line(inside, rows, owner, index)}
    for index in sorted(cutting):
        free += boxed.pop(index)
    return free, boxed


def _cuts_a_line(inside: list[Word], rows: dict[int, list[Word]], owner: dict[int, int], box: int) -> bool:
    """Whether a word in the box has a neighbour on its printed line outside the box."""
    for word in inside:
        reach = word.size * _SAME_LINE_GAP
        key = round(word.top / 2)
        for other in rows.get(key - 1, []) + rows.get(key, []) + rows.get(key + 1, []):
            if owner.get(id(other)) == box or abs(other.top - word.top) > 2.0:
                continue
            if 0 <= word.x0 - other.x1 <= reach or 0 <= other.x0 - word.x1 <= reach:
                return True
    return False


# Two words of one printed line are at most this many text sizes apart (a word space is about a
# quarter; table cells are set further apart than this).
_SAME_LINE_GAP = 0.6


def _insert_boxes(lines: list[Line], boxed: dict[int, list[Word]], boxes: tuple[Box, ...]) -> list[Line]:
    """Each box's lines go in as one block before the first paragraph that starts at or below the
    box's top (a box is set between paragraphs, or beside them as a sidebar)."""
    blocks: dict[int, list[list[Line]]] = {}
    for index in sorted(boxed, key=lambda i: (boxes[i].top, boxes[i].x0)):
        block = _mark_paragraph_gaps(_group_lines(boxed[index], column=0, box=index))
        block[0] = _replace_gap(block[0], True)
        position = next(
            (i for i, line in enumerate(lines) if line.top >= boxes[index].top - 0.5 and (i == 0 or line.gap_before)),
            len(lines),
        )
        blocks.setdefault(position, []).append(block)
    result: list[Line] = []
    for position in range(len(lines) + 1):
        for block in blocks.get(position, []):
            result += block
        if position < len(lines):
            line = lines[position]
            result.append(_replace_gap(line, True) if position in blocks else line)
    return result


# A drawn bullet sits left of its line's first word, within this many points, about as wide as it
# is tall, smaller than the text and centred on it; headings and titles have none.
_BULLET_REACH = 24.0
_BULLET_ASPECT = (0.6, 1.7)
_BULLET_SIZE = 0.75
_BULLET_LINE_SIZE = 1.2
# A bullet stands alone; shapes with others this close (points) are artwork.
_BULLET_ALONE = 4.0
_GRID = 16.0  # larger than a mark plus _BULLET_ALONE


def _near(a: Box, b: Box, distance: float) -> bool:
    return a.x0 - distance <= b.x1 and b.x0 - distance <= a.x1 and a.top - distance <= b.bottom and b.top - distance <= a.bottom


def _add_drawn_bullets(lines: list[Line], marks: tuple[Box, ...], body_size: float) -> list[Line]:
    """Bullets drawn as small shapes print no glyph: give their lines the "•" a glyph would have."""
    cells: dict[tuple[int, int], list[Box]] = {}
    for mark in marks:  # a grid, so artwork of thousands of shapes is not compared pair by pair
        cells.setdefault((int(mark.x0 // _GRID), int(mark.top // _GRID)), []).append(mark)

    def alone(mark: Box) -> bool:
        x, y = int(mark.x0 // _GRID), int(mark.top // _GRID)
        return not any(other is not mark and _near(mark, other, _BULLET_ALONE)
                       for dx in (-1, 0, 1) for dy in (-1, 0, 1) for other in cells.get((x + dx, y + dy), ()))

    shapes = [m for m in marks if _BULLET_ASPECT[0] <= (m.x1 - m.x0) / max(m.bottom - m.top, 0.01) <= _BULLET_ASPECT[1]
              and alone(m)]
    result = []
    for line in lines:
        if shapes and line.size <= body_size * _BULLET_LINE_SIZE and not line.text.startswith("•"):
            middle = (line.top + line.bottom) / 2
            if any(
                m.top <= middle <= m.bottom + (line.bottom - line.top) * 0.25
                and m.bottom - m.top <= line.size * _BULLET_SIZE
                and line.x0 - _BULLET_REACH <= m.x0 and m.x1 <= line.x0 - 0.5
                for m in shapes
            ):
                line = replace(line, text=f"• {line.text}")
        result.append(line)
    return result


def _make_line(row: list[Word], column: int, box: int | None = None) -> Line:
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


def _mark_paragraph_gaps(lines: list[Line], body_size: float | None = None) -> list[Line]:
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
            gap = (
                line.column != previous.column
                or step < 0
                or (usual > 0 and step > usual * _PARAGRAPH_STEP)
                or step > max(previous.size, line.size) * 2.0
            )
        result.append(_replace_gap(line, gap))
    return result


def _replace_gap(line: Line, gap: bool) -> Line:
    if line.gap_before == gap:
        return line
    return replace(line, gap_before=gap)


def _split_footnotes(lines: list[Line], body_size: float, height: float) -> tuple[list[Line], list[Line]]:
    """Footnotes: a block of smaller lines at the page foot that opens with a note number."""
    cut = len(lines)
    index = len(lines) - 1
    # A footer printed at body size under the notes (a page number, a running footer) must not
    # hide the note block above it.
    footer_top = height * (1 - _FOOTER_BAND)
    skipped = 0
    while index >= 0 and skipped < _FOOTER_LINES and lines[index].top >= footer_top:
        if lines[index].size < body_size * _FOOTNOTE_SIZE_RATIO:
            break
        index -= 1
        skipped += 1
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
