"""From positioned words to lines in reading order: columns, paragraph gaps, footnotes, markers.

Pure functions over the dataclasses in models.py; nothing here touches pdfplumber.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from statistics import median

from pipeline.ingest.blocks import add_drawn_bullets, box_blocks, insert_blocks, table_blocks, take_boxed_words, take_tables
from pipeline.models import LaidOutPage, Line, ParsedPage, Word
from pipeline.ingest.rows import group_lines, make_line, mark_paragraph_gaps, printed_rows

# A word is a footnote marker when it is a short number printed this much smaller than its line.
_MARKER_SIZE_RATIO = 0.8
# A number alone between two lines of text needs less to tell it from them.
_LONE_MARKER_SIZE_RATIO = 0.9
# Footnotes are set this much smaller than the body text.
_FOOTNOTE_SIZE_RATIO = 0.92
# Furniture that may sit below the footnotes: up to two lines in the bottom 8% of the page.
_FOOTER_BAND = 0.08
# A page whose commonest type is this big is a cover or a title page in display type: its
# smaller lines (a date, the publisher) are no footnotes.
_DISPLAY_BODY_SIZE = 16.0
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
    words, tables = take_tables(words, body_size)
    words, boxed = take_boxed_words(words, page.boxes)
    gutter = find_gutter(words, page.width)
    if gutter is None:
        lines = group_lines(words, column=0)
        columns = 1
    else:
        lines = _order_columns(words, gutter)
        columns = 2
    lines = mark_paragraph_gaps(lines, body_size)
    if boxed or tables:
        lines = insert_blocks(lines, box_blocks(boxed, page.boxes) + table_blocks(tables))
    if page.marks:
        lines = add_drawn_bullets(lines, page.marks, body_size)
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
        if _is_marker(word, near, body_size) or _between_lines(word, big, tops, body_size):
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


def _between_lines(word: Word, big: list[Word], tops: list[float], body_size: float) -> bool:
    """A note number set between two lines of a paragraph, alone on its height: below the end of
    one line and above the next, in smaller type."""
    if not (word.text.isdigit() and len(word.text) <= 3) or word.size > body_size * _LONE_MARKER_SIZE_RATIO or word.bold:
        return False  # a bold number alone under a heading is the item's number badge
    step = body_size * 1.6
    around = big[bisect_left(tops, word.top - step):bisect_right(tops, word.top + step)]
    if any(other is not word and abs(other.top - word.top) <= 2.0 for other in around):
        return False  # a word beside it on its own height: a list number, a figure's label
    above = any(other.top < word.top - 2.0 and other.x0 - 3 <= word.x0 <= other.x1 + 3 for other in around)
    below = any(other.top > word.top + 2.0 for other in around)
    return above and below


def find_gutter(words: list[Word], width: float) -> tuple[float, float] | None:
    """The empty band between two columns of prose, as (left edge, right edge), or None.

    pdfplumber reads across both columns line by line; a gutter lets us read column by column.
    A candidate x in the middle of the page must leave at least a few lines wholly on each side
    of it; full-width rows (titles, a full-width paragraph) may cross it. The band around it must
    then look like a gutter: wider than a word space (aligned spaces in a single column are not a
    gutter), narrower than a table's gap, with both columns filled to it as prose is (a block of
    short labels and values is read row by row).
    """
    rows = printed_rows(words)
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


def _order_columns(words: list[Word], gutter: tuple[float, float]) -> list[Line]:
    """Full-width rows split the page into bands, each read left column then right column."""
    middle = (gutter[0] + gutter[1]) / 2
    ordered: list[Line] = []
    left: list[Word] = []
    right: list[Word] = []
    for row in printed_rows(words):
        if _spans(row, gutter):
            ordered += group_lines(left, column=1) + group_lines(right, column=2)
            ordered.append(make_line(sorted(row, key=lambda w: w.x0), column=0))
            left, right = [], []
        else:
            left += _side_words(row, middle, left=True)
            right += _side_words(row, middle, left=False)
    return ordered + group_lines(left, column=1) + group_lines(right, column=2)


def _split_footnotes(lines: list[Line], body_size: float, height: float) -> tuple[list[Line], list[Line]]:
    """Footnotes: a block of smaller lines at the page foot that opens with a note number."""
    if body_size >= _DISPLAY_BODY_SIZE:
        return lines, []
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
        if not (small and low) or line.cell is not None or line.box is not None:
            break  # a table's small print or a boxed note is no footnote
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
