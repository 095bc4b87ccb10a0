"""Score response linking and stances against hand-written gold (tests/gold/responses/).

    python benchmarks/responses_eval.py DB [--gold DIR] [--split tune|heldout] [--details]

Each gold file is one response document: a first line {"document", "target", "split", "note"},
then one line per response passage {"number" or "seq", "item", "stance"}. A passage is found by
its number as printed (canonical: "4a) i." = "4ai"), or by its order where the document numbers
none. Linked correctly: the passage is linked to the gold item of the gold target report (or, with
no target, kept unlinked with its number). Stance accuracy counts only passages whose gold stance
is not null. Reads the database only (the linking runs as `hmicfrs responses --dry-run` does).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import store  # noqa: E402
from pipeline.extract.responses import canonical_number  # noqa: E402
from pipeline.respond import link_all  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402


def score(db, gold_dir: Path, split: str | None, details: bool) -> dict:
    outcomes = {o.report["file"]: o for o in link_all(db, load_rules(), dry_run=True)}
    numbers = {row["id"]: row["number"] for row in db.query("select id, number from items")}
    files = {row["id"]: row["file"] for row in db.query("select id, file from reports")}
    figures = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        lines = [json.loads(t) for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        head, gold = lines[0], lines[1:]
        if split and head.get("split") != split:
            continue
        outcome = outcomes.get(head["document"])
        found = outcome.result.responses if outcome else ()
        by_number = {canonical_number(link.number): link for link in found if link.number}
        linked = stance_right = stance_total = 0
        for k, entry in enumerate(gold, start=1):
            if entry.get("number") is not None:
                link = by_number.get(canonical_number(entry["number"]))
            else:
                link = found[entry["seq"] - 1] if 0 < entry["seq"] <= len(found) else None
            target = outcome.target["file"] if outcome and outcome.target else None
            if link is None:
                ok = False
            elif entry["item"] is None:
                ok = link.item_id is None and head["target"] is None
            else:
                ok = (target == head["target"] and link.item_id is not None
                      and canonical_number(numbers.get(link.item_id)) == canonical_number(entry["item"]))
            linked += ok
            if entry["stance"] is not None:
                stance_total += 1
                stance_right += bool(link and link.stance.stance == entry["stance"])
            if details and (not ok or (link and entry["stance"] != link.stance.stance)):
                got = (numbers.get(link.item_id), link.method, link.score, link.stance.stance, link.stance.text) if link else None
                print(f"  {head['document']} {entry.get('number') or entry.get('seq')}: gold item "
                      f"{entry['item']} stance {entry['stance']}; got {got}", file=sys.stderr)
        figures[head["document"]] = {
            "split": head.get("split"), "passages": len(gold), "found": len(found),
            "linked_correctly": linked, "stances_stated": stance_total, "stances_right": stance_right,
            "target": files.get(outcome.result.pairing.report_id) if outcome else None,
            "pairing": outcome.result.pairing.method if outcome else None,
        }
    total = lambda key: sum(f[key] for f in figures.values())  # noqa: E731
    figures["all"] = {
        "passages": total("passages"), "linked_correctly": total("linked_correctly"),
        "link_rate": round(total("linked_correctly") / max(total("passages"), 1), 3),
        "stances_stated": total("stances_stated"), "stances_right": total("stances_right"),
        "stance_accuracy": round(total("stances_right") / max(total("stances_stated"), 1), 3),
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "responses")
    parser.add_argument("--split", choices=["tune", "heldout"], default=None)
    parser.add_argument("--details", action="store_true", help="List every wrong link and stance.")
    args = parser.parse_args()
    figures = score(store.connect(args.db, create=False), args.gold, args.split, args.details)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
