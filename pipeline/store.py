"""The only module that imports sqlite_utils: schema, migrations and writes.

Each report's rows are written in one transaction, so a crash leaves either all of a report or
none of it. The schema version lives in PRAGMA user_version; migrations upgrade in place.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from .errors import StoreError
from .models import CleanDocument, layout_rows

DEFAULT_DB = Path("extracted/hmicfrs.db")
BUSY_TIMEOUT_MS = 60_000


class _Connection(sqlite3.Connection):
    """A connection whose `with conn:` blocks join an enclosing transaction instead of committing.

    sqlite-utils wraps each insert chunk in `with conn:`, which would commit half a report; inside
    `transaction()` those inner blocks must not commit.
    """

    outer_transaction = False

    def __enter__(self):
        if self.outer_transaction:
            return self
        return super().__enter__()

    def __exit__(self, exc_type, exc, tb):
        if self.outer_transaction:
            return False
        return super().__exit__(exc_type, exc, tb)

    def executescript(self, script: str):
        """Inside `transaction()`, run the statements one by one: executescript() would COMMIT first
        and a migration (FTS set-up uses it) would no longer be all or nothing."""
        if not self.outer_transaction:
            return super().executescript(script)
        statement = ""
        cursor = self.cursor()
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                cursor.execute(statement)
                statement = ""
        if statement.strip():
            cursor.execute(statement)
        return cursor


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


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One IMMEDIATE transaction: a second writer waits for the first (up to the busy timeout)."""
    conn: _Connection = db.conn  # type: ignore[assignment]
    if conn.outer_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    conn.outer_transaction = True
    try:
        yield
    except BaseException:
        conn.outer_transaction = False
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.outer_transaction = False
    # executescript() (used by FTS set-up) commits by itself; only commit what is still open.
    if conn.in_transaction:
        conn.execute("COMMIT")


# ---------------------------------------------------------------------------------------------
# Schema and migrations. Each migration takes the database from version N-1 to N; never edit a
# released one, add a new one.


def _migration_1(db: sqlite_utils.Database) -> None:
    db["reports"].create(
        {
            "id": str, "sha256": str, "file": str, "path": str, "title": str, "published": str,
            "published_text": str, "published_rule": str, "family": str, "family_rule": str,
            "pages": int, "size_bytes": int,
        },
        pk="id",
        not_null={"sha256", "file", "pages"},
    )
    db["reports"].create_index(["sha256"], unique=True)
    db["pages"].create(
        {
            "report_id": str, "number": int, "text": str, "footnotes": str, "columns": int,
            "headings": str, "footnote_markers": str,
        },
        pk=("report_id", "number"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["furniture"].create(
        {"report_id": str, "page": int, "seq": int, "position": str, "kind": str, "text": str},
        pk=("report_id", "page", "seq"),
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["furniture"].create_index(["report_id", "page"])
    db["ingest_errors"].create(
        {"path": str, "sha256": str, "file": str, "code": str, "message": str, "first_seen": str},
        pk=("path", "sha256"),
    )
    db["pages"].enable_fts(["text"], create_triggers=True, tokenize="porter")


def _migration_2(db: sqlite_utils.Database) -> None:
    """Extracted items, their addressees and each report's completeness check."""
    db["items"].create(
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
    db["items"].create_index(["report_id", "seq"])
    db["items"].create_index(["kind"])
    db["items"].create_index(["deadline_date"])
    db["item_addressees"].create(
        {
            "item_id": str, "report_id": str, "position": int, "addressee": str, "text": str,
            "known": int, "rule": str,
        },
        pk=("item_id", "position"),
        foreign_keys=[("item_id", "items", "id"), ("report_id", "reports", "id")],
    )
    db["item_addressees"].create_index(["addressee"])
    db["report_checks"].create(
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
    db["reviews"].create(
        {"item_id": str, "status": str, "by": str, "at": str, "note": str, "snapshot": str, "snapshot_hash": str},
        pk="item_id",
    )
    db["corrections"].create(
        {"item_id": str, "field": str, "value": str, "by": str, "at": str, "note": str},
        pk=("item_id", "field"),
    )
    db["manual_items"].create(
        {
            "id": str, "report_id": str, "kind": str, "number": str, "label": str, "parent": str,
            "text": str, "addressees": str, "addressee_text": str, "deadline_kind": str,
            "deadline_date": str, "deadline_text": str, "page": int, "page_end": int,
            "added_by": str, "added_at": str, "note": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["tracking"].create(
        {
            "item_id": str, "status": str, "level": int, "owner": str, "evidence": str,
            "closed_on": str, "due_revised": str, "due_reason": str, "due_changed_on": str,
            "updated_by": str, "updated_at": str,
        },
        pk="item_id",
    )
    db["audit_log"].create(
        {
            "id": int, "at": str, "by": str, "item_id": str, "action": str, "field": str,
            "old": str, "new": str, "note": str,
        },
        pk="id",
    )
    db["audit_log"].create_index(["item_id"])


def _migration_4(db: sqlite_utils.Database) -> None:
    """Views of the items as people see them, for Datasette and SQL users (as released: views_v4.py)."""
    from .views_v4 import create_views

    create_views(db)


def _migration_5(db: sqlite_utils.Database) -> None:
    """What extraction needs to see the layout again, and what it could not be sure of.

    pages.layout: one record per printed line (indent, size, weight, italic, box), so `extract`
    can judge where items start and end without re-reading the PDF; reports.published_precision:
    "day", "month" or "year", as printed; report_checks.problems: why a report is in doubt;
    suspects: sentences that read like items but lie outside every item (derived, rewritten by
    each extraction); suspect_decisions: what people did with them (never written by extraction).
    """
    db["reports"].add_column("published_precision", str)
    db["pages"].add_column("layout", str)
    db["report_checks"].add_column("problems", str)
    db["suspects"].create(
        {
            "id": str, "report_id": str, "seq": int, "page": int, "page_end": int, "start": int, "end": int,
            "text": str, "kind": str, "reason": str, "rule": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
        not_null={"report_id", "text"},
    )
    db["suspects"].create_index(["report_id", "seq"])
    db["suspect_decisions"].create(
        {"suspect_id": str, "decision": str, "item_id": str, "by": str, "at": str, "note": str},
        pk="suspect_id",
    )


def _migration_6(db: sqlite_utils.Database) -> None:
    """One overlay (pipeline/views.py): item_details becomes the only definition of the item as
    people see it, and shows the reviewed values of an item changed since review, as the export
    always did; it also carries what the Python readers need (extracted and reviewed values,
    offsets, the report's SHA-256 and date precision)."""
    from .views import create_views

    create_views(db)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1, _migration_2, _migration_3, _migration_4, _migration_5, _migration_6,
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
    from .dates import precision_of

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
        "title": doc.meta.title, "published": doc.meta.published,
        "published_text": doc.meta.published_text, "published_rule": doc.meta.published_rule,
        "published_precision": doc.meta.published_precision or _precision(doc.meta.published),
        "family": doc.meta.family, "family_rule": doc.meta.family_rule,
        "pages": len(doc.pages), "size_bytes": doc.size_bytes,
    }
    # Not upsert(): its INSERT OR IGNORE silently skips rows with NOT NULL columns.
    if db["reports"].count_where("id = ?", [report_id]):
        db["reports"].update(report_id, row, alter=True)
    else:
        db["reports"].insert(row, pk="id", alter=True)
    db["pages"].insert_all(
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
    db["furniture"].insert_all(
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
    db.execute("delete from ingest_errors where sha256 = ? or path = ?", [doc.sha256, doc.path])


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
DERIVED_TABLES = ["item_addressees", "items", "report_checks", "suspects", "furniture", "pages"]


def record_error(db: sqlite_utils.Database, path: str, sha256: str | None, code: str, message: str) -> None:
    with transaction(db):
        db["ingest_errors"].upsert(
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
# Items


def report_rows(db: sqlite_utils.Database, report_ids: list[str] | None = None) -> list[dict]:
    sql = "select id, sha256, file, path, title, published, family, pages from reports"
    params: list = []
    if report_ids:
        sql += f" where id in ({', '.join('?' for _ in report_ids)})"
        params = list(report_ids)
    return list(db.query(sql + " order by file", params))


def page_rows(db: sqlite_utils.Database, report_id: str) -> list[dict]:
    return list(
        db.query(
            "select number, text, headings, footnotes, layout from pages where report_id = ? order by number",
            [report_id],
        )
    )


def write_items(db: sqlite_utils.Database, report_id: str, item_rows: list[dict], addressee_rows: list[dict],
                check_row: dict, suspect_rows: list[dict] = ()) -> None:
    """Replace a report's extracted items, check and suspects (people's decisions live elsewhere
    and are untouched)."""
    db.execute("delete from item_addressees where report_id = ?", [report_id])
    db.execute("delete from items where report_id = ?", [report_id])
    db.execute("delete from report_checks where report_id = ?", [report_id])
    db.execute("delete from suspects where report_id = ?", [report_id])
    if suspect_rows:
        db["suspects"].insert_all(suspect_rows, pk="id")
    if item_rows:
        db["items"].insert_all(item_rows, pk="id", alter=True)
    if addressee_rows:
        db["item_addressees"].insert_all(addressee_rows, pk=("item_id", "position"), alter=True)
    db["report_checks"].insert(check_row, pk="report_id", alter=True)


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
# People's decisions (read back through the item_details view, pipeline/views.py)


def page_text(db: sqlite_utils.Database, report_id: str, number: int | None) -> str | None:
    rows = list(db.query("select text from pages where report_id = ? and number = ?", [report_id, number]))
    return rows[0]["text"] if rows else None


def upsert_review(db: sqlite_utils.Database, row: dict) -> None:
    db["reviews"].upsert(row, pk="item_id")


def upsert_correction(db: sqlite_utils.Database, row: dict) -> None:
    db["corrections"].upsert(row, pk=("item_id", "field"))


def insert_manual_item(db: sqlite_utils.Database, row: dict) -> None:
    if db["manual_items"].count_where("id = ?", [row["id"]]):
        raise StoreError(f"item {row['id']} was already added")
    db["manual_items"].insert(row, pk="id")


def audit(db: sqlite_utils.Database, *, by: str, item_id: str | None, action: str, field: str | None,
          old: str | None, new: str | None, note: str | None, at: str) -> None:
    db["audit_log"].insert(
        {"at": at, "by": by, "item_id": item_id, "action": action, "field": field, "old": old, "new": new, "note": note},
        pk="id",
    )


def upsert_tracking(db: sqlite_utils.Database, row: dict) -> None:
    db["tracking"].upsert(row, pk="item_id")


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
    db["suspect_decisions"].insert(row, pk="suspect_id")


def report_check_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every report with its completeness check (null columns where it was never extracted)."""
    return list(db.query("""
        select r.id, r.file, r.sha256, r.title, r.family, c.items_found, c.problems, c.notes, c.needs_review
        from reports r left join report_checks c on c.report_id = r.id
        order by r.file
    """))


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
