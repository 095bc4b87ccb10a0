"""A polite HTTP client for a publisher's site: it says who it is, reads robots.txt, asks one
host one thing at a time with a pause between requests, retries what is worth retrying, stops at
a size limit, and streams a PDF to a temporary file.

A server that answers an ETag or Last-Modified is asked again with If-None-Match and
If-Modified-Since, so an unchanged file costs a 304 and no body.
"""
from __future__ import annotations

import email.utils
import functools
import hashlib
import os
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from pipeline.errors import FetchError, FetchTimeout, HttpStatus, RobotsDisallowed, TooLarge

PDF_MAGIC = b"%PDF-"
# Worth asking again: the server said "later" or failed on its side.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
PRODUCT = "hmicfrs-pipeline"
# A page or feed is read into memory; a PDF goes to disk. No publication page is this large.
MAX_PAGE_BYTES = 10 << 20
MAX_ROBOTS_BYTES = 512 << 10


def user_agent() -> str:
    try:
        release = version(PRODUCT)
    except PackageNotFoundError:
        release = "dev"
    return f"{PRODUCT}/{release} (report fetcher for hmicfrs; honours robots.txt)"


@dataclass(frozen=True)
class Manners:
    delay: float = 1.0  # seconds between two requests to one host; retries wait delay * 2**n
    timeout: float = 30.0  # seconds to connect, and between two pieces of a body
    retries: int = 3
    max_bytes: int = 200 << 20
    retry_after_cap: float = 60.0  # a Retry-After longer than this is not waited for in full
    user_agent: str = ""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request found nothing changed
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    body: bytes | None = None  # a body that is not a PDF (a page, a feed, an impostor)
    path: Path | None = None  # a PDF, streamed to the part file the caller named
    sha256: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Again(Exception):
    """A response worth retrying, carrying why and how long the server asked us to wait."""

    def __init__(self, reason: str, wait: float = 0.0):
        super().__init__(reason)
        self.wait = wait


class Client:
    """One per run; safe to share between threads (each host is asked one thing at a time).

    `sleep` and `clock` take every pause and tell the time between requests; a test passes a
    fake pair to see the pauses the client would take without waiting for them."""

    def __init__(self, manners: Manners = Manners(), transport: httpx.BaseTransport | None = None, *,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.manners = manners
        self._sleep, self._clock = sleep, clock
        self.agent = manners.user_agent or user_agent()
        self._http = httpx.Client(
            headers={"User-Agent": self.agent}, timeout=manners.timeout, follow_redirects=True,
            max_redirects=5, transport=transport, verify=_tls(),
        )
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | FetchError] = {}

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            part: Path | None = None, max_body: int | None = None) -> Response:
        """GET `url`, conditionally when a validator is given. A body that starts like a PDF is
        streamed to `part` (created or truncated; removed again when anything fails); any other
        body is returned in memory (up to max_body). Raises a FetchError naming why."""
        self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = min(max_body or self.manners.max_bytes, self.manners.max_bytes)
        return self._with_retries(url, lambda: self._once(url, headers, part, limit))

    # -- one request, and retries ------------------------------------------------------------

    def _with_retries(self, url: str, attempt):
        last: Exception | None = None
        for number in range(self.manners.retries + 1):
            if number:
                wait = self.manners.delay * 2 ** (number - 1)
                if isinstance(last, _Again):
                    wait = max(wait, min(last.wait, self.manners.retry_after_cap))
                self._sleep(wait)
            try:
                return attempt()
            except _Again as exc:
                last = exc
            except httpx.TimeoutException as exc:
                last = FetchTimeout(f"timed out after {self.manners.timeout:g} s ({type(exc).__name__})")
            except httpx.TransportError as exc:
                last = FetchError(f"network error: {type(exc).__name__}: {exc}"[:200])
        tries = f"after {self.manners.retries + 1} tries"
        if isinstance(last, _Again):
            raise HttpStatus(f"{last} {tries}")
        raise type(last)(f"{last} {tries}")  # type: ignore[misc]

    def _once(self, url: str, headers: dict, part: Path | None, limit: int) -> Response:
        host = urlsplit(url).netloc
        with self._turn(host), self._http.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in RETRY_STATUSES:
                raise _Again(f"HTTP {status} {response.reason_phrase}", _retry_after(response))
            if status >= 400:
                raise HttpStatus(f"HTTP {status} {response.reason_phrase}")
            common = dict(
                url=str(response.url), etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            )
            if status == 304:
                return Response(status=304, **common)
            if status != 200:
                raise HttpStatus(f"HTTP {status} {response.reason_phrase} (expected 200)")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise TooLarge(f"{_size(int(declared))} declared, over the {_size(limit)} limit")
            return self._read(response, part, limit, common)

    def _read(self, response: httpx.Response, part: Path | None, limit: int, common: dict) -> Response:
        chunks = response.iter_bytes()
        head = b""
        for chunk in chunks:
            head += chunk
            if len(head) >= len(PDF_MAGIC):
                break
        if not head.startswith(PDF_MAGIC) or part is None:
            body = bytearray(head)
            for chunk in chunks:
                body += chunk
                if len(body) > limit:
                    raise TooLarge(f"more than the {_size(limit)} limit")
            return Response(status=200, body=bytes(body), **common)
        digest, size = hashlib.sha256(), 0
        part.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(part, "wb") as out:
                for chunk in _chain(head, chunks):
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(f"more than the {_size(limit)} limit")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return Response(status=200, path=part, sha256=digest.hexdigest(), **common)

    @contextmanager
    def _turn(self, host: str):
        """One request at a time per host, `delay` seconds after the last one ended."""
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, float("-inf")) + self.manners.delay - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self._last[host] = self._clock()

    # -- robots.txt --------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, FetchError):
            raise type(rules)(str(rules))
        if not rules.can_fetch(PRODUCT, url):
            raise RobotsDisallowed(f"robots.txt of {parts.netloc} disallows {parts.path or '/'}")

    def _read_robots(self, origin: str) -> RobotFileParser | FetchError:
        """As urllib.robotparser reads it (401/403: nothing allowed; another 4xx: all allowed);
        a robots.txt that cannot be read at all allows nothing this run, as the big crawlers do."""
        rules = _Robots(f"{origin}/robots.txt")
        try:
            response = self._with_retries(
                origin, lambda: self._once(f"{origin}/robots.txt", {}, None, MAX_ROBOTS_BYTES))
        except HttpStatus as exc:
            text = str(exc)
            if text.startswith(("HTTP 401", "HTTP 403")):
                rules.disallow_all = True
            elif text.startswith("HTTP 4"):
                rules.allow_all = True
            else:
                return FetchError(f"robots.txt of {origin} could not be read: {text}")
            return rules
        except FetchError as exc:
            return FetchError(f"robots.txt of {origin} could not be read: {exc}")
        rules.parse((response.body or b"").decode("utf-8", "replace").splitlines())
        return rules


@functools.cache
def _tls() -> ssl.SSLContext:
    # Reading the CA bundle takes a tenth of a second, and every client here wants the same
    # context (`watch --every` makes a client a run; the tests make dozens): it is made once.
    return httpx.create_ssl_context()


def _chain(head: bytes, rest):
    yield head
    yield from rest


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return 0.0
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())


def _size(count: int) -> str:
    return f"{count / (1 << 20):.1f} MB" if count >= 1 << 20 else f"{count / 1024:.0f} KB"


class _Robots(RobotFileParser):
    """RobotFileParser with the two verdicts its read() sets from the response status (and that
    an unreadable robots.txt sets here) declared: the standard library's stubs leave them out."""

    disallow_all: bool
    allow_all: bool
