"""Lineage: a later report's assessments of earlier items (a verdict such as "met"), stored as
suggestions beside the tracking. Never written to `tracking`: the status stays people's.

Each extraction of a report rewrites that report's assessments (`write_assessments`); linking
them to earlier items runs over all of them (`assessment_rows`, `set_links`), because a report
ingested later may be the earlier one an assessment names.
"""
from __future__ import annotations

import sqlite_utils

from pipeline.store.connection import table

_SELECT = """
    select l.*, r.file as report_file, r.title as report_title, r.published as report_published
    from lineage l join reports r on r.id = l.report_id
"""


def write_assessments(db: sqlite_utils.Database, report_id: str, rows: list[dict]) -> None:
    """Replace a report's assessments (their links are set afterwards, by set_links)."""
    db.execute("delete from lineage where report_id = ?", [report_id])
    if rows:
        table(db, "lineage").insert_all(rows, pk=("report_id", "seq"))


def assessment_rows(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(_SELECT + " order by r.file, l.seq"))


def set_links(db: sqlite_utils.Database, links: list[dict]) -> None:
    """links: {report_id, seq, item_id, matched_by, score, reason} for each assessment."""
    for link in links:
        db.execute(
            "update lineage set item_id = ?, matched_by = ?, score = ?, reason = ? where report_id = ? and seq = ?",
            [link["item_id"], link["matched_by"], link["score"], link["reason"], link["report_id"], link["seq"]],
        )


def lineage_for_item(db: sqlite_utils.Database, item_id: str) -> list[dict]:
    """What later reports say of an item, the latest report first."""
    return list(db.query(_SELECT + " where l.item_id = ? order by r.published desc, r.file, l.seq", [item_id]))


def latest_lineage(db: sqlite_utils.Database) -> dict[str, dict]:
    """item id -> the latest report's assessment of it."""
    latest: dict[str, dict] = {}
    for row in db.query(_SELECT + " where l.item_id is not null order by r.published, r.file, l.seq"):
        latest[row["item_id"]] = row
    return latest
