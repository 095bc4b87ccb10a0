"""Ingest a batch of PDFs: find them, skip unchanged bytes, parse in worker processes, write once.

Workers parse and clean (the slow part); the calling process is the single SQLite writer.
"""
from __future__ import annotations

import glob
import logging
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .document import clean_document
from .errors import InputError, PipelineError
from .models import CleanDocument
from .pdf import parse_pdf, sha256_of
from .rules import RuleSet, load_rules
from . import store

# A worker process is replaced after this many documents, which bounds pdfminer's slow growth.
_DOCS_PER_WORKER = 8


@dataclass(frozen=True)
class IngestOptions:
    force: bool = False
    workers: int = 1
    password: str | None = None
    rules_dir: str | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # "ingested" | "skipped" | "failed"
    reason: str | None = None
    code: str | None = None
    pages: int = 0
    report_id: str | None = None
    title: str | None = None


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def of(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def failed(self) -> bool:
        return bool(self.of("failed"))


class NoInputs(PipelineError):
    code = "usage"


def discover(paths: Iterable[str]) -> list[Path]:
    """Files, folders (recursively) and glob patterns, each PDF once, in a stable order."""
    found: dict[str, Path] = {}
    missing: list[str] = []
    for raw in paths:
        candidates = [Path(p) for p in sorted(glob.glob(raw, recursive=True))] if _is_glob(raw) else [Path(raw)]
        if not candidates or not all(c.exists() for c in candidates):
            missing.append(raw)
            continue
        for candidate in candidates:
            if candidate.is_dir():
                for pdf in sorted(candidate.rglob("*")):
                    if pdf.is_file() and pdf.suffix.lower() == ".pdf":
                        found.setdefault(str(pdf.resolve()), pdf)
            elif candidate.is_file():
                found.setdefault(str(candidate.resolve()), candidate)
    if missing:
        raise NoInputs(f"no such file or folder: {', '.join(missing)}")
    return sorted(found.values(), key=lambda p: str(p))


def _is_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


_worker_rules: RuleSet | None = None


def _worker_init(rules_dir: str | None) -> None:
    global _worker_rules
    # pdfminer logs every font quirk as a warning; the user gets one line per failed file instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _worker_rules = load_rules(rules_dir)


def _parse_and_clean(path: str, sha256: str, password: str | None) -> CleanDocument | tuple[str, str]:
    """Runs in a worker: returns the document, or (code, one-line reason) for a bad input."""
    try:
        parsed = parse_pdf(Path(path), password=password, sha256=sha256)
        return clean_document(parsed, _worker_rules or load_rules())
    except InputError as exc:
        return exc.code, str(exc)
    except RecursionError:
        return "corrupt_pdf", "corrupt PDF: structure too deeply nested"
    except MemoryError:
        return "resource_limit", "ran out of memory while parsing"


def ingest(
    db,
    paths: list[Path],
    options: IngestOptions,
    progress: Callable[[FileOutcome], None] | None = None,
    on_document: Callable[[object, CleanDocument], None] | None = None,
) -> IngestSummary:
    """Ingest `paths` into `db`; `on_document(db, doc)` runs inside each report's transaction."""
    summary = IngestSummary()
    known = store.known_hashes(db)
    todo: list[tuple[str, str]] = []

    def report(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    for path in paths:
        try:
            size = path.stat().st_size
            sha = sha256_of(path) if size else ""
        except OSError as exc:
            report(FileOutcome(str(path), "failed", f"cannot read file: {exc.strerror}", "unreadable"))
            continue
        if sha and sha in known and not options.force:
            existing = store.find_report(db, sha)
            report(FileOutcome(str(path), "skipped", "unchanged", report_id=existing and existing["id"]))
            continue
        todo.append((str(path), sha))

    for path, sha, result in _run(todo, options):
        if isinstance(result, tuple):
            code, reason = result
            if not options.dry_run:
                store.record_error(db, path, sha, code, reason)
            report(FileOutcome(path, "failed", reason, code))
            continue
        if not options.dry_run:
            with store.transaction(db):
                store.write_document(db, result)
                if on_document:
                    on_document(db, result)
        report(
            FileOutcome(path, "ingested", pages=len(result.pages), report_id=result.report_id, title=result.meta.title)
        )
    return summary


def _run(todo: list[tuple[str, str]], options: IngestOptions):
    """Yield (path, sha, result) as workers finish, a few documents in flight per worker."""
    if not todo:
        return
    workers = max(1, min(options.workers, len(todo)))
    context = multiprocessing.get_context("forkserver" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_init,
        initargs=(options.rules_dir,),
        max_tasks_per_child=_DOCS_PER_WORKER,
    ) as pool:
        pending: dict[Future, tuple[str, str]] = {}
        queue = list(todo)
        while queue or pending:
            while queue and len(pending) < workers * 2:
                path, sha = queue.pop(0)
                pending[pool.submit(_parse_and_clean, path, sha, options.password)] = (path, sha)
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f][0]):
                path, sha = pending.pop(future)
                yield path, sha, _result_of(future)


def _result_of(future: Future):
    try:
        return future.result()
    except (OSError, RuntimeError) as exc:  # a worker died (killed, out of memory)
        return "worker_failed", f"parser process failed: {type(exc).__name__}"
