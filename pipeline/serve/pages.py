"""What the browser's working pages ask of the library (issue 15): the item view's compact column
set, display names for addressee and family ids, the review queue's order, accepting a report's
remaining items at once and tracking from a form. The Datasette side is
datasette/plugins/hmicfrs_pages.py; writes go through pipeline.review.decisions and pipeline.review.track, the
functions the CLI calls, so the audit log and the overlay are written in one place.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

from datasette.utils import tilde_encode

from pipeline import store
from pipeline.review import decisions as review
from pipeline.review import track as track
from pipeline.errors import ReviewError
from pipeline.rules import display_names

# What a liaison officer scans, in that order; every other column stays one click away (the
# column menu's "Show all columns", or the chooser above the table).
COMPACT_COLUMNS = ("label", "text", "addressees", "deadline_text", "due", "review_status", "track_status",
                   "report_title", "pdf_link", "review_link")
ITEM_VIEW = "item_details"
# Set by "Show all columns": without it the bare view would be sent back to the compact set.
ALL_COLUMNS = "_all_columns"
_COLUMN_ARGS = ("_col", "_nocol", ALL_COLUMNS, "_format")
QUEUES = ("pending", "changed", "suspected")
SHORT_TITLE = 34


def item_view_path(db_name: str) -> str:
    return f"/{tilde_encode(db_name)}/{ITEM_VIEW}"


def compact_location(path: str, query_string: str, db_name: str) -> str | None:
    """Where a request for the item view's HTML page should go instead: the same page with the
    compact column set, when it names no columns of its own; else None."""
    if path != item_view_path(db_name):
        return None
    args = parse_qsl(query_string, keep_blank_values=True)
    if any(key in _COLUMN_ARGS for key, _value in args):
        return None
    return path + "?" + urlencode([*args, *(("_col", c) for c in COMPACT_COLUMNS)])


# ---------------------------------------------------------------------------------------------
# Names people read instead of ids


def addressee_name(addressee_id: str) -> str:
    return display_names().get(("addressee", addressee_id), addressee_id.replace("_", " "))


def family_name(family: str) -> str:
    return display_names().get(("family", family), family.replace("_", " "))


def addressee_names(value) -> str | None:
    """'["chief_constables", "npcc"]' -> "chief constables; the National Police Chiefs' Council";
    None for anything that is not a JSON list of ids (the cell is then shown as Datasette would)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return "; ".join(addressee_name(v) for v in value)


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """A report title cut at a word to fit a narrow column (the full title goes in a tooltip)."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,:;-")
    return cut + "\u2026"


# ---------------------------------------------------------------------------------------------
# The review queue


def queue_href(entry_id: str, queue: str) -> str:
    route = "/-/hmicfrs/suspect/" if queue == "suspected" else "/-/hmicfrs/review/"
    return route + quote(entry_id, safe="") + "?" + urlencode({"queue": queue})


def next_in_queue(order_before: list[str], still_queued: list[str], current: str | None) -> str | None:
    """The entry to show after `current`: the first one after it in the queue's order as it was
    when the page was shown (`order_before`) that is still queued, wrapping round to the first
    entry still queued; None when nothing but `current` is left. A decision takes `current` out
    of the queue, so its place is only known from the order before it."""
    still = set(still_queued) - {current}
    if current in order_before:
        for entry in order_before[order_before.index(current) + 1:]:
            if entry in still:
                return entry
    return next((entry for entry in still_queued if entry in still), None)


# ---------------------------------------------------------------------------------------------
# Writes from the item page


def accept_rest(db_path: Path, report_id: str, by: str, note: str | None) -> list[str]:
    """Accept every item of the report still pending, all or none, with one note; the ids accepted."""
    db = store.connect(db_path, create=False)
    try:
        pending = [row["id"] for row in review.list_items(db, status="pending", report=report_id)]
        if not pending:
            raise ReviewError("no item of this report is pending review")
        with store.transaction(db):
            for item_id in pending:
                review.accept(db, item_id, by=by, note=note)
        return pending
    finally:
        db.conn.close()


def track_from_form(db_path: Path, item_id: str, by: str, form: dict) -> dict:
    """`hmicfrs track` from the item page's form: blank fields are left as they are."""
    def given(name: str) -> str | None:
        value = " ".join(str(form.get(name) or "").split())
        return value or None

    level = given("level")
    if level is not None and not level.isdigit():
        raise ReviewError("level must be 1, 2, 3 or 4")
    db = store.connect(db_path, create=False)
    try:
        return track.track(db, item_id, status=given("status"), level=int(level) if level else None,
                           owner=given("owner"), evidence=(str(form.get("evidence") or "").strip() or None),
                           closed_on=given("closed_on"), due=given("due"), reason=given("reason"), by=by)
    finally:
        db.conn.close()


# ---------------------------------------------------------------------------------------------
# Suspected missed items from the browser


def find_suspect(db_path: Path, suspect_id: str) -> dict:
    db = store.connect(db_path, create=False)
    try:
        row = store.find_suspect(db, suspect_id)
        if row is None:
            raise ReviewError(f"no suspect {suspect_id!r}")
        row["evidence"] = review.context_of(db, row) if row.get("page") else ""
        return row
    finally:
        db.conn.close()


def decide_suspect(db_path: Path, suspect_id: str, action: str, by: str, note: str | None,
                   kind: str | None = None) -> str:
    """`review add --from-suspect` or `review dismiss` from the suspect's page; a line saying what happened."""
    db = store.connect(db_path, create=False)
    try:
        if action == "add":
            item = review.add_from_suspect(db, suspect_id, kind=kind or None, by=by, note=note)
            return f"{suspect_id}: added as item {item['id']}"
        if action == "dismiss":
            review.dismiss_suspect(db, suspect_id, by=by, note=note)
            return f"{suspect_id}: dismissed"
        raise ReviewError("action must be add or dismiss")
    finally:
        db.conn.close()
