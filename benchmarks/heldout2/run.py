"""Build the blind held-out set, ingest it with `hmicfrs`, and score what extraction finds.

    python benchmarks/heldout2/run.py [--seed N] [--out DIR] [--details] [--check]

Figures are printed per report family, never per file, so that reading them does not invite
tuning rules to single reports. `--details` lists every miss (for the final reviewer).
`--check` verifies the gold against the PDFs themselves instead of scoring the extraction.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.heldout2.build import generate  # noqa: E402
from pipeline.evaluate import Score, normalise_text, score_report  # noqa: E402

_BULLETS = "•▪■●▸–-—"
COLUMNS = ("items", "recall", "precision", "text", "page", "addressees", "deadline")


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", normalise_text(text))
    return "".join(ch for ch in text if not ch.isspace() and ch not in _BULLETS)


def _words_in(page, box, height: float) -> str:
    x0, y0, x1, y1 = box
    top, bottom = height - y1 - 1.5, height - y0 + 1.5
    inside = [w for w in page.words if x0 - 1.5 <= (w.x0 + w.x1) / 2 <= x1 + 1.5
              and top <= (w.top + w.bottom) / 2 <= bottom]
    inside.sort(key=lambda w: (w.top, w.x0))
    lines: list[list] = []
    for word in inside:
        if lines and abs(word.top - lines[-1][0].top) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))


def check(built) -> int:
    """Every gold text is printed, word for word, inside the boxes its item was drawn in; every
    deadline and addressee phrase is in the text or in the heading or cell it comes from."""
    from pipeline.ingest.pdf import parse_pdf

    problems = 0
    for report, pdf, rows in built:
        doc = parse_pdf(pdf)
        pages = {page.number: page for page in doc.pages}
        page_text = _squash(" ".join(w.text for page in doc.pages for w in page.words))
        by_key = {item.key: item for item in report.items}
        for row in rows:
            item = by_key[row["id"]]
            parts = report.tracker.parts[item.key]
            printed = " ".join(_words_in(pages[p], box, pages[p].height) for role, p, box in parts if role != "context")
            where = f"{pdf.name} {row['kind']} {row['number'] or row['text'][:40]!r}"
            if _squash(row["text"]) not in _squash(printed):
                problems += 1
                print(f"TEXT {where}\n  gold:    {row['text']}\n  printed: {printed}", file=sys.stderr)
            lead_pages = {p for role, p, _b in parts if role == "lead"}
            if lead_pages and min(lead_pages) != row["page"]:
                problems += 1  # the item's page would be a matter of opinion: keep lead-ins with their lists
                print(f"LEAD-IN on another page than its item: {where}", file=sys.stderr)
            cells = " ".join(_words_in(pages[p], box, pages[p].height) for role, p, box in parts if role == "context")
            for context in item.context:
                if _squash(context) not in _squash(cells or page_text):
                    problems += 1
                    print(f"CONTEXT {where}: {context!r} not printed", file=sys.stderr)
            for phrase in (row["deadline"]["text"], row["addressee_text"]):
                if phrase and not any(_squash(phrase) in _squash(home) for home in (row["text"],) + item.context):
                    problems += 1
                    print(f"PHRASE {where}: {phrase!r} not in the item or its context", file=sys.stderr)
    total = sum(len(rows) for _r, _p, rows in built)
    print(f"checked {len(built)} reports, {total} gold items: {problems} problem(s)")
    return problems


def _hmicfrs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)


def score(built, out: Path, details: bool) -> None:
    db = out / "heldout2.db"
    if db.exists():
        db.unlink()
    ingest = _hmicfrs("ingest", str(out), "--db", str(db), "--quiet")
    if ingest.returncode not in (0, 1):
        sys.exit(f"ingest failed ({ingest.returncode}): {ingest.stderr.strip()[-400:]}")
    exported = _hmicfrs("export", "--db", str(db), "--format", "jsonl")
    checks = _hmicfrs("checks", "--db", str(db), "--json")
    found: dict[str, list[dict]] = defaultdict(list)
    for line in exported.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            found[row["report"]["file"]].append(row)
    doubt = {entry["file"] for entry in json.loads(checks.stdout or "[]") if entry.get("problems")}

    families: dict[str, Score] = defaultdict(Score)
    counts: dict[str, int] = defaultdict(int)
    total = Score()
    none_expected = none_expected_found = none_unexpected = 0
    for report, pdf, rows in built:
        items = found.get(pdf.name, [])
        result = score_report(rows, items)
        families[report.family].add(result)
        counts[report.family] += 1
        total.add(result)
        none_expected += not rows
        none_expected_found += bool(not rows and items)
        none_unexpected += bool(rows and not items)
        if details and result.misses:
            print(f"\n## {pdf.name} ({report.family})")
            for miss in result.misses:
                print(f"  {miss}")
    print(f"\n{'family':<18}{'reports':>8}" + "".join(f"{c:>11}" for c in COLUMNS))
    for family in sorted(families):
        print(_row(family, counts[family], families[family]))
    print(_row("total", len(built), total))
    print(f"\nreports: {len(built)}; items in gold: {total.gold}, found: {total.found}, matched: {total.matched}")
    print(f"reports that must yield no items: {none_expected}, of which yielded some: {none_expected_found}")
    print(f"reports with items that yielded none: {none_unexpected}; reports in doubt (hmicfrs checks): {len(doubt)}")
    if ingest.returncode:
        print(f"ingest reported failures: {ingest.stderr.strip()[-300:]}", file=sys.stderr)


def _row(name: str, reports: int, s: Score) -> str:
    d = s.as_dict()
    return f"{name:<18}{reports:>8}{s.gold:>11}" + "".join(f"{d[c]:>11.3f}" for c in COLUMNS[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of the set (same seed, same PDFs)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the PDFs, gold and database "
                                                                "(default: a temporary folder)")
    parser.add_argument("--details", action="store_true", help="print every miss, report by report")
    parser.add_argument("--check", action="store_true", help="check the gold against the PDFs, then stop")
    parser.add_argument("--only", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="heldout2-") as tmp:
        out = args.out or Path(tmp)
        built = generate(out, args.seed, only=args.only)
        if args.check:
            return 1 if check(built) else 0
        score(built, out, args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
