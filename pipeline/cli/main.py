"""The `hmicfrs` command: a thin layer that turns library calls into output and exit codes.

Data goes to stdout; progress and messages go to stderr. Exit codes: 0 ok, 1 some input failed,
2 usage error.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Callable, TextIO

import click

from pipeline import run, store
from pipeline.cli.checks import counts_by_kind, report_lines
from pipeline.cli.fetch import UrlBatch, fetch_options, split_urls
from pipeline.cli.options import db_option
from pipeline.cli.org import only_ours_option, org_option, our_items_filter
from pipeline.errors import PipelineError
from pipeline.ingest.batch import (
    DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, FileOutcome, Inputs, IngestOptions, NoInputs, default_workers,
    discover,
)
from pipeline.paths import shown
from pipeline.rules import load_rules

DB_OPTION = db_option("SQLite database file (created with its folder when missing).")
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
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT_S, show_default=True,
              help="Seconds a file may take before its parser is stopped (0: no limit).")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY_MB, show_default=True,
              help="Memory (MB of address space) a parser process may use (0: no limit).")
@click.option("--ocr", is_flag=True, help="Run ocrmypdf (Debian: ocrmypdf tesseract-ocr-eng) on PDFs with no text layer; "
              "OCR is slow, so raise --timeout (0: no limit) for a long scan.")
@click.option("--dry-run", is_flag=True, help="Parse and report, but write nothing to the database.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
@fetch_options
def ingest_command(paths, db_path, rules_dir, force, workers, password, timeout, max_memory, ocr, dry_run, quiet,
                   fetch):
    """Ingest PDF files, folders (recursively), glob patterns and http(s) URLs (of a PDF, or of a
    publication page whose same-site PDF links are followed) into the database."""
    urls, paths = split_urls(paths)
    files = discover(paths) if paths or not urls else Inputs()
    rules = load_rules(rules_dir)  # fail on bad rules before any work starts
    db = store.connect(db_path)
    web = UrlBatch(db, urls, fetch, dry_run, force)
    files.extend(web.fetch())
    options = IngestOptions(
        force=force, workers=workers, password=password, rules_dir=str(rules.directory), dry_run=dry_run,
        timeout=timeout, max_memory_mb=max_memory, ocr=ocr,
        on_busy=lambda: click.echo("another process is writing to the database; waiting for it...", err=True),
    )
    inputs = len(files) + len(files.refused)
    show_bar = not quiet and inputs > 1
    # The bar counts pages, not files: one 800-page inquiry report is most of a batch's time.
    weights = _page_estimates(files, password) if show_bar else {}

    def show_item(outcome: FileOutcome | None) -> str | None:
        return shown(Path(outcome.path).name) if outcome else None

    with click.progressbar(
        length=sum(weights.values()) or inputs, label="ingesting pages", file=sys.stderr, show_pos=True,
        item_show_func=show_item,
    ) if show_bar else _NoBar() as bar:
        summary, extracted = run.ingest_batch(
            db, files, options, rules, progress=lambda outcome: bar.update(weights.get(outcome.path, 1), outcome))
    checks = {report_id: report_lines(_file_of(summary, report_id), counts_by_kind(items), check)
              for report_id, (items, check) in extracted.items()}
    _print_summary(summary, dry_run, checks)
    if not dry_run:
        from pipeline.cli.responses import echo_stored  # what each response document answers

        echo_stored(db, {o.report_id for o in summary.of("ingested")})
    web.finish(summary)
    sys.exit(1 if summary.failed or web.failed else 0)


def _page_estimates(files, password: str | None) -> dict[str, int]:
    """Pages each input is expected to take, keyed as the outcomes name them. A file whose page
    objects cannot be counted is weighed by its size at the others' bytes a page (else as the
    median file); `password` is unused: page objects are counted without decrypting."""
    from pipeline.ingest.pdf import page_estimate

    sizes = {str(path): _size(path) for path in files}
    counts = {key: page_estimate(Path(key)) for key in sizes}
    known = sorted(c for c in counts.values() if c)
    usual = known[len(known) // 2] if known else 1
    counted_bytes = sum(sizes[k] for k, c in counts.items() if c)
    per_page = counted_bytes / sum(known) if known and counted_bytes else None
    weights = {key: count or (max(1, round(sizes[key] / per_page)) if per_page else usual)
               for key, count in counts.items()}
    weights.update({str(refusal.path): 1 for refusal in files.refused})
    return weights


def _size(path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _file_of(summary, report_id: str) -> str:
    return next((shown(Path(o.path).name) for o in summary.of("ingested") if o.report_id == report_id), report_id)


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, *_args):
        pass


def _print_summary(summary, dry_run: bool, checks: dict[str, list[str]] | None = None) -> None:
    """Totals, then each stored report's item counts (and what is in doubt), then the failures."""
    ingested, skipped, failed = summary.of("ingested"), summary.of("skipped"), summary.of("failed")
    verb = "would ingest" if dry_run else "ingested"
    pages = sum(o.pages for o in ingested)
    click.echo(
        f"{verb} {len(ingested)} ({pages} pages), skipped {len(skipped)} unchanged, failed {len(failed)}",
        err=True,
    )
    for outcome in ingested:
        for line in (checks or {}).get(outcome.report_id, []):
            click.echo(line, err=True)
    for outcome in failed:
        click.echo(f"  failed: {shown(outcome.path)}: {outcome.reason}", err=True)


@cli.command("extract")
@DB_OPTION
@RULES_OPTION
@click.option("--report", "reports", multiple=True, help="Only this report (id, sha256 or file name); repeatable.")
@click.option("--dry-run", is_flag=True, help="Extract and summarise, but write nothing.")
def extract_command(db_path, rules_dir, reports, dry_run):
    """Re-run extraction over the stored pages (no PDF is re-read), e.g. after a rules edit."""
    rules = load_rules(rules_dir)
    db = store.connect(db_path, create=False)
    ids = _report_ids(db, reports) if reports else None
    results = run.extract_reports(db, run.make_extractor(rules), ids, dry_run=dry_run)
    total = 0
    for report, check, counts in results:
        total += check.items_found
        for line in report_lines(report["file"], counts, check):
            click.echo(line, err=True)
    verb = "would write" if dry_run else "extracted"
    in_doubt = sum(1 for _report, check, _counts in results if check.in_doubt)
    click.echo(f"{verb} {total} items from {len(results)} reports (rules {rules.fingerprint}); "
               f"{in_doubt} in doubt (see `hmicfrs checks`)", err=True)
    if not dry_run:
        from pipeline.cli.responses import echo_stored  # issue 14

        echo_stored(db)


def _report_ids(db, keys) -> list[str]:
    ids = []
    for key in keys:
        found = store.report_id_for(db, key)
        if found is None:
            raise click.UsageError(f"no report {key!r} in the database")
        ids.append(found)
    return ids


@cli.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "xlsx"]), default="jsonl", show_default=True,
              help="Output format (the export contract's objects; CSV flattens them for spreadsheets, a ' before "
                   "text that would run as a formula; xlsx is the CSV's columns as a formatted workbook and needs "
                   "--output).")
@click.option("--report", default=None, help="Only items of this report (id, sha256 or file name).")
@click.option("--kind", default=None, help="Only items of this kind, e.g. recommendation.")
@click.option("--addressee", default=None, help="Only items addressed to this canonical id, e.g. chief_constables.")
@click.option("--tracking", is_flag=True,
              help="Add the tracking columns (track_status, level, owner, evidence, closed_on, due, due_revised, "
                   "due_reason); csv and xlsx only.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")
@only_ours_option()
@org_option()
def export_command(db_path, fmt, report, kind, addressee, tracking, output, only_ours, org_name):
    """Export items in the public contract's shape."""
    from pipeline.cli.choices import check_filters
    from pipeline.export import contract_objects, write
    from pipeline.review.ours import annotate, ours

    db = store.connect(db_path, create=False)
    check_filters(db, kind=kind, addressee=addressee, report=report)
    org, keep_only_ours = our_items_filter(db, only_ours, org_name)
    if tracking and fmt not in ("csv", "xlsx"):
        raise click.UsageError("--tracking is for --format csv or xlsx")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE")
    if fmt == "xlsx" or tracking:
        from pipeline.export_sheets import flat_rows, write_csv, write_xlsx

        columns, rows = flat_rows(db, report=report, kind=kind, addressee=addressee, tracking=tracking)
        if keep_only_ours:
            mine = ours(db, org)
            rows = [row for row in rows if row["id"] in mine]
        if fmt == "xlsx":
            click.echo(f"exported {write_xlsx(columns, rows, output)} items", err=True)
            return
        write_to: Callable[[TextIO], int] = lambda handle: write_csv(columns, rows, handle)
    else:
        objects = annotate(db, contract_objects(db, report=report, kind=kind, addressee=addressee), org,
                           only_ours=keep_only_ours)
        write_to = lambda handle: write(objects, fmt, handle)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            count = write_to(handle)
    else:
        count = write_to(sys.stdout)
    click.echo(f"exported {count} items", err=True)


@cli.command("evaluate")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--details", is_flag=True,
              help="List every miss (missed, invented, wrong field); a wrong text is shown as a word diff, "
                   "[-gold words-] {+found words+}, with a few words of context.")
def evaluate_command(gold_dir, db_path, as_json, details):
    """Precision, recall and field exactness of the extracted items against gold JSONL files.

    Each GOLD_DIR/NAME.jsonl is scored against the report ingested from NAME.pdf. Reports not in
    the database are named on stderr and left out; when none is there the command exits 1.
    """
    import json as json_module

    from pipeline.evaluate import evaluate, load_gold
    from pipeline.export import extracted_objects

    db = store.connect(db_path, create=False)
    gold = load_gold(gold_dir)

    def found_for(stem: str) -> list[dict] | None:
        report_id = store.report_id_for(db, f"{stem}.pdf")
        return extracted_objects(db, report=report_id) if report_id else None

    result = evaluate(gold, found_for, where=f"the database {db_path}")
    if as_json:
        reports = {stem: dict(score.as_dict(), **({"misses": score.misses} if details else {}))
                   for stem, score in result.reports.items()}
        click.echo(json_module.dumps({"overall": result.overall.as_dict(), "reports": reports,
                                      "not_ingested": result.missing}, indent=2, ensure_ascii=False))
    else:
        header = f"{'report':52} {'gold':>4} {'found':>5} {'recall':>6} {'prec':>6} {'text':>6} {'page':>6} {'addr':>6} {'dline':>6}"
        click.echo(header)
        for stem, score in list(result.reports.items()) + [("OVERALL", result.overall)]:
            d = score.as_dict()
            click.echo(f"{stem[:52]:52} {d['gold']:>4} {d['found']:>5} {d['recall']:>6.3f} {d['precision']:>6.3f} "
                       f"{d['text']:>6.3f} {d['page']:>6.3f} {d['addressees']:>6.3f} {d['deadline']:>6.3f}")
        if details:
            for stem, score in result.reports.items():
                for miss in score.misses:
                    click.echo(f"  {stem}: {miss}")
    for stem in result.missing:
        click.echo(f"not in the database: {stem}.pdf", err=True)
    if result.missing:
        click.echo(f"scored {result.scored} of {len(gold)} gold reports; {len(result.missing)} not in the database "
                   "(ingest them to score them)", err=True)


@cli.group("rules")
def rules_group():
    """Inspect and validate the rule files."""


@rules_group.command("check")
@RULES_OPTION
def rules_check(rules_dir):
    """Validate every rule file (keys, roles, flags, named groups, cross-references) and run each
    rule's examples; a bad rule is named by file and line."""
    rules = load_rules(rules_dir)
    by_file: dict[str, int] = {}
    for rule in rules.rules:
        by_file[rule.file] = by_file.get(rule.file, 0) + 1
    for name, count in sorted(by_file.items()):
        click.echo(f"{name}: {count} rules")
    examples = sum(len(texts) for rule in rules.rules for _kind, texts in (rule.get("examples") or ()))
    click.echo(f"ok: {len(rules.rules)} rules in {rules.directory} (fingerprint {rules.fingerprint}); "
               f"{examples} examples and near-misses hold", err=True)


from pipeline.cli.review import register as _register_review  # noqa: E402

_register_review(cli)

from pipeline.cli.track_import import register as _register_track_import  # noqa: E402  (after review: wraps `track`)

_register_track_import(cli)

from pipeline.cli.admin import register as _register_admin  # noqa: E402

_register_admin(cli)

from pipeline.cli.brief import register as _register_brief  # noqa: E402

_register_brief(cli)

from pipeline.cli.serve import register as _register_serve  # noqa: E402

_register_serve(cli)

from pipeline.cli.checks import register as _register_checks  # noqa: E402

_register_checks(cli)

from pipeline.cli.fetch import register as _register_fetch  # noqa: E402

_register_fetch(cli)
from pipeline.cli.org import register as _register_org  # noqa: E402

_register_org(cli)
from pipeline.cli.responses import register as _register_responses  # noqa: E402

_register_responses(cli)


def main() -> None:
    cli(prog_name="hmicfrs")
