"""The `hmicfrs` command: a thin layer that turns library calls into output and exit codes.

Data goes to stdout; progress and messages go to stderr. Exit codes: 0 ok, 1 some input failed,
2 usage error.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from . import store
from .errors import PipelineError
from .ingest import IngestOptions, NoInputs, default_workers, discover, ingest
from .rules import load_rules

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=store.DEFAULT_DB,
    show_default=True,
    help="SQLite database file (created with its folder when missing).",
)
RULES_OPTION = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of rule files (default: the rules/ folder shipped with the project).",
)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


class Group(click.Group):
    """Turns library errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NoInputs as exc:
            _fail(str(exc), 2)
        except PipelineError as exc:
            _fail(str(exc), 1)
        except sqlite3.Error as exc:
            _fail(f"database error: {exc}", 1)


@click.group(cls=Group)
@click.version_option(package_name="hmicfrs-pipeline")
def cli():
    """Ingest HMICFRS (and similar) report PDFs, extract their recommendations, and track them."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@RULES_OPTION
@click.option("--force", is_flag=True, help="Re-ingest files whose bytes are already stored.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers,
    show_default="number of cores",
    help="Parser processes to run at once.",
)
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--dry-run", is_flag=True, help="Parse and report, but write nothing to the database.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
def ingest_command(paths, db_path, rules_dir, force, workers, password, dry_run, quiet):
    """Ingest PDF files, folders (recursively) and glob patterns into the database."""
    files = discover(paths)
    rules = load_rules(rules_dir)  # fail on bad rules before any work starts
    db = store.connect(db_path)
    options = IngestOptions(
        force=force, workers=workers, password=password, rules_dir=str(rules.directory), dry_run=dry_run
    )
    show_bar = not quiet and len(files) > 1
    with click.progressbar(
        length=len(files), label="ingesting", file=sys.stderr, show_pos=True,
        item_show_func=lambda o: Path(o.path).name if o else None,
    ) if show_bar else _NoBar() as bar:
        summary = ingest(db, files, options, progress=lambda outcome: bar.update(1, outcome))
    _print_summary(summary, dry_run)
    sys.exit(1 if summary.failed else 0)


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, *_args):
        pass


def _print_summary(summary, dry_run: bool) -> None:
    ingested, skipped, failed = summary.of("ingested"), summary.of("skipped"), summary.of("failed")
    verb = "would ingest" if dry_run else "ingested"
    pages = sum(o.pages for o in ingested)
    click.echo(
        f"{verb} {len(ingested)} ({pages} pages), skipped {len(skipped)} unchanged, failed {len(failed)}",
        err=True,
    )
    for outcome in failed:
        click.echo(f"  failed: {outcome.path}: {outcome.reason}", err=True)


@cli.group("rules")
def rules_group():
    """Inspect and validate the rule files."""


@rules_group.command("check")
@RULES_OPTION
def rules_check(rules_dir):
    """Validate every rule file; a bad rule is named by file and line."""
    rules = load_rules(rules_dir)
    by_file: dict[str, int] = {}
    for rule in rules.rules:
        by_file[rule.file] = by_file.get(rule.file, 0) + 1
    for name, count in sorted(by_file.items()):
        click.echo(f"{name}: {count} rules")
    click.echo(f"ok: {len(rules.rules)} rules in {rules.directory} (fingerprint {rules.fingerprint})", err=True)


def main() -> None:
    cli(prog_name="hmicfrs")
