"""`hmicfrs brief`: the committee paper's first draft, checked item by item against a fixture database.

The database is built in the test: reports stored with store.write_document, items written with
run.write_report_items (so the item set is known exactly), review decisions through
pipeline.review.decisions and tracking through pipeline.review.track, as a user would make them.
"""
from __future__ import annotations

import json

import hashlib
import html
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.review import decisions as review
from pipeline.review import track as track
from pipeline.brief.model import BriefError, BriefItem, build_brief, deadline_phrase, long_date, source_link
from pipeline.brief.render import md_escape, to_html, to_markdown
from pipeline.cli.main import cli
from pipeline.extract import ReportCheck
from pipeline.run import write_report_items
from pipeline.models import Addressee, CleanDocument, CleanPage, Deadline, Item, ReportMeta
from test_review import copy_db

TODAY = date(2023, 9, 1)


def _doc(tmp: Path, key: str, title: str, published: str | None, family: str, pages: list[str]) -> CleanDocument:
    sha = hashlib.sha256(key.encode()).hexdigest()
    return CleanDocument(
        file=f"{key}.pdf", path=str(tmp / f"{key}.pdf"), sha256=sha, size_bytes=100,
        pages=tuple(CleanPage(n, text, "", 1) for n, text in enumerate(pages, 1)), furniture=(),
        meta=ReportMeta(title, published, None, None, family, None),
    )


# (key, title, published, family, page texts, items); an item is
# (local id, kind, number, text, addressees, deadline kind, deadline date, deadline text, page, parent)
REPORTS = [
    ("syv", "An inspection of how well the police tackle serious youth violence", "2023-03-08", "hmicfrs_thematic",
     ["Serious youth violence", "Findings"] + ["Recommendations"] * 3, [
         ("r1", "recommendation", "1", "By 31 March 2024, the Home Office should simplify VRU funding.",
          ["home_office"], "date", "2024-03-31", "By 31 March 2024", 4, None),
         ("r3", "recommendation", "3", "By 31 March 2024, chief constables should make sure their officers are "
          "trained in the use of Home Office crime outcome 22.", ["chief_constables"], "date", "2024-03-31",
          "By 31 March 2024", 4, None),
         ("r4", "recommendation", "4", "By 31 March 2024, chief constables should make sure their forces, through "
          "data collection and analysis, understand the levels of racial disproportionality.", ["chief_constables"],
          "date", "2024-03-31", "By 31 March 2024", 5, None),
         ("r5", "recommendation", "5", "Chief constables should paint their stations blue.", ["chief_constables"],
          "none", None, None, 5, None),
         ("a1", "area_for_improvement", "1", "Forces should evaluate the work of school liaison officers.",
          ["chief_constables"], "none", None, None, 3, None),
     ]),
    ("ocsae", "An inspection of how well the police and National Crime Agency tackle online child sexual abuse",
     "2023-04-05", "hmicfrs_thematic", ["Online child sexual abuse"] + ["Recommendations"] * 8, [
         ("r2", "recommendation", "2", "By 31 October 2023, chief constables and the director general of the "
          "National Crime Agency should make sure they have effective data collection.", ["chief_constables", "nca"],
          "date", "2023-10-31", "By 31 October 2023", 6, None),
         ("r8", "recommendation", "8", "By 31 July 2023, chief constables should satisfy themselves that they are "
          "correctly sharing information with safeguarding partners.", ["chief_constables"], "date", "2023-07-31",
          "By 31 July 2023", 7, None),
         ("r11", "recommendation", "11", "By 31 July 2023, chief constables and police and crime commissioners should "
          "review the advice they publish.", ["chief_constables", "police_and_crime_commissioners"], "date",
          "2023-07-31", "By 31 July 2023", 7, None),
         ("r13", "recommendation", "13", "With immediate effect, chief constables should satisfy themselves that "
          "their crime allocation policies are right.", ["chief_constables"], "immediate", None,
          "With immediate effect", 8, None),
         ("r15", "recommendation", "15", "By 31 October 2023, the National Police Chiefs' Council lead for child "
          "protection should review allocation.", ["npcc"], "date", "2023-10-31", "By 31 October 2023", 8, None),
         ("r16", "recommendation", "16", 'Within six months, chief constables should review <script>alert("x")</script> '
          "search warrant arrangements & report back.", ["chief_constables"], "relative", "2023-10-05",
          "Within six months", 9, None),
     ]),
    ("peel-wm", "PEEL 2023-25: An inspection of West Midlands Police", "2023-06-20", "hmicfrs_peel",
     ["PEEL 2023-25\nWest Midlands\nPolice", "Causes of concern", "Areas for improvement"], [
         ("c1", "cause_of_concern", "1", "The force does not answer emergency calls quickly enough.", [],
          "none", None, None, 2, None),
         ("c1r1", "recommendation", None, "Within three months, the force should: make sure it has enough call "
          "handlers.", ["force"], "relative", "2023-09-20", "Within three months", 2, "c1"),
         ("a1", "area_for_improvement", "1", "The force should improve how it records equality data.", ["force"],
          "none", None, None, 3, None),
     ]),
    ("peel-oc", "PEEL 2023-25: An inspection of Other County Constabulary", "2023-05-01", "hmicfrs_peel",
     ["PEEL 2023-25\nOther County Constabulary", "Areas", "AFIs", "Annex", "Unlike West Midlands Police, ..."], [
         ("a1", "area_for_improvement", "1", "The force should improve its vetting.", ["force"], "none", None, None,
          3, None),
     ]),
    ("vmm", "An inspection of vetting, misconduct, and misogyny in the police service", "2022-11-02",
     "hmicfrs_thematic", ["Vetting", "Recommendations"], [
         ("r3", "recommendation", "3", "By 31 March 2023, chief constables should make sure vetting decisions are "
          "recorded.", ["chief_constables"], "date", "2023-03-31", "By 31 March 2023", 2, None),
     ]),
    ("undated", "A report with no date printed", None, "other", ["Something"], [
         ("r1", "recommendation", "1", "Chief constables should do something by 2025.", ["chief_constables"],
          "year_end", "2025-12-31", "by 2025", 1, None),
     ]),
]


def _item_id(key: str, local: str) -> str:
    return f"{hashlib.sha256(key.encode()).hexdigest()[:16]}-{local}"


def _build(db, tmp: Path) -> None:
    for key, title, published, family, pages, items in REPORTS:
        doc = _doc(tmp, key, title, published, family, pages)
        with store.transaction(db):
            store.write_document(db, doc)
        built = [
            Item(id=_item_id(key, local), report_id=doc.report_id, kind=kind, number=number,
                 label=f"{'Recommendation' if kind == 'recommendation' else 'Area for improvement' if kind == 'area_for_improvement' else 'Cause of concern'} {number}" if number else None,
                 parent=_item_id(key, parent) if parent else None, text=text,
                 addressees=tuple(Addressee(a, a.replace("_", " ")) for a in addressees),
                 addressee_text=" and ".join(addressees) or None,
                 deadline=Deadline(dkind, ddate, dtext), page=page, page_end=page, start=0, end=len(text),
                 rules=(), sequence=seq)
            for seq, (local, kind, number, text, addressees, dkind, ddate, dtext, page, parent) in enumerate(items)
        ]
        check = ReportCheck(doc.report_id, len(built), None, None, (), (), False, ())
        write_report_items(db, doc.report_id, built, check, "test")


@pytest.fixture(scope="module")
def built_path(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("brief")
    path = tmp / "brief.db"
    db = store.connect(path)
    _build(db, tmp)
    syv, ocsae, wm = (lambda local, key=key: _item_id(key, local) for key in ("syv", "ocsae", "peel-wm"))
    review.accept(db, syv("r3"), by="tester")
    review.reject(db, syv("r5"), by="tester", note="not a recommendation")
    review.correct(db, syv("a1"), {"text": "Forces should evaluate the work of their school liaison officers."},
                   by="tester")
    review.accept(db, ocsae("r2"), by="tester")
    review.accept(db, ocsae("r8"), by="tester")
    review.accept(db, wm("c1r1"), by="tester")
    track.track(db, ocsae("r2"), status="in_progress", level=2, owner="DCI Henley", by="tester")
    track.track(db, ocsae("r8"), status="closed", closed_on="2023-07-20", level=2, by="tester")
    track.track(db, syv("r4"), due="2023-11-15", reason="agreed with HMICFRS", by="tester")
    review.add_item(db, _item_id("ocsae", "")[:16], "recommendation",
                    "By 31 October 2023, chief constables should add a missed item by hand.", number="17",
                    label="Recommendation 17", page=9, addressees="chief_constables", deadline_kind="date",
                    deadline_date="2023-10-31", deadline_text="By 31 October 2023", by="tester")
    db.conn.close()
    return path


@pytest.fixture
def db_path(built_path: Path, tmp_path: Path) -> Path:
    """The reports, items and decisions above, written once per module and copied per test."""
    return copy_db(built_path, tmp_path / "brief.db")


def _brief(db_path, addressee="chief_constables", **kwargs):
    kwargs.setdefault("today", TODAY)
    return build_brief(store.connect(db_path, create=False), addressee, **kwargs)


def _expected(db_path, keys, wanted) -> dict[str, dict]:
    """Every non-rejected item of these reports that `wanted(row)` selects, as the overlay has it."""
    db = store.connect(db_path, create=False)
    ids = {hashlib.sha256(k.encode()).hexdigest()[:16] for k in keys}
    return {r["id"]: r for r in review.effective_items(db)
            if r["report_id"] in ids and r["review_status"] != "rejected" and wanted(r)}


CC_REPORTS = ["vmm", "syv", "ocsae", "undated"]


def test_every_report_and_item_for_chief_constables_in_date_order(db_path):
    brief = _brief(db_path)
    assert [r.title for r in brief.reports] == [
        "An inspection of vetting, misconduct, and misogyny in the police service",
        "An inspection of how well the police tackle serious youth violence",
        "An inspection of how well the police and National Crime Agency tackle online child sexual abuse",
        "A report with no date printed",  # no date: last, and only while no window is asked for
    ]
    expected = _expected(db_path, CC_REPORTS, lambda r: "chief_constables" in r["addressees"])
    assert {i.id for i in brief.items} == set(expected)
    md = to_markdown(brief)
    for report in brief.reports:
        assert md_escape(report.title) in md
        if report.published:
            assert f"Published on: {long_date(report.published)}" in md
    for item in brief.items:
        row = expected[item.id]
        assert item.text == row["text"]  # corrected text where corrected
        assert md_escape(row["text"]) in md
        if row["deadline_text"]:
            assert md_escape(row["deadline_text"]) in md
        if row["deadline_date"]:
            assert long_date(row["deadline_date"]) in md
    assert "Forces should evaluate the work of their school liaison officers." in md
    assert "Forces should evaluate the work of school liaison officers." not in md  # the extracted text, corrected


def test_rejected_items_and_other_addressees_are_left_out(db_path):
    md = to_markdown(_brief(db_path))
    assert "paint their stations blue" not in md  # rejected
    assert "simplify VRU funding" not in md  # Home Office only
    assert "National Police Chiefs' Council lead" not in md  # NPCC only
    assert "Other County" not in md and "West Midlands" not in md  # reports without chief-constable items


def test_items_are_grouped_by_kind_with_labels(db_path):
    brief = _brief(db_path)
    report = brief.reports[1]
    assert [g.kind for g in report.groups] == ["recommendation", "area_for_improvement"]
    assert [i.label for i in report.groups[0].items] == ["Recommendation 3", "Recommendation 4"]
    assert [i.label for i in report.groups[1].items] == ["Area for improvement 1"]
    assert report.totals == (("recommendation", 3, 2), ("area_for_improvement", 1, 1))  # rejected r5 not counted
    ocsae = brief.reports[2]
    # printed order; the item added by hand (no sequence) after those on its page
    assert [i.label for i in ocsae.items] == ["Recommendation 2", "Recommendation 8", "Recommendation 11",
                                              "Recommendation 13", "Recommendation 16", "Recommendation 17"]
    assert "Family: HMICFRS thematic inspection" in to_markdown(brief)


def _md_blocks(md: str) -> dict[str, str]:
    """Markdown item blocks keyed by their label line."""
    blocks = re.split(r"\n(?=\*\*(?:Recommendation|Area for improvement|Cause of concern)[^\n]*\*\*)", md)
    return {b.splitlines()[0]: b for b in blocks[1:]}


def test_pending_items_are_marked_and_reviewed_ones_are_not(db_path):
    brief = _brief(db_path)
    md = to_markdown(brief)
    pending = {i.id for i in brief.items if i.pending}
    assert pending == {_item_id(k, l) for k, l in [("syv", "r4"), ("ocsae", "r11"), ("ocsae", "r13"),
                                                   ("ocsae", "r16"), ("vmm", "r3"), ("undated", "r1")]}
    for item in brief.items:
        block = next(b for head, b in _md_blocks(md).items() if md_escape(item.text) in b)
        assert ("[PENDING REVIEW]" in block.splitlines()[0]) == item.pending, item.label
    assert f"{len(pending)} item(s) below have not been reviewed yet" in md


def test_review_and_tracking_status_of_each_item(db_path):
    brief = _brief(db_path)
    items = {i.id: i for i in brief.items}
    r2, r8 = items[_item_id("ocsae", "r2")], items[_item_id("ocsae", "r8")]
    assert (r2.review_status, r2.track_status, r2.level, r2.owner) == ("accepted", "in_progress", 2, "DCI Henley")
    assert (r8.track_status, r8.closed_on, r8.overdue) == ("closed", "2023-07-20", False)
    r4 = items[_item_id("syv", "r4")]
    assert r4.due == "2023-11-15" and "revised to 15 November 2023 (agreed with HMICFRS)" in deadline_phrase(r4)
    manual = next(i for i in items.values() if i.manual)
    assert manual.label == "Recommendation 17" and manual.review_status == "accepted"
    md = to_markdown(brief)
    assert "- Tracking: in progress, level 2, owner DCI Henley" in md
    assert "- Tracking: closed on 20 July 2023, level 2" in md
    assert "- Review: corrected" in md and "accepted, added by hand" in md


def test_due_in_90_days_and_overdue_lists(db_path):
    brief = _brief(db_path)
    assert [(i.label, i.due) for i in brief.due_soon] == [
        ("Recommendation 16", "2023-10-05"), ("Recommendation 17", "2023-10-31"), ("Recommendation 2", "2023-10-31"),
        ("Recommendation 4", "2023-11-15"),
    ]
    # r8 (31 July) is closed, so not overdue; vmm r3 (31 March) and r11 (31 July) are open and past due
    assert [(i.label, i.due) for i in brief.overdue] == [("Recommendation 3", "2023-03-31"),
                                                         ("Recommendation 11", "2023-07-31")]
    md = to_markdown(brief)
    overdue = md.split("## 4. Overdue", 1)[1]
    assert "**31 March 2023**: Recommendation 3" in overdue and "**31 July 2023**: Recommendation 11" in overdue


def test_status_table_is_the_same_as_hmicfrs_status(db_path):
    brief = _brief(db_path)
    assert brief.status == track.status_summary(store.connect(db_path, create=False), TODAY)
    md = to_markdown(brief)
    for row in brief.status["table"]:
        assert f"| {row['type']} | {row['open']} | {row['closed']} | {row['total']} |" in md
    assert "| Recommendation Level 2 | 1 | 1 | 2 |" in md


@pytest.mark.parametrize("since, until, keys", [
    ("2023-03-01", "2023-04-30", ["syv", "ocsae"]),
    ("2023-04-05", None, ["ocsae"]),  # the bounds are inclusive
    (None, "2023-03-08", ["vmm", "syv"]),
    ("2023-04-06", "2023-12-31", []),
])
def test_the_window_filters_reports_by_publication_date(db_path, since, until, keys):
    brief = _brief(db_path, since=since, until=until)
    assert [r.id for r in brief.reports] == [hashlib.sha256(k.encode()).hexdigest()[:16] for k in keys]
    assert any("no known publication date" in note for note in brief.notes)  # the undated report is named
    # what is due and overdue is never limited to the window: old items are still owed
    assert len(brief.overdue) == 2


def test_ours_is_chief_constables_plus_the_force_items_of_our_own_reports(db_path):
    brief = _brief(db_path, "ours", force_name="west  MIDLANDS police")  # case and spacing do not matter
    titles = [r.title for r in brief.reports]
    assert "PEEL 2023-25: An inspection of West Midlands Police" in titles
    assert "PEEL 2023-25: An inspection of Other County Constabulary" not in titles  # named on page 5 only
    expected = _expected(db_path, CC_REPORTS + ["peel-wm"],
                         lambda r: "chief_constables" in r["addressees"] or "force" in r["addressees"])
    cause = _item_id("peel-wm", "c1")
    assert {i.id for i in brief.items} == set(expected) | {cause}
    assert brief.addressee_name == "chief constables and west MIDLANDS police"


def test_a_cause_of_concern_is_listed_with_the_recommendations_that_answer_it(db_path):
    brief = _brief(db_path, "ours", force_name="West Midlands Police")
    wm = next(r for r in brief.reports if "West Midlands" in r.title)
    assert [g.kind for g in wm.groups] == ["cause_of_concern", "recommendation", "area_for_improvement"]
    assert wm.groups[0].items[0].text == "The force does not answer emergency calls quickly enough."
    assert wm.groups[1].items[0].parent_label == "Cause of concern 1"
    assert wm.groups[1].items[0].label == "Recommendation (unnumbered)"
    assert "**Recommendation (unnumbered)** (under Cause of concern 1)" in to_markdown(brief)


def test_ours_needs_a_force_name_and_unknown_addressees_are_refused(db_path):
    with pytest.raises(BriefError, match="--force-name"):
        _brief(db_path, "ours")
    with pytest.raises(BriefError, match="unknown addressee"):
        _brief(db_path, "chief_constable")
    with pytest.raises(BriefError, match="after"):
        _brief(db_path, since="2023-05-01", until="2023-04-01")


def test_an_addressee_other_than_chief_constables(db_path):
    brief = _brief(db_path, "nca")
    assert [i.label for i in brief.items] == ["Recommendation 2"]


def _item(**kwargs) -> BriefItem:
    values = dict(id="x", report_id="r", report_title="T", report_published=None, kind="recommendation",
                  label="Recommendation 1", text="t", parent_label=None, deadline_kind="none", deadline_date=None,
                  deadline_text=None, due=None, due_revised=None, due_reason=None, review_status="accepted",
                  changed_since_review=False, manual=False, track_status="open", level=None, owner=None,
                  closed_on=None, overdue=False, due_soon=False, page=1, link=None)
    values.update(kwargs)
    return BriefItem(**values)


@pytest.mark.parametrize("fields, expected", [
    (dict(deadline_kind="date", deadline_date="2024-03-31", deadline_text="By 31 March 2024"), "By 31 March 2024"),
    (dict(deadline_kind="relative", deadline_date="2023-10-05", deadline_text="Within six months"),
     "Within six months (5 October 2023)"),
    (dict(deadline_kind="month", deadline_date="2024-03-31", deadline_text="By March 2024"), "By March 2024 (31 March 2024)"),
    (dict(deadline_kind="immediate", deadline_text="With immediate effect"), "With immediate effect"),
    (dict(deadline_kind="immediate"), "With immediate effect"),
    (dict(deadline_kind="event", deadline_text="once the College has published guidance"),
     "once the College has published guidance"),
    (dict(), "None stated"),
    (dict(deadline_kind="date", deadline_date="2024-03-31", deadline_text="By 31 March 2024", due_revised="2024-06-30",
          due_reason="new guidance"), "By 31 March 2024; revised to 30 June 2024 (new guidance)"),
])
def test_deadline_phrase(fields, expected):
    assert deadline_phrase(_item(**fields)) == expected


def test_source_links(tmp_path):
    assert source_link("/data/reports/a b.pdf", 12, None) == "file:///data/reports/a%20b.pdf#page=12"
    assert source_link(None, 3, None) is None
    relative = source_link("corpus/x.pdf", 4, Path.cwd() / "out")
    assert relative == "../corpus/x.pdf#page=4"


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_is_self_contained_printable_and_escapes_pdf_text(db_path):
    brief = _brief(db_path)
    page = to_html(brief)
    assert "@page { size: A4" in page
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r'<(?:link|script|img)\b|src=|@import|url\(', page)  # nothing fetched from outside
    for item in brief.items:
        block = re.search(rf'<div class="item[^"]*" id="item-{re.escape(item.id)}">(.*?)</div>', page, re.S).group(1)
        assert html.escape(item.text, quote=True) in block
        assert f'.pdf#page={item.page}"' in block  # every item links to its source page
        assert ("PENDING REVIEW" in block) == item.pending


@pytest.mark.slow  # a browser process
def test_html_renders_in_headless_chromium(db_path, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed")
    output = tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["brief", "--addressee", "chief_constables", "--format", "html", "--db",
                                      str(db_path), "--today", "2023-09-01", "--output", str(output)])
    assert result.exit_code == 0, result.output
    shot = tmp_path / "brief.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=900,1200", f"--screenshot={shot}",
         output.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a page of text, not a blank screen
    printed = tmp_path / "brief.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={printed}",
         output.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(printed))
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # @page size A4
    text = "".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    assert "serious youth violence" in " ".join(text.split())
    document.close()


# ---------------------------------------------------------------------------------------------
# DOCX and the command


def test_docx_opens_and_holds_every_item(db_path, tmp_path):
    docx = pytest.importorskip("docx")
    output = tmp_path / "brief.docx"
    result = CliRunner().invoke(cli, ["brief", "--addressee", "chief_constables", "--format", "docx", "--db",
                                      str(db_path), "--today", "2023-09-01", "--output", str(output)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(output))
    paragraphs = [p.text for p in document.paragraphs]
    brief = _brief(db_path)
    for report in brief.reports:
        assert any(p.endswith(report.title) for p in paragraphs)
    for item in brief.items:
        at = paragraphs.index(item.text)
        head = paragraphs[at - 1]
        assert head.startswith(item.label) and ("[PENDING REVIEW]" in head) == item.pending
        assert f"Deadline: {deadline_phrase(item)}" in paragraphs[at + 1]
        assert f"page {item.page}" in paragraphs[at + 1]
    assert not any("paint their stations blue" in p for p in paragraphs)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Type", "Open", "Closed", "Total"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        [r["type"], str(r["open"]), str(r["closed"]), str(r["total"])] for r in brief.status["table"]]
    assert round(document.sections[0].page_width.mm) == 210


def test_command_writes_markdown_to_stdout(db_path):
    result = CliRunner().invoke(cli, ["brief", "--addressee", "chief_constables", "--db", str(db_path),
                                      "--since", "2023-03-01", "--until", "2023-04-30", "--today", "2023-09-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# HMICFRS update: reports and items for chief constables")
    assert "serious youth violence" in result.stdout and "misogyny" not in result.stdout.split("## 2.")[0]
    assert "brief: 2 reports" in result.stderr


@pytest.mark.parametrize("args, code, message", [
    (["--format", "docx"], 2, "--format docx needs --output"),
    (["--since", "March 2023"], 2, "not a date"),
    (["--addressee", "ours"], 1, "--force-name"),
    (["--addressee", "nobody_at_all"], 1, "unknown addressee"),
])
def test_command_errors(db_path, args, code, message):
    base = ["brief", "--db", str(db_path)]
    if "--addressee" not in args:
        base += ["--addressee", "chief_constables"]
    result = CliRunner().invoke(cli, base + args)
    assert result.exit_code == code
    assert message in result.output


# ---------------------------------------------------------------------------------------------
# End to end: PDFs made here, ingested, reviewed and tracked through the command line


def _pdf(path: Path, pages: list[list[tuple[str, bool, float]]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        y = 780.0
        for text, bold, size in lines:
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            pdf.drawString(72, y, text)
            y -= size * 1.6 + (8 if bold else 0)
        pdf.showPage()
    pdf.save()


def _ingested(tmp_path: Path, monkeypatch) -> CliRunner:
    pytest.importorskip("reportlab")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    body = lambda text: (text, False, 11.0)  # noqa: E731
    head = lambda text: (text, True, 13.0)  # noqa: E731
    _pdf(tmp_path / "reports" / "widget-vetting.pdf", [
        [("An inspection of widget vetting in police forces", True, 20.0), body("HMICFRS"),
         body("Published: 8 March 2023")],
        [head("Recommendation 1"), body("By 31 March 2024, chief constables should make sure their officers are"),
         body("trained in vetting procedures."), head("Recommendation 2"),
         body("By 31 March 2024, the Home Office should fund vetting."), head("Recommendation 3"),
         body("By 30 June 2023, chief constables should review their vetting files.")],
    ])
    _pdf(tmp_path / "reports" / "peel-eastmoor.pdf", [
        [("PEEL 2023-25", True, 20.0), body("An inspection of Eastmoor Police"), body("Published: 4 April 2023"),
         body("His Majesty's Inspectorate of Constabulary and Fire & Rescue Services")],
        [head("Area for improvement 1"), body("The force should improve how it records crime.")],
    ])
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "reports", "--db", "hm.db", "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return runner


def _ids(runner) -> dict[str, str]:
    rows = json.loads(runner.invoke(cli, ["review", "list", "--db", "hm.db", "--json"]).stdout)
    return {f"{row['kind']} {row['number'] or ''} {row['text'][:20]}": row["id"] for row in rows}


def test_end_to_end_from_pdfs(tmp_path, monkeypatch, parse_in_process):  # ingest is the means here
    runner = _ingested(tmp_path, monkeypatch)
    ids = _ids(runner)
    rec1 = next(v for k, v in ids.items() if k.startswith("recommendation 1 "))
    rec3 = next(v for k, v in ids.items() if k.startswith("recommendation 3 "))
    afi = next(v for k, v in ids.items() if k.startswith("area_for_improvement 1 "))
    assert runner.invoke(cli, ["review", "accept", rec1, "--db", "hm.db"]).exit_code == 0
    assert runner.invoke(cli, ["review", "reject", rec3, "--db", "hm.db"]).exit_code == 0
    assert runner.invoke(cli, ["track", afi, "--db", "hm.db", "--status", "in_progress", "--level", "3"]).exit_code == 0

    md = runner.invoke(cli, ["brief", "--addressee", "chief_constables", "--db", "hm.db", "--today", "2024-01-10"])
    assert md.exit_code == 0, md.output
    out = md.stdout
    assert "### 1.1 An inspection of widget vetting in police forces" in out
    assert "Published on: 8 March 2023" in out
    assert "By 31 March 2024, chief constables should make sure their officers are trained in vetting procedures." in out
    assert "review their vetting files" not in out  # rejected
    assert "the Home Office should fund vetting" not in out  # not for chief constables
    assert "Eastmoor" not in out.split("## 2.")[0]
    assert "**31 March 2024**: Recommendation 1" in out.split("## 3.")[1]  # due within 90 days of 10 January

    result = runner.invoke(cli, ["brief", "--addressee", "ours", "--force-name", "eastmoor police", "--db", "hm.db",
                                 "--since", "2023-04-01", "--format", "html", "--output", "papers/brief.html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "papers" / "brief.html").read_text(encoding="utf-8")
    assert "widget vetting" not in page.split("<h2>2.")[0]  # published before --since
    assert "An inspection of Eastmoor Police" in page or "PEEL 2023-25" in page
    assert "The force should improve how it records crime." in page
    assert "Tracking: in progress, level 3" in page
    links = re.findall(r'href="([^"#]+)#page=(\d+)"', page)
    # ingest stored the absolute path, so the link works wherever the brief is opened from
    assert ((tmp_path / "reports" / "peel-eastmoor.pdf").resolve().as_uri(), "2") in links
    assert all(Path(unquote(urlparse(href).path)).exists() for href, _page in links)
