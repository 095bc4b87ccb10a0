"""Pages kept until the database changes: an ASGI layer in front of Datasette.

Most of what a server renders is the same for everyone until someone writes: the landing page's
counts, the item view and its facets, the canned lists, a search. Rendering them is Python work
under one GIL (a filtered item view about 70 ms at 50,000 items), so 8 people opening the usual
pages queued behind each other. A page is kept and sent again while three things stay the same:
the database's data_version (store.ChangeCounter: any commit, by any process, moves it), the
UTC date (the due and overdue lists are relative to today), and the request. Only what is the
same for everyone is kept:

- GET requests without a signed-in actor, flash messages or an Authorization header (a
  reviewer's pages carry forms, names and messages); the CSRF cookie, when sent, is part of the
  request's key, since a page with a form embeds a token made from it;
- 200 responses of HTML or JSON that set no cookie, up to MAX_ENTRY_BYTES; never a PDF (its
  file may change without the database) or the sign-in and decision routes.

Each server process keeps its own pages, least recently used dropped first past `max_bytes`.
A kept page carries `x-hmicfrs-cache: hit`.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timezone
from http.cookies import CookieError, SimpleCookie
from typing import Callable

MAX_ENTRY_BYTES = 4 << 20
NOT_KEPT_PREFIXES = ("/-/hmicfrs/pdf/", "/-/hmicfrs/login", "/-/hmicfrs/decision")
PRIVATE_COOKIES = ("ds_actor", "ds_messages")
CSRF_COOKIE = "ds_csrftoken"
KEPT_TYPES = (b"text/html", b"application/json")


def utc_today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


@dataclass(frozen=True)
class KeptPage:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def request_key(scope: dict) -> tuple | None:
    """What makes this request's page, or None when the page is not for keeping."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return None
    path = scope.get("path", "")
    if path.startswith(NOT_KEPT_PREFIXES):
        return None
    query = scope.get("query_string", b"")
    if b"_trace=" in query:
        return None
    headers = dict(scope.get("headers") or ())
    if b"authorization" in headers:
        return None
    cookie = headers.get(b"cookie", b"")
    # Looked for in the raw header, so a header that would not parse cannot hide one.
    if any(name.encode() in cookie for name in PRIVATE_COOKIES):
        return None
    csrf = ""
    if cookie:
        try:
            cookies = SimpleCookie(cookie.decode("latin-1"))
        except CookieError:
            return None
        csrf = cookies[CSRF_COOKIE].value if CSRF_COOKIE in cookies else ""
    return (path, query, csrf)


def keepable(status: int, headers) -> bool:
    found = dict((name.lower(), value) for name, value in headers)
    return status == 200 and b"set-cookie" not in found and found.get(b"content-type", b"").startswith(KEPT_TYPES)


class PageCache:
    """The kept pages of one server process; `wrap(app)` puts it in front of an ASGI app."""

    def __init__(self, version: Callable[[], int], max_bytes: int, today: Callable[[], str] = utc_today):
        self.version, self.max_bytes, self.today = version, max_bytes, today
        self._pages: OrderedDict[tuple, KeptPage] = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple) -> KeptPage | None:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def put(self, key: tuple, page: KeptPage) -> None:
        if len(page.body) > min(MAX_ENTRY_BYTES, self.max_bytes):
            return
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._pages[key] = page
        self._bytes += len(page.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._pages.popitem(last=False)
            self._bytes -= len(dropped.body)

    def wrap(self, app):
        async def kept_or_rendered(scope, receive, send):
            request = request_key(scope)
            if request is None or self.max_bytes <= 0:
                return await app(scope, receive, send)
            key = (self.version(), self.today(), *request)
            page = self.get(key)
            if page is not None:
                await send({"type": "http.response.start", "status": page.status,
                            "headers": [*page.headers, (b"x-hmicfrs-cache", b"hit")]})
                await send({"type": "http.response.body", "body": page.body})
                return None
            start: dict = {}
            body: list[bytes] | None = []
            size = 0

            async def keeping(message):
                nonlocal body, size
                if message["type"] == "http.response.start":
                    start.update(message)
                    if not keepable(message.get("status", 0), message.get("headers") or ()):
                        body = None
                elif message["type"] == "http.response.body" and body is not None:
                    body.append(message.get("body", b""))
                    size += len(body[-1])
                    if size > MAX_ENTRY_BYTES:
                        body = None
                    elif not message.get("more_body"):
                        self.put(key, KeptPage(start["status"], tuple(start.get("headers") or ()), b"".join(body)))
                await send(message)

            return await app(scope, receive, keeping)

        return kept_or_rendered
