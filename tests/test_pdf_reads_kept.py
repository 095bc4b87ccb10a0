"""The suite's keeping of pdfplumber reads (tests/once.py, ReadsKept): a kept read is the read it
stands for, and a read that failed or was not finished is never kept."""
from __future__ import annotations

from contextlib import contextmanager
import pytest

from once import ReadsKept
from pdf_makers import make_report
from pipeline.ingest import pdf


@pytest.fixture
def real_read(real_pdf_reads):
    return pdf.read_pages


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> bytes:
    """A small two-page report: each test reads it several times, for real."""
    return make_report(tmp_path_factory.mktemp("reads") / "report.pdf", "Vetting", pages=2).read_bytes()


def read_all(read, data: bytes, password: str | None = None):
    with read(data, password) as (title, pages):
        return title, tuple(pages)


def test_a_kept_read_gives_the_same_title_and_pages_as_reading_again(tmp_path, real_read, data):
    reads = ReadsKept(tmp_path, real_read)
    fresh = read_all(reads, data)
    assert reads.kept == 0 and len(list(tmp_path.iterdir())) == 1
    again = read_all(reads, data)
    assert reads.kept == 1
    assert again == fresh == read_all(real_read, data)
    assert again[1] and all(page.words for page in again[1])


def test_other_bytes_or_another_password_are_another_read(tmp_path, real_read, data):
    reads = ReadsKept(tmp_path, real_read)
    read_all(reads, data)
    read_all(reads, data, "secret")
    read_all(reads, data + b"\n")
    assert reads.kept == 0 and len(list(tmp_path.iterdir())) == 3


def failing_after_one_page(real_read):
    @contextmanager
    def read(data, password):
        with real_read(data, password) as (title, pages):
            def some_then_damage():
                yield next(iter(pages))
                raise pdf.CorruptPdf("corrupt PDF: page 2 is damaged")
            yield title, some_then_damage()
    return read


def test_a_read_that_failed_or_stopped_early_is_not_kept(tmp_path, real_read, data):
    reads = ReadsKept(tmp_path, failing_after_one_page(real_read))
    with pytest.raises(pdf.CorruptPdf):
        read_all(reads, data)
    with reads(data, None) as (_title, pages):
        next(pages)  # a caller that stops after the first page
    assert list(tmp_path.iterdir()) == []
    # near miss: the same reader, read to the end, is kept
    whole = ReadsKept(tmp_path, real_read)
    read_all(whole, data)
    assert len(list(tmp_path.iterdir())) == 1
