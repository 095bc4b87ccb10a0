"""End to end in headless Chromium: `hmicfrs serve` in a subprocess, a browser that searches the
items page, follows an item's PDF link, and renders screenshots.

Chromium is driven through chromedriver's WebDriver HTTP API with plain urllib (no Selenium, no
browser download). Where only Debian's `chromium` is installed, the same path is walked with its
`--dump-dom` and `--screenshot` switches. Skips cleanly when there is no Chromium at all.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import pytest

from test_serve import build_database

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
PNG = b"\x89PNG\r\n\x1a\n"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
REVIEWER_TOKEN = "browser-test-token-123456"
BROWSER_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--no-first-run"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url}: the process exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("browser")
    db_path, pdf = build_database(directory)
    port = _free_port()
    hmicfrs = Path(sys.executable).with_name("hmicfrs")
    command = [str(hmicfrs)] if hmicfrs.exists() else [sys.executable, "-m", "pipeline"]
    log = open(directory / "serve.log", "wb")
    process = subprocess.Popen(
        [*command, "serve", "--db", str(db_path), "--port", str(port), "--host", "127.0.0.1"],
        stdout=log, stderr=subprocess.STDOUT, cwd=directory,
        env={**os.environ, "HMICFRS_REVIEWER_TOKEN": REVIEWER_TOKEN},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/-/versions.json", process)
        yield {"base": base, "pdf": pdf, "db": db_path, "command": command, "log": directory / "serve.log"}
    finally:
        _stop(process)
        log.close()


class WebDriver:
    """Just enough of the W3C WebDriver protocol for this test."""

    def __init__(self, url: str):
        self.url = url
        caps = {"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": BROWSER_ARGS}}
        self.session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})["sessionId"]

    def _call(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["value"]

    def do(self, method: str, path: str, body: dict | None = None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def find(self, css: str) -> list[str]:
        return [e[ELEMENT] for e in self.do("POST", "/elements", {"using": "css selector", "value": css})]

    def quit(self) -> None:
        try:
            self.do("DELETE", "")
        except (urllib.error.URLError, OSError):
            pass


@pytest.fixture
def driver(tmp_path):
    if CHROMEDRIVER is None:
        pytest.skip("chromedriver is not installed (apt-get install chromium-driver)")
    port = _free_port()
    process = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/status", process, seconds=30)
        browser = WebDriver(f"http://127.0.0.1:{port}")
        try:
            yield browser
        finally:
            browser.quit()
    finally:
        _stop(process)


def _wait_until(check, seconds: float = 20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting in the browser")


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_search_then_follow_an_item_to_its_pdf_page(server, driver, tmp_path):
    base = server["base"]
    driver.do("POST", "/url", {"url": f"{base}/hmicfrs/item_details"})
    box = _wait_until(lambda: driver.find("input#_search"))[0]
    driver.do("POST", f"/element/{box}/value", {"text": "chief constables\ue007"})  # \ue007: Enter
    # The item view's search box opens the search page (best matches first, words marked).
    _wait_until(lambda: "/-/hmicfrs/search?q=chief+constables" in driver.do("GET", "/url"))
    rows = driver.do("POST", "/execute/sync", {
        "script": "return document.querySelector('.hm-search-results tbody').innerText", "args": []})
    assert "chief constables should make sure their officers are trained" in rows
    assert "College of Policing" not in rows  # only the matching row
    source = driver.do("GET", "/source")
    assert "<mark>chief</mark>" in source
    assert "&lt;script&gt;" not in source  # the other item (with PDF text "<script>") is filtered out
    (tmp_path / "search.png").write_bytes(base64.b64decode(driver.do("GET", "/screenshot")))
    links = driver.find("a[href*='/-/hmicfrs/pdf/']")
    assert len(links) == 1
    href = driver.do("GET", f"/element/{links[0]}/property/href")
    assert re.search(r"/-/hmicfrs/pdf/[0-9a-f]+\.pdf#page=2$", href)
    driver.do("POST", f"/element/{links[0]}/click", {})
    _wait_until(lambda: driver.do("GET", "/url").endswith(".pdf#page=2"))
    time.sleep(1)  # let the PDF viewer paint
    shot = base64.b64decode(driver.do("GET", "/screenshot"))
    (tmp_path / "pdf.png").write_bytes(shot)
    assert shot.startswith(PNG) and len(shot) > 1000
    assert _fetch(href.split("#")[0]) == server["pdf"].read_bytes()
    assert (tmp_path / "search.png").read_bytes().startswith(PNG)


def test_escaped_text_and_read_only_review_page_in_the_browser(server, driver):
    driver.do("POST", "/url", {"url": f"{server['base']}/hmicfrs/item_details?_search=College"})
    _wait_until(lambda: driver.find("table.rows-and-columns"))
    # The PDF's "<script>" is shown as text: no script element came from it, and the text is visible.
    injected = "return Array.from(document.scripts).some(s => s.text.includes('alert(1)'))"
    assert driver.do("POST", "/execute/sync", {"script": injected, "args": []}) is False
    cells = driver.do("POST", "/execute/sync", {
        "script": "return Array.from(document.querySelectorAll('td')).map(td => td.innerText).join(' ')", "args": []})
    assert "<script>alert(1)</script>" in cells
    review = driver.find("a[href*='/-/hmicfrs/review/']")[0]
    driver.do("POST", f"/element/{review}/click", {})
    _wait_until(lambda: "/-/hmicfrs/review/" in driver.do("GET", "/url"))
    page = driver.do("GET", "/source")
    assert "Sign in as a reviewer" in page and 'value="accept"' not in page


def test_a_reviewer_signs_in_and_accepts_an_item(server, driver):
    base = server["base"]
    driver.do("POST", "/url", {"url": f"{base}/-/hmicfrs/login"})
    name, token = _wait_until(lambda: driver.find("input#name") + driver.find("input#token"))
    driver.do("POST", f"/element/{name}/value", {"text": "Browser Reviewer"})
    driver.do("POST", f"/element/{token}/value", {"text": REVIEWER_TOKEN + "\ue007"})
    _wait_until(lambda: not driver.do("GET", "/url").endswith("/login"))
    driver.do("POST", "/url", {"url": f"{base}/hmicfrs/item_details?_search=funding"})
    link = _wait_until(lambda: driver.find("a[href*='/-/hmicfrs/review/']"))[0]
    driver.do("POST", f"/element/{link}/click", {})
    accept = _wait_until(lambda: driver.find("input[type=submit][value=Accept]"))[0]
    driver.do("POST", f"/element/{accept}/click", {})
    _wait_until(lambda: "(accepted)" in driver.do("GET", "/source"))
    exported = subprocess.run([*server["command"], "export", "--db", str(server["db"])],
                              capture_output=True, text=True, timeout=120)
    items = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [i["review_status"] for i in items if "funding" in i["text"]] == ["accepted"]
    log = server["log"].read_text()
    assert "POST /-/hmicfrs/login" in log and REVIEWER_TOKEN not in log  # never logged


def test_with_the_chromium_command_line(server, tmp_path):
    """The same walk with `chromium --dump-dom` and `--screenshot` (what CI has without chromedriver)."""
    base = server["base"]
    dom = _chromium(["--dump-dom", f"{base}/hmicfrs/item_details?_search=chief+constables"], tmp_path)
    assert "chief constables should make sure" in re.sub(r"<[^>]+>", "", dom)  # the words are marked
    hrefs = re.findall(r'href="(/-/hmicfrs/pdf/[^"]+)"', dom)
    assert len(hrefs) == 1 and hrefs[0].endswith("#page=2")
    target = base + unescape(hrefs[0])
    assert _fetch(target.split("#")[0]).startswith(b"%PDF")
    for name, url in (("items.png", f"{base}/hmicfrs/item_details?_search=chief+constables"), ("pdf.png", target)):
        shot = tmp_path / name
        _chromium([f"--screenshot={shot}", url], tmp_path)
        assert shot.read_bytes().startswith(PNG) and shot.stat().st_size > 1000


def _chromium(args: list[str], tmp_path: Path) -> str:
    profile = tmp_path / "profile"
    result = subprocess.run(
        [CHROMIUM, *BROWSER_ARGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args],
        capture_output=True, timeout=120, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout
