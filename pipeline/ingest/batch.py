"""Ingest a batch of PDFs: find them, skip unchanged bytes, parse in worker processes, write once.

Workers parse and clean (the slow part); the calling process is the single SQLite writer.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from pipeline.ingest.discover import Inputs, NoInputs, Refused, discover  # noqa: F401 (the CLI's and tests' names for them)
from pipeline.errors import InputError, PipelineError, Vanished
from pipeline.ingest.worker import parse_and_clean, worker_init
from pipeline.models import CleanDocument, report_id_for
from pipeline.paths import shown
from pipeline.ingest.pdf import sha256_of
from pipeline.ingest.workers import Limits, TaskFailed, cpu_count, run as run_workers
from pipeline import store

# Per-file limits: generous for any real report (the 336-page Covid-19 Inquiry report takes about
# 40 s and 130 MB here), small enough that a pathological file cannot stall or swamp the machine.
DEFAULT_TIMEOUT_S = 600
DEFAULT_MAX_MEMORY_MB = 2048
# A worker process is replaced after this many pages, which bounds pdfminer's slow growth.
PAGES_PER_WORKER = 2000


@dataclass(frozen=True)
class IngestOptions:
    force: bool = False
    workers: int = 1
    password: str | None = None
    rules_dir: str | None = None
    dry_run: bool = False
    timeout: float | None = DEFAULT_TIMEOUT_S  # seconds per file; None or 0 for no limit
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB  # address space per worker; None or 0 for none
    ocr: bool = False
    pages_per_worker: int = PAGES_PER_WORKER
    on_busy: Callable[[], None] | None = None  # called once when another writer holds the database
    on_parse: Callable[[], None] | None = None  # called once before parsing starts (not for a batch of skips)


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


def default_workers() -> int:
    return cpu_count()


def ingest(
    db,
    paths: list[Path] | Inputs,
    options: IngestOptions,
    progress: Callable[[FileOutcome], None] | None = None,
    on_document: Callable[[object, CleanDocument], None] | None = None,
) -> IngestSummary:
    """Ingest `paths` into `db`; `on_document(db, doc)` runs inside each report's transaction.

    A report is stored whole or not at all: its rows and whatever `on_document` writes share one
    transaction, so a crash or a failure in either leaves nothing of it behind. When `paths` comes
    from `discover`, the inputs it refused are named and recorded first. The database and the
    reasons hold paths in their display form (paths.shown); FileOutcome.path is the path as given.
    """
    summary = IngestSummary()
    known = store.known_hashes(db)
    todo: list[tuple[str, str, int]] = []
    batch: dict[str, str] = {}

    def report(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    refused: list[Refused] = getattr(paths, "refused", [])
    for refusal in refused:
        _fail(db, summary, report, str(refusal.path), "", refusal.code, refusal.reason, options)
    for path in paths:
        # Only to skip bytes already stored: what is stored is the hash of what the parser read.
        try:
            size = path.stat().st_size
            sha = sha256_of(path) if size else ""
        except FileNotFoundError:
            _fail(db, summary, report, str(path), "", Vanished.code, str(Vanished()), options)
            continue
        except InputError as exc:
            _fail(db, summary, report, str(path), "", exc.code, str(exc), options)
            continue
        except OSError as exc:
            _fail(db, summary, report, str(path), "", "unreadable", f"cannot read file: {exc.strerror}", options)
            continue
        if sha and sha in known and not options.force:
            existing = store.find_report(db, sha)
            report(FileOutcome(str(path), "skipped", "unchanged", report_id=existing["id"] if existing else None))
            continue
        if sha and sha in batch:
            report(FileOutcome(str(path), "skipped", f"same bytes as {shown(batch[sha])}",
                               report_id=report_id_for(sha)))
            continue
        if sha:
            batch[sha] = str(path)
        todo.append((str(path), sha, size))

    # Largest first, so a long report does not start last and leave the other workers idle.
    todo.sort(key=lambda task: -task[2])
    if todo and options.on_parse:
        options.on_parse()

    waited = False
    for (path, sha), result in _run(todo, options):
        if isinstance(result, TaskFailed):
            _fail(db, summary, report, path, sha, result.code, result.reason, options)
            continue
        result = replace(result, path=shown(os.path.realpath(result.path)), file=shown(result.file),
                         given_path=shown(result.path))
        if options.dry_run:
            report(_ingested(path, result))
            continue
        if options.on_busy and not waited:
            waited = _announce_wait(db, options.on_busy)
        try:
            with store.transaction(db):
                if not options.force and store.find_report(db, result.sha256):
                    # Another ingest stored these bytes while we parsed them, or the file was
                    # replaced since it was hashed by bytes that were already stored.
                    why = "stored meanwhile by another ingest" if result.sha256 == sha else "unchanged"
                    report(FileOutcome(path, "skipped", why, report_id=result.report_id))
                    continue
                store.write_document(db, result)
                if on_document:
                    on_document(db, result)
        except (PipelineError, sqlite3.Error, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            # Rolled back: nothing of this report is left. One line for the user, the batch goes on.
            _fail(db, summary, report, path, sha, getattr(exc, "code", "store_failed"),
                  f"could not store: {type(exc).__name__}: {exc}"[:200], options)
            continue
        report(_ingested(path, result))
    return summary


def _announce_wait(db, on_busy: Callable[[], None]) -> bool:
    """Call on_busy when another process holds the write lock; the write that follows then waits
    for it (up to store.BUSY_TIMEOUT_MS). True once the user has been told."""
    if not store.another_writer(db):
        return False
    on_busy()
    return True


def _ingested(path: str, doc: CleanDocument) -> FileOutcome:
    return FileOutcome(path, "ingested", pages=len(doc.pages), report_id=doc.report_id, title=doc.meta.title)


def _fail(db, summary, report, path: str, sha: str, code: str, reason: str, options: IngestOptions) -> None:
    # A parser's message can quote the file's own bytes: escaped like a name, it stays one safe line.
    reason = shown(reason)
    if not options.dry_run:
        store.record_error(db, shown(path), sha, code, reason)
    report(FileOutcome(path, "failed", reason, code))


def _run(todo: list[tuple[str, str, int]], options: IngestOptions):
    """Yield ((path, sha), document or TaskFailed) as workers finish."""
    tasks = [((path, sha), parse_and_clean, (path, options.password, options.ocr, options.timeout))
             for path, sha, _ in todo]
    limits = Limits(
        timeout=options.timeout or None,
        memory_bytes=options.max_memory_mb * (1 << 20) if options.max_memory_mb else None,
        recycle_after=options.pages_per_worker,
    )
    yield from run_workers(
        tasks, options.workers, limits, initializer=worker_init, initargs=(options.rules_dir,),
        weigh=lambda result: len(result.pages) if isinstance(result, CleanDocument) else 1,
    )
