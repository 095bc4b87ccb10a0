"""Fetching (issue 16): publication pages read for same-site PDF links, feeds, file names from
URLs, durations, the polite client's retries and pauses, and `hmicfrs ingest URL...`."""
from __future__ import annotations

import sqlite3
import time

import pytest
from click.testing import CliRunner

from fetch_server import pdf_bytes, publication_page
from loopback import FakeClock, site  # noqa: F401 (site: the fixture)
from pipeline.cli.main import cli
from pipeline.errors import FetchError, HttpStatus, RobotsDisallowed
from pipeline.fetch import Client, Manners, parse_duration
from pipeline.fetch.feed import read_feed
from pipeline.fetch.fetcher import _name_for
from pipeline.fetch.pages import read_page

PAGE = "https://www.example.gov.uk/publications/custody/"


@pytest.mark.parametrize("href, followed", [
    ("/files/report.pdf", "https://www.example.gov.uk/files/report.pdf"),
    ("report.PDF", "https://www.example.gov.uk/publications/custody/report.PDF"),
    ("../annex.pdf#page=3", "https://www.example.gov.uk/publications/annex.pdf"),
    ("https://example.gov.uk/files/no-www.pdf", "https://example.gov.uk/files/no-www.pdf"),
    ("/download?id=7\" type=\"application/pdf", "https://www.example.gov.uk/download?id=7"),
    # near misses: another site, not a PDF, not http
    ("https://evil.example.org/files/report.pdf", None),
    ("https://example.gov.uk.evil.org/report.pdf", None),
    ("/publications/other-page/", None),
    ("/files/report.pdf.html", None),
    ("mailto:someone@example.gov.uk?subject=x.pdf", None),
])
def test_page_links(href, followed):
    page = read_page(PAGE, f'<html><body><a href="{href}">the report</a></body></html>')
    assert page.pdf_links == ((followed,) if followed else ())


@pytest.mark.parametrize("html, title, published", [
    ('<title>Custody - HMICFRS</title><h1>An inspection of custody</h1><time datetime="2024-05-02">2 May</time>',
     "An inspection of custody", "2024-05-02"),
    ('<meta property="og:title" content="Vetting"><meta name="DC.date" content="2022-11-02"><h1>Other</h1>',
     "Vetting", "2022-11-02"),
    ("<title>  Only   a title </title>", "Only a title", None),
    ("<p>nothing</p>", None, None),
])
def test_page_hints(html, title, published):
    hints = read_page(PAGE, html).hints
    assert (hints.title, hints.published) == (title, published)


def test_page_links_each_once_in_page_order():
    page = read_page(PAGE, '<a href="/b.pdf">b</a><a href="/a.pdf">a</a><a href="/b.pdf#x">b again</a>')
    assert page.pdf_links == ("https://www.example.gov.uk/b.pdf", "https://www.example.gov.uk/a.pdf")


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Publications</title><id>urn:feed</id>
<updated>2024-05-02T09:00:00Z</updated>
<entry><id>urn:report:1</id><title>Custody</title><updated>2024-05-02T09:00:00Z</updated>
<link rel="alternate" href="https://example.gov.uk/publications/custody/"/>
<link rel="enclosure" type="application/pdf" href="https://example.gov.uk/files/custody.pdf"/></entry>
<entry><title>No id</title><link href="https://example.gov.uk/files/plain.pdf"/></entry>
<entry><title>No link at all</title></entry>
</feed>"""


def test_atom_feed_entries():
    entries = read_feed("https://example.gov.uk/feed", ATOM)
    assert [(e.id, e.link, e.title, e.pdf_links) for e in entries] == [
        ("urn:report:1", "https://example.gov.uk/publications/custody/", "Custody",
         ("https://example.gov.uk/files/custody.pdf",)),
        ("https://example.gov.uk/files/plain.pdf", "https://example.gov.uk/files/plain.pdf", "No id", ()),
    ]


@pytest.mark.parametrize("body", [b"plain words", b"<html><body>a page</body></html>", b""])
def test_not_a_feed(body):
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        read_feed("https://example.gov.uk/feed", body)


@pytest.mark.parametrize("url, name", [
    ("https://example.gov.uk/files/custody-2024.pdf", "custody-2024.pdf"),
    ("https://example.gov.uk/files/Custody%20Report%20(final).PDF", "Custody-Report-final.pdf"),
    ("https://example.gov.uk/files/.hidden.pdf", "hidden.pdf"),
    ("https://example.gov.uk/files/../../etc/passwd", "passwd.pdf"),
])
def test_file_names_from_urls(url, name):
    assert _name_for(url) == name


def test_file_names_from_queries_differ():
    first, second = _name_for("https://x.org/get?id=1"), _name_for("https://x.org/get?id=2")
    assert first != second and first.startswith("get-") and first.endswith(".pdf")


@pytest.mark.parametrize("text, seconds", [
    ("90s", 90), ("30m", 1800), ("6h", 21600), ("1d", 86400), ("1h30m", 5400), ("45", 45), ("6H", 21600),
])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "h", "6x", "six hours", "0m", "-5m", "6h and"])
def test_not_durations(text):
    with pytest.raises(ValueError):
        parse_duration(text)


# -- the client against a loopback site -------------------------------------------------------


def test_retries_a_503_then_gets_the_body(site):
    site.put("/a.txt", b"hello", "text/plain", status=503)
    clock = FakeClock()
    with Client(Manners(delay=1, retries=2, timeout=2), **clock.client_kwargs()) as client:
        with pytest.raises(HttpStatus, match="HTTP 503 .* after 3 tries"):
            client.get(site.url + "/a.txt")
    assert [r.path for r in site.requests()] == ["/a.txt"] * 3
    # the pause after robots.txt, then the retries' waits: delay * 2**n
    assert clock.pauses == [1, 1, 2]


@pytest.mark.parametrize("status, tries, pauses", [
    (404, 1, [1]), (403, 1, [1]), (429, 2, [1, 1]), (500, 2, [1, 1]), (502, 2, [1, 1]),
])
def test_what_is_retried(site, status, tries, pauses):
    site.put("/x", b"no", "text/plain", status=status)
    clock = FakeClock()
    with Client(Manners(delay=1, retries=1, timeout=2), **clock.client_kwargs()) as client, \
            pytest.raises(HttpStatus, match=f"HTTP {status}"):
        client.get(site.url + "/x")
    assert len(site.requests()) == tries
    assert clock.pauses == pauses  # one after robots.txt; one more before a retry


def test_robots_txt_is_respected(site):
    site.put("/private/a.pdf", b"%PDF-1.4")
    with Client(Manners(delay=0)) as client, pytest.raises(RobotsDisallowed):
        client.get(site.url + "/private/a.pdf")
    assert [r.path for r in site.log] == ["/robots.txt"]


def test_one_host_is_asked_with_a_pause(site):
    site.put("/a", b"a", "text/plain")
    clock = FakeClock()
    with Client(Manners(delay=0.3), **clock.client_kwargs()) as client:
        client.get(site.url + "/a")  # robots.txt at once, then a pause before /a
        clock.passes(0.1)  # time since the last request ended counts towards the next pause
        client.get(site.url + "/a")
        client.get(site.url + "/a")
    assert clock.pauses == pytest.approx([0.3, 0.2, 0.3])
    assert [r.path for r in site.log] == ["/robots.txt", "/a", "/a", "/a"]


def test_by_default_the_pause_is_really_taken(site):
    site.put("/a", b"a", "text/plain")
    with Client(Manners(delay=0.05)) as client:
        client.get(site.url + "/a")
        started = time.monotonic()
        client.get(site.url + "/a")
        client.get(site.url + "/a")
    assert time.monotonic() - started >= 0.09


# -- hmicfrs ingest URL... ---------------------------------------------------------------------


def ingest(tmp_path, *args):
    return CliRunner().invoke(cli, ["ingest", *args, "--db", str(tmp_path / "h.db"), "--download-dir",
                                    str(tmp_path / "dl"), "--delay", "0", "--workers", "1", "--retries", "0"],
                              catch_exceptions=False)


def sources(tmp_path):
    conn = sqlite3.connect(tmp_path / "h.db")
    try:
        return sorted(conn.execute("select s.source_url, s.found_on, s.page_title, r.file from report_sources s "
                                   "join reports r on r.id = s.report_id").fetchall())
    finally:
        conn.close()


@pytest.mark.usefixtures("parse_in_process")  # about URLs, not the parser process
def test_ingest_a_pdf_url_a_page_url_and_a_file_together(site, tmp_path):
    site.put("/files/one.pdf", pdf_bytes(tmp_path, "Report one"))
    site.put("/files/two.pdf", pdf_bytes(tmp_path, "Report two"))
    site.put("/pub/two", publication_page("Report two", ["/files/two.pdf"]), "text/html")
    local = tmp_path / "three.pdf"
    local.write_bytes(pdf_bytes(tmp_path, "Report three"))
    result = ingest(tmp_path, site.url + "/files/one.pdf", site.url + "/pub/two", str(local))
    assert result.exit_code == 0, result.output
    assert "ingested 3" in result.stderr
    assert sources(tmp_path) == [
        (site.url + "/files/one.pdf", None, None, "one.pdf"),
        (site.url + "/files/two.pdf", site.url + "/pub/two", "Report two", "two.pdf"),
    ]
    assert sorted(p.name for p in (tmp_path / "dl").iterdir()) == ["one.pdf", "two.pdf"]
    # again: nothing is downloaded, nothing is ingested
    site.log.clear()
    result = ingest(tmp_path, site.url + "/files/one.pdf", site.url + "/pub/two")
    assert result.exit_code == 0 and "ingested 0" in result.stderr
    assert all(r.status == 304 for r in site.requests())


@pytest.mark.parametrize("route, reason", [
    (dict(body=b"<!DOCTYPE html><p>Sign in</p>", content_type="text/html"), "links to no PDF"),
    (dict(body=b"PK\x03\x04 a zip", content_type="application/zip"), "not a PDF"),
    (dict(body=b"x", status=500), "HTTP 500"),
])
@pytest.mark.usefixtures("parse_in_process")  # about URLs, not the parser process
def test_a_failed_url_is_named_and_the_file_still_ingested(site, tmp_path, route, reason):
    site.put("/bad", route.pop("body"), **route)
    local = tmp_path / "three.pdf"
    local.write_bytes(pdf_bytes(tmp_path, "Report three"))
    result = ingest(tmp_path, site.url + "/bad", str(local))
    assert result.exit_code == 1
    assert f"failed: {site.url}/bad: " in result.stderr and reason in result.stderr
    assert "ingested 1" in result.stderr
