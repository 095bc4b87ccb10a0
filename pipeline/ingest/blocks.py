"""What a page prints apart from its flow of text: boxes (a shaded box, a sidebar, a table cell)
read as blocks of their own, and bullets drawn as shapes.

Pure functions over the dataclasses in models.py; nothing here touches pdfplumber.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Box, Line, Word
from pipeline.ingest.rows import group_lines, mark_paragraph_gaps, printed_rows, replace_gap


def take_boxed_words(words: list[Word], boxes: tuple[Box, ...]) -> tuple[list[Word], dict[int, list[Word]]]:
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


def box_blocks(boxed: dict[int, list[Word]], boxes: tuple[Box, ...]) -> list[tuple[float, list[Line]]]:
    """Each box's lines, as a block that starts at the box's top."""
    blocks = []
    for index in sorted(boxed, key=lambda i: (boxes[i].top, boxes[i].x0)):
        block = mark_paragraph_gaps(group_lines(boxed[index], column=0, box=index))
        block[0] = replace_gap(block[0], True)
        blocks.append((boxes[index].top, block))
    return blocks


_LABEL_WORDS = 4


def _joined(lines: list[Line]) -> Line:
    return replace(lines[0], text=" ".join(line.text for line in lines), bottom=max(line.bottom for line in lines),
                   x1=max(line.x1 for line in lines))


def insert_blocks(lines: list[Line], blocks: list[tuple[float, list[Line]]]) -> list[Line]:
    """Each block (a box, a table) goes in whole before the first paragraph that starts at or below
    its top: a block is set between paragraphs, or beside them as a sidebar."""
    placed: dict[int, list[list[Line]]] = {}
    lines = list(lines)
    for top, block in sorted(blocks, key=lambda b: b[0]):
        position = next(
            (i for i, line in enumerate(lines) if line.top >= top - 0.5 and (i == 0 or line.gap_before)),
            len(lines),
        )
        # a label in the margin beside the block ("Recommendation" / "1" left of a box) heads it,
        # its lines read as one
        left = min(line.x0 for line in block)
        bottom = max(line.bottom for line in block)
        label = position
        while (label < len(lines) and lines[label].top < bottom and lines[label].x1 <= left
               and len(lines[label].text.split()) <= _LABEL_WORDS):
            label += 1
        if label - position > 1:
            shift = label - position - 1
            lines[position:label] = [_joined(lines[position:label])]
            placed = {(p if p <= position else p - shift): b for p, b in placed.items()}
            label = position + 1
        placed.setdefault(label, []).append(block)
    result: list[Line] = []
    for position in range(len(lines) + 1):
        for block in placed.get(position, []):
            result += block
        if position < len(lines):
            line = lines[position]
            result.append(replace_gap(line, True) if position in placed else line)
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


def add_drawn_bullets(lines: list[Line], marks: tuple[Box, ...], body_size: float) -> list[Line]:
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
                line = replace(line, text=f"• {line.text}", lead=line.lead + 2 if line.lead else 0)
        result.append(line)
    return result


# Tables. A header's cells are set apart by gaps wider than this many text sizes (a word space is
# a quarter, and justified text stretches it to about a half).
_CELL_GAP = 0.8
# A cell starts within this many points of its column's left edge.
_COLUMN_SLACK = 3.0
# A table has at least this many printed rows with two or more cells, and a new table row starts
# where the rows step further apart than this share of the table's line spacing.
_MIN_TABLE_ROWS = 3
_BALANCED_COLUMNS = 0.75
_HEADER_WORDS = 6
_ROW_STEP = 1.3
_NAMED_COLUMNS = 3


def take_tables(words: list[Word], size: float) -> tuple[list[Word], list[list[list[list[Word]]]]]:
    """Tables: runs of printed rows whose words fall into columns that start at the same places
    (a row of two or more cells set apart, the header, fixes them), each cell starting at its
    column's left edge and no word running across one. Returns the other words and each table as
    rows of cells of words. Two columns or more hold words, not only numbers (a contents page's
    titles beside a column of page numbers do not make a table), and some cell runs over two lines or
    more: a table of one-line rows reads well enough row by row ("Antivirals  Medicines used to
    treat ..."), but wrapped cells read across would mix their words. Table rows are told apart by
    the space between them; where there is none (a glossary set solid) the rows are read across.
    A table with no header row whose first column numbers its rows 1, 2, 3 ... is one too."""
    rows = [sorted(row, key=lambda w: w.x0) for row in printed_rows(words)]
    taken: set[int] = set()
    tables: list[list[list[list[Word]]]] = []
    index = 0
    while index < len(rows):
        header = _cells(rows[index], size)
        lefts = [cell[0].x0 for cell in header]
        end = index + 1
        numbered = len(header) == 2 and _number(header[0]) == 1 and _wordy(header[1])
        first = _columns(rows[index], lefts) if len(lefts) >= 2 and (_names_columns(header) or numbered) else None
        # a header whose own words cross its columns (zero-width or overlapping glyphs) heads no table
        columns = [first] if first is not None else []
        while columns and end < len(rows) and rows[end][0].top - rows[end - 1][0].bottom < size * 3:
            split = _columns(rows[end], lefts)
            if split is None:
                break
            columns.append(split)
            end += 1
        table = _table_rows(columns, rows[index:end], len(lefts)) if columns else []
        wordy = sum(1 for col in range(len(lefts)) if any(_wordy(row[col]) for row in columns))
        # a header naming three columns or more over even one row is a table (an item, its
        # number and its deadline in cells of their own), wrapped or not
        named = (len(lefts) >= _NAMED_COLUMNS and _names_columns(header) and len(table) >= 2
                 and end > index + 1 and _set_apart(rows[index], rows[index + 1]))
        filled = sum(1 for row in columns if sum(1 for cell in row if cell) >= 2)
        if ((filled >= _MIN_TABLE_ROWS or (named and filled >= 2))
                and (wordy >= 2 or (numbered and _counts_on(table)))
                and not _prose_columns(columns) and 2 <= len(table) and (len(table) < len(columns) or named)):
            tables.append(table)
            taken.update(id(w) for row in rows[index:end] for w in row)
            index = end
        else:
            index += 1
    return [w for w in words if id(w) not in taken], tables


def _set_apart(header: list[Word], row: list[Word]) -> bool:
    """A header row printed in other type than the row under it (bold over plain, or smaller)."""
    bold = all(w.bold for w in header) and not all(w.bold for w in row)
    return bold or abs(header[0].size - row[0].size) >= 0.5


def _prose_columns(columns: list[list[list[Word]]]) -> bool:
    """Two columns of the same width are a page set in two columns of prose, not a table."""
    if len(columns[0]) != 2:
        return False
    widths = []
    for column in range(2):
        cells = [row[column] for row in columns if row[column]]
        widths.append(max(w.x1 for cell in cells for w in cell) - min(cell[0].x0 for cell in cells))
    return min(widths) >= max(widths) * _BALANCED_COLUMNS


# A list's markers or paragraph numbers set in a margin of their own ("•", "1.", "(ii)", "S12",
# "2.15", or a glyph the font does not map, "(cid:127)") make no table.
_MARKER_WORD = re.compile(
    r"^(?:\(?(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,5})[.)]?|S?\d{1,2}(?:\.\d{1,3})*\.?|[•▪●◦‣∙·○◆◇■□►▸➢➤✓✔*–—-]|\(cid:\d+\))$"
)


def _names_columns(header: list[list[Word]]) -> bool:
    """A header row names its columns: every cell a few words, none a list marker or a sentence
    (a margin's paragraph number beside its paragraph is no header)."""
    return all(_wordy(cell) and len(cell) <= _HEADER_WORDS and not cell[-1].text.endswith((",", ";"))
               and not (len(cell) > 2 and cell[-1].text.endswith(".")) for cell in header)  # "No." heads; a sentence ends


def _number(cell: list[Word]) -> int | None:
    text = " ".join(w.text for w in cell).strip().rstrip(".")
    return int(text) if text.isdigit() else None


def _counts_on(table: list[list[list[Word]]]) -> bool:
    """A table with no header whose first column numbers its rows 1, 2, 3 ...: a numbered list
    set as a table (its numbers in a shaded column, say)."""
    return [_number(row[0]) for row in table] == list(range(1, len(table) + 1))


def _wordy(cell: list[Word]) -> bool:
    """A cell of words, not only numbers or list markers."""
    return any(any(c.isalpha() for c in w.text) and not _MARKER_WORD.match(w.text) for w in cell)


def _cells(row: list[Word], size: float) -> list[list[Word]]:
    cells: list[list[Word]] = []
    for word in row:
        if cells and word.x0 - cells[-1][-1].x1 <= size * _CELL_GAP:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _columns(row: list[Word], lefts: list[float]) -> list[list[Word]] | None:
    """The row's words by column, or None where they do not fall into these columns: a cell starts
    at its column's left edge (cells are set flush left) and no word crosses the next one's."""
    split: list[list[Word]] = [[] for _ in lefts]
    for word in row:
        column = max((c for c, left in enumerate(lefts) if left - _COLUMN_SLACK <= word.x0), default=None)
        if column is None:
            return None
        if column + 1 < len(lefts) and word.x1 > lefts[column + 1] - _COLUMN_SLACK:
            return None
        if not split[column] and abs(word.x0 - lefts[column]) > _COLUMN_SLACK:
            return None
        split[column].append(word)
    return split


def _table_rows(columns: list[list[list[Word]]], rows: list[list[Word]], width: int) -> list[list[list[Word]]]:
    """Printed rows grouped into table rows (a table row's cells may run over several lines): a
    row starts where a column's next line comes further below its last line than the table's line
    spacing allows, even while a cell beside it runs on (an owner printed once for two rows)."""
    steps = sorted(b[0].top - a[0].top for a, b in zip(rows, rows[1:]))
    usual = steps[len(steps) // 4] if steps else 0.0
    table: list[list[list[Word]]] = []
    last_top: dict[int, float] = {}
    for split, row in zip(columns, rows):
        top = row[0].top
        # of two printed rows (a header over one row) there is no spacing to compare: two rows
        starts = not table or len(rows) == 2 or any(
            words and column in last_top and top - last_top[column] > usual * _ROW_STEP for column, words in enumerate(split))
        if starts:
            table.append([[] for _ in range(width)])
        for column, words in enumerate(split):
            if words:
                table[-1][column] += words
                last_top[column] = top
    return table


def table_blocks(tables: list[list[list[list[Word]]]]) -> list[tuple[float, list[Line]]]:
    """Each table as one block of lines, cell by cell, row by row, each cell a paragraph of its
    own marked with its (table, row, column)."""
    blocks = []
    for number, table in enumerate(tables):
        lines: list[Line] = []
        for row_number, row in enumerate(table):
            for column, words in enumerate(row):
                if not words:
                    continue
                cell_lines = [replace(line, cell=(number, row_number, column)) for line in group_lines(words, column=0)]
                cell_lines[0] = replace_gap(cell_lines[0], True)
                lines += cell_lines
        top = min(w.top for row in table for cell in row for w in cell)
        blocks.append((top, lines))
    return blocks
