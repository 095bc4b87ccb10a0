"""Shared pieces for tests that keep their work in this process: the `site` fixture (a loopback
web site for test_fetch and test_watch that answers and stops in milliseconds), a fake clock that
records the pauses the polite client would take instead of taking them, and `parse_here`,
conftest's parse_in_process for fixtures wider than one test."""
from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest

from fetch_server import Site

# serve_forever looks at its shutdown flag this often; its default (0.5 s) made every test's
# teardown wait half a second for a loop that had nothing left to do.
POLL_SECONDS = 0.01


@pytest.fixture
def site():
    """A loopback site with a robots.txt that keeps /private/ out; closed after the test. Each
    test has its own (port, routes, log): one test's URLs and faults never reach another."""
    site = Site()
    # http.server sends the headers and the body in two writes; with Nagle's algorithm the body
    # then waits for the client's delayed ACK, 40 ms a request on Linux loopback.
    site.server.RequestHandlerClass.disable_nagle_algorithm = True
    site.thread = threading.Thread(target=site.server.serve_forever, args=(POLL_SECONDS,), daemon=True)
    site.thread.start()
    site.put("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    yield site
    site.close()
    site.thread.join(5)


class FakeClock:
    """time.monotonic and time.sleep for a Client: time moves only when the client sleeps (or the
    test says it passed), and every pause is recorded."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.pauses: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds

    def passes(self, seconds: float) -> None:
        """Time spent elsewhere (a request, the caller's own work): no pause."""
        self.now += seconds

    def client_kwargs(self) -> dict:
        return {"sleep": self.sleep, "clock": self.monotonic}


def parse_here(tasks, workers, limits, initializer=None, initargs=(), weigh=None):
    """ingest.batch.run_workers without worker processes: each task in this process, in order.

    conftest.parse_in_process patches it in for one test, `parsing_here` for a block."""
    if initializer:
        initializer(*initargs)
    for key, function, args in tasks:
        yield key, function(*args)


@contextmanager
def parsing_here():
    """Ingest parses in this process (parse_here) inside the block: for a fixture that ingests as
    its means. Parser processes are the subject of the slow tests."""
    from pipeline.ingest import batch

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "run_workers", parse_here)
        yield
