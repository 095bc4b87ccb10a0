"""The item as people see it, defined once: the `item_details` view.

Extraction rewrites `items` freely; people's decisions live in their own tables (reviews,
corrections, manual_items, tracking). The overlay of the two is written here, in SQL, and only
here. SQL rather than Python because Datasette and any other SQLite client can read only SQL,
while Python reads a view as easily as a table: `review.effective_items` reads `item_details`
(`item_rows` below), and export, brief, calendar, tracking, status, the review sheet and the
review pages all go through it, so there is no second copy of the rules to drift
(tests/test_overlay.py checks the two readings over every review state).

The rules (README, "Review and tracking"):
- an extracted item shows what extraction says, each corrected field replaced by its correction;
- an item added by hand is accepted until someone decides otherwise, and never "changed";
- a reviewed item whose extracted values now differ from the snapshot taken at review is
  "changed since review" and keeps showing the reviewed values (corrections still win) until
  someone decides again: a decision covers the values the person saw;
- a reviewed item that extraction no longer finds is rebuilt from that snapshot, and is changed
  since review too;
- the report (title, file, date) is the report as it is now, also for a rebuilt item.

Besides what people read, each row carries what the review commands need: `extracted` (the values
as extraction gives them now, as JSON) and `reviewed_values` (the values the reviewer saw), the
item's offsets in its page text and the report's SHA-256 and date precision for the export.

Read as a view, the overlay costs every reader its corrections, reviews and JSON for every item
(1.9 s for the item view at 50,000 items, issue 15). So the overlay is the view `item_overlay`, and
`item_details` is a table holding its rows, which triggers on every table the overlay reads
refresh for the item (or the report) a write touches, in the writer's transaction: every writer,
the CLI's, the browser's or plain SQL, keeps it current, and the rules stay written once, here
(views_table.py holds the table, its indexes and triggers).

A view is schema. Migration 8 runs `create_views`, so an edit here would reach new databases but
never one already at version 8: a change needs a new migration that calls `create_views`, with
the SQL migration 8 ran frozen for it the way views_v4.py and views_v6.py keep migrations 4's and 6's.
tests/test_overlay.py holds a fingerprint of this SQL to catch an edit made without that.
"""
from __future__ import annotations

from pipeline.store import views_table as views_table

# The fields a correction can override (review.REVIEW_FIELDS): corrections.value holds JSON.
CORRECTABLE = ("text", "kind", "number", "addressees", "deadline_date", "deadline_kind", "deadline_text", "parent")
# Display order in the browser: what a reader scans first, the bookkeeping last.
_FIRST = ("id", "report_title", "label", "text", "addressees", "deadline_text")
_REST = (
    "review_status", "track_status", "pdf_link", "review_link", "page", "page_end", "kind", "number", "parent",
    "addressee_text", "deadline_kind", "deadline_date", "changed_since_review", "reviewed_by", "reviewed_at",
    "review_note", "needs_review", "doubts", "source", "level", "owner", "evidence", "closed_on", "due_revised",
    "due_reason", "report_id", "report_file", "report_published", "seq", "item_rowid",
    "report_sha256", "report_published_precision", "start", "end", "extracted", "reviewed_values",
)
PDF_ROUTE = "/-/hmicfrs/pdf/"
REVIEW_ROUTE = "/-/hmicfrs/review/"

# The values as extracted (or added by hand, or, for an item extraction no longer finds, as
# snapshotted at review), before any decision.
_BASE = """
create view item_base as
select i.rowid as item_rowid, i.id, i.report_id, i.seq, i.kind, i.number, i.label, i.parent, i.text,
       coalesce(nullif(i.addressees, ''), '[]') as addressees, i.addressee_text, i.deadline_kind,
       i.deadline_date, i.deadline_text, i.page, i.page_end, i.start, i."end", i.needs_review, i.doubts,
       'extracted' as source
from items i
union all
select null, m.id, m.report_id, null, m.kind, m.number, m.label, m.parent, m.text,
       coalesce(nullif(m.addressees, ''), '[]'), m.addressee_text, m.deadline_kind, m.deadline_date,
       m.deadline_text, m.page, m.page_end, null, null, 0, null, 'manual'
from manual_items m
union all
select null, v.item_id, json_extract(v.snapshot, '$.report_id'), json_extract(v.snapshot, '$.seq'),
       json_extract(v.snapshot, '$.kind'), json_extract(v.snapshot, '$.number'),
       json_extract(v.snapshot, '$.label'), json_extract(v.snapshot, '$.parent'),
       json_extract(v.snapshot, '$.text'), coalesce(json_extract(v.snapshot, '$.addressees'), '[]'),
       json_extract(v.snapshot, '$.addressee_text'), json_extract(v.snapshot, '$.deadline_kind'),
       json_extract(v.snapshot, '$.deadline_date'), json_extract(v.snapshot, '$.deadline_text'),
       json_extract(v.snapshot, '$.page'), json_extract(v.snapshot, '$.page_end'),
       json_extract(v.snapshot, '$.start'), json_extract(v.snapshot, '$.end'), 1,
       'no longer extracted', 'missing_since_review'
from reviews v
where json_valid(v.snapshot)
  and not exists (select 1 from items x where x.id = v.item_id)
  and not exists (select 1 from manual_items x where x.id = v.item_id)
"""


def _values(value_of) -> str:
    """The reviewable fields as one JSON object, the form in which the extracted and the reviewed
    values are exposed and compared."""
    # items.addressees is written with ASCII escapes and the snapshot as UTF-8, so equal lists can
    # be different texts: the list is rebuilt element by element to make them one text.
    pairs = (f"'{f}', json((select json_group_array(value) from json_each({value_of(f)})))" if f == "addressees"
             else f"'{f}', {value_of(f)}" for f in CORRECTABLE)
    return f"json_object({', '.join(pairs)})"


def _snapshot(field: str) -> str:
    value = f"json_extract(v.snapshot, '$.{field}')"
    return f"coalesce({value}, '[]')" if field == "addressees" else value


def _shown(field: str) -> str:
    """The value people see: the correction, else the review snapshot's, else the extracted one.

    Each source is looked up once and held as JSON text, so a value that is null (a correction to
    no deadline) is the text 'null' and still wins, while a missing row is SQL NULL and falls
    through. The snapshot is shown whenever there is one, with no "changed" test: while extraction
    agrees with it they are the same values, and testing changed_since_review here would make
    SQLite rebuild and compare both value sets once per field.
    """
    correction = f"select c.value from corrections c where c.item_id = o.id and c.field = '{field}'"
    review = "from reviews v where v.item_id = o.id and o.source != 'manual' and json_valid(v.snapshot)"
    if field == "addressees":
        return f"coalesce(({correction}), (select {_snapshot(field)} {review}), o.addressees) as addressees"
    return (f"json_extract(coalesce(({correction}), (select json_quote({_snapshot(field)}) {review}),\n"
            f"                          json_quote(o.{field})), '$') as {field}")


def _details() -> str:
    shown = ",\n       ".join(_shown(f) for f in CORRECTABLE)
    columns = ", ".join(f'"{c}"' for c in _REST)
    # The review's snapshot is read through a correlated subquery, not the left join on reviews:
    # SQLite 3.40 returns no rows for `json_each(d.addressees) join item_details d` (Datasette's
    # array facet) when addressees depends on a left-joined column.
    return f"""
create view item_overlay as
select {", ".join(_FIRST)}, coalesce(e.due_revised, e.deadline_date) as due,
       substr(coalesce(e.due_revised, e.deadline_date), 1, 4) as deadline_year,
       {columns}
from (
  select o.item_rowid, o.id, o.report_id, r.title as report_title, r.file as report_file,
       r.sha256 as report_sha256, r.published as report_published,
       r.published_precision as report_published_precision, o.seq, o.label,
       {shown},
       o.addressee_text, o.page, o.page_end, o.start, o."end",
       '{PDF_ROUTE}' || r.id || '.pdf#page=' || coalesce(o.page, 1) as pdf_link,
       coalesce(v.status, case when o.source = 'manual' then 'accepted' else 'pending' end) as review_status,
       o.changed_since_review, v.by as reviewed_by, v.at as reviewed_at, v.note as review_note,
       '{REVIEW_ROUTE}' || o.id as review_link,
       o.needs_review, o.doubts, o.source,
       coalesce(t.status, 'open') as track_status, t.level, t.owner, t.evidence, t.closed_on,
       t.due_revised, t.due_reason, o.extracted, o.reviewed_values
  from (
    select s.*, case when s.source = 'missing_since_review' then 1
                     when s.source = 'manual' or s.reviewed_values is null then 0
                     when s.extracted is not s.reviewed_values then 1
                     else 0 end as changed_since_review
    from (
      select b.*, {_values(lambda f: f"b.{f}")} as extracted,
             (select {_values(_snapshot)} from reviews v where v.item_id = b.id and json_valid(v.snapshot))
               as reviewed_values
      from item_base b
    ) s
  ) o
  join reports r on r.id = o.report_id
  left join reviews v on v.item_id = o.id
  left join tracking t on t.item_id = o.id
) e
"""


def view_sql() -> tuple[str, ...]:
    """The statements `create_views` runs, in order: the overlay's views, then the item_details
    table that holds the overlay's rows with its indexes and the triggers that keep it current."""
    return (_BASE, _details(), *views_table.statements())


def create_views(db) -> None:
    """Called by store's migration 8 (4 and 6 made the earlier versions: views_v4.py, views_v6.py)."""
    db.execute("drop view if exists item_details")
    for statement in views_table.drops():
        db.execute(statement)
    db.execute("drop view if exists item_overlay")
    db.execute("drop view if exists item_base")
    for statement in view_sql():
        db.execute(statement)
    db.execute(views_table.FILL)


def item_rows(db, report: str | None = None, item_id: str | None = None) -> list[dict]:
    """Rows of item_details; `report` is a report's id, SHA-256 or file name."""
    sql, params = "select * from item_details where 1 = 1", []
    if report:
        sql += " and ? in (report_id, report_sha256, report_file)"
        params.append(report)
    if item_id:
        sql += " and id = ?"
        params.append(item_id)
    return list(db.query(sql, params))
