"""`hmicfrs ingest` end to end on tiny PDFs made here with reportlab: rows, exit codes, re-runs."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pdf_makers import BODY
from pipeline.cli.main import cli

WIDTH, HEIGHT = A4
HEADER = "Northshire PEEL inspection 2023"


TOPICS = ["zero", "one", "about victims", "about vetting", "about training", "about custody"]


def make_report(path: Path, title: str, pages: int = 3) -> Path:
    """A small report: a cover, then pages with a running header, body, a footnote and a page number.

    Invariant: the same bytes every run, so the pdfplumber read kept for them (tests/once.py) is
    found again rather than made anew each run."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(72, HEIGHT - 200, title)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, HEIGHT - 240, "Published on: 8 March 2023")
    pdf.showPage()
    for number in range(2, pages + 1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, HEIGHT - 40, HEADER)
        pdf.setFont("Helvetica", 11)
        y = HEIGHT - 100
        # The body lines move from page to page, as real text does.
        for text in BODY[number % len(BODY):] + BODY[: number % len(BODY)]:
            pdf.drawString(72, y, f"{text}")
            y -= 15
        last = f"Finding {TOPICS[number]} of the report on {title.lower()}."
        pdf.drawString(72, y, last)
        marker_x = 72 + pdf.stringWidth(last, "Helvetica", 11)
        pdf.setFont("Helvetica", 6)
        pdf.drawString(marker_x + 0.5, y + 4, str(number))
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 90, f"{number} Home Office, Police workforce statistics, table {number}.")
        pdf.setFont("Helvetica", 11)
        pdf.drawCentredString(WIDTH / 2, 40, str(number))
        pdf.showPage()
    pdf.save()
    return path


def make_image_only(path: Path) -> Path:
    """Pages with drawing but no text layer, as a scan or outlined text would be."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        for row in range(20):
            pdf.rect(72, HEIGHT - 100 - row * 20, 300 + (row % 5) * 20, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    return {
        "good": make_report(folder / "good.pdf", "Vetting and misconduct", pages=4),
        "other": make_report(folder / "other.pdf", "Stalking and harassment", pages=2),
        "image": make_image_only(folder / "scan.pdf"),
    }


def run(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--workers", "1"], catch_exceptions=False)


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, independent of row order; FTS tables by content, not their internals
    (a re-ingest with --force gives the pages new rowids, and the index its own layout)."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0] for r in conn.execute("select name from sqlite_master where type = 'table' order by name")
            if not r[0].rsplit("_", 1)[-1] in {"data", "idx", "docsize", "config", "content"} or "_fts" not in r[0]
        ]
        return {t: sorted(map(repr, conn.execute(f"select * from [{t}]").fetchall())) for t in tables}
    finally:
        conn.close()


def full_dump(db: Path) -> list[str]:
    """The whole database as SQL, FTS internals and rowids included."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def query(db: Path, sql: str, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("parser", [
    "in process",
    # the same report through a parser process: the quick set leaves those to the slow tests
    pytest.param("process", marks=pytest.mark.slow),
])
def test_ingest_one_report(tmp_path, pdfs, parser, request):
    if parser == "in process":
        request.getfixturevalue("parse_in_process")
    db = tmp_path / "out" / "h.db"
    result = run(str(pdfs["good"]), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "ingested 1 (4 pages), skipped 0 unchanged, failed 0" in result.output
    [(title, published, pages, file)] = query(db, "select title, published, pages, file from reports")
    assert (title, published, pages, file) == ("Vetting and misconduct", "2023-03-08", 4, "good.pdf")
    texts = dict(query(db, "select number, text from pages"))
    assert sorted(texts) == [1, 2, 3, 4]
    for number in (2, 3, 4):
        assert HEADER not in texts[number]
        assert "The force has improved how it records crime" in texts[number]
        assert texts[number].endswith(f"Finding {TOPICS[number]} of the report on vetting and misconduct.")
        assert "Home Office" not in texts[number]
    notes = dict(query(db, "select number, footnotes from pages"))
    assert notes[3] == "3 Home Office, Police workforce statistics, table 3."
    furniture = query(db, "select page, position, kind, text from furniture order by page, seq")
    assert ("3", "footer", "page_number", "3") in [(str(p), pos, k, t) for p, pos, k, t in furniture]
    assert (3, "header", "running", HEADER) in furniture


@pytest.mark.usefixtures("parse_in_process")  # about names and discovery, not the parser process
def test_ingest_twice_changes_nothing_and_force_rewrites_the_same_rows(tmp_path, pdfs):
    db = tmp_path / "h.db"
    assert run(str(pdfs["good"]), str(pdfs["other"]), "--db", str(db), "-q").exit_code == 0
    first, first_sql = dump(db), full_dump(db)
    again = run(str(pdfs["good"]), str(pdfs["other"]), "--db", str(db), "-q")
    assert again.exit_code == 0
    assert "ingested 0 (0 pages), skipped 2 unchanged, failed 0" in again.output
    assert full_dump(db) == first_sql
    forced = run(str(pdfs["good"]), "--db", str(db), "--force", "-q")
    assert forced.exit_code == 0
    assert "ingested 1 (4 pages), skipped 0 unchanged" in forced.output
    assert dump(db) == first


@pytest.mark.usefixtures("parse_in_process")  # about names and discovery, not the parser process
def test_same_bytes_under_another_name_are_skipped(tmp_path, pdfs):
    db = tmp_path / "h.db"
    copy = tmp_path / "copy.pdf"
    shutil.copy(pdfs["good"], copy)
    assert run(str(pdfs["good"]), "--db", str(db)).exit_code == 0
    result = run(str(copy), "--db", str(db))
    assert result.exit_code == 0 and "skipped 1 unchanged" in result.output
    assert query(db, "select count(*) from reports") == [(1,)]


@pytest.mark.usefixtures("parse_in_process")  # about what is stored and said, not the parser process
def test_dry_run_writes_nothing(tmp_path, pdfs):
    db = tmp_path / "h.db"
    assert run(str(pdfs["other"]), "--db", str(db)).exit_code == 0
    before = dump(db)
    result = run(str(pdfs["good"]), str(pdfs["image"]), "--db", str(db), "--dry-run")
    assert result.exit_code == 1
    assert "would ingest 1 (4 pages)" in result.output
    assert dump(db) == before


@pytest.mark.usefixtures("parse_in_process")  # about what is stored and said, not the parser process
def test_bad_files_are_named_and_recorded_while_the_good_one_is_stored(tmp_path, pdfs):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(pdfs["good"], folder / "good.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("These are my notes, not a PDF.\n")
    shutil.copy(pdfs["image"], folder / "scan.pdf")
    db = tmp_path / "h.db"
    result = run(str(folder), "--db", str(db))
    assert result.exit_code == 1
    assert "ingested 1 (4 pages), skipped 0 unchanged, failed 3" in result.output
    for name, reason in [("empty.pdf", "empty file"), ("notes.pdf", "not a PDF"), ("scan.pdf", "no text layer (needs OCR)")]:
        assert any(name in line and reason in line for line in result.output.splitlines()), (name, result.output)
    errors = {file: code for file, code in query(db, "select file, code from ingest_errors")}
    assert errors == {"empty.pdf": "empty_file", "notes.pdf": "not_a_pdf", "scan.pdf": "no_text_layer"}
    assert query(db, "select file from reports") == [("good.pdf",)]
    # a second run fails the same way and leaves the database as it was
    first = full_dump(db)
    assert run(str(folder), "--db", str(db), "-q").exit_code == 1
    assert full_dump(db) == first


@pytest.mark.usefixtures("parse_in_process")  # about names and discovery, not the parser process
def test_folders_recursively_and_globs(tmp_path, pdfs):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(pdfs["good"], folder / "sub" / "good.pdf")
    shutil.copy(pdfs["other"], folder / "other.PDF")
    (folder / "readme.txt").write_text("not a report")
    db = tmp_path / "a.db"
    result = run(str(folder), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    assert sorted(query(db, "select file from reports")) == [("good.pdf",), ("other.PDF",)]

    db2 = tmp_path / "b.db"
    result = run(str(folder / "**" / "*.pdf"), "--db", str(db2), "-q")
    assert result.exit_code == 0, result.output
    assert query(db2, "select file from reports") == [("good.pdf",)]


@pytest.mark.parametrize("args", [["nowhere.pdf"], ["nowhere/*.pdf"], []])
def test_usage_errors_exit_2(tmp_path, args):
    db = tmp_path / "h.db"
    result = CliRunner().invoke(cli, ["ingest", *args, "--db", str(db)])
    assert result.exit_code == 2
    if args:
        assert args[0] in result.output
    assert not db.exists()


def test_bad_option_exits_2(tmp_path, pdfs):
    result = CliRunner().invoke(cli, ["ingest", str(pdfs["good"]), "--workers", "0", "--db", str(tmp_path / "h.db")])
    assert result.exit_code == 2
