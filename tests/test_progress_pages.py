"""Ingest's progress bar counts pages, not files: each PDF's page tree says how many it has
before any page is parsed, and a file that cannot say counts as the usual one."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli.main import _page_estimates
from pipeline.ingest.discover import discover
from pipeline.ingest.pdf import page_estimate
from pdf_makers import make_long, make_report


@pytest.mark.parametrize("pages", [1, 3, 12])
def test_page_estimate_counts_page_objects(tmp_path, pages):
    assert page_estimate(make_report(tmp_path / "r.pdf", "A report", pages=pages)) == pages


@pytest.mark.parametrize("content", [b"", b"not a pdf at all", b"%PDF-1.4\n%%EOF"])
def test_page_estimate_of_what_is_no_pdf_is_unknown(tmp_path, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    assert page_estimate(path) is None
    assert page_estimate(tmp_path / "missing.pdf") is None


def test_estimates_weigh_files_by_pages(tmp_path):
    make_report(tmp_path / "short.pdf", "Short", pages=2)
    make_long(tmp_path / "long.pdf", 40)
    make_report(tmp_path / "mid.pdf", "Mid", pages=5)
    sizes = sum((tmp_path / n).stat().st_size for n in ("short.pdf", "long.pdf", "mid.pdf"))
    (tmp_path / "packed.pdf").write_bytes(b"%PDF-1.5 " + b"x" * (sizes // 47 * 10))  # no visible page objects
    files = discover([str(tmp_path)])
    weights = {Path(path).name: weight for path, weight in _page_estimates(files, None).items()}
    # A file whose pages cannot be counted weighs its size at the others' bytes a page: about 10.
    assert {k: v for k, v in weights.items() if k != "packed.pdf"} == {"short.pdf": 2, "long.pdf": 40, "mid.pdf": 5}
    assert 9 <= weights["packed.pdf"] <= 11


def test_estimates_with_nothing_countable_weigh_one_each(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.5 packed")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.5 packed too")
    weights = _page_estimates(discover([str(tmp_path)]), None)
    assert sorted(weights.values()) == [1, 1]
