"""`hmicfrs track`: status, monitoring level, owner, evidence and closure date per item; a revised
due date needs a reason and keeps the extracted one beside it; overdue and due-soon from a date.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline import store
from pipeline.review.track import tracked_items
from test_review import audit_rows, hmicfrs, table


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


def tracked(db: Path, today: date | None = None) -> dict[str, dict]:
    return {row["id"]: row for row in tracked_items(store.connect(db, create=False), today)}


def tracking(db: Path) -> dict[str, dict]:
    return {row["item_id"]: row for row in table(db, "tracking")}


TODAY = date.today().isoformat()

# track options -> the tracking row's fields afterwards
TRACKING = [
    (("--status", "in_progress"), {"status": "in_progress", "level": None, "closed_on": None}),
    (("--level", "3"), {"status": "open", "level": 3}),
    (("--owner", "DCI Smith", "--evidence", "Training records, May 2024"),
     {"status": "open", "owner": "DCI Smith", "evidence": "Training records, May 2024"}),
    (("--status", "closed", "--closed-on", "2024-05-01"), {"status": "closed", "closed_on": "2024-05-01"}),
    (("--status", "closed"), {"status": "closed", "closed_on": TODAY}),
    (("--due", "2024-09-30", "--reason", "awaiting national guidance"),
     {"due_revised": "2024-09-30", "due_reason": "awaiting national guidance", "due_changed_on": TODAY}),
]


@pytest.mark.parametrize("options, expected", TRACKING, ids=[" ".join(o) for o, _e in TRACKING])
def test_track_records_what_it_is_told(db, names, options, expected):
    item = names["rec1"]
    hmicfrs("track", item, "--db", db, *options, "--by", "liaison")
    row = tracking(db)[item]
    assert {k: row[k] for k in expected} == expected
    assert row["updated_by"] == "liaison"


def test_later_updates_keep_earlier_fields(db, names):
    item = names["rec1"]
    hmicfrs("track", item, "--db", db, "--level", 2, "--owner", "DCI Smith")
    hmicfrs("track", item, "--db", db, "--status", "in_progress")
    row = tracking(db)[item]
    assert (row["status"], row["level"], row["owner"]) == ("in_progress", 2, "DCI Smith")


def test_a_closed_item_can_have_its_closure_date_put_right(db, names):
    item = names["rec1"]
    hmicfrs("track", item, "--db", db, "--status", "closed", "--closed-on", "2024-05-01")
    hmicfrs("track", item, "--db", db, "--closed-on", "2024-04-30")
    assert (tracking(db)[item]["status"], tracking(db)[item]["closed_on"]) == ("closed", "2024-04-30")


def test_reopening_an_item_clears_its_closure_date(db, names):
    item = names["rec1"]
    hmicfrs("track", item, "--db", db, "--status", "closed", "--closed-on", "2024-05-01")
    hmicfrs("track", item, "--db", db, "--status", "open")
    assert (tracking(db)[item]["status"], tracking(db)[item]["closed_on"]) == ("open", None)
    assert [(r["field"], r["old"], r["new"]) for r in audit_rows(db)][-2:] == [
        ("status", "closed", "open"), ("closed_on", "2024-05-01", None)]


def test_a_revised_due_date_without_a_reason_is_refused(db, names):
    item = names["rec1"]
    result = hmicfrs("track", item, "--db", db, "--due", "2024-09-30", ok=False)
    assert result.exit_code == 1 and "a revised due date needs --reason" in result.stderr
    assert tracking(db) == {} and audit_rows(db) == []
    assert tracked(db)[item]["due"] == "2024-03-31"


def test_a_revised_due_date_keeps_the_extracted_one_beside_it(db, names):
    item = names["rec1"]
    hmicfrs("track", item, "--db", db, "--due", "2024-09-30", "--reason", "awaiting national guidance", "--by", "liaison")
    row = tracked(db)[item]
    assert (row["due"], row["due_extracted"], row["due_revised"], row["due_reason"]) == (
        "2024-09-30", "2024-03-31", "2024-09-30", "awaiting national guidance")
    got = [(r["by"], r["item_id"], r["action"], r["field"], r["old"], r["new"], r["note"]) for r in audit_rows(db)]
    assert got == [
        ("liaison", item, "track", "due_revised", None, "2024-09-30", "awaiting national guidance"),
        ("liaison", item, "track", "due_reason", None, "awaiting national guidance", "awaiting national guidance"),
        ("liaison", item, "track", "due_changed_on", None, TODAY, "awaiting national guidance"),
    ]
    # A second revision is logged with the old revised date.
    hmicfrs("track", item, "--db", db, "--due", "2024-12-31", "--reason", "guidance delayed")
    assert [(r["field"], r["old"], r["new"]) for r in audit_rows(db)][3] == ("due_revised", "2024-09-30", "2024-12-31")


def test_every_tracking_change_is_logged(db, names):
    item = names["rec2"]
    hmicfrs("track", item, "--db", db, "--status", "in_progress", "--level", 1, "--owner", "Supt Jones", "--by", "pat")
    hmicfrs("track", item, "--db", db, "--level", 1, "--by", "pat")  # no change, no entry
    hmicfrs("track", item, "--db", db, "--evidence", "Guidance published", "--status", "closed",
            "--closed-on", "2023-06-01", "--by", "pat")
    got = [(r["by"], r["action"], r["field"], r["old"], r["new"]) for r in audit_rows(db)]
    assert got == [
        ("pat", "track", "status", "open", "in_progress"),
        ("pat", "track", "level", None, "1"),
        ("pat", "track", "owner", None, "Supt Jones"),
        ("pat", "track", "status", "in_progress", "closed"),
        ("pat", "track", "evidence", None, "Guidance published"),
        ("pat", "track", "closed_on", None, "2023-06-01"),
    ]
    assert all(r["at"] for r in audit_rows(db))


@pytest.mark.parametrize("options, code, message", [
    (("--level", "5"), 2, "Invalid value for '--level'"),
    (("--status", "done"), 2, "Invalid value for '--status'"),
    (("--status", "closed", "--closed-on", "1/5/2024"), 1, "bad date '1/5/2024'"),
    (("--closed-on", "2024-05-01"), 1, "a closure date is for a closed item: add --status closed"),
    (("--status", "in_progress", "--closed-on", "2024-05-01"), 1, "a closure date is for a closed item"),
    (("--due", "2024-02-30", "--reason", "x"), 1, "bad date '2024-02-30'"),
])
def test_bad_tracking_values_are_refused(db, names, options, code, message):
    result = hmicfrs("track", names["rec1"], "--db", db, *options, ok=False)
    assert result.exit_code == code and message in result.output
    assert tracking(db) == {} and audit_rows(db) == []


def test_an_unknown_item_cannot_be_tracked(db):
    result = hmicfrs("track", "nope-rec9", "--db", db, "--status", "closed", ok=False)
    assert result.exit_code == 1 and "no item 'nope-rec9'" in result.stderr


# today -> (overdue, due within 90 days) among rec1 (due 2024-03-31) and rec2 (due 2023-06-30)
DUE = [
    ("2023-01-01", set(), set()),
    ("2023-03-31", set(), set()),            # rec2 is 91 days away
    ("2023-04-01", set(), {"rec2"}),         # exactly 90 days
    ("2023-06-30", set(), {"rec2"}),         # due today: not yet overdue
    ("2023-07-01", {"rec2"}, set()),
    ("2024-01-01", {"rec2"}, {"rec1"}),      # 2024 is a leap year: 31 March is 90 days on
    ("2024-04-01", {"rec1", "rec2"}, set()),
]


@pytest.mark.parametrize("today, overdue, soon", DUE, ids=[d[0] for d in DUE])
def test_overdue_and_due_soon_from_today(db, names, today, overdue, soon):
    rows = tracked(db, date.fromisoformat(today))
    assert {k for k in ("rec1", "rec2", "rec3", "afi1", "coc") if rows[names[k]]["overdue"]} == overdue
    assert {k for k in ("rec1", "rec2", "rec3", "afi1", "coc") if rows[names[k]]["due_soon"]} == soon


def test_closed_items_are_never_overdue_and_revised_dates_count(db, names):
    hmicfrs("track", names["rec2"], "--db", db, "--status", "closed")
    hmicfrs("track", names["rec1"], "--db", db, "--due", "2024-06-30", "--reason", "agreed with HMICFRS")
    rows = tracked(db, date(2024, 4, 1))
    assert (rows[names["rec2"]]["overdue"], rows[names["rec2"]]["due_soon"]) == (False, False)
    assert (rows[names["rec1"]]["overdue"], rows[names["rec1"]]["due_soon"]) == (False, True)


def test_rejected_items_are_not_tracked(db, names):
    hmicfrs("review", "reject", names["rec2"], "--db", db)
    assert names["rec2"] not in tracked(db)


def test_a_corrected_deadline_is_the_due_date(db, names):
    hmicfrs("review", "correct", names["rec3"], "--db", db, "--set", "deadline_date=2025-01-31", "--set", "deadline_kind=date")
    assert tracked(db)[names["rec3"]]["due"] == "2025-01-31"
