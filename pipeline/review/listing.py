"""What `review list` and `review show` tell people: items as rows a person can scan, and why an
item needs a look (its doubts, its report's problems, a change since review)."""
from __future__ import annotations

import json

from pipeline import store
from pipeline.review.decisions import context_of, effective_items, find_item

SHORT_TITLE = 40
# The fields of one `review list` row, in the order they are printed and in `--json`.
LIST_FIELDS = ("id", "review_status", "report", "kind", "label", "deadline", "addressees", "page", "text")


def short_title(title: str | None, file: str | None, width: int = SHORT_TITLE) -> str:
    """A report's title cut to `width` at a word, or its file name where it has none."""
    text = " ".join((title or "").split()) or (file or "")
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:-")
    return (cut or text[: width - 1]) + "…"


def list_rows(db, status: str | None = None, report: str | None = None, kind: str | None = None,
              addressee: str | None = None) -> list[dict]:
    """The items `review list` prints: `status` is a review status, or "changed" (changed since review)."""
    rows = effective_items(db, report=report, kind=kind, addressee=addressee)
    if status == "changed":
        rows = [r for r in rows if r["changed_since_review"]]
    elif status:
        rows = [r for r in rows if r["review_status"] == status]
    return [_list_row(r) for r in rows]


def _list_row(row: dict) -> dict:
    return {
        "id": row["id"],
        "review_status": row["review_status"],
        "changed_since_review": row["changed_since_review"],
        "report": short_title(row.get("report_title"), row.get("report_file")),
        "report_id": row["report_id"],
        "kind": row["kind"],
        "number": row.get("number"),
        "label": row.get("label"),
        "deadline": row.get("deadline_date") or row.get("deadline_text"),
        "deadline_text": row.get("deadline_text"),
        "addressees": list(row["addressees"]),
        "page": row.get("page"),
        "text": row["text"],
    }


def suspect_rows(db, report: str | None = None, kind: str | None = None) -> list[dict]:
    """Open suspected missed items as `review list` rows."""
    rows = []
    for row in store.suspect_rows(db, report=report):
        if kind and row["kind"] != kind:
            continue
        rows.append({
            "id": row["id"], "review_status": "suspected", "changed_since_review": False,
            "report": short_title(row.get("report_title"), row.get("report_file")), "report_id": row["report_id"],
            "kind": row["kind"], "number": None, "label": None, "deadline": None, "deadline_text": None, "addressees": [],
            "page": row["page"], "text": row["text"], "reason": row.get("reason"),
        })
    return rows


def reasons(db, row: dict) -> list[str]:
    """Why the item needs a look: its own doubts, a change since review, and its report's problems."""
    found = []
    if row.get("changed_since_review"):
        found.append("changed since review: extraction now gives other values than the reviewer saw")
    doubts = row.get("doubts")
    if isinstance(doubts, str) and doubts.startswith("["):
        found += json.loads(doubts)
    elif doubts:
        found.append(str(doubts))
    for check in store.report_check_rows(db):
        if check["id"] == row["report_id"]:
            found += [f"report in doubt: {p['message']}" for p in json.loads(check["problems"] or "[]")]
    return found


def item_detail(db, item_id: str) -> dict:
    """One item as `review show --json` gives it: the effective values, the extracted and reviewed
    ones, why it needs a look, and its evidence (the page text around it)."""
    row = find_item(db, item_id)
    detail = {key: value for key, value in row.items() if key not in ("item_rowid",)}
    detail["report_short_title"] = short_title(row.get("report_title"), row.get("report_file"))
    detail["doubts"] = reasons(db, row)
    detail["evidence"] = context_of(db, row) if row.get("page") else None
    return detail
