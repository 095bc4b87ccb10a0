"""Fetched PDFs into the ingest batch, and back: which files to ingest, and where each stored
report came from (report_sources), written after the batch. A run that dies between the two
finds the report stored and its source missing next time, and writes the source then."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline import store
from pipeline.models import report_id_for
from pipeline.fetch.fetcher import Failure, Fetched


@dataclass(frozen=True)
class NewReport:
    report_id: str
    url: str
    title: str | None
    previous_report_id: str | None = None  # the report this URL gave before: this is a new version


def files_to_ingest(db, fetched: Fetched, force: bool = False) -> list[Path]:
    """The downloaded files whose bytes are not stored yet (all of them with force), each once."""
    known = store.known_hashes(db)
    files: list[Path] = []
    for download in fetched.downloads:
        if (force or download.sha256 not in known) and download.path not in files:
            files.append(download.path)
    return files


def record_sources(db, fetched: Fetched, summary, dry_run: bool = False) -> tuple[list[NewReport], list[Failure]]:
    """Provenance for every fetched report now stored; the reports new in this batch; and every
    URL that failed, a PDF that would not ingest named by its URL with the ingest's reason."""
    outcomes = {o.path: o for o in summary.outcomes} if summary else {}
    failures = list(fetched.failures)
    new: list[NewReport] = []
    rows: list[dict] = []
    for download in fetched.downloads:
        outcome = outcomes.get(str(download.path))
        if outcome is not None and outcome.status == "failed":
            failures.append(Failure(download.url, outcome.code or "failed", outcome.reason or "could not ingest"))
            continue
        report_id = report_id_for(download.sha256)
        previous = store.latest_report_from(db, download.url)
        previous = previous if previous != report_id else None
        if outcome is not None and outcome.status == "ingested":
            new.append(NewReport(report_id, download.url, outcome.title, previous))
        if dry_run or store.has_source(db, report_id, download.url) or not store.find_report(db, download.sha256):
            continue
        rows.append({
            "report_id": report_id, "source_url": download.url, "found_on": download.found_on,
            "feed_entry": download.feed_entry, "fetched_at": download.fetched_at,
            "page_title": download.hints.title, "page_date": download.hints.published,
            "previous_report_id": previous,
        })
    if rows:
        store.add_report_sources(db, rows)
    return new, failures
