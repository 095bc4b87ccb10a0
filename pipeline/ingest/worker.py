"""What runs in a parser process: a PDF's path in, a CleanDocument or a one-line failure out.

Kept apart from ingest.py so the parser processes never import the database layer (sqlite-utils
brings pandas, about 60 MB a process).
"""
from __future__ import annotations

import hashlib
import logging
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from pipeline.ingest.document import clean_document
from pipeline.errors import InputError, NoTextLayer, ResourceLimit
from pipeline.models import CleanDocument
from pipeline.ingest.pdf import open_pdf, read_file
from pipeline.rules import RuleSet, load_rules
from pipeline.ingest.workers import TaskFailed

_worker_rules: RuleSet | None = None


def worker_init(rules_dir: str | None) -> None:
    global _worker_rules
    # pdfminer logs every font quirk as a warning; the user gets one line per failed file instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _worker_rules = load_rules(rules_dir)


def parse_and_clean(path: str, password: str | None, ocr: bool = False,
                    timeout: float | None = None) -> CleanDocument | TaskFailed:
    """Runs in a worker: the document, or a TaskFailed with a one-line reason for a bad input.

    The document's sha256 is that of the bytes this worker read and parsed, whatever the batch
    saw when it looked for files already stored.
    """
    try:
        try:
            return _clean(Path(path), password)
        except NoTextLayer:
            if not ocr:
                raise
            return _clean_after_ocr(Path(path), password, timeout)
    except InputError as exc:
        # After running out of memory the worker is replaced rather than trusted with the next file.
        return TaskFailed(exc.code, str(exc), retire=isinstance(exc, ResourceLimit))
    except RecursionError:
        return TaskFailed("corrupt_pdf", "corrupt PDF: structure too deeply nested")


def _clean(path: Path, password: str | None, source: Path | None = None, sha256: str | None = None,
           size: int | None = None) -> CleanDocument:
    # Pages stream from the parser into layout one at a time (see pdf.open_pdf).
    with open_pdf(source or path, password=password, sha256=sha256) as parsed:
        if source is not None:
            parsed = replace(parsed, path=str(path), file=path.name,
                             size_bytes=parsed.size_bytes if size is None else size)
        return clean_document(parsed, _worker_rules or load_rules())


def _clean_after_ocr(path: Path, password: str | None, timeout: float | None) -> CleanDocument:
    """Give a scanned PDF a text layer with ocrmypdf, then read that copy as if it were the file."""
    if not shutil.which("ocrmypdf"):
        raise NoTextLayer("no text layer (needs OCR; --ocr needs ocrmypdf, which is not installed)")
    if password:
        raise NoTextLayer("no text layer (needs OCR; ocrmypdf cannot read encrypted PDFs)")
    with tempfile.TemporaryDirectory(prefix="hmicfrs-ocr-") as folder:
        # OCR reads a copy of the bytes hashed here, so the scan's stored hash is that of what was read.
        scan = read_file(path)
        original = Path(folder) / "scan.pdf"
        original.write_bytes(scan)
        output = Path(folder) / "ocr.pdf"
        command = ["ocrmypdf", "--quiet", "--skip-text", "--output-type", "pdf", str(original), str(output)]
        # Its own process group, so OCR's helpers (tesseract, ghostscript) stop with it; and the
        # worker's memory cap is for pdfminer, not for them.
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True, preexec_fn=_lift_memory_cap)
        try:
            # A little under the file's own limit, so this worker ends OCR before it is itself stopped.
            _, err = process.communicate(timeout=timeout * 0.9 if timeout else None)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise NoTextLayer(f"no text layer, and OCR took longer than {exc.timeout:g} s") from None
        if process.returncode != 0 or not output.exists():
            last = (err.strip().splitlines() or ["no message"])[-1]
            raise NoTextLayer(f"no text layer, and OCR failed: {last}"[:200])
        return _clean(path, None, source=output, sha256=hashlib.sha256(scan).hexdigest(), size=len(scan))


def _lift_memory_cap() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
