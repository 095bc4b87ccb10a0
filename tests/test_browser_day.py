"""A working day in headless Chromium at 1366x768 (issue 15): the landing page, the item view,
an item page, the review queue and the chart page, screenshotted; a reviewer accepts, corrects
the text and tracks items from the browser alone, and `hmicfrs export` shows each change.

The database is the four sample reports in corpus/ (36 items), ingested with the real command.
Screenshots go to a temporary folder; with HMICFRS_SCREENSHOTS=1 they replace the ones in
docs/screenshots/ that the README shows. Chromium is driven as in test_browser.py.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from test_browser import CHROMEDRIVER, CHROMIUM, PNG, WebDriver, _free_port, _stop, _wait_for, _wait_until

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TOKEN = "browser-day-token-123456"
WIDTH, HEIGHT = 1366, 768

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
              pytest.mark.skipif(CHROMEDRIVER is None, reason="chromedriver is not installed (apt-get install chromium-driver)"),
              pytest.mark.skipif(not list(CORPUS.glob("*.pdf")), reason="corpus/ holds no sample PDFs")]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("HMICFRS_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("day")
    db_path = directory / "hmicfrs.db"
    hmicfrs = Path(sys.executable).with_name("hmicfrs")
    command = [str(hmicfrs)] if hmicfrs.exists() else [sys.executable, "-m", "pipeline"]
    ingested = subprocess.run([*command, "ingest", str(CORPUS), "--db", str(db_path), "--workers", "1", "--quiet"],
                              capture_output=True, text=True, timeout=600)
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    port = _free_port()
    log = open(directory / "serve.log", "wb")
    process = subprocess.Popen([*command, "serve", "--db", str(db_path), "--port", str(port), "--host", "127.0.0.1"],
                               stdout=log, stderr=subprocess.STDOUT, cwd=directory,
                               env={**os.environ, "HMICFRS_REVIEWER_TOKEN": TOKEN})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/-/versions.json", process)
        yield {"base": base, "db": db_path, "command": command}
    finally:
        _stop(process)
        log.close()


@pytest.fixture(scope="module")
def browser():
    port = _free_port()
    process = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/status", process, seconds=30)
        driver = WebDriver(f"http://127.0.0.1:{port}")
        driver.do("POST", "/window/rect", {"width": WIDTH, "height": HEIGHT})
        try:
            yield driver
        finally:
            driver.quit()
    finally:
        _stop(process)


def _js(driver, script: str, *args):
    return driver.do("POST", "/execute/sync", {"script": script, "args": list(args)})


def _go(driver, url: str) -> None:
    driver.do("POST", "/url", {"url": url})
    _wait_until(lambda: _js(driver, "return document.readyState") == "complete")


def _shot(driver, folder: Path, name: str) -> None:
    # The viewport itself is 1366 wide; the screenshot is what a person sees without scrolling.
    shot = base64.b64decode(driver.do("GET", "/screenshot"))
    assert shot.startswith(PNG) and len(shot) > 10_000
    (folder / name).write_bytes(shot)


def _click(driver, css: str) -> None:
    element = _wait_until(lambda: driver.find(css))[0]
    driver.do("POST", f"/element/{element}/click", {})


def _sign_in(driver, base: str) -> None:
    _go(driver, f"{base}/-/hmicfrs/login")
    name, token = _wait_until(lambda: driver.find("input#name") + driver.find("input#token"))
    driver.do("POST", f"/element/{name}/value", {"text": "Pat Liaison"})
    driver.do("POST", f"/element/{token}/value", {"text": TOKEN + "\ue007"})
    _wait_until(lambda: not driver.do("GET", "/url").endswith("/login"))


def _export(server) -> dict[str, dict]:
    done = subprocess.run([*server["command"], "export", "--db", str(server["db"])], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return {o["id"]: o for o in map(json.loads, done.stdout.splitlines())}


def test_the_landing_page_starts_with_what_is_due_review_and_ours(server, browser, shots):
    _go(browser, server["base"] + "/")
    headings = _js(browser, "return Array.from(document.querySelectorAll('.hm-landing h2')).map(h => h.innerText)")
    assert headings == ["What is due", "What needs review", "Our items"]
    assert _js(browser, "return document.documentElement.scrollWidth <= window.innerWidth")
    _shot(browser, shots, "landing.png")


# A row counts only when it lies wholly inside the first screen (no scrolling either way) and its
# text, deadline, due date, both statuses and both links are visible in it.
ROWS_IN_VIEW = """
const width = window.innerWidth, height = window.innerHeight;
const inside = el => {
  if (!el || el.offsetParent === null) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= width && r.top >= 0 && r.bottom <= height;
};
return Array.from(document.querySelectorAll('table.rows-and-columns tbody tr')).filter(tr =>
  inside(tr) && inside(tr.querySelector('td.col-text')) && tr.querySelector('td.col-text').innerText.trim().length > 20 &&
  inside(tr.querySelector('td.col-due')) && inside(tr.querySelector('td.col-deadline_text')) &&
  inside(tr.querySelector('td.col-review_status')) && inside(tr.querySelector('td.col-track_status')) &&
  inside(tr.querySelector("a[href*='/-/hmicfrs/pdf/']")) && inside(tr.querySelector("a[href*='/-/hmicfrs/review/']"))
).length;
"""


def test_the_item_view_fits_1366_by_768(server, browser, shots):
    _go(browser, server["base"] + "/hmicfrs/item_details")
    assert "_col=text" in browser.do("GET", "/url")  # the compact column set
    size = _js(browser, "return [window.innerWidth, window.innerHeight]")
    assert size[0] <= WIDTH and size[1] <= HEIGHT
    assert _js(browser, "return document.documentElement.scrollWidth <= window.innerWidth")
    rows = _js(browser, ROWS_IN_VIEW)
    print(f"item view at {size[0]}x{size[1]}: {rows} rows wholly in the first screen")
    assert rows >= 8
    names = _js(browser, "return Array.from(document.querySelectorAll('td.col-addressees')).map(td => td.innerText)")
    assert "the force" in names and not any("[" in n for n in names)  # names, not JSON ids
    first = _js(browser, "return document.querySelector('table.rows-and-columns').getBoundingClientRect().top")
    assert first < HEIGHT / 2  # the rows start on the first screen
    _shot(browser, shots, "item_view.png")
    # Every column is one click away.
    _go(browser, server["base"] + "/hmicfrs/item_details?_all_columns=1")
    assert _js(browser, "return document.querySelectorAll('th.col-extracted').length") == 1


def test_a_search_from_the_landing_page(server, browser, shots):
    _go(browser, server["base"] + "/")
    box = _wait_until(lambda: browser.find("form.hm-search input[name=q]"))[0]
    browser.do("POST", f"/element/{box}/value", {"text": "custody\ue007"})
    _wait_until(lambda: "/-/hmicfrs/search?q=custody" in browser.do("GET", "/url"))
    _wait_until(lambda: _js(browser, "return document.readyState") == "complete")
    marks = _js(browser, "return Array.from(document.querySelectorAll('td.hm-snippet mark')).map(m => m.innerText)")
    assert marks and all(m.lower().startswith("custod") for m in marks)
    assert _js(browser, "return document.documentElement.scrollWidth <= window.innerWidth")
    assert _js(browser, IN_FIRST_SCREEN, "td.hm-snippet")
    _shot(browser, shots, "search.png")
    # A count to narrow by, then back to every kind.
    _click(browser, ".hm-search-facets a")
    _wait_until(lambda: "&" in browser.do("GET", "/url"))
    assert "remove" in _js(browser, "return document.querySelector('.hm-search-summary').innerText")


IN_FIRST_SCREEN = """
const r = document.querySelector(arguments[0]).getBoundingClientRect();
return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
"""


def test_a_reviewer_accepts_corrects_and_tracks_in_the_browser(server, browser, shots):
    base = server["base"]
    _sign_in(browser, base)
    _go(browser, f"{base}/-/hmicfrs/queue?queue=pending")
    _shot(browser, shots, "review_queue.png")
    _click(browser, "a.hm-start")
    first = browser.do("GET", "/url")
    assert "/-/hmicfrs/review/" in first and "queue=pending" in first
    first_id = urllib.request.unquote(first.split("/review/")[1].split("?")[0])
    # Two columns at this width: the item's text and the Accept button on the first screen together.
    assert _js(browser, IN_FIRST_SCREEN, ".hm-text") and _js(browser, IN_FIRST_SCREEN, "input[type=submit][value=Accept]")
    assert _js(browser, "return document.querySelector('.hm-item-side').getBoundingClientRect().left"
                        " > document.querySelector('.hm-item-main').getBoundingClientRect().right")
    assert _js(browser, "return document.documentElement.scrollWidth <= window.innerWidth")
    _shot(browser, shots, "item_page.png")
    # Accept: the queue moves to the next pending item.
    _click(browser, "input[type=submit][value=Accept]")
    _wait_until(lambda: browser.do("GET", "/url") != first)
    second = browser.do("GET", "/url")
    assert "queue=pending" in second
    second_id = urllib.request.unquote(second.split("/review/")[1].split("?")[0])
    assert second_id != first_id
    # A correction the rules refuse keeps what was typed; then the text is corrected over two lines.
    _js(browser, "document.querySelector('form.hm-correct select[name=field]').value = 'deadline_date';"
                 "document.querySelector('form.hm-correct input[name=value]').value = '31/12/2025';")
    _click(browser, "form.hm-correct input[type=submit]")
    _wait_until(lambda: browser.find("form.hm-correct .hm-error"))
    assert _js(browser, "return document.querySelector('form.hm-correct input[name=value]').value") == "31/12/2025"
    original = _js(browser, "return document.querySelector('#hm-text-value').value")
    assert len(original) > 20  # pre-filled with the item's text
    _js(browser, "document.querySelector('#hm-text-value').value = arguments[0]", "Corrected in the browser:\n" + original)
    _click(browser, "form.hm-correct-text input[type=submit]")
    _wait_until(lambda: second_id not in urllib.request.unquote(browser.do("GET", "/url")))
    # Track the first item (out of the queue now): status, level, owner, evidence, a revised date.
    _go(browser, f"{base}/-/hmicfrs/review/{urllib.request.quote(first_id, safe='')}")
    _js(browser, """
        const f = document.querySelector('form.hm-track');
        f.status.value = 'in_progress'; f.level.value = '2'; f.owner.value = 'Supt Jones';
        f.evidence.value = 'Action plan agreed'; f.due.value = '2027-03-31'; f.reason.value = 'Board agreed a new date';
    """)
    _click(browser, "form.hm-track input[type=submit]")
    _wait_until(lambda: "in_progress" in _js(browser, "return document.querySelector('.hm-track-status').innerText"))
    exported = _export(server)
    assert exported[first_id]["review_status"] == "accepted"
    assert exported[second_id]["review_status"] == "corrected"
    assert exported[second_id]["text"] == " ".join(("Corrected in the browser: " + original).split())
    assert exported[first_id]["tracking"] == {
        "status": "in_progress", "level": 2, "owner": "Supt Jones", "evidence": "Action plan agreed", "closed_on": None,
        "due_revised": "2027-03-31", "due_reason": "Board agreed a new date"}


def test_the_chart_page(server, browser, shots):
    _go(browser, server["base"] + "/-/hmicfrs/charts")
    assert _js(browser, "return document.title").strip()
    figures = _js(browser, "return Array.from(document.querySelectorAll('.hmicfrs-charts figure svg'))"
                           ".map(s => s.closest('figure').id)")
    assert figures == ["figure-status", "figure-due", "figure-reports", "figure-addressees"]
    assert _js(browser, "return document.documentElement.scrollWidth <= window.innerWidth")
    _shot(browser, shots, "charts.png")
