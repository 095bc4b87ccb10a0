"""Evaluation against gold: score_report on small hand tables, load_gold, and `hmicfrs evaluate`."""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli.main import cli
from pipeline.evaluate import (
    GoldError, NothingScored, Score, evaluate, load_gold, normalise_text, score_report, word_diff,
)
from pipeline.run import extract_reports
from pipeline.models import CleanDocument, CleanPage, ReportMeta
from test_review import copy_db


def item(id_, kind, number, text, page=2, addressees=("chief_constables",), deadline=("none", None), parent=None):
    return {
        "id": id_, "kind": kind, "number": number, "label": None, "parent": parent, "text": text,
        "addressees": list(addressees), "addressee_text": None,
        "deadline": {"kind": deadline[0], "date": deadline[1], "text": None}, "page": page, "page_end": page,
        "review_status": "accepted",
    }


GOLD = [
    item("g1", "recommendation", "1", "By 31 March 2024, chief constables should train their officers in vetting.",
         deadline=("date", "2024-03-31")),
    item("g2", "recommendation", "2", "The Home Office should fund a national vetting database.", page=3,
         addressees=("home_office",)),
    item("g3", "cause_of_concern", None, "The force is not doing enough to protect vulnerable people.", page=4,
         addressees=()),
    item("g4", "recommendation", None, "Within three months, the force should: review its safeguarding referrals.",
         page=4, addressees=("force",), deadline=("relative", "2023-06-08"), parent="g3"),
]


def found_copy() -> list[dict]:
    """What a perfect extractor would export: the same items under the extractor's own ids."""
    found = copy.deepcopy(GOLD)
    for obj in found:
        obj["id"] = "x-" + obj["id"]
        obj["parent"] = "x-" + obj["parent"] if obj["parent"] else None
        obj["review_status"] = "pending"
    return found


def test_perfect_match():
    score = score_report(GOLD, found_copy()).as_dict()
    assert (score["gold"], score["found"], score["matched"]) == (4, 4, 4)
    assert score["recall"] == score["precision"] == 1.0
    for field in ("kind_number", "text", "page", "addressees", "deadline", "parent"):
        assert score[field] == 1.0, field


def test_text_is_compared_after_normalising_quotes_dashes_and_spaces():
    found = found_copy()
    found[1]["text"] = "The Home Office  should fund a\nnational vetting database."
    assert score_report(GOLD, found).as_dict()["text"] == 1.0
    assert normalise_text("the ‘force’ – “now”") == normalise_text("The 'force' - \"now\"")


def test_missed_item():
    found = [f for f in found_copy() if f["number"] != "2"]
    score = score_report(GOLD, found)
    figures = score.as_dict()
    assert (figures["matched"], figures["recall"], figures["precision"]) == (3, 0.75, 1.0)
    assert any(m.startswith("missed: recommendation 2") for m in score.misses)


def test_invented_item():
    found = found_copy() + [item("x-bad", "recommendation", "7", "Forces should have reviewed their vetting in 2022.")]
    score = score_report(GOLD, found)
    figures = score.as_dict()
    assert (figures["matched"], figures["recall"], figures["precision"]) == (4, 1.0, 0.8)
    assert any(m.startswith("invented: recommendation 7") for m in score.misses)


def test_wrong_deadline_counts_against_the_deadline_only():
    found = found_copy()
    found[0]["deadline"] = {"kind": "month", "date": "2024-03-31", "text": "By March 2024"}
    score = score_report(GOLD, found)
    figures = score.as_dict()
    assert figures["recall"] == figures["precision"] == 1.0
    assert figures["deadline"] == 0.75
    assert figures["text"] == figures["addressees"] == figures["page"] == 1.0
    assert any("recommendation 1: deadline" in m for m in score.misses)
    found[0]["deadline"] = {"kind": "date", "date": "2024-03-30", "text": "By 31 March 2024"}
    assert score_report(GOLD, found).as_dict()["deadline"] == 0.75


def test_wrong_addressees_page_and_number():
    found = found_copy()
    found[1]["addressees"] = ["home_office", "college_of_policing"]
    found[2]["page"] = 5
    score = score_report(GOLD, found).as_dict()
    assert score["addressees"] == 0.75
    assert score["page"] == 0.75
    found = found_copy()
    found[0]["addressees"] = list(reversed(["chief_constables", "nca"]))
    assert score_report(GOLD, found).as_dict()["addressees"] == 0.75


def test_wrong_parent():
    found = found_copy()
    found[3]["parent"] = None
    assert score_report(GOLD, found).as_dict()["parent"] == 0.75


def test_unnumbered_items_match_by_text():
    found = found_copy()
    found.reverse()
    score = score_report(GOLD, found).as_dict()
    assert score["matched"] == 4 and score["text"] == 1.0
    unrelated = [item("u", "cause_of_concern", None, "Completely different words about something else.", addressees=())]
    score = score_report([GOLD[2]], unrelated).as_dict()
    assert (score["matched"], score["recall"], score["precision"]) == (0, 0.0, 0.0)


def test_empty_gold_and_nothing_found_is_perfect():
    assert score_report([], []).as_dict()["recall"] == score_report([], []).as_dict()["precision"] == 1.0
    assert score_report([], found_copy()).as_dict()["precision"] == 0.0


def test_scores_add_up():
    total = Score()
    total.add(score_report(GOLD, found_copy()))
    total.add(score_report(GOLD, found_copy()[:2]))
    figures = total.as_dict()
    assert (figures["gold"], figures["found"], figures["matched"]) == (8, 6, 6)
    assert figures["recall"] == 0.75 and figures["precision"] == 1.0


WORD_DIFFS = [
    # (gold text, found text, the diff shown)
    ("By 31 March 2024, chief constables should train their officers in vetting.",
     "By 31 March 2024, chief constables should brief their officers in vetting.",
     "... 2024, chief constables should [-train-] {+brief+} their officers in vetting."),
    ("The Home Office should fund a national vetting database.",
     "The Home Office should fund a national vetting database. Recommendation 3",
     "... a national vetting database. {+Recommendation 3+}"),
    ("Within three months, the force should: review its safeguarding referrals.",
     "the force should: review its safeguarding referrals.",
     "[-Within three months,-] the force should: review ..."),
    ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
     "one two three four five six seven ate nine ten eleven twelve thirteen fourteen",
     "... four five six seven [-eight-] {+ate+} nine ten eleven twelve ..."),
    # two changes far apart: the stretch between them is cut
    ("a b c d e f g h i j k l m n o", "a b c X e f g h i j k l m n Y",
     "a b c [-d-] {+X+} e f g h ... k l m n [-o-] {+Y+}"),
    # near-misses: what the text check does not count is not shown as a change
    ("The ‘force’ – now", "The 'force' - now", "(no difference in the words)"),
    ("The Force should", "the force  should", "(no difference in the words)"),
    ("", "Invented words", "{+Invented words+}"),
    ("Missing words", None, "[-Missing words-]"),
]


@pytest.mark.parametrize("gold, found, shown", WORD_DIFFS)
def test_word_diff(gold, found, shown):
    assert word_diff(gold, found) == shown


def test_a_wrong_text_is_reported_as_a_word_diff_not_both_texts():
    found = found_copy()
    found[0]["text"] = found[0]["text"].replace("train", "brief")
    [miss] = score_report(GOLD, found).misses
    assert miss == "recommendation 1: text: ... 2024, chief constables should [-train-] {+brief+} their officers in vetting."


def test_evaluate_scores_what_is_there_and_names_the_rest():
    gold = {"a": GOLD, "b": GOLD[:1], "c": []}
    result = evaluate(gold, lambda stem: {"a": found_copy(), "c": []}.get(stem))
    assert (sorted(result.reports), result.missing, result.scored) == (["a", "c"], ["b"], 2)
    assert (result.overall.gold, result.overall.matched) == (4, 4)


@pytest.mark.parametrize("gold", [{"a": GOLD, "b": []}, {"a": []}, {}])
def test_evaluate_with_nothing_to_score_raises(gold):
    with pytest.raises(NothingScored):
        evaluate(gold, lambda stem: None)


def test_load_gold(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(GOLD[0]) + "\n\n" + json.dumps(GOLD[1]) + "\n")
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "notes.md").write_text("not gold")
    gold = load_gold(tmp_path)
    assert sorted(gold) == ["a", "empty"]
    assert [g["id"] for g in gold["a"]] == ["g1", "g2"]
    assert gold["empty"] == []


def test_load_gold_names_the_bad_line(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(GOLD[0]) + "\n{not json\n")
    with pytest.raises(GoldError, match=r"a\.jsonl:2"):
        load_gold(tmp_path)
    with pytest.raises(GoldError):
        load_gold(tmp_path / "missing")


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def eval_template(tmp_path_factory, extractor) -> Path:
    """One report stored and extracted with the shipped rules (the session's `extractor`), once
    for the module; `eval_db` hands each test its own copy."""
    text = ("Recommendation 1\nBy 31 March 2024, chief constables should train their officers in vetting.\n\n"
            "Recommendation 2\nThe Home Office should fund a national vetting database.\n\n"
            "Recommendation 3\nThe College of Policing should publish guidance.")
    doc = CleanDocument(
        file="vetting.pdf", path="/nowhere/vetting.pdf", sha256=hashlib.sha256(b"vetting").hexdigest(),
        size_bytes=10, furniture=(),
        pages=(CleanPage(1, "An inspection of vetting", "", 1), CleanPage(2, text, "", 1,
               headings=("Recommendation 1", "Recommendation 2", "Recommendation 3"))),
        meta=ReportMeta("An inspection of vetting", "2023-03-08", None, None, "hmicfrs_thematic", None),
    )
    path = tmp_path_factory.mktemp("evaluate") / "eval.db"
    db = store.connect(path)
    with store.transaction(db):
        store.write_document(db, doc)
    extract_reports(db, extractor)
    db.conn.close()
    return path


@pytest.fixture
def eval_db(eval_template: Path, tmp_path: Path) -> Path:
    return copy_db(eval_template, tmp_path / "eval.db")


def test_evaluate_command(tmp_path, eval_db):
    db_path = eval_db
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = copy.deepcopy(GOLD[:2]) + [item("g5", "recommendation", "4", "Chief constables should publish their vetting data.")]
    gold[1]["page"] = gold[1]["page_end"] = 2
    (gold_dir / "vetting.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold))
    (gold_dir / "not-ingested.jsonl").write_text(json.dumps(GOLD[0]) + "\n")

    result = CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    report = figures["reports"]["vetting"]
    # found 3, gold 3; 1 and 2 match, gold 4 is missed, found 3 is invented
    assert (report["gold"], report["found"], report["matched"]) == (3, 3, 2)
    assert report["recall"] == report["precision"] == round(2 / 3, 4)
    assert report["text"] == report["addressees"] == report["deadline"] == report["page"] == 1.0
    assert figures["overall"]["matched"] == 2
    assert figures["not_ingested"] == ["not-ingested"]
    assert "not in the database: not-ingested.pdf" in result.stderr
    assert "scored 1 of 2 gold reports; 1 not in the database" in result.stderr

    table = CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path), "--details"])
    assert table.exit_code == 0
    assert "OVERALL" in table.stdout
    assert "missed: recommendation 4" in table.stdout
    assert "invented: recommendation 3" in table.stdout


def test_evaluate_bad_gold_exits_1(tmp_path, eval_db):
    db_path = eval_db
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "vetting.jsonl").write_text("{oops\n")
    result = CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "vetting.jsonl:1" in result.stderr


def _gold_dir(tmp_path: Path, files: dict[str, list[dict]]) -> Path:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for stem, rows in files.items():
        (gold_dir / f"{stem}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return gold_dir


@pytest.mark.parametrize("reports", ["none", "others"])
def test_evaluate_fails_when_no_gold_report_is_in_the_database(tmp_path, eval_db, reports):
    if reports == "none":
        db_path = tmp_path / "empty.db"
        store.connect(db_path).conn.close()
    else:
        db_path = eval_db  # holds vetting.pdf only
    gold_dir = _gold_dir(tmp_path, {"peel-north": GOLD, "fire-west": GOLD[:1]})
    for args in ([], ["--json"], ["--details"]):
        result = CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path), *args])
        assert result.exit_code == 1
        assert result.stdout == ""
        [message] = result.stderr.splitlines()
        assert message.startswith("error: none of the 2 gold reports is in the database")
        assert "fire-west.pdf" in message and "ingest" in message


def test_evaluate_fails_on_a_gold_folder_without_gold(tmp_path, eval_db):
    db_path = eval_db
    gold_dir = _gold_dir(tmp_path, {})
    (gold_dir / "README.md").write_text("notes")
    result = CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path)])
    assert result.exit_code == 1
    assert "no gold reports" in result.stderr


def test_evaluate_details_show_a_word_diff_of_each_wrong_text(tmp_path, eval_db):
    db_path = eval_db
    gold = copy.deepcopy(GOLD[:2])
    gold[0]["text"] = "By 31 March 2024, chief constables should train all their officers in vetting."
    gold[1]["page"] = gold[1]["page_end"] = 2
    gold_dir = _gold_dir(tmp_path, {"vetting": gold})
    result = CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path), "--details"])
    assert result.exit_code == 0, result.output
    diff_lines = [line for line in result.stdout.splitlines() if ": text: " in line]
    assert diff_lines == ["  vetting: recommendation 1: text: ... chief constables should train [-all-] their officers "
                          "in vetting."]
    assert result.stdout.count("By 31 March 2024") == 0  # neither text is printed whole
    as_json = json.loads(CliRunner().invoke(cli, ["evaluate", str(gold_dir), "--db", str(db_path), "--json",
                                                  "--details"]).stdout)
    assert as_json["reports"]["vetting"]["misses"] == [diff_lines[0].split(": ", 1)[1],
                                                       "invented: recommendation 3: The College of Policing should publish guidance."]
    assert as_json["reports"]["vetting"]["text"] == 0.5
