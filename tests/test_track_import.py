"""`hmicfrs track import` / `track export`: rows of another tracker matched to items (id, report +
number, else text with a score), applied through `hmicfrs track` (audit log), unmatched rows
listed with their reason, `--dry-run` changing nothing; and the export -> edit -> import round trip.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.similar import similarity
from pipeline.review.track_import import make_mapping, match_row, normal_number, plan, plan_row, Match
from test_review import audit_rows, hmicfrs, table


def item(id_, report, kind, number, text, title=None):
    return {"id": id_, "report_id": report, "report_file": f"{report}.pdf", "report_sha256": report * 4,
            "report_title": title or f"Inspection of {report}", "kind": kind, "number": number, "text": text}


ITEMS = [
    item("a-r1", "alpha", "recommendation", "1", "By 31 March 2024, chief constables should review vetting decisions "
         "for every officer recruited since 2019.", "An inspection of vetting in the police service"),
    item("a-r2", "alpha", "recommendation", "2", "The College of Policing should publish new guidance on vetting "
         "appeals.", "An inspection of vetting in the police service"),
    item("a-a1", "alpha", "area_for_improvement", "1", "The force should improve how it records vetting decisions.",
         "An inspection of vetting in the police service"),
    item("b-r1", "beta", "recommendation", "1", "Chief constables should make sure custody records are complete "
         "and audited each month.", "Custody suites in Midshire"),
    item("b-a2", "beta", "area_for_improvement", "2", "The force should make sure detainees get a meal at the "
         "usual times.", "Custody suites in Midshire"),
    item("b-a3", "beta", "area_for_improvement", "3", "The force should make sure detainees get a meal at the "
         "usual time.", "Custody suites in Midshire"),
]

# row cells -> (item id or None, how, a word the reason holds)
MATCHES = [
    ({"id": "a-r2"}, ("a-r2", "id", None)),
    ({"report": "alpha.pdf", "number": "Recommendation 2"}, ("a-r2", "report+number", None)),
    ({"report": "alpha", "number": "2"}, ("a-r2", "report+number", None)),
    ({"report": "An inspection of vetting in the police service", "number": "R 2"}, ("a-r2", "report+number", None)),
    ({"report": "inspection of vetting in police services", "number": "2"}, ("a-r2", "report+number", None)),
    # the number 1 is a recommendation and an area for improvement in alpha: the kind tells them apart
    ({"report": "alpha", "number": "1", "kind": "Area for improvement"}, ("a-a1", "report+number+kind", None)),
    ({"report": "alpha", "number": "1"}, (None, "unmatched", "several items")),
    ({"report": "alpha", "number": "1", "text": "improve how it records vetting decisions"},
     ("a-a1", "report+number+text", None)),
    # number 1 is in both reports: the report decides
    ({"report": "beta", "number": "1"}, ("b-r1", "report+number", None)),
    # a number the report does not have, with text: matched by text, said so
    ({"report": "alpha", "number": "7", "text": "The College of Policing should publish new guidance on vetting appeals"},
     ("a-r2", "text", "number 7")),
    ({"report": "alpha", "number": "7"}, (None, "unmatched", "no item numbered 7")),
    # the number says one item, the text another: not guessed
    ({"report": "alpha", "number": "2", "text": "The force should improve how it records vetting decisions."},
     (None, "unmatched", "fix the number or the text")),
    # only text, over every report; a portal's truncated title still matches
    ({"text": "Chief constables should make sure custody records are complete and audited"}, ("b-r1", "text", None)),
    ({"text": "chief constables should review vetting decisions for every officer"}, ("a-r1", "text", None)),
    # near-misses: text like two items at once, text like none, a report nobody has, nothing at all
    ({"text": "The force should make sure detainees get a meal"}, (None, "unmatched", "ambiguous")),
    # ... while the whole of one of the two is that one, not a coin toss
    ({"text": "The force should make sure detainees get a meal at the usual times"}, ("b-a2", "text", None)),
    ({"text": "Fire and rescue services should test hydrants every year."}, (None, "unmatched", "similar enough")),
    ({"report": "gamma", "number": "1"}, (None, "unmatched", "no report like")),
    ({"number": "1"}, (None, "unmatched", "nothing to match on")),
    ({"id": "no-such-item"}, (None, "unmatched", "is no item")),
]


@pytest.mark.parametrize("cells, expected", MATCHES, ids=[str(c) for c, _e in MATCHES])
def test_rows_match_items(cells, expected):
    found = match_row(cells, ITEMS)
    item_id, how, why = expected
    assert (found.item_id, found.how) == (item_id, how), found
    if why:
        assert why in (found.reason or ""), found.reason
    if how in ("text", "report+number+text"):
        assert found.score is not None and found.score >= 0.6


def test_the_threshold_decides_a_weak_text_match():
    cells = {"text": "custody records are complete"}
    assert match_row(cells, ITEMS, threshold=0.3).item_id == "b-r1"
    assert match_row(cells, ITEMS, threshold=0.9).item_id is None


@pytest.mark.parametrize("cell, number", [("Recommendation 3", "3"), ("AFI 3", "3"), ("3.", "3"), ("(3)", "3"),
                                          ("4.12", "4.12"), ("S12", "s12"), ("", "")])
def test_numbers_are_read_as_printed(cell, number):
    assert normal_number(cell) == number


@pytest.mark.parametrize("a, b, low, high", [
    ("The force should improve vetting.", "The force should improve vetting.", 1.0, 1.0),
    ("The force should improve vetting records", "the force should IMPROVE vetting records!", 1.0, 1.0),
    ("The force should improve vetting.", "Fire services should test hydrants.", 0.0, 0.5),
    ("", "anything", 0.0, 0.0),
])
def test_similarity(a, b, low, high):
    assert low <= similarity(a, b) <= high


MAPPING = make_mapping(["id", "status", "level", "owner", "closed_on", "due_revised", "due_reason"])
MATCHED = Match("a-r1", "id", 1.0)

# cells, current tracking -> (changes, problem)
PLANS = [
    ({"status": "Closed", "closed_on": "01/05/2024"}, None,
     ([("status", "open", "closed"), ("closed_on", None, "2024-05-01")], None)),
    ({"status": "in progress", "level": "Level 3"}, None, ([("status", "open", "in_progress"), ("level", None, 3)], None)),
    ({"status": "open", "level": "2"}, {"status": "open", "level": 2}, ([], None)),
    ({"owner": ""}, {"status": "open", "owner": "DCI Smith"}, ([], None)),  # an empty cell clears nothing
    ({"status": "done"}, None, ([], "is not one of")),
    ({"level": "5"}, None, ([], "level")),
    ({"closed_on": "31/02/2024", "status": "closed"}, None, ([], "bad date")),
    ({"due": "2025-01-31"}, None, ([("due", None, "2025-01-31")], "needs a reason")),
    ({"status": "open", "closed_on": "2024-05-01"}, {"status": "closed", "closed_on": "2024-05-01"},
     ([("status", "closed", "open")], None)),  # reopened: the old closure date in the row is no change
    ({"status": "open", "closed_on": "2024-06-01"}, {"status": "closed", "closed_on": "2024-05-01"},
     ([], "closure date")),
]


@pytest.mark.parametrize("cells, current, expected", PLANS, ids=[str(c) for c, _cur, _e in PLANS])
def test_plans_say_what_would_change(cells, current, expected):
    mapped = {"due": cells.pop("due")} if "due" in cells else {}
    row = plan_row(2, {**cells, **mapped}, MATCHED, current, MAPPING)
    changes, problem = expected
    assert [list(c) for c in row.changes] == [list(c) for c in changes]
    assert (problem in (row.problem or "")) if problem else row.problem is None, row.problem


def test_a_value_map_reads_a_trackers_words():
    mapping = make_mapping(["ref", "RAG"], {"id": "ref", "status": "RAG"}, {"status": {"Complete": "closed"}})
    [row] = plan([{"ref": "a-r1", "RAG": "complete"}], ITEMS, {}, mapping)
    assert row.state == "change" and dict(row.values)["status"] == "closed"


def test_two_rows_for_one_item_are_not_both_applied():
    mapping = make_mapping(["id", "status"])
    rows = plan([{"id": "a-r1", "status": "closed"}, {"id": "a-r1", "status": "open"}], ITEMS, {}, mapping)
    assert [r.state for r in rows] == ["change", "unmatched"]
    assert "also row 2" in rows[1].match.reason


@pytest.mark.parametrize("header, assignments, message", [
    (["Status"], {"status": "Status"}, "no column to match on"),
    (["id"], {}, "no tracking column"),
    (["id", "Status"], {"status": "State"}, "no column(s) 'State'"),
    (["id", "Status"], {"colour": "Status"}, "unknown field"),
])
def test_a_bad_mapping_is_refused(header, assignments, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_mapping(header, assignments)


# ---------------------------------------------------------------------------------------------
# Round trip through the CLI


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_unedited_export_imports_as_no_change(db, tmp_path, suffix):
    sheet = tmp_path / f"tracking{suffix}"
    hmicfrs("track", "export", sheet, "--db", db)
    result = hmicfrs("track", "import", sheet, "--db", db)
    states = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert states and set(states) == {"unchanged"}
    assert audit_rows(db) == [] and table(db, "tracking") == []


def test_round_trip_export_edit_dry_run_then_import(db, names, tmp_path):
    short = names
    sheet = tmp_path / "tracking.csv"
    hmicfrs("track", "export", sheet, "--db", db)
    rows = read_csv(sheet)
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) >= set(short.values())
    by_id[short["rec1"]].update(status="closed", closed_on="2024-05-01", level="2")
    by_id[short["rec2"]].update(owner="DCI Smith", level="3")
    # a portal's row: the id column blank, a wrong number but the right text
    by_id[short["rec3"]].update(id="", number="9", status="in_progress")
    # a row with only text (no id, no number, no report)
    by_id[short["afi1"]].update(id="", number="", report_file="", status="in_progress")
    rows.append({**{k: "" for k in rows[0]}, "text": "Fire services should test every hydrant yearly.",
                 "status": "closed"})
    write_csv(sheet, rows)

    dry = hmicfrs("track", "import", sheet, "--db", db, "--dry-run", "--by", "liaison", ok=False)
    assert dry.exit_code == 1  # one row is unmatched
    assert audit_rows(db) == [] and table(db, "tracking") == []
    lines = {line.split("\t")[2] or line.split("\t")[0]: line.split("\t") for line in dry.stdout.splitlines()}
    assert lines[short["rec1"]][1:4] == ["change", short["rec1"], "id"]
    assert "status: open -> closed" in lines[short["rec1"]][5]
    assert lines[short["rec3"]][3] == "text" and "number 9" in lines[short["rec3"]][5]
    assert lines[short["afi1"]][3] == "text" and float(lines[short["afi1"]][4]) >= 0.9
    unmatched = [parts for parts in lines.values() if parts[1] == "unmatched"]
    assert len(unmatched) == 1 and "similar enough" in unmatched[0][5]
    assert "nothing changed" in dry.stderr

    real = hmicfrs("track", "import", sheet, "--db", db, "--by", "liaison", ok=False)
    assert real.exit_code == 1 and real.stdout == dry.stdout
    tracking = {row["item_id"]: row for row in table(db, "tracking")}
    assert {k: tracking[short["rec1"]][k] for k in ("status", "closed_on", "level")} == \
        {"status": "closed", "closed_on": "2024-05-01", "level": 2}
    assert (tracking[short["rec2"]]["owner"], tracking[short["rec2"]]["level"]) == ("DCI Smith", 3)
    assert tracking[short["rec3"]]["status"] == tracking[short["afi1"]]["status"] == "in_progress"
    audit = {(row["item_id"], row["field"]): row for row in audit_rows(db)}
    assert set(audit) == {(short["rec1"], "status"), (short["rec1"], "closed_on"), (short["rec1"], "level"),
                          (short["rec2"], "owner"), (short["rec2"], "level"), (short["rec3"], "status"),
                          (short["afi1"], "status")}
    assert all(row["by"] == "liaison" and row["action"] == "track" and "tracking.csv row" in row["note"]
               for row in audit.values())
    again = hmicfrs("track", "import", sheet, "--db", db, ok=False)
    assert "0 change" in again.stderr or "applied 0 rows" in again.stderr
    assert len(audit_rows(db)) == len(audit)


def test_import_with_a_column_map_from_another_tracker(db, names, tmp_path):
    short = names
    sheet = tmp_path / "portal.csv"
    write_csv(sheet, [{"Report title": "vetting", "Rec no": "Recommendation 2",
                       "Status": "Closed", "Closure date": "03/04/2024", "Lead": "Supt Jones"}])
    hmicfrs("track", "import", sheet, "--db", db, "--map", "report=Report title", "--map", "number=Rec no",
            "--map", "status=Status", "--map", "closed_on=Closure date", "--map", "owner=Lead")
    row = {r["item_id"]: r for r in table(db, "tracking")}[short["rec2"]]
    assert (row["status"], row["closed_on"], row["owner"]) == ("closed", "2024-04-03", "Supt Jones")


@pytest.mark.parametrize("args, message", [
    (("--map", "colour=Status"), "--map needs FIELD=COLUMN"),
    (("--map", "status=Nope"), "no column(s) 'Nope'"),
])
def test_bad_maps_are_refused(db, tmp_path, args, message):
    sheet = tmp_path / "portal.csv"
    write_csv(sheet, [{"id": "x", "Status": "closed"}])
    result = hmicfrs("track", "import", sheet, "--db", db, *args, ok=False)
    assert result.exit_code in (1, 2) and message in result.output
    assert table(db, "tracking") == []


def test_track_id_still_means_track_set(db, names):
    item_id = names["rec1"]
    hmicfrs("track", item_id, "--db", db, "--status", "in_progress")
    hmicfrs("track", "set", item_id, "--db", db, "--level", "2")
    row = {r["item_id"]: r for r in table(db, "tracking")}[item_id]
    assert (row["status"], row["level"]) == ("in_progress", 2)
