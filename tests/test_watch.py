"""`hmicfrs watch FEED --once` against a site on 127.0.0.1 (issue 16): every report stored with
where it came from; a second run only asks conditionally and changes nothing; a changed PDF is a
new version; each fault is named and the rest goes on; a run killed mid-download is resumed."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fetch_server import pdf_bytes, publication_page, rss
from loopback import site  # noqa: F401 (site: the fixture)
from pipeline.cli.main import cli

# Fetching is the subject here and ingest the means: each file is parsed in this process (the
# parser process and its limits are test_parallel's and test_robustness's). The slow test below
# runs the command in its own process, parser processes and all.
pytestmark = pytest.mark.usefixtures("parse_in_process")


@pytest.fixture
def published(site, tmp_path):
    """A feed of two entries: a publication page linking two PDFs (and one on another site), and a PDF."""
    pdfs = {name: pdf_bytes(tmp_path, f"Inspection of {name} services") for name in ("custody", "vetting", "fire")}
    for name, body in pdfs.items():
        site.put(f"/files/{name}.pdf", body)
    site.put("/publications/custody-and-vetting", publication_page(
        "Custody and vetting", ["/files/custody.pdf", "../files/vetting.pdf#page=2", "http://example.org/other.pdf",
                                "/about"]))
    site.put("/feed.xml", rss(site, [
        ("entry-1", "Custody and vetting", f"{site.url}/publications/custody-and-vetting"),
        ("entry-2", "Fire", f"{site.url}/files/fire.pdf"),
    ]), "application/rss+xml")
    return pdfs


def watch(tmp_path: Path, *urls: str, extra=()):
    args = ["watch", *urls, "--once", "--db", str(tmp_path / "hmicfrs.db"), "--download-dir",
            str(tmp_path / "downloads"), "--delay", "0", "--workers", "1", "--fetch-timeout", "2",
            "--retries", "1", *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def rows(tmp_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(tmp_path / "hmicfrs.db")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def dump(tmp_path: Path) -> list[str]:
    conn = sqlite3.connect(tmp_path / "hmicfrs.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_watch_once_stores_every_report_with_its_source(site, published, tmp_path):
    result = watch(tmp_path, site.url + "/feed.xml")
    assert result.exit_code == 0, result.output
    new = [line.split("\t") for line in result.stdout.splitlines()]
    assert sorted((status, url) for status, _id, url, _title in new) == [
        ("new", f"{site.url}/files/{name}.pdf") for name in ("custody", "fire", "vetting")]
    page = f"{site.url}/publications/custody-and-vetting"
    assert sorted(rows(tmp_path, "select s.source_url, s.found_on, s.feed_entry, s.page_title, s.page_date, r.file "
                                 "from report_sources s join reports r on r.id = s.report_id")) == [
        (f"{site.url}/files/custody.pdf", page, "entry-1", "Custody and vetting", "2023-03-08", "custody.pdf"),
        (f"{site.url}/files/fire.pdf", None, "entry-2", "Fire", "Wed, 08 Mar 2023 09:00:00 GMT", "fire.pdf"),
        (f"{site.url}/files/vetting.pdf", page, "entry-1", "Custody and vetting", "2023-03-08", "vetting.pdf"),
    ]
    assert all(row[0] for row in rows(tmp_path, "select fetched_at from report_sources"))
    assert sorted(p.name for p in (tmp_path / "downloads").iterdir()) == ["custody.pdf", "fire.pdf", "vetting.pdf"]
    assert (tmp_path / "downloads" / "fire.pdf").read_bytes() == published["fire"]
    # manners: who we are, robots.txt read first, nothing off the site
    assert site.log[0].path == "/robots.txt"
    assert all(r.user_agent.startswith("hmicfrs-pipeline/") for r in site.log)
    assert "/about" not in [r.path for r in site.log]
    assert rows(tmp_path, "select count(*) from feed_entries where in_feed = 1") == [(2,)]


def test_a_second_run_asks_only_conditionally_and_changes_no_row(site, published, tmp_path):
    assert watch(tmp_path, site.url + "/feed.xml").exit_code == 0
    before = dump(tmp_path)
    site.log.clear()
    result = watch(tmp_path, site.url + "/feed.xml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    asked = site.requests()  # robots.txt is read once a run, like any crawler, and is not a download
    assert {r.path for r in asked} == {"/feed.xml", "/publications/custody-and-vetting", "/files/custody.pdf",
                                       "/files/vetting.pdf", "/files/fire.pdf"}
    assert all(r.conditional and r.status == 304 for r in asked), asked
    assert dump(tmp_path) == before


def test_a_changed_pdf_at_the_same_url_is_a_new_version(site, published, tmp_path):
    assert watch(tmp_path, site.url + "/feed.xml").exit_code == 0
    old_id = rows(tmp_path, "select report_id from report_sources where source_url like '%/fire.pdf'")[0][0]
    site.put("/files/fire.pdf", pdf_bytes(tmp_path, "Inspection of fire services, revised edition"))
    result = watch(tmp_path, site.url + "/feed.xml")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    status, new_id, url, _title = line.split("\t")
    assert (status, url) == ("changed", f"{site.url}/files/fire.pdf") and new_id != old_id
    assert sorted(rows(tmp_path, "select report_id, previous_report_id from report_sources "
                                 "where source_url like '%/fire.pdf'")) == sorted([(old_id, None), (new_id, old_id)])
    assert rows(tmp_path, "select count(*) from reports") == [(4,)]
    names = sorted(p.name for p in (tmp_path / "downloads").iterdir())
    assert len(names) == 4 and "fire.pdf" in names and any(n.startswith("fire-") for n in names)


# The client gives up on a silent server after this long; the slow route answers well after it.
# Short, as each run waits it out twice (a try and a retry), yet a hundred times a loopback answer.
FETCH_TIMEOUT = "0.3"

FAULTS = [
    # (path, route, what the failure line says)
    ("/files/broken.pdf", dict(body=b"oops", status=500), "HTTP 500"),
    ("/files/slow.pdf", dict(body=b"%PDF-1.4 late", sleep=1.0), "timed out"),
    ("/files/impostor.pdf", dict(body=b"<!DOCTYPE html><html>Sign in</html>", content_type="text/html"), "not a PDF"),
    ("/files/huge.pdf", dict(body=b"%PDF-1.4\n" + b"0" * 300_000), "limit"),
    ("/private/secret.pdf", dict(body=b"%PDF-1.4 secret"), "robots.txt"),
    ("/files/gone.pdf", None, "HTTP 404"),
]


def test_each_fault_is_named_and_the_run_goes_on(site, published, tmp_path):
    for path, route, _ in FAULTS:
        if route:
            site.put(path, route.pop("body"), **route)
    items = [("entry-1", "Custody and vetting", f"{site.url}/publications/custody-and-vetting")]
    items += [(f"bad-{n}", path, site.url + path) for n, (path, _, _) in enumerate(FAULTS)]
    items += [("entry-2", "Fire", f"{site.url}/files/fire.pdf")]
    site.put("/feed.xml", rss(site, items), "application/rss+xml")
    result = watch(tmp_path, site.url + "/feed.xml", extra=["--max-size", "0.1", "--fetch-timeout", FETCH_TIMEOUT])
    assert result.exit_code == 1
    failed = {line.split(": ")[1]: line for line in result.stderr.splitlines() if line.startswith("  failed: ")}
    for path, _, reason in FAULTS:
        assert reason in failed.pop(site.url + path)
    assert failed == {}
    assert rows(tmp_path, "select count(*) from report_sources") == [(3,)]  # the good ones, before and after
    assert "/private/secret.pdf" not in [r.path for r in site.log]
    assert sorted(p.name for p in (tmp_path / "downloads").iterdir()) == ["custody.pdf", "fire.pdf", "vetting.pdf"]
    # tried again next run, and stored once the server mends it (the slow one too: the second run
    # then waits out no time-out, and the other faults still fail it)
    site.log.clear()
    site.put("/files/broken.pdf", pdf_bytes(tmp_path, "Inspection of broken services"))
    site.put("/files/slow.pdf", pdf_bytes(tmp_path, "Inspection of slow services"))
    result = watch(tmp_path, site.url + "/feed.xml", extra=["--max-size", "0.1", "--fetch-timeout", FETCH_TIMEOUT])
    assert result.exit_code == 1
    assert "new\t" in result.stdout and "/files/broken.pdf" in result.stdout
    assert sorted(line.split("\t")[2] for line in result.stdout.splitlines()) == [
        f"{site.url}/files/broken.pdf", f"{site.url}/files/slow.pdf"]
    assert "timed out" not in result.stderr
    again = [r for r in site.requests() if r.path == "/files/impostor.pdf"]
    assert again and not again[0].conditional


def test_a_feed_that_fails_is_named_and_the_others_are_read(site, published, tmp_path):
    site.put("/notes.txt", b"plain words, no feed", "text/plain")
    result = watch(tmp_path, site.url + "/missing.xml", site.url + "/notes.txt", site.url + "/feed.xml")
    assert result.exit_code == 1
    assert f"failed: {site.url}/missing.xml: HTTP 404" in result.stderr
    assert f"failed: {site.url}/notes.txt: not an RSS or Atom feed" in result.stderr
    assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize("args, message", [
    (["--once", "--every", "6h"], "exclude each other"),
    (["--every", "soon"], "not a duration"),
    (["--every", "0m"], "not a duration"),
])
def test_watch_usage_errors(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:9/feed.xml", "--db", str(tmp_path / "h.db"), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_path_is_no_feed(tmp_path):
    result = CliRunner().invoke(cli, ["watch", "feed.xml", "--db", str(tmp_path / "h.db")])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output


def test_provenance_is_exported_and_shown_in_datasette(site, published, tmp_path):
    import asyncio

    from pipeline.serve import app as serve

    local = tmp_path / "local.pdf"
    local.write_bytes(pdf_bytes(tmp_path, "Inspection of local services"))
    assert CliRunner().invoke(cli, ["ingest", str(local), "--db", str(tmp_path / "hmicfrs.db"),
                                    "--workers", "1"]).exit_code == 0
    assert watch(tmp_path, site.url + "/feed.xml").exit_code == 0
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "hmicfrs.db"), "--format", "jsonl"])
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    fetched = [o for o in objects if o["report"]["file"] != "local.pdf"]
    assert fetched and all(len(o["report"]["sources"]) == 1 for o in fetched)
    assert all("sources" not in o["report"] for o in objects if o["report"]["file"] == "local.pdf")
    assert len(fetched) < len(objects)
    fire = next(o for o in objects if o["report"]["file"] == "fire.pdf")
    assert fire["report"]["sources"][0]["url"] == f"{site.url}/files/fire.pdf"
    assert set(fire["report"]["sources"][0]) == {"url", "found_on", "feed_entry", "fetched_at", "page_title",
                                                 "page_date", "previous_report_id"}
    ds = serve.build_datasette(tmp_path / "hmicfrs.db", reviewer_token="t" * 32)
    page = asyncio.run(ds.client.get("/hmicfrs/report_sources.json?_shape=array"))
    assert page.status_code == 200 and len(page.json()) == 3


@pytest.mark.slow
def test_killed_mid_download_leaves_no_partial_file_and_resumes(site, published, tmp_path):
    site.put("/files/fire.pdf", published["fire"] + b"\n%" + b"x" * 200_000 + b"\n", stall=True)
    command = [sys.executable, "-m", "pipeline", "watch", site.url + "/feed.xml", "--once",
               "--db", str(tmp_path / "hmicfrs.db"), "--download-dir", str(tmp_path / "downloads"),
               "--delay", "0", "--workers", "1", "--fetch-timeout", "60"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert site.stalled.wait(60), "the download never started"
        deadline = time.monotonic() + 30
        while not any(p.name.endswith(".part") for p in (tmp_path / "downloads").iterdir()):
            assert time.monotonic() < deadline, "no part file while the body was half sent"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    site.put("/files/fire.pdf", published["fire"])  # the server mends; the same URL now answers whole
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "downloads").iterdir())
    assert files == ["custody.pdf", "fire.pdf", "vetting.pdf"]
    assert (tmp_path / "downloads" / "fire.pdf").read_bytes() == published["fire"]
    assert rows(tmp_path, "select count(*) from reports") == [(3,)]
    assert rows(tmp_path, "select count(*) from report_sources") == [(3,)]
