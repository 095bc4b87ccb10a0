"""Build the third blind held-out set, run the project on it, and print its figures by report family.

    python benchmarks/heldout3/run.py [--seed N] [--out DIR] [--details] [--check]

The set is generated afresh (same seed, same bytes), ingested with `hmicfrs ingest` into a new
database, exported with `hmicfrs export --format jsonl`, and each report's items are scored
against its gold with `pipeline.evaluate.score_report`. The default output names no file and
shows no text: only figures by family. `--details` lists every miss (for the final reviewer, not
for tuning rules). `--check` checks the gold against the PDFs instead of scoring.
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
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from h3gen.build import generate  # noqa: E402
from h3gen.check import check_report  # noqa: E402
from pipeline.evaluate import Score, score_report  # noqa: E402

COLUMNS = ("items", "found", "recall", "precision", "text", "page", "addressees", "deadline")


def hmicfrs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)


def self_check(reports, out: Path) -> int:
    problems = []
    for report in reports:
        gold = [json.loads(line) for line in (out / "gold" / f"{report.stem}.jsonl").read_text().splitlines()]
        problems += check_report(report, out / f"{report.stem}.pdf", gold)
    items = sum(len(r.items) for r in reports)
    for problem in problems:
        print(problem)
    print(f"checked {len(reports)} reports, {items} gold items: {len(problems)} problems")
    return 1 if problems else 0


def found_items(db: Path) -> dict[str, list[dict]]:
    done = hmicfrs("export", "--format", "jsonl", "--db", str(db))
    if done.returncode != 0:
        raise SystemExit(f"export failed: {done.stderr.strip()}")
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in done.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            by_file[row["report"]["file"]].append(row)
    return by_file


def doubts(db: Path) -> dict[str, dict]:
    done = hmicfrs("checks", "--json", "--db", str(db))
    try:
        return {row["file"]: row for row in json.loads(done.stdout or "[]")}
    except json.JSONDecodeError:
        return {}


def row_of(name: str, reports: int, score: Score) -> str:
    figures = score.as_dict()
    cells = [f"{figures['gold']:>5}", f"{figures['found']:>5}"]
    cells += [f"{figures[key]:>9.3f}" for key in ("recall", "precision", "text", "page", "addressees", "deadline")]
    return f"{name:<18}{reports:>7} " + " ".join(cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator (default 1)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the PDFs, gold and database "
                        "(default: a temporary folder, removed afterwards)")
    parser.add_argument("--details", action="store_true", help="list every miss, report by report")
    parser.add_argument("--check", action="store_true", help="check the gold against the PDFs, then stop")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="heldout3-") as scratch:
        out = args.out or Path(scratch)
        reports = generate(out, args.seed)
        if args.check:
            return self_check(reports, out)
        db = out / "heldout3.db"
        if db.exists():
            db.unlink()
        ingest = hmicfrs("ingest", str(out), "--db", str(db), "--quiet")
        if ingest.returncode not in (0, 1):
            print(f"ingest failed: {ingest.stderr.strip()}", file=sys.stderr)
            return 0
        found = found_items(db)
        checks = doubts(db)
        return report_figures(reports, out, found, checks, args.details)


def report_figures(reports, out: Path, found, checks, details: bool) -> int:
    families: dict[str, Score] = defaultdict(Score)
    counts: dict[str, int] = defaultdict(int)
    total, per_report = Score(), []
    for report in reports:
        gold = [json.loads(x) for x in (out / "gold" / f"{report.stem}.jsonl").read_text().splitlines() if x]
        score = score_report(gold, found.get(f"{report.stem}.pdf", []))
        families[report.family].add(score)
        counts[report.family] += 1
        total.add(score)
        per_report.append((report, score))
    print(f"heldout3: {len(reports)} reports, {total.gold} gold items, {total.found} found")
    print(f"{'family':<18}{'reports':>7} " + " ".join(f"{c:>5}" if i < 2 else f"{c:>9}" for i, c in enumerate(COLUMNS)))
    for family in sorted(families):
        print(row_of(family, counts[family], families[family]))
    print(row_of("TOTAL", len(reports), total))
    in_doubt = sum(1 for r in reports if (checks.get(f"{r.stem}.pdf") or {}).get("problems"))
    zero = [r for r, s in per_report if s.found == 0]
    zero_expected = sum(1 for r in zero if not r.items)
    print(f"reports in doubt: {in_doubt}; reports with zero items found: {len(zero)} "
          f"({zero_expected} of them have no items in the gold, {len(reports) - len(zero)} have some)")
    if details:
        for report, score in per_report:
            problems = (checks.get(f"{report.stem}.pdf") or {}).get("problems") or []
            if not score.misses and not problems:
                continue
            print(f"\n{report.stem}.pdf ({report.family}): gold {score.gold}, found {score.found}, "
                  f"matched {score.matched}")
            for problem in problems:
                print(f"  in doubt: {problem.get('code')}: {problem.get('message')}")
            for miss in score.misses:
                print(f"  {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
