"""`hmicfrs checks`: which reports are in doubt and which sentences look like missed items.

Also the one-line item counts that `ingest` and `extract` print for each report.
"""
from __future__ import annotations

import json

import click

from pipeline.review import decisions as review_lib
from pipeline import store
from pipeline.cli.options import db_option
from pipeline.models import ITEM_KINDS, kind_words

_TEXT_CHARS = 160


def describe_counts(counts: dict[str, int]) -> str:
    """"3 causes of concern, 5 recommendations, 9 areas for improvement", or "no items"."""
    order = sorted(counts, key=lambda k: (ITEM_KINDS.index(k) if k in ITEM_KINDS else len(ITEM_KINDS), k))
    return ", ".join(f"{counts[k]} {kind_words(k, counts[k])}" for k in order if counts[k]) or "no items"


def report_lines(file: str, counts: dict[str, int], check) -> list[str]:
    """What ingest and extract print for a report: its counts, and loudly what is in doubt."""
    suspects = len(check.suspects)
    lines = [f"  {file}: {describe_counts(counts)}"]
    if check.problems:
        lines.append("  IN DOUBT: " + "; ".join(p.message for p in check.problems))
    problem_messages = {p.message for p in check.problems}
    other = [note for note in check.notes if note not in problem_messages]
    if other:
        lines.append("  note: " + "; ".join(other))
    if suspects:
        lines.append(f"  {suspects} suspected missed item{'s' if suspects != 1 else ''} (see `hmicfrs checks`)")
    return lines


def counts_by_kind(items) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


@click.command("checks")
@db_option()
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON array with an object per report (all reports, in doubt or not).")
def checks_command(db_path, as_json):
    """Reports in doubt (no items, an empty section, numbering gaps, a stated count that differs)
    and every report's open suspected missed items. A report, not a failure: exits 0."""
    reports = review_lib.report_checks(store.connect(db_path, create=False))
    if as_json:
        click.echo(json.dumps(reports, indent=2, ensure_ascii=False))
        return
    in_doubt = [r for r in reports if r["problems"]]
    suspected = [r for r in reports if r["suspects"] and not r["problems"]]
    for report in in_doubt + suspected:
        click.echo(_block(report))
    open_count = sum(len(r["suspects"]) for r in reports)
    click.echo(f"{len(reports)} reports: {len(in_doubt)} in doubt, {open_count} open suspected missed items "
               f"(add one with `hmicfrs review add --from-suspect ID`, or `hmicfrs review dismiss ID`)", err=True)


def _block(report: dict) -> str:
    head = "IN DOUBT" if report["problems"] else "SUSPECTS"
    lines = [f"{head}: {report['file']} ({report['title'] or 'no title'}; {report['family']})",
             f"  items: {describe_counts(report['items'])}"]
    lines += [f"  problem [{p['code']}]: {p['message']}" for p in report["problems"]]
    for suspect in report["suspects"]:
        text = " ".join(suspect["text"].split())
        text = text if len(text) <= _TEXT_CHARS else text[: _TEXT_CHARS - 3] + "..."
        lines.append(f"  suspect {suspect['id']} p{suspect['page']}: {text}")
    return "\n".join(lines) + "\n"


def register(group: click.Group) -> None:
    group.add_command(checks_command)
