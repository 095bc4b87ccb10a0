"""item_details is a table kept by triggers (migration 8, pipeline/store/views_table.py): after every
write a decision or an extraction can make, its rows are exactly the overlay's (item_overlay)."""
from __future__ import annotations

import pytest

from pipeline import store
from pipeline.store import views_table as views_table
from test_overlay import STATES, db, ids_of, run, template  # noqa: F401  (fixtures)

ROWS = "select * from {} order by id, source"


def table_and_view(db):  # noqa: F811
    return list(db.query(ROWS.format("item_details"))), list(db.query(ROWS.format("item_overlay")))


@pytest.mark.parametrize("state", list(STATES))
def test_the_table_holds_the_overlays_rows_after_each_write(db, state):  # noqa: F811
    names = ids_of(db)
    for step in STATES[state][1]:
        with store.transaction(db):
            run(db, names, step)
        table, view = table_and_view(db)
        assert table == view and table, step


def test_raw_sql_and_a_moved_row_keep_it_current(db):  # noqa: F811
    names = ids_of(db)
    db.execute("insert into tracking (item_id, status, level) values (?, 'closed', 3)", [names["rec2"]])
    db.execute("update tracking set item_id = ? where item_id = ?", [names["rec3"], names["rec2"]])
    table, view = table_and_view(db)
    assert table == view
    shown = {r["id"]: r["track_status"] for r in table}
    assert (shown[names["rec2"]], shown[names["rec3"]]) == ("open", "closed")
    db.execute("update reports set title = 'Retitled'")  # a write to no item's row: the report's
    table, view = table_and_view(db)
    assert table == view and {r["report_title"] for r in table} == {"Retitled"}


def test_every_table_the_overlay_reads_has_its_triggers(db):  # noqa: F811
    triggers = {r["tbl_name"] for r in db.query("select tbl_name from sqlite_master where type = 'trigger' "
                                                 "and name like 'item_details_%'")}
    assert triggers == {"items", "manual_items", "reviews", "corrections", "tracking", "reports"}
    assert len(views_table.drops()) == 6 * 3 + 1
