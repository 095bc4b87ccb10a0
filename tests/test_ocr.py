"""Real OCR: `ingest --ocr` gives an image-only PDF a text layer with ocrmypdf and Tesseract's
English data (Debian packages `ocrmypdf tesseract-ocr-eng`, installed by .ci/run), then stores and
extracts it like any other report. A missing ocrmypdf fails these tests: CI installs it."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli
from pdf_makers import make_report

pytestmark = pytest.mark.slow
REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real"
SCAN = REAL / "other_govresponse_post_office_horizon.pdf"


def _needs_ocrmypdf() -> None:
    assert shutil.which("ocrmypdf"), "ocrmypdf is not installed: apt-get install ocrmypdf tesseract-ocr-eng"
    assert shutil.which("tesseract"), "tesseract is not installed: apt-get install tesseract-ocr-eng"


def scanned(source: Path, target: Path, resolution: int = 200) -> Path:
    """`source` as a scanner would give it back: each page an image, no text layer."""
    with pdfplumber.open(source) as pdf:
        images = [page.to_image(resolution=resolution).original.convert("L") for page in pdf.pages]
    images[0].save(target, "PDF", resolution=resolution, save_all=True, append_images=images[1:])
    return target


def ingest(*args) -> object:
    return CliRunner().invoke(cli, ["ingest", "--workers", "1", "--quiet", *map(str, args)])


def pages_of(db: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select number, text from pages order by number").fetchall()
    finally:
        conn.close()


def test_a_scanned_page_made_here_is_read(tmp_path):
    _needs_ocrmypdf()
    original = make_report(tmp_path / "typed.pdf", "An inspection of custody", pages=2)
    scan = scanned(original, tmp_path / "scan.pdf")
    with pdfplumber.open(scan) as pdf:
        assert all(not page.extract_text().strip() for page in pdf.pages)  # truly image-only

    without = ingest(scan, "--db", tmp_path / "plain.db")
    assert without.exit_code == 1 and "no text layer" in without.output  # the near-miss: no --ocr

    result = ingest(scan, "--db", tmp_path / "ocr.db", "--ocr", "--timeout", 0)
    assert result.exit_code == 0, result.output
    pages = pages_of(tmp_path / "ocr.db")
    assert [number for number, _ in pages] == [1, 2]
    text = " ".join(pages[1][1].split()).lower()
    for words in ("recommendation 1", "by 31 march 2025", "the force should review", "victims"):
        assert words in text, (words, text)
    assert "an inspection of custody" in " ".join(pages[0][1].split()).lower()


@pytest.mark.skipif(not SCAN.exists(), reason="the shared real corpus (../shared/corpus/real) is not available")
def test_the_image_only_government_response_is_read(tmp_path):
    _needs_ocrmypdf()
    db = tmp_path / "real.db"
    result = ingest(SCAN, "--db", db, "--ocr", "--timeout", 0)
    assert result.exit_code == 0, result.output
    pages = pages_of(db)
    assert [number for number, _ in pages] == list(range(1, 17))
    empty = [number for number, text in pages if len(text.split()) < 3]
    assert not empty, f"pages without text: {empty}"
    # Page 2 only lists recommendation headings (about 15 words once its browser header and
    # footer are taken off as furniture); the rest is running prose.
    prose = [number for number, text in pages if len(text.split()) >= 20]
    assert len(prose) >= 14, f"pages with little text: {sorted(set(range(1, 17)) - set(prose))}"
    whole = " ".join(text for _, text in pages).lower()
    assert "post office" in whole and "horizon" in whole and "recommendation 16" in whole
    conn = sqlite3.connect(db)
    try:
        file, title = conn.execute("select file, title from reports").fetchone()
    finally:
        conn.close()
    assert file == SCAN.name and title
