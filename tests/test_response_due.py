"""The 56-day loop (issue 14, part 6): each HMICFRS report on a force gets a "response due"
deadline for its PCC (publication + 56 days, section 55 of the Police Act 1996), shown in the
calendar, the overdue and due-soon queries and the brief, closed once the PCC's response is
tracked as published (or a response document answering it is recorded: store.responded_reports)."""
from __future__ import annotations

from datetime import date

import pytest
import yaml
from click.testing import CliRunner

from org_fixtures import build, report_id
from pipeline import store
from pipeline.cli.main import cli
from pipeline.review.ours import effective_org, response_due
from pipeline.serve.app import METADATA_FILE
from test_review import copy_db

MID, NORTH = report_id("peel-mid"), report_id("peel-north")


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory, made_up_rules):
    """The database with Midshire Police set, built once per module: each test writes to a copy."""
    path = build(tmp_path_factory.mktemp("due") / "hm.db")
    assert run("org", "set", "Midshire Police", "--rules", str(made_up_rules), "--db", str(path))[0] == 0
    return path


@pytest.fixture
def db_path(template, tmp_path):
    return copy_db(template, tmp_path / "hm.db")


@pytest.mark.parametrize("org, today, expected", [
    # (report, due, status, overdue, due soon); only reports on a force, never a fire or national report
    ("none", date(2023, 6, 1), {(MID, "2023-06-26", "open", False, True), (NORTH, "2023-08-05", "open", False, True)}),
    ("Midshire Police", date(2023, 6, 27), {(MID, "2023-06-26", "open", True, False)}),
    ("Midshire Police and Crime Commissioner", date(2023, 6, 26), {(MID, "2023-06-26", "open", False, True)}),
    ("Northshire Constabulary", date(2023, 1, 1), {(NORTH, "2023-08-05", "open", False, False)}),
    ("Midshire Fire and Rescue Service", date(2023, 6, 1), set()),
])
def test_one_deadline_per_report_on_a_force(db_path, org, today, expected):
    db = store.connect(db_path, create=False)
    found = {(d.report_id, d.due, d.status, d.overdue, d.due_soon) for d in response_due(db, effective_org(db, org), today)}
    assert found == expected


@pytest.mark.parametrize("published, due", [
    ("2023-05", None),  # a month only: no due day, left out
    ("2023", None),
    ("2024-01-05", "2024-03-01"),  # 56 days across February of a leap year
])
def test_due_needs_a_day_of_publication(tmp_path, made_up_rules, published, due):
    reports = [("peel-mid", "PEEL: Midshire Police", "Midshire Police", published, "hmicfrs_peel", [])]
    path = build(tmp_path / "one.db", reports=reports)
    run("org", "subjects", "--rules", str(made_up_rules), "--db", str(path))
    db = store.connect(path, create=False)
    assert [d.due for d in response_due(db, None)] == ([due] if due else [])


def test_a_tracked_response_closes_it(db_path):
    code, _out, err = run("org", "responded", "peel-mid.pdf", "--on", "2023-06-20", "--dry-run", "--db", str(db_path))
    assert code == 0 and "would record" in err
    db = store.connect(db_path, create=False)
    assert [d.status for d in response_due(db, effective_org(db, None))] == ["open"]
    code, _out, err = run("org", "responded", "peel-mid.pdf", "--on", "2023-06-20", "--by", "ann",
                          "--evidence", "https://example.org/pcc-response", "--db", str(db_path))
    assert code == 0, err
    [due] = response_due(db, effective_org(db, None), date(2023, 7, 1))
    assert (due.status, due.closed_by, due.overdue) == ("closed", "tracked", False)
    audit = list(db.query("select * from audit_log where item_id = ?", [store.RESPONSE_PREFIX + MID]))
    assert {(a["field"], a["new"], a["by"]) for a in audit} >= {("status", "closed", "ann"), ("closed_on", "2023-06-20", "ann")}


def _store_response_document(db, family: str, target: str) -> str:
    """A response document as ingest and `hmicfrs responses` leave it: a report of its family and
    its pairing with the report it answers."""
    response_id = "pcc-resp-" + family
    db["reports"].insert({"id": response_id, "sha256": response_id, "file": f"{family}.pdf", "pages": 1,
                          "family": family, "title": "Response"})
    store.write_responses(db, response_id, {"report_id": response_id, "target_report_id": target,
                                            "pairing_method": "title", "passages": 0, "linked": 0}, [])
    return response_id


@pytest.mark.parametrize("family, closed", [("pcc_response", True), ("government_response", False)])
def test_a_stored_pcc_response_document_closes_it(db_path, family, closed):
    """Wired through the responses tables: a PCC's response document answering the report closes
    its deadline, in Python and in the SQL the Datasette queries read; a government response does not."""
    db = store.connect(db_path, create=False)
    with store.transaction(db):
        _store_response_document(db, family, MID)
    assert (MID in store.responded_reports(db)) is closed
    [due] = response_due(db, effective_org(db, None), date(2023, 7, 1))
    assert (due.status, due.closed_by) == (("closed", "response") if closed else ("open", None))
    [row] = db.query("select status from response_due where report_id = ?", [MID])
    assert row["status"] == ("closed" if closed else "open")


@pytest.mark.parametrize("report, message", [
    ("frs-mid.pdf", "no response is due"),  # a fire report: no section 55
    ("national.pdf", "no response is due"),
    ("nowhere.pdf", "no report"),
])
def test_responded_refuses_reports_without_a_deadline(db_path, report, message):
    code, _out, err = run("org", "responded", report, "--db", str(db_path))
    assert code == 1 and message in err


def test_shown_in_the_calendar_the_brief_and_status(db_path):
    _code, ics, _err = run("calendar", "--db", str(db_path))
    assert "UID:response:" + MID in ics and "DTSTART;VALUE=DATE:20230626" in ics
    _code, brief, _err = run("brief", "--today", "2023-06-20", "--db", str(db_path))
    assert "PCC's comments on PEEL 2023-25: An inspection of Midshire Police" in brief and "26 June 2023" in brief
    _code, status, _err = run("status", "--today", "2023-06-27", "--db", str(db_path))
    assert "PCC response OVERDUE 2023-06-26" in status
    run("org", "responded", MID, "--on", "2023-06-20", "--db", str(db_path))
    _code, status, _err = run("status", "--today", "2023-06-27", "--db", str(db_path))
    assert "PCC response" not in status


def test_the_overdue_and_due_soon_queries_include_it(db_path):
    queries = yaml.safe_load(METADATA_FILE.read_text())["databases"]["hmicfrs"]["queries"]
    db = store.connect(db_path, create=False)
    for name in ("overdue", "due_next_90_days"):
        sql = queries[name]["sql"].replace("date('now')", "'2023-06-27'").replace(
            "date('now', '+90 days')", "'2023-09-25'")
        labels = [r["label"] for r in db.query(sql) if r["label"] == "PCC response due"]
        assert labels == (["PCC response due"] if name == "overdue" else []), name
    assert [r["report_title"] for r in db.query(queries["responses_due"]["sql"])] == [
        "PEEL 2023-25: An inspection of Midshire Police"]
