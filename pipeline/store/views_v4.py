"""The views as schema migration 4 created them, frozen: a released migration must do on an old
database exactly what it did when it was released. Migration 6 replaces them with the views of
pipeline/store/views.py (where the overlay's rules are explained); nothing else should use these.
"""
from __future__ import annotations

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

_DETAILS = """
create view item_details as
select id, report_title, label, text, addressees, deadline_text, coalesce(e.due_revised, e.deadline_date) as due,
       substr(coalesce(e.due_revised, e.deadline_date), 1, 4) as deadline_year,
       review_status, track_status, pdf_link, review_link, page, page_end, kind, number, parent, addressee_text, deadline_kind, deadline_date, changed_since_review, reviewed_by, reviewed_at, review_note, needs_review, doubts, source, level, owner, evidence, closed_on, due_revised, due_reason, report_id, report_file, report_published, seq, item_rowid
from (
  select b.item_rowid, b.id, b.report_id, r.title as report_title, r.file as report_file,
       r.published as report_published, b.seq, b.label,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'text') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'text') else b.text end as text,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'kind') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'kind') else b.kind end as kind,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'number') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'number') else b.number end as number,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'addressees') then (select json(c.value) from corrections c where c.item_id = b.id and c.field = 'addressees') else b.addressees end as addressees,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'deadline_date') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'deadline_date') else b.deadline_date end as deadline_date,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'deadline_kind') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'deadline_kind') else b.deadline_kind end as deadline_kind,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'deadline_text') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'deadline_text') else b.deadline_text end as deadline_text,
       case when exists (select 1 from corrections c where c.item_id = b.id and c.field = 'parent') then (select json_extract(c.value, '$') from corrections c where c.item_id = b.id and c.field = 'parent') else b.parent end as parent,
       b.addressee_text, b.page, b.page_end,
       '/-/hmicfrs/pdf/' || r.id || '.pdf#page=' || coalesce(b.page, 1) as pdf_link,
       coalesce(v.status, case when b.source = 'manual' then 'accepted' else 'pending' end) as review_status,
       case
         when b.source = 'missing_since_review' then 1
         when b.source = 'manual' or v.snapshot_hash is null then 0
         when json_extract(v.snapshot, '$.text') is not b.text or json_extract(v.snapshot, '$.kind') is not b.kind or json_extract(v.snapshot, '$.number') is not b.number or json_extract(v.snapshot, '$.deadline_date') is not b.deadline_date or json_extract(v.snapshot, '$.deadline_kind') is not b.deadline_kind or json_extract(v.snapshot, '$.deadline_text') is not b.deadline_text or json_extract(v.snapshot, '$.parent') is not b.parent
           or json(coalesce(json_extract(v.snapshot, '$.addressees'), '[]')) is not json(b.addressees) then 1
         else 0 end as changed_since_review,
       v.by as reviewed_by, v.at as reviewed_at, v.note as review_note,
       '/-/hmicfrs/review/' || b.id as review_link,
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
    """Migration 4."""
    db.execute("drop view if exists item_details")
    db.execute("drop view if exists item_base")
    db.execute(_BASE)
    db.execute(_DETAILS)
