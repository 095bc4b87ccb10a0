"""`hmicfrs review ...`, `hmicfrs track` and `hmicfrs status`: thin wrappers over review.py and track.py."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from pipeline.review import decisions as review_lib
from pipeline import store
from pipeline.cli.options import db_option
from pipeline.cli.org import org_option, resolve_org
from pipeline.review import track as track_lib
from pipeline.models import DEADLINE_KINDS, ITEM_KINDS, REVIEW_STATUSES, TRACK_STATUSES
from pipeline.review.sheet import apply_changes, describe, plan_changes, read_sheet, sheet_frame, write_gold, write_sheet

BY_OPTION = click.option("--by", default=None, help="Who made the decision (default: your user name).")
NOTE_OPTION = click.option("--note", default=None, help="Why: kept in the audit log.")




def _open(db_path: Path):
    return store.connect(db_path, create=False)


@click.group("review")
def review_group():
    """Accept, reject or correct extracted items; decisions survive re-extraction."""


@review_group.command("accept")
@click.argument("item_id")
@db_option()
@BY_OPTION
@NOTE_OPTION
def review_accept(item_id, db_path, by, note):
    """Accept an item as extracted."""
    row = review_lib.accept(_open(db_path), item_id, by, note)
    click.echo(f"{row['id']}: accepted", err=True)


@review_group.command("reject")
@click.argument("item_id")
@db_option()
@BY_OPTION
@NOTE_OPTION
def review_reject(item_id, db_path, by, note):
    """Reject an item (it is kept, marked rejected, and left out of tracking)."""
    row = review_lib.reject(_open(db_path), item_id, by, note)
    click.echo(f"{row['id']}: rejected", err=True)


@review_group.command("correct")
@click.argument("item_id")
@db_option()
@click.option("--set", "assignments", multiple=True, required=True, metavar="FIELD=VALUE",
              help="A corrected value; FIELD is one of " + ", ".join(review_lib.REVIEW_FIELDS) + ". Repeatable.")
@BY_OPTION
@NOTE_OPTION
def review_correct(item_id, db_path, assignments, by, note):
    """Correct fields of an item; the extracted values are kept beside the corrections."""
    changes = {}
    for assignment in assignments:
        if "=" not in assignment:
            raise click.UsageError(f"--set needs FIELD=VALUE, got {assignment!r}")
        field, value = assignment.split("=", 1)
        changes[field.strip()] = value
    row = review_lib.correct(_open(db_path), item_id, changes, by, note)
    click.echo(f"{row['id']}: corrected ({', '.join(changes)})", err=True)


@review_group.command("add")
@db_option()
@click.option("--from-suspect", "suspect_id", default=None, metavar="SUSPECT_ID",
              help="Add this suspected missed item (its text, page and guessed kind; --kind overrides the kind).")
@click.option("--report", default=None, help="The report (id, sha256 or file name); needed without --from-suspect.")
@click.option("--kind", default=None, type=click.Choice(ITEM_KINDS),
              help="The item's kind; needed without --from-suspect.")
@click.option("--text", default=None, help="The item's full text; needed without --from-suspect.")
@click.option("--number", default=None, help="The number as printed.")
@click.option("--label", default=None, help="The label as printed, e.g. 'Recommendation 4'.")
@click.option("--page", type=int, default=None, help="Physical page where the item is printed.")
@click.option("--addressees", default=None, help="Comma-separated canonical addressee ids.")
@click.option("--deadline-kind", type=click.Choice(DEADLINE_KINDS), default=None, help="Deadline kind.")
@click.option("--deadline-date", default=None, help="Deadline date, YYYY-MM-DD.")
@click.option("--deadline-text", default=None, help="Deadline phrase as printed.")
@click.option("--parent", default=None, help="Id of the enclosing item (a cause of concern).")
@BY_OPTION
@NOTE_OPTION
def review_add(db_path, suspect_id, report, kind, text, number, label, page, addressees, deadline_kind, deadline_date,
               deadline_text, parent, by, note):
    """Add an item extraction missed, or a suspected missed item; it is marked as added by a person."""
    if suspect_id:
        others = {"--report": report, "--text": text, "--number": number, "--label": label, "--page": page,
                  "--addressees": addressees, "--deadline-kind": deadline_kind, "--deadline-date": deadline_date,
                  "--deadline-text": deadline_text, "--parent": parent}
        given = [name for name, value in others.items() if value is not None]
        if given:
            raise click.UsageError(f"--from-suspect takes the suspect's text and page: drop {', '.join(given)} "
                                   "(correct the item afterwards with `review correct`)")
        row = review_lib.add_from_suspect(_open(db_path), suspect_id, kind, by, note)
        click.echo(row["id"])
        click.echo(f"{suspect_id}: added as {row['id']}", err=True)
        return
    missing = [name for name, value in (("--report", report), ("--kind", kind), ("--text", text)) if value is None]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or give --from-suspect)")
    row = review_lib.add_item(_open(db_path), report, kind, text, number, label, page, addressees, deadline_kind,
                              deadline_date, deadline_text, parent, by, note)
    click.echo(row["id"])


@review_group.command("dismiss")
@click.argument("suspect_id")
@db_option()
@BY_OPTION
@NOTE_OPTION
def review_dismiss(suspect_id, db_path, by, note):
    """Dismiss a suspected missed item: it is no item, and it leaves the queue for good."""
    review_lib.dismiss_suspect(_open(db_path), suspect_id, by, note)
    click.echo(f"{suspect_id}: dismissed", err=True)


@review_group.command("sheet")
@db_option()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="Spreadsheet format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: extracted/review.csv or .xlsx).")
@click.option("--report", default=None, help="Only items of this report.")
@click.option("--status", type=click.Choice(REVIEW_STATUSES), default=None, help="Only items with this status.")
def review_sheet(db_path, fmt, output, report, status):
    """Write a review sheet: edit values, fill 'decision' (accept/reject/correct) and 'note', then apply it."""
    frame = sheet_frame(_open(db_path), report=report, status=status)
    output = output or Path("extracted") / f"review.{fmt}"
    output.parent.mkdir(parents=True, exist_ok=True)
    write_sheet(frame, output, fmt)
    click.echo(f"wrote {len(frame)} items to {output}", err=True)


@review_group.command("apply")
@click.argument("sheet", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option()
@BY_OPTION
@click.option("--dry-run", is_flag=True, help="Show the changes without applying them.")
def review_apply(sheet, db_path, by, dry_run):
    """Apply an edited review sheet: all rows are validated first, then applied all or nothing."""
    db = _open(db_path)
    changes = plan_changes(db, read_sheet(sheet))
    for change in changes:
        click.echo(describe(change))
    if dry_run:
        click.echo(f"dry run: {len(changes)} changes not applied", err=True)
        return
    apply_changes(db, changes, by)
    click.echo(f"applied {len(changes)} changes", err=True)


@review_group.command("gold")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@db_option()
def review_gold(directory, db_path):
    """Write accepted and corrected items as gold JSONL (one file per report) for `hmicfrs evaluate`."""
    counts = write_gold(_open(db_path), directory)
    for stem, count in sorted(counts.items()):
        click.echo(f"{stem}.jsonl: {count} items", err=True)


@click.command("track")
@click.argument("item_id")
@db_option()
@click.option("--status", type=click.Choice(TRACK_STATUSES), default=None, help="Tracking status.")
@click.option("--level", type=click.IntRange(1, 4), default=None, help="HMICFRS monitoring level (1 to 4).")
@click.option("--owner", default=None, help="Who in the organisation owns the item.")
@click.option("--evidence", default=None, help="Evidence notes for closure.")
@click.option("--closed-on", default=None, help="Closure date, YYYY-MM-DD (default today when closing).")
@click.option("--due", default=None, help="Revised due date, YYYY-MM-DD (needs --reason).")
@click.option("--reason", default=None, help="Why the due date changed.")
@BY_OPTION
def track_command(item_id, db_path, status, level, owner, evidence, closed_on, due, reason, by):
    """Track an item for your organisation: status, level, owner, evidence, revised due date."""
    state = track_lib.track(_open(db_path), item_id, status=status, level=level, owner=owner, evidence=evidence,
                            closed_on=closed_on, due=due, reason=reason, by=by)
    click.echo(f"{item_id}: {state.get('status')}, level {state.get('level') or '-'}, "
               f"due {state.get('due_revised') or 'as extracted'}", err=True)


@click.command("status")
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--today", default=None, help="Work out overdue and due-soon as of this date (YYYY-MM-DD).")
@org_option()
def status_command(db_path, as_json, today, org_name):
    """The committee table: open, closed and total by type and level; pending review, overdue, due soon.
    With an organisation (`hmicfrs org set`, --org): its items only, tracked and not yet tracked apart."""
    today = date.fromisoformat(review_lib.parse_iso_date(today)) if today else None
    db = _open(db_path)
    org = resolve_org(db, org_name)
    if org is not None:
        from pipeline.cli.org import print_org_status

        return print_org_status(db, org, today, as_json)
    summary = track_lib.status_summary(db, today)
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    click.echo(f"{'':40} {'Open':>6} {'Closed':>7} {'Total':>6}")
    for row in summary["table"]:
        click.echo(f"{row['type']:40} {row['open']:>6} {row['closed']:>7} {row['total']:>6}")
    click.echo("")
    click.echo(f"pending review: {summary['pending_review']}   changed since review: {summary['changed_since_review']}")
    click.echo(f"overdue: {summary['overdue']}   due in the next 90 days: {summary['due_next_90_days']}   (as of {summary['today']})")


def register(group: click.Group) -> None:
    from pipeline.cli.lists import register as register_lists

    register_lists(review_group)  # review list / show (issue 15)
    group.add_command(review_group)
    group.add_command(track_command)
    group.add_command(status_command)

