"""Workbooks ready to work in: the review sheet and the item exports as formatted XLSX.

One writer for every spreadsheet the tool hands out, so they all look and behave alike: the
header row bold and frozen, an auto-filter over the data, columns as wide as people need to
read them (long text wrapped in a wide column rather than one endless line), and a drop-down
list (data validation) on the columns people fill in, so a typo such as "acept" never reaches
`review apply` or `track`. Text that a spreadsheet would run as a formula stays text
(spreadsheet.keep_text). List cells use LIST_SEPARATOR, as every CSV export does.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.review.spreadsheet import keep_text

# Lists in one cell (addressee ids) are joined with this in every CSV and XLSX the tool writes;
# `review apply` also takes a plain comma, as people type one.
LIST_SEPARATOR = "; "

# Widths in characters: what a reader needs to see of each column without widening it.
_WIDTHS = {
    "text": 80, "report_title": 40, "title": 40, "report_file": 28, "addressees": 28, "addressee_text": 28,
    "deadline_text": 24, "note": 30, "evidence": 40, "due_reason": 30, "owner": 18, "label": 20, "kind": 20,
    "id": 22, "report_sha256": 16, "parent": 22,
}
_DEFAULT_WIDTH = 14
# Columns whose cells wrap instead of running on past the column's edge.
_WRAPPED = {"text", "report_title", "title", "addressees", "addressee_text", "deadline_text", "note", "evidence",
            "due_reason"}
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
# One style object per look, shared by every cell that has it: openpyxl keeps one entry per
# distinct style anyway, and building (and comparing) a new one for every cell cost more than
# the rest of the formatting together.
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
_CELL_ALIGNMENT = {True: Alignment(vertical="top", wrap_text=True), False: Alignment(vertical="top", wrap_text=False)}
# Rows a drop-down covers past the data, so a row typed in below the last one gets it too.
_SPARE_ROWS = 200


def write_workbook(path: Path, columns: Sequence[str], rows: Iterable[dict], *, sheet_name: str,
                   choices: Mapping[str, Sequence[str]] | None = None) -> int:
    """Write `rows` (dicts keyed by `columns`) as one formatted sheet; `choices` maps a column to
    the values its drop-down offers (an empty cell is always allowed). Returns the rows written."""
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet, typed as a worksheet (`active` may be None)
    sheet.title = sheet_name
    sheet.append(list(columns))
    count = 0
    for row in rows:
        sheet.append([_cell_value(row.get(column)) for column in columns])
        count += 1
    keep_text(sheet)
    _format(sheet, columns, count)
    for column, values in (choices or {}).items():
        if column in columns:
            _drop_down(sheet, columns.index(column) + 1, values, count)
    book.save(path)
    return count


def _cell_value(value):
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    # A column of page numbers with a blank in it reaches here as floats from pandas.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _format(sheet, columns: Sequence[str], count: int) -> None:
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, _DEFAULT_WIDTH)
        header = sheet.cell(row=1, column=index)
        header.font = _HEADER_FONT
        header.fill = _HEADER_FILL
        header.alignment = _HEADER_ALIGNMENT
        alignment = _CELL_ALIGNMENT[name in _WRAPPED]
        for (cell,) in sheet.iter_rows(min_row=2, max_row=count + 1, min_col=index, max_col=index):
            cell.alignment = alignment
    sheet.freeze_panes = "A2"  # the header stays on screen while scrolling down
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{count + 1}"


def _drop_down(sheet, column: int, values: Sequence[str], count: int) -> None:
    letter = get_column_letter(column)
    listed = ",".join(str(v) for v in values if str(v) != "")
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showDropDown=False)
    validation.error = f"Choose one of: {listed.replace(',', ', ')}"
    validation.errorTitle = "Not a value this column takes"
    validation.showErrorMessage = True
    validation.add(f"{letter}2:{letter}{count + 1 + _SPARE_ROWS}")
    sheet.add_data_validation(validation)
