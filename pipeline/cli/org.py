"""`hmicfrs org ...`: the organisation the database is kept for, report subjects, and PCC
responses tracked as published; plus the `--org` option other commands share."""
from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.review import ours as ours_lib
from pipeline import store
from pipeline.cli.options import db_option
from pipeline.gazetteer import Organisation, UnknownOrganisation
from pipeline.org_subjects import refresh_subjects

RULES_DIR_OPTION = click.option(
    "--rules", "rules_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
    help="Folder of rule files holding the gazetteer (organisations.jsonl); default: the shipped rules/.")


def org_option():
    """--org NAME on status, brief, calendar, review list and export."""
    return click.option(
        "--org", "org_name", default=None, metavar="NAME",
        help="Work for this organisation instead of the one stored with `hmicfrs org set` "
             "(a name, id or abbreviation; 'none' for every item).")


def resolve_org(db, name: str | None):
    """The organisation a command works for; an unknown name is a usage error (exit 2)."""
    try:
        return ours_lib.effective_org(db, name)
    except UnknownOrganisation as exc:
        raise click.UsageError(str(exc)) from None


def only_ours_option():
    """--ours on review list and export."""
    return click.option("--ours", "only_ours", is_flag=True,
                        help="Only the items of our organisation (`hmicfrs org set`, or --org).")


def our_items_filter(db, only_ours: bool, org_name: str | None) -> tuple[Organisation | None, bool]:
    """(the organisation, whether to keep only its items) for --ours and --org: --ours needs an
    organisation; --org NAME alone also keeps only NAME's items ('none': every item)."""
    org = resolve_org(db, org_name)
    if only_ours and org is None:
        raise click.UsageError("--ours needs an organisation: `hmicfrs org set NAME` or --org NAME")
    return org, org is not None and (only_ours or org_name is not None)


@click.group("org")
def org_group():
    """The organisation this database is kept for (a force, a fire and rescue service, a PCC's
    office or fire authority); status, brief, calendar, review list, export and serve use it."""


@org_group.command("set")
@click.argument("name")
@db_option()
@RULES_DIR_OPTION
@click.option("--dry-run", is_flag=True, help="Say which organisation NAME is, but store nothing.")
def org_set(name, db_path, rules_dir, dry_run):
    """Keep the database for NAME (e.g. "West Midlands Police", "WMP", west_midlands_police)."""
    db = store.connect(db_path, create=False)
    try:
        org = ours_lib.gazetteer_for(db, str(rules_dir) if rules_dir else None).lookup(name)
    except UnknownOrganisation as exc:
        raise click.UsageError(str(exc)) from None
    if dry_run:
        click.echo(f"dry run: would keep the database for {org.name} ({org.kind}, {org.id})", err=True)
        return
    ours_lib.set_org(db, name, str(rules_dir) if rules_dir else None)
    if rules_dir:  # subjects as this gazetteer sees them, so its organisations can be subjects too
        refresh_subjects(db, ours_lib.gazetteer_for(db, str(rules_dir)))
    count = len(ours_lib.ours(db, org))
    click.echo(f"the database is kept for {org.name} ({org.kind}, {org.id}): {count} items are ours", err=True)


@org_group.command("show")
@db_option()
@click.option("--json", "as_json", is_flag=True, help="Print the organisation as JSON (null when none is set).")
def org_show(db_path, as_json):
    """The organisation the database is kept for, or none."""
    org = ours_lib.stored_org(store.connect(db_path, create=False))
    if as_json:
        click.echo(json.dumps(org.as_setting() if org else None, indent=2, ensure_ascii=False))
    elif org:
        click.echo(f"{org.name}\t{org.kind}\t{org.id}")
    else:
        click.echo("no organisation set (every item counts; `hmicfrs org set NAME` to choose one)", err=True)


@org_group.command("clear")
@db_option()
@click.option("--dry-run", is_flag=True, help="Say what would be cleared, but change nothing.")
def org_clear(db_path, dry_run):
    """Keep the database for nobody in particular (a researcher's view of every item)."""
    db = store.connect(db_path, create=False)
    org = ours_lib.stored_org(db)
    if dry_run:
        click.echo(f"dry run: would clear {org.name if org else 'nothing (no organisation set)'}", err=True)
        return
    ours_lib.clear_org(db)
    click.echo(f"cleared {org.name}" if org else "no organisation was set", err=True)


@org_group.command("list")
@RULES_DIR_OPTION
@click.option("--kind", type=click.Choice(["force", "fire_service", "pcc", "fire_authority", "national"]),
              default=None, help="Only organisations of this kind.")
def org_list(rules_dir, kind):
    """The gazetteer: id, kind and name of every organisation (tab-separated, to stdout)."""
    from pipeline.gazetteer import load_gazetteer

    orgs = [o for o in load_gazetteer(str(rules_dir) if rules_dir else None).organisations if kind in (None, o.kind)]
    for org in orgs:
        click.echo(f"{org.id}\t{org.kind}\t{org.name}")
    click.echo(f"{len(orgs)} organisations", err=True)


@org_group.command("subjects")
@db_option()
@RULES_DIR_OPTION
@click.option("--dry-run", is_flag=True, help="List the changes, but store nothing.")
def org_subjects(db_path, rules_dir, dry_run):
    """Work out each report's subject (the force or service it is about) again, e.g. after a
    gazetteer edit; lists the reports whose subject changes."""
    db = store.connect(db_path, create=False)
    changes = refresh_subjects(db, ours_lib.gazetteer_for(db, str(rules_dir) if rules_dir else None), dry_run=dry_run)
    for change in changes:
        click.echo(f"{change.report_id}\t{change.old or '-'} -> {change.new or '-'}\t{change.how or ''}\t{change.title or ''}")
    click.echo(f"{'would change' if dry_run else 'changed'} {len(changes)} report subjects", err=True)


@org_group.command("responded")
@click.argument("report")
@db_option()
@click.option("--on", "on", default=None, help="Date the PCC's comments were published, YYYY-MM-DD (default today).")
@click.option("--evidence", default=None, help="Where the response is (a link, a file name).")
@click.option("--by", default=None, help="Who recorded it (default: your user name).")
@click.option("--dry-run", is_flag=True, help="Check the report, but record nothing.")
def org_responded(report, db_path, on, evidence, by, dry_run):
    """Track the PCC's section 55 comments on REPORT (id, sha256 or file name) as published:
    closes the report's 56-day response deadline."""
    from pipeline.review.decisions import default_reviewer

    row = ours_lib.mark_responded(store.connect(db_path, create=False), report, on, by or default_reviewer(),
                                  evidence, dry_run=dry_run)
    click.echo(f"{'dry run: would record' if dry_run else 'recorded'} the response to {row['report_id']} "
               f"as published on {row['closed_on']}", err=True)


def register(group: click.Group) -> None:
    group.add_command(org_group)


def print_org_status(db, org, today, as_json: bool) -> None:
    """`hmicfrs status` for one organisation: the seed paper's table, not yet tracked kept apart."""
    from datetime import date

    from pipeline.review.track import tracked_items

    today = today or date.today()
    summary = ours_lib.org_status_summary(db, org, tracked_items(db, today), today)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    click.echo(f"The current figures held for {org.name}:")
    click.echo(f"{'':44} {'Open':>6} {'Closed':>7} {'Total':>6}")
    for row in summary["table"]:
        click.echo(f"{row['type']:44} {row['open']:>6} {row['closed']:>7} {row['total']:>6}")
    click.echo("")
    click.echo(f"tracked open: {summary['tracked_open']}   tracked closed: {summary['tracked_closed']}   "
               f"not yet tracked: {summary['not_yet_tracked']}")
    click.echo(f"pending review: {summary['pending_review']}   changed since review: {summary['changed_since_review']}")
    click.echo(f"overdue: {summary['overdue']}   due in the next 90 days: {summary['due_next_90_days']}   "
               f"(as of {summary['today']})")
    for due in summary["responses_due"]:
        state = "OVERDUE" if due["overdue"] else "due"
        click.echo(f"PCC response {state} {due['due']} (section 55): {due['report_title'] or due['report_file']}")
