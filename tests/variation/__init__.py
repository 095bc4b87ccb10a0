"""A generated corpus of HMICFRS-style reports in many house styles, each PDF with exact gold.

    from variation import build_corpus
    variants = build_corpus(Path("out"), seed=0, per_style=2)

writes out/<style>_<n>.pdf and out/gold/<style>_<n>.jsonl (export-contract fields). The same seed
gives byte-identical files. A style is one layout choice (STYLES); its variants vary the report's
scope (national, one force, one fire and rescue service, a custody suite), typography and wordings.
Styles and wordings in heldout.py are kept out of tuning.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .draft import Draft
from .engine import Flow, Placed, finish
from .gold import GoldError, gold_rows, words_in
from .heldout import HELD_OUT_STYLES, HELD_OUT_WORDINGS
from .render import draw
from .styles_layout import custody_joint, margin_paragraph, shaded_box, sidebar_columns, summary_repeat, table
from .styles_lists import heading_per_item, list_report, marker_family, narrative_gap, no_should, typeface

__all__ = ["STYLES", "HELD_OUT_STYLES", "HELD_OUT_WORDINGS", "Variant", "GoldError", "build_corpus",
           "build_variant", "words_in"]

ALL = ("national", "force", "service")


def _markers(style: str) -> Callable[[Draft], None]:
    return lambda draft: list_report(draft, marker_family(style, draft))


# style name -> (what writes the report's content, the report scopes its variants take in turn)
STYLES: dict[str, tuple[Callable[[Draft], None], tuple[str, ...]]] = {
    "heading_plain": (lambda draft: list_report(draft, None), ("national", "force", "service", "fire_national")),
    "heading_per_item": (heading_per_item, ALL),
    "bullet_dot": (_markers("bullet_dot"), ("force", "national", "service")),
    "bullet_dash": (_markers("bullet_dash"), ("national", "service", "force")),
    "bullet_shape": (_markers("bullet_shape"), ("force", "national", "service")),
    "numbered_dot": (_markers("numbered_dot"), ("national", "force", "fire_national")),
    "numbered_paren": (_markers("numbered_paren"), ("national", "service")),
    "lettered": (_markers("lettered"), ("national", "force")),
    "roman": (_markers("roman"), ("national", "service")),
    "margin_paragraph": (margin_paragraph, ("national", "force")),
    "custody_joint": (custody_joint, ("custody",)),
    "shaded_box": (shaded_box, ("national", "force", "service")),
    "sidebar_columns": (sidebar_columns, ("force", "national", "service")),
    "summary_repeat": (summary_repeat, ("national", "force")),
    "table": (table, ("national", "fire_national")),
    "no_should": (no_should, ("force", "service")),
    "narrative_gap": (narrative_gap, ("force", "national", "service")),
    "typeface_bold": (lambda draft: typeface(draft, "bold"), ("national", "fire_national")),
    "typeface_italic": (lambda draft: typeface(draft, "italic"), ("national", "fire_national")),
}
PAGES = (3, 10)
ITEMS = (5, 15)


@dataclass(frozen=True)
class Variant:
    stem: str
    style: str
    scope: str
    held_out: bool
    pdf: Path
    gold: Path
    rows: tuple[dict, ...]
    pages: int
    lines: dict[str, list[Placed]]  # gold id -> the lines its first printing was drawn on
    wordings: frozenset[str]  # the addressee and deadline wording keys its items use


def build_variant(out_dir: Path, style: str, index: int, seed: int = 0) -> Variant:
    make, scopes = STYLES[style]
    rng = random.Random(f"{seed}:{style}:{index}")
    draft = Draft(rng, style, scopes[index % len(scopes)], style in HELD_OUT_STYLES, index)
    make(draft)
    flow = Flow(draft.house)
    flow.run(draft.blocks)
    finish(flow, draft.house)
    stem = f"{style}_{index + 1}"
    if not PAGES[0] <= len(flow.pages) <= PAGES[1] or not ITEMS[0] <= len(draft.specs) <= ITEMS[1]:
        raise GoldError(f"{stem} (seed {seed}): {len(flow.pages)} pages, {len(draft.specs)} items")
    pdf = Path(out_dir) / f"{stem}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    draw(pdf, flow, draft.house, {"title": draft.title, "style": style, "cover": draft.cover,
                                  "band": rng.random() < 0.5})
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    rows, lines = gold_rows(draft, flow, pdf.name, digest)
    for item in draft.expect_split:
        if lines[item][0].page == lines[item][-1].page:
            raise GoldError(f"{stem} (seed {seed}): the box of {item} was meant to run over a page break")
    gold = Path(out_dir) / "gold" / f"{stem}.jsonl"
    gold.parent.mkdir(parents=True, exist_ok=True)
    gold.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return Variant(stem, style, draft.scope, draft.held_out, pdf, gold, tuple(rows), len(flow.pages), lines,
                   frozenset(draft.words.used))


def build_corpus(out_dir: Path, seed: int = 0, per_style: int = 2, styles: tuple[str, ...] | None = None) -> list[Variant]:
    return [build_variant(out_dir, style, index, seed) for style in (styles or tuple(STYLES)) for index in range(per_style)]
