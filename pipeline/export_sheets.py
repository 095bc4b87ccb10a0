"""The item export as a workbook (`export --format xlsx`) and with tracking columns (`--tracking`).

The rows are the CSV export's (export.CSV_COLUMNS, the contract flattened); `--tracking` adds
the organisation's tracking of each item, which is what a liaison officer keeps up to date in
the spreadsheet, so its status and level columns get drop-downs from the one vocabulary.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from pipeline.export import CSV_COLUMNS, _flat, contract_objects
from pipeline.models import REVIEW_STATUSES, TRACK_STATUSES
from pipeline.review.decisions import effective_items
from pipeline.review.spreadsheet import escape
from pipeline.review.track import LEVELS
from pipeline.review.xlsx import write_workbook

TRACKING_COLUMNS = ["track_status", "level", "owner", "evidence", "closed_on", "due", "due_revised", "due_reason"]
_CHOICES = {"review_status": REVIEW_STATUSES, "track_status": TRACK_STATUSES, "level": [str(n) for n in LEVELS]}


def flat_rows(db, report: str | None = None, kind: str | None = None, addressee: str | None = None,
              tracking: bool = False) -> tuple[list[str], list[dict]]:
    """The export's columns and rows, flattened as in the CSV export, with tracking when asked."""
    rows = [_flat(obj) for obj in contract_objects(db, report=report, kind=kind, addressee=addressee)]
    if not tracking:
        return list(CSV_COLUMNS), rows
    state = {item["id"]: item for item in effective_items(db, report=report, kind=kind, addressee=addressee)}
    for row in rows:
        item = state.get(row["id"], {})
        row.update({column: item.get(column) for column in TRACKING_COLUMNS})
        row["track_status"] = row["track_status"] or "open"
    return [*CSV_COLUMNS, *TRACKING_COLUMNS], rows


def write_csv(columns: list[str], rows: list[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: escape(row.get(column)) for column in columns})
    return len(rows)


def write_xlsx(columns: list[str], rows: list[dict], path: Path) -> int:
    return write_workbook(path, columns, rows, sheet_name="items", choices=_CHOICES)
