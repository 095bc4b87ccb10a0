"""`hmicfrs serve --workers N`: several processes serve one site. What one process made (a
reviewer's sign-in, a canned query's grant, a decision's outcome) must hold in the others, the
reviewer token must not travel to them, and together they allow no more wrong tokens than one."""
from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli
from pipeline.review import decisions as review
from pipeline.serve import workers
from pipeline.serve.guard import FailureLimiter
from test_serve import TOKEN, _get, _post, built, env, reading  # noqa: F401


def _csrf(response) -> str:
    return re.search(r'name="csrftoken" value="([^"]+)"', response.text).group(1)


def _launch(db_path, count=2, token=TOKEN, **kwargs) -> workers.Launch:
    return workers.Launch.make(db_path, token, kwargs.get("pdf_dirs", ()), kwargs.get("public_url"), count)


def test_the_launch_travels_without_the_token(reading, tmp_path):
    launch = _launch(reading["db_path"], pdf_dirs=[tmp_path], public_url="https://hmicfrs.example.org/")
    text = launch.to_json()
    assert TOKEN not in text
    again = workers.Launch.from_json(text)
    assert again == launch
    assert again.db_path == str(Path(reading["db_path"]).resolve()) and again.pdf_dirs == (str(tmp_path.resolve()),)
    assert again.public_url == "https://hmicfrs.example.org"
    secret = again.datasette().hmicfrs.secret
    assert secret.matches(TOKEN) and not secret.matches(TOKEN + "x") and not secret.matches("")


@pytest.mark.parametrize("processes, per_client, overall", [(1, 10, 100), (2, 5, 50), (3, 3, 33), (64, 1, 1)])
def test_the_failed_token_limits_are_shared_out(processes, per_client, overall):
    limiter = FailureLimiter.shared_by(processes)
    assert (limiter.per_client, limiter.overall) == (per_client, overall)


def test_a_sign_in_and_a_decision_hold_across_processes(env):
    """Two processes built from one launch: signed in through one, decide through it, and the other
    knows the reviewer and shows the decision's outcome (as a browser's next request may reach it)."""
    launch = _launch(env["db_path"])
    first, second = launch.datasette(), launch.datasette()
    form = _get(first, "/-/hmicfrs/login")
    cookies = {"ds_csrftoken": form.cookies["ds_csrftoken"]}
    signed = _post(first, "/-/hmicfrs/login", cookies=cookies,
                   data={"csrftoken": _csrf(form), "name": "Ann Reviewer", "token": TOKEN})
    assert signed.status_code == 302
    cookies["ds_actor"] = signed.cookies["ds_actor"]
    item = env["ids"]["2"]
    assert "Ann Reviewer" in _get(second, f"/-/hmicfrs/review/{item}", cookies=cookies).text
    query = _get(second, f"/hmicfrs/reject_item?item_id={item}", cookies=cookies)  # its CSRF token, used on the first
    posted = _post(first, "/hmicfrs/reject_item", cookies=cookies,
                   data={"csrftoken": _csrf(query), "item_id": item, "note": "a duplicate"})
    assert posted.status_code == 302 and posted.headers["location"] == "/-/hmicfrs/decision"
    assert review.find_item(env["db"], item)["review_status"] == "rejected"
    landed = _get(second, "/-/hmicfrs/decision", cookies=cookies)
    assert landed.status_code == 302 and landed.headers["location"] == f"/-/hmicfrs/review/{item}"
    # Shown once: a reload of the landing page goes home instead of repeating it.
    assert _get(first, "/-/hmicfrs/decision", cookies=cookies).headers["location"] == "/"


def test_a_process_of_another_launch_does_not_know_the_reviewer(reading):
    first, other = _launch(reading["db_path"]).datasette(), _launch(reading["db_path"]).datasette()
    form = _get(first, "/-/hmicfrs/login")
    cookies = {"ds_csrftoken": form.cookies["ds_csrftoken"]}
    signed = _post(first, "/-/hmicfrs/login", cookies=cookies, data={"csrftoken": _csrf(form), "name": "Ann", "token": TOKEN})
    cookies["ds_actor"] = signed.cookies["ds_actor"]
    page = _get(other, f"/-/hmicfrs/review/{reading['ids']['1']}", cookies=cookies)
    assert page.status_code == 200 and 'value="accept"' not in page.text


def test_the_default_is_one_process_a_core_up_to_four():
    assert 1 <= workers.default_workers() <= workers.MAX_DEFAULT_WORKERS


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_a_bad_process_count_is_a_usage_error(reading, value):
    result = CliRunner().invoke(cli, ["serve", "--db", str(reading["db_path"]), "--workers", value])
    assert result.exit_code == 2 and "--workers" in result.output


def test_the_factory_needs_its_launch(monkeypatch):
    monkeypatch.delenv(workers.LAUNCH_ENV, raising=False)
    with pytest.raises(workers.ServeError, match=workers.LAUNCH_ENV):
        workers.app_from_environment()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                found.append(int(stat.parent.name))
        except (OSError, IndexError):
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts the server's processes through /proc")
def test_serve_with_two_processes_answers_and_stops(env):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", str(env["db_path"]), "--port", str(port),
                               "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, answered = time.monotonic() + 90, None
        while time.monotonic() < deadline and answered is None:
            try:
                answered = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
            except httpx.HTTPError:
                time.sleep(0.3)
        assert answered is not None and answered.status_code == 200
        pages = [httpx.get(f"http://127.0.0.1:{port}/hmicfrs/item_details", follow_redirects=True, timeout=30)
                 for _ in range(4)]
        assert all(p.status_code == 200 and "rows-and-columns" in p.text for p in pages)
        spawned = [pid for pid in _children(server.pid)
                   if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
        assert len(spawned) == 2
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        finally:
            server.kill()
    assert server.returncode is not None
    assert b"Traceback" not in server.stderr.read()


def _nodelay_of_accepted(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection asyncio accepts on `listener` (what each server process does)."""
    import asyncio

    found = []

    async def main():
        async def accepted(reader, writer):
            found.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=listener)
        _reader, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        while not found:
            await asyncio.sleep(0.01)
        writer.close()
        server.close()

    asyncio.run(main())
    return found[0]


def test_the_shared_listening_socket_keeps_nagle_off():
    """uvicorn binds the processes' socket with proto 0; asyncio then leaves Nagle's algorithm on
    for every connection and each small kept-alive response waits for a delayed ACK (~44 ms)."""
    import uvicorn

    config = uvicorn.Config("x:y", host="127.0.0.1", port=0)
    bound = config.bind_socket()
    address = bound.getsockname()
    listener = workers.as_tcp(bound)
    assert listener.proto == socket.IPPROTO_TCP and listener.getsockname() == address and listener.get_inheritable()
    assert _nodelay_of_accepted(listener) != 0
    plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # near miss: the same without the fix
    plain.bind(("127.0.0.1", 0))
    assert _nodelay_of_accepted(plain) == 0
