"""Lineage run after extraction: a report's assessments of earlier items found (extract/lineage.py)
and stored, then every stored assessment linked again, since the report just extracted may be
the earlier one an assessment elsewhere names. Links are suggestions: tracking is never written.
"""
from __future__ import annotations

from dataclasses import asdict

from pipeline import store
from pipeline.extract.lineage import Assessment, EarlierItem, assessments, link
from pipeline.review.decisions import effective_items
from pipeline.rules import RuleSet


def refresh(db, report_id: str, rules: RuleSet) -> int:
    """Rewrite one report's assessments and relink all; returns how many that report has."""
    pages = tuple((page.number, page.text) for page in store.stored_pages(db, report_id))
    found = assessments(pages, rules)
    rows = [{"report_id": report_id, "seq": seq, **asdict(a)} for seq, a in enumerate(found, start=1)]
    with store.transaction(db):
        store.write_assessments(db, report_id, rows)
        relink(db)
    return len(found)


def _not_later(published: str | None, than: str | None) -> bool:
    """True unless both dates are known and `published` is after `than` (compared at the coarser
    precision: "2024-07" is not after "2024-07-15")."""
    if not published or not than:
        return True
    n = min(len(published), len(than))
    return published[:n] <= than[:n]


def relink(db) -> None:
    rows = store.assessment_rows(db)
    if not rows:
        return
    items = [i for i in effective_items(db) if i["review_status"] != "rejected"]
    by_report: dict[str, list[dict]] = {}
    for row in rows:
        by_report.setdefault(row["report_id"], []).append(row)
    links = []
    for report_id, mine in by_report.items():
        published = mine[0]["report_published"]
        earlier = tuple(EarlierItem(i["id"], i["kind"], i["number"], i["text"]) for i in items
                        if i["report_id"] != report_id and _not_later(i["report_published"], published))
        found = tuple(_assessment(row) for row in mine)
        for row, made in zip(mine, link(found, earlier)):
            links.append({"report_id": report_id, "seq": row["seq"], **asdict(made)})
    store.set_links(db, links)


def _assessment(row: dict) -> Assessment:
    return Assessment(**{k: row[k] for k in Assessment.__dataclass_fields__})
