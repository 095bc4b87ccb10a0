"""pipeline.serve.guard on its own: where a sign-in may land, the failed-token limiter (with a
clock the test moves), JSON decisions, and the server's own address for the calendar feed."""
from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from pipeline.serve import app as serve
from pipeline.cli.main import cli
from pipeline.serve.guard import BadRequest, FailureLimiter, json_decision, safe_next, server_url


@pytest.mark.parametrize("value, expected", [
    ("/", "/"),
    ("/hmicfrs/items?x=1", "/hmicfrs/items?x=1"),
    ("/hmicfrs/items?x=1#frag", "/hmicfrs/items?x=1#frag"),
    ("/-/hmicfrs/review/r1%2Frec%201", "/-/hmicfrs/review/r1%2Frec%201"),  # encoded slash inside: a path
    ("/-/hmicfrs/review/a%09b", "/-/hmicfrs/review/a%09b"),  # an encoded tab after the first segment
    ("/hmicfrs/items?_search=café", "/hmicfrs/items?_search=caf%C3%A9"),
    ("/.//evil", "/.//evil"),  # the path //evil on this site
    ("//evil", None),
    ("///evil", None),
    ("/\\evil", None),
    ("/a\\b", None),
    ("/%09/evil", None),
    ("/%2509/evil", None),  # decoded twice
    ("/\t/evil", None),
    ("/\r\n/evil", None),
    ("/ /evil", None),
    ("/\x00/evil", None),
    ("/\x7f", None),
    ("/\u2028/evil", None),  # line separator
    ("/\u202e/evil", None),  # right-to-left override
    ("/%2F%2Fevil", None),
    ("/%2f/evil", None),
    ("/%5Cevil", None),
    ("/%E2%80%8B/evil", None),  # an encoded zero-width space
    ("https://evil", None),
    ("http:/evil", None),
    ("javascript:alert(1)", None),
    ("evil.example/", None),
    (" /", None),
    ("", None),
    (None, None),
])
def test_safe_next(value, expected):
    assert safe_next(value) == expected


def _moves(limiter: FailureLimiter, clock, steps):
    """steps: (seconds later, client, 'fail' or 'ask') -> what retry_after answered for each 'ask'."""
    answers = []
    for later, client, what in steps:
        clock.now += later
        if what == "fail":
            assert limiter.retry_after(client) == 0, (client, clock.now)
            limiter.failed(client, "test")
        else:
            answers.append(limiter.retry_after(client))
    return answers


class Clock:
    def __init__(self):
        self.now = 500.0

    def __call__(self):
        return self.now


@pytest.mark.parametrize("steps, answers", [
    # Under the per-client limit of 3: never refused.
    ([(0, "a", "fail"), (1, "a", "fail"), (0, "a", "ask")], [0]),
    # At the limit: refused until the oldest failure is a window old.
    ([(0, "a", "fail"), (10, "a", "fail"), (10, "a", "fail"), (0, "a", "ask"), (0, "b", "ask"),
      (39.5, "a", "ask"), (0.5, "a", "ask")], [40, 0, 1, 0]),
    # Failures spread out never reach the limit.
    ([(0, "a", "fail"), (30, "a", "fail"), (31, "a", "fail"), (30, "a", "fail"), (0, "a", "ask")], [0]),
    # The overall cap of 5 over many addresses, each under its own limit, refuses a new address too.
    ([(0, "a", "fail"), (0, "b", "fail"), (0, "c", "fail"), (0, "d", "fail"), (5, "e", "fail"),
      (0, "f", "ask"), (54, "f", "ask"), (1, "f", "ask")], [55, 1, 0]),
])
def test_failure_limiter(steps, answers):
    clock = Clock()
    assert _moves(FailureLimiter(per_client=3, overall=5, window=60, clock=clock), clock, steps) == answers


def test_failure_limiter_forgets_old_failures_and_logs_one_line_each(caplog):
    clock = Clock()
    limiter = FailureLimiter(per_client=2, overall=100, window=60, clock=clock)
    caplog.set_level(logging.INFO, logger="hmicfrs")
    for n in range(300):
        clock.now += 31
        limiter.failed(f"10.0.{n}.1", "test")
    assert len(limiter._all) <= 2 and len(limiter._by_client) <= 2
    assert len(caplog.records) == 300 and all("\n" not in r.getMessage() for r in caplog.records)
    with pytest.raises(ValueError):
        FailureLimiter(per_client=0)


@pytest.mark.parametrize("body, expected", [
    (b'{"action": "accept"}', {"action": "accept", "note": None, "field": None, "value": None}),
    (b'{"action": "correct", "field": "text", "value": "", "note": "n", "other": 1}',
     {"action": "correct", "note": "n", "field": "text", "value": ""}),
    (b"", {"action": None, "note": None, "field": None, "value": None}),
    (b"{bad", BadRequest),
    (b"[]", BadRequest),
    (b"\xff", BadRequest),
    (b"[" * 100000, BadRequest),
    (b'{"note": 5}', BadRequest),
    (b'{"value": ["a"]}', BadRequest),
])
def test_json_decision(body, expected):
    if expected is BadRequest:
        with pytest.raises(BadRequest) as caught:
            json_decision(body)
        assert "\n" not in str(caught.value)
    else:
        assert json_decision(body) == expected


@pytest.mark.parametrize("scope, expected", [
    ({"server": ("127.0.0.1", 8001), "scheme": "http"}, "http://127.0.0.1:8001"),
    ({"server": ("10.1.2.3", 80), "scheme": "http"}, "http://10.1.2.3"),
    ({"server": ("10.1.2.3", 443), "scheme": "https"}, "https://10.1.2.3"),
    ({"server": ("::1", 8001), "scheme": "http"}, "http://[::1]:8001"),
    ({"server": ("localhost", None), "scheme": "http"}, "http://localhost"),
    ({"server": ("127.0.0.1", 8001), "scheme": "javascript"}, "http://127.0.0.1:8001"),
    ({"server": ("/run/hmicfrs.sock", None)}, None),
    ({"headers": [(b"host", b"evil.example")]}, None),
])
def test_server_url_is_the_socket_not_the_host_header(scope, expected):
    assert server_url(scope) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://hmicfrs.example.org", "https://hmicfrs.example.org"),
    ("https://hmicfrs.example.org/", "https://hmicfrs.example.org"),
    ("http://10.0.0.5:8001/hmicfrs/", "http://10.0.0.5:8001/hmicfrs"),
    (None, None),
    ("hmicfrs.example.org", serve.ServeError),
    ("ftp://hmicfrs.example.org", serve.ServeError),
    ("https://user:pw@hmicfrs.example.org", serve.ServeError),
    ("https://hmicfrs.example.org/?x=1", serve.ServeError),
    ("https://hmicfrs.example.org/#x", serve.ServeError),
    ("https://hmicfrs.example.org:99999", serve.ServeError),
    ("https://hmicfrs.example.org/\t", serve.ServeError),
    ("https://", serve.ServeError),
])
def test_check_public_url(url, expected):
    if expected is serve.ServeError:
        with pytest.raises(serve.ServeError):
            serve.check_public_url(url)
    else:
        assert serve.check_public_url(url) == expected


def test_serve_refuses_a_bad_public_url_in_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "any.db"), "--public-url", "evil.example"])
    assert result.exit_code == 1 and "public URL" in result.output and "Traceback" not in result.output
