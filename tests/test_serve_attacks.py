"""What an attack run on `hmicfrs serve` tried (issue 12), as the server answers now: no redirect
off the site after sign-in, token guessing throttled, bad requests refused with a 4xx and one
line, and no client-supplied Host in the calendar feed."""
from __future__ import annotations

import asyncio
import logging
import re
import time
from types import SimpleNamespace

import httpx
import pytest
from pipeline.serve import plugin

from test_serve import BEARER, TOKEN, _datasette, _get, _post, built, env, reading  # noqa: F401

# ---------------------------------------------------------------------------------------------
# 6. Where a sign-in lands: only a path on this site


def _sign_in(ds, next_value: str, token: str = TOKEN):
    form = _get(ds, "/-/hmicfrs/login")
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', form.text).group(1)
    return _post(ds, "/-/hmicfrs/login", cookies={"ds_csrftoken": form.cookies["ds_csrftoken"]},
                 data={"csrftoken": csrf, "name": "Ann", "token": token, "next": next_value})


@pytest.mark.parametrize("next_value, location", [
    ("/", "/"),
    ("/hmicfrs/items?x=1", "/hmicfrs/items?x=1"),
    ("/-/hmicfrs/review/r1%2Frec%205%20(a)", "/-/hmicfrs/review/r1%2Frec%205%20(a)"),  # encoded ids stay
    ("/hmicfrs/items?_search=caf%C3%A9#rows", "/hmicfrs/items?_search=caf%C3%A9#rows"),
    ("/hmicfrs/items?_search=café", "/hmicfrs/items?_search=caf%C3%A9"),  # a header holds ASCII only
    ("//evil.example/", "/"),
    ("/\\evil.example/", "/"),
    ("/\t/evil.example/", "/"),  # what the attack run sent, as ?next=/%09/evil.example/
    ("/%09/evil.example/", "/"),  # the same, encoded once more
    ("/%2F%2Fevil.example", "/"),
    ("/%2F/evil.example", "/"),
    ("/%5Cevil.example", "/"),
    ("/ /evil.example", "/"),
    ("/\n/evil.example", "/"),
    ("/\x00/evil.example", "/"),
    ("/\u200b/evil.example", "/"),  # a zero-width space
    (" //evil.example", "/"),
    ("https://evil.example/", "/"),
    ("javascript:alert(1)", "/"),
    ("evil.example", "/"),
    ("", "/"),
])
def test_sign_in_lands_only_on_a_path_of_this_site(reading, next_value, location):
    signed = _sign_in(reading["ds"], next_value)
    assert signed.status_code == 302 and "ds_actor" in signed.cookies
    assert signed.headers["location"] == location


def test_the_sign_in_form_does_not_carry_a_foreign_next(reading):
    ds = reading["ds"]
    assert 'name="next"' not in _get(ds, "/-/hmicfrs/login?next=/%09/evil.example/").text
    assert 'value="/hmicfrs/items"' in _get(ds, "/-/hmicfrs/login?next=/hmicfrs/items").text


# ---------------------------------------------------------------------------------------------
# 7. Token guessing: failed attempts limited per client address and overall


def _from(ds, address: str, method: str, path: str, **kwargs):
    async def call():
        transport = httpx.ASGITransport(app=ds.app(), client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return await client.request(method, path, **kwargs)
    return asyncio.run(call())


def _guess(ds, address: str, token: str = "wrong-token-wrong-token", path: str = "/-/hmicfrs/review/x"):
    return _from(ds, address, "POST", path, json={"action": "accept"}, headers={"Authorization": f"Bearer {token}"})


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bearer_guesses_are_limited_per_client(env, caplog):
    ds = _datasette(env["db_path"])
    caplog.set_level(logging.INFO, logger="hmicfrs")
    assert [_guess(ds, "10.0.0.1", f"guess-number-{n:04d}").status_code for n in range(10)] == [403] * 10
    refused = _guess(ds, "10.0.0.1", "guess-number-0010")
    assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 60
    assert len(refused.text.strip().splitlines()) == 1
    # Past the limit even the right token is refused from that address, so guesses learn nothing;
    # another address under the limit signs in with it, and reading pages needs no token.
    assert _guess(ds, "10.0.0.1", TOKEN, path="/-/hmicfrs/review/no-such-item").status_code == 429
    assert _from(ds, "10.0.0.1", "GET", "/hmicfrs/items").status_code == 200
    assert _from(ds, "10.0.0.2", "POST", f"/-/hmicfrs/review/{env['ids']['1']}", json={"action": "accept"},
                 headers=BEARER).status_code == 200
    # One line per failure, naming the address and never the token guessed.
    failures = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(failures) == 10 and all("10.0.0.1" in line and "\n" not in line for line in failures)
    assert not any("guess-number" in r.getMessage() or TOKEN in r.getMessage() for r in caplog.records)


def test_throttling_ends_after_the_window_without_sleeping(env):
    from pipeline.serve.guard import FailureLimiter

    ds = _datasette(env["db_path"])
    clock = Clock()
    ds.hmicfrs.limiter = FailureLimiter(per_client=2, overall=5, window=60, clock=clock)
    assert [_guess(ds, "10.0.0.1").status_code for _ in range(3)] == [403, 403, 429]
    clock.now += 59
    assert _guess(ds, "10.0.0.1").headers["retry-after"] == "1"
    clock.now += 1
    assert _guess(ds, "10.0.0.1", TOKEN, path=f"/-/hmicfrs/review/{env['ids']['1']}").status_code == 200
    # Many addresses under their own limit still meet the overall cap, right token or not.
    assert [_guess(ds, f"10.0.1.{n}").status_code for n in range(5)] == [403] * 5
    assert _guess(ds, "10.0.2.1", TOKEN, path=f"/-/hmicfrs/review/{env['ids']['1']}").status_code == 429


def test_sign_in_guesses_are_limited_per_client(env, monkeypatch):
    ds = _datasette(env["db_path"])
    delays = []

    async def sleep(seconds):
        delays.append(seconds)

    monkeypatch.setattr(plugin.shipped, "asyncio", SimpleNamespace(sleep=sleep, to_thread=asyncio.to_thread))
    codes = [_sign_in(ds, "/", token=f"guess-number-{n:04d}").status_code for n in range(11)]
    assert codes == [403] * 10 + [429]
    assert delays == [plugin.shipped.FAILED_SIGN_IN_DELAY] * 10 and delays[0] > 0  # each wrong token waits; the refusal does not
    assert "ds_actor" not in _sign_in(ds, "/").cookies


# ---------------------------------------------------------------------------------------------
# 8. Bad requests: 4xx and one line, never a 500 with a traceback


@pytest.mark.parametrize("headers, body", [
    ({"Content-Type": "multipart/form-data; boundary=x", "Cookie": "ds_csrftoken=a"},
     b'--x\r\nContent-Disposition: form-data; name="csrftoken"\r\n\r\na\r\n--x--\r\n'),
    ({"Content-Type": "multipart/form-data; boundary=x"}, b"--x--\r\n"),
    ({"Content-Type": "multipart/form-data", "Cookie": "a=b"}, b"no boundary"),
    ({"Content-Type": "application/x-www-form-urlencoded", "Cookie": "a=b"}, b"csrftoken=\xff"),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"token=\xff\xfe"),
])
@pytest.mark.parametrize("path", ["/-/hmicfrs/login", "/hmicfrs/accept_item", "/-/hmicfrs/review/x"])
def test_undecodable_or_multipart_posts_from_anyone_are_refused(reading, headers, body, path):
    ds = reading["ds"]
    response = _post(ds, path, content=body, headers=headers)
    assert response.status_code in (400, 415), response.text
    assert len(response.text.strip().splitlines()) == 1 and "Traceback" not in response.text


@pytest.mark.parametrize("body", [
    b"{bad", b"", b"[]", b'"accept"', b"null", b"\xff\xfe", b"[" * 100000,
    b'{"action": ["accept"]}', b'{"action": "accept", "note": 5}', b'{"action": "correct", "field": {}}',
])
def test_malformed_json_from_a_reviewer_is_a_400(reading, body):
    ds = reading["ds"]
    response = _post(ds, f"/-/hmicfrs/review/{reading['ids']['1']}", content=body,
                     headers={**BEARER, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert len(response.text.strip().splitlines()) == 1 and "Traceback" not in response.text


@pytest.mark.parametrize("body, status", [
    (b'{"action": "accept"}', "accepted"),
    (b'{"action": "accept", "note": null, "extra": [1, 2]}', "accepted"),  # unknown keys ignored
    (b'{"action": "correct", "field": "text", "value": "Fixed.", "note": "typo"}', "corrected"),
])
def test_well_formed_json_still_records_the_decision(env, body, status):
    ds = _datasette(env["db_path"])
    response = _post(ds, f"/-/hmicfrs/review/{env['ids']['1']}", content=body,
                     headers={**BEARER, "Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 200 and response.json()["item"]["review_status"] == status


# ---------------------------------------------------------------------------------------------
# 9. The calendar feed's links: this server's address, never the request's Host header


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example"},
    {"Host": "evil.example:8001", "X-Forwarded-Host": "evil.example"},
    {"Host": "127.0.0.1:8001@evil.example"},
])
def test_the_calendar_feed_ignores_the_host_header(reading, headers):
    ds = reading["ds"]
    feed = _get(ds, "/-/hmicfrs/calendar.ics", headers=headers)
    assert feed.status_code == 200 and feed.text.count("BEGIN:VEVENT") == 3
    assert "evil" not in feed.text
    assert f"URL:http://localhost/-/hmicfrs/pdf/{reading['report_id']}.pdf#page=2" in feed.text.replace("\r\n ", "")


def test_the_calendar_feed_uses_the_configured_public_address(reading):
    from pipeline.serve import app as serve

    ds = serve.build_datasette(reading["db_path"], public_url="https://hmicfrs.example.org/")
    feed = _get(ds, "/-/hmicfrs/calendar.ics", headers={"Host": "evil.example"}).text.replace("\r\n ", "")
    assert "evil" not in feed
    assert f"URL:https://hmicfrs.example.org/-/hmicfrs/pdf/{reading['report_id']}.pdf#page=2" in feed


# ---------------------------------------------------------------------------------------------
# The same requests over a socket, to the server `hmicfrs serve` runs (uvicorn)


@pytest.fixture
def live(env):
    import socket
    import threading

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_datasette(env["db_path"]).app(), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _raw(port: int, method: str, path: str, headers: dict, body: bytes = b""):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in {"Host": "evil.example", **headers, "Content-Length": str(len(body))}.items():
        connection.putheader(name, value)
    connection.endheaders(body)
    response = connection.getresponse()
    result = (response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace"))
    connection.close()
    return result


def test_what_the_attack_run_sent_over_a_socket(env, live):
    status, _, feed = _raw(live, "GET", "/-/hmicfrs/calendar.ics", {})
    assert status == 200 and "evil" not in feed
    assert f"URL:http://127.0.0.1:{live}/-/hmicfrs/pdf/{env['report_id']}.pdf#page=2" in feed.replace("\r\n ", "")
    status, _, text = _raw(live, "POST", "/-/hmicfrs/login", {
        "Content-Type": "multipart/form-data; boundary=x", "Cookie": "ds_csrftoken=a"}, b"--x--\r\n")
    assert status == 415 and len(text.strip().splitlines()) == 1
    status, _, text = _raw(live, "POST", f"/-/hmicfrs/review/{env['ids']['1']}",
                           {**BEARER, "Content-Type": "application/json"}, b"{bad")
    assert status == 400 and "not valid JSON" in text
    wrong = {"Authorization": "Bearer wrong-token-wrong-token", "Content-Type": "application/json"}
    statuses = [_raw(live, "POST", "/-/hmicfrs/review/x", wrong, b'{"action": "accept"}')[0] for _ in range(11)]
    assert statuses == [403] * 10 + [429]


@pytest.mark.parametrize("path", ["/-/hmicfrs/login", "/-/hmicfrs/review/x"])
@pytest.mark.parametrize("headers, body, status", [
    ({"Content-Type": "text/plain"}, b"token=\xff", 400),
    ({}, b"\xff", 400),
    ({"Content-Type": "application/json"}, b"\xff\xfe{}", 400),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"x" * (1024 * 1024 + 1), 413),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"token=%FF", 403),  # percent-encoded: decodes
])
def test_any_body_that_is_not_utf8_is_refused(reading, headers, body, status, path, monkeypatch):
    # The module's one Datasette counts the two wrong tokens (the 403 rows) of this test, well
    # under a client's limit; their wait is test_sign_in_guesses_are_limited_per_client's subject.
    monkeypatch.setattr(plugin.shipped, "FAILED_SIGN_IN_DELAY", 0)
    ds = reading["ds"]
    response = _post(ds, path, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert "Traceback" not in response.text
