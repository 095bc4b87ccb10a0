"""`hmicfrs serve` and `hmicfrs calendar`: thin wrappers over serve.py and ical.py."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import store
from pipeline.cli.options import db_option
from pipeline.cli.org import org_option, resolve_org

LOOPBACK = {"127.0.0.1", "localhost", "::1"}




@click.command("serve")
@db_option("SQLite database file (made by `hmicfrs ingest`).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 makes the server reachable from other machines.")
@click.option("--reviewer-token", envvar="HMICFRS_REVIEWER_TOKEN", show_envvar=True, default=None,
              help="Secret that lets a reviewer sign in and record decisions (at least 12 characters). "
                   "Prefer the environment variable: a command-line argument is visible to other users. "
                   "Without it the server is read only.")
@click.option("--pdf-dir", "pdf_dirs", multiple=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder to look in for report PDFs that have moved since ingest (matched by name and SHA-256). "
                   "Repeatable.")
@click.option("--public-url", default=None, metavar="URL",
              help="The address people use to reach the server, e.g. https://hmicfrs.example.org behind an HTTPS "
                   "proxy; the calendar feed's links start with it. Default: the address the server is bound to.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Server processes (Datasette renders pages on one core per process). "
                   "Default: one per core, up to 4.")
@click.option("--page-cache-mb", type=click.IntRange(0, 4096), default=64, show_default=True,
              help="Memory per server process for pages kept until the database changes (the same for "
                   "everyone: not a signed-in reviewer's); 0 renders every request.")
def serve_command(db_path, port, host, reviewer_token, pdf_dirs, public_url, workers, page_cache_mb):
    """Browse, search and review the items in Datasette, with links to each item's PDF page."""
    from pipeline.serve.workers import Launch, default_workers, run

    launch = Launch.make(db_path, reviewer_token, pdf_dirs, public_url, workers or default_workers(), page_cache_mb)
    launch.check()
    mode = "reviewers can sign in at /-/hmicfrs/login" if reviewer_token else "read only (no reviewer token)"
    processes = f", {launch.workers} processes" if launch.workers > 1 else ""
    click.echo(f"serving {db_path} on http://{host}:{port}/ ({mode}{processes})", err=True)
    if reviewer_token and host not in LOOPBACK:
        click.echo("warning: plain HTTP on a non-local interface: put it behind HTTPS before reviewers sign in",
                   err=True)
    run(launch, host, port)


@click.command("calendar")
@db_option("SQLite database file (made by `hmicfrs ingest`).")
@click.option("--addressee", default=None,
              help='Only items addressed to this canonical id, e.g. chief_constables, or "ours" (the default '
                   "when an organisation is set: `hmicfrs org set`, --org).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this .ics file instead of stdout.")
@org_option()
def calendar_command(db_path, addressee, output, org_name):
    """Write dated deadlines as an iCalendar file: one all-day event per item (rejected items left out),
    and the PCC's 56-day response deadline of each HMICFRS report on a force."""
    from pipeline.brief.ical import calendar_for

    from pipeline.cli.choices import check_addressee

    db = store.connect(db_path, create=False)
    check_addressee(db, addressee, also=("ours",))
    org = resolve_org(db, org_name)
    if addressee == "ours" and org is None:
        click.echo("warning: --addressee ours, but no organisation is set (`hmicfrs org set NAME` or --org NAME): "
                   "no item is ours", err=True)
    text = calendar_for(db, addressee=addressee, org=org)
    data = text.encode("utf-8")
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    click.echo(f"wrote {text.count('BEGIN:VEVENT')} deadlines{f' to {output}' if output else ''}", err=True)


def register(group: click.Group) -> None:
    group.add_command(serve_command)
    group.add_command(calendar_command)
