"""Responses linked to the items they answer (issue 14): one row per response passage, one per
response document (which report it answers, how that was found, and why it is in doubt).

Derived rows: `hmicfrs responses` and every ingest or extraction rewrite them whole, so they carry
no foreign keys (a response document re-ingested or removed never blocks on them).
"""
from __future__ import annotations

import sqlite_utils

from pipeline.store.connection import table

RESPONSE_COLUMNS = {
    "id": str, "report_id": str, "seq": int, "number": str, "label": str, "page": int, "page_end": int,
    "start": int, "end": int, "quote": str, "text": str, "stance": str, "stance_text": str, "stance_rule": str,
    "marker_rule": str, "target_report_id": str, "item_id": str, "method": str, "score": float,
}
DOCUMENT_COLUMNS = {
    "report_id": str, "target_report_id": str, "pairing_method": str, "pairing_score": float,
    "pairing_evidence": str, "passages": int, "linked": int, "problems": str, "rules_fingerprint": str,
}

# An item's responses as Datasette shows them: the item, the reply, its stance and where it is.
# Schema: the migration that creates it runs this text, so a change needs a new migration.
ITEM_RESPONSES_VIEW = """
create view item_responses as
select rs.item_id, ir.title as item_report_title, i.label as item_label, i.number as item_number,
       i.text as item_text, rs.number as response_number, rs.stance, rs.stance_text, rs.text as response_text,
       rr.title as response_title, rr.file as response_file, rs.page, rs.method, rs.score,
       '/-/hmicfrs/pdf/' || rr.id || '.pdf#page=' || coalesce(rs.page, 1) as pdf_link,
       rs.report_id as response_report_id, rs.target_report_id, rs.seq
from responses rs
join reports rr on rr.id = rs.report_id
left join items i on i.id = rs.item_id
left join reports ir on ir.id = rs.target_report_id
"""


def create_response_tables(db: sqlite_utils.Database) -> None:
    table(db, "responses").create(RESPONSE_COLUMNS, pk="id", not_null={"report_id"})
    table(db, "responses").create_index(["report_id", "seq"])
    table(db, "responses").create_index(["item_id"])
    table(db, "response_documents").create(DOCUMENT_COLUMNS, pk="report_id")
    db.execute(ITEM_RESPONSES_VIEW)


def write_responses(db: sqlite_utils.Database, report_id: str, document_row: dict, response_rows: list[dict]) -> None:
    """Replace one response document's passages and pairing (call inside a transaction)."""
    db.execute("delete from responses where report_id = ?", [report_id])
    db.execute("delete from response_documents where report_id = ?", [report_id])
    if response_rows:
        table(db, "responses").insert_all(response_rows, pk="id")
    table(db, "response_documents").insert(document_row, pk="report_id")


def drop_responses_except(db: sqlite_utils.Database, report_ids: list[str]) -> int:
    """Forget response rows of documents that are no longer response documents (or stored)."""
    # "not in ()" is no SQL, and "not in (null)" keeps every row
    where = f"where report_id not in ({', '.join('?' for _ in report_ids)})" if report_ids else ""
    gone = db.execute(f"select count(*) from response_documents {where}", report_ids).fetchone()[0]
    db.execute(f"delete from responses {where}", report_ids)
    db.execute(f"delete from response_documents {where}", report_ids)
    return gone


def report_items(db: sqlite_utils.Database, report_ids: list[str]) -> list[dict]:
    """The items a response can answer, as people see them (corrections applied), per report."""
    if not report_ids:
        return []
    marks = ", ".join("?" for _ in report_ids)
    return list(db.query(
        f"select id, report_id, kind, number, text from item_details where report_id in ({marks}) "
        "and review_status != 'rejected' order by report_id, seq is null, seq, page", report_ids))


def responses_by_item(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """Every linked response, by item id, in document order (for the export)."""
    if not db["responses"].exists():
        return {}
    out: dict[str, list[dict]] = {}
    for row in db.query(
            "select rs.item_id, r.file, rs.page, rs.stance, rs.stance_text, rs.text from responses rs "
            "join reports r on r.id = rs.report_id where rs.item_id is not null order by r.file, rs.seq"):
        out.setdefault(row["item_id"], []).append(
            {"file": row["file"], "page": row["page"], "stance": row["stance"], "stance_text": row["stance_text"],
             "text": row["text"]})
    return out


def response_document_rows(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(
        "select d.*, r.file, r.title, t.file as target_file, t.title as target_title from response_documents d "
        "join reports r on r.id = d.report_id left join reports t on t.id = d.target_report_id order by r.file"))
