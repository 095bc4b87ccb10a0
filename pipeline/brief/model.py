"""The committee brief as data: reports published in a window, the items for one addressee, status.

A force liaison officer's quarterly paper (see ../shared/seeds/) lists the national reports
published since the last meeting, each with the items addressed to chief constables and their
deadlines, then the table of open and closed items and what is due next. `build_brief` gathers
all of that from the reviewed and tracked items; `brief_render` turns it into Markdown, HTML or
DOCX. Rejected items never appear; items nobody has reviewed yet are kept but marked, because a
draft that silently drops them would under-report what the force has to do.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from pipeline.errors import PipelineError
from pipeline import store
from pipeline.dates import period_end, period_start, precision_of
from pipeline.models import ITEM_KINDS, kind_words
from pipeline.review.decisions import known_addressees, parse_iso_date
from pipeline.rules import display_names
from pipeline.review.track import status_summary, tracked_items

OURS = "ours"
# The first pages carry the title page and foreword: enough to tell which force a report is on
# without matching a force that is only mentioned in passing later on.
FORCE_NAME_PAGES = 3



class BriefError(PipelineError):
    code = "brief"


@dataclass(frozen=True)
class BriefItem:
    id: str
    report_id: str
    report_title: str
    report_published: str | None
    kind: str
    label: str
    text: str
    parent_label: str | None
    deadline_kind: str
    deadline_date: str | None
    deadline_text: str | None
    due: str | None  # the revised due date where tracking revised it, else the extracted one
    due_revised: str | None
    due_reason: str | None
    review_status: str
    changed_since_review: bool
    manual: bool
    track_status: str
    level: int | None
    owner: str | None
    closed_on: str | None
    overdue: bool
    due_soon: bool
    page: int | None
    link: str | None

    @property
    def pending(self) -> bool:
        return self.review_status == "pending"


@dataclass(frozen=True)
class KindGroup:
    kind: str
    name: str
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class BriefReport:
    id: str
    title: str
    file: str
    published: str | None
    family: str | None
    link: str | None
    groups: tuple[KindGroup, ...]
    totals: tuple[tuple[str, int, int], ...]  # (kind, items in the report, items for the addressee)

    @property
    def items(self) -> tuple[BriefItem, ...]:
        return tuple(item for group in self.groups for item in group.items)


@dataclass(frozen=True)
class Brief:
    addressee: str
    addressee_name: str
    force_name: str | None
    since: str | None
    until: str | None
    today: str
    reports: tuple[BriefReport, ...]
    status: dict  # track.status_summary: the same table `hmicfrs status` prints
    due_soon: tuple[BriefItem, ...]
    overdue: tuple[BriefItem, ...]
    notes: tuple[str, ...]

    @property
    def items(self) -> tuple[BriefItem, ...]:
        return tuple(item for report in self.reports for item in report.items)

    @property
    def pending(self) -> int:
        return sum(1 for item in self.items if item.pending)


# ---------------------------------------------------------------------------------------------
# Building


def build_brief(db, addressee: str, since: str | None = None, until: str | None = None,
                today: date | None = None, force_name: str | None = None, link_base: Path | None = None,
                org=None) -> Brief:
    """The brief for `addressee` (a canonical id or "ours") over reports published in [since, until].

    `link_base` is the folder the rendered file will be written to, so links to the PDFs can be
    made relative to it; None means the current folder.
    """
    today = today or date.today()
    since = parse_iso_date(since) if since else None
    until = parse_iso_date(until) if until else None
    if since and until and since > until:
        raise BriefError(f"--since {since} is after --until {until}")
    force_name = " ".join((force_name or "").split()) or None
    if addressee == OURS and not force_name and org is None:
        raise BriefError('--addressee ours needs an organisation (`hmicfrs org set NAME`, --org) or --force-name '
                         '(the force whose own reports count as "ours")')
    if addressee == OURS and org is not None:
        force_name = org.name  # issue14-org: "ours" is the organisation's (pipeline/review/ours.py)
    if addressee != OURS and addressee not in known_addressees(db):
        raise BriefError(f"unknown addressee {addressee!r}: use a canonical id such as chief_constables, or 'ours'")
    reports = {row["id"]: row for row in store.report_rows(db)}
    own = own_force_reports(db, force_name) if addressee == OURS and org is None and force_name else set()
    tracked = tracked_items(db, today)
    if addressee == OURS and org is not None:
        from pipeline.review.ours import ours

        own, mine = set(), ours(db, org)
        chosen = {row["id"] for row in tracked if row["id"] in mine}
    else:
        chosen = {row["id"] for row in tracked if _is_for(row, addressee, own)}
    # A cause of concern names no addressee of its own; the recommendations that answer it do.
    # It is listed with them, or a recommendation would reach the committee without its reason.
    chosen |= {row["parent"] for row in tracked if row["id"] in chosen and row.get("parent")}
    # In printed order; an item added by hand has no sequence and goes after those on its page.
    selected = sorted((row for row in tracked if row["id"] in chosen),
                      key=lambda r: (r.get("page") or 0, r["seq"] if r.get("seq") is not None else 1 << 30))
    labels = {row["id"]: item_label(row) for row in tracked}
    items = [_brief_item(row, reports.get(row["report_id"]) or {}, labels, link_base) for row in selected]

    notes = []
    in_window = []
    undated = 0
    for report_id in dict.fromkeys(item.report_id for item in items):
        report = reports.get(report_id)
        if report is None:
            continue
        published = report.get("published")
        if (since or until) and not published:
            undated += 1
            continue
        if not published_in_window(published, since, until):
            continue
        in_window.append(_brief_report(report, [i for i in items if i.report_id == report_id],
                                       [r for r in tracked if r["report_id"] == report_id], link_base))
    if undated:
        notes.append(f"{undated} report(s) with items for {display_name(addressee, force_name)} have no known "
                     "publication date and are left out of the period; give them a date to include them.")
    if addressee == OURS and org is not None:
        notes += _response_notes(db, org, today)
    elif addressee == OURS and not own:
        notes.append(f"No report in the database names {force_name!r} on its first pages: "
                     "only the items for chief constables are included.")
    in_window.sort(key=lambda r: (r.published or "9999", r.title.casefold()))
    by_due = sorted((i for i in items if i.due), key=lambda i: (i.due, i.report_title, i.label))
    return Brief(
        addressee=addressee, force_name=force_name,
        addressee_name=org.name if addressee == OURS and org is not None else display_name(addressee, force_name),
        since=since, until=until, today=today.isoformat(), reports=tuple(in_window),
        status=_status(db, org if addressee == OURS else None, tracked, today), due_soon=tuple(i for i in by_due if i.due_soon),
        overdue=tuple(i for i in by_due if i.overdue), notes=tuple(notes),
    )


def _status(db, org, tracked: list[dict], today: date) -> dict:
    if org is None:
        return status_summary(db, today)
    from pipeline.review.ours import org_status_summary

    return org_status_summary(db, org, tracked, today)


def _response_notes(db, org, today: date) -> list[str]:
    """Section 55: the PCC's comments on each report on the force, due 56 days after publication."""
    from pipeline.review.ours import response_due

    notes = []
    for due in response_due(db, org, today):
        if due.status == "open" and (due.overdue or due.due_soon):
            notes.append(f"The PCC's comments on {due.report_title or due.report_file} (published "
                         f"{long_date(due.published)}) are due by {long_date(due.due)} (section 55, Police Act "
                         f"1996){': OVERDUE' if due.overdue else ''}.")
    return notes


def _is_for(row: dict, addressee: str, own: set[str]) -> bool:
    addressees = row.get("addressees") or []
    if addressee == OURS:
        return "chief_constables" in addressees or ("force" in addressees and row.get("report_id") in own)
    return addressee in addressees


def own_force_reports(db, force_name: str) -> set[str]:
    """Reports on the user's own force: the name in the title or on the first pages, any case.

    Whitespace is collapsed first because a name often breaks across lines on a title page.
    """
    needle = " ".join(force_name.split()).casefold()
    found = set()
    for row in store.report_rows(db):
        if needle in " ".join((row["title"] or "").split()).casefold():
            found.add(row["id"])
    for row in store.front_page_texts(db, FORCE_NAME_PAGES):
        if needle in " ".join((row["text"] or "").split()).casefold():
            found.add(row["report_id"])
    return found


def _brief_report(report: dict, items: list[BriefItem], all_items: list[dict], link_base: Path | None) -> BriefReport:
    groups = []
    for kind in _kinds_in_order({i.kind for i in items}):
        groups.append(KindGroup(kind, kind_name(kind, plural=True), tuple(i for i in items if i.kind == kind)))
    totals = tuple(
        (kind, sum(1 for r in all_items if r["kind"] == kind), sum(1 for i in items if i.kind == kind))
        for kind in _kinds_in_order({r["kind"] for r in all_items})
    )
    return BriefReport(
        id=report["id"], title=report.get("title") or report["file"], file=report["file"],
        published=report.get("published"), family=report.get("family"),
        link=source_link(report.get("path"), None, link_base), groups=tuple(groups), totals=totals,
    )


def _kinds_in_order(kinds: set[str]) -> list[str]:
    return [k for k in ITEM_KINDS if k in kinds] + sorted(kinds - set(ITEM_KINDS))


def _brief_item(row: dict, report: dict, labels: dict[str, str], link_base: Path | None) -> BriefItem:
    return BriefItem(
        id=row["id"], report_id=row["report_id"],
        report_title=row.get("report_title") or report.get("title") or row.get("report_file") or "",
        report_published=row.get("report_published"), kind=row["kind"], label=item_label(row),
        text=row["text"], parent_label=labels.get(row["parent"]) if row.get("parent") else None,
        deadline_kind=row.get("deadline_kind") or "none", deadline_date=row.get("deadline_date"),
        deadline_text=row.get("deadline_text"), due=row.get("due"), due_revised=row.get("due_revised"),
        due_reason=row.get("due_reason"), review_status=row["review_status"],
        changed_since_review=bool(row.get("changed_since_review")), manual=row.get("source") == "manual",
        track_status=row.get("track_status") or "open", level=row.get("level"), owner=row.get("owner"),
        closed_on=row.get("closed_on"), overdue=bool(row.get("overdue")), due_soon=bool(row.get("due_soon")),
        page=row.get("page"), link=source_link(report.get("path"), row.get("page"), link_base),
    )


# ---------------------------------------------------------------------------------------------
# Wording shared by every renderer


def kind_name(kind: str, plural: bool = False) -> str:
    return kind_words(kind, 2 if plural else 1).capitalize()


def item_label(row: dict) -> str:
    """The label as printed; else built from kind and number, so every item has a handle."""
    if row.get("label"):
        return str(row["label"])
    if row.get("number"):
        return f"{kind_name(row['kind'])} {row['number']}"
    return f"{kind_name(row['kind'])} (unnumbered)"


def display_name(addressee: str, force_name: str | None = None) -> str:
    if addressee == OURS:
        return f"chief constables and {force_name}" if force_name else "chief constables"
    return display_names().get(("addressee", addressee), addressee.replace("_", " "))


def family_name(family: str | None) -> str:
    if not family:
        return "unknown"
    return display_names().get(("family", family), family.replace("_", " "))


def long_date(value: str | None) -> str:
    """'2024-03-31' -> '31 March 2024', '2024-03' -> 'March 2024', as a committee paper prints dates."""
    if not value:
        return ""
    try:
        precision, day = precision_of(value), period_start(value)
    except ValueError:
        return value
    return {"year": f"{day.year}", "month": f"{day:%B %Y}"}.get(precision, f"{day.day} {day:%B %Y}")


def published_in_window(published: str | None, since: str | None, until: str | None) -> bool:
    """A report dated only "2024-07" is in any window that takes in part of July 2024; an undated
    one only in the open window."""
    if not published:
        return not (since or until)
    try:
        first, last = period_start(published).isoformat(), period_end(published).isoformat()
    except ValueError:
        first = last = published
    return not ((since and last < since) or (until and first > until))


def deadline_phrase(item: BriefItem) -> str:
    """The deadline as printed, with the date it works out to where the print does not say it."""
    text, when = item.deadline_text, long_date(item.deadline_date)
    if text and when and when.casefold() not in text.casefold():
        phrase = f"{text} ({when})"
    elif text:
        phrase = text
    elif when:
        phrase = when
    elif item.deadline_kind == "immediate":
        phrase = "With immediate effect"
    else:
        phrase = "None stated"
    if item.due_revised and item.due_revised != item.deadline_date:
        phrase += f"; revised to {long_date(item.due_revised)}"
        if item.due_reason:
            phrase += f" ({item.due_reason})"
    return phrase


def review_phrase(item: BriefItem) -> str:
    phrase = {"pending": "PENDING REVIEW", "accepted": "accepted", "corrected": "corrected"}.get(
        item.review_status, item.review_status)
    if item.manual:
        phrase += ", added by hand"
    if item.changed_since_review:
        phrase += ", changed since review"
    return phrase


def tracking_phrase(item: BriefItem) -> str:
    parts = [item.track_status.replace("_", " ")]
    if item.track_status == "closed" and item.closed_on:
        parts[0] = f"closed on {long_date(item.closed_on)}"
    if item.level:
        parts.append(f"level {item.level}")
    if item.owner:
        parts.append(f"owner {item.owner}")
    if item.overdue:
        parts.append("OVERDUE")
    elif item.due_soon:
        parts.append("due within 90 days")
    return ", ".join(parts)


def period_phrase(brief: Brief) -> str:
    if brief.since and brief.until:
        return f"reports published {long_date(brief.since)} to {long_date(brief.until)}"
    if brief.since:
        return f"reports published since {long_date(brief.since)}"
    if brief.until:
        return f"reports published up to {long_date(brief.until)}"
    return "all reports in the database"


def totals_phrase(report: BriefReport, addressee_name: str) -> str:
    """'The report makes 16 recommendations; 11 are for chief constables.' as the seed paper says it."""
    parts = []
    for kind, total, ours in report.totals:
        name = kind_name(kind, plural=total != 1).lower()
        parts.append(f"{total} {name} ({ours} for {addressee_name})")
    return "The report makes " + ", ".join(parts) + "." if parts else ""


def source_link(path: str | None, page: int | None, link_base: Path | None) -> str | None:
    """A link to the PDF (at the page where there is one): a file URI for an absolute stored path,
    else a path relative to the folder the brief is written to, so the pair can be moved together."""
    if not path:
        return None
    fragment = f"#page={page}" if page else ""
    stored = Path(path)
    if stored.is_absolute():
        return stored.as_uri() + fragment
    target = stored.resolve()
    base = (link_base or Path.cwd()).resolve()
    try:
        relative = os.path.relpath(target, base)
    except ValueError:  # another drive on Windows
        return target.as_uri() + fragment
    return quote(Path(relative).as_posix()) + fragment
