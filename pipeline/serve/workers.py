"""`hmicfrs serve --workers N`: the same site served by N processes.

Datasette renders its pages in Python, so one process uses one core however many clients wait:
at 50,000 items and 8 clients a single process made every page queue behind the item view and
searches. uvicorn's process manager binds the port once and starts N processes that each build
their Datasette through `app_from_environment`, from a launch description the first process puts
in the environment (the only way into processes uvicorn starts itself).

What the processes must share is in that description: the database, the PDF folders, the public
URL, the secret Datasette signs cookies with (so a reviewer signed in through one process is
signed in to all), the grant key of the writable canned queries, and the reviewer token's HMAC
with its key (never the token). Anything else a request leaves behind for the next one is in the
database (store/outcomes.py), and the failed-token limits are shared out between the processes.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.serve.app import (DEFAULT_PAGE_CACHE_MB, ReviewerSecret, ServeError, build_datasette, check_public_url,
                                check_served, cookie_secret)

LAUNCH_ENV = "HMICFRS_SERVE_LAUNCH"
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """One process per core the server may use, up to four (each holds its own caches)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


@dataclass(frozen=True)
class Launch:
    """What every server process is built from; secrets as hex."""

    db_path: str
    pdf_dirs: tuple[str, ...]
    public_url: str | None
    datasette_secret: str
    grant_key: str
    reviewer_key: str | None
    reviewer_digest: str | None
    workers: int
    page_cache_mb: int = DEFAULT_PAGE_CACHE_MB

    @classmethod
    def make(cls, db_path: Path | str, reviewer_token: str | None, pdf_dirs, public_url: str | None,
             workers: int, page_cache_mb: int = DEFAULT_PAGE_CACHE_MB) -> "Launch":
        if workers < 1:
            raise ServeError("--workers must be at least 1")
        key = digest = None
        if reviewer_token:
            key, digest = (part.hex() for part in ReviewerSecret(reviewer_token).parts())
        return cls(str(Path(db_path).resolve()), tuple(str(Path(d).resolve()) for d in pdf_dirs),
                   check_public_url(public_url), cookie_secret(),
                   secrets.token_hex(32), key, digest, workers, page_cache_mb)

    def check(self) -> None:
        """Raise what `hmicfrs serve` would fail on (no database, no configuration) before any
        process starts."""
        check_served(self.db_path)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "Launch":
        fields = json.loads(text)
        fields["pdf_dirs"] = tuple(fields["pdf_dirs"])
        return cls(**fields)

    def datasette(self, settings: dict | None = None):
        secret = None
        if self.reviewer_key and self.reviewer_digest:
            secret = ReviewerSecret.from_parts(bytes.fromhex(self.reviewer_key), bytes.fromhex(self.reviewer_digest))
        return build_datasette(self.db_path, pdf_dirs=self.pdf_dirs, settings=settings, public_url=self.public_url,
                               secret=secret, datasette_secret=self.datasette_secret,
                               grant_key=bytes.fromhex(self.grant_key), processes=self.workers,
                               page_cache_mb=self.page_cache_mb)


def app_from_environment():
    """uvicorn's factory in each server process."""
    text = os.environ.get(LAUNCH_ENV)
    if not text:
        raise ServeError(f"{LAUNCH_ENV} is not set: this factory is for the processes `hmicfrs serve --workers` starts")
    return Launch.from_json(text).datasette().app()


def run(launch: Launch, host: str, port: int) -> None:
    """Serve from this process, or from launch.workers new ones; this process then only watches
    them and builds no Datasette of its own, which it would never serve with."""
    import uvicorn

    if launch.workers == 1:
        uvicorn.run(launch.datasette().app(), host=host, port=port, log_level="info", lifespan="on")
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[LAUNCH_ENV] = launch.to_json()
    try:
        # What uvicorn.run does for workers > 1, with the listening socket told it is TCP: uvicorn
        # binds it with proto 0, accepted connections inherit that, and asyncio then leaves
        # Nagle's algorithm on, so every small response on a kept-alive connection waited ~44 ms
        # for the client's delayed ACK (uvicorn issue #3149; measured here: a kept landing page
        # 44 ms with 2 processes, 2 ms with 1).
        config = uvicorn.Config(f"{__name__}:app_from_environment", factory=True, workers=launch.workers, host=host,
                                port=port, log_level="info", lifespan="on")
        Multiprocess(config, sockets=[as_tcp(config.bind_socket())]).run()
    except KeyboardInterrupt:
        pass
    finally:
        os.environ.pop(LAUNCH_ENV, None)


def as_tcp(sock: socket.socket) -> socket.socket:
    """The same listening socket, its protocol field set to TCP (what asyncio checks before it
    sets TCP_NODELAY on each accepted connection)."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
        return sock
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.set_inheritable(True)
    return tcp
