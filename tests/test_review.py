"""`hmicfrs review ...`: accept, reject, correct (every field, good values and bad), add by hand,
list and show; the audit log gets one row per change with who, when, field, old, new and note.

The database is built the way a user builds it: a small PDF drawn here with reportlab, ingested
through the CLI once per module and copied for each test. The helpers at the top are shared by
the other review test files (test_review_sheet, test_track, test_status, test_decisions_survive).
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.cli.main import cli

# One report: a cause of concern, three recommendations under it and an area for improvement.
# "#" marks a bold heading line. Recommendation 1's second paragraph is left out of its text by
# the default profile ("heading_paragraphs": "single"); test_decisions_survive changes that rule.
REPORT_PAGES = (
    ("#An inspection of vetting in the police service", "", "Published 2 November 2022", "",
     "This report looks at how forces vet their officers."),
    ("#Cause of concern", "Forces are not vetting officers well enough.", "",
     "#Recommendation 1", "By 31 March 2024, chief constables should make sure their officers",
     "are trained in vetting.", "", "The training is recorded each year.", "",
     "#Recommendation 2", "By 30 June 2023, the College of Policing should publish new guidance.", "",
     "#Recommendation 3", "Chief constables should review every vetting decision.", "",
     "#Area for improvement 1", "The force should improve how it records vetting decisions."),
)
REPORT_FILE = "vetting.pdf"
REPO_RULES = Path(__file__).resolve().parents[1] / "rules"


def make_pdf(path: Path, pages=REPORT_PAGES) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        y = 760
        for text in lines:
            pdf.setFont("Helvetica-Bold" if text.startswith("#") else "Helvetica", 11)
            pdf.drawString(72, y, text.lstrip("#"))
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


def hmicfrs(*args, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def edit_rule(path: Path, rule_id: str, key: str, change) -> None:
    """Change one field of one rule in a JSONL rule file, the way a rules author would."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line.startswith("{") and json.loads(line)["id"] == rule_id:
            rule = json.loads(line)
            rule[key] = change(rule.get(key))
            lines[n] = json.dumps(rule, ensure_ascii=False) + "\n"
            break
    else:
        raise AssertionError(f"no rule {rule_id} in {path}")
    path.write_text("".join(lines), encoding="utf-8")


def rules_copy(directory: Path, heading_paragraphs: str = "single") -> Path:
    """The shipped rules, with every report family reading `heading_paragraphs` under an item
    heading: the texts these tests expect stay put when the shipped profiles change."""
    rules = directory / "rules"
    if rules.exists():
        shutil.rmtree(rules)
    shutil.copytree(REPO_RULES, rules)
    profiles = rules / "profiles.jsonl"
    for line in profiles.read_text(encoding="utf-8").splitlines():
        if line.startswith("{") and "extract" not in json.loads(line):
            edit_rule(profiles, json.loads(line)["id"], "heading_paragraphs", lambda _old: heading_paragraphs)
    return rules


def build_template(directory: Path) -> Path:
    """The report ingested through the CLI with the tests' rules (<directory>/rules: see rules_of)."""
    pdf = make_pdf(directory / REPORT_FILE)
    db = directory / "template.db"
    hmicfrs("ingest", "--workers", 1, "--quiet", "--db", db, "--rules", rules_copy(directory), pdf)
    return db


def rules_of(template: Path) -> Path:
    return template.parent / "rules"


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy. The source is in WAL mode: with no log beside it (its last connection
    folded it in and removed it) the main file is the whole database and is copied as it is;
    otherwise the log is folded in first. A file copy takes a twentieth of SQLite's backup API,
    most of which went on syncing the copy to disk. A source still being written is backed up."""
    if Path(f"{source}-wal").exists():
        conn = sqlite3.connect(source)
        try:
            if conn.execute("pragma wal_checkpoint(truncate)").fetchone()[0]:  # busy: still being written
                dst = sqlite3.connect(target)
                with dst:
                    conn.backup(dst)
                dst.close()
                return target
        finally:
            conn.close()
    shutil.copyfile(source, target)
    return target


def export(db: Path) -> list[dict]:
    result = hmicfrs("export", "--db", db, "--format", "jsonl")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def by_id(objects: list[dict]) -> dict[str, dict]:
    return {obj["id"]: obj for obj in objects}


def ids(db: Path) -> dict[str, str]:
    """Short names for the report's items: coc, rec1, rec2, rec3, afi1 -> stable id."""
    return short_names(export(db))


def short_names(objects: list[dict]) -> dict[str, str]:
    """ids() of an export already made."""
    short = {"cause_of_concern": "coc", "recommendation": "rec", "area_for_improvement": "afi"}
    return {f"{short[o['kind']]}{o['number'] or ''}": o["id"] for o in objects if o["source"] == "extracted"}


def audit_rows(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select * from audit_log order by id")]
    conn.close()
    return rows


def table(db: Path, name: str) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(f"select * from [{name}]")]
    conn.close()
    return rows


def changed_fields(before: list[dict], after: list[dict]) -> dict[str, dict[str, tuple]]:
    """{item id: {field: (before, after)}} for every field that differs between two exports."""
    old, new = by_id(before), by_id(after)
    assert old.keys() == new.keys()
    diff = {}
    for item_id in old:
        fields = {k: (old[item_id][k], new[item_id][k]) for k in old[item_id] if old[item_id][k] != new[item_id][k]}
        if fields:
            diff[item_id] = fields
    return diff


@pytest.fixture(scope="module")
def template(vetting_template: Path) -> Path:
    return vetting_template  # built once per session (conftest.py), read only: copied per test


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    return copy_db(template, tmp_path / "review.db")


# ---------------------------------------------------------------------------------------------


def test_the_fixture_report_extracts_as_expected(db):
    objects = export(db)
    assert [(o["kind"], o["number"], o["review_status"]) for o in objects] == [
        ("cause_of_concern", None, "pending"), ("recommendation", "1", "pending"), ("recommendation", "2", "pending"),
        ("recommendation", "3", "pending"), ("area_for_improvement", "1", "pending"),
    ]
    rec1 = by_id(objects)[short_names(objects)["rec1"]]
    assert rec1["text"] == "By 31 March 2024, chief constables should make sure their officers are trained in vetting."
    assert rec1["deadline"] == {"kind": "date", "date": "2024-03-31", "text": "By 31 March 2024"}


@pytest.mark.parametrize("command, status", [("accept", "accepted"), ("reject", "rejected")])
def test_accept_and_reject_set_the_status_and_change_nothing_else(db, original, names, command, status):
    before = original
    item = names["rec2"]
    result = hmicfrs("review", command, item, "--db", db, "--by", "alice", "--note", "checked")
    assert f"{item}: {status}" in result.stderr
    assert changed_fields(before, export(db)) == {item: {"review_status": ("pending", status)}}
    [entry] = audit_rows(db)
    assert (entry["by"], entry["item_id"], entry["action"], entry["field"], entry["old"], entry["new"], entry["note"]) == (
        "alice", item, command, "review_status", "pending", status, "checked")
    assert entry["at"].startswith("20")


# --set FIELD=VALUE -> (contract field path, expected exported value, audit old, audit new)
CORRECTIONS = [
    ("text=Chief constables should publish  vetting data.", ("text",), "Chief constables should publish vetting data.",
     "By 30 June 2023, the College of Policing should publish new guidance.", "Chief constables should publish vetting data."),
    ("kind=area_for_improvement", ("kind",), "area_for_improvement", "recommendation", "area_for_improvement"),
    ("number=2a", ("number",), "2a", "2", "2a"),
    ("addressees=college_of_policing, npcc", ("addressees",), ["college_of_policing", "npcc"],
     '["college_of_policing"]', '["college_of_policing", "npcc"]'),
    ("addressees=npcc,npcc", ("addressees",), ["npcc"], '["college_of_policing"]', '["npcc"]'),
    ("addressees=", ("addressees",), [], '["college_of_policing"]', "[]"),
    ("deadline_date=2023-07-31", ("deadline", "date"), "2023-07-31", "2023-06-30", "2023-07-31"),
    ("deadline_kind=month", ("deadline", "kind"), "month", "date", "month"),
    ("deadline_text=By the end of June 2023", ("deadline", "text"), "By the end of June 2023", "By 30 June 2023",
     "By the end of June 2023"),
    ("deadline_date=", ("deadline", "date"), None, "2023-06-30", None),
    ("parent=", ("parent",), None, "{coc}", None),
]


def _get(obj: dict, path: tuple) -> object:
    for key in path:
        obj = obj[key]
    return obj


@pytest.mark.parametrize("assignment, path, expected, old, new", CORRECTIONS, ids=[c[0] for c in CORRECTIONS])
def test_correct_exports_the_corrected_value_and_logs_old_and_new(db, original, names, assignment, path, expected, old,
                                                                   new):
    item = names["rec2"]
    before = original
    hmicfrs("review", "correct", item, "--db", db, "--set", assignment, "--by", "carol", "--note", "per page 2")
    exported = export(db)
    after = by_id(exported)[item]
    assert _get(after, path) == expected
    assert after["review_status"] == "corrected"
    # nothing else moved
    diff = changed_fields(before, exported)
    assert set(diff) == {item}
    assert set(diff[item]) == {path[0], "review_status"}
    correction, status = audit_rows(db)
    assert (correction["by"], correction["action"], correction["field"], correction["note"]) == (
        "carol", "correct", assignment.split("=")[0], "per page 2")
    assert (correction["old"], correction["new"]) == (old.format(coc=names["coc"]) if old else old, new)
    assert (status["field"], status["old"], status["new"]) == ("review_status", "pending", "corrected")


def test_correct_parent_to_another_item(db, names):
    hmicfrs("review", "correct", names["afi1"], "--db", db, "--set", f"parent={names['coc']}")
    assert by_id(export(db))[names["afi1"]]["parent"] == names["coc"]


def test_several_fields_in_one_correction(db, names):
    item = names["rec1"]
    hmicfrs("review", "correct", item, "--db", db, "--set", "deadline_date=2024-04-30", "--set", "deadline_kind=month",
            "--set", "addressees=chief_constables,police_and_crime_commissioners")
    obj = by_id(export(db))[item]
    assert obj["deadline"] == {"kind": "month", "date": "2024-04-30", "text": "By 31 March 2024"}
    assert obj["addressees"] == ["chief_constables", "police_and_crime_commissioners"]
    assert [r["field"] for r in audit_rows(db)] == ["deadline_date", "deadline_kind", "addressees", "review_status"]


# bad --set -> words the error must contain; nothing may change
BAD_CORRECTIONS = [
    ("colour=red", "unknown field 'colour'"),
    ("kind=Recommendation", "kind must be one of"),
    ("deadline_kind=soon", "deadline_kind must be one of"),
    ("deadline_date=31/03/2024", "bad date '31/03/2024'"),
    ("deadline_date=2024-02-30", "bad date '2024-02-30'"),
    ("deadline_date=1066-10-14", "date out of range"),
    ("addressees=chief_constables,the_moon", "unknown addressee id(s): the_moon"),
    ("parent=no-such-item", "parent 'no-such-item' is not an item id"),
    ("text=   ", "text cannot be empty"),
    ("deadline_date=2023-06-30", "nothing to correct"),  # the value it already has
]


@pytest.mark.parametrize("assignment, message", BAD_CORRECTIONS, ids=[b[0] for b in BAD_CORRECTIONS])
def test_a_bad_correction_is_refused_and_changes_nothing(db, original, names, assignment, message):
    before = original
    result = hmicfrs("review", "correct", names["rec2"], "--db", db, "--set", assignment, ok=False)
    assert result.exit_code == 1
    assert message in result.stderr
    assert export(db) == before
    assert audit_rows(db) == [] and table(db, "corrections") == [] and table(db, "reviews") == []


# Parent corrections made in turn (item, new parent) -> the error refusing the last, or None where
# no cycle is made. Extraction puts rec1, rec2 and rec3 under coc; afi1 has no parent.
PARENT_CHAINS = [
    ([("rec2", "rec2")], "parent '{rec2}' is the item itself: an item cannot be its own parent"),
    ([("coc", "rec1")], "parent '{rec1}' would make a cycle: {coc} -> {rec1} -> {coc}"),
    ([("rec2", "rec1"), ("rec1", "rec2")], "parent '{rec2}' would make a cycle: {rec1} -> {rec2} -> {rec1}"),
    ([("afi1", "rec3"), ("coc", "afi1")], "parent '{afi1}' would make a cycle: {coc} -> {afi1} -> {rec3} -> {coc}"),
    ([("rec2", "rec1")], None),  # a sibling: rec1 leads to coc, not back to rec2
    ([("coc", "afi1")], None),
    ([("rec1", ""), ("coc", "rec1")], None),  # rec1 left coc first
    ([("afi1", "rec3"), ("rec3", ""), ("coc", "afi1")], None),
]


@pytest.mark.parametrize("chain, message", PARENT_CHAINS, ids=[" ".join(f"{a}={b}" for a, b in c) for c, _m in PARENT_CHAINS])
def test_a_correction_making_a_parent_cycle_is_refused(db, original, names, chain, message):
    *first, (item, parent) = chain
    for earlier, earlier_parent in first:
        hmicfrs("review", "correct", names[earlier], "--db", db, "--set", f"parent={names.get(earlier_parent, '')}")
    before, logged = export(db) if first else original, audit_rows(db)
    result = hmicfrs("review", "correct", names[item], "--db", db, "--set", f"parent={names[parent]}", ok=message is None)
    if message is None:
        assert by_id(export(db))[names[item]]["parent"] == names[parent]
        return
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {message.format(**names)}"
    assert export(db) == before and audit_rows(db) == logged


def test_correct_needs_field_equals_value(db, names):
    result = hmicfrs("review", "correct", names["rec2"], "--db", db, "--set", "deadline_date", ok=False)
    assert result.exit_code == 2 and "FIELD=VALUE" in result.output


@pytest.mark.parametrize("command", ["accept", "reject", "show"])
def test_an_unknown_item_is_named(db, command):
    result = hmicfrs("review", command, "nope-rec9", "--db", db, ok=False)
    assert result.exit_code == 1 and "no item 'nope-rec9'" in result.stderr


def test_accepting_a_corrected_item_keeps_it_corrected(db, names):
    item = names["rec2"]
    hmicfrs("review", "correct", item, "--db", db, "--set", "deadline_date=2023-07-31")
    hmicfrs("review", "accept", item, "--db", db)
    obj = by_id(export(db))[item]
    assert (obj["review_status"], obj["deadline"]["date"]) == ("corrected", "2023-07-31")
    hmicfrs("review", "reject", item, "--db", db)
    hmicfrs("review", "accept", item, "--db", db)
    obj = by_id(export(db))[item]
    assert (obj["review_status"], obj["deadline"]["date"]) == ("corrected", "2023-07-31")


def test_deciding_again_the_same_way_is_not_logged_twice(db, names):
    item = names["rec1"]
    hmicfrs("review", "accept", item, "--db", db, "--by", "alice")
    [decided] = table(db, "reviews")
    hmicfrs("review", "accept", item, "--db", db, "--by", "bob")
    assert len(audit_rows(db)) == 1
    assert table(db, "reviews") == [decided]  # still alice's decision


def test_every_change_lands_in_the_audit_log(db, names):
    hmicfrs("review", "accept", names["rec1"], "--db", db, "--by", "alice", "--note", "fine")
    hmicfrs("review", "reject", names["rec3"], "--db", db, "--by", "bob", "--note", "a duplicate")
    hmicfrs("review", "correct", names["rec2"], "--db", db, "--set", "number=2b", "--by", "carol", "--note", "typo")
    hmicfrs("review", "reject", names["rec1"], "--db", db, "--by", "dave", "--note", "changed my mind")
    manual = hmicfrs("review", "add", "--db", db, "--report", REPORT_FILE, "--kind", "recommendation", "--number", "4",
                     "--text", "The Home Office should fund vetting.", "--by", "erin", "--note", "missed").stdout.strip()
    got = [(r["by"], r["item_id"], r["action"], r["field"], r["old"], r["new"], r["note"]) for r in audit_rows(db)]
    assert got == [
        ("alice", names["rec1"], "accept", "review_status", "pending", "accepted", "fine"),
        ("bob", names["rec3"], "reject", "review_status", "pending", "rejected", "a duplicate"),
        ("carol", names["rec2"], "correct", "number", "2", "2b", "typo"),
        ("carol", names["rec2"], "correct", "review_status", "pending", "corrected", "typo"),
        ("dave", names["rec1"], "reject", "review_status", "accepted", "rejected", "changed my mind"),
        ("erin", manual, "add", None, None, "The Home Office should fund vetting.", "missed"),
    ]
    assert all(r["at"] and r["at"][:4].isdigit() for r in audit_rows(db))


def test_by_defaults_to_the_user_name(db, names):
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    assert audit_rows(db)[0]["by"]


# ---------------------------------------------------------------------------------------------
# review add


def _add(db, *extra, ok=True):
    return hmicfrs("review", "add", "--db", db, "--report", REPORT_FILE, "--kind", "recommendation",
                   "--text", "The Home Office should fund a national vetting database.", *extra, ok=ok)


def test_an_added_item_is_marked_as_added_by_a_person(db):
    item = _add(db, "--number", "4", "--page", 2, "--addressees", "home_office", "--deadline-kind", "date",
                "--deadline-date", "2025-01-31", "--deadline-text", "By 31 January 2025", "--by", "erin").stdout.strip()
    obj = by_id(export(db))[item]
    assert obj["source"] == "manual" and obj["review_status"] == "accepted"
    assert (obj["kind"], obj["number"], obj["addressees"], obj["page"]) == ("recommendation", "4", ["home_office"], 2)
    assert obj["deadline"] == {"kind": "date", "date": "2025-01-31", "text": "By 31 January 2025"}
    [row] = table(db, "manual_items")
    assert (row["id"], row["added_by"]) == (item, "erin")
    assert "manual" in hmicfrs("review", "show", item, "--db", db).stdout


def test_added_items_of_different_kinds_with_the_same_number_are_two_items(db):
    rec = _add(db, "--number", "4").stdout.strip()
    afi = hmicfrs("review", "add", "--db", db, "--report", REPORT_FILE, "--kind", "area_for_improvement", "--number", "4",
                  "--text", "The force should train its vetting staff.").stdout.strip()
    assert rec != afi
    assert {by_id(export(db))[i]["kind"] for i in (rec, afi)} == {"recommendation", "area_for_improvement"}


def test_the_same_item_cannot_be_added_twice(db):
    _add(db, "--number", "4")
    result = _add(db, "--number", "4", ok=False)
    assert result.exit_code == 1 and "already added" in result.stderr


def test_an_added_item_can_be_corrected_and_rejected(db):
    item = _add(db).stdout.strip()
    hmicfrs("review", "correct", item, "--db", db, "--set", "addressees=home_office")
    corrected = by_id(export(db))[item]
    assert corrected["addressees"] == ["home_office"]
    assert corrected["review_status"] == "corrected"
    hmicfrs("review", "reject", item, "--db", db)
    assert by_id(export(db))[item]["review_status"] == "rejected"


@pytest.mark.parametrize("extra, message", [
    (("--report", "other.pdf"), "no report 'other.pdf'"),
    (("--addressees", "home_office,the_moon"), "unknown addressee id(s): the_moon"),
    (("--deadline-date", "2025-13-01"), "bad date"),
    (("--parent", "no-such-item"), "is not an item id"),
])
def test_a_bad_added_item_is_refused(db, original, extra, message):
    before = original
    result = _add(db, *extra, ok=False)
    assert result.exit_code == 1 and message in result.stderr
    assert export(db) == before and table(db, "manual_items") == []


# ---------------------------------------------------------------------------------------------
# list and show


def test_list_filters_by_status(db, names):
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    hmicfrs("review", "reject", names["rec3"], "--db", db)
    hmicfrs("review", "correct", names["rec2"], "--db", db, "--set", "number=2a")
    expected = {
        None: {names[k] for k in ("coc", "rec1", "rec2", "rec3", "afi1")},
        "pending": {names["coc"], names["afi1"]},
        "accepted": {names["rec1"]},
        "corrected": {names["rec2"]},
        "rejected": {names["rec3"]},
        "changed": set(),
    }
    for status, wanted in expected.items():
        args = ("--status", status) if status else ()
        result = hmicfrs("review", "list", "--db", db, "--json", *args)
        got = {row["id"] for row in json.loads(result.stdout)}
        assert got == wanted, status
        assert f"{len(wanted)} items" in result.stderr


def test_list_line_shape(db, names):
    hmicfrs("review", "accept", names["rec1"], "--db", db)
    def listed():
        rows = json.loads(hmicfrs("review", "list", "--db", db, "--json").stdout)
        return {row["id"]: [row["review_status"], row["kind"], row["label"], row["page"]] for row in rows}
    assert listed()[names["rec1"]] == ["accepted", "recommendation", "Recommendation 1", 2]
    manual = _add(db).stdout.strip()
    assert listed()[manual] == ["accepted", "recommendation", None, None]


@pytest.mark.parametrize("report, count", [(REPORT_FILE, 5)])
def test_list_filters_by_report(db, report, count):
    assert len(json.loads(hmicfrs("review", "list", "--db", db, "--report", report, "--json").stdout)) == count


def test_show_prints_the_item_and_its_evidence(db, names):
    item = names["rec2"]
    out = hmicfrs("review", "show", item, "--db", db).stdout
    assert f"id               {item}" in out
    assert "review_status    pending" in out
    assert "text             By 30 June 2023, the College of Policing should publish new guidance." in out
    evidence = out.split(f"--- evidence: {REPORT_FILE} page 2 ---", 1)[1]
    # the page text around the item, as printed: its own heading and its neighbours
    assert "Recommendation 2\nBy 30 June 2023, the College of Policing should publish new guidance." in evidence
    assert "Recommendation 3" in evidence
    assert "CHANGED SINCE REVIEW" not in out
