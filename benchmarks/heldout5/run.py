"""Score `hmicfrs` on the held-out set: generate it, ingest it, export, and compare with the gold.

    python benchmarks/heldout5/run.py [--seed N] [--out DIR] [--details]

Held out: do not read the generator or the gold, and do not use --details while tuning the tool.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from h5gen.registry import generate  # noqa: E402
from pipeline.evaluate import Score, score_report  # noqa: E402

COLUMNS = ("kind_number", "text", "page", "addressees", "deadline", "parent")


def _hmicfrs() -> list[str]:
    local = Path(sys.executable).with_name("hmicfrs")
    if local.exists():
        return [str(local)]
    found = shutil.which("hmicfrs")
    if not found:
        raise SystemExit("hmicfrs is not installed (pip install -e . in the repository first)")
    return [found]


def _run(args: list[str]) -> str:
    done = subprocess.run(_hmicfrs() + args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"hmicfrs {args[0]} failed with exit code {done.returncode}")
    return done.stdout


def _row(name: str, reports: int, score: Score) -> str:
    d = score.as_dict()
    cells = [f"{name:<17}", f"{reports:>3}", f"{score.gold:>5}", f"{score.found:>6}", f"{d['recall']:>7.1%}",
             f"{d['precision']:>7.1%}"] + [f"{d[c]:>7.1%}" for c in COLUMNS]
    return " ".join(cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=5, help="seed for the narrative filler (default 5)")
    parser.add_argument("--out", type=Path, help="generate into this folder and keep it (default: a temporary one)")
    parser.add_argument("--details", action="store_true", help="print every miss per report (not while tuning)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    temp = None if args.out else tempfile.TemporaryDirectory(prefix="heldout5-")
    out = args.out or Path(temp.name)
    try:
        manifest = generate(out, args.seed)
        made = time.monotonic()
        db = out / "heldout5.db"
        if db.exists():
            db.unlink()
        _run(["ingest", str(out / "pdf"), "--db", str(db), "--quiet"])
        exported = [json.loads(line) for line in _run(["export", "--db", str(db), "--format", "jsonl"]).splitlines()
                    if line.strip()]
        checks = json.loads(_run(["checks", "--db", str(db), "--json"]) or "[]")
        ran = time.monotonic()
        found_by_file: dict[str, list[dict]] = defaultdict(list)
        for item in exported:
            found_by_file[(item.get("report") or {}).get("file")].append(item)
        in_doubt = {c.get("file") for c in checks if c.get("problems")}
        families: dict[str, tuple[int, Score]] = {}
        total, zero, doubt = Score(), [], 0
        details = []
        for m in manifest:
            gold = [json.loads(line) for line in (out / "gold" / m["file"].replace(".pdf", ".jsonl"))
                    .read_text(encoding="utf-8").splitlines() if line.strip()]
            found = found_by_file.get(m["file"], [])
            score = score_report(gold, found)
            count, fam = families.get(m["family"], (0, Score()))
            fam.add(score)
            families[m["family"]] = (count + 1, fam)
            total.add(score)
            zero += [m["file"]] if not found else []
            doubt += m["file"] in in_doubt
            if args.details:
                details.append((m["file"], score))
        head = " ".join([f"{'family':<17}", "rep", " gold", " found", " recall", "  prec."] +
                        [f"{c[:7]:>7}" for c in COLUMNS])
        print(f"held-out set 5 (seed {args.seed}): {len(manifest)} reports, "
              f"{sum(m['pages'] for m in manifest)} pages")
        print(head)
        print("-" * len(head))
        for name in sorted(families):
            count, score = families[name]
            print(_row(name, count, score))
        print("-" * len(head))
        print(_row("total", len(manifest), total))
        print(f"\nreports {len(manifest)}, gold items {total.gold}, found {total.found}, matched {total.matched}, "
              f"in doubt {doubt}, zero-item reports {len(zero)} (2 reports are meant to have none)")
        print(f"time: generate {made - started:.1f}s, hmicfrs {ran - made:.1f}s, total {time.monotonic() - started:.1f}s")
        if args.details:
            for name, score in details:
                if score.misses:
                    print(f"\n{name}")
                    for miss in score.misses:
                        print(f"  {miss}")
    finally:
        if temp is not None:
            temp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
