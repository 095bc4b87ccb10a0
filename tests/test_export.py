"""`hmicfrs export`: every contract field with its type, in jsonl, json and csv; the filters; --output;
and extraction is a function of the stored bytes (extract twice, ingest twice: the same rows).

The database is built the way ingest builds it (store.write_document of a CleanDocument, then
extraction over the stored pages); one test ingests a small PDF made here with reportlab.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli.main import cli
from pipeline.run import extract_reports
from pipeline.models import CleanDocument, CleanPage, ReportMeta
from pipeline.rules import load_rules

pytestmark = pytest.mark.usefixtures("parse_in_process")  # ingest is the means here (conftest.py)

KINDS = {"recommendation", "area_for_improvement", "cause_of_concern", "matter_of_concern", "conclusion"}
DEADLINE_KINDS = {"date", "month", "year_end", "financial_year", "immediate", "relative", "event", "none"}
REVIEW_STATUSES = {"pending", "accepted", "corrected", "rejected"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A publication date keeps the precision the report prints: a day, a month or a year.
PUBLISHED = {"day": ISO_DATE, "month": re.compile(r"^\d{4}-\d{2}$"), "year": re.compile(r"^\d{4}$")}
ID = re.compile(r"^[a-z0-9_]+$")


def page(number: int, *lines: str) -> CleanPage:
    text = "\n".join(line[2:] if line.startswith("# ") else line for line in lines)
    headings = tuple(line[2:] for line in lines if line.startswith("# "))
    return CleanPage(number=number, text=text, footnotes="", columns=1, headings=headings)


def document(file: str, title: str, published: str | None, family: str, *pages: CleanPage) -> CleanDocument:
    sha = hashlib.sha256(file.encode()).hexdigest()
    return CleanDocument(
        file=file, path=f"/nowhere/{file}", sha256=sha, size_bytes=1234, pages=tuple(pages), furniture=(),
        meta=ReportMeta(title=title, published=published, published_text=None, published_rule=None,
                        family=family, family_rule=None),
    )


THEMATIC = document(
    "vetting.pdf", "An inspection of vetting", "2023-03-08", "hmicfrs_thematic",
    page(1, "# An inspection of vetting", "Published 8 March 2023"),
    page(2, "# Recommendation 1", "By 31 March 2024, chief constables should make sure their officers are trained in"),
    page(3, "vetting procedures.", "", "# Recommendation 2",
         "Within six months of the publication of this report, the Home Office and the College of Policing should "
         "fund a national vetting database."),
)
PEEL = document(
    "peel-widgetshire.pdf", "PEEL 2023: Widgetshire Police", None, "hmicfrs_peel",
    page(1, "# Cause of concern", "The force is not doing enough to protect vulnerable people.", "",
         "# Recommendations", "Within three months, the force should:", "• review its safeguarding referrals.", "",
         "# Area for improvement 1", "The force should improve how it records crime."),
    page(2, "# Area for improvement 2", "The Widget Standards Panel should publish new standards."),
)


@pytest.fixture(scope="module")
def built_db(tmp_path_factory, extractor) -> Path:
    path = tmp_path_factory.mktemp("export") / "items.db"
    db = store.connect(path)
    for doc in (THEMATIC, PEEL):
        with store.transaction(db):
            store.write_document(db, doc)
    extract_reports(db, extractor)
    db.conn.close()
    return path


@pytest.fixture
def db_path(built_db: Path, tmp_path: Path) -> Path:
    """A fresh copy per test: some tests re-extract or delete rows."""
    path = tmp_path / "items.db"
    for source in built_db.parent.glob(built_db.name + "*"):
        shutil.copyfile(source, tmp_path / source.name)
    return path


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def export(db_path: Path, *args: str, fmt: str = "jsonl") -> str:
    return run("export", "--db", str(db_path), "--format", fmt, *args).stdout


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def assert_contract_object(obj: dict) -> None:
    assert isinstance(obj["id"], str) and obj["id"]
    report = obj["report"]
    assert isinstance(report["file"], str) and report["file"].endswith(".pdf")
    assert isinstance(report["sha256"], str) and re.fullmatch(r"[0-9a-f]{64}", report["sha256"])
    assert report["title"] is None or isinstance(report["title"], str)
    if report["published"] is None:
        assert report["published_precision"] is None
    else:
        assert PUBLISHED[report["published_precision"]].match(report["published"])
    assert obj["kind"] in KINDS
    assert obj["number"] is None or (isinstance(obj["number"], str) and obj["number"])
    assert obj["label"] is None or isinstance(obj["label"], str)
    assert obj["parent"] is None or isinstance(obj["parent"], str)
    assert isinstance(obj["text"], str) and obj["text"] == " ".join(obj["text"].split())
    assert isinstance(obj["addressees"], list) and all(isinstance(a, str) and ID.match(a) for a in obj["addressees"])
    assert len(obj["addressees"]) == len(set(obj["addressees"]))
    assert obj["addressee_text"] is None or isinstance(obj["addressee_text"], str)
    deadline = obj["deadline"]
    assert set(deadline) >= {"kind", "date", "text"}
    assert deadline["kind"] in DEADLINE_KINDS
    assert deadline["date"] is None or ISO_DATE.match(deadline["date"])
    assert deadline["text"] is None or isinstance(deadline["text"], str)
    if deadline["kind"] in ("none", "immediate", "event"):
        assert deadline["date"] is None
    if deadline["kind"] == "none":
        assert deadline["text"] is None
    assert isinstance(obj["page"], int) and isinstance(obj["page_end"], int)
    assert 1 <= obj["page"] <= obj["page_end"]
    assert obj["review_status"] in REVIEW_STATUSES


def test_jsonl_objects_follow_the_contract(db_path):
    objects = jsonl(export(db_path))
    assert len(objects) == 6
    for obj in objects:
        assert_contract_object(obj)
    ids = [o["id"] for o in objects]
    assert len(ids) == len(set(ids))
    assert all(o["parent"] in ids for o in objects if o["parent"])
    by_label = {(o["report"]["file"], o["kind"], o["number"]): o for o in objects}

    first = by_label[("vetting.pdf", "recommendation", "1")]
    assert first["report"] == {"file": "vetting.pdf", "sha256": THEMATIC.sha256, "title": "An inspection of vetting",
                               "published": "2023-03-08", "published_precision": "day", "subject": None}
    assert first["label"] == "Recommendation 1"
    assert first["parent"] is None
    assert first["text"] == ("By 31 March 2024, chief constables should make sure their officers are trained in "
                             "vetting procedures.")
    assert first["addressees"] == ["chief_constables"]
    assert first["addressee_text"] == "chief constables"
    assert first["deadline"] == {"kind": "date", "date": "2024-03-31", "text": "By 31 March 2024"}
    assert (first["page"], first["page_end"]) == (2, 3)
    assert first["review_status"] == "pending"

    second = by_label[("vetting.pdf", "recommendation", "2")]
    assert second["addressees"] == ["home_office", "college_of_policing"]
    assert second["deadline"]["kind"] == "relative" and second["deadline"]["date"] == "2023-09-08"

    cause = next(o for o in objects if o["kind"] == "cause_of_concern")
    child = next(o for o in objects if o["parent"] == cause["id"])
    assert child["text"] == "Within three months, the force should: review its safeguarding referrals."
    assert (child["number"], child["label"]) == (None, None)
    assert child["addressees"] == ["force"]
    # publication date unknown: a relative deadline keeps its kind and has no date
    assert child["deadline"]["kind"] == "relative" and child["deadline"]["date"] is None
    assert cause["report"]["published"] is None

    unknown = by_label[("peel-widgetshire.pdf", "area_for_improvement", "2")]
    assert unknown["addressees"] == []
    assert unknown["addressee_text"] == "The Widget Standards Panel"


MONTH_ONLY = [
    # (publication as stored, precision given by ingest, exported precision, the relative deadline's date)
    ("2023-03", "month", "month", "2023-09-01"),  # "March 2023" on the cover: counted from 1 March
    ("2023-03", None, "month", "2023-09-01"),  # the value says its own precision where the caller did not
    ("2023-03-08", "day", "day", "2023-09-08"),
    ("2023", "year", "year", "2023-07-01"),
    (None, None, None, None),
]


@pytest.mark.parametrize("published, given, precision, due", MONTH_ONLY)
def test_publication_precision_is_stored_exported_and_counted_from(tmp_path, extractor, published, given, precision, due):
    doc = document("monthly.pdf", "A monthly report", published, "hmicfrs_thematic",
                   page(1, "# A monthly report"),
                   page(2, "# Recommendation 1", "Within six months of the publication of this report, the Home "
                        "Office should fund a national vetting database."))
    doc = replace(doc, meta=replace(doc.meta, published_precision=given))
    db = store.connect(tmp_path / "monthly.db")
    with store.transaction(db):
        store.write_document(db, doc)
    extract_reports(db, extractor)
    stored = db.execute("select published, published_precision from reports").fetchone()
    db.conn.close()
    assert tuple(stored) == (published, precision)
    [obj] = jsonl(export(tmp_path / "monthly.db"))
    assert_contract_object(obj)
    assert (obj["report"]["published"], obj["report"]["published_precision"]) == (published, precision)
    assert (obj["deadline"]["kind"], obj["deadline"]["date"]) == ("relative", due)
    [row] = list(csv.DictReader(io.StringIO(export(tmp_path / "monthly.db", fmt="csv"))))
    assert (row["report_published"], row["report_published_precision"]) == (published or "", precision or "")


def test_json_is_the_same_objects_in_one_array(db_path):
    array = json.loads(export(db_path, fmt="json"))
    assert isinstance(array, list)
    assert array == jsonl(export(db_path))


def test_csv_flattens_the_same_objects(db_path):
    objects = jsonl(export(db_path))
    rows = list(csv.DictReader(io.StringIO(export(db_path, fmt="csv"))))
    assert len(rows) == len(objects)
    for row, obj in zip(rows, objects):
        assert row["id"] == obj["id"]
        assert row["report_file"] == obj["report"]["file"]
        assert row["report_sha256"] == obj["report"]["sha256"]
        assert row["report_title"] == (obj["report"]["title"] or "")
        assert row["report_published"] == (obj["report"]["published"] or "")
        assert row["report_published_precision"] == (obj["report"]["published_precision"] or "")
        for key in ("kind", "number", "label", "parent", "text", "addressee_text", "review_status"):
            assert row[key] == (obj[key] or ""), key
        assert (row["addressees"].split("; ") if row["addressees"] else []) == obj["addressees"]
        assert row["deadline_kind"] == obj["deadline"]["kind"]
        assert row["deadline_date"] == (obj["deadline"]["date"] or "")
        assert row["deadline_text"] == (obj["deadline"]["text"] or "")
        assert int(row["page"]) == obj["page"] and int(row["page_end"]) == obj["page_end"]


@pytest.mark.parametrize("key", ["vetting.pdf", "sha", "id"])
def test_filter_by_report(db_path, key):
    value = {"vetting.pdf": "vetting.pdf", "sha": THEMATIC.sha256, "id": THEMATIC.report_id}[key]
    objects = jsonl(export(db_path, "--report", value))
    assert len(objects) == 2
    assert {o["report"]["file"] for o in objects} == {"vetting.pdf"}


def test_filter_by_kind(db_path):
    objects = jsonl(export(db_path, "--kind", "area_for_improvement"))
    assert [(o["kind"], o["number"]) for o in objects] == [("area_for_improvement", "1"), ("area_for_improvement", "2")]
    assert jsonl(export(db_path, "--kind", "conclusion")) == []


def test_filter_by_addressee(db_path):
    objects = jsonl(export(db_path, "--addressee", "college_of_policing"))
    assert [(o["report"]["file"], o["number"]) for o in objects] == [("vetting.pdf", "2")]
    objects = jsonl(export(db_path, "--addressee", "force"))
    assert {o["kind"] for o in objects} == {"recommendation", "area_for_improvement"}
    assert all("force" in o["addressees"] for o in objects)


def test_filters_combine(db_path):
    objects = jsonl(export(db_path, "--report", "peel-widgetshire.pdf", "--kind", "recommendation", "--addressee", "force"))
    assert len(objects) == 1 and objects[0]["parent"]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_output_file(db_path, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--db", str(db_path), "--format", fmt, "--output", str(target))
    assert result.stdout == ""
    assert "exported 6 items" in result.stderr
    assert target.read_text(encoding="utf-8") == export(db_path, fmt=fmt)


def test_export_needs_an_existing_database(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def _item_rows(path: Path) -> list[dict]:
    db = store.connect(path, create=False)
    try:
        return [dict(r) for r in db.query("select * from items order by id")] + [
            dict(r) for r in db.query("select * from item_addressees order by item_id, position")
        ] + [dict(r) for r in db.query("select * from report_checks order by report_id")]
    finally:
        db.conn.close()


def test_extract_twice_gives_identical_rows(db_path):
    before_rows, before_export = _item_rows(db_path), export(db_path)
    result = run("extract", "--db", str(db_path))
    assert "extracted 6 items from 2 reports" in result.stderr
    run("extract", "--db", str(db_path), "--report", "vetting.pdf")
    assert _item_rows(db_path) == before_rows
    assert export(db_path) == before_export


def test_extract_dry_run_writes_nothing(db_path):
    db = store.connect(db_path, create=False)
    db.execute("delete from item_addressees where report_id = ?", [PEEL.report_id])
    db.execute("delete from items where report_id = ?", [PEEL.report_id])
    db.conn.commit()
    db.conn.close()
    result = run("extract", "--db", str(db_path), "--dry-run")
    assert "would write 6 items" in result.stderr
    assert len(jsonl(export(db_path))) == 2


def _make_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780.0

    def line(text: str, bold: bool = False, size: float = 11) -> None:
        nonlocal y
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        pdf.drawString(72, y, text)
        y -= size * 1.6

    line("An inspection of widget vetting in police forces", True, 20)
    y -= 20
    line("HMICFRS")
    line("Published: 8 March 2023")
    pdf.showPage()
    y = 780.0
    line("Recommendation 1", True, 13)
    line("By 31 March 2024, chief constables should make sure their officers are trained")
    line("in vetting procedures.")
    y -= 12
    line("Recommendation 2", True, 13)
    line("Within six months of the publication of this report, the Home Office should")
    line("fund vetting.")
    pdf.showPage()
    y = 780.0
    line("Area for improvement 1", True, 13)
    line("The force should improve how it records crime.")
    pdf.showPage()
    pdf.save()


def test_ingested_pdf_same_bytes_same_rows(tmp_path):
    pdf = tmp_path / "widget-vetting.pdf"
    _make_pdf(pdf)
    exports = []
    for name in ("one.db", "two.db"):
        run("ingest", str(pdf), "--db", str(tmp_path / name), "--workers", "1", "--quiet")
        exports.append(export(tmp_path / name))
    assert exports[0] == exports[1]
    objects = jsonl(exports[0])
    for obj in objects:
        assert_contract_object(obj)
    assert objects[0]["report"]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert objects[0]["report"]["published"] == "2023-03-08"
    assert [(o["kind"], o["number"], o["page"], o["addressees"], o["deadline"]["date"]) for o in objects] == [
        ("recommendation", "1", 2, ["chief_constables"], "2024-03-31"),
        ("recommendation", "2", 2, ["home_office"], "2023-09-08"),
        ("area_for_improvement", "1", 3, ["force"], None),
    ]
    run("extract", "--db", str(tmp_path / "one.db"))
    assert export(tmp_path / "one.db") == exports[0]


def test_extract_after_a_rules_edit_rereads_only_the_stored_pages(db_path, tmp_path):
    from pipeline.rules import DEFAULT_RULES_DIR

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    with open(rules / "addressees.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "addr.widget_standards_panel", "addressee": "widget_standards_panel",
                                 "flags": "i", "pattern": "\\b(?:the\\s+)?Widget\\s+Standards\\s+Panel\\b"}) + "\n")
    before = {o["id"]: o for o in jsonl(export(db_path))}
    run("extract", "--db", str(db_path), "--rules", str(rules))  # no PDF exists anywhere for these reports
    after = {o["id"]: o for o in jsonl(export(db_path))}
    assert sorted(after) == sorted(before)
    changed = [i for i in after if after[i] != before[i]]
    assert len(changed) == 1
    assert after[changed[0]]["addressees"] == ["widget_standards_panel"]
    db = store.connect(db_path, create=False)
    try:
        fingerprints = {r["rules_fingerprint"] for r in db.query("select rules_fingerprint from report_checks")}
        rows = list(db.query("select rules, needs_review from items where id = ?", [changed[0]]))
    finally:
        db.conn.close()
    assert fingerprints == {load_rules(rules).fingerprint} != {load_rules().fingerprint}
    assert "addr.widget_standards_panel" in json.loads(rows[0]["rules"])
    assert rows[0]["needs_review"] == 0
