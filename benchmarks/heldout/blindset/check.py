"""Self-check of the gold against the PDFs it describes: every printed piece of every item is in
the text layer of the item's pages, the gold text is what the pieces say, and each deadline and
addressee phrase is printed in the item or in the heading or cell it comes from."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.ingest.pdf import parse_pdf

from .kit import PassInfo, Plan, plain


def _squash(text: str) -> str:
    return "".join(text.split())


def page_text(page) -> str:
    """The page's words in reading order: column by column where no word crosses the middle."""
    middle = page.width / 2
    words = sorted(page.words, key=lambda w: (round(w.top), w.x0))
    if words and not any(w.x0 < middle < w.x1 for w in words):
        words = [w for w in words if w.x1 <= middle] + [w for w in words if w.x0 >= middle]
    return _squash(" ".join(w.text for w in words))


def boxed_text(document, boxes: list[tuple]) -> str:
    """The words drawn inside the boxes a tracked printing occupied, box by box (a table cell,
    a column, each part of a paragraph split over pages)."""
    by_number = {p.number: p for p in document.pages}
    out = []
    for number, x0, y0, x1, y1 in boxes:
        page = by_number[number]
        top, bottom = page.height - y1 - 1, page.height - y0 + 1
        inside = [w for w in page.words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top <= (w.top + w.bottom) / 2 <= bottom]
        out += [w.text for w in sorted(inside, key=lambda w: (round(w.top), w.x0))]
    return _squash(" ".join(out))


def check_report(out: Path, plan: Plan, info: PassInfo) -> list[str]:
    problems: list[str] = []
    document = parse_pdf(Path(out) / f"{plan.stem}.pdf")
    pages = {p.number: page_text(p) for p in document.pages}
    if not plan.expect_pages[0] <= len(pages) <= plan.expect_pages[1]:
        problems.append(f"{plan.stem}: {len(pages)} pages, expected {plan.expect_pages}")
    gold = [json.loads(line) for line in (Path(out) / "gold" / f"{plan.stem}.jsonl").read_text(encoding="utf-8").splitlines()]
    if len(gold) != len(plan.items):
        problems.append(f"{plan.stem}: {len(gold)} gold rows for {len(plan.items)} items")
    keys = {item.key for item in plan.items}
    for item, row in zip(plan.items, gold):
        where = f"{plan.stem} {item.key}"
        first, last = row["page"], row["page_end"]
        span = "".join(pages[n] for n in range(first, last + 1))
        before = "".join(pages[n] for n in range(1, last + 1))
        earlier = "".join(pages[n] for n in range(1, first))
        *lead, body = item.segments()
        if _squash(body) not in boxed_text(document, info.boxes[item.key]):
            problems.append(f"{where}: not printed where it was drawn: {body[:70]!r}")
        for piece in lead:
            if _squash(piece) not in span:
                problems.append(f"{where}: lead-in not printed on pages {first}-{last}: {piece[:70]!r}")
        if row["text"] != plain(" ".join(s for s in (item.lead_in, item.body) if s)):
            problems.append(f"{where}: gold text differs from what was printed")
        if item.label and row["text"].startswith(item.label):
            problems.append(f"{where}: text starts with its own label")
        if _squash(item.segments()[-1]) in earlier:
            problems.append(f"{where}: printed in full before page {first}")
        deadline = row["deadline"]
        if (deadline["kind"] == "none") != (deadline["text"] is None):
            problems.append(f"{where}: deadline kind and text disagree")
        if deadline["text"] and deadline["text"] not in row["text"]:
            problems.append(f"{where}: deadline {deadline['text']!r} not in the item text")
        phrase = row["addressee_text"]
        if phrase:
            source = item.addressee_from or row["text"]
            if phrase not in source:
                problems.append(f"{where}: addressee {phrase!r} not in {source[:60]!r}")
            shown = (boxed_text(document, info.boxes[f"from:{item.addressee_from}"])
                     if f"from:{item.addressee_from}" in info.boxes else before)
            if item.addressee_from and _squash(item.addressee_from) not in shown:
                problems.append(f"{where}: addressee source {item.addressee_from!r} not printed by page {last}")
        if bool(phrase) != bool(row["addressees"]):
            problems.append(f"{where}: addressees and addressee_text disagree")
        if row["parent"] and row["parent"] not in keys:
            problems.append(f"{where}: parent {row['parent']} is not an item")
    return problems
