"""Extraction: stored pages -> items with addressees and deadlines -> item rows."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..models import Item, Suspect, layout_from_rows
from .document_text import StoredPage
from .items import Extractor, ReportCheck, ReportInput

__all__ = ["Extractor", "ReportInput", "ReportCheck", "StoredPage", "item_rows", "check_row", "report_input",
           "suspect_rows"]


def report_input(report_row: dict, page_rows: list[dict]) -> ReportInput:
    return ReportInput(
        report_id=report_row["id"],
        published=report_row.get("published"),
        family=report_row.get("family") or "other",
        title=report_row.get("title"),
        pages=tuple(
            StoredPage(
                number=row["number"], text=row["text"] or "",
                headings=tuple(json.loads(row["headings"] or "[]")), footnotes=row.get("footnotes") or "",
                layout=layout_from_rows(json.loads(row.get("layout") or "[]")),
            )
            for row in page_rows
        ),
    )


def item_rows(items: list[Item]) -> tuple[list[dict], list[dict]]:
    rows, addressee_rows = [], []
    for item in items:
        rows.append(
            {
                "id": item.id, "report_id": item.report_id, "seq": item.sequence, "kind": item.kind,
                "number": item.number, "label": item.label, "parent": item.parent, "text": item.text,
                "addressees": json.dumps([a.id for a in item.addressees if a.id]),
                "addressee_text": item.addressee_text, "deadline_kind": item.deadline.kind,
                "deadline_date": item.deadline.date, "deadline_text": item.deadline.text,
                "deadline_rule": item.deadline.rule, "page": item.page, "page_end": item.page_end,
                "start": item.start, "end": item.end, "rules": json.dumps(list(item.rules)),
                "needs_review": int(bool(item.doubts)), "doubts": json.dumps(list(item.doubts)),
            }
        )
        for position, addressee in enumerate(item.addressees):
            addressee_rows.append(
                {
                    "item_id": item.id, "report_id": item.report_id, "position": position,
                    "addressee": addressee.id, "text": addressee.text, "known": int(addressee.id is not None),
                    "rule": addressee.rule,
                }
            )
    return rows, addressee_rows


def check_row(check: ReportCheck, fingerprint: str) -> dict:
    row = asdict(check)
    del row["suspects"]  # rows of their own (suspect_rows)
    for key in ("numbering_gaps", "numbering_duplicates", "notes"):
        row[key] = json.dumps(list(row[key]))
    row["problems"] = json.dumps([{"code": p.code, "message": p.message} for p in check.problems], ensure_ascii=False)
    row["needs_review"] = int(check.needs_review)
    row["rules_fingerprint"] = fingerprint
    return row


def extract_reports(db, extractor: Extractor, report_ids: list[str] | None = None, dry_run: bool = False,
                    progress=None) -> list[tuple[dict, ReportCheck, dict[str, int]]]:
    """Re-run extraction over stored pages (never the PDFs), one transaction per report: each
    report's row, check and item counts by kind."""
    from .. import store

    results = []
    for report in store.report_rows(db, report_ids):
        items, check = extractor.extract(report_input(report, store.page_rows(db, report["id"])))
        if not dry_run:
            write_report_items(db, report["id"], items, check, extractor.rules.fingerprint)
        counts: dict[str, int] = {}
        for item in items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        results.append((report, check, counts))
        if progress:
            progress(report, check)
    return results


def suspect_rows(suspects: tuple[Suspect, ...]) -> list[dict]:
    return [{"seq": seq, **asdict(suspect)} for seq, suspect in enumerate(suspects, start=1)]


def write_report_items(db, report_id: str, items: list[Item], check: ReportCheck, fingerprint: str) -> None:
    from .. import store

    rows, addressee_rows = item_rows(items)
    with store.transaction(db):
        store.write_items(db, report_id, rows, addressee_rows, check_row(check, fingerprint), suspect_rows(check.suspects))
