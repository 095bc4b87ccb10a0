"""Bad inputs one by one: each is named with a one-line reason and recorded, the batch goes on,
nothing of a failed file is stored, and no traceback reaches the user."""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pdf_makers import (
    flipped, html_page, make_bomb, make_image_only, make_long, make_report, make_zip_bomb, random_bytes, truncated,
)
from pipeline import store
from pipeline.cli.main import cli
from pipeline.ingest.batch import IngestOptions, ingest
from pipeline.ingest.pdf import sha256_of

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it

# file name -> (expected code in ingest_errors, words the printed reason must contain)
BAD = {
    "empty.pdf": ("empty_file", "empty file"),
    "truncated.pdf": ("corrupt_pdf", "corrupt PDF"),
    "noise.pdf": ("corrupt_pdf", "corrupt PDF"),
    "noise-no-header.pdf": ("not_a_pdf", "not a PDF"),
    "download.pdf": ("not_a_pdf", "not a PDF"),
    "locked.pdf": ("encrypted", "password"),
    "scan.pdf": ("no_text_layer", "no text layer (needs OCR)"),
}
# Parser-breakers: stopped by the time or the memory limit, whichever comes first.
LIMITED = {"glyphs.pdf", "inflates.pdf"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    good = make_report(folder / "good.pdf", "Vetting and misconduct", pages=4)
    (folder / "empty.pdf").write_bytes(b"")
    truncated(good, folder / "truncated.pdf", 0.6)
    random_bytes(folder / "noise.pdf", seed=1)
    random_bytes(folder / "noise-no-header.pdf", seed=2, header=False)
    html_page(folder / "download.pdf")
    make_report(folder / "locked.pdf", "Custody", pages=2, encrypt="s3cret")
    make_image_only(folder / "scan.pdf")
    return folder


@pytest.fixture(scope="module")
def breakers(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("breakers")
    make_bomb(folder / "glyphs.pdf", glyphs=1_000_000)  # minutes of pdfminer work
    make_zip_bomb(folder / "inflates.pdf", megabytes=400)  # 400 KB that inflates to 400 MB
    return folder


def ingest_cli(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args], catch_exceptions=False)


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def assert_sound(db: Path) -> None:
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    # every stored page belongs to a stored report, and each report has all its pages
    assert rows(db, "select r.id from reports r left join pages p on p.report_id = r.id "
                    "group by r.id having count(p.number) != max(r.pages)") == []


def test_every_bad_input_is_named_recorded_and_the_good_one_stored(tmp_path, folder, breakers):
    db = tmp_path / "h.db"
    result = ingest_cli(str(folder), str(breakers), "--db", str(db), "--workers", "2", "--timeout", "5",
                        "--max-memory", "300")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failures = len(BAD) + len(LIMITED)
    assert f"ingested 1 (4 pages), skipped 0 unchanged, failed {failures}" in result.output
    failed_lines = [line for line in result.output.splitlines() if line.startswith("  failed: ")]
    assert len(failed_lines) == failures
    for name, (_code, words) in BAD.items():
        assert any(f"{name}: " in line and words in line for line in failed_lines), (name, result.output)
    errors = dict(rows(db, "select file, code from ingest_errors"))
    limited = {name: errors.pop(name) for name in LIMITED}
    assert set(limited.values()) <= {"timeout", "resource_limit"}, limited
    assert errors == {name: code for name, (code, _) in BAD.items()}
    assert rows(db, "select file from reports") == [("good.pdf",)]
    assert rows(db, "select count(*) from pages") == [(4,)]
    assert_sound(db)


def test_the_right_password_opens_an_encrypted_report_and_clears_its_error(tmp_path, folder):
    db = tmp_path / "h.db"
    assert ingest_cli(str(folder / "locked.pdf"), "--db", str(db)).exit_code == 1
    assert rows(db, "select code from ingest_errors") == [("encrypted",)]
    result = ingest_cli(str(folder / "locked.pdf"), "--db", str(db), "--password", "s3cret")
    assert result.exit_code == 0, result.output
    assert rows(db, "select file, pages from reports") == [("locked.pdf", 2)]
    assert rows(db, "select count(*) from ingest_errors") == [(0,)]
    wrong = ingest_cli(str(folder / "locked.pdf"), "--db", str(tmp_path / "other.db"), "--password", "nope")
    assert wrong.exit_code == 1 and "password" in wrong.output


def test_a_file_that_takes_too_long_is_stopped_and_the_batch_goes_on(tmp_path, folder):
    slow = make_bomb(tmp_path / "slow.pdf", glyphs=1_000_000)  # minutes of pdfminer work
    db = tmp_path / "h.db"
    # 2 s, not 1: the good file's fresh parser process needs the same limit, and on 2 busy cores
    # (the other xdist worker running) it once took more than 1 s. The bomb needs minutes.
    result = ingest_cli(str(slow), str(folder / "good.pdf"), "--db", str(db), "--timeout", "2", "--workers", "1")
    assert result.exit_code == 1
    assert "slow.pdf: gave up after 2 s (time limit per file, --timeout)" in result.output
    assert rows(db, "select file, code from ingest_errors") == [("slow.pdf", "timeout")]
    assert rows(db, "select file from reports") == [("good.pdf",)]
    assert "Traceback" not in result.output


def test_a_file_that_eats_memory_is_stopped_and_the_batch_goes_on(tmp_path, folder):
    greedy = make_zip_bomb(tmp_path / "greedy.pdf", megabytes=400)  # 400 KB that inflates to 400 MB
    db = tmp_path / "h.db"
    result = ingest_cli(str(greedy), str(folder / "good.pdf"), "--db", str(db), "--max-memory", "300",
                        "--workers", "1")
    assert result.exit_code == 1
    assert "greedy.pdf: ran out of memory while parsing" in result.output
    assert rows(db, "select file, code from ingest_errors") == [("greedy.pdf", "resource_limit")]
    assert rows(db, "select file from reports") == [("good.pdf",)]
    assert "Traceback" not in result.output


def test_a_report_of_a_thousand_pages(tmp_path):
    long = make_long(tmp_path / "annex.pdf", pages=1000)
    db = tmp_path / "h.db"
    result = ingest_cli(str(long), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert rows(db, "select pages from reports") == [(1000,)]
    assert rows(db, "select count(*), max(number) from pages") == [(1000, 1000)]
    assert "Annex table 734: the force recorded 5138 crimes." in rows(db, "select text from pages where number = 734")[0][0]


def test_a_failure_while_storing_leaves_nothing_of_that_report(tmp_path, folder):
    second = make_report(tmp_path / "second.pdf", "Stalking and harassment", pages=2)
    db = store.connect(tmp_path / "h.db")

    def extract(db_, doc):
        db_["items"].insert({"id": f"{doc.report_id}-x", "report_id": doc.report_id, "kind": "recommendation",
                             "text": "half written"})
        if doc.file == "second.pdf":
            raise ValueError("extraction broke half way")

    summary = ingest(db, [folder / "good.pdf", second], IngestOptions(workers=1), on_document=extract)
    outcomes = {Path(o.path).name: (o.status, o.reason) for o in summary.outcomes}
    assert outcomes["good.pdf"][0] == "ingested"
    assert outcomes["second.pdf"] == ("failed", "could not store: ValueError: extraction broke half way")
    assert [r["file"] for r in db.query("select file from reports")] == ["good.pdf"]
    assert db.execute("select count(*) from items").fetchone() == (1,)
    assert db.execute("select count(*) from pages where report_id not in (select id from reports)").fetchone() == (0,)


def test_ocr_is_only_run_when_asked_and_says_when_ocrmypdf_is_missing(tmp_path, folder):
    if shutil.which("ocrmypdf"):
        pytest.skip("ocrmypdf is installed here; the fake-ocrmypdf test below covers the wiring")
    result = ingest_cli(str(folder / "scan.pdf"), "--db", str(tmp_path / "h.db"), "--ocr")
    assert result.exit_code == 1
    assert "no text layer (needs OCR; --ocr needs ocrmypdf, which is not installed)" in result.output


def test_ocr_output_is_read_in_place_of_the_scan(tmp_path, folder):
    """A stand-in ocrmypdf on PATH (copies a text PDF to its output) checks the wiring: the text of
    the OCR'd copy is stored under the scan's own name and hash."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    text_pdf = make_report(tmp_path / "ocr-result.pdf", "Recognised text", pages=2)
    fake = bin_dir / "ocrmypdf"
    fake.write_text(f"#!/bin/sh\nfor last; do :; done\ncp '{text_pdf}' \"$last\"\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    db = tmp_path / "h.db"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-m", "pipeline", "ingest", str(folder / "scan.pdf"), "--db", str(db), "--ocr"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert rows(db, "select file, pages, sha256 from reports") == [("scan.pdf", 2, sha256_of(folder / "scan.pdf"))]
    assert "Recognised text" in rows(db, "select text from pages where number = 1")[0][0]


@pytest.mark.parametrize("seed", range(3))
def test_damaged_copies_of_a_good_report_fail_cleanly_or_ingest(tmp_path, folder, seed):
    damaged = flipped(folder / "good.pdf", tmp_path / f"damaged{seed}.pdf", seed=seed)
    db = tmp_path / "h.db"
    result = ingest_cli(str(damaged), "--db", str(db))
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert_sound(db)


@pytest.mark.parametrize("script, timeout, reason", [
    ("echo 'ERROR - tesseract is not installed' >&2; exit 3", "60",
     "no text layer, and OCR failed: ERROR - tesseract is not installed"),
    ("sleep 60", "2", "no text layer, and OCR took longer than 1.8 s"),
])
def test_ocr_that_fails_or_hangs_is_one_line_and_stopped(tmp_path, folder, script, timeout, reason):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "ocrmypdf"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-m", "pipeline", "ingest", str(folder / "scan.pdf"), "--db", str(tmp_path / "h.db"),
               "--ocr", "--timeout", timeout]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"scan.pdf: {reason}" in done.stderr and "Traceback" not in done.stderr
