"""Work the test run does once rather than once per xdist worker or once per run.

`built_once` builds a shared read-only fixture (a database ingested from PDFs) once for the whole
run: under xdist the first worker to ask builds it under a lock and the others wait for it and
read the same files, where each used to build its own.

`ReadsKept` keeps what pdfplumber read from a PDF's bytes (pipeline.ingest.pdf.read_pages), in
pytest's cache folder, keyed by the bytes, the password, the source of the two modules that decide
what a read gives (pdf.py, models.py) and the versions of pdfplumber, pdfminer and Python. Reading
is most of an ingest's time, the suite reads the same few PDFs again and again (the same drawn
report in a hundred tests), and pdfplumber on the same bytes gives the same pages. Everything
after the read (layout, cleaning, extraction, storage) still runs in every test, as do a file's
reading, its checks and every failure to read: only a read that finished is kept.
`pytest --cache-clear` drops what is kept.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import shutil
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run shares (xdist gives each worker a folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def folded(db: Path) -> Path:
    """The database with its write-ahead log folded into the main file, so the file alone is all
    of it (a file copy is a whole copy, a hash of it a hash of the data)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("pragma wal_checkpoint(truncate)")
    finally:
        conn.close()
    return db


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `build` filled, built by whichever worker asked first; the others wait for it.
    Every database in it is folded before any worker reads it."""
    root = run_folder(tmp_path_factory)
    folder = root / f"once-{name}"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if build fails
        if not (folder / ".built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            for db in folder.glob("*.db"):
                folded(db)
            (folder / ".built").touch()
    return folder


class ReadsKept:
    """A stand-in for pdf.read_pages that answers from earlier reads of the same bytes."""

    def __init__(self, folder: Path, read_pages):
        from pipeline import models
        from pipeline.ingest import pdf

        import pdfminer
        import pdfplumber

        self.folder = folder
        self.read_pages = read_pages
        version = hashlib.sha256()
        for part in (Path(pdf.__file__).read_bytes(), Path(models.__file__).read_bytes(),
                     pdfplumber.__version__.encode(), pdfminer.__version__.encode(), sys.version.encode()):
            version.update(hashlib.sha256(part).digest())
        self.version = version.digest()
        self.kept = 0  # reads answered from the folder, for the test of this class

    def _file(self, data: bytes, password: str | None) -> Path:
        key = hashlib.sha256(self.version + (password or "").encode() + b"\0" + data).hexdigest()
        return self.folder / f"{key}.pickle"

    @contextmanager
    def __call__(self, data: bytes, password: str | None) -> Iterator[tuple]:
        file = self._file(data, password)
        try:
            title, pages = pickle.loads(file.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            pass  # not read before (or kept by another version of the code): read it now
        else:
            self.kept += 1
            yield title, iter(pages)
            return
        with self.read_pages(data, password) as (title, pages):
            seen: list = []
            finished: list[bool] = []

            def recorded():
                for page in pages:
                    seen.append(page)
                    yield page
                finished.append(True)

            yield title, recorded()
        if finished:  # every page read without an error: keep it
            staged = file.with_name(f"{file.name}.{os.getpid()}")
            staged.write_bytes(pickle.dumps((title, tuple(seen)), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(staged, file)
