"""Schema and migrations, and opening a database at the current version (connect)."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

import sqlite_utils

from pipeline.errors import StoreError
from pipeline.store.connection import BUSY_TIMEOUT_MS, _Connection, table, transaction
from pipeline.store.fetch import migration_fetch

def connect(path: Path | str, create: bool = True) -> sqlite_utils.Database:
    """Open (and, where needed, create and migrate) the database."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no database at {path} (run `hmicfrs ingest` first)")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        str(path), factory=_Connection, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    db = sqlite_utils.Database(conn)
    if db.journal_mode != "wal":
        db.enable_wal()
    migrate(db, path)
    return db


# ---------------------------------------------------------------------------------------------
# Schema and migrations. Each migration takes the database from version N-1 to N; never edit a
# released one, add a new one.


def _migration_1(db: sqlite_utils.Database) -> None:
    table(db, "reports").create(
        {
            "id": str, "sha256": str, "file": str, "path": str, "title": str, "published": str,
            "published_text": str, "published_rule": str, "family": str, "family_rule": str,
            "pages": int, "size_bytes": int,
        },
        pk="id",
        not_null={"sha256", "file", "pages"},
    )
    table(db, "reports").create_index(["sha256"], unique=True)
    table(db, "pages").create(
        {
            "report_id": str, "number": int, "text": str, "footnotes": str, "columns": int,
            "headings": str, "footnote_markers": str,
        },
        pk=("report_id", "number"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    table(db, "furniture").create(
        {"report_id": str, "page": int, "seq": int, "position": str, "kind": str, "text": str},
        pk=("report_id", "page", "seq"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    table(db, "furniture").create_index(["report_id", "page"])
    table(db, "ingest_errors").create(
        {"path": str, "sha256": str, "file": str, "code": str, "message": str, "first_seen": str},
        pk=("path", "sha256"),
    )
    db["pages"].enable_fts(["text"], create_triggers=True, tokenize="porter")


def _migration_2(db: sqlite_utils.Database) -> None:
    """Extracted items, their addressees and each report's completeness check."""
    table(db, "items").create(
        {
            "id": str, "report_id": str, "seq": int, "kind": str, "number": str, "label": str,
            "parent": str, "text": str, "addressees": str, "addressee_text": str,
            "deadline_kind": str, "deadline_date": str, "deadline_text": str, "deadline_rule": str,
            "page": int, "page_end": int, "start": int, "end": int, "rules": str,
            "needs_review": int, "doubts": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
        not_null={"report_id", "kind", "text"},
    )
    table(db, "items").create_index(["report_id", "seq"])
    table(db, "items").create_index(["kind"])
    table(db, "items").create_index(["deadline_date"])
    table(db, "item_addressees").create(
        {
            "item_id": str, "report_id": str, "position": int, "addressee": str, "text": str,
            "known": int, "rule": str,
        },
        pk=("item_id", "position"),
        foreign_keys=[("item_id", "items", "id"), ("report_id", "reports", "id")],
    )
    table(db, "item_addressees").create_index(["addressee"])
    table(db, "report_checks").create(
        {
            "report_id": str, "items_found": int, "stated_count": int, "stated_text": str,
            "numbering_gaps": str, "numbering_duplicates": str, "needs_review": int, "notes": str,
            "rules_fingerprint": str,
        },
        pk="report_id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["items"].enable_fts(["text", "addressee_text"], create_triggers=True, tokenize="porter")


def _migration_3(db: sqlite_utils.Database) -> None:
    """People's work: review decisions, corrections, hand-added items, tracking and the audit log.

    These tables are keyed by the item's stable id and are never written by ingest or extract.
    """
    table(db, "reviews").create(
        {"item_id": str, "status": str, "by": str, "at": str, "note": str, "snapshot": str, "snapshot_hash": str},
        pk="item_id",
    )
    table(db, "corrections").create(
        {"item_id": str, "field": str, "value": str, "by": str, "at": str, "note": str},
        pk=("item_id", "field"),
    )
    table(db, "manual_items").create(
        {
            "id": str, "report_id": str, "kind": str, "number": str, "label": str, "parent": str,
            "text": str, "addressees": str, "addressee_text": str, "deadline_kind": str,
            "deadline_date": str, "deadline_text": str, "page": int, "page_end": int,
            "added_by": str, "added_at": str, "note": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    table(db, "tracking").create(
        {
            "item_id": str, "status": str, "level": int, "owner": str, "evidence": str,
            "closed_on": str, "due_revised": str, "due_reason": str, "due_changed_on": str,
            "updated_by": str, "updated_at": str,
        },
        pk="item_id",
    )
    table(db, "audit_log").create(
        {
            "id": int, "at": str, "by": str, "item_id": str, "action": str, "field": str,
            "old": str, "new": str, "note": str,
        },
        pk="id",
    )
    table(db, "audit_log").create_index(["item_id"])


def _migration_4(db: sqlite_utils.Database) -> None:
    """Views of the items as people see them, for Datasette and SQL users (as released: views_v4.py)."""
    from pipeline.store.views_v4 import create_views

    create_views(db)


def _migration_5(db: sqlite_utils.Database) -> None:
    """What extraction needs to see the layout again, and what it could not be sure of.

    pages.layout: one record per printed line (indent, size, weight, italic, box), so `extract`
    can judge where items start and end without re-reading the PDF; reports.published_precision:
    "day", "month" or "year", as printed; report_checks.problems: why a report is in doubt;
    suspects: sentences that read like items but lie outside every item (derived, rewritten by
    each extraction); suspect_decisions: what people did with them (never written by extraction).
    """
    table(db, "reports").add_column("published_precision", str)
    table(db, "pages").add_column("layout", str)
    table(db, "report_checks").add_column("problems", str)
    table(db, "suspects").create(
        {
            "id": str, "report_id": str, "seq": int, "page": int, "page_end": int, "start": int, "end": int,
            "text": str, "kind": str, "reason": str, "rule": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
        not_null={"report_id", "text"},
    )
    table(db, "suspects").create_index(["report_id", "seq"])
    table(db, "suspect_decisions").create(
        {"suspect_id": str, "decision": str, "item_id": str, "by": str, "at": str, "note": str},
        pk="suspect_id",
    )


def _migration_6(db: sqlite_utils.Database) -> None:
    """One overlay (pipeline/store/views.py): item_details becomes the only definition of the item as
    people see it, and shows the reviewed values of an item changed since review, as the export
    always did; it also carries what the Python readers need (extracted and reviewed values,
    offsets, the report's SHA-256 and date precision)."""
    from pipeline.store.views_v6 import create_views

    create_views(db)


# Issue 15, part 8: pages that stay fast as the database grows.
def _migration_8(db: sqlite_utils.Database) -> None:
    """item_details becomes a table holding the overlay's rows (the item_overlay view), kept
    current by triggers, with indexes for the item view, its facets and the canned queries: the
    same rows, read without recomputing the overlay for every item on every page."""
    from pipeline.store.views import create_views

    create_views(db)


def _migration_org(db: sqlite_utils.Database) -> None:
    """The organisation the database is kept for (`settings`, key "org"),
    each report's subject (the force or service it is about: a gazetteer id, its kind and where
    it was found), and the views `item_ours` and `response_due` (views_ours.py). Schema only: the
    subjects of reports already stored come from rules data (the gazetteer), which a migration
    must not depend on, so `hmicfrs org subjects` (or `hmicfrs extract`) works them out."""
    from pipeline.store.views_ours import create_views

    table(db, "settings").create({"key": str, "value": str}, pk="key")
    for column in ("subject", "subject_kind", "subject_how"):
        table(db, "reports").add_column(column, str)
    table(db, "reports").create_index(["subject"])
    create_views(db)


# Issue 14, part 7: lineage.
def _migration_lineage(db: sqlite_utils.Database) -> None:
    """Lineage: each later report's assessments of earlier items (verdict, its phrase and where it is
    printed, the reference it names) and the earlier item each is linked to, with how and how
    well. Derived (rewritten by extraction); a suggestion beside tracking, never tracking itself."""
    table(db, "lineage").create(
        {
            "report_id": str, "seq": int, "page": int, "start": int, "end": int, "verdict": str,
            "verdict_text": str, "verdict_rule": str, "ref_kind": str, "ref_number": str, "text": str,
            "item_id": str, "matched_by": str, "score": float, "reason": str,
        },
        pk=("report_id", "seq"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    table(db, "lineage").create_index(["item_id"])


# Issue 15, part 6: PDF links that keep working.
def _migration_pdf_paths(db: sqlite_utils.Database) -> None:
    """reports.path is stored resolved and absolute from now on, so PDF links
    work from any folder; reports.given_path keeps the path as the user typed it, for display.
    Older rows keep the path they had (the folder ingest ran in is not known any more)."""
    if "given_path" not in db["reports"].columns_dict:
        table(db, "reports").add_column("given_path", str)
    db.execute("update reports set given_path = path where given_path is null")


# Issue 14, part 5: responses.
def _migration_responses(db: sqlite_utils.Database) -> None:
    """Responses linked to the items they answer (store/responses.py)."""
    from pipeline.store.responses import create_response_tables
    from pipeline.store.views_ours import create_response_due_with_documents

    create_response_tables(db)
    create_response_due_with_documents(db)  # a PCC response document closes the 56-day deadline


# Issue 15, part 8 (branch issue15-perf2): the default pages read in index order.
def _migration_serve_indexes(db: sqlite_utils.Database) -> None:
    """Indexes matching each default page's filter and order (store/serve_indexes.py)."""
    from pipeline.store.serve_indexes import create_indexes

    create_indexes(db)


# Issue 15, part 8: several server processes (`hmicfrs serve --workers N`).
def _migration_serve_outcomes(db: sqlite_utils.Database) -> None:
    """Where a canned-query decision's outcome waits for the page that shows it (store/outcomes.py),
    which another server process may serve."""
    from pipeline.store.outcomes import create_outcomes_table

    create_outcomes_table(db)


# Issue 15, part 8: a filtered item view counts its facets from one index.
def _migration_facet_indexes(db: sqlite_utils.Database) -> None:
    """Covering indexes for the item view's facets under a filter (store/serve_indexes.py)."""
    from pipeline.store.serve_indexes import create_facet_indexes

    create_facet_indexes(db)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1, _migration_2, _migration_3, _migration_4, _migration_5, _migration_6,
    migration_fetch,  # 7: fetch state and report provenance (pipeline/store/fetch.py)
    _migration_8,  # item_details as a table kept current by triggers (store/views_table.py)
    _migration_org,  # 9: the organisation setting, report subjects, ours and the 56-day response deadlines
    _migration_lineage,  # 10: later reports' verdicts on earlier items (suggestions beside tracking)
    _migration_pdf_paths,  # 11: reports.path resolved and absolute, reports.given_path as typed
    _migration_responses,  # 12: responses linked to the items they answer, with their stance
    _migration_serve_indexes,  # 13 (issue15-perf2): indexes for the served pages' filters and sorts
    _migration_serve_outcomes,  # 14: canned-query decision outcomes, shared by the server's processes
    _migration_facet_indexes,  # 15: the item view's facets under a filter, each from one index
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> list[int]:
    """Bring the schema up to date, backing the database up first when it already holds data."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this release supports ({SCHEMA_VERSION})"
        )
    if current == SCHEMA_VERSION:
        return []
    if current > 0 and path is not None:
        backup(db, path.with_name(f"{path.name}.v{current}.bak"))
    applied = []
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with transaction(db):
            if schema_version(db) >= version:
                continue  # another process migrated while we waited for the write lock
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
        applied.append(version)
    return applied


def backup(db: sqlite_utils.Database, target: Path | str) -> Path:
    """A consistent copy through SQLite's backup API, safe while others read or write."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
    finally:
        destination.close()
    return target
