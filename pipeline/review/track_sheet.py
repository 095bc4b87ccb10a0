"""Tracking as a spreadsheet: `track export` writes it, `track import` reads it (or another
tracker's) back and applies each matched row through track.track, in one transaction.

The matching and the plan are pure (track_import.py); this module reads and writes files and the
database. CSV cells that would run as formulas carry a `'` (spreadsheet.py), taken off on import.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline import store
from pipeline.errors import ReviewError
from pipeline.review.decisions import default_reviewer
from pipeline.review.spreadsheet import escape, keep_text, unescape
from pipeline.review.track import track, tracked_items
from pipeline.review.track_import import DEFAULT_THRESHOLD, FIELDS, Mapping, RowPlan, make_mapping, plan

EXPORT_COLUMNS = [
    "id", "report_file", "report_title", "kind", "number", "label", "text", "status", "level", "owner",
    "evidence", "closed_on", "due_extracted", "due_revised", "due_reason", "suggested_verdict", "suggested_by",
]


def tracking_frame(db) -> pd.DataFrame:
    """One row per item people see (rejected ones left out), with its tracking and the latest
    later-report verdict suggested for it (a suggestion only: the status column is people's)."""
    suggestions = store.latest_lineage(db)
    rows = []
    for item in tracked_items(db):
        row = {column: item.get(column) for column in EXPORT_COLUMNS}
        row["status"] = item["track_status"]
        row["level"] = item["level"] if item.get("level") is not None else ""
        row["due_extracted"] = item.get("deadline_date")
        suggestion = suggestions.get(item["id"])
        if suggestion:
            row["suggested_verdict"] = suggestion["verdict"]
            row["suggested_by"] = f"{suggestion['report_file']} p{suggestion['page']}"
        rows.append(row)
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def write_tracking(frame: pd.DataFrame, path: Path) -> None:
    if path.suffix.lower() == ".xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            frame.to_excel(writer, index=False, sheet_name="tracking")
            keep_text(writer.sheets["tracking"])
    elif path.suffix.lower() == ".csv":
        frame.map(escape).to_csv(path, index=False)
    else:
        raise ReviewError(f"{path.name}: write .csv or .xlsx")


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows of cell text) from a CSV or XLSX file (the first sheet)."""
    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"no such file: {path}")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").map(unescape)
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise ReviewError(f"{path.name}: cannot read it as a spreadsheet ({exc})") from exc
    header = [str(c) for c in frame.columns]
    return header, [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict("records")]


def read_mapping_file(path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A mapping file: {"columns": {field: column}, "values": {field: {cell: value}}}, e.g.
    {"columns": {"status": "RAG"}, "values": {"status": {"Complete": "closed"}}}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReviewError(f"mapping file {path}: {exc}") from exc
    if not isinstance(data, dict) or set(data) - {"columns", "values"}:
        raise ReviewError(f'mapping file {path}: expected {{"columns": {{...}}, "values": {{...}}}}')
    columns, values = data.get("columns") or {}, data.get("values") or {}
    if not all(isinstance(v, str) for v in columns.values()) or not all(isinstance(v, dict) for v in values.values()):
        raise ReviewError(f"mapping file {path}: columns map field to column name, values field to {{cell: value}}")
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ReviewError(f"mapping file {path}: unknown field(s) {', '.join(unknown)}")
    return columns, values


def import_plan(db, path: Path, assignments: dict[str, str] | None = None,
                values: dict[str, dict[str, str]] | None = None,
                threshold: float = DEFAULT_THRESHOLD) -> tuple[Mapping, list[RowPlan]]:
    header, rows = read_rows(path)
    try:
        mapping = make_mapping(header, assignments, values)
    except ValueError as exc:
        raise ReviewError(f"{Path(path).name}: {exc}") from exc
    items = tracked_items(db)
    return mapping, plan(rows, items, store.tracking_rows(db), mapping, threshold)


def apply_plan(db, plans: list[RowPlan], source: str, by: str | None = None) -> int:
    """Apply every row that changes something, all in one transaction; returns how many."""
    by = by or default_reviewer()
    applied = 0
    with store.transaction(db):
        for row in plans:
            item_id = row.match.item_id
            if row.state != "change" or item_id is None:  # a change always has its item (RowPlan.state)
                continue
            text, level = _track_arguments(row.values)
            track(db, item_id, **text, level=level, by=by, note=f"track import: {source} row {row.row}")
            applied += 1
    return applied


def _track_arguments(values: tuple[tuple[str, object], ...]) -> tuple[dict[str, str], int | None]:
    """A plan row's values as track.track takes them: the level a number, every other field text
    (what track_import._wanted makes of the cells)."""
    text = {field: value for field, value in values if isinstance(value, str)}
    level = next((value for field, value in values if field == "level" and isinstance(value, int)), None)
    return text, level
