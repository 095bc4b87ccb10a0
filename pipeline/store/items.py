"""Items and their addressees, people's decisions, suspects and report checks."""
from __future__ import annotations

import json
from typing import Sequence

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed

from pipeline.errors import StoreError
from pipeline.models import CleanPage, layout_from_rows
from pipeline.store.connection import table, transaction
from pipeline.store.reports import _REPORT_IS

# ---------------------------------------------------------------------------------------------
# Items


def report_rows(db: sqlite_utils.Database, report_ids: list[str] | None = None) -> list[dict]:
    sql = "select id, sha256, file, path, title, published, family, pages from reports"
    params: list = []
    if report_ids:
        sql += f" where id in ({', '.join('?' for _ in report_ids)})"
        params = list(report_ids)
    return list(db.query(sql + " order by file", params))


def stored_pages(db: sqlite_utils.Database, report_id: str) -> tuple[CleanPage, ...]:
    """A report's pages as ingest wrote them: the same CleanPage type, read back."""
    return tuple(
        CleanPage(
            number=row["number"], text=row["text"] or "", footnotes=row["footnotes"] or "",
            columns=row["columns"] or 1, footnote_markers=tuple(json.loads(row["footnote_markers"] or "[]")),
            headings=tuple(json.loads(row["headings"] or "[]")),
            layout=layout_from_rows(json.loads(row["layout"] or "[]")),
        )
        for row in db.query(
            "select number, text, footnotes, columns, footnote_markers, headings, layout from pages"
            " where report_id = ? order by number",
            [report_id],
        )
    )


def write_items(db: sqlite_utils.Database, report_id: str, item_rows: list[dict], addressee_rows: list[dict],
                check_row: dict, suspect_rows: Sequence[dict] = ()) -> None:
    """Replace a report's extracted items, check and suspects (people's decisions live elsewhere
    and are untouched)."""
    db.execute("delete from item_addressees where report_id = ?", [report_id])
    db.execute("delete from items where report_id = ?", [report_id])
    db.execute("delete from report_checks where report_id = ?", [report_id])
    db.execute("delete from suspects where report_id = ?", [report_id])
    if suspect_rows:
        table(db, "suspects").insert_all(suspect_rows, pk="id")
    if item_rows:
        table(db, "items").insert_all(item_rows, pk="id", alter=True)
    if addressee_rows:
        table(db, "item_addressees").insert_all(addressee_rows, pk=("item_id", "position"), alter=True)
    table(db, "report_checks").insert(check_row, pk="report_id", alter=True)


def item_export_rows(db: sqlite_utils.Database, report: str | None = None) -> list[dict]:
    """Extracted items joined to their report; `report` matches a report id, sha256 or file name."""
    sql = """
        select i.*, r.file as report_file, r.sha256 as report_sha256, r.title as report_title,
               r.published as report_published, r.published_precision as report_published_precision
        from items i join reports r on r.id = i.report_id
        where 1 = 1
    """
    params: list = []
    if report:
        sql += f" and {_REPORT_IS}"
        params += [report, report, report]
    return list(db.query(sql + " order by r.file, i.seq", params))


# ---------------------------------------------------------------------------------------------
# People's decisions (read back through the item_details view, pipeline/store/views.py)


def page_text(db: sqlite_utils.Database, report_id: str, number: int | None) -> str | None:
    rows = list(db.query("select text from pages where report_id = ? and number = ?", [report_id, number]))
    return rows[0]["text"] if rows else None


def upsert_review(db: sqlite_utils.Database, row: dict) -> None:
    _upsert_watched(db, "reviews", row, ("item_id",))


def upsert_correction(db: sqlite_utils.Database, row: dict) -> None:
    _upsert_watched(db, "corrections", row, ("item_id", "field"))


def _upsert_watched(db: sqlite_utils.Database, name: str, row: dict, pk: tuple[str, ...]) -> None:
    """sqlite-utils' upsert() for a table the item_details triggers watch, leaving the same row.

    upsert() runs INSERT OR IGNORE and then UPDATE. SQLite compiles a statement's triggers, and
    the overlay view in each of them, whenever it prepares the statement, which a new connection
    (every command) does for each: ~2-3 ms for an INSERT that, once the row exists, inserts
    nothing. Here a plain look-up decides, and only the UPDATE or only the INSERT runs, inside
    the caller's transaction (or one of its own: the write lock is held from the look-up on)."""
    where = " and ".join(f"[{key}] = ?" for key in pk)
    keys = [row[key] for key in pk]
    with transaction(db):
        if db.execute(f"select 1 from [{name}] where {where}", keys).fetchone() is None:
            table(db, name).insert(row)
            return
        values = {column: value for column, value in row.items() if column not in pk}
        if values:
            db.execute(f"update [{name}] set {', '.join(f'[{column}] = ?' for column in values)} where {where}",
                       [jsonify_if_needed(value) for value in values.values()] + keys)


def insert_manual_item(db: sqlite_utils.Database, row: dict) -> None:
    if db["manual_items"].count_where("id = ?", [row["id"]]):
        raise StoreError(f"item {row['id']} was already added")
    table(db, "manual_items").insert(row, pk="id")


def audit(db: sqlite_utils.Database, *, by: str, item_id: str | None, action: str, field: str | None,
          old: str | None, new: str | None, note: str | None, at: str) -> None:
    table(db, "audit_log").insert(
        {"at": at, "by": by, "item_id": item_id, "action": action, "field": field, "old": old, "new": new, "note": note},
        pk="id",
    )


def upsert_tracking(db: sqlite_utils.Database, row: dict) -> None:
    _upsert_watched(db, "tracking", row, ("item_id",))


# ---------------------------------------------------------------------------------------------
# Suspected missed items and report checks


def suspect_rows(db: sqlite_utils.Database, report: str | None = None, open_only: bool = True,
                 suspect_id: str | None = None) -> list[dict]:
    """Suspects with their report and people's decision; `open_only`: those nobody decided on."""
    sql = """
        select s.*, r.file as report_file, r.sha256 as report_sha256, r.title as report_title,
               d.decision, d.item_id as decision_item_id, d.by as decided_by, d.at as decided_at, d.note as decision_note
        from suspects s join reports r on r.id = s.report_id
        left join suspect_decisions d on d.suspect_id = s.id
        where 1 = 1
    """
    params: list = []
    if open_only:
        sql += " and d.suspect_id is null"
    if suspect_id:
        sql += " and s.id = ?"
        params.append(suspect_id)
    if report:
        sql += f" and {_REPORT_IS}"
        params += [report, report, report]
    return list(db.query(sql + " order by r.file, s.seq", params))


def find_suspect(db: sqlite_utils.Database, suspect_id: str) -> dict | None:
    rows = suspect_rows(db, open_only=False, suspect_id=suspect_id)
    return rows[0] if rows else None


def insert_suspect_decision(db: sqlite_utils.Database, row: dict) -> None:
    if db["suspect_decisions"].count_where("suspect_id = ?", [row["suspect_id"]]):
        raise StoreError(f"suspect {row['suspect_id']} was already decided")
    table(db, "suspect_decisions").insert(row, pk="suspect_id")


def report_check_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every report with its completeness check (null columns where it was never extracted)."""
    return list(db.query("""
        select r.id, r.file, r.sha256, r.title, r.family, c.items_found, c.problems, c.notes, c.needs_review
        from reports r left join report_checks c on c.report_id = r.id
        order by r.file
    """))


def has_corrections(db: sqlite_utils.Database, item_id: str) -> bool:
    return bool(db["corrections"].count_where("item_id = ?", [item_id]))
