"""Following URLs and feeds to PDF files on disk, remembering what each URL gave.

A URL's validators (ETag, Last-Modified) and the file it gave are recorded as soon as the file is
whole under its own name, so a run that dies later asks again conditionally, gets a 304 and
ingests the file it already has. A page's links and a feed's entries are recorded with the page
or feed, for the same reason. A 304 writes nothing; a failure is recorded against its URL (what
the URL gave before is kept) and the URL is asked again, in full where it never gave a file, on
the next run.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline import store
from pipeline.errors import FetchError, InputError, NotAPdf
from pipeline.fetch.feed import Entry, read_feed
from pipeline.fetch.http import MAX_PAGE_BYTES, PDF_MAGIC, Client, Response
from pipeline.fetch.pages import PageHints, looks_like_html, looks_like_pdf_url, read_page

DEFAULT_DOWNLOAD_DIR = Path("corpus/downloads")


@dataclass(frozen=True)
class Download:
    """A PDF on disk and where it came from."""

    url: str
    path: Path
    sha256: str
    fetched_at: str
    found_on: str | None = None  # the publication page that linked it
    feed_entry: str | None = None  # the feed entry's id that led to it
    hints: PageHints = PageHints()
    fresh: bool = True  # False: the server said 304 and this is the file we had


@dataclass(frozen=True)
class Failure:
    url: str
    code: str
    reason: str


@dataclass
class Fetched:
    downloads: list[Download] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    entries_new: list[str] = field(default_factory=list)  # feed entry ids seen for the first time


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Fetcher:
    """Fetch URLs and feeds into `download_dir`; with dry_run, the database is only read."""

    def __init__(self, db, client: Client, download_dir: Path = DEFAULT_DOWNLOAD_DIR, dry_run: bool = False):
        self.db, self.client, self.dir, self.dry_run = db, client, Path(download_dir), dry_run
        self.result = Fetched()
        self._done: set[str] = set()

    def urls(self, urls: list[str]) -> Fetched:
        for url in urls:
            self._follow(url, expect=None)
        return self.result

    def feeds(self, feed_urls: list[str]) -> Fetched:
        for feed_url in feed_urls:
            try:
                entries = self._feed(feed_url)
            except FetchError as exc:
                self._failed(feed_url, "feed", exc)
                continue
            for entry in entries:
                for pdf in entry["pdf_links"]:
                    self._follow(pdf, expect="pdf", feed_entry=entry["entry_id"], hints=_entry_hints(entry))
                if entry["link"] not in entry["pdf_links"]:
                    self._follow(entry["link"], expect="pdf" if looks_like_pdf_url(entry["link"]) else None,
                                 feed_entry=entry["entry_id"], hints=_entry_hints(entry))
        return self.result

    # -- a feed ----------------------------------------------------------------------------

    def _feed(self, feed_url: str) -> list[dict]:
        state = store.url_state(self.db, feed_url)
        response = self.client.get(feed_url, *_validators(state), max_body=MAX_PAGE_BYTES)
        if response.not_modified:
            return store.feed_entry_rows(self.db, feed_url)
        entries = [_entry_row(entry) for entry in read_feed(feed_url, response.body or b"")]
        known = {row["entry_id"] for row in store.feed_entry_rows(self.db, feed_url)} if state else set()
        self.result.entries_new.extend(e["entry_id"] for e in entries if e["entry_id"] not in known)
        if not self.dry_run:
            at = now()
            store.save_feed_entries(self.db, feed_url, entries, at)
            store.save_url(self.db, _state_row(feed_url, "feed", response, at))
        return entries

    # -- a URL: a PDF, or a page with PDF links --------------------------------------------

    def _follow(self, url: str, expect: str | None, found_on: str | None = None, feed_entry: str | None = None,
                hints: PageHints = PageHints()) -> None:
        if url in self._done:
            return
        self._done.add(url)
        state = store.url_state(self.db, url)
        kind = expect or (state or {}).get("kind")
        try:
            self._fetch(url, kind, state, found_on, feed_entry, hints)
        except InputError as exc:  # a fetch failure, or a body that is not a PDF
            self._failed(url, kind or "url", exc)

    def _fetch(self, url, kind, state, found_on, feed_entry, hints) -> None:
        have_file = bool(state and state.get("file") and Path(state["file"]).is_file())
        # Conditional only when what the validators stand for is still here to use.
        conditional = state and (have_file if state.get("kind") == "pdf" else state.get("kind") == "page")
        part = self.dir / f".{_name_for(url)}.part"
        response = self.client.get(url, *(_validators(state) if conditional else (None, None)), part=part)
        if response.not_modified:
            if state["kind"] == "pdf":
                self._got(Download(url, Path(state["file"]), state["sha256"], state["fetched_at"], found_on,
                                   feed_entry, _state_hints(state, hints), fresh=False))
            else:
                self._page_links(url, store.page_links(self.db, url), feed_entry, _state_hints(state, hints))
            return
        at = now()
        if response.path is not None and response.sha256 is not None:  # a body on disk comes with its hash
            path = self._keep(response.path, url, response.sha256)
            if not self.dry_run:
                store.save_url(self.db, dict(_state_row(url, "pdf", response, at), sha256=response.sha256,
                                             file=str(path), page_title=hints.title, page_date=hints.published))
            self._got(Download(url, path, response.sha256, at, found_on, feed_entry, hints))
            return
        body = response.body or b""
        if kind == "pdf" or not looks_like_html(response.content_type, body):
            raise NotAPdf(_not_a_pdf(response, body))
        page = read_page(response.url, body.decode(_charset(body), "replace"))
        page_hints = PageHints(page.hints.title or hints.title, page.hints.published or hints.published)
        if not page.pdf_links:
            raise FetchError("the page links to no PDF on its own site")
        if not self.dry_run:
            store.save_url(self.db, dict(_state_row(url, "page", response, at), page_title=page_hints.title,
                                         page_date=page_hints.published), links=list(page.pdf_links))
        self._page_links(url, list(page.pdf_links), feed_entry, page_hints)

    def _page_links(self, page_url: str, links: list[str], feed_entry, hints: PageHints) -> None:
        for link in links:
            self._follow(link, expect="pdf", found_on=page_url, feed_entry=feed_entry, hints=hints)

    def _keep(self, part: Path, url: str, sha256: str) -> Path:
        """The whole file under its name from the URL; a different file already under that name
        (an earlier version, or another URL's file of the same name) keeps it, and this one
        takes the name with its hash."""
        target = self.dir / _name_for(url)
        if target.exists() and _sha256(target) != sha256:
            target = target.with_name(f"{target.stem}-{sha256[:12]}{target.suffix}")
        os.replace(part, target)
        return target

    def _got(self, download: Download) -> None:
        self.result.downloads.append(download)

    def _failed(self, url: str, kind: str, exc: InputError) -> None:
        self.result.failures.append(Failure(url, exc.code, str(exc)))
        if not self.dry_run:
            store.url_failed(self.db, url, kind, exc.code, str(exc), now())


def _validators(state: dict | None) -> tuple[str | None, str | None]:
    return ((state or {}).get("etag"), (state or {}).get("last_modified"))


def _state_row(url: str, kind: str, response: Response, at: str) -> dict:
    return {"url": url, "kind": kind, "final_url": response.url, "etag": response.etag,
            "last_modified": response.last_modified, "content_type": response.content_type, "fetched_at": at}


def _entry_row(entry: Entry) -> dict:
    return {"entry_id": entry.id, "link": entry.link, "title": entry.title, "published": entry.published,
            "pdf_links": list(entry.pdf_links)}


def _entry_hints(entry: dict) -> PageHints:
    return PageHints(entry.get("title"), entry.get("published"))


def _state_hints(state: dict, hints: PageHints) -> PageHints:
    return PageHints(state.get("page_title") or hints.title, state.get("page_date") or hints.published)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _name_for(url: str) -> str:
    """A file name from the URL's last path segment, safe on any disk; never hidden, always .pdf."""
    parts = urlsplit(url)
    base = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    stem = _UNSAFE.sub("-", base[:-4] if base.lower().endswith(".pdf") else base).strip(".-")[:120]
    if not stem or parts.query:
        # Names from a query (download.php?id=3) would collide: the URL's hash tells them apart.
        stem = f"{stem or parts.netloc.replace(':', '-')}-{hashlib.sha256(url.encode()).hexdigest()[:12]}"
    return f"{stem}.pdf"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _not_a_pdf(response: Response, body: bytes) -> str:
    start = body[:16].decode("ascii", "replace").split("\n")[0].strip()
    what = response.content_type or "no content type"
    return f"not a PDF: the server sent {what} starting {start!r}, not {PDF_MAGIC.decode()}"


def _charset(body: bytes) -> str:
    head = body[:1024].lower()
    match = re.search(rb"charset=[\"']?([a-z0-9_-]+)", head)
    try:
        return codecs.lookup(match.group(1).decode()).name if match else "utf-8"
    except LookupError:
        return "utf-8"
