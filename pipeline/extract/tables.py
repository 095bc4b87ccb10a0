"""Items printed in a table: a header row names what each column holds (the item, its deadline,
who owns it), and each row below it is one item. The header words are rules (`table_column`)."""
from __future__ import annotations

import re

from pipeline.rules import Rule
from pipeline.extract.document_text import DocLine, DocumentText
from pipeline.extract.segment import Segment

ITEM, DEADLINE, OWNER, NUMBER, KIND = "item", "deadline", "owner", "number", "kind"
# A row's number as a column prints it: "3", "3.", "(3)", or after the kind's initials, "Rec 3", "R3".
_LABELLED_NUMBER = re.compile(r"^\(?([A-Za-z]{1,4}\.?\s?|)(\d{1,3})[.)]?$")


def table_segments(doc: DocumentText, column_rules: tuple[Rule, ...],
                   kind_rules: tuple[Rule, ...] = ()) -> tuple[list[Segment], set[int]]:
    """Segments for the rows of tables whose header names an item column, and the indexes of the
    lines those tables take (the segmenter leaves them alone). A table continued on the next page
    without its header keeps the columns of the one before, where it has as many. A "Type" column
    gives each row its kind by the item headings (`kind_rules`: "Area for improvement")."""
    tables: dict[tuple[int, int], dict[int, dict[int, list[int]]]] = {}
    for index, line in enumerate(doc.lines):
        cell = line.style.cell if line.style is not None else None
        if cell is not None:
            table, row, column = cell
            tables.setdefault((line.page, table), {}).setdefault(row, {}).setdefault(column, []).append(index)
    segments: list[Segment] = []
    taken: set[int] = set()
    previous: tuple[int, dict[int, tuple[str, Rule]]] | None = None
    for rows in tables.values():
        width = 1 + max(column for cells in rows.values() for column in cells)
        roles = _header(doc.lines, rows[min(rows)], column_rules)
        body = [rows[r] for r in sorted(rows)][1:]
        if roles is None and previous is not None and previous[0] == width:
            roles, body = previous[1], [rows[r] for r in sorted(rows)]
        if roles is None:
            continue
        roles = _numbers_column(doc.lines, body, roles, column_rules)
        previous = (width, roles)
        taken.update(index for cells in rows.values() for indexes in cells.values() for index in indexes)
        owner = None
        for cells in body:
            segment = _row_segment(doc.lines, cells, roles, kind_rules)
            if segment is None:
                continue
            # an owner printed once for the rows below it (a merged cell) owns them too
            owner = segment.cells.get(OWNER, owner)
            if owner is not None:
                segment.cells[OWNER] = owner
            segments.append(segment)
    return segments, taken


def _text(lines: tuple[DocLine, ...], indexes: list[int]) -> str:
    return " ".join(" ".join(lines[i].text for i in indexes).split())


def _header(lines, cells: dict[int, list[int]], column_rules) -> dict[int, tuple[str, Rule]] | None:
    roles: dict[int, tuple[str, Rule]] = {}
    for column, indexes in cells.items():
        text = _text(lines, indexes)
        for rule in column_rules:
            if rule.regex.search(text):
                roles[column] = (str(rule.get("column")), rule)
                break
    if any(role == ITEM and rule.get("needs_kind") for role, rule in roles.values()) and not any(
            role == KIND for role, _rule in roles.values()):
        return None  # "Finding" is an item column only beside a "Type" column naming each row's kind
    return roles if any(role == ITEM for role, _rule in roles.values()) else None


def _numbers_column(lines, body, roles: dict[int, tuple[str, Rule]], column_rules) -> dict[int, tuple[str, Rule]]:
    """A column whose header names no role ("AFI", "Ref") but whose rows count 1, 2, 3 ... holds
    the items' numbers."""
    if any(role == NUMBER for role, _rule in roles.values()):
        return roles
    number_rule = next((r for r in column_rules if r.get("column") == NUMBER), None)
    columns = {column for cells in body for column in cells} - set(roles)
    for column in sorted(columns):
        values = [_text(lines, cells[column]) if column in cells else "" for cells in body]
        numbers = _counted(values)
        if number_rule is not None and numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return {**roles, column: (NUMBER, number_rule)}
    return roles


def _counted(values: list[str]) -> list[int] | None:
    """The numbers a column prints, "1.", "Rec 1" or "R1", when every row prints one after the
    same prefix; None otherwise."""
    found = [_LABELLED_NUMBER.match(value.strip()) for value in values]
    matches = [m for m in found if m is not None]
    if not matches or len(matches) < len(found) or len({m.group(1) for m in matches}) != 1:
        return None
    return [int(m.group(2)) for m in matches]


def _number_of(text: str) -> str | None:
    """"3" of "Rec 3"; None for "–" (a row with no number)."""
    printed = " ".join(text.split()).rstrip(".")
    match = _LABELLED_NUMBER.match(printed)
    if match:
        return match.group(2)
    return printed if any(c.isdigit() for c in printed) else None


def _row_segment(lines, cells: dict[int, list[int]], roles: dict[int, tuple[str, Rule]],
                 kind_rules: tuple[Rule, ...] = ()) -> Segment | None:
    spans: dict[str, tuple[int, int]] = {}
    item_rule = None
    for column, (role, rule) in roles.items():
        indexes = cells.get(column)
        if indexes:
            spans[role] = (lines[indexes[0]].start, lines[indexes[-1]].end)
            if role == ITEM:
                item_rule = rule
    if ITEM not in spans or item_rule is None:
        return None
    start, end = spans.pop(ITEM)
    number = None
    if NUMBER in spans:
        number = _number_of(_cell_text(lines, cells, roles, NUMBER))
    kind, rules = str(item_rule.get("kind", "recommendation")), [item_rule.id]
    if KIND in spans:
        printed = _cell_text(lines, cells, roles, KIND)
        named = next((r for r in kind_rules if r.regex.match(printed)), None)
        if named is None:
            return None  # a row of another sort ("Good practice", "Innovative practice")
        kind, rules = str(named.get("kind")), [item_rule.id, named.id]
    return Segment(
        kind=kind, number=number, label=None, start=start, body_start=start, end=end, rules=rules,
        has_body=True, cells=spans,
    )


def _cell_text(lines, cells, roles, wanted: str) -> str:
    for column, (role, _rule) in roles.items():
        if role == wanted and cells.get(column):
            return _text(lines, cells[column])
    return ""
