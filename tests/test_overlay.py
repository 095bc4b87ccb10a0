"""One overlay: the item as people see it, read by Python (`review.effective_items`, which export,
brief, calendar, tracking and status use) and by SQL (the `item_details` view Datasette shows),
must be the same item in every state a decision can leave it in.

Each row of STATES is a list of steps applied to a fresh copy of the review tests' report (a
cause of concern, recommendations 1-3 under it, an area for improvement). "extract" stands in for
a re-extraction that now says something else (the items row is rewritten as `extract` would);
"vanish" for one that no longer finds the item. After the steps, the item the row is about must
show the expected values, and every field both paths expose must be equal for every item.

Before the view became the one overlay (issue 13), four of these states disagreed: "changed since
review", "rejected, then changed" and "corrected and changed" (the view showed the new
extraction's text, kind, number, addressees, deadline, parent and due date where Python showed
the reviewed values), and "vanished, report retitled" (Python showed the report's title from the
review snapshot, the view the report as it is now). The reviewed values are what README and
tests/test_decisions_survive.py promise; for the report, the view's reading is kept, so that one
report never shows under two titles in an export.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from pipeline import export, store
from pipeline.brief import ical as ical
from pipeline.review import decisions as review
from pipeline.serve import app as serve
from pipeline.review import track as track
from pipeline.store import views as views
from pipeline.brief.model import build_brief
from test_review import copy_db

REC1 = {
    "text": "By 31 March 2024, chief constables should make sure their officers are trained in vetting.",
    "kind": "recommendation", "number": "1", "addressees": ["chief_constables"], "deadline_date": "2024-03-31",
    "deadline_kind": "date", "deadline_text": "By 31 March 2024", "parent": "{coc}",
}
# What a re-extraction says about recommendation 1 in the "extract" steps: every reviewable field differs.
REC1_NOW = {
    "text": "Chief constables should make sure officers are trained in vetting and misconduct.",
    "kind": "area_for_improvement", "number": "1a", "addressees": ["npcc"], "deadline_date": "2025-06-30",
    "deadline_kind": "month", "deadline_text": "By June 2025", "parent": None,
}
ADDED = {"kind": "recommendation", "text": "The Home Office should fund a national vetting database.",
         "number": "4", "page": 2, "addressees": "home_office", "deadline_kind": "date",
         "deadline_date": "2025-01-31", "deadline_text": "By 31 January 2025"}

# name -> (the item it is about, steps, what people must see of it; None: it is not there)
STATES = {
    "pending": ("rec2", [], {"review_status": "pending", "changed_since_review": False, "source": "extracted",
                             "text": "By 30 June 2023, the College of Policing should publish new guidance."}),
    "accepted": ("rec2", [("accept", "rec2")], {"review_status": "accepted", "changed_since_review": False}),
    "rejected": ("rec3", [("reject", "rec3")], {"review_status": "rejected", "changed_since_review": False}),
    "corrected text": ("rec2", [("correct", "rec2", {"text": "The College should publish guidance."})],
                       {"review_status": "corrected", "text": "The College should publish guidance."}),
    "corrected kind": ("rec2", [("correct", "rec2", {"kind": "area_for_improvement"})], {"kind": "area_for_improvement"}),
    "corrected number": ("rec2", [("correct", "rec2", {"number": "2a"})], {"number": "2a"}),
    "corrected number to null": ("rec2", [("correct", "rec2", {"number": ""})], {"number": None}),
    "corrected addressees": ("rec2", [("correct", "rec2", {"addressees": "college_of_policing,npcc"})],
                             {"addressees": ["college_of_policing", "npcc"]}),
    "corrected addressees to none": ("rec2", [("correct", "rec2", {"addressees": ""})], {"addressees": []}),
    "corrected deadline_date": ("rec2", [("correct", "rec2", {"deadline_date": "2023-07-31"})],
                                {"deadline_date": "2023-07-31"}),
    "corrected deadline_date to null": ("rec2", [("correct", "rec2", {"deadline_date": ""})], {"deadline_date": None}),
    "corrected deadline_kind": ("rec2", [("correct", "rec2", {"deadline_kind": "month"})], {"deadline_kind": "month"}),
    "corrected deadline_text": ("rec2", [("correct", "rec2", {"deadline_text": "By the end of June 2023"})],
                                {"deadline_text": "By the end of June 2023"}),
    "corrected deadline_text to null": ("rec2", [("correct", "rec2", {"deadline_text": ""})], {"deadline_text": None}),
    "corrected parent to null": ("rec2", [("correct", "rec2", {"parent": ""})], {"parent": None}),
    "corrected parent": ("afi1", [("correct", "afi1", {"parent": "{coc}"})], {"parent": "{coc}"}),
    "corrected, then accepted": ("rec2", [("correct", "rec2", {"number": "2a"}), ("accept", "rec2")],
                                 {"review_status": "corrected", "number": "2a"}),
    "added by hand": ("added", [("add",)], {"review_status": "accepted", "source": "manual", "number": "4",
                                            "addressees": ["home_office"], "changed_since_review": False}),
    "added, then corrected": ("added", [("add",), ("correct", "added", {"deadline_date": "2025-02-28"})],
                              {"review_status": "corrected", "deadline_date": "2025-02-28", "source": "manual"}),
    "added, then rejected": ("added", [("add",), ("reject", "added")], {"review_status": "rejected"}),
    "pending, extraction changes": ("rec1", [("extract", "rec1")],
                                    {**REC1_NOW, "review_status": "pending", "changed_since_review": False}),
    "pending, extraction loses it": ("rec1", [("vanish", "rec1")], None),
    "changed since review": ("rec1", [("accept", "rec1"), ("extract", "rec1")],
                             {**REC1, "review_status": "accepted", "changed_since_review": True}),
    "rejected, then changed": ("rec1", [("reject", "rec1"), ("extract", "rec1")],
                               {**REC1, "review_status": "rejected", "changed_since_review": True}),
    "corrected and changed": ("rec1", [("correct", "rec1", {"text": "Chief constables should train officers."}),
                                       ("extract", "rec1")],
                              {**REC1, "text": "Chief constables should train officers.", "review_status": "corrected",
                               "changed_since_review": True}),
    "changed, then accepted again": ("rec1", [("accept", "rec1"), ("extract", "rec1"), ("accept", "rec1")],
                                     {**REC1_NOW, "review_status": "accepted", "changed_since_review": False}),
    "vanished after review": ("rec1", [("accept", "rec1"), ("vanish", "rec1")],
                              {**REC1, "review_status": "accepted", "changed_since_review": True, "page": 2}),
    "corrected, then vanished": ("rec1", [("correct", "rec1", {"deadline_date": "2024-04-30"}), ("vanish", "rec1")],
                                 {**REC1, "deadline_date": "2024-04-30", "review_status": "corrected",
                                  "changed_since_review": True}),
    "vanished, report retitled": ("rec1", [("accept", "rec1"), ("vanish", "rec1"), ("retitle",)],
                                  {"report_title": "Vetting, retitled", "changed_since_review": True}),
    "a review from before snapshots": ("rec2", [("bare review", "rec2")],
                                       {"review_status": "accepted", "changed_since_review": False}),
    "tracked": ("rec2", [("track", "rec2", {"status": "in_progress", "level": 2, "owner": "DCI Smith",
                                            "due": "2023-09-30", "reason": "agreed"})],
                {"track_status": "in_progress", "level": 2, "owner": "DCI Smith", "due": "2023-09-30",
                 "deadline_date": "2023-06-30"}),
    "closed": ("rec2", [("track", "rec2", {"status": "closed", "closed_on": "2023-06-01"})],
               {"track_status": "closed", "closed_on": "2023-06-01", "due": "2023-06-30"}),
}
# Every field both paths must expose: a rename on one side must not quietly shrink the comparison.
SHARED = {
    "id", "report_id", "report_title", "report_file", "report_published", "seq", "label", "text", "kind", "number",
    "addressees", "addressee_text", "deadline_kind", "deadline_date", "deadline_text", "parent", "page", "page_end",
    "review_status", "changed_since_review", "source", "extracted", "reviewed_values", "report_sha256",
    "report_published_precision", "start", "end",
}
TRACKED = {"track_status", "level", "owner", "evidence", "closed_on", "due", "due_revised", "due_reason"}


@pytest.fixture(scope="module")
def template(vetting_template: Path) -> Path:
    return vetting_template  # built once per session (conftest.py), read only: copied per test


@pytest.fixture
def db(template: Path, tmp_path: Path):
    db = store.connect(copy_db(template, tmp_path / "overlay.db"))
    yield db
    db.conn.close()


def run(db, names: dict[str, str], step: tuple) -> None:
    action, *args = step
    if action == "add":
        names["added"] = review.add_item(db, "vetting.pdf", by="t", **ADDED)["id"]
    elif action == "accept":
        review.accept(db, names[args[0]], by="t")
    elif action == "reject":
        review.reject(db, names[args[0]], by="t")
    elif action == "correct":
        review.correct(db, names[args[0]], {f: v.format(**names) for f, v in args[1].items()}, by="t")
    elif action == "extract":
        now = dict(REC1_NOW, addressees=json.dumps(REC1_NOW["addressees"]))
        db.execute(f"update items set {', '.join(f'{f} = ?' for f in now)} where id = ?", [*now.values(), names[args[0]]])
    elif action == "vanish":
        db.execute("delete from item_addressees where item_id = ?", [names[args[0]]])
        db.execute("delete from items where id = ?", [names[args[0]]])
    elif action == "retitle":
        db.execute("update reports set title = 'Vetting, retitled'")
    elif action == "bare review":  # as a database from before review snapshots holds it
        db["reviews"].insert({"item_id": names[args[0]], "status": "accepted", "by": "t", "at": "2023-01-01"})
    elif action == "track":
        track.track(db, names[args[0]], by="t", **args[1])
    else:
        raise AssertionError(f"unknown step {action!r}")


def as_python(row: dict) -> dict:
    """A view row in Python's terms: JSON lists as lists, flags as booleans, and `source` as the
    export says it (an item rebuilt from its review was extracted once; the view tells it apart)."""
    row = dict(row, addressees=json.loads(row["addressees"]), changed_since_review=bool(row["changed_since_review"]),
               extracted=json.loads(row["extracted"]), reviewed_values=json.loads(row["reviewed_values"] or "null"))
    if row["source"] == "missing_since_review":
        row.update(source="extracted", missing_since_review=True)
    return row


def disagreements(db) -> list[tuple]:
    """(item id, field, Python's value, the view's value) wherever the two paths differ."""
    python = {r["id"]: r for r in review.effective_items(db)}
    view = {r["id"]: as_python(r) for r in db.query("select * from item_details")}
    found = [(i, "present", i in python, i in view) for i in python.keys() ^ view.keys()]
    for item_id in python.keys() & view.keys():
        mine, theirs = python[item_id], view[item_id]
        assert SHARED <= mine.keys() & theirs.keys(), SHARED - (mine.keys() & theirs.keys())
        found += [(item_id, f, mine[f], theirs[f]) for f in sorted(mine.keys() & theirs.keys()) if mine[f] != theirs[f]]
    tracked = {r["id"]: r for r in track.tracked_items(db)}
    for item_id, mine in tracked.items():
        theirs = view[item_id]
        found += [(item_id, f, mine[f], theirs[f]) for f in sorted(TRACKED) if mine[f] != theirs[f]]
    counts = Counter(a for row in python.values() for a in row["addressees"])
    facet = {row["value"]: row["count"] for row in db.query(ARRAY_FACET)}
    found += [("addressees facet", a, counts[a], facet.get(a)) for a in counts.keys() | facet.keys() if counts[a] != facet.get(a)]
    return found


# How Datasette 0.65 counts an array facet: SQLite 3.40 returned no rows for it once the view's
# addressees depended on a left-joined column.
ARRAY_FACET = """
with inner as (select * from item_details),
deduped_array_items as (select distinct j.value, inner.* from json_each([inner].addressees) j join inner)
select value as value, count(*) as count from deduped_array_items group by value
"""


@pytest.mark.parametrize("state", list(STATES))
def test_python_and_sql_see_the_same_items(db, state):
    names = ids_of(db)
    about, steps, expected = STATES[state]
    for step in steps:
        run(db, names, step)
    shown = {r["id"]: r for r in review.effective_items(db)}
    if expected is None:
        assert names[about] not in shown
    else:
        wanted = {f: v.format(**names) if isinstance(v, str) else v for f, v in expected.items()}
        item = shown[names[about]]
        assert {f: item[f] for f in wanted} == wanted
    assert disagreements(db) == []


def ids_of(db) -> dict[str, str]:
    short = {"cause_of_concern": "coc", "recommendation": "rec", "area_for_improvement": "afi"}
    return {f"{short[r['kind']]}{r['number'] or ''}": r["id"] for r in db.query("select id, kind, number from items")}


def canned(db, name: str, **params) -> list[dict]:
    """A canned query of the Datasette configuration, run as Datasette runs it."""
    return list(db.query(serve.load_metadata("hmicfrs")["databases"]["hmicfrs"]["queries"][name]["sql"], params))


def test_every_reader_shows_the_reviewed_values_of_an_item_changed_since_review(db):
    names = ids_of(db)
    rec1 = names["rec1"]
    for step in STATES["changed since review"][1]:
        run(db, names, step)
    [obj] = [o for o in export.contract_objects(db) if o["id"] == rec1]
    assert (obj["text"], obj["addressees"], obj["deadline"]["date"], obj["changed_since_review"]) == (
        REC1["text"], ["chief_constables"], "2024-03-31", True)
    assert {r["id"]: r["due"] for r in track.tracked_items(db)}[rec1] == "2024-03-31"
    assert track.status_summary(db, date(2024, 1, 1))["changed_since_review"] == 1
    feed = ical.calendar_for(db, addressee="chief_constables")
    assert f"UID:{rec1}@" in feed and "DTSTART;VALUE=DATE:20240331" in feed and "20250630" not in feed
    assert rec1 in {i.id for i in build_brief(db, "chief_constables", today=date(2024, 1, 1)).items}
    # Datasette reads item_details: the reviewed addressee finds it, the newly extracted one does not.
    assert rec1 in {r["review_link"].rsplit("/", 1)[1] for r in canned(db, "items_for_addressee", addressee="chief_constables")}
    assert canned(db, "items_for_addressee", addressee="npcc") == []
    [changed] = canned(db, "changed_since_review")
    assert (changed["text_now"], changed["text_reviewed"]) == (REC1_NOW["text"], REC1["text"])


def test_the_views_sql_is_the_one_migration_6_creates():
    """views.py is schema: an edit reaches only new databases unless a new migration runs it (see
    its docstring). Update the fingerprint once that migration is there."""
    sql = "\n".join(views.view_sql())
    assert hashlib.sha256(sql.encode()).hexdigest()[:16] == VIEWS_FINGERPRINT, "views.py changed: add a migration"


VIEWS_FINGERPRINT = "58252a4ac8015158"


def test_a_version_5_database_gets_the_one_overlay(tmp_path):
    """A database made before migration 6, holding an item changed since review, shows the reviewed
    values once migrated (the version 4 views showed the new extraction)."""
    path = tmp_path / "v5.db"
    old = sqlite_utils.Database(store._Connection(str(path), isolation_level=None))
    for migration in store.MIGRATIONS[:5]:
        with store.transaction(old):
            migration(old)
    old.execute("PRAGMA user_version = 5")
    old["reports"].insert({"id": "r1", "sha256": "ab" * 32, "file": "old.pdf", "pages": 1})
    old["items"].insert({"id": "r1-rec1", "report_id": "r1", "seq": 0, "kind": "recommendation", "number": "1",
                         "text": "Extracted again, differently.", "addressees": '["npcc"]', "page": 1})
    reviewed = {"text": "As reviewed.", "kind": "recommendation", "number": "1", "addressees": ["chief_constables"],
                "deadline_date": None, "deadline_kind": None, "deadline_text": None, "parent": None}
    old["reviews"].insert({"item_id": "r1-rec1", "status": "accepted", "by": "t", "at": "2024-01-01",
                           "snapshot": json.dumps({"id": "r1-rec1", "report_id": "r1", "page": 1, **reviewed}),
                           "snapshot_hash": review.values_hash(reviewed)})
    [before] = old.query("select text, changed_since_review from item_details")
    assert before == {"text": "Extracted again, differently.", "changed_since_review": 1}
    old.conn.close()
    db = store.connect(path)
    [item] = review.effective_items(db)
    assert (item["text"], item["addressees"], item["changed_since_review"]) == ("As reviewed.", ["chief_constables"], True)
    fresh = store.connect(tmp_path / "fresh.db")
    views_of = "select name, sql from sqlite_master where type = 'view' order by name"
    assert list(db.query(views_of)) == list(fresh.query(views_of))
