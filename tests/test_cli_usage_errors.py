"""A filter naming a kind, addressee or report the database cannot hold is a usage error (exit 2)
with the nearest valid value, in every command that takes one; a near-miss never reads as an
empty result. `backup DEST/` makes the folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_review import REPORT_FILE, hmicfrs


@pytest.fixture
def db(vetting_db: Path) -> Path:
    return vetting_db


COMMANDS = [
    ("export",),
    ("export", "--format", "csv"),
    ("review", "list"),
    ("calendar",),
]
BAD = [
    ("--kind", "recomendation", "did you mean 'recommendation'?"),
    ("--kind", "area_of_improvement", "did you mean 'area_for_improvement'?"),
    ("--kind", "widgets", "one of: area_for_improvement, cause_of_concern"),
    ("--addressee", "chief_constable", "did you mean 'chief_constables'?"),
    ("--addressee", "collage_of_policing", "did you mean 'college_of_policing'?"),
    ("--report", "veting.pdf", "did you mean 'vetting.pdf'?"),
    ("--report", "other.pdf", "unknown report 'other.pdf'"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("option, value, message", BAD, ids=[f"{o}={v}" for o, v, _m in BAD])
def test_unknown_filter_values_are_usage_errors(db, command, option, value, message):
    if command == ("calendar",) and option != "--addressee":
        pytest.skip("the calendar filters by addressee only")
    result = hmicfrs(*command, "--db", db, option, value, ok=False)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "exported" not in result.output


@pytest.mark.parametrize("option, value", [
    ("--kind", "recommendation"), ("--addressee", "chief_constables"), ("--report", REPORT_FILE),
    ("--addressee", "police_and_crime_commissioners"),  # known to the rules though no item has it
])
def test_the_near_misses_right_way_round_are_fine(db, option, value):
    for command in COMMANDS:
        if command == ("calendar",) and option != "--addressee":
            continue
        assert hmicfrs(*command, "--db", db, option, value).exit_code == 0


def test_suspects_have_no_addressee_filter(db):
    result = hmicfrs("review", "list", "--db", db, "--status", "suspected", "--addressee", "chief_constables", ok=False)
    assert result.exit_code == 2 and "--addressee does not apply" in result.output


@pytest.mark.parametrize("dest", ["backups/", "backups/nested/"])
def test_backup_to_a_new_folder_makes_it_and_a_time_stamped_file(db, tmp_path, monkeypatch, dest):
    monkeypatch.chdir(tmp_path)
    hmicfrs("backup", dest, "--db", db)
    made = list(Path(tmp_path / dest).glob(f"{Path(db).stem}-*.db"))  # named after the database
    assert len(made) == 1 and made[0].stat().st_size > 0


def test_backup_to_a_new_name_without_a_slash_is_a_file(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hmicfrs("backup", "copy.db", "--db", db)
    assert (tmp_path / "copy.db").is_file()
