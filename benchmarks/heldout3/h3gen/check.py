"""Self-check of the gold against the PDFs as the project reads them (`pipeline.ingest.pdf.parse_pdf`).

Words are put in reading order by a recursive XY cut (columns, table cells and sidebars become
their own blocks), the page furniture the generator drew is taken out, and every printed part of
an item (its lead-in, its own text) must occur in the pages the gold gives, whitespace aside.
"""
from __future__ import annotations

from pathlib import Path

from .core import Report, plain

_GUTTER = 7.0


def _blocks(words: list, depth: int = 0) -> list[list]:
    if len(words) <= 1 or depth > 60:
        return [words]
    cut = _vertical_cut(words)
    if cut is not None:
        left = [w for w in words if w.x1 <= cut]
        right = [w for w in words if w.x0 >= cut]
        return _blocks(left, depth + 1) + _blocks(right, depth + 1)
    cut = _horizontal_cut(words)
    if cut is not None:
        top = [w for w in words if w.bottom <= cut]
        bottom = [w for w in words if w.top >= cut]
        return _blocks(top, depth + 1) + _blocks(bottom, depth + 1)
    return [sorted(words, key=lambda w: (round(w.top), w.x0))]


def _vertical_cut(words) -> float | None:
    spans = sorted((w.x0, w.x1) for w in words)
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= _GUTTER:
            return (x0 + reach) / 2
        reach = max(reach, x1)
    return None


def _horizontal_cut(words) -> float | None:
    spans = sorted((w.top, w.bottom) for w in words)
    best, reach = None, spans[0][1]
    for top, bottom in spans[1:]:
        gap = top - reach
        if gap > 0.5 and (best is None or gap > best[0]):
            best = (gap, (top + reach) / 2)
        reach = max(reach, bottom)
    return best[1] if best else None


def page_texts(pdf: Path) -> dict[int, str]:
    from pipeline.ingest.pdf import parse_pdf

    texts = {}
    for page in parse_pdf(Path(pdf)).pages:
        words = list(page.words)
        texts[page.number] = " ".join(w.text for block in _blocks(words) for w in block) if words else ""
    return texts


def _squash(text: str) -> str:
    return "".join(text.split()).replace("’", "'").replace("‘", "'").replace("–", "-")


def check_report(report: Report, pdf: Path, gold: list[dict]) -> list[str]:
    texts = page_texts(pdf)
    furniture = {n: [_squash(s) for s in strings] for n, strings in report.furniture.items()}
    problems = []

    def span(first: int, last: int) -> str:
        out = []
        for n in range(first, last + 1):
            text = _squash(texts.get(n, ""))
            for piece in sorted(furniture.get(n, []), key=len, reverse=True):
                if piece and len(piece) > 3:
                    text = text.replace(piece, "", 1)
                elif piece and text.endswith(piece):
                    text = text[: -len(piece)]
            out.append(text)
        return "".join(out)

    whole = span(1, max(texts) if texts else 1)
    for item, row in zip(report.items, gold):
        here = span(row["page"], row["page_end"])
        for part in item.parts:
            if _squash(part) not in here:
                problems.append(f"{report.stem} {item.key}: text not on pages {row['page']}-{row['page_end']}: "
                                f"{part[:70]!r}")
        quoted = [row["addressee_text"], (row["deadline"] or {}).get("text")]
        context = _squash(item.text) + "".join(_squash(plain(s)) for s in item.source)
        for phrase in filter(None, quoted):
            if _squash(phrase) not in context:
                problems.append(f"{report.stem} {item.key}: {phrase!r} is not in the item text or its source")
        for source in item.source:
            if _squash(plain(source)) not in whole:
                problems.append(f"{report.stem} {item.key}: source {source[:50]!r} not printed")
    if not report.items and not texts:
        problems.append(f"{report.stem}: no text at all")
    return problems
