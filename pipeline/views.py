"""SQL views of the items as people see them, for Datasette and anyone who opens the database.

`item_details` mirrors `review.effective_items` in SQL so it can be faceted, searched and
queried in the browser: extracted items, items added by hand and items that vanished from
extraction after review (rebuilt from the review snapshot), each with corrections applied, its
report, review status, tracking state, due date and a link to its page in the source PDF.
The Python overlay stays the reference; tests check the two agree.
"""
from __future__ import annotations

# The fields a correction can override (review.REVIEW_FIELDS): corrections.value holds JSON.
CORRECTABLE = ("text", "kind", "number", "addressees", "deadline_date", "deadline_kind", "deadline_text", "parent")
# Compared with the review snapshot to flag "changed since review" (review.values_hash's fields).
_COMPARED = ("text", "kind", "number", "deadline_date", "deadline_kind", "deadline_text", "parent")
# Display order in the browser: what a reader scans first, the bookkeeping last.
_FIRST = ("id", "report_title", "label", "text", "addressees", "deadline_text")
_REST = (
    "review_status", "track_status", "pdf_link", "review_link", "page", "page_end", "kind", "number", "parent",
    "addressee_text", "deadline_kind", "deadline_date", "changed_since_review", "reviewed_by", "reviewed_at",
    "review_note", "needs_review", "doubts", "source", "level", "owner", "evidence", "closed_on", "due_revised",
    "due_reason", "report_id", "report_file", "report_published", "seq", "item_rowid",
)
PDF_ROUTE = "/-/hmicfrs/pdf/"
REVIEW_ROUTE = "/-/hmicfrs/review/"

_BASE = """
create view item_base as
select i.rowid as item_rowid, i.id, i.report_id, i.seq, i.kind, i.number, i.label, i.parent, i.text,
       coalesce(i.addressees, '[]') as addressees, i.addressee_text, i.deadline_kind, i.deadline_date,
       i.deadline_text, i.page, i.page_end, i.needs_review, i.doubts, 'extracted' as source
from items i
union all
select null, m.id, m.report_id, null, m.kind, m.number, m.label, m.parent, m.text,
       coalesce(m.addressees, '[]'), m.addressee_text, m.deadline_kind, m.deadline_date, m.deadline_text,
       m.page, m.page_end, 0, null, 'manual'
from manual_items m
union all
select null, v.item_id, json_extract(v.snapshot, '$.report_id'), json_extract(v.snapshot, '$.seq'),
       json_extract(v.snapshot, '$.kind'), json_extract(v.snapshot, '$.number'),
       json_extract(v.snapshot, '$.label'), json_extract(v.snapshot, '$.parent'),
       json_extract(v.snapshot, '$.text'), coalesce(json_extract(v.snapshot, '$.addressees'), '[]'),
       json_extract(v.snapshot, '$.addressee_text'), json_extract(v.snapshot, '$.deadline_kind'),
       json_extract(v.snapshot, '$.deadline_date'), json_extract(v.snapshot, '$.deadline_text'),
       json_extract(v.snapshot, '$.page'), json_extract(v.snapshot, '$.page_end'), 1,
       'no longer extracted', 'missing_since_review'
from reviews v
where v.snapshot is not null
  and v.item_id not in (select id from items)
  and v.item_id not in (select id from manual_items)
"""


def _corrected(field: str) -> str:
    # A correction may set a field to null, so test for the row rather than coalescing its value.
    lookup = f"from corrections c where c.item_id = b.id and c.field = '{field}'"
    value = "json(c.value)" if field == "addressees" else "json_extract(c.value, '$')"
    return f"case when exists (select 1 {lookup}) then (select {value} {lookup}) else b.{field} end as {field}"


def _changed() -> str:
    compared = " or ".join(f"json_extract(v.snapshot, '$.{f}') is not b.{f}" for f in _COMPARED)
    return f"""case
         when b.source = 'missing_since_review' then 1
         when b.source = 'manual' or v.snapshot_hash is null then 0
         when {compared}
           or json(coalesce(json_extract(v.snapshot, '$.addressees'), '[]')) is not json(b.addressees) then 1
         else 0 end"""


def _details() -> str:
    corrected = ",\n       ".join(_corrected(f) for f in CORRECTABLE)
    return f"""
create view item_details as
select {", ".join(_FIRST)}, coalesce(e.due_revised, e.deadline_date) as due,
       substr(coalesce(e.due_revised, e.deadline_date), 1, 4) as deadline_year,
       {", ".join(_REST)}
from (
  select b.item_rowid, b.id, b.report_id, r.title as report_title, r.file as report_file,
       r.published as report_published, b.seq, b.label,
       {corrected},
       b.addressee_text, b.page, b.page_end,
       '{PDF_ROUTE}' || r.id || '.pdf#page=' || coalesce(b.page, 1) as pdf_link,
       coalesce(v.status, case when b.source = 'manual' then 'accepted' else 'pending' end) as review_status,
       {_changed()} as changed_since_review,
       v.by as reviewed_by, v.at as reviewed_at, v.note as review_note,
       '{REVIEW_ROUTE}' || b.id as review_link,
       b.needs_review, b.doubts, b.source,
       coalesce(t.status, 'open') as track_status, t.level, t.owner, t.evidence, t.closed_on,
       t.due_revised, t.due_reason
  from item_base b
  join reports r on r.id = b.report_id
  left join reviews v on v.item_id = b.id
  left join tracking t on t.item_id = b.id
) e
"""


def create_views(db) -> None:
    """Called by store's migration 4; a later change to these views needs a new migration."""
    db.execute("drop view if exists item_details")
    db.execute("drop view if exists item_base")
    db.execute(_BASE)
    db.execute(_details())
