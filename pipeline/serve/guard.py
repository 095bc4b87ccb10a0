"""What `hmicfrs serve` refuses before a request reaches Datasette, and the checks its views share.

Found by an attack run (issue 12): a sign-in could bounce the reviewer to another site, the
reviewer token could be guessed as fast as requests arrive, some bad requests answered 500 with
a traceback, and the calendar feed's links took the request's Host header. Each is closed here:

- safe_next: where a sign-in may land (a path on this site that no URL parser reads otherwise);
- FailureLimiter: failed token attempts per client address and overall, with an injectable clock;
- guard_requests: ASGI middleware that answers 429 to a throttled Bearer attempt, 415 to
  multipart bodies, 413 to bodies over 1 MiB and 400 to bodies that are not UTF-8, before
  asgi-csrf or Datasette parse them (both decode bodies as UTF-8 without catching the error).
  asgi-csrf 0.11 passes python-multipart a FileClass argument that python-multipart 0.0.26 and
  later (0.0.26 fixes CVE-2026-40347) no longer take (simonw/asgi-csrf#38): pinning the two to
  agree would mean an old python-multipart, and the site takes no uploads, so multipart is refused;
- json_decision: a review decision from a JSON body, or a one-line BadRequest;
- server_url: this server's own address, for the calendar feed's links when none is configured.
"""
from __future__ import annotations

import json
import logging
import math
import string
import time
import unicodedata
from collections import deque
from urllib.parse import quote, unquote

from pipeline.errors import PipelineError

log = logging.getLogger("hmicfrs.serve")

DECISION_KEYS = ("action", "note", "field", "value")
MAX_BODY_BYTES = 1024 * 1024
_PRINTABLE_ASCII = "".join(c for c in string.printable if not c.isspace())


class BadRequest(PipelineError):
    """A request the server will not act on; the message is one line for the client."""

    code = "bad_request"


# ---------------------------------------------------------------------------------------------
# Where a sign-in lands


def invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("C")


def safe_next(value: str | None) -> str | None:
    """The value (already decoded from the query string or form) when it is a path on this site,
    ready for a Location header; else None, for the default page.

    Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so `/<TAB>/evil`
    and `/\\evil` lead to another host. The value must hold no whitespace or control characters,
    and, percent-decoded as often as it takes and with such characters stripped, must still start
    with exactly one `/` followed by neither `/` nor `\\`, so no later decoding can turn it into
    an address on another site."""
    if not isinstance(value, str) or not value or "\\" in value or any(invisible(c) for c in value):
        return None
    decoded, previous = value, None
    while decoded != previous:
        previous, decoded = decoded, unquote(decoded)
    for form in (value, "".join(c for c in decoded if not invisible(c))):
        if not form.startswith("/") or form[1:2] in ("/", "\\"):
            return None
    # A header value is ASCII: letters from elsewhere are sent percent-encoded.
    return quote(value, safe=_PRINTABLE_ASCII)


# ---------------------------------------------------------------------------------------------
# Failed token attempts


class FailureLimiter:
    """Failed reviewer-token attempts in a sliding window, per client address and overall.

    The caller asks retry_after() and, when the answer is 0, checks the token and reports a
    failure, with no await in between, so parallel requests cannot all slip under the limit.
    Attempts refused with 429 are not recorded, so at most `overall` failures are held at once."""

    def __init__(self, per_client: int = 10, overall: int = 100, window: float = 60.0, clock=time.monotonic):
        if per_client < 1 or overall < 1 or window <= 0:
            raise ValueError("the limits and the window must be positive")
        self.per_client, self.overall, self.window, self.clock = per_client, overall, window, clock
        self._all: deque[tuple[float, str]] = deque()
        self._by_client: dict[str, deque[float]] = {}

    @classmethod
    def shared_by(cls, processes: int, per_client: int = 10, overall: int = 100) -> "FailureLimiter":
        """One server process's share of the limits (serve --workers N): each process counts only
        the attempts it sees, so each gets 1/N of each limit (at least 1) and together they
        never allow more than the limits."""
        processes = max(1, processes)
        return cls(per_client=max(1, per_client // processes), overall=max(1, overall // processes))

    def _expire(self, now: float) -> None:
        while self._all and self._all[0][0] <= now - self.window:
            _, client = self._all.popleft()
            times = self._by_client[client]
            times.popleft()
            if not times:
                del self._by_client[client]

    def retry_after(self, client: str) -> int:
        """0 when the client may try a token now, else the whole seconds until it may."""
        now = self.clock()
        self._expire(now)
        waits = []
        mine = self._by_client.get(client)
        if mine and len(mine) >= self.per_client:
            waits.append(mine[-self.per_client] + self.window - now)
        if len(self._all) >= self.overall:
            waits.append(self._all[-self.overall][0] + self.window - now)
        return max(1, math.ceil(max(waits))) if waits else 0

    def failed(self, client: str, how: str) -> None:
        """Record a wrong token from the client and log it: one line, never the token."""
        now = self.clock()
        self._expire(now)
        self._all.append((now, client))
        count = len(self._by_client.setdefault(client, deque()))
        self._by_client[client].append(now)
        blocked = count + 1 >= self.per_client or len(self._all) >= self.overall
        log.warning("reviewer token refused (%s) from %s: %d from this address and %d in all in the last %gs%s",
                    how, client, count + 1, len(self._all), self.window,
                    "; further attempts get 429 for now" if blocked else "")


def client_address(scope: dict) -> str:
    """The client's address as the ASGI server saw it (or a trusted proxy forwarded it), printable
    so a log line stays one line."""
    client = scope.get("client")
    address = "".join(c for c in str(client[0]) if c.isprintable()) if client and client[0] else ""
    return address or "unknown"


def bearer_token(headers: dict) -> str | None:
    """The token of an `Authorization: Bearer ...` header (Datasette's lower-cased header dict)."""
    header = headers.get("authorization", "")
    return header[len("Bearer "):].strip() if header.startswith("Bearer ") else None


# ---------------------------------------------------------------------------------------------
# ASGI middleware


async def _refuse(send, status: int, message: str, headers: tuple = ()) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), *headers]})
    await send({"type": "http.response.body", "body": message.encode("utf-8") + b"\n"})


def guard_requests(app, settings_of):
    """Wrap the Datasette ASGI app; settings_of() gives the launch's ServeSettings or None."""
    from datasette.utils.asgi import Request

    async def guarded(scope, receive, send):
        if scope.get("type") != "http":
            return await app(scope, receive, send)
        headers = Request(scope, receive).headers
        settings = settings_of()
        token = bearer_token(headers)
        if settings is not None and settings.reviewing and token is not None:
            client = client_address(scope)
            wait = settings.limiter.retry_after(client)
            if wait:
                return await _refuse(send, 429, f"Too many wrong reviewer tokens: try again in {wait} seconds.",
                                     ((b"retry-after", str(wait).encode()),))
            if not settings.secret.matches(token):
                settings.limiter.failed(client, "Authorization header")
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await app(scope, receive, send)
        content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if content_type == "multipart/form-data":
            return await _refuse(send, 415, "Multipart bodies are not accepted here: send a form "
                                 "(application/x-www-form-urlencoded) or JSON.")
        # Bodies here are a form or a little JSON; read one so a body that is not UTF-8 gets a 400
        # instead of an exception in asgi-csrf or Datasette, then replay it to them.
        messages, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            messages.append(message)
            size += len(message.get("body", b""))
            if size > MAX_BODY_BYTES:
                return await _refuse(send, 413, f"The body is larger than {MAX_BODY_BYTES // 1024} KiB.")
            more = message.get("more_body", False)
        try:
            b"".join(m.get("body", b"") for m in messages).decode("utf-8")
        except UnicodeDecodeError:
            return await _refuse(send, 400, "The body is not UTF-8.")

        async def replay():
            return messages.pop(0) if messages else await receive()

        return await app(scope, replay, send)

    return guarded


# ---------------------------------------------------------------------------------------------
# Request bodies and addresses


def json_decision(body: bytes) -> dict:
    """The decision fields of a JSON review request: an object whose known keys hold text or null."""
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise BadRequest(f"the body is not valid JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object such as {\"action\": \"accept\"}")
    for key in DECISION_KEYS:
        if not isinstance(data.get(key), (str, type(None))):
            raise BadRequest(f"{key!r} must be a string")
    return {key: data.get(key) for key in DECISION_KEYS}


def server_url(scope: dict) -> str | None:
    """This server's own address for the request: the socket it was accepted on (as the ASGI
    server reports it), never the Host header the client sent; None on a Unix socket."""
    server = scope.get("server")
    if not server or not server[0]:
        return None
    host, port = str(server[0]), server[1]
    if "/" in host:
        return None
    scheme = "https" if scope.get("scheme") == "https" else "http"
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")
