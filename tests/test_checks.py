"""No silent misses: reports in doubt, suspected missed items and `hmicfrs checks`.

A report made here plants an item in a layout no rule knows (a bold paragraph "Northshire Police
should ..." under "What needs to happen next"), an "Areas for improvement" heading with nothing
under it and a stated count of areas for improvement that the items do not reach; a second report
of an HMICFRS family yields no items at all. The suspects then go through the review queue: added
as items or dismissed, and still decided after re-extraction and a forced re-ingest.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from loopback import parsing_here
from pdf_makers import make_report
from pipeline.models import CleanPage
from pipeline.cli.main import cli
from pipeline.extract import ReportInput
from test_review import copy_db

pytestmark = pytest.mark.usefixtures("parse_in_process")  # ingest is the means here (conftest.py)

WIDTH, HEIGHT = A4
NARRATIVE = ("The force has made progress since our last inspection. It has trained its call",
             "handlers, and most emergency calls are now answered within ten seconds.")
PLANTED = ("Northshire Police should review how it supervises investigations and make sure that every "
           "investigation has a clear plan.")
SHORT = "The College of Policing should publish national guidance on investigation plans."
PEEL, NONE, CLEAN = "peel_planted.pdf", "thematic_none.pdf", "clean.pdf"


def make_pdf(path: Path, cover: list[str], body: list[tuple[str, str]]) -> Path:
    """A cover page, then body pages of (style, text): "h" bold 14, "b" bold 11, "p" regular 11,
    "" a paragraph gap."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = HEIGHT - 200
    pdf.setFont("Helvetica-Bold", 20)
    for line in cover:
        pdf.drawString(72, y, line)
        pdf.setFont("Helvetica", 12)
        y -= 30
    pdf.showPage()
    y = HEIGHT - 90
    for style, text in body:
        if not style:
            y -= 14
            continue
        font, size = {"h": ("Helvetica-Bold", 14), "b": ("Helvetica-Bold", 11), "p": ("Helvetica", 11)}[style]
        pdf.setFont(font, size)
        pdf.drawString(72, y, text)
        y -= size + 5
    pdf.setFont("Helvetica", 10)
    pdf.drawCentredString(WIDTH / 2, 40, "2")
    pdf.showPage()
    pdf.save()
    return path


def para(style: str, *lines: str) -> list[tuple[str, str]]:
    return [(style, line) for line in lines] + [("", "")]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The three PDFs, made once per module: tests read them (and re-ingest them), never change them."""
    folder = tmp_path_factory.mktemp("reports")
    cover = ["PEEL 2023–25", "An inspection of Northshire Police", "Published on: 8 March 2024"]
    make_pdf(folder / PEEL, cover, [
        *para("h", "Summary"), *para("p", "We identified two areas for improvement and made one recommendation."),
        *para("b", "Recommendation 1"), *para("p", "By 31 March 2025, the force should review how it records crime."),
        *para("h", "Areas for improvement"), *para("p", *NARRATIVE),
        *para("h", "What needs to happen next"),
        *para("b", "Northshire Police should review how it supervises investigations and make sure",
              "that every investigation has a clear plan."),
        *para("p", *NARRATIVE), *para("p", SHORT), *para("p", *NARRATIVE),
    ])
    make_pdf(folder / NONE, ["A joint inspection of neighbourhood policing", "HMICFRS", "Published on: 8 March 2024"],
             [*para("h", "Summary"), *para("p", *NARRATIVE), *para("h", "Housekeeping points"), *para("p", *NARRATIVE)])
    make_report(folder / CLEAN, "Vetting")
    return folder


def hmicfrs(*args, code: int = 0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output + repr(result.exception)
    return result


@pytest.fixture(scope="module")
def first_ingest(reports: Path, tmp_path_factory):
    """(database, what `hmicfrs ingest` said): the reports ingested into a new database, once per
    module. The tests read it (and copy it to write)."""
    path = tmp_path_factory.mktemp("checks") / "h.db"
    with parsing_here():
        result = hmicfrs("ingest", reports, "--db", path, "--workers", 1, "--quiet")
    return path, result


@pytest.fixture(scope="module")
def ingested(first_ingest) -> Path:
    return first_ingest[0]


@pytest.fixture(scope="module")
def suspects(ingested: Path) -> dict[str, str]:
    """{text: suspect id} of the PEEL report as ingested (each test's db is a copy: the same ids)."""
    return {s["text"]: s["id"] for s in checks(ingested)[PEEL]["suspects"]}


@pytest.fixture
def db(ingested: Path, tmp_path: Path) -> Path:
    """The reports as `hmicfrs ingest` stored them, ingested once per module and copied per test."""
    return copy_db(ingested, tmp_path / "h.db")


def checks(db: Path) -> dict[str, dict]:
    result = hmicfrs("checks", "--db", db, "--json")
    return {report["file"]: report for report in json.loads(result.stdout)}


def queue(db: Path) -> list[str]:
    return [row["id"] for row in json.loads(hmicfrs("review", "list", "--status", "suspected", "--json", "--db", db).stdout)]


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# -- ingest and extract say what each report gave -------------------------------------------------


def test_ingest_prints_each_reports_counts_and_doubts(first_ingest):
    _db, result = first_ingest  # the module's own ingest into a new database
    lines = result.stderr.splitlines()
    assert f"  {PEEL}: 1 recommendation" in lines
    assert ("  IN DOUBT: report states 2 areas for improvement, found 0; "
            "heading 'Areas for improvement' on page 2 yields no items") in lines
    assert "  2 suspected missed items (see `hmicfrs checks`)" in lines
    assert f"  {NONE}: no items" in lines
    assert "  IN DOUBT: no items found in a report of family hmicfrs_thematic" in lines
    assert f"  {CLEAN}: 2 recommendations" in lines
    assert sum(line.startswith("  IN DOUBT") for line in lines) == 2
    assert result.stdout == ""  # messages to stderr, data to stdout


def test_extract_prints_the_same(db: Path):
    lines = hmicfrs("extract", "--db", db).stderr.splitlines()
    assert f"  {PEEL}: 1 recommendation" in lines
    assert "  IN DOUBT: no items found in a report of family hmicfrs_thematic" in lines
    assert lines[-1].endswith("2 in doubt (see `hmicfrs checks`)")


# -- hmicfrs checks ----------------------------------------------------------------------------------


def test_checks_json_is_one_array_of_every_report_in_the_documented_shape(db: Path):
    result = hmicfrs("checks", "--db", db, "--json")
    reports = json.loads(result.stdout)
    assert isinstance(reports, list) and sorted(r["file"] for r in reports) == sorted([CLEAN, NONE, PEEL])
    for report in reports:
        assert list(report) == ["file", "sha256", "title", "family", "items", "problems", "suspects"]
        assert len(report["sha256"]) == 64
        assert all(list(p) == ["code", "message"] for p in report["problems"])
        assert all(list(s) == ["id", "page", "text"] for s in report["suspects"])
    by_file = {r["file"]: r for r in reports}
    peel = by_file[PEEL]
    assert (peel["family"], peel["title"], peel["items"]) == ("hmicfrs_peel", "PEEL 2023–25", {"recommendation": 1})
    assert peel["problems"] == [
        {"code": "stated_count", "message": "report states 2 areas for improvement, found 0"},
        {"code": "empty_section", "message": "heading 'Areas for improvement' on page 2 yields no items"},
    ]
    assert [(s["page"], s["text"]) for s in peel["suspects"]] == [(2, PLANTED), (2, SHORT)]
    assert by_file[NONE]["problems"] == [{"code": "no_items", "message": "no items found in a report of family hmicfrs_thematic"}]
    assert (by_file[NONE]["items"], by_file[NONE]["suspects"]) == ({}, [])
    assert (by_file[CLEAN]["items"], by_file[CLEAN]["problems"], by_file[CLEAN]["suspects"]) == ({"recommendation": 2}, [], [])


def test_checks_text_lists_reports_in_doubt_with_their_suspects(db: Path):
    result = hmicfrs("checks", "--db", db)
    blocks = result.stdout.strip().split("\n\n")
    assert [block.splitlines()[0].split(" (")[0] for block in blocks] == [f"IN DOUBT: {PEEL}", f"IN DOUBT: {NONE}"]
    assert "  problem [empty_section]: heading 'Areas for improvement' on page 2 yields no items" in blocks[0]
    assert f"p2: {SHORT}" in blocks[0]
    assert CLEAN not in result.stdout  # neither in doubt nor suspected
    assert "3 reports: 2 in doubt, 2 open suspected missed items" in result.stderr


def test_checks_on_a_database_with_nothing_in_doubt_exits_0(tmp_path: Path):
    make_report(tmp_path / CLEAN, "Vetting")
    hmicfrs("ingest", tmp_path / CLEAN, "--db", tmp_path / "h.db", "--workers", 1, "--quiet")
    result = hmicfrs("checks", "--db", tmp_path / "h.db")
    assert result.stdout == ""
    assert "1 reports: 0 in doubt, 0 open suspected missed items" in result.stderr


# -- the review queue ----------------------------------------------------------------------------


def test_a_suspect_added_as_an_item_is_exported_and_stays_decided(db: Path, reports: Path, suspects):
    planted = suspects[PLANTED]
    assert planted in queue(db)
    item_id = hmicfrs("review", "add", "--from-suspect", planted, "--by", "ann", "--note", "bold paragraph",
                      "--db", db).stdout.strip()
    exported = [json.loads(line) for line in hmicfrs("export", "--db", db, "--report", PEEL).stdout.splitlines()]
    added = [o for o in exported if o["id"] == item_id]
    assert [(o["kind"], o["text"], o["page"], o["review_status"]) for o in added] == [
        ("recommendation", PLANTED, 2, "accepted")]
    assert planted not in queue(db)
    assert rows(db, "select decision, item_id, by, note from suspect_decisions where suspect_id = ?", [planted]) == [
        ("added", item_id, "ann", "bold paragraph")]
    assert ("ann", item_id, "add") in rows(db, "select by, item_id, action from audit_log")
    assert ("ann", planted, "suspect_added", item_id) in rows(db, "select by, item_id, action, new from audit_log")
    for again in (("extract", "--db", db), ("ingest", reports, "--force", "--db", db, "--workers", 1, "--quiet")):
        hmicfrs(*again)
        assert rows(db, "select count(*) from suspects where id = ?", [planted]) == [(1,)]  # found again ...
        assert planted not in queue(db)  # ... and still decided
        peel = checks(db)[PEEL]
        assert [s["text"] for s in peel["suspects"]] == [SHORT]
        assert peel["items"] == {"recommendation": 2}


def test_add_from_suspect_takes_another_kind(db: Path, suspects):
    item_id = hmicfrs("review", "add", "--from-suspect", suspects[SHORT], "--kind", "area_for_improvement",
                      "--db", db).stdout.strip()
    exported = [json.loads(line) for line in hmicfrs("export", "--db", db, "--kind", "area_for_improvement").stdout.splitlines()]
    assert [(o["id"], o["text"]) for o in exported] == [(item_id, SHORT)]


def test_a_dismissed_suspect_leaves_the_queue_for_good(db: Path, reports: Path, suspects):
    short = suspects[SHORT]
    result = hmicfrs("review", "dismiss", short, "--by", "bob", "--note", "narrative", "--db", db)
    assert f"{short}: dismissed" in result.stderr
    queued = queue(db)
    assert short not in queued and suspects[PLANTED] in queued
    assert rows(db, "select decision, item_id, by from suspect_decisions") == [("dismissed", None, "bob")]
    assert ("bob", short, "suspect_dismissed") in rows(db, "select by, item_id, action from audit_log")
    hmicfrs("extract", "--db", db)
    hmicfrs("ingest", reports, "--force", "--db", db, "--workers", 1, "--quiet")
    assert short not in queue(db)
    peel = checks(db)[PEEL]
    assert [s["text"] for s in peel["suspects"]] == [PLANTED]
    assert peel["items"] == {"recommendation": 1}  # dismissing adds nothing


@pytest.mark.parametrize("args, code, message", [
    (("review", "dismiss", "nosuchid"), 1, "no suspect 'nosuchid'"),
    (("review", "add", "--from-suspect", "nosuchid"), 1, "no suspect 'nosuchid'"),
    (("review", "add", "--from-suspect", "{short}", "--text", "other"), 2, "drop --text"),
    (("review", "add", "--report", PEEL), 2, "missing --kind, --text"),
])
def test_bad_suspect_commands_are_refused(db: Path, suspects, args, code, message):
    args = [a.format(short=suspects[SHORT]) for a in args]
    result = hmicfrs(*args, "--db", db, code=code)
    assert message in result.output
    assert rows(db, "select count(*) from suspect_decisions") == [(0,)]


def test_a_suspect_is_decided_once(db: Path, suspects):
    short = suspects[SHORT]
    hmicfrs("review", "dismiss", short, "--db", db)
    assert "already dismissed" in hmicfrs("review", "dismiss", short, "--db", db, code=1).output
    assert "already dismissed" in hmicfrs("review", "add", "--from-suspect", short, "--db", db, code=1).output


# -- what puts a report in doubt -------------------------------------------------------------------


def page(*lines: str) -> CleanPage:
    text = "\n".join(line[2:] if line.startswith("# ") else line for line in lines) + "\n"
    return CleanPage(1, text, headings=tuple(line[2:] for line in lines if line.startswith("# ")))


def problems(extractor, *lines: str, family: str = "hmicfrs_peel") -> list[tuple[str, str]]:
    _items, check = extractor.extract(ReportInput("r1", "2024-03-08", family, (page(*lines),)))
    assert check.in_doubt == bool(check.problems)
    return [(p.code, p.message) for p in check.problems]


REC = ("# Recommendation 1", "By 31 March 2025, the force should review how it records crime.", "")
AFI = ("# Area for improvement", "The force should answer emergency calls more quickly.", "")
COC = ("# Cause of concern", "The force does not supervise investigations well enough.", "")


@pytest.mark.parametrize("statement, expected", [
    ("We made one recommendation.", []),
    ("We made two recommendations.", [("stated_count", "report states 2 recommendations, found 1")]),
    ("We identified one area for improvement.", []),
    ("We identified six areas for improvement.", [("stated_count", "report states 6 areas for improvement, found 1")]),
    ("We found one cause of concern.", []),
    ("We found two causes of concern.", [("stated_count", "report states 2 causes of concern, found 1")]),
    ("We identified one cause of concern, made one recommendation and found one area for improvement.", []),
    ("We identified two causes of concern and six areas for improvement.", [
        ("stated_count", "report states 6 areas for improvement, found 1"),
        ("stated_count", "report states 2 causes of concern, found 1")]),
    # near-misses: not a statement of this report's count
    ("Forces told us about six areas for improvement.", []),
    ("We made recommendations to 43 forces.", []),
    ("There were two causes for concern.", []),
])
def test_stated_counts_are_compared_per_kind(extractor, statement, expected):
    assert problems(extractor, "# Summary", statement, "", *COC, *REC, *AFI) == expected


@pytest.mark.parametrize("lines, expected", [
    (("# Areas for improvement", "The force has made progress since our last inspection and its call handlers are "
      "now well trained.", "", "# Next section", "Nothing more to say about this at all here."),
     [("empty_section", "heading 'Areas for improvement' on page 1 yields no items")]),
    # under a list's heading a paragraph that asks nothing is narrative (a cause of concern, which
    # states a failing, would be an item)
    (("# Recommendations", "We found that the force supervises its investigations well enough in most cases.", ""),
     [("empty_section", "heading 'Recommendations' on page 1 yields no items")]),
    # near-misses: items under the heading, a heading over subheadings only, a list printed again
    (("# Areas for improvement", "The force should answer emergency calls more quickly.", ""), []),
    (("# Areas for improvement", "# Call handling", "# Investigations", "", *AFI), []),
    (("# Areas for improvement", "", "The force should answer emergency calls more quickly.", "",
      "# Chapter 2: Calls", "# Areas for improvement", "The force should answer emergency calls more quickly."), []),
])
def test_a_heading_that_promises_items_and_yields_none_is_in_doubt(extractor, lines, expected):
    assert problems(extractor, *REC, *lines) == expected


@pytest.mark.parametrize("family, lines, expected", [
    ("hmicfrs_thematic", ("# Summary", "We found that forces handle vetting well."), ["no_items"]),
    ("hmicfrs_custody", ("# Summary", "We found that forces handle vetting well."), ["no_items"]),
    ("public_inquiry", ("# Summary", "We found that forces handle vetting well."), []),
    ("hmicfrs_thematic", REC, []),
    # a deliberate "no items" is a note, not a doubt
    ("government_response", ("# Response", "We made two recommendations.", "", *REC), []),
    ("hmicfrs_thematic", ("[NAME OF FORCE] [NAME OF CHIEF] [DATE OF REPORT] [SUMMARY OF FINDINGS]",), []),
])
def test_a_report_of_an_hmicfrs_family_with_no_items_is_in_doubt(extractor, family, lines, expected):
    assert [code for code, _message in problems(extractor, *lines, family=family)] == expected


# -- in the browser ----------------------------------------------------------------------------------


def test_datasette_lists_open_suspects_with_a_link_to_their_pdf_page(db: Path):
    import asyncio

    from pipeline.serve import app as serve

    ds = serve.build_datasette(db)

    def get(path: str):
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, response.text
        return response

    report_id = checks(db)[PEEL]["sha256"][:16]
    listed = get(f"/{db.stem}/open_suspects.json?_shape=array").json()
    assert [(r["report_file"], r["page"], r["text"], r["pdf_link"]) for r in listed] == [
        (PEEL, 2, PLANTED, f"/-/hmicfrs/pdf/{report_id}.pdf#page=2"),
        (PEEL, 2, SHORT, f"/-/hmicfrs/pdf/{report_id}.pdf#page=2"),
    ]
    assert f'href="/-/hmicfrs/pdf/{report_id}.pdf#page=2"' in get(f"/{db.stem}/open_suspects").text
    assert "Suspected missed items" in get(f"/{db.stem}/suspects").text
    hmicfrs("review", "dismiss", listed[1]["id"], "--db", db)
    assert [r["id"] for r in get(f"/{db.stem}/open_suspects.json?_shape=array").json()] == [listed[0]["id"]]
