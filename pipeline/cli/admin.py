"""`hmicfrs backup`: a consistent copy of the database, safe while others read and write it."""
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from pipeline import store
from pipeline.cli.options import db_option


@click.command("backup")
@click.argument("dest", type=click.Path())
@db_option("SQLite database file to copy.", must_exist=True)
@click.option("--force", is_flag=True, help="Replace DEST when it already exists.")
def backup_command(dest: str, db_path: Path, force: bool):
    """Copy the database to DEST (a file, or a folder for a time-stamped file) with SQLite's backup API.

    The copy is one consistent moment of the database even while an ingest writes or Datasette
    reads; it is checked (PRAGMA integrity_check) before it takes DEST's name. A DEST ending in
    "/" is a folder, made when missing.
    """
    # Path() drops a trailing slash, and with it the user's word that DEST is a folder.
    if dest.endswith(("/", os.sep)):
        Path(dest).mkdir(parents=True, exist_ok=True)
    target = Path(dest)
    if target.is_dir():
        target = target / f"{db_path.stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"
    if target.exists() and target.resolve() == db_path.resolve():
        raise click.UsageError("DEST is the database itself")
    if target.exists() and not force:
        raise click.UsageError(f"{target} exists (use --force to replace it)")
    db = store.connect(db_path, create=False)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        store.backup(db, partial)
        counts, verdict = _check(partial)
        if verdict != "ok":
            raise click.ClickException(f"the copy failed its integrity check: {verdict}")
        os.replace(partial, target)  # a crash never leaves half a copy under DEST's name
    finally:
        partial.unlink(missing_ok=True)
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    click.echo(f"backed up {db_path} to {target}: {summary} (integrity ok)", err=True)


def _check(path: Path) -> tuple[dict[str, int], str]:
    return store.integrity_and_counts(path)


def register(group: click.Group) -> None:
    group.add_command(backup_command)
