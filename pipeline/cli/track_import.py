"""`hmicfrs track set|show|import|export`: `track` becomes a group, and `hmicfrs track ID ...`
still means `track set ID ...` (the command cli_review.py defines), so nothing that used it breaks."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import store
from pipeline.cli.options import db_option
from pipeline.review.track_import import DEFAULT_THRESHOLD, FIELDS
from pipeline.review.track_sheet import apply_plan, import_plan, read_mapping_file, tracking_frame, write_tracking

BY_OPTION = click.option("--by", default=None, help="Who made the change (default: your user name).")


class TrackGroup(click.Group):
    """A group whose first argument, when it names no subcommand, is an item id for `set`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["set", *args]
        return super().parse_args(ctx, args)


def _open(db_path: Path):
    return store.connect(db_path, create=False)


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option()
def track_export(file, db_path):
    """Write every item's tracking (and any later report's suggested verdict) to FILE, .csv or .xlsx."""
    frame = tracking_frame(_open(db_path))
    if file.parent != Path(""):
        file.parent.mkdir(parents=True, exist_ok=True)
    write_tracking(frame, file)
    click.echo(f"wrote the tracking of {len(frame)} items to {file}", err=True)


def _assignments(pairs) -> dict[str, str]:
    out = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or field.strip() not in FIELDS:
            raise click.UsageError(f"--map needs FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}, got {pair!r}")
        out[field.strip()] = column.strip()
    return out


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option()
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from COLUMN, e.g. --map report=\"Report title\"; FIELD is one of "
                   + ", ".join(FIELDS) + ". Repeatable; overrides the mapping file.")
@click.option("--map-file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help='JSON: {"columns": {FIELD: COLUMN}, "values": {FIELD: {CELL: VALUE}}}, e.g. a tracker\'s '
                   '"Complete" read as closed.')
@click.option("--threshold", type=click.FloatRange(0, 1), default=DEFAULT_THRESHOLD, show_default=True,
              help="Lowest text similarity (0 to 1) that matches a row to an item.")
@click.option("--dry-run", is_flag=True, help="Show each row's match and changes; change nothing.")
@BY_OPTION
def track_import(file, db_path, maps, map_file, threshold, dry_run, by):
    """Apply tracking (status, level, owner, evidence, dates) from another tracker's CSV or XLSX.

    Each row is matched to an item by id, else report and number, else text similarity (score
    shown), and applied through `hmicfrs track` (audit log). Prints one line per row to stdout:
    row, state (change, unchanged, unmatched, invalid), item, how matched, score, changes or reason.
    Exits 1 when a row could not be matched or applied.
    """
    columns, values = read_mapping_file(map_file) if map_file else ({}, {})
    columns.update(_assignments(maps))
    db = _open(db_path)
    _mapping, plans = import_plan(db, file, columns, values, threshold)
    for row in plans:
        score = "" if row.match.score is None else f"{row.match.score:.2f}"
        detail = "; ".join(f"{f}: {_shown(old)} -> {_shown(new)}" for f, old, new in row.changes)
        why = row.problem or row.match.reason
        if why:
            detail = f"{detail}; {why}" if detail else why
        click.echo(f"{row.row}\t{row.state}\t{row.match.item_id or ''}\t{row.match.how}\t{score}\t{detail}")
    counts = {state: sum(1 for r in plans if r.state == state) for state in ("change", "unchanged", "unmatched", "invalid")}
    summary = ", ".join(f"{n} {state}" for state, n in counts.items())
    if dry_run:
        click.echo(f"dry run: {len(plans)} rows ({summary}); nothing changed", err=True)
    else:
        applied = apply_plan(db, plans, file.name, by)
        click.echo(f"applied {applied} rows ({summary}); see the audit log", err=True)
    if counts["unmatched"] or counts["invalid"]:
        sys.exit(1)


def _shown(value) -> str:
    return "-" if value is None else str(value)


@click.command("show")
@click.argument("item_id")
@db_option()
def track_show(item_id, db_path):
    """An item's tracking, and what later reports say of it (suggestions: the status stays yours)."""
    from pipeline.review.decisions import find_item

    db = _open(db_path)
    item = find_item(db, item_id)
    click.echo(f"{'id':12} {item['id']}")
    click.echo(f"{'report':12} {item['report_file']}  {item.get('label') or item['kind']}")
    for field in ("track_status", "level", "owner", "evidence", "closed_on", "due_revised", "due_reason"):
        click.echo(f"{field.replace('track_', ''):12} {_shown(item.get(field))}")
    for line in lineage_lines(db, item_id):
        click.echo(line)


def lineage_lines(db, item_id: str) -> list[str]:
    """What later reports say of an item, one line each, for `track show` and `review show`."""
    links = store.lineage_for_item(db, item_id)
    if not links:
        return []
    lines = ["--- later reports (suggestions; the tracking status is a person's decision) ---"]
    for link in links:
        score = "" if link["score"] is None else f" {link['score']:.2f}"
        lines.append(f"{link['verdict'] or 'no verdict'}: {link['report_file']} p{link['page']} "
                     f"[{link['start']}:{link['end']}] \"{link['verdict_text'] or ''}\" (matched by {link['matched_by']}{score})")
    return lines


def register(cli: click.Group) -> None:
    """Replace the `track` command with the group, the command kept as `track set`."""
    original = cli.commands.pop("track")
    group = TrackGroup("track", help="Track items for your organisation: `track ID ...` (short for `track set`), "
                                     "`track show`, and tracking to and from spreadsheets (`track export`, "
                                     "`track import`).")
    group.add_command(original, "set")
    for command in (track_show, track_export, track_import):
        group.add_command(command)
    cli.add_command(group)

