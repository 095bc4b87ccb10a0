"""Reports, their pages and furniture, ingest errors; the lookups other modules need."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from pipeline.models import CleanDocument, layout_rows
from pipeline.store.connection import BUSY_TIMEOUT_MS, table, transaction

# ---------------------------------------------------------------------------------------------
# Reports


# A report named by a person: its id, its SHA-256 or its file name (the one lookup every command uses).
_REPORT_IS = "(r.id = ? or r.sha256 = ? or r.file = ?)"


def report_id_for(db: sqlite_utils.Database, key: str) -> str | None:
    """The id of the report `key` names (id, SHA-256 or file name), or None."""
    rows = list(db.query(f"select r.id from reports r where {_REPORT_IS} order by r.id limit 1", [key, key, key]))
    return rows[0]["id"] if rows else None


def find_report(db: sqlite_utils.Database, sha256: str) -> dict | None:
    rows = list(db.query("select id, file, title from reports where sha256 = ?", [sha256]))
    return rows[0] if rows else None


def known_hashes(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("select sha256 from reports")}


def _precision(published: str | None) -> str | None:
    """What the stored value itself says ("2024-07": month) where the caller did not say."""
    from pipeline.dates import precision_of

    try:
        return precision_of(published) if published else None
    except ValueError:
        return None


def write_document(db: sqlite_utils.Database, doc: CleanDocument) -> None:
    """Replace everything stored for these bytes with this document, in the caller's transaction."""
    report_id = doc.report_id
    # The report row itself is updated in place: hand-added items refer to it and must survive.
    delete_derived_rows(db, report_id)
    row = {
        "id": report_id, "sha256": doc.sha256, "file": doc.file, "path": doc.path,
        "given_path": doc.given_path or doc.path,
        "title": doc.meta.title, "published": doc.meta.published,
        "published_text": doc.meta.published_text, "published_rule": doc.meta.published_rule,
        "published_precision": doc.meta.published_precision or _precision(doc.meta.published),
        "family": doc.meta.family, "family_rule": doc.meta.family_rule,
        "pages": len(doc.pages), "size_bytes": doc.size_bytes,
    }
    # Not upsert(): its INSERT OR IGNORE silently skips rows with NOT NULL columns.
    if db["reports"].count_where("id = ?", [report_id]):
        table(db, "reports").update(report_id, row, alter=True)
    else:
        table(db, "reports").insert(row, pk="id", alter=True)
    table(db, "pages").insert_all(
        (
            {
                "report_id": report_id, "number": page.number, "text": page.text,
                "footnotes": page.footnotes, "columns": page.columns,
                "headings": json.dumps(list(page.headings), ensure_ascii=False),
                "footnote_markers": json.dumps(list(page.footnote_markers)),
                "layout": json.dumps(layout_rows(page.layout), separators=(",", ":")),
            }
            for page in doc.pages
        ),
        pk=("report_id", "number"),
        alter=True,
    )
    table(db, "furniture").insert_all(
        (
            {
                "report_id": report_id, "page": item.page, "seq": seq, "position": item.position,
                "kind": item.kind, "text": item.text,
            }
            for seq, item in enumerate(doc.furniture)
        ),
        pk=("report_id", "page", "seq"),
        alter=True,
    )
    # ingest_errors keeps the path as given, as the failed ingest had it.
    db.execute("delete from ingest_errors where sha256 = ? or path in (?, ?)",
               [doc.sha256, doc.path, doc.given_path or doc.path])


def delete_derived_rows(db: sqlite_utils.Database, report_id: str) -> None:
    """Remove what ingest and extract derived from a report (never review decisions)."""
    for table in DERIVED_TABLES:
        if db[table].exists():
            db.execute(f"delete from [{table}] where report_id = ?", [report_id])


def delete_report_rows(db: sqlite_utils.Database, report_id: str) -> None:
    """Remove a report and its derived rows (review decisions live in their own tables)."""
    delete_derived_rows(db, report_id)
    db.execute("delete from reports where id = ?", [report_id])


# Children first, so foreign keys hold at every step.
DERIVED_TABLES = ["lineage", "item_addressees", "items", "report_checks", "suspects", "furniture", "pages"]


def record_error(db: sqlite_utils.Database, path: str, sha256: str | None, code: str, message: str) -> None:
    with transaction(db):
        table(db, "ingest_errors").upsert(
            {
                "path": path, "sha256": sha256 or "", "file": Path(path).name, "code": code,
                "message": message,
            },
            pk=("path", "sha256"),
        )
        db.execute(
            "update ingest_errors set first_seen = ? where path = ? and sha256 = ? and first_seen is null",
            [datetime.now(timezone.utc).isoformat(timespec="seconds"), path, sha256 or ""],
        )


# ---------------------------------------------------------------------------------------------
# Lookups the other modules need (the store owns the SQL)


def front_page_texts(db: sqlite_utils.Database, last_page: int) -> list[dict]:
    """report_id and text of each report's pages up to `last_page` (a cover names its subject)."""
    return list(db.query("select report_id, text from pages where number <= ?", [last_page]))


def tracking_rows(db: sqlite_utils.Database) -> dict[str, dict]:
    return {row["item_id"]: row for row in db.query("select * from tracking")}


def addressee_ids_in_use(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("select distinct addressee from item_addressees where addressee is not null")}


def another_writer(db: sqlite_utils.Database) -> bool:
    """Whether another process holds the write lock right now (without waiting for it)."""
    conn = db.conn
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def integrity_and_counts(path) -> tuple[dict[str, int], str]:
    """PRAGMA integrity_check's verdict on a database file and its main row counts (a backup's check)."""
    conn = sqlite3.connect(str(path))
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        counts = {
            name: conn.execute(f"select count(*) from [{table}]").fetchone()[0]
            for table, name in (("reports", "reports"), ("items", "items"), ("reviews", "review decisions"))
            if table in tables
        }
        return counts, verdict
    finally:
        conn.close()
