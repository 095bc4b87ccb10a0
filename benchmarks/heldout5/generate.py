"""Generate the held-out set: report PDFs and one gold JSONL per PDF (see README.md).

    python benchmarks/heldout5/generate.py --out DIR [--seed N] [--check] [--only NAME ...]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from h5gen.check import check  # noqa: E402
from h5gen.registry import generate  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder to write pdf/, gold/ and manifest.json into")
    parser.add_argument("--seed", type=int, default=5, help="seed for the narrative filler (default 5)")
    parser.add_argument("--check", action="store_true", help="re-read the PDFs and verify every gold text and page")
    parser.add_argument("--only", nargs="*", help="only builders whose name contains one of these")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.seed, args.only)
    items = sum(m["items"] for m in manifest)
    print(f"{len(manifest)} reports, {items} gold items, {sum(m['pages'] for m in manifest)} pages -> {args.out}")
    for m in manifest:
        print(f"  {m['file']:<48} {m['family']:<16} {m['pages']:>3} pages {m['items']:>3} items")
    if args.check:
        strong, weak, problems = check(args.out)
        print(f"check: {strong} texts found in a row, {weak} in order with gaps, {len(problems)} problems")
        for problem in problems:
            print("  " + problem)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
