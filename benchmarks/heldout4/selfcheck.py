"""The set's own check of its gold: every gold text is in its PDF on the pages gold gives, read back
with the project's own reader (`pipeline.ingest.pdf.parse_pdf`), and every deadline and addressee phrase is
in the item's text (or in the heading or table cell it comes from).

Words are compared with whitespace and hyphens taken out (a word hyphenated at a line end reads back
in two parts); running heads and page numbers (outside the 60 pt band at each edge) and superscript
note markers are left out. Pages are read in their line order and in an XY-cut order (columns, table
cells and margin labels apart); the text must be found in one of them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from statistics import median

from pipeline.ingest.pdf import parse_pdf

_DROP = re.compile(r"[\s\-‐­]+")
_MARKER = re.compile(r"^[\d*†]+$")
_BAND = 60.0


def squash(text: str) -> str:
    return _DROP.sub("", text or "").lower()


def _body_words(page) -> list:
    words = [w for w in page.words if w.top >= _BAND and w.bottom <= page.height - _BAND]
    if not words:
        return []
    usual = median(w.size for w in words)
    return [w for w in words if not (_MARKER.match(w.text) and w.size < usual * 0.8)]


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Uncovered stretches between the outermost covered points, widest first."""
    spans = sorted(spans)
    out, reach = [], spans[0][1]
    for start, end in spans[1:]:
        if start > reach:
            out.append((reach, start))
        reach = max(reach, end)
    return sorted(out, key=lambda g: g[0] - g[1])


def xy_cut(words: list) -> list:
    if len(words) < 2:
        return list(words)
    vertical = _gaps([(w.x0, w.x1) for w in words])
    horizontal = _gaps([(w.top, w.bottom) for w in words])
    v = vertical[0] if vertical else None
    h = horizontal[0] if horizontal else None
    if v and v[1] - v[0] >= 7 and (not h or v[1] - v[0] >= h[1] - h[0]):
        cut = (v[0] + v[1]) / 2
        return xy_cut([w for w in words if w.x1 <= cut]) + xy_cut([w for w in words if w.x1 > cut])
    if h:
        cut = (h[0] + h[1]) / 2
        return xy_cut([w for w in words if w.bottom <= cut]) + xy_cut([w for w in words if w.bottom > cut])
    return list(words)


def page_texts(pdf: Path) -> dict[int, tuple[str, str]]:
    doc = parse_pdf(pdf)
    texts = {}
    for page in doc.pages:
        words = _body_words(page)
        texts[page.number] = ("".join(w.text for w in words), "".join(w.text for w in xy_cut(words)))
    return texts


def check(folder: Path) -> list[str]:
    """Problems found in the gold under `folder/gold` (empty: the gold holds)."""
    problems: list[str] = []
    for gold in sorted((folder / "gold").glob("*.jsonl")):
        pdf = folder / f"{gold.stem}.pdf"
        texts = page_texts(pdf)
        everything = squash("".join(t[0] + t[1] for t in texts.values()))
        for line in gold.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            label = f"{gold.stem} {item['kind']} {item['number'] or item['text'][:40]!r}"
            span = range(item["page"], item["page_end"] + 1)
            streams = [squash("".join(texts[p][k] for p in span)) for k in (0, 1)]
            wanted = squash(item["text"])
            lead = squash(item.get("lead_in") or "")
            parts = [lead, wanted[len(lead):]] if lead and wanted.startswith(lead) else [wanted]
            if not all(any(part in s for s in streams) for part in parts):
                problems.append(f"{label}: text not found on pages {item['page']}-{item['page_end']}")
            elif item["page"] > 1 and any(wanted in squash("".join(texts[p][k] for p in range(1, item["page"])))
                                          for k in (0, 1)):
                problems.append(f"{label}: printed in full before page {item['page']}")
            for key, phrase in (("deadline", (item["deadline"] or {}).get("text")),
                                ("addressee_text", item["addressee_text"])):
                if not phrase:
                    continue
                if squash(phrase) in wanted:
                    continue
                if item.get("where", "text") != "text" and squash(phrase) in everything:
                    continue
                problems.append(f"{label}: {key} {phrase!r} is not in the item's text")
            if item["addressees"] and not item["addressee_text"]:
                problems.append(f"{label}: addressees without the phrase that names them")
    return problems
