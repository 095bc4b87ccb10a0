"""`item_details` as a table: the overlay's rows (the `item_overlay` view, views.py), kept.

Datasette's item view counts, sorts and facets the whole overlay several times a page, and the
overlay computes each item's corrections, review and JSON values as it goes: at 50,000 items a
page took seconds. Held in a table, the same rows are read like any table, with indexes for the
sort, the filters of the canned queries, the facets and the search's join.

Kept current by triggers, not by the Python writers: every statement that writes a table the
overlay reads (items, manual_items, reviews, corrections, tracking, reports) recomputes the rows
of the items (or the report) it touched from the view, inside the writer's transaction. So the
CLI, the browser, `review apply` and plain SQL all keep it right, and nothing holds a second
copy of the overlay's rules: a row of the table is always `select * from item_overlay where id = ?`.
"""
from __future__ import annotations

# The tables the overlay reads, with the column that names the item each row is about.
_BY_ITEM = (("items", "id"), ("manual_items", "id"), ("reviews", "item_id"), ("corrections", "item_id"),
            ("tracking", "item_id"))
# What the item view sorts by, the canned queries filter and sort on, the facets group and the search joins.
INDEXES = {
    "item_details_id": "id", "item_details_report": "report_id, seq", "item_details_file": "report_file, seq",
    "item_details_rowid": "item_rowid", "item_details_due": "due", "item_details_review": "review_status",
    "item_details_changed": "changed_since_review", "item_details_kind": "kind", "item_details_year": "deadline_year",
    "item_details_title": "report_title",
}
FILL = "insert into item_details select * from item_overlay"


def _refresh(key: str, value: str) -> str:
    return (f"delete from item_details where {key} = {value};\n"
            f"  insert into item_details select * from item_overlay where {key} = {value};")


def _triggers(table: str, column: str, key: str) -> list[str]:
    name = f"item_details_{table}"
    # An update that moves a row to another item (or report) refreshes both.
    moved = (f"delete from item_details where {key} = old.{column} and old.{column} is not new.{column};\n"
             f"  insert into item_details select * from item_overlay where {key} = old.{column}"
             f" and old.{column} is not new.{column};")
    return [
        f"create trigger {name}_insert after insert on {table} begin\n  {_refresh(key, f'new.{column}')}\nend",
        f"create trigger {name}_update after update on {table} begin\n  {_refresh(key, f'new.{column}')}\n  {moved}\nend",
        f"create trigger {name}_delete after delete on {table} begin\n  {_refresh(key, f'old.{column}')}\nend",
    ]


def _trigger_names() -> list[str]:
    return [f"item_details_{table}_{event}" for table in (*(t for t, _ in _BY_ITEM), "reports")
            for event in ("insert", "update", "delete")]


def statements() -> list[str]:
    """The table (the overlay's columns, no rows yet), its indexes and its triggers."""
    out = ["create table item_details as select * from item_overlay where 0"]
    out += [f"create index {name} on item_details ({columns})" for name, columns in INDEXES.items()]
    for table, column in _BY_ITEM:
        out += _triggers(table, column, "id")
    out += _triggers("reports", "id", "report_id")  # a retitled report retitles its items
    return out


def drops() -> list[str]:
    return [f"drop trigger if exists {name}" for name in _trigger_names()] + ["drop table if exists item_details"]
