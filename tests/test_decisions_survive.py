"""Human decisions survive `ingest --force`, `extract` and `extract` after a rules change.

Decisions live in their own tables keyed by the item's stable id. Where extraction now says
something else under a reviewed item, the item is flagged "changed since review" and shows both
(the export keeps the reviewed values); an item that extraction no longer finds keeps its
decision, rebuilt from the snapshot taken when it was reviewed.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from test_review import (
    REPORT_FILE, by_id, changed_fields, copy_db, edit_rule, export, hmicfrs, rules_copy, rules_of,
)

pytestmark = pytest.mark.usefixtures("parse_in_process")  # ingest is the means here (conftest.py)

REC1_TEXT = "By 31 March 2024, chief constables should make sure their officers are trained in vetting."
REC1_LONGER = REC1_TEXT + " The training is recorded each year."


@pytest.fixture(scope="module")
def template(vetting_template: Path) -> Path:
    return vetting_template  # built once per session (conftest.py), read only: copied per test


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    shutil.copy(template.parent / REPORT_FILE, tmp_path / REPORT_FILE)
    return copy_db(template, tmp_path / "survive.db")


@pytest.fixture
def rules(template: Path) -> Path:
    """The rules the template was ingested with."""
    return rules_of(template)


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """edited_rules(...) made once per module and edit, and only read by the tests: a rules folder
    becomes a spaCy pipeline once per folder and content (conftest.py), a quarter of a second
    each, which a folder of each test's own paid every time."""
    made: dict[tuple[bool, bool], Path] = {}

    def rules(*, whole_sections: bool = False, drop_rec3: bool = False) -> Path:
        if (whole_sections, drop_rec3) not in made:
            made[whole_sections, drop_rec3] = edited_rules(
                tmp_path_factory.mktemp("edited"), whole_sections=whole_sections, drop_rec3=drop_rec3)
        return made[whole_sections, drop_rec3]

    return rules


def edited_rules(tmp_path: Path, *, whole_sections: bool = False, drop_rec3: bool = False) -> Path:
    """The tests' rules with one or two rules edited the way a rules author would."""
    rules = rules_copy(tmp_path, "until_heading" if whole_sections else "single")
    if drop_rec3:  # only recommendations 1 and 2 are headings: Recommendation 3 is no longer found
        edit_rule(rules / "items.jsonl", "item.heading.recommendation", "pattern", _only_1_and_2)
        # its examples say "Recommendation 3" is a heading: a rules author would move that one
        edit_rule(rules / "items.jsonl", "item.heading.recommendation", "examples", _three_is_no_heading)
    return rules


def _only_1_and_2(pattern: str) -> str:
    edited = pattern.replace(r"\d{1,3}[a-z]?", "[12]")
    assert edited != pattern, "item.heading.recommendation changed shape: update this test's edit"
    return edited


def _three_is_no_heading(examples: dict) -> dict:
    match = [e for e in examples["match"] if "3" not in e]
    return {"match": match, "no_match": [*examples["no_match"], *[e for e in examples["match"] if "3" in e]]}


def review_three(db: Path, names: dict[str, str]) -> None:
    hmicfrs("review", "correct", names["rec1"], "--db", db, "--set", "deadline_date=2024-04-30",
            "--set", "addressees=chief_constables,police_and_crime_commissioners", "--by", "carol", "--note", "see p2")
    hmicfrs("review", "accept", names["rec2"], "--db", db, "--by", "alice")
    hmicfrs("review", "reject", names["rec3"], "--db", db, "--by", "bob", "--note", "duplicate")


def status_of(db: Path) -> dict[str, tuple]:
    return {o["id"]: (o["review_status"], o["changed_since_review"]) for o in export(db)}


def test_decisions_survive_ingest_force_and_extract(db, names, rules, tmp_path):
    review_three(db, names)
    reviewed = export(db)
    rec1 = by_id(reviewed)[names["rec1"]]
    assert rec1["review_status"] == "corrected"
    assert rec1["deadline"]["date"] == "2024-04-30"
    assert rec1["addressees"] == ["chief_constables", "police_and_crime_commissioners"]

    hmicfrs("ingest", "--force", "--workers", 1, "--quiet", "--db", db, "--rules", rules, tmp_path / REPORT_FILE)
    assert export(db) == reviewed
    hmicfrs("extract", "--db", db, "--rules", rules)
    assert export(db) == reviewed
    assert json.loads(hmicfrs("review", "list", "--db", db, "--status", "changed", "--json").stdout) == []


def test_decisions_survive_a_rules_change_that_alters_the_text(db, names, edited):
    review_three(db, names)
    before = export(db)
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True, drop_rec3=True))
    after = export(db)
    statuses = status_of(db)
    assert statuses == {
        names["coc"]: ("pending", False),
        names["rec1"]: ("corrected", True),  # its extracted text changed under the correction
        names["rec2"]: ("accepted", False),  # its extracted values did not change
        names["rec3"]: ("rejected", True),  # no longer extracted: rebuilt from the snapshot
        names["afi1"]: ("pending", False),
    }
    # The export still shows what the reviewers decided, and nothing but the flags moved.
    assert changed_fields(before, after) == {
        names["rec1"]: {"changed_since_review": (False, True)},
        names["rec3"]: {"changed_since_review": (False, True)},
    }
    listed = json.loads(hmicfrs("review", "list", "--db", db, "--status", "changed", "--json").stdout)
    assert {row["id"] for row in listed} == {names["rec1"], names["rec3"]}
    assert all(row["changed_since_review"] for row in listed)


def test_changed_since_review_shows_both_values(db, names, edited):
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True))
    obj = by_id(export(db))[names["rec1"]]
    assert (obj["review_status"], obj["changed_since_review"], obj["text"]) == ("accepted", True, REC1_TEXT)

    out = hmicfrs("review", "show", names["rec1"], "--db", db).stdout
    assert "CHANGED SINCE REVIEW" in out
    reviewed = json.loads(out.split("reviewed:", 1)[1].splitlines()[0])
    extracted = json.loads(out.split("extracted:", 1)[1].splitlines()[0])
    assert reviewed["text"] == REC1_TEXT
    assert extracted["text"] == REC1_LONGER
    assert reviewed["deadline_date"] == extracted["deadline_date"] == "2024-03-31"

    # Accepting again accepts what extraction says now, and clears the flag.
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    obj = by_id(export(db))[names["rec1"]]
    assert (obj["review_status"], obj["changed_since_review"], obj["text"]) == ("accepted", False, REC1_LONGER)


def test_a_corrected_field_wins_over_the_new_extraction(db, names, edited):
    hmicfrs("review", "correct", names["rec1"], "--db", db, "--set", "text=Chief constables should train officers.")
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True))
    obj = by_id(export(db))[names["rec1"]]
    assert (obj["review_status"], obj["changed_since_review"]) == ("corrected", True)
    assert obj["text"] == "Chief constables should train officers."


def test_pending_items_simply_follow_extraction(db, names, edited):
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True, drop_rec3=True))
    objects = by_id(export(db))
    assert objects[names["rec1"]]["text"] == REC1_LONGER
    assert objects[names["rec1"]]["changed_since_review"] is False
    assert names["rec3"] not in objects


def test_an_item_that_disappears_keeps_its_decision_and_comes_back_unchanged(db, names, rules, edited):
    hmicfrs("review", "accept", names["rec3"], "--db", db, "--by", "alice")
    original = by_id(export(db))[names["rec3"]]
    hmicfrs("extract", "--db", db, "--rules", edited(drop_rec3=True))
    rebuilt = by_id(export(db))[names["rec3"]]
    assert rebuilt == {**original, "changed_since_review": True}
    out = hmicfrs("review", "show", names["rec3"], "--db", db).stdout
    assert "Chief constables should review every vetting decision." in out

    hmicfrs("extract", "--db", db, "--rules", rules)  # the rules as they were find it again
    assert by_id(export(db))[names["rec3"]] == original


def test_added_items_survive_extract(db, rules, edited):
    item = hmicfrs("review", "add", "--db", db, "--report", REPORT_FILE, "--kind", "recommendation", "--number", "4",
                   "--text", "The Home Office should fund vetting.", "--addressees", "home_office").stdout.strip()
    added = by_id(export(db))[item]
    hmicfrs("extract", "--db", db, "--rules", rules)
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True, drop_rec3=True))
    assert by_id(export(db))[item] == added
    assert added["source"] == "manual"


def test_added_items_survive_ingest_force(db, rules, tmp_path):
    item = hmicfrs("review", "add", "--db", db, "--report", REPORT_FILE, "--kind", "recommendation", "--number", "4",
                   "--text", "The Home Office should fund vetting.").stdout.strip()
    added = by_id(export(db))[item]
    hmicfrs("ingest", "--force", "--workers", 1, "--quiet", "--db", db, "--rules", rules, tmp_path / REPORT_FILE)
    assert by_id(export(db))[item] == added


def test_tracking_survives_extract(db, names, rules, tmp_path, edited):
    hmicfrs("track", names["rec1"], "--db", db, "--status", "in_progress", "--level", 2, "--owner", "DCI Smith")
    hmicfrs("ingest", "--force", "--workers", 1, "--quiet", "--db", db, "--rules", rules, tmp_path / REPORT_FILE)
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True))
    summary = json.loads(hmicfrs("status", "--db", db, "--json").stdout)
    assert {"type": "Recommendation Level 2", "open": 1, "closed": 0, "total": 1} in summary["table"]


def test_a_reviewed_unnumbered_item_keeps_its_id_when_its_text_changes(rules, tmp_path, edited):
    from test_review import make_pdf

    pages = (("#An inspection of vetting in the police service", "", "Published 2 November 2022"),
             ("#Cause of concern", "Forces are not vetting officers well enough.", "",
              "Some forces have no vetting policy at all.", "",
              "#Recommendation 1", "By 31 March 2024, chief constables should train their officers."))
    db = tmp_path / "coc.db"
    hmicfrs("ingest", "--workers", 1, "--quiet", "--db", db, "--rules", rules,  # the tests' rules, unedited
            make_pdf(tmp_path / "coc.pdf", pages))
    [coc] = [o["id"] for o in export(db) if o["kind"] == "cause_of_concern"]
    hmicfrs("review", "accept", coc, "--db", db)
    hmicfrs("extract", "--db", db, "--rules", edited(whole_sections=True))
    assert [(o["id"], o["review_status"]) for o in export(db) if o["kind"] == "cause_of_concern"] == [(coc, "accepted")]
