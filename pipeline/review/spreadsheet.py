"""Cells safe to open in a spreadsheet: text that looks like a formula stays text.

Item text comes from PDFs, corrections and file names, none of them trusted: a cell starting
with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel and LibreOffice
(`=HYPERLINK(...)` can send other cells to any web site). In CSV the only defence is OWASP's:
put a `'` in front. A text that really starts with `'` gets one more, so that taking exactly one
off (`unescape`) gives back every value `escape` was given. In xlsx a string cell is never run,
so the value is stored as it is, as a string cell marked to stay text when someone edits it.
"""
from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_STARTS = (*FORMULA_STARTS, "'")
# A signed number is not a formula, and a `'` would turn it into text in the spreadsheet.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def escape(value):
    """The CSV cell for a value: a `'` before text a spreadsheet would run; all else as it is."""
    if isinstance(value, str) and value.startswith(_ESCAPED_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unescape(cell: str) -> str:
    """The value `escape` was given; a cell it could not have written is taken as typed."""
    if cell.startswith("'") and cell[1:].startswith(_ESCAPED_STARTS) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell


def keep_text(sheet) -> None:
    """Every cell of an openpyxl worksheet whose text would start a formula becomes a string cell.

    openpyxl (and pandas through it) stores any string starting with `=` as a formula.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
                # Excel's own mark for text typed after a `'`: editing the cell keeps it text.
                cell.quotePrefix = True
