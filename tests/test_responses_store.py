"""Responses through the store (issue 14, part 5): rows written by `hmicfrs responses`, the
export's "responses" field, the Datasette view and canned queries, the loud line for a response
document in doubt, and the real report/response pairs (skipped without ../shared)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli.main import cli
from pipeline.export import contract_objects
from pipeline.respond import link_all
from pipeline.rules import load_rules

ITEMS = {
    "1": "The force should improve how it records crimes of violence against women and girls within six months.",
    "2": "Chief constables should ensure that every custody suite has a trained mental health practitioner available.",
    "3": "The College of Policing should publish national guidance on the use of drones in public order policing.",
}
RESPONSE = """Recommendation 1
The force should improve how it records crimes of violence against women and girls within six months.
Response:
The government accepts this recommendation. Work has begun with the force to audit its crime records.
Recommendation 2
Chief constables should ensure that every custody suite has a trained mental health practitioner available.
Response:
The government does not accept this recommendation. Custody health care is commissioned locally.
"""


def _report(db, report_id, file, title, family, pages):
    db["reports"].insert({"id": report_id, "sha256": report_id * 4, "file": file, "path": file, "title": title,
                          "family": family, "pages": len(pages)})
    for number, text in enumerate(pages, start=1):
        db["pages"].insert({"report_id": report_id, "number": number, "text": text, "headings": "[]", "layout": "[]"})


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "r.db"
    database = store.connect(path)
    _report(database, "rep", "inspection.pdf", "Inspection of public order policing in Midshire", "hmicfrs_thematic",
            ["\n".join(ITEMS.values())])
    for seq, (number, text) in enumerate(ITEMS.items(), start=1):
        database["items"].insert({"id": f"rep-{number}", "report_id": "rep", "seq": seq, "kind": "recommendation",
                                  "number": number, "label": f"Recommendation {number}", "text": text, "page": 1,
                                  "page_end": 1, "start": 0, "end": 1, "addressees": "[]", "deadline_kind": "none"})
    _report(database, "resp", "response.pdf",
            "Government response to the inspection of public order policing in Midshire", "government_response",
            [RESPONSE])
    return path, database


def test_linking_writes_one_row_per_response_and_the_pairing(db):
    _path, database = db
    link_all(database, load_rules())
    rows = list(database.query("select number, item_id, method, stance, stance_text from responses order by seq"))
    assert [(r["number"], r["item_id"], r["method"], r["stance"]) for r in rows] == [
        ("1", "rep-1", "number", "accepted"), ("2", "rep-2", "number", "not_accepted")]
    assert rows[1]["stance_text"] == "The government does not accept this recommendation."
    document = store.response_document_rows(database)[0]
    assert (document["target_report_id"], document["pairing_method"], document["passages"], document["linked"]) == (
        "rep", "title", 2, 2)


def test_dry_run_writes_nothing(db):
    _path, database = db
    outcomes = link_all(database, load_rules(), dry_run=True)
    assert len(outcomes[0].result.responses) == 2
    assert database["responses"].count == 0


def test_export_adds_responses_and_an_empty_list_where_none(db):
    _path, database = db
    link_all(database, load_rules())
    by_number = {obj["number"]: obj for obj in contract_objects(database, report="inspection.pdf")}
    assert by_number["3"]["responses"] == []
    (answer,) = by_number["1"]["responses"]
    assert set(answer) == {"file", "page", "stance", "stance_text", "text"}
    assert (answer["file"], answer["page"], answer["stance"]) == ("response.pdf", 1, "accepted")
    assert answer["text"].startswith("The government accepts this recommendation.")


def test_relinking_replaces_rows_and_forgets_removed_documents(db):
    _path, database = db
    rules = load_rules()
    link_all(database, rules)
    link_all(database, rules)
    assert database["responses"].count == 2
    database.execute("update reports set family = 'other' where id = 'resp'")
    link_all(database, rules)
    assert database["responses"].count == 0 and database["response_documents"].count == 0


def test_the_view_and_the_canned_queries(db):
    _path, database = db
    link_all(database, load_rules())
    view = list(database.query("select item_id, stance, response_file from item_responses order by seq"))
    assert [(r["item_id"], r["stance"], r["response_file"]) for r in view] == [
        ("rep-1", "accepted", "response.pdf"), ("rep-2", "not_accepted", "response.pdf")]
    from pipeline.serve import app as serve

    queries = serve.load_metadata("hmicfrs")["databases"]["hmicfrs"]["queries"]
    unanswered = list(database.query(queries["items_without_response"]["sql"]))
    assert [(r["label"], r["answered_report"]) for r in unanswered] == [("Recommendation 3", 1)]
    documents = list(database.query(queries["response_documents"]["sql"]))
    assert [(d["file"], d["linked"]) for d in documents] == [("response.pdf", 2)]


def test_cli_responses_prints_each_document_and_says_when_in_doubt(db):
    path, database = db
    database.execute("update pages set text = ? where report_id = 'resp'",
                     ["We thank the inspectorate for its report and will write again in the spring."])
    result = CliRunner().invoke(cli, ["responses", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert "IN DOUBT: no response passage recognised" in result.stderr
    assert result.stdout == ""  # no passages, no JSON lines
    ok = CliRunner().invoke(cli, ["responses", "--db", str(path), "--dry-run"])
    assert "would link 0 of 0 responses in 1 response documents" in ok.stderr


def test_cli_responses_json_lines(db):
    path, _database = db
    result = CliRunner().invoke(cli, ["responses", "--db", str(path), "--json"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["number"], d["item_id"], d["stance"]) for d in lines] == [
        ("1", "rep-1", "accepted"), ("2", "rep-2", "not_accepted")]
    assert "linked 2 of 2 responses" in result.stderr


@pytest.mark.slow
def test_real_pair_dhsc_rapid_review(real_corpus, tmp_path):
    """The DHSC rapid review and the government's response: every numbered reply linked to its
    recommendation, by number, with the stance the gold gives (tests/gold/responses/)."""
    path = tmp_path / "real.db"
    files = [real_corpus / "other_govresponse_dhsc_rapid_review_mental_health.pdf",
             real_corpus / "other_dhsc_rapid_review_mental_health_inpatient_data.pdf"]
    result = CliRunner().invoke(cli, ["ingest", "--db", str(path), "--workers", "1", "-q", *map(str, files)])
    assert result.exit_code == 0, result.output
    assert "answers other_dhsc_rapid_review_mental_health_inpatient_data.pdf (by title)" in result.stderr
    database = store.connect(path)
    rows = list(database.query("select r.number, i.number as item, r.stance from responses r "
                               "left join items i on i.id = r.item_id order by r.seq"))
    gold = [json.loads(line) for line in (
        __import__("pathlib").Path(__file__).parent / "gold" / "responses" /
        "other_govresponse_dhsc_rapid_review_mental_health.jsonl").read_text().splitlines()[1:]]
    assert [(r["number"], r["item"], r["stance"]) for r in rows] == [(g["number"], g["item"], g["stance"]) for g in gold]


def test_no_numbering_is_a_note_when_every_passage_is_linked(db):
    path, database = db
    database.execute("update pages set text = ? where report_id = 'resp'", [
        "Recommendation: " + ITEMS["1"] + "\nResponse:\nThe government accepts this recommendation.\n"
        "Recommendation: " + ITEMS["3"] + "\nResponse:\nThe College notes this recommendation.\n"])
    result = CliRunner().invoke(cli, ["responses", "--db", str(path)])
    assert "note: no recognisable numbering: 2 passages found by their restated text only" in result.stderr
    assert "IN DOUBT" not in result.stderr
    rows = list(database.query("select number, item_id, method, stance from responses order by seq"))
    assert [tuple(r.values()) for r in rows] == [(None, "rep-1", "quote", "accepted"), (None, "rep-3", "quote", "noted")]
