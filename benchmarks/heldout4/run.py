"""Build the fourth held-out set, ingest it with the project's CLI into a fresh database, export
the items and score them against the gold, by report family.

    python benchmarks/heldout4/run.py [--seed N] [--out DIR] [--details] [--check]

Held out: read the figures, not the reports. `--details` lists every miss and is meant for the
final reviewer, not for tuning rules. `--check` only verifies the set's own gold against its PDFs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.heldout4.build import generate  # noqa: E402
from pipeline.evaluate import Score, score_report  # noqa: E402

_COLUMNS = ("reports", "items", "recall", "precision", "kind/no.", "text", "page", "addressees", "deadline",
            "parent")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


def _row(name: str, count: int, score: Score) -> str:
    d = score.as_dict()
    cells = [name.ljust(20), str(count).rjust(7), str(score.gold).rjust(5)]
    cells += [f"{d[key]:.3f}".rjust(9) for key in ("recall", "precision", "kind_number", "text", "page",
                                                    "addressees", "deadline", "parent")]
    return " ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=4, help="seed for the narrative around the items")
    parser.add_argument("--out", type=Path, default=None, help="folder for the PDFs, gold and database")
    parser.add_argument("--details", action="store_true", help="print every miss (for the final reviewer)")
    parser.add_argument("--check", action="store_true", help="only check the gold against the PDFs")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="heldout4-"))
    out = out.resolve()
    reports = generate(out, args.seed)
    print(f"built {len(reports)} reports, {sum(len(r.items) for r in reports)} gold items in {out}", file=sys.stderr)
    if args.check:
        from benchmarks.heldout4.selfcheck import check
        problems = check(out)
        for problem in problems:
            print(problem)
        print(f"self-check: {len(problems)} problems in {sum(len(r.items) for r in reports)} gold items")
        return 1 if problems else 0

    db = out / "heldout4.db"
    for stale in out.glob("heldout4.db*"):
        stale.unlink()
    ingest = _cli("ingest", str(out), "--db", str(db), "--quiet")
    if ingest.returncode not in (0, 1):
        print(ingest.stderr, file=sys.stderr)
        return ingest.returncode
    exported = _cli("export", "--db", str(db), "--format", "jsonl")
    found: dict[str, list[dict]] = {}
    for line in exported.stdout.splitlines():
        if line.strip():
            item = json.loads(line)
            found.setdefault(item["report"]["file"], []).append(item)
    checks = json.loads(_cli("checks", "--db", str(db), "--json").stdout or "[]")
    doubtful = {c["file"] for c in checks if c.get("problems")}

    by_family: dict[str, tuple[int, Score]] = {}
    total = Score()
    details: list[str] = []
    for report in reports:
        gold = [json.loads(line) for line in (out / "gold" / f"{report.stem}.jsonl").read_text().splitlines()]
        score = score_report(gold, found.get(f"{report.stem}.pdf", []))
        count, family = by_family.get(report.family, (0, Score()))
        family.add(score)
        by_family[report.family] = (count + 1, family)
        total.add(score)
        details += [f"{report.family} / {report.stem}: {miss}" for miss in score.misses]

    print(" ".join(["family".ljust(20)] + [c.rjust(9 if i > 1 else (7 if i == 0 else 5))
                                           for i, c in enumerate(_COLUMNS)]))
    for family in sorted(by_family):
        count, score = by_family[family]
        print(_row(family, count, score))
    print(_row("TOTAL", len(reports), total))
    zero = [r.stem for r in reports if not found.get(f"{r.stem}.pdf")]
    expected_zero = [r.stem for r in reports if not r.items]
    print(f"\nitems found {total.found}, gold {total.gold}, matched {total.matched}")
    print(f"reports in doubt: {len(doubtful)} of {len(reports)}; with zero items: {len(zero)} "
          f"(gold expects {len(expected_zero)})")
    if ingest.returncode:
        print(f"ingest exited {ingest.returncode}: {ingest.stderr.strip().splitlines()[-1:]}")
    if args.details:
        print()
        for line in details:
            print(line)
        for stem in sorted(doubtful):
            print(f"in doubt: {stem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
