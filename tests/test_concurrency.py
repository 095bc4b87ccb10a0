"""Concurrent use: readers keep reading while ingest writes; two ingests at once both finish right."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pdf_makers import make_report

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it

TOPICS = ["Vetting", "Stalking", "Custody", "Forensics", "Fraud"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for index, topic in enumerate(TOPICS):
        make_report(folder / f"{index:02}-{topic.lower()}.pdf", f"{topic} inspection", pages=3)
    return folder


def command(db: Path, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", *map(str, paths), "--db", str(db), "--workers", "1", "-q"]


def snapshot(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'") if "_fts" not in r[0]]
        return {t: sorted(map(repr, conn.execute(f"select * from [{t}]"))) for t in tables}
    finally:
        conn.close()


def test_readers_keep_reading_consistent_data_while_ingest_writes(tmp_path, folder):
    db = tmp_path / "h.db"
    subprocess.run(command(db, folder / "00-vetting.pdf"), check=True, capture_output=True, timeout=120)
    writer = subprocess.Popen(command(db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reader = sqlite3.connect(db, timeout=0.2)  # a reader that is blocked would fail fast
    seen: list[int] = []
    try:
        while writer.poll() is None or not seen:
            reader.execute("begin")
            reports, pages_expected = reader.execute("select count(*), coalesce(sum(pages), 0) from reports").fetchone()
            pages = reader.execute("select count(*) from pages").fetchone()[0]
            found = reader.execute("select count(*) from pages_fts where pages_fts match 'victims'").fetchone()[0]
            reader.execute("commit")
            assert pages == pages_expected  # never half a report
            assert found > 0
            seen.append(reports)
            time.sleep(0.01)
    finally:
        reader.close()
    assert writer.wait(120) == 0, writer.stderr.read()
    assert seen == sorted(seen) and seen[0] >= 1 and len(seen) > 5
    assert snapshot(db)["reports"] and len(snapshot(db)["reports"]) == len(TOPICS)


def test_two_ingests_of_one_folder_at_once_both_finish_with_no_duplicates(tmp_path, folder):
    clean = tmp_path / "clean.db"
    subprocess.run(command(clean, folder), check=True, capture_output=True, timeout=300)
    db = tmp_path / "h.db"  # a new database: both processes race to create it too
    first = subprocess.Popen(command(db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command(db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    outputs = [first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    assert "Traceback" not in "".join(outputs)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert snapshot(db) == snapshot(clean)


def test_an_ingest_waits_for_another_writer_and_says_so(tmp_path, folder):
    db = tmp_path / "h.db"
    subprocess.run(command(db, folder / "00-vetting.pdf"), check=True, capture_output=True, timeout=120)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("begin immediate")  # another writer mid-transaction
    holder.execute("insert into ingest_errors (path, sha256, file, code, message) values ('x', '', 'x', 'c', 'm')")
    log = tmp_path / "stderr.txt"
    with open(log, "w") as err_file:
        waiting = subprocess.Popen(command(db, folder / "01-stalking.pdf"), stdout=subprocess.DEVNULL, stderr=err_file)
    try:
        deadline = time.monotonic() + 120
        while "waiting for it" not in log.read_text() and time.monotonic() < deadline:
            assert waiting.poll() is None, log.read_text()
            time.sleep(0.05)
        time.sleep(0.5)
        assert waiting.poll() is None, "it should wait for the lock, not give up"
    finally:
        holder.execute("commit")
        holder.close()
    assert waiting.wait(120) == 0, log.read_text()
    assert "another process is writing to the database; waiting for it...\n" in log.read_text()
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from reports").fetchone() == (2,)
    conn.close()
