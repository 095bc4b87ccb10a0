"""Indexes for the pages `hmicfrs serve` opens by default (issue 15, part 8).

Each matches one page's WHERE and ORDER BY, so that at 50,000 items a default page reads the
rows it shows in index order and stops (the canned queries carry a LIMIT), instead of scanning
every item and sorting it in a temporary b-tree; the columns after the sort key let the filters
and the landing page's counts be answered from the index alone. Check with EXPLAIN QUERY PLAN
(tests/test_serve_speed.py does, for each canned query).
"""
from __future__ import annotations

INDEXES = {
    # overdue, due_next_90_days and the landing page's counts: a range of due, in the queries' order.
    "item_details_due_order": "item_details (due, report_file, seq, review_status, track_status)",
    # items_for_addressee and ours: undated items last.
    "item_details_due_first": "item_details (due is null, due, report_file, seq)",
    # needing_review: unsure extractions first, then changed ones, then in printed order.
    "item_details_review_order": ("item_details (needs_review desc, changed_since_review desc, report_file, seq, "
                                  "review_status)"),
    # changed_since_review.
    "item_details_changed_order": "item_details (changed_since_review, report_file, seq)",
    # The review queues (hmicfrs_pages.QUEUE_SQL), read from the index alone.
    "item_details_pending_queue": "item_details (review_status, needs_review desc, report_file, seq is null, seq, id)",
    "item_details_changed_queue": "item_details (changed_since_review, report_file, seq is null, seq, id)",
    # A search (item_rowid in the full-text matches): SQLite looks each match up by item_rowid,
    # so the count and the default facets are read from this index, not from the rows.
    "item_details_search": "item_details (item_rowid, report_title, kind, review_status, deadline_year)",
    # status_summary: grouped by kind and level in index order, the sums read from the index.
    "item_details_status": "item_details (kind, level, review_status, track_status, changed_since_review, due, id)",
    # items_without_response: whether a response document answers the item's report.
    "response_documents_target": "response_documents (target_report_id)",
}


# The item view's facets (kind, deadline_year, review_status, report_title) on a filtered page:
# one index per column people filter by, led by it and holding the other filter and facet columns,
# so each facet is counted from one index whichever of them SQLite picks for the filter and the
# grouping, instead of looking up every matching row (a facet of 16,000 rows took 130 ms that way).
# They make the single-column indexes of migration 8 (views_table.INDEXES) on the same columns redundant.
FILTERED_COLUMNS = ("kind", "deadline_year", "review_status", "report_title", "track_status")
FACET_INDEXES = {
    f"item_details_by_{short}": f"item_details ({', '.join([lead, *(c for c in FILTERED_COLUMNS if c != lead)])})"
    for short, lead in (("kind", "kind"), ("year", "deadline_year"), ("review", "review_status"),
                        ("title", "report_title"), ("track", "track_status"))
}
SUPERSEDED = ("item_details_kind", "item_details_year", "item_details_review", "item_details_title")


def create_facet_indexes(db) -> None:
    create_indexes(db, FACET_INDEXES)
    for name in SUPERSEDED:
        db.execute(f"drop index if exists {name}")


def create_indexes(db, indexes: dict[str, str] = INDEXES) -> None:
    for name, target in indexes.items():
        db.execute(f"create index if not exists {name} on {target}")
        if db["sqlite_stat1"].exists():  # statistics for the new index too, else the planner weighs it blind
            db.execute(f"analyze {name}")
