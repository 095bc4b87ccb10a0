"""Each report's subject (issue 14, part 2): the force or service a report is about, from its
title and cover, or none for a national report; stored, exported and shown in Datasette."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from org_fixtures import REPORTS, build, report_id, rules_with_made_up_bodies
from pipeline import store
from pipeline.cli.main import cli
from pipeline.gazetteer import load_gazetteer
from pipeline.serve.app import METADATA_FILE
from test_review import copy_db


@pytest.mark.parametrize("title, cover, subject, how", [
    ("PEEL 2023-25: An inspection of West Midlands Police", None, "west_midlands_police", "title"),
    ("PEEL 2021/22: Avon and Somerset Constabulary", None, "avon_and_somerset_constabulary", "title"),
    ("Police effectiveness, efficiency and legitimacy", "PEEL\nAvon and\nSomerset Constabulary", "avon_and_somerset_constabulary", "cover"),
    ("Effectiveness, efficiency and people 2023-25: An inspection of London Fire Brigade", None, "london_fire_brigade", "title"),
    ("An inspection of the National Crime Agency's response to fraud", None, "national_crime_agency", "title"),
    ("PEEL spotlight report: WMP", None, "west_midlands_police", "title"),
    # near-misses: national reports
    ("An inspection of how well the police and National Crime Agency tackle online child sexual abuse", None, None, None),
    ("An inspection of vetting, misconduct, and misogyny in the police service", "Kent Police and Essex Police", None, None),
    ("State of Fire and Rescue: fire and rescue services in England", None, None, None),
    ("An inspection of forces' response to stalking", "Kent Police\nEssex Police\nSurrey Police", None, None),  # several forces
    ("A letter to the West Midlands Police and Crime Commissioner", None, None, None),  # a PCC: never a subject
    ("PEEL 2023-25: An inspection of Northshire Police", None, None, None),  # not in the gazetteer
    ("An inspection of how forces handle wmp data", None, None, None),  # an abbreviation only as printed
])
def test_subject_of(title, cover, subject, how):
    assert load_gazetteer().subject_of(title, cover) == (subject, how)


def test_made_up_forces_from_a_rules_folder():
    assert load_gazetteer().subject_of("PEEL: Midshire Police", None) == (None, None)


@pytest.fixture(scope="module")
def template(tmp_path_factory, made_up_rules):
    """The database with its subjects worked out, once per module: each test writes to a copy."""
    path = build(tmp_path_factory.mktemp("subjects") / "hm.db")
    code = CliRunner().invoke(cli, ["org", "subjects", "--rules", str(made_up_rules), "--db", str(path)]).exit_code
    assert code == 0
    return path


@pytest.fixture
def db_path(template, tmp_path):
    return copy_db(template, tmp_path / "hm.db")


EXPECTED = {"national": None, "peel-mid": "midshire_police", "peel-north": "northshire_constabulary",
            "frs-mid": "midshire_fire_and_rescue_service", "frs-north": "northshire_fire_and_rescue_service",
            "frs-national": None}


def test_subjects_are_stored(db_path):
    db = store.connect(db_path, create=False)
    stored = {r["id"]: (r["subject"], r["subject_kind"]) for r in db.query("select * from reports")}
    assert {key: stored[report_id(key)][0] for key, *_ in REPORTS} == EXPECTED
    assert stored[report_id("peel-mid")][1] == "force" and stored[report_id("frs-mid")][1] == "fire_service"


def test_subjects_dry_run_and_a_second_run_change_nothing(tmp_path, made_up_rules):
    path = build(tmp_path / "hm.db")
    rules = made_up_rules
    result = CliRunner().invoke(cli, ["org", "subjects", "--dry-run", "--rules", str(rules), "--db", str(path)])
    assert "would change 4 report subjects" in result.stderr
    db = store.connect(path, create=False)
    assert {r["subject"] for r in db.query("select subject from reports")} == {None}
    CliRunner().invoke(cli, ["org", "subjects", "--rules", str(rules), "--db", str(path)])
    again = CliRunner().invoke(cli, ["org", "subjects", "--rules", str(rules), "--db", str(path)])
    assert "changed 0 report subjects" in again.stderr


def test_export_carries_the_subject(db_path):
    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", str(db_path)])
    by_file = {json.loads(line)["report"]["file"]: json.loads(line)["report"]["subject"] for line in result.stdout.splitlines()}
    assert by_file == {f"{key}.pdf": subject for key, subject in EXPECTED.items()}


def test_datasette_facets_reports_by_subject():
    tables = yaml.safe_load(METADATA_FILE.read_text())["databases"]["hmicfrs"]["tables"]
    assert "subject" in tables["reports"]["facets"]
    assert "report_subject" in tables["item_ours"]["facets"]


@pytest.mark.slow
def test_ingest_stores_the_subject(tmp_path):
    """End to end: ingest works the subject out with the rules it is given (the sample PEEL report
    is on the made-up Northshire Police, which a rules folder can add)."""
    import shutil
    from pathlib import Path

    rules = rules_with_made_up_bodies(tmp_path)
    with open(rules / "organisations.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "northshire_police", "role": "organisation", "kind": "force",
                                 "name": "Northshire Police"}) + "\n")
    sample = Path(__file__).resolve().parents[1] / "corpus" / "hmicfrs_peel_sample.pdf"
    shutil.copy(sample, tmp_path / sample.name)
    db_file = tmp_path / "hm.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / sample.name), "--rules", str(rules),
                                      "--db", str(db_file), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.stderr
    db = store.connect(db_file, create=False)
    assert [r["subject"] for r in db.query("select subject from reports")] == ["northshire_police"]
