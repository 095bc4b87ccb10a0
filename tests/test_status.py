"""`hmicfrs status [--json]`: the committee paper's table (causes of concern, recommendations and
areas for improvement, by monitoring level where set; open, closed, total) and the counts that
need attention: pending review, changed since review, overdue, due in the next 90 days.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_review import REPORT_FILE, hmicfrs


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


def summary(db: Path, today: str = "2023-01-01") -> dict:
    return json.loads(hmicfrs("status", "--db", db, "--json", "--today", today).stdout)


def rows(db: Path, today: str = "2023-01-01") -> list[tuple]:
    return [(r["type"], r["open"], r["closed"], r["total"]) for r in summary(db, today)["table"]]


def test_untracked_items_are_open_and_pending(db):
    assert rows(db) == [("Cause of concern", 1, 0, 1), ("Recommendation", 3, 0, 3), ("AFI", 1, 0, 1)]
    got = summary(db)
    assert {k: got[k] for k in ("pending_review", "changed_since_review", "overdue", "due_next_90_days", "today")} == {
        "pending_review": 5, "changed_since_review": 0, "overdue": 0, "due_next_90_days": 0, "today": "2023-01-01"}


def test_rows_by_level_where_set(db, names):
    hmicfrs("track", names["rec1"], "--db", db, "--level", 1)
    hmicfrs("track", names["rec2"], "--db", db, "--level", 1, "--status", "closed")
    hmicfrs("track", names["rec3"], "--db", db, "--level", 2, "--status", "in_progress")
    hmicfrs("track", names["coc"], "--db", db, "--level", 3)
    assert rows(db) == [
        ("Cause of concern Level 3", 1, 0, 1),
        ("Recommendation Level 1", 1, 1, 2),
        ("Recommendation Level 2", 1, 0, 1),  # in progress counts as open
        ("AFI", 1, 0, 1),
    ]


def test_items_without_a_level_get_their_own_row_beside_levelled_ones(db, names):
    hmicfrs("track", names["rec1"], "--db", db, "--level", 4, "--status", "closed")
    assert rows(db) == [
        ("Cause of concern", 1, 0, 1), ("Recommendation Level 4", 0, 1, 1), ("Recommendation (no level)", 2, 0, 2),
        ("AFI", 1, 0, 1),
    ]


def test_review_decisions_shape_the_table(db, names):
    hmicfrs("review", "reject", names["rec3"], "--db", db)  # not on the tracker
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    hmicfrs("review", "correct", names["afi1"], "--db", db, "--set", "kind=recommendation")  # moves row
    hmicfrs("review", "add", "--db", db, "--report", REPORT_FILE, "--kind", "matter_of_concern",
            "--text", "The force should publish its vetting data.")
    assert rows(db) == [
        ("Cause of concern", 1, 0, 1), ("Recommendation", 3, 0, 3), ("AFI", 0, 0, 0), ("Matter of concern", 1, 0, 1),
    ]
    assert summary(db)["pending_review"] == 2  # the cause of concern and recommendation 2


# --today -> (overdue, due in the next 90 days): rec1 is due 2024-03-31, rec2 2023-06-30
@pytest.mark.parametrize("today, overdue, soon", [
    ("2023-01-01", 0, 0), ("2023-04-01", 0, 1), ("2023-07-01", 1, 0), ("2024-01-01", 1, 1), ("2024-04-01", 2, 0),
])
def test_overdue_and_due_soon_counts(db, today, overdue, soon):
    got = summary(db, today)
    assert (got["overdue"], got["due_next_90_days"], got["today"]) == (overdue, soon, today)


def test_closing_and_revising_move_the_counts(db, names):
    hmicfrs("track", names["rec2"], "--db", db, "--status", "closed")
    hmicfrs("track", names["rec1"], "--db", db, "--due", "2024-12-31", "--reason", "agreed extension")
    got = summary(db, "2024-04-01")
    assert (got["overdue"], got["due_next_90_days"]) == (0, 0)


def test_the_table_as_text(db, names):
    hmicfrs("track", names["rec2"], "--db", db, "--level", 1, "--status", "closed")
    hmicfrs("track", names["rec1"], "--db", db, "--level", 1)
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    out = hmicfrs("status", "--db", db, "--today", "2024-01-01").stdout.splitlines()
    assert [line.split() for line in out] == [
        ["Open", "Closed", "Total"],
        ["Cause", "of", "concern", "1", "0", "1"],
        ["Recommendation", "Level", "1", "1", "1", "2"],
        ["Recommendation", "(no", "level)", "1", "0", "1"],
        ["AFI", "1", "0", "1"],
        [],
        ["pending", "review:", "4", "changed", "since", "review:", "0"],
        ["overdue:", "0", "due", "in", "the", "next", "90", "days:", "1", "(as", "of", "2024-01-01)"],
    ]
    # the numbers line up under their headings
    assert len({len(line) for line in out[:5]}) == 1


def test_status_defaults_to_today(db):
    from datetime import date

    assert json.loads(hmicfrs("status", "--db", db, "--json").stdout)["today"] == date.today().isoformat()


@pytest.mark.parametrize("today", ["2024-13-01", "tomorrow"])
def test_a_bad_today_is_refused(db, today):
    result = hmicfrs("status", "--db", db, "--today", today, ok=False)
    assert result.exit_code == 1 and f"bad date '{today}'" in result.stderr


def test_no_database_is_an_error(tmp_path):
    result = hmicfrs("status", "--db", tmp_path / "none.db", ok=False)
    assert result.exit_code == 1 and "no database" in result.stderr
