"""A small web site on 127.0.0.1 for the fetch tests: routes the test sets, ETag and
Last-Modified answered with 304, faults on demand (a status, a slow answer, a body that stalls
half-way), and a log of every request the site saw."""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


from pdf_makers import make_report


@dataclass
class Route:
    body: bytes
    content_type: str = "application/pdf"
    status: int = 200
    sleep: float = 0.0  # before the headers: a server too slow to answer
    stall: bool = False  # send half the body, then wait for Site.release
    modified: float = 1_700_000_000.0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True)
class Request:
    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str

    @property
    def conditional(self) -> bool:
        return bool(self.if_none_match or self.if_modified_since)


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def put(self, path: str, body: bytes, content_type: str = "application/pdf", **faults) -> str:
        old = self.routes.get(path)
        modified = (old.modified + 60) if old and old.body != body else 1_700_000_000.0
        self.routes[path] = Route(body, content_type, modified=modified, **faults)
        return self.url + path

    def requests(self, *, robots: bool = False) -> list[Request]:
        return [r for r in self.log if robots or r.path != "/robots.txt"]

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's name)
            route = site.routes.get(self.path)
            status = self._status(route)
            site.log.append(Request(self.path, status, self.headers.get("If-None-Match"),
                                    self.headers.get("If-Modified-Since"), self.headers.get("User-Agent", "")))
            if route and route.sleep:
                time.sleep(route.sleep)
            if status != 200:
                body = b"" if status == 304 else f"error {status}".encode()
                self.send_response(status)
                if route:
                    self.send_header("ETag", route.etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.send_header("ETag", route.etag)
            self.send_header("Last-Modified", formatdate(route.modified, usegmt=True))
            self.end_headers()
            if route.stall:
                self.wfile.write(route.body[: len(route.body) // 2])
                self.wfile.flush()
                site.stalled.set()
                site.release.wait(60)
                self.close_connection = True
                return
            self.wfile.write(route.body)

        def _status(self, route: Route | None) -> int:
            if route is None:
                return 404
            if route.status != 200:
                return route.status
            if self.headers.get("If-None-Match") == route.etag:
                return 304
            return 200

        def log_message(self, *args):  # the test reads site.log instead
            pass

    return Handler


# make_report writes the same bytes for the same title on every call (reportlab's invariant mode),
# so each report is drawn once a session; each test still gets its own copy of the file.
_PDFS: dict[tuple[str, int], bytes] = {}


def pdf_bytes(tmp_path: Path, title: str, pages: int = 2) -> bytes:
    path = tmp_path / f"{hashlib.sha256(title.encode()).hexdigest()[:8]}.pdf"
    if (title, pages) not in _PDFS:
        _PDFS[title, pages] = make_report(path, title, pages).read_bytes()
    elif not path.exists():
        path.write_bytes(_PDFS[title, pages])
    return _PDFS[title, pages]


def rss(site: Site, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed: (guid, title, link) per item."""
    entries = "".join(
        f"<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<pubDate>Wed, 08 Mar 2023 09:00:00 GMT</pubDate></item>"
        for guid, title, link in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Publications</title>'
            f"<link>{site.url}/</link><description>New reports</description>{entries}</channel></rss>").encode()


def publication_page(title: str, links: list[str], date: str = "2023-03-08") -> bytes:
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (f"<!DOCTYPE html><html><head><title>{title} - HMICFRS</title>"
            f'<meta property="article:published_time" content="{date}"></head>'
            f"<body><h1>{title}</h1><ul>{anchors}</ul></body></html>").encode()
