"""Recall and precision by house style on the generated variation corpus (tests/variation).

Run from the project root:

    python benchmarks/variation.py                  # seed 0, 2 variants a style, in a temporary folder
    python benchmarks/variation.py --seed 7 --per-style 4 --out /tmp/variation --details

Builds the corpus (PDFs and gold), ingests it with `hmicfrs ingest` into a fresh database, exports
the items and scores each style with pipeline.evaluate's score_report. Held-out styles
(tests/variation/heldout.py) are reported apart from the tuned ones. Exit code 0 unless a step fails.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import Score  # noqa: E402
from variation import HELD_OUT_STYLES, STYLES, build_corpus  # noqa: E402
from variation.scoring import rows_by_file, score_styles  # noqa: E402

HMICFRS = [sys.executable, "-m", "pipeline"]
COLUMNS = ("recall", "precision", "text", "page", "addressees", "deadline", "kind_number", "parent")


def run(args: list[str]) -> str:
    done = subprocess.run(HMICFRS + args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"hmicfrs {args[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def line(name: str, held: str, variants: int, score: Score) -> str:
    figures = score.as_dict()
    cells = "".join(f" {figures[key]:>9.3f}" for key in COLUMNS)
    return f"{name:<18} {held:<5} {variants:>3} {score.gold:>5} {score.found:>5}{cells}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (same seed, same bytes)")
    parser.add_argument("--per-style", type=int, default=2, help="variants of each style")
    parser.add_argument("--out", type=Path, default=None, help="folder for the corpus and database (default: temporary)")
    parser.add_argument("--workers", type=int, default=2, help="ingest workers")
    parser.add_argument("--details", action="store_true", help="print every miss, style by style")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="variation-") as scratch:
        out = options.out or Path(scratch)
        corpus, db = out / "corpus", out / "variation.db"
        for stale in out.glob("variation.db*"):
            stale.unlink()
        started = time.perf_counter()
        variants = build_corpus(corpus, seed=options.seed, per_style=options.per_style)
        built = time.perf_counter()
        run(["ingest", str(corpus), "--db", str(db), "--workers", str(options.workers), "--quiet"])
        ingested = time.perf_counter()
        exported = rows_by_file(run(["export", "--format", "jsonl", "--db", str(db)]))
        scores = score_styles(variants, exported)
    pages = sum(v.pages for v in variants)
    print(f"seed {options.seed}: {len(variants)} PDFs, {pages} pages, {sum(len(v.rows) for v in variants)} gold items; "
          f"built in {built - started:.1f} s, ingested in {ingested - built:.1f} s")
    print(f"{'style':<18} {'held':<5} {'pdf':>3} {'gold':>5} {'found':>5}" + "".join(f" {key[:9]:>9}" for key in COLUMNS))
    totals = {"tuned": Score(), "held-out": Score(), "all": Score()}
    counts = {"tuned": 0, "held-out": 0, "all": 0}
    for style in STYLES:
        held = style in HELD_OUT_STYLES
        n = sum(1 for v in variants if v.style == style)
        print(line(style, "yes" if held else "", n, scores[style]))
        for group in ("held-out" if held else "tuned", "all"):
            totals[group].add(scores[style])
            counts[group] += n
    print()
    for group, score in totals.items():
        print(line(group, "", counts[group], score))
    if options.details:
        for style in STYLES:
            if scores[style].misses:
                print(f"\n## {style}")
                print("\n".join(f"  {miss}" for miss in scores[style].misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
