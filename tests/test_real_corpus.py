"""A few real published PDFs through `hmicfrs ingest`: furniture gone, metadata as printed, OCR refusal.

The PDFs live outside the project (../shared/corpus/real) and are never copied into it; without
them this module is skipped. Kept to four small files so that it runs in CI in a few seconds.
"""
from __future__ import annotations

import math
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "real"
if not REAL.is_dir():
    pytest.skip("the shared real corpus (../shared/corpus/real) is not available", allow_module_level=True)

LONG_REPORT = "other_commons_hac_2024_summer_disorder_report.pdf"  # 46 pages, footnotes on most
CORONER = "pfd_amy_henderson.pdf"
RESPONSE = "other_govresponse_2024_summer_disorder.pdf"
IMAGE_ONLY = "other_govresponse_post_office_horizon.pdf"  # outlined text, no text layer
FILES = [LONG_REPORT, CORONER, RESPONSE, IMAGE_ONLY]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    db = tmp_path_factory.mktemp("real") / "real.db"
    args = ["ingest", *(str(REAL / name) for name in FILES), "--db", str(db), "--workers", "2", "-q"]
    first = CliRunner().invoke(cli, args, catch_exceptions=False)
    counts = _counts(db)
    second = CliRunner().invoke(cli, args, catch_exceptions=False)
    return db, first, second, counts


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table' and name not like '%fts%'")]
        return {name: conn.execute(f"select count(*) from [{name}]").fetchone()[0] for name in names}


def _report(db: Path, file: str) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("select * from reports where file = ?", [file]).fetchone()
        return dict(row) if row else {}


def _page_texts(db: Path, file: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute(
            "select text from pages join reports on reports.id = pages.report_id where file = ? order by number", [file]
        )]


def test_image_only_pdf_is_named_with_its_reason_and_the_batch_exits_1(ingested):
    db, first, _second, _counts_ = ingested
    assert first.exit_code == 1
    assert "ingested 3" in first.output and "failed 1" in first.output
    assert re.search(rf"failed: .*{re.escape(IMAGE_ONLY)}: no text layer \(needs OCR\)", first.output)
    assert _report(db, IMAGE_ONLY) == {}
    with sqlite3.connect(db) as conn:
        assert conn.execute("select file, code from ingest_errors").fetchall() == [(IMAGE_ONLY, "no_text_layer")]


def test_second_run_skips_everything_and_changes_no_counts(ingested):
    db, _first, second, counts = ingested
    assert second.exit_code == 1  # the image-only file still fails
    assert "ingested 0 (0 pages), skipped 3 unchanged, failed 1" in second.output
    assert _counts(db) == counts


@pytest.mark.parametrize("normalise_numbers", [False, True], ids=["exact", "numbers-ignored"])
def test_no_line_recurring_on_half_the_pages_of_a_long_report_is_left(ingested, normalise_numbers):
    db = ingested[0]
    texts = _page_texts(db, LONG_REPORT)
    assert len(texts) == 46
    pages_with: dict[str, set[int]] = defaultdict(set)
    for number, text in enumerate(texts, start=1):
        for line in text.split("\n"):
            key = " ".join(line.split())
            if normalise_numbers:
                key = re.sub(r"\d+", "#", key)
            if key and any(ch.isalpha() for ch in key):
                pages_with[key].add(number)
    recurring = {key: len(pages) for key, pages in pages_with.items() if len(pages) >= math.ceil(len(texts) / 2)}
    assert recurring == {}


def test_long_report_keeps_its_footnotes_and_page_numbers_apart(ingested):
    db = ingested[0]
    with sqlite3.connect(db) as conn:
        report_id = conn.execute("select id from reports where file = ?", [LONG_REPORT]).fetchone()[0]
        with_notes = conn.execute(
            "select count(*) from pages where report_id = ? and footnotes != ''", [report_id]
        ).fetchone()[0]
        numbers = conn.execute(
            "select count(*) from furniture where report_id = ? and kind = 'page_number'", [report_id]
        ).fetchone()[0]
    assert with_notes >= 20
    assert numbers >= 40
    # a page's text does not end with its printed page number
    for text in _page_texts(db, LONG_REPORT):
        assert not re.search(r"\n\d{1,3}$", text)


@pytest.mark.parametrize(
    "file, title, published, family",
    [
        (LONG_REPORT, "Police response to the 2024 summer disorder", "2025-04-14", "committee"),
        (RESPONSE, "Police response to the 2024 summer disorder: Government Response", "2025-07-03", "government_response"),
        (CORONER, "Regulation 28: report to prevent future deaths: Amy Henderson", "2023-04-21", "coroner"),
    ],
)
def test_metadata_as_printed(ingested, file, title, published, family):
    report = _report(ingested[0], file)
    assert report["title"] == title
    assert (report["published"], report["family"]) == (published, family)
    assert report["pages"] == len(_page_texts(ingested[0], file))
    assert len(report["sha256"]) == 64


def test_response_keeps_its_response_labels(ingested):
    """'Response:' heads each answer on six of ten pages, in different places: it is body text."""
    texts = _page_texts(ingested[0], RESPONSE)
    assert sum("Response:" in text for text in texts) >= 6
