"""The database schema: tables, columns, keys, indexes, full-text search, WAL, versioned migrations."""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from pipeline import store
from pipeline.errors import StoreError

# What issue 2 fixes; later migrations may add tables and columns but not take these away.
EXPECTED_COLUMNS = {
    "reports": {"id", "sha256", "file", "path", "title", "published", "published_text", "published_rule",
                "family", "family_rule", "pages", "size_bytes"},
    "pages": {"report_id", "number", "text", "footnotes", "columns", "headings", "footnote_markers"},
    "furniture": {"report_id", "page", "seq", "position", "kind", "text"},
    "ingest_errors": {"path", "sha256", "file", "code", "message", "first_seen"},
}


@pytest.fixture
def db(tmp_path):
    database = store.connect(tmp_path / "sub" / "new.db")
    yield database
    database.close()


def test_new_database_is_created_with_its_folder_at_the_latest_version(tmp_path, db):
    assert (tmp_path / "sub" / "new.db").exists()
    assert store.schema_version(db) == store.SCHEMA_VERSION == len(store.MIGRATIONS)


def test_tables_and_columns(db):
    for table, columns in EXPECTED_COLUMNS.items():
        assert db[table].exists(), table
        assert columns <= set(db[table].columns_dict), table


def test_primary_keys(db):
    assert db["reports"].pks == ["id"]
    assert db["pages"].pks == ["report_id", "number"]
    assert db["furniture"].pks == ["report_id", "page", "seq"]
    assert db["ingest_errors"].pks == ["path", "sha256"]


def test_foreign_keys_point_at_reports_and_are_enforced(db):
    for table in ("pages", "furniture"):
        keys = {(fk.column, fk.other_table, fk.other_column) for fk in db[table].foreign_keys}
        assert ("report_id", "reports", "id") in keys
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("insert into pages (report_id, number, text) values ('missing', 1, 'x')")


def test_indexes(db):
    reports = {tuple(index.columns): index.unique for index in db["reports"].indexes}
    assert reports.get(("sha256",)) == 1
    furniture = {tuple(index.columns) for index in db["furniture"].indexes}
    assert ("report_id", "page") in furniture


def test_full_text_search_over_page_text_follows_inserts_and_deletes(db):
    assert db["pages"].detect_fts() == "pages_fts"
    with store.transaction(db):
        db["reports"].insert({"id": "r1", "sha256": "a" * 64, "file": "a.pdf", "pages": 1})
        db["pages"].insert({"report_id": "r1", "number": 1, "text": "Forces should improve vetting."})
    hits = list(db.query("select rowid from pages_fts where pages_fts match 'vetting'"))
    assert len(hits) == 1
    # porter stemming: "improving" finds "improve"
    assert list(db.query("select rowid from pages_fts where pages_fts match 'improving'"))
    with store.transaction(db):
        store.delete_report_rows(db, "r1")
    assert not list(db.query("select rowid from pages_fts where pages_fts match 'vetting'"))


def test_wal_mode(db):
    assert db.journal_mode == "wal"


def _version_1_database(path):
    """A database as the first release left it, with one report in it."""
    database = sqlite_utils.Database(path)
    store.MIGRATIONS[0](database)
    database.execute("PRAGMA user_version = 1")
    database["reports"].insert({"id": "r1", "sha256": "a" * 64, "file": "a.pdf", "title": "Old", "pages": 2})
    database["pages"].insert_all([
        {"report_id": "r1", "number": 1, "text": "First page about vetting."},
        {"report_id": "r1", "number": 2, "text": "Second page."},
    ])
    database["furniture"].insert({"report_id": "r1", "page": 1, "seq": 0, "position": "footer", "kind": "page_number", "text": "1"})
    database["ingest_errors"].insert({"path": "/x/bad.pdf", "sha256": "", "file": "bad.pdf", "code": "empty_file", "message": "empty"})
    database.conn.commit()
    database.close()


def _dump(database, tables):
    """The rows of the columns issue 2 fixed (later migrations may add columns beside them)."""
    return {
        table: sorted(map(tuple, database.execute(
            f"select {', '.join(f'[{c}]' for c in sorted(columns))} from [{table}]").fetchall()))
        for table, columns in tables.items()
    }


@pytest.mark.skipif(store.SCHEMA_VERSION < 2, reason="only one schema version so far")
def test_version_1_database_is_migrated_in_place_keeping_rows_and_a_backup(tmp_path):
    path = tmp_path / "old.db"
    _version_1_database(path)
    before = _dump(sqlite_utils.Database(path), EXPECTED_COLUMNS)

    database = store.connect(path)
    assert store.schema_version(database) == store.SCHEMA_VERSION
    assert _dump(database, EXPECTED_COLUMNS) == before
    assert list(database.query("select rowid from pages_fts where pages_fts match 'vetting'"))
    assert database.journal_mode == "wal"
    database.close()

    backup = tmp_path / "old.db.v1.bak"
    assert backup.exists()
    old = sqlite_utils.Database(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert _dump(old, EXPECTED_COLUMNS) == before
    old.close()

    # opening an up-to-date database again migrates nothing and makes no new backup
    store.connect(path).close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".bak")) == ["old.db.v1.bak"]


def test_connect_without_create_refuses_a_missing_database(tmp_path):
    with pytest.raises(StoreError):
        store.connect(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
