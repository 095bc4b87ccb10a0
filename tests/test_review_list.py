"""`review list` answers: a header, the report's short title, kind, label, deadline and
addressees, filters by kind, addressee, report and status, and the same rows as JSON; `review
show --json` gives the item with why it needs review."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.review.listing import short_title
from test_review import REPORT_FILE, copy_db, hmicfrs


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


@pytest.fixture(scope="module")
def rec2_accepted(vetting_template: Path, vetting_names, tmp_path_factory) -> Path:
    """The template with rec2 accepted, made once per module: the filter rows only list it."""
    db = copy_db(vetting_template, tmp_path_factory.mktemp("listed") / "vetting.db")
    hmicfrs("review", "accept", vetting_names["rec2"], "--db", db)
    return db


def listed(db: Path, *args) -> list[dict]:
    return json.loads(hmicfrs("review", "list", "--db", db, "--json", *args).stdout)


def test_table_has_a_header_and_readable_columns(db, names):
    lines = hmicfrs("review", "list", "--db", db).stdout.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "REPORT", "KIND", "LABEL", "DEADLINE", "ADDRESSEES", "PAGE", "TEXT"]
    assert len(lines) == 6
    rec1 = next(line for line in lines if line.startswith(names["rec1"]))
    assert "Recommendation 1" in rec1 and "2024-03-31" in rec1 and "chief_constables" in rec1
    report_id = names["rec1"].split("-")[0]
    assert report_id not in rec1[len(names["rec1"]):]  # the report is named, not a hex prefix


@pytest.mark.parametrize("args, wanted", [
    ([], {"coc", "rec1", "rec2", "rec3", "afi1"}),
    (["--kind", "recommendation"], {"rec1", "rec2", "rec3"}),
    (["--kind", "cause_of_concern"], {"coc"}),
    (["--kind", "area_for_improvement"], {"afi1"}),
    (["--addressee", "college_of_policing"], {"rec2"}),
    (["--addressee", "chief_constables"], {"rec1", "rec3"}),
    (["--addressee", "police_and_crime_commissioners"], set()),  # known, but no item is for it
    (["--report", REPORT_FILE], {"coc", "rec1", "rec2", "rec3", "afi1"}),
    (["--status", "accepted"], {"rec2"}),
    (["--status", "accepted", "--kind", "area_for_improvement"], set()),
    (["--status", "pending", "--kind", "recommendation"], {"rec1", "rec3"}),
])
def test_filters(rec2_accepted, names, args, wanted):
    got = {row["id"] for row in listed(rec2_accepted, *args)}
    assert got == {names[n] for n in wanted}


def test_json_rows_carry_the_columns(db, names):
    row = next(r for r in listed(db) if r["id"] == names["rec1"])
    assert row["report"] == REPORT_FILE  # the report has no title: its file name stands for it
    assert row["kind"] == "recommendation" and row["label"] == "Recommendation 1"
    assert row["addressees"] == ["chief_constables"]
    assert row["deadline"] == "2024-03-31" and row["page"] == 2
    assert row["review_status"] == "pending" and row["changed_since_review"] is False


@pytest.mark.parametrize("title, file, expected", [
    ("An inspection of widget vetting", "a.pdf", "An inspection of widget vetting"),
    (None, "vetting.pdf", "vetting.pdf"),
    ("  ", "vetting.pdf", "vetting.pdf"),
    ("PEEL 2023-25: An inspection of Northshire Police and its work on vetting", "x.pdf",
     "PEEL 2023-25: An inspection of…"),
    ("A" * 60, "x.pdf", "A" * 39 + "…"),
])
def test_short_title(title, file, expected):
    assert short_title(title, file) == expected
    assert len(short_title(title, file)) <= 40


def test_show_json_gives_doubts_and_evidence(db, names):
    item = names["rec1"]
    detail = json.loads(hmicfrs("review", "show", item, "--db", db, "--json").stdout)
    assert detail["id"] == item and detail["kind"] == "recommendation"
    assert isinstance(detail["doubts"], list)
    assert "chief constables" in detail["evidence"].lower()


def test_show_names_an_items_doubts(db, names):
    # A correction to an unknown addressee is refused, so a doubt is planted as extraction would.
    import sqlite3
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update items set doubts = ?, needs_review = 1 where id = ?",
                     [json.dumps(["unknown addressee: the widget board"]), names["afi1"]])
    conn.close()
    detail = json.loads(hmicfrs("review", "show", names["afi1"], "--db", db, "--json").stdout)
    assert detail["doubts"] == ["unknown addressee: the widget board"]
    text = hmicfrs("review", "show", names["afi1"], "--db", db).stdout
    assert "NEEDS REVIEW BECAUSE\n  - unknown addressee: the widget board" in text
    clean = hmicfrs("review", "show", names["rec2"], "--db", db).stdout
    assert "NEEDS REVIEW BECAUSE" not in clean
