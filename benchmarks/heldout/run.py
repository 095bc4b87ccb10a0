"""Held-out accuracy: HMICFRS-style reports nobody tuned rules on, scored against their gold.

Run from the project root with the project's Python:

    python benchmarks/heldout/run.py                  # build (seed 1), ingest, export, score
    python benchmarks/heldout/run.py --seed 7 --out /tmp/heldout
    python benchmarks/heldout/run.py --check          # only build and check the gold against the PDFs
    python benchmarks/heldout/run.py --details        # also list every miss (for the final reviewer)

The set is generated (same seed, same bytes) into --out (default: a fresh temporary folder):
one PDF per report, gold/<stem>.jsonl and manifest.json. It is ingested with `hmicfrs ingest`
into a fresh database, exported with `hmicfrs export --format jsonl` and scored per report with
pipeline.evaluate.score_report; figures are printed per report family, never per file.
Do not read the generator while tuning rules: the figures only mean something while it is unseen.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

from blindset.build import build  # noqa: E402
from blindset.check import check_report  # noqa: E402
from pipeline.evaluate import Score, score_report  # noqa: E402

HMICFRS = [sys.executable, "-m", "pipeline"]
COLUMNS = ("gold", "found", "recall", "precision", "text", "page", "addressees", "deadline")


def _hmicfrs(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(HMICFRS + list(args), cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"hmicfrs {args[0]} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return result


def _doubts(db: Path) -> dict[str, bool]:
    from pipeline import store

    conn = store.connect(db, create=False)
    rows = conn.query("select r.file, c.needs_review from reports r left join report_checks c on c.report_id = r.id")
    return {row["file"]: bool(row["needs_review"]) for row in rows}


def _row(name: str, score: Score) -> str:
    d = score.as_dict()
    cells = [f"{d['gold']:>5}", f"{d['found']:>5}"] + [f"{d[k]:>9.3f}" for k in COLUMNS[2:]]
    return f"{name[:38]:38} " + " ".join(cells)


def score(out: Path, details: bool) -> int:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    db = out / "heldout.db"
    for leftover in out.glob("heldout.db*"):
        leftover.unlink()
    pdfs = [str(out / f"{stem}.pdf") for stem in manifest]
    ingest = _hmicfrs("ingest", *pdfs, "--db", str(db), "--quiet")
    if ingest.returncode:
        print(f"ingest reported failures: {ingest.stderr.strip()}", file=sys.stderr)
    exported = _hmicfrs("export", "--format", "jsonl", "--db", str(db)).stdout
    found: dict[str, list[dict]] = defaultdict(list)
    for line in exported.splitlines():
        if line.strip():
            item = json.loads(line)
            found[item["report"]["file"]].append(item)
    doubts = _doubts(db)
    families: dict[str, Score] = {}
    total = Score()
    misses: list[str] = []
    for stem, entry in manifest.items():
        gold = [json.loads(line) for line in (out / "gold" / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        result = score_report(gold, found.get(f"{stem}.pdf", []))
        families.setdefault(entry["family"], Score()).add(result)
        total.add(result)
        misses += [f"{entry['family']} | {stem}: {miss}" for miss in result.misses]
    print(f"{'family':38} " + " ".join(f"{c:>5}" if c in ('gold', 'found') else f"{c:>9}" for c in COLUMNS))
    for family, result in families.items():
        print(_row(family, result))
    print(_row("TOTAL", total))
    stored = [f"{stem}.pdf" for stem in manifest]
    in_doubt = sum(1 for f in stored if doubts.get(f))
    empty = sum(1 for f in stored if not found.get(f))
    expected_empty = sum(1 for e in manifest.values() if e["items"] == 0)
    not_stored = sum(1 for f in stored if f not in doubts)
    print(f"\nreports: {len(manifest)} ({sum(e['items'] for e in manifest.values())} gold items); "
          f"in doubt (completeness check): {in_doubt}; with no items found: {empty} "
          f"({expected_empty} should have none); not stored: {not_stored}")
    if details:
        print("\nmisses (for the final reviewer, not for tuning rules):")
        for miss in misses:
            print(f"  {miss}")
    return 0


def check(out: Path, built) -> int:
    problems = []
    for plan, info in built:
        problems += check_report(out, plan, info)
    for problem in problems:
        print(problem)
    items = sum(len(plan.items) for plan, _info in built)
    print(f"checked {len(built)} reports, {items} gold items: {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1, help="generator seed (same seed, byte-identical PDFs)")
    parser.add_argument("--out", type=Path, help="folder to write the set into (default: a new temporary folder)")
    parser.add_argument("--details", action="store_true", help="print every miss (for the final reviewer)")
    parser.add_argument("--check", action="store_true", help="only build the set and check its gold against the PDFs")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="heldout-"))
    out.mkdir(parents=True, exist_ok=True)
    built = build(out, args.seed)
    print(f"built {len(built)} reports in {out}", file=sys.stderr)
    if args.check:
        return check(out, built)
    return score(out, args.details)


if __name__ == "__main__":
    sys.exit(main())
