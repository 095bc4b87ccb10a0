"""`hmicfrs rules check`: 0 on the shipped rules; on a broken copy, exit 1 with the file and line."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.main import cli
from pipeline.errors import RuleError
from pipeline.rules import DEFAULT_RULES_DIR, load_rules


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_shipped_rules_pass():
    result = run("rules", "check")
    assert result.exit_code == 0, result.output
    for name in ("addressees.jsonl", "deadlines.jsonl", "families.jsonl", "items.jsonl", "profiles.jsonl",
                 "publication.jsonl"):
        assert f"{name}:" in result.stdout
    assert "ok:" in result.stderr


def test_shipped_rules_have_unique_well_formed_ids():
    rules = load_rules()
    ids = [rule.id for rule in rules.rules]
    assert len(ids) == len(set(ids))
    assert all(rule.line >= 1 and rule.file.endswith(".jsonl") for rule in rules.rules)


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def insert_line(path: Path, line_number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(line_number - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def append_line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def first_rule(path: Path) -> dict:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return json.loads(line)
    raise AssertionError(f"no rule in {path}")


BAD_RULES = [
    # (file, bad line, words the message must hold)
    ("items.jsonl", json.dumps({"id": "item.bad_regex", "role": "heading", "kind": "recommendation",
                                "pattern": "^Recommendation\\s+(?P<number>\\d+"}), "regular expression"),
    ("addressees.jsonl", '{"id": "addr.broken", "addressee": "broken", "pattern": "x"', "invalid JSON"),
    ("deadlines.jsonl", json.dumps({"id": "deadline.no_pattern", "kind": "date"}), "missing field"),
    ("families.jsonl", json.dumps({"id": "family.no_family", "pattern": "x"}), "family"),
    ("deadlines.jsonl", json.dumps({"id": "deadline.bad_kind", "kind": "soonish", "pattern": "soon"}), "kind"),
    ("publication.jsonl", json.dumps({"id": "Published Bad Id", "pattern": "x"}), "bad id"),
    ("addressees.jsonl", json.dumps({"id": "addr.empty", "addressee": "empty", "pattern": ""}), "pattern"),
    ("profiles.jsonl", "[1, 2, 3]", "JSON object"),
    # rules checked for meaning, not just form
    ("items.jsonl", json.dumps({"id": "item.misspelt", "role": "headng", "kind": "recommendation", "pattern": "x"}),
     "unknown role 'headng'"),
    ("addressees.jsonl", json.dumps({"id": "addr.extra", "addressee": "x", "pattern": "x", "prority": 3}),
     "unknown key(s) 'prority'"),
    ("deadlines.jsonl", json.dumps({"id": "deadline.flag", "kind": "date", "flags": "iq", "pattern": "x"}),
     "unknown flag 'q'"),
    ("items.jsonl", json.dumps({"id": "item.numbered.nogroup", "role": "numbered", "pattern": "^\\d+\\."}),
     "named group(s) number"),
    ("items.jsonl", json.dumps({"id": "item.stop.example", "role": "stop", "pattern": "^Annex\\b",
                                "examples": {"match": ["Appendix A"]}}), "example not matched: 'Appendix A'"),
    ("items.jsonl", json.dumps({"id": "item.stop.near", "role": "stop", "pattern": "Annex",
                                "examples": {"match": ["Annex A"], "no_match": ["see the Annex"]}}),
     "near-miss matched: 'see the Annex'"),
    ("items.jsonl", json.dumps({"id": "item.stop.shape", "role": "stop", "pattern": "x", "examples": ["x"]}),
     "examples must be"),
    ("profiles.jsonl", json.dumps({"id": "profile.typo", "family": "hmicfrs_pel"}), "no family in families.jsonl"),
    ("profiles.jsonl", json.dumps({"id": "profile.bad_choice", "family": "*", "heading_paragraphs": "sometimes"}),
     "heading_paragraphs must be one of single, until_heading"),
    ("items.jsonl", json.dumps({"id": "item.section.typo", "role": "section", "kind": "recomendation", "pattern": "x"}),
     "kind 'recomendation'"),
    ("items.jsonl", json.dumps({"id": "item.numbered.where", "role": "numbered", "sections": ["recomendation"],
                                "pattern": "^(?P<number>\\d+)\\."}), "section kind 'recomendation'"),
]


@pytest.mark.parametrize("name, bad, words", BAD_RULES, ids=[f"{b[0]}:{b[2]}" for b in BAD_RULES])
def test_bad_rule_is_named_by_file_and_line(rules_copy, name, bad, words):
    insert_line(rules_copy / name, 3, bad)
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 1
    assert f"{name}:3:" in result.stderr
    assert words.lower() in result.stderr.lower()
    assert "Traceback" not in result.output


def test_bad_rule_at_the_end_of_a_file(rules_copy):
    number = append_line(rules_copy / "items.jsonl", '{"id": "item.late", "role": "stop", "pattern": "[unclosed"}')
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 1
    assert f"items.jsonl:{number}:" in result.stderr


def test_duplicate_id_names_both_places(rules_copy):
    rule = first_rule(rules_copy / "addressees.jsonl")
    number = append_line(rules_copy / "addressees.jsonl", json.dumps(rule))
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 1
    assert f"addressees.jsonl:{number}:" in result.stderr
    assert "duplicate" in result.stderr
    assert rule["id"] in result.stderr


def test_duplicate_id_across_files(rules_copy):
    rule = first_rule(rules_copy / "addressees.jsonl")
    copy = {"id": rule["id"], "kind": "immediate", "pattern": "\\bat\\s+once\\b"}
    number = append_line(rules_copy / "deadlines.jsonl", json.dumps(copy))
    with pytest.raises(RuleError) as caught:
        load_rules(rules_copy)
    assert caught.value.line == number
    assert caught.value.path.endswith("deadlines.jsonl")
    assert "addressees.jsonl:" in str(caught.value)


def test_unknown_rule_file_name(rules_copy):
    (rules_copy / "addresses.jsonl").write_text('{"id": "addr.typo", "addressee": "x", "pattern": "x"}\n')
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 1
    assert "addresses.jsonl" in result.stderr
    assert "unknown rule file" in result.stderr


def test_a_missing_rule_file_is_refused(rules_copy):
    (rules_copy / "addressees.jsonl").unlink()
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 1
    assert "addressees.jsonl" in result.stderr and "missing" in result.stderr


def test_a_rule_with_examples_that_hold_is_accepted(rules_copy):
    append_line(rules_copy / "items.jsonl", json.dumps({
        "id": "item.stop.annex_example", "role": "stop", "flags": "", "pattern": "^Annex\\s+[A-Z]\\b",
        "examples": {"match": ["Annex A: methodology"], "no_match": ["see Annex A", "Annexe"]}}))
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 0, result.output


def test_shipped_examples_are_run():
    """The shipped rules carry examples, and loading runs them (a failing one refuses the rules)."""
    rules = load_rules()
    with_examples = [r for r in rules.rules if r.get("examples")]
    assert len(with_examples) >= 10


def test_comments_and_blank_lines_are_allowed(rules_copy):
    insert_line(rules_copy / "items.jsonl", 2, "")
    insert_line(rules_copy / "items.jsonl", 2, "   # a comment that is not JSON")
    result = run("rules", "check", "--rules", str(rules_copy))
    assert result.exit_code == 0, result.output


def test_extract_refuses_bad_rules_before_any_work(rules_copy, tmp_path):
    insert_line(rules_copy / "items.jsonl", 3, "{not json")
    result = run("extract", "--db", str(tmp_path / "missing.db"), "--rules", str(rules_copy))
    assert result.exit_code == 1
    assert "items.jsonl:3:" in result.stderr
    assert not (tmp_path / "missing.db").exists()
