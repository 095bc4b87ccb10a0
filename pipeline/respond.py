"""Linking response documents to the items they answer, over the store (issue 14).

Runs after ingest and extraction (a response ingested before the report it answers is linked
when the report arrives) and as `hmicfrs responses`. Every response document is linked again
each time: it is cheap (no PDF is read, no model is loaded) and a new report, a re-extraction or a
reviewer's correction can change what a response answers. The linking itself is pure
(pipeline/extract/responses.py); this module reads its inputs and writes its rows.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline import store
from pipeline.extract.responses import ItemRef, ReportRef, ResponseDocument, ResponseResult, is_response_document, link_responses
from pipeline.rules import RuleSet


@dataclass(frozen=True)
class LinkOutcome:
    report: dict  # the response document's report row
    result: ResponseResult
    target: dict | None  # the report it answers


def link_all(db, rules: RuleSet, dry_run: bool = False) -> list[LinkOutcome]:
    reports = store.report_rows(db)
    responding = [r for r in reports if is_response_document(r.get("family"), rules)]
    answerable = [r for r in reports if r not in responding]
    items: dict[str, list[ItemRef]] = {}
    for row in store.report_items(db, [r["id"] for r in answerable]):
        items.setdefault(row["report_id"], []).append(
            ItemRef(row["id"], row["report_id"], row["kind"], row["number"], row["text"] or ""))
    refs = tuple(ReportRef(r["id"], r.get("title"), tuple(items.get(r["id"], ()))) for r in answerable)
    by_id = {r["id"]: r for r in reports}
    outcomes = []
    for report in responding:
        pages = store.stored_pages(db, report["id"])
        result = link_responses(ResponseDocument(report["id"], report.get("title"), pages), refs, rules)
        outcomes.append(LinkOutcome(report, result, by_id.get(result.pairing.report_id)))
    if not dry_run:
        with store.transaction(db):
            for outcome in outcomes:
                document_row, rows = result_rows(outcome.result, rules.fingerprint)
                store.write_responses(db, outcome.report["id"], document_row, rows)
            store.drop_responses_except(db, [r["id"] for r in responding])
    return outcomes


def result_rows(result: ResponseResult, fingerprint: str) -> tuple[dict, list[dict]]:
    target = result.pairing.report_id
    rows = [
        {
            "id": f"{result.report_id}-r{link.seq}", "report_id": result.report_id, "seq": link.seq,
            "number": link.number, "label": link.label, "page": link.page, "page_end": link.page_end,
            "start": link.start, "end": link.end, "quote": link.quote, "text": link.text,
            "stance": link.stance.stance, "stance_text": link.stance.text, "stance_rule": link.stance.rule,
            "marker_rule": link.marker_rule, "target_report_id": target, "item_id": link.item_id,
            "method": link.method, "score": link.score,
        }
        for link in result.responses
    ]
    document_row = {
        "report_id": result.report_id, "target_report_id": target, "pairing_method": result.pairing.method,
        "pairing_score": result.pairing.score, "pairing_evidence": result.pairing.evidence,
        "passages": len(rows), "linked": sum(1 for r in rows if r["item_id"]),
        "problems": json.dumps([{"code": p.code, "message": p.message} for p in result.problems], ensure_ascii=False),
        "rules_fingerprint": fingerprint,
    }
    return document_row, rows
