"""Self-check: re-read each PDF and confirm every gold text is printed on its gold page(s).

Small print (running headers, footers, footnotes and their markers) is dropped first. A text passes
"strongly" when its words appear in a row, "weakly" when they appear in order with short gaps (two
columns, table cells and bullets interleave lines); it must not be printed in full on an earlier page.
"""
from __future__ import annotations

import json
from pathlib import Path

import pdfplumber

from .kit import SMALL

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "\xad": ""})
_GAP = 90


def _norm(word: str) -> str:
    return word.translate(_QUOTES).lower().replace("-", "")


def page_tokens(page) -> list[str]:
    body = page.filter(lambda o: o.get("object_type") != "char" or o.get("size", 99) >= SMALL)
    words = body.extract_words(use_text_flow=False, keep_blank_chars=False)
    tokens: list[str] = []
    joining = False
    for i, w in enumerate(words):
        text = w["text"].translate(_QUOTES)
        nxt = words[i + 1] if i + 1 < len(words) else None
        broken = text.endswith("-") and len(text) > 1 and nxt is not None and abs(nxt["top"] - w["top"]) > 2
        piece = text[:-1] if broken else text
        if joining and tokens:
            tokens[-1] += _norm(piece)
        else:
            tokens.append(_norm(piece))
        joining = broken
    return [t for t in tokens if t]


def _contiguous(needle: list[str], hay: list[str]) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def _ordered(needle: list[str], hay: list[str]) -> bool:
    starts = [i for i, t in enumerate(hay) if t == needle[0]]
    for s in starts:
        pos, ok = s, True
        for word in needle[1:]:
            window = hay[pos + 1:pos + 1 + _GAP]
            if word not in window:
                ok = False
                break
            pos = pos + 1 + window.index(word)
        if ok:
            return True
    return False


def check(out: Path) -> tuple[int, int, list[str]]:
    strong = weak = 0
    problems: list[str] = []
    for gold in sorted((out / "gold").glob("*.jsonl")):
        rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        with pdfplumber.open(out / "pdf" / f"{gold.stem}.pdf") as pdf:
            pages = [page_tokens(p) for p in pdf.pages]
        for row in rows:
            needle = [_norm(w) for w in row["text"].translate(_QUOTES).split()]
            needle = [w for w in needle if w]
            hay = [t for p in pages[row["page"] - 1:row["page_end"]] for t in p]
            where = f"{gold.stem} p{row['page']}: {row['text'][:70]}"
            if _contiguous(needle, hay):
                strong += 1
            elif _ordered(needle, hay):
                weak += 1
            else:
                problems.append("not on its page: " + where)
                continue
            if not _ordered(needle[:6], pages[row["page"] - 1]):
                problems.append("does not start on its page: " + where)
            for earlier in range(row["page"] - 1):
                if _ordered(needle, pages[earlier]):
                    problems.append(f"already printed in full on page {earlier + 1}: " + where)
                    break
    return strong, weak, problems
