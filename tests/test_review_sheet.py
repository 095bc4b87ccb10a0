"""`hmicfrs review sheet` / `review apply`: a spreadsheet out, a person's edits back in.

A sheet edited the way a spreadsheet user edits it (cells changed with pandas for CSV, with
openpyxl for xlsx, dates typed as dates) changes exactly what was edited: the full export before
and after differs in those fields only. One bad row changes nothing and the error names the row.
`review gold` writes the accepted and corrected items as gold for `hmicfrs evaluate`.
"""
from __future__ import annotations

import copy
import json
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from test_review import (
    REPORT_FILE, audit_rows, by_id, changed_fields, copy_db, export, hmicfrs, ids, table,
)

# Sheet rows follow the report: header on row 1, then coc, rec1, rec2, rec3, afi1 on rows 2-6.
ROW = {"coc": 2, "rec1": 3, "rec2": 4, "rec3": 5, "afi1": 6}


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


def write_sheet(db: Path, fmt: str, *extra) -> Path:
    path = db.parent / f"review.{fmt}"
    result = hmicfrs("review", "sheet", "--db", db, "--format", fmt, "-o", path, *extra)
    assert f"to {path}" in result.stderr
    return path


def edit(path: Path, cells: dict[tuple[int, str], object]) -> None:
    """Change cells as a person would: {(spreadsheet row, column name): new value}."""
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for (row, column), value in cells.items():
            frame.loc[row - 2, column] = value
        frame.to_csv(path, index=False)
    else:
        book = openpyxl.load_workbook(path)
        sheet = book.active
        header = [cell.value for cell in sheet[1]]
        for (row, column), value in cells.items():
            sheet.cell(row=row, column=header.index(column) + 1).value = value
        book.save(path)


def apply(db: Path, sheet: Path, *extra, ok: bool = True):
    return hmicfrs("review", "apply", sheet, "--db", db, *extra, ok=ok)


FORMATS = ["csv", "xlsx"]


@pytest.fixture(scope="module")
def pristine(vetting_template: Path, tmp_path_factory) -> dict:
    """The sheet `review sheet` writes for the untouched report, in each format, once per module:
    every test's db is a copy of the same template, so a test that has not written to its copy
    yet would get exactly these (its export is conftest's `original`)."""
    db = copy_db(vetting_template, tmp_path_factory.mktemp("sheet-pristine") / "vetting.db")
    return {fmt: write_sheet(db, fmt) for fmt in FORMATS}


@pytest.fixture
def unedited_sheet(pristine: dict, db: Path):
    """The sheet `review sheet` writes for the untouched db, as the test's own file beside it."""
    def sheet(fmt: str) -> Path:
        return Path(shutil.copyfile(pristine[fmt], db.parent / f"review.{fmt}"))
    return sheet


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_sheet_holds_every_item_with_empty_decisions(db, names, fmt):
    path = write_sheet(db, fmt)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False) if fmt == "csv" else \
        pd.read_excel(path, dtype=str, keep_default_na=False)
    assert list(frame["id"]) == [names[k] for k in ROW]
    assert {"text", "addressees", "deadline_date", "review_status", "decision", "note"} <= set(frame.columns)
    assert set(frame["decision"]) == {""}
    assert frame.loc[ROW["rec2"] - 2, "addressees"] == "college_of_policing"
    assert frame.loc[ROW["rec1"] - 2, "deadline_date"] == "2024-03-31"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sheet_applied_unedited_changes_nothing(db, names, fmt):
    hmicfrs("review", "correct", names["rec2"], "--db", db, "--set", "addressees=college_of_policing,npcc")
    before, logged = export(db), audit_rows(db)
    result = apply(db, write_sheet(db, fmt))
    assert result.stdout == ""
    assert "applied 0 changes" in result.stderr
    assert export(db) == before and audit_rows(db) == logged


def _spreadsheet_edits(fmt: str, names: dict) -> dict:
    typed_date = datetime(2023, 7, 31) if fmt == "xlsx" else "2023-07-31"  # Excel stores a typed date as a date
    return {
        (ROW["rec1"], "text"): "By 31 March 2024, chief constables should make sure their officers are trained in vetting law.",
        (ROW["rec1"], "note"): "last word missed",
        (ROW["rec2"], "deadline_date"): typed_date,
        (ROW["rec3"], "decision"): "reject",
        (ROW["rec3"], "note"): "duplicate of 1",
        (ROW["afi1"], "decision"): "Accept",
        (ROW["coc"], "addressees"): "force, police_and_crime_commissioners",
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_edited_sheet_changes_exactly_what_was_edited(db, names, original, unedited_sheet, fmt):
    sheet = unedited_sheet(fmt)
    edit(sheet, _spreadsheet_edits(fmt, names))
    before = original
    result = apply(db, sheet, "--by", "liaison")
    assert "applied 5 changes" in result.stderr
    assert changed_fields(before, export(db)) == {
        names["rec1"]: {
            "text": ("By 31 March 2024, chief constables should make sure their officers are trained in vetting.",
                     "By 31 March 2024, chief constables should make sure their officers are trained in vetting law."),
            "review_status": ("pending", "corrected"),
        },
        names["rec2"]: {
            "deadline": ({"kind": "date", "date": "2023-06-30", "text": "By 30 June 2023"},
                         {"kind": "date", "date": "2023-07-31", "text": "By 30 June 2023"}),
            "review_status": ("pending", "corrected"),
        },
        names["rec3"]: {"review_status": ("pending", "rejected")},
        names["afi1"]: {"review_status": ("pending", "accepted")},
        names["coc"]: {
            "addressees": ([], ["force", "police_and_crime_commissioners"]),
            "review_status": ("pending", "corrected"),
        },
    }
    got = [(r["by"], r["item_id"], r["field"], r["old"], r["new"], r["note"]) for r in audit_rows(db)]
    assert sorted(got, key=str) == sorted([
        ("liaison", names["coc"], "addressees", "[]", '["force", "police_and_crime_commissioners"]', None),
        ("liaison", names["coc"], "review_status", "pending", "corrected", None),
        ("liaison", names["rec1"], "text",
         "By 31 March 2024, chief constables should make sure their officers are trained in vetting.",
         "By 31 March 2024, chief constables should make sure their officers are trained in vetting law.",
         "last word missed"),
        ("liaison", names["rec1"], "review_status", "pending", "corrected", "last word missed"),
        ("liaison", names["rec2"], "deadline_date", "2023-06-30", "2023-07-31", None),
        ("liaison", names["rec2"], "review_status", "pending", "corrected", None),
        ("liaison", names["rec3"], "review_status", "pending", "rejected", "duplicate of 1"),
        ("liaison", names["afi1"], "review_status", "pending", "accepted", None),
    ], key=str)

    # Applying the same sheet again is a no-op: who decided, and when, stay as they were.
    reviews = table(db, "reviews")
    result = apply(db, sheet, "--by", "someone-else")
    assert result.stdout == "" and "applied 0 changes" in result.stderr
    assert table(db, "reviews") == reviews


@pytest.mark.parametrize("fmt", FORMATS)
def test_dry_run_prints_the_changes_and_changes_nothing(db, names, original, unedited_sheet, fmt):
    sheet = unedited_sheet(fmt)
    edit(sheet, _spreadsheet_edits(fmt, names))
    before = original
    result = apply(db, sheet, "--dry-run")
    assert result.stdout.splitlines() == [
        f"row 2: correct {names['coc']}: addressees: [] -> [\"force\", \"police_and_crime_commissioners\"]",
        f"row 3: correct {names['rec1']}: text: \"By 31 March 2024, chief constables should make sure their officers are "
        f"trained in vetting.\" -> \"By 31 March 2024, chief constables should make sure their officers are trained "
        f"in vetting law.\"",
        f"row 4: correct {names['rec2']}: deadline_date: \"2023-06-30\" -> \"2023-07-31\"",
        f"row 5: reject {names['rec3']}",
        f"row 6: accept {names['afi1']}",
    ]
    assert "dry run: 5 changes not applied" in result.stderr
    assert export(db) == before and audit_rows(db) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_respelling_a_cell_is_not_an_edit(db, names, unedited_sheet, fmt):
    sheet = unedited_sheet(fmt)
    edit(sheet, {
        (ROW["rec2"], "addressees"): " college_of_policing ",
        (ROW["rec1"], "text"): "By 31 March 2024,  chief constables should make sure their officers\nare trained in vetting.",
        (ROW["rec1"], "deadline_date"): datetime(2024, 3, 31) if fmt == "xlsx" else "2024-03-31",
    })
    result = apply(db, sheet)
    assert result.stdout == "" and "applied 0 changes" in result.stderr
    after = export(db)
    assert after[1]["id"] == names["rec1"] and after[1]["review_status"] == "pending"


# One bad row among good edits (rec1's text, afi1 accepted): what goes in that row -> the error.
BAD_ROWS = [
    ({"id": "nope-rec9"}, "row 5: unknown item id 'nope-rec9'"),
    ({"deadline_date": "31/13/2024"}, "row 5 ({rec3}): bad date '31/13/2024'"),
    ({"deadline_date": "2024-02-30"}, "row 5 ({rec3}): bad date '2024-02-30'"),
    ({"addressees": "chief_constables,the_moon"}, "row 5 ({rec3}): unknown addressee id(s): the_moon"),
    ({"kind": "recommendations"}, "row 5 ({rec3}): kind must be one of"),
    ({"parent": "nope-coc"}, "row 5 ({rec3}): parent 'nope-coc' is not an item id"),
    ({"parent": "{rec3}"}, "row 5 ({rec3}): parent '{rec3}' is the item itself"),
    ({"text": ""}, "row 5 ({rec3}): text cannot be empty"),
    ({"decision": "maybe"}, "row 5: decision must be accept, reject, correct or empty, not 'maybe'"),
    ({"id": "{rec2}"}, "row 5: item {rec2} is also on row 4"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bad, message", BAD_ROWS, ids=[f"{next(iter(b))}={next(iter(b.values()))}" for b, _m in BAD_ROWS])
def test_one_bad_row_changes_nothing_and_is_named(db, names, original, unedited_sheet, fmt, bad, message):
    sheet = unedited_sheet(fmt)
    cells = {(ROW["rec1"], "text"): "Chief constables should train officers.", (ROW["afi1"], "decision"): "accept"}
    cells.update({(ROW["rec3"], column): value.format(**names) for column, value in bad.items()})
    edit(sheet, cells)
    before = original
    for extra in ((), ("--dry-run",)):
        result = apply(db, sheet, *extra, ok=False)
        assert result.exit_code == 1
        assert f"error: {message.format(**names)}" in result.stderr
        assert result.stdout == ""
    assert export(db) == before
    assert audit_rows(db) == [] and table(db, "reviews") == [] and table(db, "corrections") == []


# Parent cells edited in one sheet -> the error, or None: a cycle is judged on where the whole
# sheet leaves the items, whatever the order of the rows (coc on row 2 is above rec1 on row 3).
SHEET_PARENTS = [
    ({"coc": "rec1"}, "row 2 ({coc}): parent '{rec1}' would make a cycle: {coc} -> {rec1} -> {coc}"),
    ({"rec3": "afi1", "afi1": "rec3"}, "row 5 ({rec3}): parent '{afi1}' would make a cycle: {rec3} -> {afi1} -> {rec3}"),
    ({"coc": "afi1", "afi1": "rec2"}, "row 2 ({coc}): parent '{afi1}' would make a cycle: {coc} -> {afi1} -> {rec2} -> {coc}"),
    ({"coc": "rec1", "rec1": ""}, None),
    ({"rec3": "afi1", "afi1": "rec1"}, None),  # a chain, no loop: rec3 -> afi1 -> rec1 -> coc
    ({"coc": "afi1", "afi1": "rec2", "rec2": ""}, None),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("parents, message", SHEET_PARENTS, ids=[" ".join(f"{a}={b}" for a, b in p.items()) for p, _m in SHEET_PARENTS])
def test_a_sheet_making_a_parent_cycle_changes_nothing(db, names, original, unedited_sheet, fmt, parents, message):
    sheet = unedited_sheet(fmt)
    edit(sheet, {(ROW[item], "parent"): names.get(parent, "") for item, parent in parents.items()})
    before = original
    result = apply(db, sheet, ok=message is None)
    if message is None:
        assert f"applied {len(parents)} changes" in result.stderr
        assert {k: by_id(export(db))[names[k]]["parent"] for k in parents} == {k: names.get(p) for k, p in parents.items()}
        return
    assert result.exit_code == 1 and result.stderr.strip() == f"error: {message.format(**names)}"
    assert export(db) == before and audit_rows(db) == []


def test_a_sheet_without_the_id_or_decision_column_is_refused(db, tmp_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("item,decision\nx,accept\n", encoding="utf-8")
    result = apply(db, sheet, ok=False)
    assert result.exit_code == 1 and "missing column(s) id" in result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_rows_are_skipped_but_a_typed_in_item_is_refused(db, unedited_sheet, fmt):
    sheet = unedited_sheet(fmt)
    edit(sheet, {(7, "note"): "", (8, "report_file"): REPORT_FILE})  # rows with no item data
    assert "applied 0 changes" in apply(db, sheet).stderr
    edit(sheet, {(9, "kind"): "recommendation", (9, "text"): "The Home Office should fund vetting."})
    result = apply(db, sheet, ok=False)
    assert result.exit_code == 1 and "row 9: no id (add a missing item with `hmicfrs review add`)" in result.stderr
    assert table(db, "manual_items") == [] and audit_rows(db) == []


@pytest.mark.parametrize("status, rows", [("pending", 4), ("accepted", 1)])
def test_the_sheet_can_hold_one_status_only(db, names, status, rows):
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    frame = pd.read_csv(write_sheet(db, "csv", "--status", status), dtype=str, keep_default_na=False)
    assert len(frame) == rows and set(frame["review_status"]) == {status}


def test_the_sheet_goes_to_extracted_by_default(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hmicfrs("review", "sheet", "--db", db, "--format", "xlsx")
    assert (tmp_path / "extracted" / "review.xlsx").exists()


# ---------------------------------------------------------------------------------------------
# review gold -> evaluate


def _reviewed_gold(db: Path) -> tuple[dict, Path]:
    names = ids(db)
    hmicfrs("review", "accept", names["rec2"], "--db", db)
    hmicfrs("review", "accept", names["coc"], "--db", db)
    hmicfrs("review", "correct", names["rec1"], "--db", db, "--set", "deadline_date=2024-04-30")
    hmicfrs("review", "reject", names["rec3"], "--db", db)
    gold = db.parent / "gold"
    result = hmicfrs("review", "gold", gold, "--db", db)
    assert "vetting.jsonl: 3 items" in result.stderr
    return names, gold


@pytest.fixture(scope="module")
def reviewed(vetting_template: Path, tmp_path_factory) -> tuple[dict, Path, Path]:
    """The report reviewed and its gold written once per module: the three tests below only read
    the database and the gold."""
    db = copy_db(vetting_template, tmp_path_factory.mktemp("sheet-gold") / "vetting.db")
    names, gold = _reviewed_gold(db)
    return names, gold, db


def test_gold_holds_the_accepted_and_corrected_items_as_reviewed(reviewed):
    names, gold, db = reviewed
    rows = [json.loads(line) for line in (gold / "vetting.jsonl").read_text(encoding="utf-8").splitlines()]
    exported = by_id(export(db))
    assert rows == [exported[names[k]] for k in ("coc", "rec1", "rec2")]
    assert rows[1]["deadline"]["date"] == "2024-04-30"


def test_evaluate_reads_the_gold_back_with_full_recall(reviewed):
    _names, gold, db = reviewed
    figures = json.loads(hmicfrs("evaluate", gold, "--db", db, "--json").stdout)
    report = figures["reports"]["vetting"]
    assert (report["gold"], report["matched"], report["recall"]) == (3, 3, 1.0)
    assert figures["not_ingested"] == []


def test_a_correction_in_the_gold_is_a_regression_test_for_the_rules(reviewed):
    _names, gold, db = reviewed
    figures = json.loads(hmicfrs("evaluate", gold, "--db", db, "--json").stdout)
    # The rules put rec1's deadline on 31 March; the reviewer says 30 April: one of three wrong.
    assert figures["reports"]["vetting"]["deadline"] < 1.0


# ---------------------------------------------------------------------------------------------
# The bundled sample corpus: longer texts, quotes, dashes, footnote-free joins, many items.

# corpus_db (conftest.py): corpus/*.pdf ingested once per session, shared read only.


@pytest.fixture(scope="module")
def corpus_export(corpus_db: Path) -> list[dict]:
    """export(corpus_db), which only reads it, taken once for both formats."""
    return export(corpus_db)


@pytest.mark.parametrize("fmt", FORMATS)
def test_corpus_sheet_round_trip(corpus_db, corpus_export, tmp_path, fmt):
    db = copy_db(corpus_db, tmp_path / "corpus.db")
    before = copy.deepcopy(corpus_export)
    assert len(before) > 10
    sheet = write_sheet(db, fmt)
    assert "applied 0 changes" in apply(db, sheet).stderr
    assert export(db) == before
    # Accept every row: only review_status moves, on every item.
    edit(sheet, {(row, "decision"): "accept" for row in range(2, len(before) + 2)})
    assert f"applied {len(before)} changes" in apply(db, sheet).stderr
    diff = changed_fields(before, export(db))
    assert set(diff) == {o["id"] for o in before}
    assert all(fields == {"review_status": ("pending", "accepted")} for fields in diff.values())
