"""kill -9 in the middle of a batch: the database stays sound, and the same command completes it."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from pdf_makers import make_report
from pipeline import store

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it

TOPICS = ["Vetting", "Stalking", "Custody", "Forensics", "Fraud", "Roads", "Cyber", "Firearms", "Missing people",
          "Neighbourhoods"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for index, topic in enumerate(TOPICS):
        make_report(folder / f"{index:02}-{topic.lower()}.pdf", f"{topic} inspection", pages=6)
    return folder


def command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", str(db), "--workers", "1", "-q"]


def start(folder: Path, db: Path) -> subprocess.Popen:
    # Its own process group, so kill -9 takes the parser processes with it, as a crash would.
    return subprocess.Popen(command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def count(db: Path, table: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(f"select count(*) from [{table}]").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def kill_when(process: subprocess.Popen, ready, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not ready() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def check(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < store.SCHEMA_VERSION:
            # killed between two migrations: exactly the tables of the versions applied, no report yet
            assert tables == tables_at(version), "a migration is all or nothing"
            assert version == 0 or conn.execute("select count(*) from reports").fetchone() == (0,)
            return
        # a report is there with all its pages and its extraction, or not at all
        assert conn.execute("select count(*) from reports r where pages != "
                            "(select count(*) from pages p where p.report_id = r.id)").fetchone() == (0,)
        assert conn.execute("select count(*) from reports r where not exists "
                            "(select 1 from report_checks c where c.report_id = r.id)").fetchone() == (0,)
        assert conn.execute("select count(*) from pages where report_id not in (select id from reports)").fetchone() == (0,)
        assert conn.execute("select count(*) from items where report_id not in (select id from reports)").fetchone() == (0,)
    finally:
        conn.close()


def tables_at(version: int) -> set[str]:
    """The tables a database has after the first `version` migrations."""
    db = sqlite_utils.Database(memory=True)
    for migration in store.MIGRATIONS[:version]:
        migration(db)
    return {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}


def dump(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'") if "_fts" not in r[0]]
        found = {t: sorted(map(repr, conn.execute(f"select * from [{t}]"))) for t in tables}
        # the full-text index answers the same
        found["fts"] = sorted(map(repr, conn.execute(
            "select report_id, number from pages where rowid in "
            "(select rowid from pages_fts where pages_fts match 'victims')")))
        return found
    finally:
        conn.close()


def test_kill_9_at_start_and_mid_batch_then_rerun_gives_the_clean_database(tmp_path, folder):
    clean = tmp_path / "clean.db"
    done = subprocess.run(command(folder, clean), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr

    db = tmp_path / "crashed.db"
    # 1. while the database is being created and the first report parsed
    kill_when(start(folder, db), lambda: db.exists())
    if db.exists():
        check(db)
    # 2. mid-batch, as reports are being written
    kill_when(start(folder, db), lambda: count(db, "reports") >= 1)
    check(db)
    stored = count(db, "reports")
    assert 0 < stored < len(TOPICS), f"the kill should land mid-batch, not after {stored} reports"
    # 3. the same command again completes the batch
    rerun = subprocess.run(command(folder, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {stored} unchanged" in rerun.stderr
    check(db)
    assert dump(db) == dump(clean)
