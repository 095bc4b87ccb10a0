"""`hmicfrs responses`: link response documents (government responses, PCC comments, action
plans) to the items they answer, and say what could not be linked."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from pipeline import store
from pipeline.cli.options import db_option
from pipeline.paths import shown
from pipeline.respond import LinkOutcome, link_all
from pipeline.rules import load_rules


# Said, but not a doubt: no numbering where every passage was still linked by its restated text
# (a passage left unlinked is its own doubt), and a report not stored (its numbers are kept).
NOTES = ("response_unnumbered", "response_no_report")


def outcome_lines(outcome: LinkOutcome) -> list[str]:
    """One line per response document (what it answers, passages, linked, stances), and loudly
    what is in doubt."""
    result, target = outcome.result, outcome.target
    links = result.responses
    answers = (f"answers {shown(target['file'])} (by {result.pairing.method}, {result.pairing.score:.2f})"
               if target else "answers no stored report")
    stances = Counter(link.stance.stance or "none stated" for link in links)
    shown_stances = ", ".join(f"{n} {s}" for s, n in sorted(stances.items()))
    lines = [f"  {shown(outcome.report['file'])}: {answers}; {len(links)} responses, "
             f"{sum(1 for link in links if link.item_id)} linked; {shown_stances or 'no stances'}"]
    doubts = [p.message for p in result.problems if p.code not in NOTES]
    notes = [p.message for p in result.problems if p.code in NOTES]
    if doubts:
        lines.append("  IN DOUBT: " + "; ".join(doubts))
    if notes:
        lines.append("  note: " + "; ".join(notes))
    return lines


def echo_stored(db, report_ids=None) -> None:
    """After ingest or extract: each response document's stored linking, in doubt said loudly."""
    for row in store.response_document_rows(db):
        if report_ids is not None and row["report_id"] not in report_ids:
            continue
        answers = (f"answers {shown(row['target_file'])} (by {row['pairing_method']})" if row["target_file"]
                   else "answers no stored report")
        click.echo(f"  {shown(row['file'])}: {answers}; {row['passages']} responses, {row['linked']} linked "
                   "(see `hmicfrs responses`)", err=True)
        problems = json.loads(row["problems"] or "[]")
        doubts = [p["message"] for p in problems if p["code"] not in NOTES]
        notes = [p["message"] for p in problems if p["code"] in NOTES]
        if doubts:
            click.echo("  IN DOUBT: " + "; ".join(doubts), err=True)
        if notes:
            click.echo("  note: " + "; ".join(notes), err=True)


def echo_outcomes(outcomes: list[LinkOutcome]) -> None:
    for outcome in outcomes:
        for line in outcome_lines(outcome):
            click.echo(line, err=True)


@click.command("responses")
@db_option("SQLite database file.", must_exist=True)
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Folder of rule files (default: the rules/ folder shipped with the project).")
@click.option("--dry-run", is_flag=True, help="Link and summarise, but write nothing.")
@click.option("--json", "as_json", is_flag=True,
              help="Print every response (document, number, item, how linked, stance) as JSON lines.")
def responses_command(db_path: Path, rules_dir: Path | None, dry_run: bool, as_json: bool):
    """Link every response document in the database to the items it answers, again.

    A response passage is linked by the item's number, else by the restated item's text, else by
    word overlap; its stance (accepted, accepted_in_part, accepted_in_principle, not_accepted,
    noted, under_consideration, already_in_place) comes from rules/stances.jsonl. Ingest and
    extract do this too; run it after a rules edit or a correction.
    """
    rules = load_rules(rules_dir)
    db = store.connect(db_path, create=False)
    outcomes = link_all(db, rules, dry_run=dry_run)
    echo_outcomes(outcomes)
    if as_json:
        for outcome in outcomes:
            for link in outcome.result.responses:
                click.echo(json.dumps({
                    "file": outcome.report["file"], "seq": link.seq, "number": link.number, "page": link.page,
                    "item_id": link.item_id, "method": link.method, "score": link.score,
                    "stance": link.stance.stance, "stance_text": link.stance.text,
                }, ensure_ascii=False))
    verb = "would link" if dry_run else "linked"
    total = sum(len(o.result.responses) for o in outcomes)
    linked = sum(1 for o in outcomes for link in o.result.responses if link.item_id)
    click.echo(f"{verb} {linked} of {total} responses in {len(outcomes)} response documents", err=True)


def register(group: click.Group) -> None:
    group.add_command(responses_command)
