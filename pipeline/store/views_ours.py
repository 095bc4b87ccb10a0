""""Ours", defined once, in SQL: which items are for the organisation the database is kept for.

An item is ours when the organisation is set (`hmicfrs org set`, kept in `settings` as the JSON
of gazetteer.Organisation.as_setting) and
- it names the organisation: an addressee id that is one of its names as a slug, or one of its
  names (any case) or abbreviations (as printed) as whole words in the item's text ("named");
- it is addressed to a body the organisation belongs to (chief constables for a force, fire and
  rescue services for a service, PCCs for a PCC's office) in a national report or a report about
  the organisation (or a force or service it oversees) ("addressee");
- it is addressed to "the force" / "the service", or to nobody (a cause of concern), in a report
  about the organisation ("subject").
An item in a report about another force or service is not ours unless it names us.

Python reads the same SQL (store.ours_rows), so the CLI, the brief, the calendar, the export and
Datasette's `ours` view cannot disagree. `ours_select(source)` is the one text: the view takes the
organisation from `settings`; a command run with `--org` passes it as a parameter instead.
"""
from __future__ import annotations

from pipeline.gazetteer import NAME_SEPARATORS

SETTINGS_ORG = "(select value from settings where key = 'org')"
PARAMETER_ORG = "(select :org)"


def _words(column: str, lower: bool) -> str:
    """The column as ' word word ... ': separators (gazetteer.NAME_SEPARATORS) as spaces, runs of
    spaces made one, as gazetteer.words_of does for the names."""
    expression = f"lower({column})" if lower else column
    for char in NAME_SEPARATORS:
        expression = f"replace({expression}, {_literal(char)}, ' ')"
    for _ in range(3):  # up to 8 spaces in a row become one
        expression = f"replace({expression}, '  ', ' ')"
    return f"(' ' || {expression} || ' ')"


def _literal(char: str) -> str:
    if char == "\n":
        return "char(10)"
    if char == "\t":
        return "char(9)"
    return "'" + char.replace("'", "''") + "'"


def ours_select(org: str) -> str:
    """One row per item (item_details, all review states): item_id, report_id, report_subject,
    ours (1/0, null with no organisation) and why ("named", "addressee", "subject" or null)."""
    def listed(path: str) -> str:
        return f"(select value from json_each({org}, '$.{path}'))"

    addressed_to = lambda path: f"exists (select 1 from json_each(d.addressees) a where a.value in {listed(path)})"  # noqa: E731
    in_scope = f"(r.subject is null or r.subject in {listed('subjects')})"
    named = (f"({addressed_to('slugs')}"
             f" or exists (select 1 from json_each({org}, '$.words') w where instr({_words('d.text', True)}, w.value))"
             f" or exists (select 1 from json_each({org}, '$.abbreviations') b"
             f" where instr({_words('d.text', False)}, ' ' || b.value || ' ')))")
    why = (f"case when {org} is null then null"
           f" when {named} then 'named'"
           f" when {in_scope} and {addressed_to('addressees')} then 'addressee'"
           f" when r.subject in {listed('subjects')} and ({addressed_to('subject_addressees')}"
           f" or (json_array_length(d.addressees) = 0 and json_array_length({org}, '$.subject_addressees') > 0))"
           f" then 'subject'"
           f" end")
    return (f"select item_id, report_id, report_subject, case when why is not null then 1"
            f" when {org} is not null then 0 end as ours, why from ("
            f"select d.id as item_id, d.report_id, r.subject as report_subject, {why} as why"
            f" from item_details d join reports r on r.id = d.report_id)")


# Section 55 of the Police Act 1996: the local policing body publishes its comments on an
# HMICFRS report on its force within 56 days of publication. A report dated only to the month or
# year has no due day and is left out. `ours` follows the stored organisation: the force the
# report is on, and any PCC's office or body that oversees it.
RESPONSE_DAYS = 56
_CLOSED_WHEN_TRACKED = "t.status = 'closed'"
# Migration 12 (responses): a stored PCC response document answering the report closes it too.
_CLOSED_WHEN_TRACKED_OR_ANSWERED = (
    _CLOSED_WHEN_TRACKED + " or exists (select 1 from response_documents d join reports p on p.id = d.report_id"
    " where d.target_report_id = r.id and p.family = 'pcc_response')"
)
_RESPONSE_DUE = """
create view response_due as
select r.id as report_id, r.title as report_title, r.file as report_file, r.subject as report_subject,
       r.published, date(r.published, '+{days} days') as due,
       case when {closed} then 'closed' else 'open' end as status, t.closed_on, t.evidence,
       case when {org} is null then null
            when r.subject in (select value from json_each({org}, '$.subjects')) then 1 else 0 end as ours,
       '/-/hmicfrs/pdf/' || r.id || '.pdf#page=1' as pdf_link
from reports r left join tracking t on t.item_id = 'response:' || r.id
where r.subject_kind = 'force' and r.family like 'hmicfrs%' and r.published glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
"""


def create_response_due_with_documents(db) -> None:
    db.execute("drop view if exists response_due")
    db.execute(_RESPONSE_DUE.format(days=RESPONSE_DAYS, closed=_CLOSED_WHEN_TRACKED_OR_ANSWERED, org=SETTINGS_ORG))


def create_views(db) -> None:
    """Called by the store's migration (issue14-org): `item_ours` over the stored organisation,
    and `response_due`, the 56-day deadline of each HMICFRS report on a force."""
    db.execute("drop view if exists item_ours")
    db.execute(f"create view item_ours as {ours_select(SETTINGS_ORG)}")
    db.execute("drop view if exists response_due")
    db.execute(_RESPONSE_DUE.format(days=RESPONSE_DAYS, closed=_CLOSED_WHEN_TRACKED, org=SETTINGS_ORG))
