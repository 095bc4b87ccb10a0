"""What fetching from the web remembers (issue16-fetch): each URL's validators and what it gave
(fetch_urls), the PDF links each page carried (fetch_links), each feed's entries (feed_entries),
and where each report came from (report_sources).

Nothing here is derived from a PDF: `ingest --force` and `extract` never touch these tables.
"""
from __future__ import annotations

import json

import sqlite_utils

from pipeline.store.connection import table, transaction


def migration_fetch(db: sqlite_utils.Database) -> None:
    """Fetch state and provenance. report_sources is keyed by report and URL, so a changed PDF
    at the same URL (new bytes, a new report) gets a row of its own naming the version before."""
    table(db, "fetch_urls").create(
        {
            "url": str, "kind": str, "final_url": str, "etag": str, "last_modified": str,
            "content_type": str, "sha256": str, "file": str, "page_title": str, "page_date": str,
            "fetched_at": str, "error_code": str, "error": str, "failed_at": str,
        },
        pk="url",
    )
    table(db, "fetch_links").create({"page_url": str, "position": int, "url": str}, pk=("page_url", "url"))
    table(db, "feed_entries").create(
        {
            "feed_url": str, "entry_id": str, "link": str, "title": str, "published": str,
            "pdf_links": str, "in_feed": int, "first_seen": str,
        },
        pk=("feed_url", "entry_id"),
    )
    table(db, "report_sources").create(
        {
            "report_id": str, "source_url": str, "found_on": str, "feed_entry": str, "fetched_at": str,
            "page_title": str, "page_date": str, "previous_report_id": str,
        },
        pk=("report_id", "source_url"),
    )
    table(db, "report_sources").create_index(["source_url"])


def url_state(db: sqlite_utils.Database, url: str) -> dict | None:
    rows = list(db.query("select * from fetch_urls where url = ?", [url]))
    return rows[0] if rows else None


def save_url(db: sqlite_utils.Database, row: dict, links: list[str] | None = None) -> None:
    """What a 200 gave for a URL (validators, file, hash) and, for a page, its links; any earlier
    failure of the URL is cleared."""
    row = dict(row, error_code=None, error=None, failed_at=None)
    with transaction(db):
        table(db, "fetch_urls").upsert(row, pk="url", alter=True)
        if links is not None:
            db.execute("delete from fetch_links where page_url = ?", [row["url"]])
            table(db, "fetch_links").insert_all(
                ({"page_url": row["url"], "position": n, "url": link} for n, link in enumerate(links)),
                pk=("page_url", "url"),
            )


def url_failed(db: sqlite_utils.Database, url: str, kind: str, code: str, message: str, at: str) -> None:
    """Why a URL failed; what it gave last time (validators, file) is kept."""
    with transaction(db):
        table(db, "fetch_urls").upsert({"url": url, "kind": kind, "error_code": code, "error": message, "failed_at": at},
                                pk="url", alter=True)


def page_links(db: sqlite_utils.Database, page_url: str) -> list[str]:
    return [row[0] for row in db.execute(
        "select url from fetch_links where page_url = ? order by position", [page_url])]


def save_feed_entries(db: sqlite_utils.Database, feed_url: str, entries: list[dict], at: str) -> None:
    """The entries now in the feed; an entry seen before keeps its first_seen, one that left the
    feed is kept (in_feed = 0) so it is never taken for new again."""
    with transaction(db):
        db.execute("update feed_entries set in_feed = 0 where feed_url = ?", [feed_url])
        for entry in entries:
            row = dict(entry, feed_url=feed_url, in_feed=1, pdf_links=json.dumps(list(entry["pdf_links"])))
            table(db, "feed_entries").upsert(row, pk=("feed_url", "entry_id"), alter=True)
            db.execute("update feed_entries set first_seen = ? where feed_url = ? and entry_id = ? "
                       "and first_seen is null", [at, feed_url, entry["entry_id"]])


def feed_entry_rows(db: sqlite_utils.Database, feed_url: str) -> list[dict]:
    rows = list(db.query("select * from feed_entries where feed_url = ? and in_feed = 1 order by rowid", [feed_url]))
    for row in rows:
        row["pdf_links"] = json.loads(row["pdf_links"] or "[]")
    return rows


def has_source(db: sqlite_utils.Database, report_id: str, source_url: str) -> bool:
    return bool(db["report_sources"].count_where("report_id = ? and source_url = ?", [report_id, source_url]))


def latest_report_from(db: sqlite_utils.Database, source_url: str) -> str | None:
    rows = list(db.query("select report_id from report_sources where source_url = ? "
                         "order by fetched_at desc, rowid desc limit 1", [source_url]))
    return rows[0]["report_id"] if rows else None


def add_report_sources(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Where reports came from; a report already recorded from a URL keeps its first record."""
    with transaction(db):
        for row in rows:
            if not has_source(db, row["report_id"], row["source_url"]):
                table(db, "report_sources").insert(row, pk=("report_id", "source_url"), alter=True)


def report_sources_by_report(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """Each report's sources, oldest first (empty where nothing was ever fetched)."""
    if not db["report_sources"].exists():
        return {}
    found: dict[str, list[dict]] = {}
    for row in db.query("select * from report_sources order by fetched_at, rowid"):
        found.setdefault(row["report_id"], []).append(row)
    return found
