"""`hmicfrs watch FEED_URL...`, and the URL half of `hmicfrs ingest URL...` (issue16-fetch).

New reports go to stdout, one line each (`new` or `changed`, report id, source URL, title);
progress, counts and failures go to stderr. A failed URL is named with its reason and makes the
exit code 1; it never stops the rest, and it is asked again on the next run.
"""
from __future__ import annotations

import functools
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline import run, store
from pipeline.cli.checks import counts_by_kind, report_lines
from pipeline.cli.options import db_option
from pipeline.paths import shown

if TYPE_CHECKING:  # for the type only: pipeline.fetch is imported when a URL is given
    from pipeline.fetch import Fetched

DEFAULT_DOWNLOAD_DIR = Path("corpus/downloads")

_FETCH_OPTIONS = [
    click.option("--download-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DOWNLOAD_DIR,
                 show_default=True,
                 help="Folder for downloaded PDFs, each named from its URL (written to a hidden .part file "
                      "and renamed when whole)."),
    click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
                 help="Seconds between two requests to the same host; a retry waits DELAY x 2^n "
                      "(or the server's Retry-After)."),
    click.option("--max-size", type=click.FloatRange(min=0, min_open=True), default=200.0, show_default=True,
                 help="Largest file to download, in MB; a larger one is named as too large."),
    click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
                 help="Seconds to wait for a server to connect or to send the next part of a body."),
    click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
                 help="Retries of a URL after a 429, a 5xx, a timeout or a network error."),
]


@dataclass(frozen=True)
class FetchSettings:
    download_dir: Path = DEFAULT_DOWNLOAD_DIR
    delay: float = 1.0
    max_size_mb: float = 200.0
    timeout: float = 30.0
    retries: int = 3

    def client(self):
        from pipeline.fetch import Client, Manners

        return Client(Manners(delay=self.delay, timeout=self.timeout, retries=self.retries,
                              max_bytes=int(self.max_size_mb * (1 << 20))))


def fetch_options(command):
    """The fetch options, handed to the command as one `fetch` argument (a FetchSettings)."""
    @functools.wraps(command)
    def wrapper(*args, download_dir, delay, max_size, fetch_timeout, retries, **kwargs):
        settings = FetchSettings(download_dir, delay, max_size, fetch_timeout, retries)
        return command(*args, fetch=settings, **kwargs)

    for option in reversed(_FETCH_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def split_urls(args) -> tuple[list[str], list[str]]:
    """(http(s) URLs, everything else), each in the order given."""
    urls = [a for a in args if _is_url(a)]
    return urls, [a for a in args if not _is_url(a)]


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


class UrlBatch:
    """The URLs given to `ingest`: fetched before the batch, their provenance recorded after it."""

    def __init__(self, db, urls: list[str], settings: FetchSettings, dry_run: bool, force: bool):
        self.db, self.urls, self.settings, self.dry_run, self.force = db, urls, settings, dry_run, force
        self.fetched: Fetched | None = None
        self.failed = False

    def fetch(self) -> list[Path]:
        """Download the URLs (a PDF, or the PDFs a publication page links to); the files to ingest."""
        if not self.urls:
            return []
        from pipeline.fetch import Fetcher, files_to_ingest

        click.echo(f"fetching {len(self.urls)} URL{'s' if len(self.urls) != 1 else ''}...", err=True)
        with self.settings.client() as client:
            fetched = self.fetched = Fetcher(self.db, client, self.settings.download_dir, self.dry_run).urls(self.urls)
        return files_to_ingest(self.db, fetched, self.force)

    def finish(self, summary) -> None:
        if self.fetched is None:
            return
        from pipeline.fetch import record_sources

        _new, failures = record_sources(self.db, self.fetched, summary, self.dry_run)
        unchanged = sum(1 for d in self.fetched.downloads if not d.fresh)
        click.echo(f"fetched {len(self.fetched.downloads) - unchanged} PDFs, {unchanged} unchanged since "
                   f"the last fetch, {len(failures)} URLs failed", err=True)
        _print_failures(failures)
        self.failed = bool(failures)


@click.command("watch")
@click.argument("feed_urls", nargs=-1, required=True)
@db_option("SQLite database file (created with its folder when missing).")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Folder of rule files (default: the rules/ folder shipped with the project).")
@click.option("--every", default=None, metavar="DURATION",
              help="Keep running, reading the feeds again after this long (e.g. 30m, 6h, 1d).")
@click.option("--once", is_flag=True, help="Read the feeds once and exit (for cron); the default without --every.")
@click.option("--workers", type=click.IntRange(min=1), default=None, show_default="number of cores",
              help="Parser processes to run at once.")
@click.option("--dry-run", is_flag=True, help="Fetch and parse, but write nothing to the database.")
@fetch_options
def watch_command(feed_urls, db_path, rules_dir, every, once, workers, dry_run, fetch: FetchSettings):
    """Read RSS or Atom feeds of publications, follow each entry to its PDFs (directly, or through
    the publication page it links to), ingest what is new or changed, and print it.

    What was fetched is remembered in the database: the next run asks each URL again with its
    ETag or Last-Modified, so nothing unchanged is downloaded again, and a run that was stopped
    part-way picks up where it stopped. Exit 1 when any URL failed (it is tried again next run).
    """
    from pipeline.fetch import parse_duration
    from pipeline.rules import load_rules

    bad = [url for url in feed_urls if not _is_url(url)]
    if bad:
        raise click.UsageError(f"not an http(s) URL: {', '.join(shown(u) for u in bad)}")
    if every and once:
        raise click.UsageError("--once and --every exclude each other")
    try:
        interval = parse_duration(every) if every else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None
    rules = load_rules(rules_dir)
    db = store.connect(db_path)
    while True:
        failed = _watch_once(db, list(feed_urls), rules, fetch, workers, dry_run)
        if interval is None:
            sys.exit(1 if failed else 0)
        click.echo(f"next run in {every}", err=True)
        time.sleep(interval)


def _watch_once(db, feed_urls: list[str], rules, settings: FetchSettings, workers, dry_run: bool) -> bool:
    from pipeline.fetch import Fetcher, files_to_ingest, record_sources
    from pipeline.ingest.batch import IngestOptions, default_workers

    with settings.client() as client:
        fetched = Fetcher(db, client, settings.download_dir, dry_run).feeds(feed_urls)
    files = files_to_ingest(db, fetched)
    summary, extracted = None, {}
    if files:
        options = IngestOptions(workers=workers or default_workers(), rules_dir=str(rules.directory),
                                dry_run=dry_run)
        summary, extracted = run.ingest_batch(db, files, options, rules)
    new, failures = record_sources(db, fetched, summary, dry_run)
    for report in new:
        status = "changed" if report.previous_report_id else "new"
        click.echo(f"{status}\t{report.report_id}\t{report.url}\t{shown(report.title or '')}")
    unchanged = sum(1 for d in fetched.downloads if not d.fresh)
    click.echo(f"{len(feed_urls)} feeds: {len(fetched.entries_new)} new entries, {len(new)} new reports, "
               f"{unchanged} PDFs unchanged since the last fetch, {len(failures)} URLs failed", err=True)
    for report_id, (items, check) in extracted.items():
        url = next((r.url for r in new if r.report_id == report_id), report_id)
        for line in report_lines(url, counts_by_kind(items), check):
            click.echo(line, err=True)
    _print_failures(failures)
    return bool(failures)


def _print_failures(failures) -> None:
    for failure in failures:
        click.echo(f"  failed: {shown(failure.url)}: {shown(failure.reason)}", err=True)


def register(group: click.Group) -> None:
    group.add_command(watch_command)
