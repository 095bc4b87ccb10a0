"""`hmicfrs brief`: the first draft of the committee paper, a thin wrapper over brief.py."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from pipeline import store
from pipeline.cli.options import db_option
from pipeline.cli.org import org_option, resolve_org
from pipeline.brief.model import build_brief
from pipeline.brief.render import render


def _iso_date(_ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD", param=param) from None


@click.command("brief")
@click.option("--addressee", default=None,
              help='Whose items: a canonical id (e.g. chief_constables) or "ours" (the items of the organisation '
                   "set with `hmicfrs org set` or --org; else chief constables plus the force's items in reports "
                   'on the force named by --force-name). Default: "ours" when an organisation is set.')
@click.option("--since", default=None, callback=_iso_date, help="First publication date to include, YYYY-MM-DD.")
@click.option("--until", default=None, callback=_iso_date, help="Last publication date to include, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True,
              help="Markdown, a self-contained HTML page (printable on A4), or a Word document.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: stdout; required for docx).")
@click.option("--force-name", default=None,
              help='Your force as named in report titles, e.g. "West Midlands Police" (for --addressee ours).')
@db_option()
@click.option("--today", default=None, callback=_iso_date,
              help="Work out overdue and due-soon as of this date (YYYY-MM-DD; default today).")
@org_option()
def brief_command(addressee, since, until, fmt, output, force_name, db_path, today, org_name):
    """Draft the committee paper: reports published in the period, each with the items for the
    addressee (label, text, deadline, review and tracking status), then the status table, what is
    due in the next 90 days and what is overdue. Rejected items are left out."""
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx needs --output FILE")
    db = store.connect(db_path, create=False)
    org = resolve_org(db, org_name)
    if addressee is None and org is None:
        raise click.UsageError("--addressee is needed when no organisation is set (`hmicfrs org set NAME`)")
    brief = build_brief(db, addressee or "ours", since=since, until=until,
                        today=date.fromisoformat(today) if today else None, force_name=force_name,
                        link_base=output.parent if output else None, org=org)
    document = render(brief, fmt)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(document, bytes):
            output.write_bytes(document)
        else:
            output.write_text(document, encoding="utf-8")
    elif isinstance(document, str):  # docx is bytes and needs --output (refused above without it)
        sys.stdout.write(document)
    items = brief.items
    click.echo(f"brief: {len(brief.reports)} reports, {len(items)} items for {brief.addressee_name} "
               f"({brief.pending} pending review), {len(brief.due_soon)} due in 90 days, {len(brief.overdue)} overdue"
               + (f"; wrote {output}" if output else ""), err=True)


def register(group: click.Group) -> None:
    group.add_command(brief_command)
