"""Review decisions as an overlay on what extraction produced; decisions are never lost.

Decisions live in their own tables keyed by the item's stable id (reviews, corrections,
manual_items, audit_log). Extraction rewrites `items` freely; the item_details view merges the
two (views.py: corrections applied, an item extracted differently since review flagged "changed
since review" and shown as reviewed, an item no longer extracted rebuilt from its review
snapshot). This module reads that view and writes the decisions, each with a snapshot of the
extracted values it covers.
"""
from __future__ import annotations

import getpass
import hashlib
import json
from datetime import date, datetime, timezone

from pipeline import store
from pipeline.store import views as views
from pipeline.errors import ReviewError
from pipeline.models import DEADLINE_KINDS, ITEM_KINDS
from pipeline.rules import RuleSet, load_rules

REVIEW_FIELDS = ("text", "kind", "number", "addressees", "deadline_date", "deadline_kind", "deadline_text", "parent")
_ACTIONS = {"accepted": "accept", "rejected": "reject", "corrected": "correct"}
_REPORT_FIELDS = ("report_file", "report_sha256", "report_title", "report_published", "report_published_precision")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def values_hash(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Reading: the effective items


def effective_items(db, report: str | None = None, kind: str | None = None, addressee: str | None = None) -> list[dict]:
    """Every item as people should see it, in report order: the rows of the item_details view
    (views.py holds the overlay's rules), in Python's terms."""
    rows = [_as_seen(row) for row in views.item_rows(db, report=report)]
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if addressee:
        rows = [r for r in rows if addressee in r["addressees"]]
    rows.sort(key=_report_order)
    return rows


def _report_order(row: dict) -> tuple:
    return (row.get("report_file") or "", row.get("page") or 0, row.get("seq") or 0, row["id"])


def _as_seen(row: dict) -> dict:
    """A view row with JSON as lists and dicts and flags as booleans. The view's source tells an
    item rebuilt from its review apart; the export calls it "extracted" (it was, once) and says
    so in `changed_since_review`, so the rebuilt state moves to `missing_since_review`."""
    row["addressees"] = json.loads(row["addressees"])
    row["changed_since_review"] = bool(row["changed_since_review"])
    row["extracted"] = json.loads(row["extracted"])
    row["reviewed_values"] = json.loads(row["reviewed_values"]) if row["reviewed_values"] else None
    row["missing_since_review"] = row["source"] == "missing_since_review"
    if row["missing_since_review"]:
        row["source"] = "extracted"
    return row


def find_item(db, item_id: str) -> dict:
    rows = views.item_rows(db, item_id=item_id)
    if not rows:
        raise ReviewError(f"no item {item_id!r} (see `hmicfrs review list`)")
    return _as_seen(rows[0])


def list_items(db, status: str | None = None, report: str | None = None) -> list[dict]:
    rows = effective_items(db, report=report)
    if status == "changed":
        return [r for r in rows if r["changed_since_review"]]
    if status:
        return [r for r in rows if r["review_status"] == status]
    return rows


def context_of(db, row: dict, chars: int = 400) -> str:
    """The item's page text around it: the evidence a reviewer checks it against."""
    text = store.page_text(db, row["report_id"], row["page"]) or ""
    start = max(0, (row.get("start") or 0) - chars // 4)
    return text[start : start + len(row["text"]) + chars]


# ---------------------------------------------------------------------------------------------
# Writing decisions


def accept(db, item_id: str, by: str | None = None, note: str | None = None) -> dict:
    return _decide(db, item_id, "accepted", by, note)


def reject(db, item_id: str, by: str | None = None, note: str | None = None) -> dict:
    return _decide(db, item_id, "rejected", by, note)


def _decide(db, item_id: str, status: str, by: str | None, note: str | None) -> dict:
    row = find_item(db, item_id)
    by = by or default_reviewer()
    with store.transaction(db):
        _write_review(db, row, status, by, note)
    return find_item(db, item_id)


def _write_review(db, row: dict, status: str, by: str, note: str | None) -> None:
    old = row["review_status"]
    if status == "accepted" and store.has_corrections(db, row["id"]):
        # Accepting an item that carries corrections accepts it as corrected: the export keeps
        # showing the corrected values, so its status must say so.
        status = "corrected"
    if old == status and not row["changed_since_review"]:
        return  # nothing new was decided: keep who decided it, and when
    snapshot = {key: row.get(key) for key in ("id", "report_id", "seq", "label", "page", "page_end", "start", "end",
                                               "addressee_text", *_REPORT_FIELDS)}
    snapshot.update(row["extracted"])
    # item_details compares the snapshot's values themselves; the hash stays for readers of the table.
    store.upsert_review(db, {
        "item_id": row["id"], "status": status, "by": by, "at": now(), "note": note,
        "snapshot": json.dumps(snapshot, ensure_ascii=False), "snapshot_hash": values_hash(row["extracted"]),
    })
    if old != status or row["changed_since_review"]:
        store.audit(db, by=by, item_id=row["id"], action=_ACTIONS[status],
                    field="review_status", old=old, new=status, note=note, at=now())


def correct(db, item_id: str, changes: dict[str, str], by: str | None = None, note: str | None = None,
            rules: RuleSet | None = None) -> dict:
    row = find_item(db, item_id)
    values = validate_changes(db, changes, rules, item_id=row["id"])
    if all(row.get(field) == value for field, value in values.items()):
        raise ReviewError(f"{item_id}: nothing to correct, it already has "
                          + "; ".join(f"{f}={_text(v)}" for f, v in values.items()))
    by = by or default_reviewer()
    with store.transaction(db):
        _apply_correction(db, row, values, by, note)
    return find_item(db, item_id)


def _apply_correction(db, row: dict, values: dict, by: str, note: str | None) -> None:
    for field, value in values.items():
        old = row.get(field)
        if old == value:
            continue
        store.upsert_correction(db, {
            "item_id": row["id"], "field": field, "value": json.dumps(value, ensure_ascii=False), "by": by,
            "at": now(), "note": note,
        })
        store.audit(db, by=by, item_id=row["id"], action="correct", field=field, old=_text(old), new=_text(value),
                    note=note, at=now())
    _write_review(db, row, "corrected", by, note)


def _text(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)


def validate_changes(db, changes: dict[str, str], rules: RuleSet | None = None, *, item_id: str | None = None,
                     parents: dict[str, str | None] | None = None) -> dict:
    """Typed values from FIELD=VALUE text; raises ReviewError naming the first bad field.

    `item_id` is the item being corrected (none for an item being added, which nothing can have
    as its parent yet); `parents` maps every item id to its parent as it will be once the whole
    change is made (default: as it is now), so a cycle is judged on where a sheet ends up.
    """
    values: dict[str, str | list[str] | None] = {}
    for field, raw in changes.items():
        if field not in REVIEW_FIELDS:
            raise ReviewError(f"unknown field {field!r}: use one of {', '.join(REVIEW_FIELDS)}")
        raw = None if raw is None else str(raw).strip()
        if field == "addressees":
            # "a; b" as every sheet and CSV export writes lists, "a,b" as people type them.
            ids = [part.strip() for part in (raw or "").replace(";", ",").split(",") if part.strip()]
            unknown = [i for i in ids if i not in known_addressees(db, rules)]
            if unknown:
                raise ReviewError(f"unknown addressee id(s): {', '.join(unknown)}")
            values[field] = list(dict.fromkeys(ids))
        elif field == "kind":
            if raw not in ITEM_KINDS:
                raise ReviewError(f"kind must be one of {', '.join(ITEM_KINDS)}, not {raw!r}")
            values[field] = raw
        elif field == "deadline_kind":
            if raw not in DEADLINE_KINDS:
                raise ReviewError(f"deadline_kind must be one of {', '.join(DEADLINE_KINDS)}, not {raw!r}")
            values[field] = raw
        elif field == "deadline_date":
            values[field] = parse_iso_date(raw) if raw else None
        elif field == "parent":
            if parents is None:
                parents = {r["id"]: r.get("parent") for r in effective_items(db)}
            if raw and raw not in parents:
                raise ReviewError(f"parent {raw!r} is not an item id")
            if raw and item_id:
                refuse_parent_cycle(item_id, raw, parents)
            values[field] = raw or None
        elif field == "text":
            if not raw:
                raise ReviewError("text cannot be empty")
            values[field] = " ".join(raw.split())
        else:
            values[field] = raw or None
    return values


def refuse_parent_cycle(item_id: str, parent: str, parents: dict[str, str | None]) -> None:
    """Raises ReviewError if `parent` is the item itself or has the item above it: a parent is the
    item an item sits under (its cause of concern), and a cycle has no top for anything that
    walks up from an item (a reader, a tree of the report) to stop at."""
    if parent == item_id:
        raise ReviewError(f"parent {parent!r} is the item itself: an item cannot be its own parent")
    chain = [item_id]
    node: str | None = parent
    # A cycle among other items (made before cycles were refused) must not loop here for ever.
    while node is not None and node not in chain:
        chain.append(node)
        node = parents.get(node)
    if node == item_id:
        raise ReviewError(f"parent {parent!r} would make a cycle: {' -> '.join([*chain, item_id])}")


def parse_iso_date(raw: str) -> str:
    try:
        value = date.fromisoformat(raw)
    except ValueError as exc:
        raise ReviewError(f"bad date {raw!r}: use YYYY-MM-DD") from exc
    if not 1990 <= value.year <= 2100:
        raise ReviewError(f"date out of range: {raw}")
    return value.isoformat()


def known_addressees(db, rules: RuleSet | None = None) -> set[str]:
    rules = rules or load_rules()
    known = {str(r.get("addressee")) for r in rules.of("addressees.jsonl") if r.get("addressee") != "{slug}"}
    known |= store.addressee_ids_in_use(db)
    return known


def add_item(db, report: str, kind: str, text: str, number: str | None = None, label: str | None = None,
             page: int | None = None, addressees: str | None = None, deadline_kind: str | None = None,
             deadline_date: str | None = None, deadline_text: str | None = None, parent: str | None = None,
             by: str | None = None, note: str | None = None) -> dict:
    """A missing item added by hand: stored apart, never touched by extraction."""
    reports = [r for r in store.report_rows(db) if report in (r["id"], r["sha256"], r["file"])]
    if not reports:
        raise ReviewError(f"no report {report!r} in the database")
    report_row = reports[0]
    values = validate_changes(db, {k: v for k, v in {
        "kind": kind, "text": text, "addressees": addressees or "", "deadline_kind": deadline_kind or "none",
        "deadline_date": deadline_date or "", "parent": parent or "",
    }.items()})
    by = by or default_reviewer()
    digest = hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:8]
    # The kind is part of the id: "Recommendation 4" and "Area for improvement 4" are two items.
    item_id = f"{report_row['id']}-manual-{values['kind']}-{number or digest}"
    row = {
        "id": item_id, "report_id": report_row["id"], "kind": values["kind"], "number": number,
        "label": label, "parent": values["parent"], "text": values["text"],
        "addressees": json.dumps(values["addressees"]), "addressee_text": None,
        "deadline_kind": values["deadline_kind"], "deadline_date": values["deadline_date"],
        "deadline_text": deadline_text, "page": page, "page_end": page, "added_by": by, "added_at": now(), "note": note,
    }
    with store.transaction(db):
        store.insert_manual_item(db, row)
        store.audit(db, by=by, item_id=item_id, action="add", field=None, old=None, new=values["text"], note=note, at=now())
    return find_item(db, item_id)


# ---------------------------------------------------------------------------------------------
# Suspected missed items: turned into an item, or dismissed; the decision outlives re-extraction


def open_suspects(db, report: str | None = None) -> list[dict]:
    return store.suspect_rows(db, report=report)


def _suspect(db, suspect_id: str) -> dict:
    row = store.find_suspect(db, suspect_id)
    if row is None:
        raise ReviewError(f"no suspect {suspect_id!r} (see `hmicfrs review list --status suspected`)")
    return row


def _open_suspect(db, suspect_id: str) -> dict:
    row = _suspect(db, suspect_id)
    if row["decision"]:
        raise ReviewError(f"suspect {suspect_id} was already {row['decision']} by {row['decided_by']} on {row['decided_at']}")
    return row


def add_from_suspect(db, suspect_id: str, kind: str | None = None, by: str | None = None,
                     note: str | None = None) -> dict:
    """The suspect as an item added by hand (its text and page), and the suspect marked added."""
    suspect = _open_suspect(db, suspect_id)
    by = by or default_reviewer()
    with store.transaction(db):
        item = add_item(db, suspect["report_id"], kind or suspect["kind"], suspect["text"], page=suspect["page"],
                        by=by, note=note)
        _decide_suspect(db, suspect_id, "added", item["id"], by, note)
    return item


def dismiss_suspect(db, suspect_id: str, by: str | None = None, note: str | None = None) -> dict:
    """The suspect is no item: it leaves the queue for good."""
    _open_suspect(db, suspect_id)
    by = by or default_reviewer()
    with store.transaction(db):
        _decide_suspect(db, suspect_id, "dismissed", None, by, note)
    return _suspect(db, suspect_id)


def _decide_suspect(db, suspect_id: str, decision: str, item_id: str | None, by: str, note: str | None) -> None:
    at = now()
    store.insert_suspect_decision(db, {"suspect_id": suspect_id, "decision": decision, "item_id": item_id, "by": by,
                                       "at": at, "note": note})
    # The audit log is keyed by item id; a suspect is logged under its own id, with the item it became.
    store.audit(db, by=by, item_id=suspect_id, action=f"suspect_{decision}", field="suspect_decision", old=None,
                new=item_id or decision, note=note, at=at)


def report_checks(db) -> list[dict]:
    """Every report: its item counts by kind (as people see them, rejected items left out), why it
    is in doubt, and its open suspects."""
    counts: dict[str, dict[str, int]] = {}
    for row in effective_items(db):
        if row["review_status"] != "rejected":
            by_kind = counts.setdefault(row["report_id"], {})
            by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + 1
    suspects: dict[str, list[dict]] = {}
    for row in store.suspect_rows(db):
        suspects.setdefault(row["report_id"], []).append({"id": row["id"], "page": row["page"], "text": row["text"]})
    return [
        {
            "file": row["file"], "sha256": row["sha256"], "title": row["title"], "family": row["family"],
            "items": counts.get(row["id"], {}),
            "problems": json.loads(row["problems"] or "[]"),
            "suspects": suspects.get(row["id"], []),
        }
        for row in store.report_check_rows(db)
    ]
