"""`hmicfrs review list` and `review show`: tables a person can read, and JSON for scripts."""
from __future__ import annotations

import json

import click

from pipeline import store
from pipeline.cli.choices import check_filters
from pipeline.cli.options import db_option
from pipeline.cli.org import only_ours_option, org_option, our_items_filter
from pipeline.review.ours import ours
from pipeline.review.listing import LIST_FIELDS, item_detail, list_rows, suspect_rows
from pipeline.models import REVIEW_STATUSES

_HEADERS = {"id": "ID", "review_status": "STATUS", "report": "REPORT", "kind": "KIND", "label": "LABEL",
            "deadline": "DEADLINE", "addressees": "ADDRESSEES", "page": "PAGE", "text": "TEXT"}
# Widest a column is printed; the id is never cut, as `review show ID` needs all of it.
_CAP = {"report": 40, "kind": 20, "label": 24, "deadline": 24, "addressees": 36, "text": 70}


@click.command("list")
@db_option()
@click.option("--status", type=click.Choice([*REVIEW_STATUSES, "changed", "suspected"]),
              default=None, help="Only items with this review status ('changed': changed since review; 'suspected': "
              "open suspected missed items, to add with `review add --from-suspect` or `review dismiss`).")
@click.option("--report", default=None, help="Only items of this report (id, sha256 or file name).")
@click.option("--kind", default=None, help="Only items of this kind, e.g. recommendation.")
@click.option("--addressee", default=None, help="Only items addressed to this canonical id, e.g. chief_constables.")
@only_ours_option()
@org_option()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of objects instead of the table.")
def review_list(db_path, status, report, kind, addressee, only_ours, org_name, as_json):
    """List items with their review status: a table with a header (id, status, report, kind, label,
    deadline, addressees, page, text) to stdout, or JSON."""
    db = store.connect(db_path, create=False)
    check_filters(db, kind=kind, addressee=addressee, report=report)
    if status == "suspected":
        if addressee:
            raise click.UsageError("--addressee does not apply to suspects (they have no addressees yet)")
        rows, noun = suspect_rows(db, report=report, kind=kind), "open suspects"
    else:
        rows, noun = list_rows(db, status=status, report=report, kind=kind, addressee=addressee), "items"
        org, keep_only_ours = our_items_filter(db, only_ours, org_name)
        if keep_only_ours:
            mine = ours(db, org)
            rows = [row for row in rows if row["id"] in mine]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for line in table(rows):
            click.echo(line)
    click.echo(f"{len(rows)} {noun}", err=True)


def table(rows: list[dict]) -> list[str]:
    """Aligned columns under a header; long cells cut with an ellipsis."""
    cells = [[_HEADERS[f] for f in LIST_FIELDS]] + [[_cell(row, f) for f in LIST_FIELDS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(LIST_FIELDS))]
    return ["  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip() for line in cells]


def _cell(row: dict, field: str) -> str:
    value = row.get(field)
    if field == "addressees":
        value = ", ".join(value or []) or "-"
    elif field == "review_status" and row.get("changed_since_review"):
        value = f"{value} (changed)"
    elif field == "page":
        value = f"p{value}" if value else "-"
    text = " ".join(str(value).split()) if value not in (None, "") else "-"
    cap = _CAP.get(field)
    return text if cap is None or len(text) <= cap else text[: cap - 1] + "…"


@click.command("show")
@click.argument("item_id")
@db_option()
@click.option("--json", "as_json", is_flag=True,
              help="Print the item as one JSON object (with `doubts`: why it needs review, and `evidence`).")
def review_show(item_id, db_path, as_json):
    """Show one item, why it needs review (its doubts), its evidence (page and surrounding text)
    and its review state."""
    detail = item_detail(store.connect(db_path, create=False), item_id)
    if as_json:
        click.echo(json.dumps(detail, indent=2, ensure_ascii=False))
        return
    fields = ["id", "report_file", "report", "kind", "number", "label", "parent", "addressees",
              "addressee_text", "deadline_kind", "deadline_date", "deadline_text", "page", "page_end",
              "review_status", "track_status", "source"]
    shown = dict(detail, report=detail["report_short_title"])
    for field in fields:
        click.echo(f"{field:16} {shown.get(field)}")
    click.echo(f"{'text':16} {detail['text']}")
    if detail["doubts"]:
        click.echo("NEEDS REVIEW BECAUSE")
        for reason in detail["doubts"]:
            click.echo(f"  - {reason}")
    if detail.get("changed_since_review"):
        click.echo("CHANGED SINCE REVIEW")
        click.echo(f"  reviewed:  {json.dumps(detail.get('reviewed_values'), ensure_ascii=False)}")
        click.echo(f"  extracted: {json.dumps(detail['extracted'], ensure_ascii=False)}")
    if detail["evidence"] is not None:
        click.echo(f"--- evidence: {detail['report_file']} page {detail['page']} ---")
        click.echo(detail["evidence"])
    from pipeline.cli.track_import import lineage_lines  # later reports' verdicts on this item

    for line in lineage_lines(store.connect(db_path, create=False), detail["id"]):
        click.echo(line)


def register(group: click.Group) -> None:
    """Adds list and show to the `review` group (replacing any earlier ones of the same name)."""
    group.add_command(review_list)
    group.add_command(review_show)
