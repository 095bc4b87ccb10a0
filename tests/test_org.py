"""`hmicfrs org` (issue 14, part 1): the organisation the database is kept for, and the gazetteer
it is chosen from (rules/organisations.jsonl)."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from org_fixtures import build, rules_with_made_up_bodies
from pipeline.cli.main import cli
from pipeline.errors import RuleError
from pipeline.gazetteer import UnknownOrganisation, load_gazetteer
from pipeline.rules import DEFAULT_RULES_DIR, load_rules


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db_path(tmp_path):
    return build(tmp_path / "hm.db", reports=[])


def test_the_gazetteer_lists_england_and_wales():
    orgs = load_gazetteer().organisations
    kinds = {kind: sum(1 for o in orgs if o.kind == kind) for kind in {o.kind for o in orgs}}
    assert kinds["force"] == 43
    assert kinds["fire_service"] >= 44 and kinds["pcc"] >= 40 and kinds["fire_authority"] >= 30
    assert {"british_transport_police", "ministry_of_defence_police", "civil_nuclear_constabulary",
            "national_crime_agency"} <= {o.id for o in orgs if o.kind == "national"}
    assert len({o.id for o in orgs}) == len(orgs)


@pytest.mark.parametrize("typed, org_id", [
    ("West Midlands Police", "west_midlands_police"),
    ("west  midlands POLICE", "west_midlands_police"),  # any case, any spacing
    ("WMP", "west_midlands_police"),  # abbreviation as printed
    ("west_midlands_police", "west_midlands_police"),  # the id
    ("Avon and Somerset Constabulary", "avon_and_somerset_constabulary"),
    ("Avon and Somerset Police", "avon_and_somerset_constabulary"),  # another name it goes by
    ("London Fire Brigade", "london_fire_brigade"),
    ("BTP", "british_transport_police"),
])
def test_lookup(typed, org_id):
    assert load_gazetteer().lookup(typed).id == org_id


@pytest.mark.parametrize("typed, suggested", [
    ("West Midland Police", "West Midlands Police"),
    ("Avon & Somerset Constabulary", "Avon and Somerset Constabulary"),
    ("wmp", None),  # an abbreviation is matched as printed: a near-miss, with no close name
    ("Midshire Police", None),  # not in the shipped gazetteer
])
def test_unknown_names_suggest_the_nearest(typed, suggested):
    with pytest.raises(UnknownOrganisation) as caught:
        load_gazetteer().lookup(typed)
    if suggested:
        assert caught.value.suggestions[0] == suggested


def test_set_show_clear(db_path):
    assert run("org", "show", "--json", "--db", str(db_path))[1].strip() == "null"
    code, _out, err = run("org", "set", "WMP", "--db", str(db_path))
    assert code == 0 and "West Midlands Police" in err
    code, out, _err = run("org", "show", "--json", "--db", str(db_path))
    shown = json.loads(out)
    assert (shown["id"], shown["kind"], shown["addressees"], shown["subject_addressees"]) == (
        "west_midlands_police", "force", ["chief_constables"], ["force"])
    assert run("org", "show", "--db", str(db_path))[1].startswith("West Midlands Police\tforce")
    code, _out, err = run("org", "clear", "--dry-run", "--db", str(db_path))
    assert code == 0 and "would clear West Midlands Police" in err
    assert json.loads(run("org", "show", "--json", "--db", str(db_path))[1])["id"] == "west_midlands_police"
    assert run("org", "clear", "--db", str(db_path))[0] == 0
    assert run("org", "show", "--json", "--db", str(db_path))[1].strip() == "null"


def test_set_dry_run_stores_nothing(db_path):
    code, _out, err = run("org", "set", "Kent Police", "--dry-run", "--db", str(db_path))
    assert code == 0 and "would keep the database for Kent Police" in err
    assert run("org", "show", "--json", "--db", str(db_path))[1].strip() == "null"


@pytest.mark.parametrize("args", [
    ["org", "set", "West Midland Police"],
    ["status", "--org", "West Midland Police"],
    ["brief", "--org", "West Midland Police"],
    ["calendar", "--org", "West Midland Police"],
    ["export", "--org", "West Midland Police"],
    ["review", "list", "--org", "West Midland Police"],
])
def test_unknown_organisation_is_a_usage_error_with_a_suggestion(db_path, args):
    code, _out, err = run(*args, "--db", str(db_path))
    assert code == 2
    assert "unknown organisation 'West Midland Police'" in err and "did you mean 'West Midlands Police'" in err


def test_a_made_up_force_comes_from_a_rules_folder(db_path, tmp_path):
    rules = rules_with_made_up_bodies(tmp_path)
    assert run("org", "set", "Midshire Police", "--db", str(db_path))[0] == 2  # the shipped gazetteer: unknown
    assert run("org", "set", "Midshire Police", "--rules", str(rules), "--db", str(db_path))[0] == 0
    # --org then looks in the same folder
    assert run("status", "--org", "Northshire Constabulary", "--json", "--db", str(db_path))[0] == 0
    code, out, _err = run("org", "list", "--kind", "force", "--rules", str(rules))
    assert code == 0 and "midshire_police\tforce\tMidshire Police" in out and len(out.splitlines()) == 45


def test_no_organisation_and_no_addressee_for_brief_is_a_usage_error(db_path):
    code, _out, err = run("brief", "--db", str(db_path))
    assert code == 2 and "--addressee" in err


@pytest.mark.parametrize("line, message", [
    ({"id": "x", "role": "organisation", "kind": "police_force", "name": "X Police"}, "kind 'police_force'"),
    ({"id": "x", "role": "organisation", "kind": "force"}, "needs a name"),
    ({"id": "x", "role": "organisation", "kind": "pcc", "name": "X PCC", "of": ["nowhere_police"]}, "of 'nowhere_police'"),
    ({"id": "x", "role": "organisation", "kind": "force", "name": "X Police", "names": "X"}, "names must be a list"),
    ({"id": "x", "role": "organisation", "kind": "force", "name": "X Police", "colour": "blue"}, "unknown key"),
    ({"id": "x", "role": "national_marker", "pattern": "(", "flags": "i"}, "bad regular expression"),
    ({"id": "x", "role": "national_marker"}, "needs a pattern"),
    ({"id": "x", "role": "bureau"}, "role must be one of"),
])
def test_bad_gazetteer_lines_are_named(tmp_path, line, message):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    with open(rules / "organisations.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    with pytest.raises(RuleError, match="organisations.jsonl") as caught:
        load_rules(rules)
    assert message in str(caught.value)


def test_the_shipped_gazetteer_passes_rules_check():
    code, out, _err = run("rules", "check")
    assert code == 0 and "organisations.jsonl:" in out
