"""A corpus of corrupt PDFs made by mutating the sample reports (truncations, flipped bytes, noise),
ingested in one batch: every file is stored whole or named with a one-line reason; nothing else."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pdf_makers import flipped, random_bytes, truncated
from pipeline.cli.main import cli

pytestmark = pytest.mark.slow  # processes, many PDFs or long generated corpora: `pytest -m "not slow"` skips it

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "corpus").glob("*.pdf"))
# Reasons a damaged file may be given; an internal error would be a bug to fix, not an outcome.
EXPECTED_CODES = {"corrupt_pdf", "not_a_pdf", "empty_file", "no_text_layer", "encrypted", "timeout", "resource_limit"}


@pytest.fixture(scope="module")
def mutants(tmp_path_factory) -> Path:
    if not SAMPLES:
        pytest.skip("no sample PDFs in corpus/")
    folder = tmp_path_factory.mktemp("mutants")
    smallest = min(SAMPLES, key=lambda p: p.stat().st_size)
    for sample in SAMPLES:
        for share in (0.02, 0.5, 0.97):
            truncated(sample, folder / f"{sample.stem}-cut{int(share * 100)}.pdf", share)
    for seed in range(8):
        flipped(smallest, folder / f"{smallest.stem}-flip{seed}.pdf", seed=seed, flips=1 + seed * 5)
    for seed in range(2):
        random_bytes(folder / f"noise{seed}.pdf", seed=seed, size=20_000)
    shutil.copy(smallest, folder / "intact.pdf")
    return folder


def test_every_mutant_is_stored_whole_or_named_with_one_line(tmp_path, mutants):
    db = tmp_path / "fuzz.db"
    result = CliRunner().invoke(cli, ["ingest", str(mutants), "--db", str(db), "-q", "--workers", "2",
                                      "--timeout", "60"], catch_exceptions=False)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    files = sorted(p.name for p in mutants.glob("*.pdf"))
    conn = sqlite3.connect(db)
    try:
        stored = {row[0] for row in conn.execute("select file from reports")}
        errors = dict(conn.execute("select file, code from ingest_errors").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("select count(*) from reports r where pages != "
                            "(select count(*) from pages p where p.report_id = r.id)").fetchone() == (0,)
        # identical mutants (e.g. two truncations that both keep only the header) are stored once
        assert conn.execute("select count(*) from pages where report_id not in (select id from reports)").fetchone() == (0,)
    finally:
        conn.close()
    assert stored.isdisjoint(errors)
    assert set(errors.values()) <= EXPECTED_CODES, errors
    failed_lines = [line for line in result.output.splitlines() if line.startswith("  failed: ")]
    assert len(failed_lines) == len(errors)
    assert all(len(line) < 300 for line in failed_lines)
    assert len(stored) + len(errors) <= len(files)
    # the damage is real (most mutants fail) and the intact copy is stored among them
    assert len(errors) >= len(SAMPLES) * 2
    assert "intact.pdf" in stored
