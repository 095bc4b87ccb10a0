""""Ours" (issue 14, part 3): with `org set "Midshire Police"` on a database of national reports,
two forces' PEEL reports and fire reports, status, the brief, the calendar, review list and
export show only Midshire's and the national items for forces; a fire service sees only its own."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from org_fixtures import build, item_id
from pipeline import store
from pipeline.review import track as track
from pipeline.cli.main import cli
from pipeline.review.ours import effective_org, ours
from test_review import copy_db

MIDSHIRE_POLICE = {
    item_id("national", "r1"): "addressee",  # chief constables, national report
    item_id("national", "r4"): "named",  # "Midshire Police should ..."
    item_id("peel-mid", "c1"): "subject",  # a cause of concern in our own report
    item_id("peel-mid", "c1r1"): "subject",  # "the force" in our own report
    item_id("peel-mid", "a1"): "subject",
    item_id("peel-mid", "a2"): "subject",
}
# "the service" is fire_and_rescue_services, a body every service belongs to: in its own report it is ours
MIDSHIRE_FIRE = {item_id("frs-mid", "a1"): "addressee", item_id("frs-national", "r1"): "addressee"}
MIDSHIRE_PCC = {item_id("national", "r3"): "addressee"}


@pytest.fixture(scope="module")
def template(tmp_path_factory, made_up_rules) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("ours") / "template.db"), made_up_rules


@pytest.fixture(scope="module")
def midshire(template) -> Path:
    """The template with Midshire Police set, once per module: each test writes to a copy."""
    path = template[0].with_name("midshire.db")
    path.write_bytes(template[0].read_bytes())
    result = CliRunner().invoke(cli, ["org", "set", "Midshire Police", "--rules", str(template[1]), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def db_path(midshire, tmp_path) -> Path:
    return copy_db(midshire, tmp_path / "hm.db")


def run(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("org, expected", [
    ("Midshire Police", MIDSHIRE_POLICE),
    ("MP", MIDSHIRE_POLICE),  # its abbreviation
    ("Midshire Fire and Rescue Service", MIDSHIRE_FIRE),
    ("Midshire Police and Crime Commissioner", MIDSHIRE_PCC),
    # near-misses: the other force and service see their own report, never Midshire's
    ("Northshire Constabulary", {item_id("national", "r1"): "addressee",
                                 item_id("peel-north", "a1"): "subject", item_id("peel-north", "r1"): "addressee"}),
    ("Northshire Fire and Rescue Service", {item_id("frs-north", "a1"): "addressee",
                                            item_id("frs-national", "r1"): "addressee"}),
])
def test_ours_item_by_item(db_path, org, expected):
    db = store.connect(db_path, create=False)
    assert ours(db, effective_org(db, org)) == expected


def test_no_organisation_means_nothing_is_ours(db_path):
    db = store.connect(db_path, create=False)
    assert ours(db, effective_org(db, "none")) == {}


def test_the_view_and_an_override_agree(db_path):
    """The stored organisation (read through the item_ours view) and the same one passed as --org."""
    db = store.connect(db_path, create=False)
    from_view = {r["item_id"]: r["why"] for r in db.query("select * from item_ours where ours = 1")}
    assert from_view == MIDSHIRE_POLICE
    assert store.ours_rows(db, effective_org(db, "Midshire Police").as_setting()) == from_view


def test_status_json_counts_only_our_items(db_path):
    code, out, _err = run("status", "--json", "--today", "2023-09-01", "--db", str(db_path))
    assert code == 0
    summary = json.loads(out)
    assert summary["org"]["id"] == "midshire_police"
    assert summary["not_yet_tracked"] == len(MIDSHIRE_POLICE)
    assert summary["tracked_open"] == summary["tracked_closed"] == 0
    rows = {row["type"]: (row["open"], row["closed"], row["total"]) for row in summary["table"] if row["total"]}
    assert rows == {"Cause of concern not yet tracked": (1, 0, 1), "Recommendation not yet tracked": (3, 0, 3),
                    "AFI not yet tracked": (2, 0, 2)}


def test_status_separates_tracked_open_closed_and_closed_before_levels(db_path):
    db = store.connect(db_path, create=False)
    track.track(db, item_id("peel-mid", "a1"), status="in_progress", level=2, by="t")
    track.track(db, item_id("peel-mid", "a2"), status="closed", closed_on="2023-08-01", by="t")  # no level
    track.track(db, item_id("national", "r1"), status="closed", closed_on="2023-08-01", level=1, by="t")
    track.track(db, item_id("peel-north", "a1"), status="closed", level=3, by="t")  # not ours: not counted
    code, out, _err = run("status", "--json", "--today", "2023-09-01", "--db", str(db_path))
    summary = json.loads(out)
    rows = {row["type"]: (row["open"], row["closed"], row["total"]) for row in summary["table"] if row["total"]}
    assert rows == {"Cause of concern not yet tracked": (1, 0, 1), "Recommendation Level 1": (0, 1, 1),
                    "Recommendation not yet tracked": (2, 0, 2), "AFI Level 2": (1, 0, 1),
                    "AFI Closed before Levels": (0, 1, 1)}
    assert (summary["tracked_open"], summary["tracked_closed"], summary["not_yet_tracked"]) == (1, 2, 3)
    _code, text, _err = run("status", "--today", "2023-09-01", "--db", str(db_path))
    assert "The current figures held for Midshire Police" in text and "AFI Closed before Levels" in text


def test_status_without_an_organisation_counts_everything(db_path):
    code, out, _err = run("status", "--json", "--org", "none", "--today", "2023-09-01", "--db", str(db_path))
    assert code == 0 and "org" not in json.loads(out)
    assert sum(row["total"] for row in json.loads(out)["table"]) == 14


def test_brief_lists_only_our_items(db_path):
    code, out, err = run("brief", "--today", "2023-09-01", "--db", str(db_path))
    assert code == 0, err
    assert "items for Midshire Police" in out
    shown = {m for m in re.findall(r"(?:should|does not)[^.]*\.", out)}
    assert "should train officers in outcome 22." in " ".join(shown)
    assert "Home Office" not in out and "Northshire" not in out and "risk plan" not in out
    assert "6 items for Midshire Police" in err


def test_brief_for_a_fire_service_shows_only_its_own(db_path):
    code, out, _err = run("brief", "--org", "Midshire Fire and Rescue Service", "--today", "2023-09-01",
                          "--db", str(db_path))
    assert code == 0
    assert "risk plan" in out and "background checks" in out
    assert "train its fire protection staff" not in out and "chief constables" not in out


def _summaries(ics: str) -> list[str]:
    return [line[len("SUMMARY:"):] for line in ics.replace("\r\n ", "").splitlines() if line.startswith("SUMMARY:")]


def test_calendar_shows_our_deadlines_and_the_pcc_response(db_path):
    code, out, _err = run("calendar", "--db", str(db_path))
    assert code == 0
    summaries = _summaries(out)
    assert len(summaries) == 5  # r1, r4, c1r1, a2 dated, and the 56-day response on Midshire's PEEL report
    assert any(s.startswith("PCC response due") for s in summaries)
    assert not any("Northshire" in s or "Home Office" in s or "risk plan" in s for s in summaries)
    assert "X-WR-CALNAME:HMICFRS deadlines: Midshire Police" in out


def test_calendar_ours_without_an_organisation_warns(db_path):
    run("org", "clear", "--db", str(db_path))
    code, out, err = run("calendar", "--addressee", "ours", "--db", str(db_path))
    assert code == 0 and "BEGIN:VEVENT" not in out
    assert "warning" in err and "no organisation is set" in err
    # near-miss: with one set, no warning
    code, _out, err = run("calendar", "--addressee", "ours", "--org", "Midshire Police", "--db", str(db_path))
    assert code == 0 and "warning" not in err


def test_review_list_and_export_take_ours(db_path):
    code, out, _err = run("review", "list", "--ours", "--json", "--db", str(db_path))
    assert code == 0 and {row["id"] for row in json.loads(out)} == set(MIDSHIRE_POLICE)
    code, out, _err = run("export", "--format", "jsonl", "--ours", "--db", str(db_path))
    objects = [json.loads(line) for line in out.splitlines()]
    assert {o["id"] for o in objects} == set(MIDSHIRE_POLICE) and all(o["ours"] for o in objects)
    code, out, _err = run("export", "--format", "jsonl", "--db", str(db_path))
    flags = {json.loads(line)["id"]: json.loads(line)["ours"] for line in out.splitlines()}
    assert len(flags) == 14 and {k for k, v in flags.items() if v} == set(MIDSHIRE_POLICE)


def test_ours_needs_an_organisation(db_path):
    run("org", "clear", "--db", str(db_path))
    for args in (["review", "list", "--ours"], ["export", "--ours"]):
        code, _out, err = run(*args, "--db", str(db_path))
        assert code == 2 and "org set" in err
    code, out, _err = run("export", "--format", "jsonl", "--db", str(db_path))
    assert "ours" not in json.loads(out.splitlines()[0])  # absent when no organisation is set
