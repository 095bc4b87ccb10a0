"""Items in the export contract's shape (../shared/contracts/export.md), as JSONL, JSON or CSV."""
from __future__ import annotations

import csv
import json
from typing import Iterable, TextIO

from pipeline import store
from pipeline.models import report_id_for
from pipeline.review.decisions import effective_items
from pipeline.review.spreadsheet import escape
from pipeline.review.xlsx import LIST_SEPARATOR

CSV_COLUMNS = [
    "id", "report_file", "report_sha256", "report_title", "report_published", "kind", "number",
    "label", "parent", "text", "addressees", "addressee_text", "deadline_kind", "deadline_date",
    "deadline_text", "page", "page_end", "review_status", "report_published_precision",
]


def contract_objects(db, report: str | None = None, kind: str | None = None, addressee: str | None = None) -> list[dict]:
    """Every item (as reviewed, where a person has reviewed it) as a contract object, in report order."""
    subjects = store.report_subjects(db)  # contract version 2: the force or service the report is about
    objects = [_contract(row) for row in effective_items(db, report=report, kind=kind, addressee=addressee)]
    for obj in objects:
        obj["report"]["subject"] = subjects.get(obj["report"]["sha256"])
    # issue 14: what response documents say to each item (a field added to the contract)
    responses = store.responses_by_item(db)
    for obj in objects:
        obj["responses"] = responses.get(obj["id"], [])
    _add_sources(db, objects)
    return objects


def _add_sources(db, objects: list[dict]) -> None:
    """report.sources (issue16-fetch): where the report's PDF was fetched from, oldest first; absent
    for a report only ever ingested from a local file (as `ours` is absent with no organisation set),
    so the export of local files is unchanged."""
    sources = store.report_sources_by_report(db)
    for obj in objects:
        found = sources.get(report_id_for(obj["report"]["sha256"]))
        if found:
            obj["report"]["sources"] = [
                {"url": s["source_url"], "found_on": s["found_on"], "feed_entry": s["feed_entry"],
                 "fetched_at": s["fetched_at"], "page_title": s["page_title"], "page_date": s["page_date"],
                 "previous_report_id": s["previous_report_id"]}
                for s in found
            ]


def extracted_objects(db, report: str | None = None) -> list[dict]:
    """What the rules alone produced, with no review applied: what `hmicfrs evaluate` scores, so
    that a person's correction stays a test the rules must pass rather than a copy of the answer."""
    objects = []
    for row in store.item_export_rows(db, report=report):
        row = dict(row, addressees=json.loads(row["addressees"] or "[]"), review_status="pending",
                   changed_since_review=False, source="extracted")
        objects.append(_contract(row))
    return objects


def _contract(row: dict) -> dict:
    return {
        "id": row["id"],
        "report": {
            "file": row["report_file"], "sha256": row["report_sha256"],
            "title": row["report_title"], "published": row["report_published"],
            # "day", "month" or "year": "published" is an ISO date reduced to what the report prints.
            "published_precision": row.get("report_published_precision"),
        },
        "kind": row["kind"],
        "number": row["number"],
        "label": row["label"],
        "parent": row["parent"],
        "text": row["text"],
        "addressees": list(row["addressees"]),
        "addressee_text": row["addressee_text"],
        "deadline": {"kind": row["deadline_kind"] or "none", "date": row["deadline_date"], "text": row["deadline_text"]},
        "page": row["page"],
        "page_end": row["page_end"],
        "review_status": row["review_status"],
        "changed_since_review": row["changed_since_review"],
        "source": row["source"],
        **_tracking(row),
    }


_TRACKED = ("level", "owner", "evidence", "closed_on", "due_revised")


def _tracking(row: dict) -> dict:
    """`tracking` (an addition to the contract), once someone has tracked the item: an untracked
    item is open with nothing recorded, and leaving the key out keeps its object as it was."""
    if row.get("track_status", "open") == "open" and not any(row.get(k) for k in _TRACKED):
        return {}
    return {"tracking": {
        "status": row["track_status"], "level": row.get("level"), "owner": row.get("owner"),
        "evidence": row.get("evidence"), "closed_on": row.get("closed_on"),
        "due_revised": row.get("due_revised"), "due_reason": row.get("due_reason"),
    }}


def write(objects: Iterable[dict], fmt: str, out: TextIO) -> int:
    objects = list(objects)
    if fmt == "jsonl":
        for obj in objects:
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(objects, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for obj in objects:
            # The CSV is for spreadsheets: text that would run there as a formula gets a leading '.
            writer.writerow({column: escape(value) for column, value in _flat(obj).items()})
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return len(objects)


def _flat(obj: dict) -> dict:
    return {
        "id": obj["id"], "report_file": obj["report"]["file"], "report_sha256": obj["report"]["sha256"],
        "report_title": obj["report"]["title"], "report_published": obj["report"]["published"],
        "kind": obj["kind"], "number": obj["number"], "label": obj["label"], "parent": obj["parent"],
        "text": obj["text"], "addressees": LIST_SEPARATOR.join(obj["addressees"]), "addressee_text": obj["addressee_text"],
        "deadline_kind": obj["deadline"]["kind"], "deadline_date": obj["deadline"]["date"],
        "deadline_text": obj["deadline"]["text"], "page": obj["page"], "page_end": obj["page_end"],
        "review_status": obj["review_status"],
        "report_published_precision": obj["report"].get("published_precision"),
    }


