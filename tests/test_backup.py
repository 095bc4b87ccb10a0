"""Decisions are never lost: `hmicfrs backup` while in use, and migrations that back up first,
tested on databases made by every earlier schema version."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pdf_makers import make_report
from pipeline import store
from pipeline.cli.main import cli
from pipeline.errors import StoreError

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("backup")
    for index, topic in enumerate(["Vetting", "Custody"]):
        make_report(folder / f"r{index}.pdf", f"{topic} inspection", pages=3)
    db = folder / "h.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def tables(db: Path, columns_of: Path | None = None) -> dict[str, list[tuple]]:
    """Every table's rows; with `columns_of`, only the columns that database's tables have (a
    migration may add columns, and must keep what was there)."""
    names = [r[0] for r in rows(db, "select name from sqlite_master where type = 'table'") if "_fts" not in r[0]]
    result = {}
    for name in names:
        source = columns_of or db
        columns = [r[1] for r in rows(source, f"pragma table_info([{name}])")] or ["*"]
        selected = ", ".join(c if c == "*" else f"[{c}]" for c in columns)
        result[name] = sorted(map(repr, rows(db, f"select {selected} from [{name}]")))
    return result


def backup(*args: str):
    return CliRunner().invoke(cli, ["backup", *args], catch_exceptions=False)


def test_backup_copies_everything_and_checks_the_copy(ingested, tmp_path):
    dest = tmp_path / "copy.db"
    result = backup(str(dest), "--db", str(ingested))
    assert result.exit_code == 0, result.output
    assert "2 reports" in result.output and "integrity ok" in result.output
    assert tables(dest) == tables(ingested)
    assert rows(dest, "PRAGMA integrity_check") == [("ok",)]
    assert not list(tmp_path.glob(".*partial"))


def test_backup_refuses_to_overwrite_unless_forced_and_names_a_file_in_a_folder(ingested, tmp_path):
    dest = tmp_path / "copy.db"
    dest.write_text("precious")
    refused = backup(str(dest), "--db", str(ingested))
    assert refused.exit_code == 2 and "exists" in refused.output
    assert dest.read_text() == "precious"
    assert backup(str(dest), "--db", str(ingested), "--force").exit_code == 0
    assert backup(str(tmp_path), "--db", str(ingested)).exit_code == 0
    assert len(list(tmp_path.glob("h-*.db"))) == 1


def test_backup_while_a_writer_holds_an_open_transaction(ingested, tmp_path):
    writer = sqlite3.connect(ingested, isolation_level=None)
    try:
        writer.execute("begin immediate")
        writer.execute("delete from items")  # not committed: must not reach the copy
        dest = tmp_path / "during.db"
        started = time.monotonic()
        assert backup(str(dest), "--db", str(ingested)).exit_code == 0
        assert time.monotonic() - started < 30
        assert rows(dest, "select count(*) from items") == rows(ingested, "select count(*) from items")
    finally:
        writer.execute("rollback")
        writer.close()


def test_backups_taken_during_an_ingest_are_each_sound(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        make_report(folder / f"r{index}.pdf", f"Topic {index}", pages=4)
    db = tmp_path / "h.db"
    store.connect(db).conn.close()
    writer = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db), "-q",
                               "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    copies = []
    while writer.poll() is None or not copies:
        dest = tmp_path / f"copy{len(copies)}.db"
        assert backup(str(dest), "--db", str(db)).exit_code == 0
        copies.append(dest)
    assert writer.wait(120) == 0
    for copy in copies:
        assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
        (pages_expected, pages), = rows(copy, "select (select coalesce(sum(pages), 0) from reports), "
                                              "(select count(*) from pages)")
        assert pages == pages_expected


# --- migrations --------------------------------------------------------------------------------


def database_at(path: Path, version: int) -> Path:
    """A database as release `version` of the schema made it, with a report and a decision in it."""
    db = sqlite_utils.Database(store._Connection(str(path), isolation_level=None))
    for migration in store.MIGRATIONS[:version]:
        with store.transaction(db):
            migration(db)
    db.execute(f"PRAGMA user_version = {version}")
    db["reports"].insert({"id": "r1", "sha256": "ab" * 32, "file": "old.pdf", "pages": 1})
    db["pages"].insert({"report_id": "r1", "number": 1, "text": "Victims were not told."})
    if db["reviews"].exists():
        db["reviews"].insert({"item_id": "r1-rec1", "status": "accepted", "by": "liaison", "at": "2024-01-01"})
    db.conn.close()
    return path


@pytest.mark.parametrize("version", range(1, store.SCHEMA_VERSION))
def test_an_older_database_is_backed_up_then_migrated_keeping_its_rows(tmp_path, version):
    path = database_at(tmp_path / "old.db", version)
    before = tables(path)
    db = store.connect(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION
    db.conn.close()
    saved = tmp_path / f"old.db.v{version}.bak"
    assert saved.exists()
    assert rows(saved, "PRAGMA user_version") == [(version,)]
    assert tables(saved) == before
    after = tables(path, columns_of=saved)
    for table, content in before.items():
        assert after[table] == content, table
    assert rows(path, "select count(*) from pages_fts where pages_fts match 'victims'") == [(1,)]


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = database_at(tmp_path / "old.db", store.SCHEMA_VERSION)
    before = tables(path)

    def half_done(db):
        db["scratch"].create({"id": int, "text": str}, pk="id")
        db["scratch"].enable_fts(["text"])  # FTS set-up runs executescript(), which would commit
        raise RuntimeError("migration bug")

    # migrate() reads them from store.schema; the asserts below read the package's names
    migrations, version = store.schema.MIGRATIONS + [half_done], store.schema.SCHEMA_VERSION + 1
    for module in (store.schema, store):
        monkeypatch.setattr(module, "MIGRATIONS", migrations)
        monkeypatch.setattr(module, "SCHEMA_VERSION", version)
    with pytest.raises(RuntimeError):
        store.connect(path)
    assert rows(path, "PRAGMA user_version") == [(store.SCHEMA_VERSION - 1,)]
    assert tables(path) == before
    assert (tmp_path / f"old.db.v{store.SCHEMA_VERSION - 1}.bak").exists()


def test_a_database_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this release"):
        store.connect(path)
