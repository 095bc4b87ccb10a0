"""XLSX files ready to work in: the review sheet and the export (with tracking) open with a frozen
header, an auto-filter over the data, wrapped text in wide columns and drop-downs on the columns
people fill in, and every list cell uses the one separator "; " (as the CSV exports do)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from pipeline.models import DEADLINE_KINDS, ITEM_KINDS, REVIEW_STATUSES, TRACK_STATUSES
from pipeline.review.xlsx import LIST_SEPARATOR, write_workbook
from test_review import hmicfrs


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


def validations(sheet) -> dict[str, tuple[str, str]]:
    """{header name: (the list offered, the range it covers)}."""
    header = [cell.value for cell in sheet[1]]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        ref = str(validation.sqref)
        column = openpyxl.utils.column_index_from_string("".join(c for c in ref.split(":")[0] if c.isalpha()))
        found[header[column - 1]] = (validation.formula1.strip('"'), ref)
    return found


def test_review_sheet_is_ready_to_work_in(db):
    path = db.parent / "review.xlsx"
    hmicfrs("review", "sheet", "--db", db, "--format", "xlsx", "-o", path)
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}6"  # header + 5 items
    offered = validations(sheet)
    assert offered["decision"][0] == "accept,reject,correct"
    assert offered["kind"][0] == ",".join(ITEM_KINDS)
    assert offered["deadline_kind"][0] == ",".join(DEADLINE_KINDS)
    assert offered["decision"][1].endswith("206")  # rows typed in below the data get it too
    assert "note" not in offered and "text" not in offered  # free text stays free
    text = header.index("text") + 1
    letter = openpyxl.utils.get_column_letter(text)
    assert sheet.column_dimensions[letter].width >= 60
    assert sheet.cell(row=2, column=text).alignment.wrap_text
    assert not sheet.cell(row=2, column=header.index("page") + 1).alignment.wrap_text
    assert sheet.cell(row=1, column=1).font.bold
    pages = [sheet.cell(row=r, column=header.index("page") + 1).value for r in range(2, 7)]
    assert all(isinstance(p, int) for p in pages), pages  # not 2.0


def test_the_formatted_sheet_still_applies_back_unchanged(db):
    path = db.parent / "review.xlsx"
    hmicfrs("review", "sheet", "--db", db, "--format", "xlsx", "-o", path)
    result = hmicfrs("review", "apply", path, "--db", db, "--dry-run")
    assert "dry run: 0 changes" in result.stderr


@pytest.mark.parametrize("typed, expected", [
    ("chief_constables; police_and_crime_commissioners", ["chief_constables", "police_and_crime_commissioners"]),
    ("chief_constables,police_and_crime_commissioners", ["chief_constables", "police_and_crime_commissioners"]),
    ("chief_constables;police_and_crime_commissioners", ["chief_constables", "police_and_crime_commissioners"]),
    ("police_and_crime_commissioners", ["police_and_crime_commissioners"]),
])
def test_addressees_typed_with_either_separator(db, names, typed, expected):
    item = names["rec1"]
    hmicfrs("review", "correct", item, "--db", db, "--set", f"addressees={typed}")
    exported = hmicfrs("export", "--db", db, "--format", "csv").stdout
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["id"] == item)
    assert row["addressees"] == LIST_SEPARATOR.join(expected)


def test_export_xlsx_with_tracking(db, names):
    item = names["afi1"]
    hmicfrs("track", item, "--db", db, "--status", "in_progress", "--level", "2", "--owner", "=ops lead")
    path = db.parent / "items.xlsx"
    result = hmicfrs("export", "--db", db, "--format", "xlsx", "--tracking", "-o", path)
    assert "exported 5 items" in result.stderr
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    offered = validations(sheet)
    assert offered["track_status"][0] == ",".join(TRACK_STATUSES)
    assert offered["level"][0] == "1,2,3,4"
    assert offered["review_status"][0] == ",".join(REVIEW_STATUSES)
    rows = {r[header.index("id")]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[item]["track_status"] == "in_progress" and rows[item]["level"] == 2
    assert rows[item]["owner"] == "=ops lead"  # stays text, never a formula
    assert all(r["track_status"] == "open" for i, r in rows.items() if i != item)


def test_export_xlsx_without_tracking_has_the_csv_columns(db):
    path = db.parent / "items.xlsx"
    hmicfrs("export", "--db", db, "--format", "xlsx", "-o", path)
    header = [c.value for c in openpyxl.load_workbook(path).active[1]]
    csv_header = hmicfrs("export", "--db", db, "--format", "csv").stdout.splitlines()[0].split(",")
    assert header == csv_header


@pytest.mark.parametrize("args, message", [
    (["--format", "xlsx"], "--format xlsx needs --output"),
    (["--format", "jsonl", "--tracking"], "--tracking is for --format csv or xlsx"),
])
def test_export_usage_errors(db, args, message):
    result = hmicfrs("export", "--db", db, *args, ok=False)
    assert result.exit_code == 2 and message in result.output


def test_write_workbook_alone(tmp_path):
    path = tmp_path / "w.xlsx"
    count = write_workbook(path, ["id", "addressees", "decision"],
                           [{"id": "a", "addressees": ["x", "y"], "decision": ""}, {"id": "@b", "addressees": []}],
                           sheet_name="s", choices={"decision": ["accept", "reject"], "absent": ["z"]})
    sheet = openpyxl.load_workbook(path).active
    assert count == 2
    assert [c.value for c in sheet[2]] == ["a", "x; y", None]
    assert sheet["A3"].value == "@b" and sheet["A3"].data_type == "s"
    assert set(validations(sheet)) == {"decision"}
    assert sheet.auto_filter.ref == "A1:C3"
