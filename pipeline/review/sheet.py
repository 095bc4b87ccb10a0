"""Review outside the terminal: a spreadsheet out (pandas), the edits in it applied back.

Applying is all or nothing: every row is validated first, and one bad row changes nothing.
No cell of the sheet runs as a formula (spreadsheet.py): the text in it comes from PDFs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import store
from pipeline.errors import ReviewError
from pipeline.review.decisions import (
    REVIEW_FIELDS, _apply_correction, _write_review, default_reviewer, effective_items, validate_changes,
)
from pipeline.models import DEADLINE_KINDS, ITEM_KINDS
from pipeline.review.spreadsheet import escape, unescape
from pipeline.review.xlsx import LIST_SEPARATOR, write_workbook

SHEET_COLUMNS = [
    "id", "report_file", "page", "kind", "number", "label", "text", "addressees", "addressee_text",
    "deadline_kind", "deadline_date", "deadline_text", "parent", "review_status", "decision", "note",
]
DECISIONS = ("", "accept", "reject", "correct")


def sheet_rows(db, report: str | None = None, status: str | None = None) -> list[dict]:
    rows = []
    for item in effective_items(db, report=report):
        if status and item["review_status"] != status:
            continue
        row = {column: item.get(column) for column in SHEET_COLUMNS}
        row["addressees"] = LIST_SEPARATOR.join(item["addressees"])
        row["decision"], row["note"] = "", ""
        rows.append(row)
    return rows


def sheet_frame(db, report: str | None = None, status: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(sheet_rows(db, report=report, status=status), columns=SHEET_COLUMNS)


# The columns a reviewer fills in or corrects from a fixed list get a drop-down in the xlsx sheet.
SHEET_CHOICES = {"decision": DECISIONS[1:], "kind": ITEM_KINDS, "deadline_kind": DEADLINE_KINDS}


def write_sheet(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        frame.map(escape).to_csv(path, index=False)
    elif fmt == "xlsx":
        # Records with pandas' NaN turned back into empty cells (a page left blank, not "nan").
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        write_workbook(path, SHEET_COLUMNS, records, sheet_name="review", choices=SHEET_CHOICES)
    else:
        raise ReviewError(f"unknown sheet format {fmt!r}")


def read_sheet(path: Path) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise ReviewError(f"no such sheet: {path}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    else:
        # Only the CSV sheet is escaped: an xlsx cell holds the text as it is.
        frame = pd.read_csv(path, dtype=str, keep_default_na=False).map(unescape)
    missing = [c for c in ("id", "decision") if c not in frame.columns]
    if missing:
        raise ReviewError(f"{path.name}: missing column(s) {', '.join(missing)}")
    return frame


@dataclass(frozen=True)
class SheetChange:
    row: int  # spreadsheet row number (header is row 1)
    item_id: str
    action: str  # accept | reject | correct
    fields: tuple[tuple[str, object, object], ...]  # (field, old, new)
    note: str | None


def plan_changes(db, frame: pd.DataFrame) -> list[SheetChange]:
    """What applying the sheet would change; raises ReviewError naming the first bad row."""
    current = {item["id"]: item for item in effective_items(db)}
    parents = _parents_after(frame, current)
    changes: list[SheetChange] = []
    rows_of: dict[str, int] = {}
    for index, record in frame.iterrows():
        row_number = int(index) + 2
        item_id = str(record.get("id", "")).strip()
        if not item_id:
            # A row someone typed in to add an item would otherwise vanish without a word.
            filled = [c for c in (*REVIEW_FIELDS, "decision") if c in frame.columns and str(record[c]).strip()]
            if filled:
                raise ReviewError(f"row {row_number}: no id (add a missing item with `hmicfrs review add`)")
            continue
        if item_id not in current:
            raise ReviewError(f"row {row_number}: unknown item id {item_id!r}")
        if item_id in rows_of:
            raise ReviewError(f"row {row_number}: item {item_id} is also on row {rows_of[item_id]}")
        rows_of[item_id] = row_number
        item = current[item_id]
        decision = str(record.get("decision", "")).strip().lower()
        if decision not in DECISIONS:
            raise ReviewError(f"row {row_number}: decision must be accept, reject, correct or empty, not {decision!r}")
        edited = {}
        for field in REVIEW_FIELDS:
            if field not in frame.columns:
                continue
            new = _cell(field, record[field])
            old = item.get(field)
            old_text = LIST_SEPARATOR.join(old) if isinstance(old, list) else ("" if old is None else str(old))
            if new != old_text.strip() and not (field == "text" and " ".join(new.split()) == " ".join(old_text.split())):
                edited[field] = new
        try:
            values = validate_changes(db, edited, item_id=item_id, parents=parents)
        except ReviewError as exc:
            raise ReviewError(f"row {row_number} ({item_id}): {exc}") from exc
        # Text that differs only in how it is written ("a, b" for "a,b") is not an edit.
        values = {f: v for f, v in values.items() if v != item.get(f)}
        note = str(record.get("note", "")).strip() or None
        unchanged = not item["changed_since_review"]
        if decision == "reject":
            if not (item["review_status"] == "rejected" and unchanged):
                changes.append(SheetChange(row_number, item_id, "reject", (), note))
        elif values:
            fields = tuple((f, item.get(f), v) for f, v in values.items())
            changes.append(SheetChange(row_number, item_id, "correct", fields, note))
        elif decision in ("accept", "correct"):
            # Re-applying an old sheet must not overwrite who decided and when.
            if not (item["review_status"] in ("accepted", "corrected") and unchanged):
                changes.append(SheetChange(row_number, item_id, "accept", (), note))
    return changes


def _parents_after(frame: pd.DataFrame, current: dict[str, dict]) -> dict[str, str | None]:
    """Every item's parent once the sheet is applied: a parent cycle is judged on where the
    whole sheet leaves the items, not on the order of its rows. A rejected row's edits are
    not applied, so its parent stays."""
    parents = {item_id: item.get("parent") for item_id, item in current.items()}
    if "parent" not in frame.columns:
        return parents
    for _index, record in frame.iterrows():
        item_id = str(record.get("id", "")).strip()
        if item_id in parents and str(record.get("decision", "")).strip().lower() != "reject":
            parents[item_id] = _cell("parent", record["parent"]) or None
    return parents


def _cell(field: str, value) -> str:
    text = str(value).strip()
    # A date typed into a spreadsheet comes back as a timestamp at midnight.
    if field == "deadline_date" and text.endswith(" 00:00:00"):
        text = text[: -len(" 00:00:00")]
    return text


def apply_changes(db, changes: list[SheetChange], by: str | None = None) -> None:
    by = by or default_reviewer()
    with store.transaction(db):
        current = {item["id"]: item for item in effective_items(db)}
        for change in changes:
            item = current[change.item_id]
            if change.action == "correct":
                _apply_correction(db, item, {f: new for f, _old, new in change.fields}, by, change.note)
            else:
                _write_review(db, item, "rejected" if change.action == "reject" else "accepted", by, change.note)


def describe(change: SheetChange) -> str:
    if change.action != "correct":
        return f"row {change.row}: {change.action} {change.item_id}"
    parts = [f"{field}: {json.dumps(old, ensure_ascii=False)} -> {json.dumps(new, ensure_ascii=False)}"
             for field, old, new in change.fields]
    return f"row {change.row}: correct {change.item_id}: " + "; ".join(parts)


def write_gold(db, directory: Path) -> dict[str, int]:
    """Accepted and corrected items as gold JSONL, one file per report, for `hmicfrs evaluate`."""
    from pipeline.export import contract_objects

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    by_report: dict[str, list[dict]] = {}
    for obj in contract_objects(db):
        if obj["review_status"] in ("accepted", "corrected"):
            by_report.setdefault(Path(obj["report"]["file"]).stem, []).append(obj)
    for stem, objects in by_report.items():
        with open(directory / f"{stem}.jsonl", "w", encoding="utf-8") as handle:
            for obj in objects:
                handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return {stem: len(objects) for stem, objects in by_report.items()}
