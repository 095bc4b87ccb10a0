"""The outcome of a reviewer's last decision made through a writable canned query, kept until the
page it redirects to has shown it.

The canned query records the decision in one request and Datasette redirects the browser to
/-/hmicfrs/decision, which says what happened and opens the item. With `hmicfrs serve --workers
N` the two requests may reach different server processes, so the outcome lives in the database
(one row per reviewer name), not in a process's memory.
"""
from __future__ import annotations

from datetime import datetime, timezone

import sqlite_utils

from pipeline.store.connection import table, transaction


def create_outcomes_table(db: sqlite_utils.Database) -> None:
    table(db, "serve_outcomes").create(
        {"actor": str, "item_id": str, "message": str, "ok": int, "at": str}, pk="actor", if_not_exists=True)


def record_outcome(db: sqlite_utils.Database, actor: str, item_id: str, message: str, ok: bool) -> None:
    with transaction(db):
        db.execute(
            "insert into serve_outcomes (actor, item_id, message, ok, at) values (?, ?, ?, ?, ?) "
            "on conflict(actor) do update set item_id = excluded.item_id, message = excluded.message, "
            "ok = excluded.ok, at = excluded.at",
            [actor, item_id, message, int(ok), datetime.now(timezone.utc).isoformat(timespec="seconds")])


def take_outcome(db: sqlite_utils.Database, actor: str) -> tuple[str, str, bool] | None:
    """(item id, message, ok) of the actor's last decision, removed so a reload does not repeat it."""
    with transaction(db):
        rows = list(db.query("select item_id, message, ok from serve_outcomes where actor = ?", [actor]))
        if not rows:
            return None
        db.execute("delete from serve_outcomes where actor = ?", [actor])
    return rows[0]["item_id"], rows[0]["message"], bool(rows[0]["ok"])
