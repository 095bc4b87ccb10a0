"""Tracking items to closure for the user's own organisation, and the committee status table."""
from __future__ import annotations

from datetime import date, timedelta

from pipeline import store
from pipeline.errors import ReviewError
from pipeline.models import TRACK_STATUSES
from pipeline.review.decisions import default_reviewer, effective_items, find_item, now, parse_iso_date

LEVELS = (1, 2, 3, 4)
DUE_SOON_DAYS = 90
_TYPE_ROWS = (
    ("cause_of_concern", "Cause of concern"),
    ("recommendation", "Recommendation"),
    ("area_for_improvement", "AFI"),
)


def tracking_rows(db) -> dict[str, dict]:
    return store.tracking_rows(db)


def track(db, item_id: str, *, status: str | None = None, level: int | None = None, owner: str | None = None,
          evidence: str | None = None, closed_on: str | None = None, due: str | None = None,
          reason: str | None = None, by: str | None = None, note: str | None = None) -> dict:
    """Update an item's tracking; a revised due date needs a reason, so a deadline never slips silently.
    `note` goes into the audit log for the other fields (where the change came from, e.g. an import)."""
    find_item(db, item_id)
    by = by or default_reviewer()
    if status is not None and status not in TRACK_STATUSES:
        raise ReviewError(f"status must be one of {', '.join(TRACK_STATUSES)}")
    if level is not None and level not in LEVELS:
        raise ReviewError("level must be 1, 2, 3 or 4")
    if due is not None and not reason:
        raise ReviewError("a revised due date needs --reason")
    current = tracking_rows(db).get(item_id) or {"item_id": item_id, "status": "open"}
    if closed_on and (status or current.get("status")) != "closed":
        raise ReviewError("a closure date is for a closed item: add --status closed")
    updated = dict(current)
    changes = {
        "status": status, "level": level, "owner": owner, "evidence": evidence,
        "closed_on": parse_iso_date(closed_on) if closed_on else None,
        "due_revised": parse_iso_date(due) if due else None,
    }
    if status == "closed" and not closed_on and not current.get("closed_on"):
        changes["closed_on"] = date.today().isoformat()
    changes = {k: v for k, v in changes.items() if v is not None}
    if status in ("open", "in_progress") and current.get("closed_on") and not closed_on:
        changes["closed_on"] = None  # reopened: a closure date would still count it as closed
    if "due_revised" in changes:
        changes["due_reason"] = reason
        changes["due_changed_on"] = date.today().isoformat()
    stamp = now()
    with store.transaction(db):
        for field, value in changes.items():
            if current.get(field) != value:
                store.audit(db, by=by, item_id=item_id, action="track", field=field,
                            old=None if current.get(field) is None else str(current.get(field)),
                            new=None if value is None else str(value), note=reason if field.startswith("due") else note,
                            at=stamp)
        updated.update(changes)
        updated.update({"updated_by": by, "updated_at": stamp})
        store.upsert_tracking(db, updated)
    return updated


def tracked_items(db, today: date | None = None) -> list[dict]:
    """Effective items (rejected ones left out) with overdue and due soon worked out; their
    tracking state and due date (a revised one where recorded) come with them from the view."""
    today = today or date.today()
    rows = []
    for item in effective_items(db):
        if item["review_status"] == "rejected":
            continue
        due, status = item["due"], item["track_status"]
        open_ = status != "closed"
        item["due_extracted"] = item["deadline_date"]
        item["overdue"] = bool(due and open_ and date.fromisoformat(due) < today)
        item["due_soon"] = bool(due and open_ and today <= date.fromisoformat(due) <= today + timedelta(days=DUE_SOON_DAYS))
        rows.append(item)
    return rows


def status_summary(db, today: date | None = None) -> dict:
    """The committee paper's table: open, closed and total by type and level; plus what needs attention."""
    items = tracked_items(db, today)
    return {
        "table": status_table(items),
        "pending_review": sum(1 for i in items if i["review_status"] == "pending"),
        "changed_since_review": sum(1 for i in items if i["changed_since_review"]),
        "overdue": sum(1 for i in items if i["overdue"]),
        "due_next_90_days": sum(1 for i in items if i["due_soon"]),
        "today": (today or date.today()).isoformat(),
    }


def status_table(items: list[dict]) -> list[dict]:
    """The table's rows ({type, open, closed, total}) over tracked_items' rows; the charts draw the same rows."""
    table = []
    for kind, name in _TYPE_ROWS:
        of_kind = [i for i in items if i["kind"] == kind]
        levels = sorted({i["level"] for i in of_kind if i["level"]})
        groups = [(f"{name} Level {level}", [i for i in of_kind if i["level"] == level]) for level in levels]
        unlevelled = [i for i in of_kind if not i["level"]]
        if unlevelled or not groups:
            groups.append((name if not levels else f"{name} (no level)", unlevelled))
        for label, members in groups:
            closed = sum(1 for i in members if i["track_status"] == "closed")
            table.append({"type": label, "open": len(members) - closed, "closed": closed, "total": len(members)})
    others = sorted({i["kind"] for i in items} - {k for k, _n in _TYPE_ROWS})
    for kind in others:
        members = [i for i in items if i["kind"] == kind]
        closed = sum(1 for i in members if i["track_status"] == "closed")
        table.append({"type": kind.replace("_", " ").capitalize(), "open": len(members) - closed,
                      "closed": closed, "total": len(members)})
    return table
