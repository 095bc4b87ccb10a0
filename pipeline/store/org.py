"""The organisation the database is kept for, each report's subject, and the 56-day loop's rows.

`settings` holds one row per key (the organisation as JSON under "org"); `reports.subject`,
`subject_kind` and `subject_how` say which force or service a report is about; the `item_ours`
and `response_due` views (views_ours.py) say which items are ours and which reports await their
PCC's comments. A report-level tracking row, keyed `response:<report id>`, records a PCC
response tracked as published.
"""
from __future__ import annotations

import json

import sqlite_utils

from pipeline.store.connection import table, transaction

RESPONSE_PREFIX = "response:"


def get_setting(db: sqlite_utils.Database, key: str) -> str | None:
    rows = list(db.query("select value from settings where key = ?", [key]))
    return rows[0]["value"] if rows else None


def set_setting(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    with transaction(db):
        if value is None:
            db.execute("delete from settings where key = ?", [key])
        else:
            db.execute("insert into settings (key, value) values (?, ?) "
                       "on conflict(key) do update set value = excluded.value", [key, value])


def write_subject(db: sqlite_utils.Database, report_id: str, subject: str | None, kind: str | None,
                  how: str | None) -> None:
    """In the caller's transaction (a report's subject lands with its extraction)."""
    db.execute("update reports set subject = ?, subject_kind = ?, subject_how = ? where id = ?",
               [subject, kind, how, report_id])


def subject_inputs(db: sqlite_utils.Database, report_ids: list[str] | None = None) -> list[dict]:
    """id, title, the cover's text (page 1) and the subject stored now, per report."""
    sql = ("select r.id, r.title, r.subject, r.subject_kind, r.subject_how, p.text as cover from reports r "
           "left join pages p on p.report_id = r.id and p.number = 1")
    rows = list(db.query(sql + " order by r.id"))
    return [r for r in rows if report_ids is None or r["id"] in report_ids]


def report_subjects(db: sqlite_utils.Database) -> dict[str, str | None]:
    """sha256 -> subject id (None for a national report), for the export."""
    return {row["sha256"]: row["subject"] for row in db.query("select sha256, subject from reports")}


def ours_rows(db: sqlite_utils.Database, org: dict | None = None) -> dict[str, str]:
    """item id -> why it is ours ("named", "addressee", "subject"), for ours items only.

    `org` (Organisation.as_setting) overrides the stored organisation; with neither, empty."""
    from pipeline.store.views_ours import PARAMETER_ORG, ours_select

    if org is None:
        rows = db.query("select item_id, why from item_ours where ours = 1")
    else:
        rows = db.query(f"select item_id, why from ({ours_select(PARAMETER_ORG)}) where ours = 1",
                        {"org": json.dumps(org)})
    return {row["item_id"]: row["why"] for row in rows}


def response_due_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every HMICFRS report on a force with a day of publication, with its 56-day due date and
    whether a PCC response was tracked as published (report-level tracking)."""
    return list(db.query("select * from response_due order by due, report_file"))


PCC_RESPONDED_SQL = """
select distinct d.target_report_id from response_documents d join reports p on p.id = d.report_id
where p.family = 'pcc_response' and d.target_report_id is not null
"""


def responded_reports(db: sqlite_utils.Database) -> set[str]:
    """Ids of reports a stored PCC response document answers (a PCC's section 55 comments): the
    response documents' pairing (store/responses.py) of documents in the pcc_response family."""
    return {row["target_report_id"] for row in db.query(PCC_RESPONDED_SQL)}


def upsert_report_tracking(db: sqlite_utils.Database, report_id: str, row: dict) -> None:
    table(db, "tracking").upsert({"item_id": RESPONSE_PREFIX + report_id, **row}, pk="item_id", alter=True)
