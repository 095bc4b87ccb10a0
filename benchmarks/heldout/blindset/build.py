"""Write the held-out set: every report's PDF, its gold JSONL (from the same items that were
printed, with the pages the build recorded) and a manifest naming each report's family."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

from . import committee, custody, fire, followup, force, national, national2
from .kit import Item, PassInfo, Plan

WRITERS: list[Callable[[int], Plan]] = (
    national.WRITERS + national2.WRITERS + force.WRITERS + fire.WRITERS + custody.WRITERS + followup.WRITERS
    + committee.WRITERS
)


def gold_row(plan: Plan, item: Item, pages: dict[str, tuple[int, int]], sha256: str) -> dict:
    first, last = pages[item.key]
    return {
        "id": item.key,
        "report": {"file": f"{plan.stem}.pdf", "sha256": sha256, "title": plan.title, "published": plan.published},
        "kind": item.kind,
        "number": item.number,
        "label": item.label,
        "parent": item.parent,
        "text": item.text,
        "addressees": list(item.addressees),
        "addressee_text": item.addressee_text,
        "deadline": {"kind": item.deadline.kind, "date": item.deadline.date, "text": item.deadline.text},
        "page": first,
        "page_end": last,
    }


def build(out: Path, seed: int, only: set[str] | None = None) -> list[tuple[Plan, PassInfo]]:
    out = Path(out)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    built = []
    manifest = {}
    for writer in WRITERS:
        plan = writer(seed)
        if only and plan.stem not in only:
            continue
        pdf = out / f"{plan.stem}.pdf"
        info = plan.render(str(pdf))
        pages = info.pages
        missing = [item.key for item in plan.items if item.key not in pages]
        if missing:
            raise RuntimeError(f"{plan.stem}: items never drawn: {missing}")
        sha256 = hashlib.sha256(pdf.read_bytes()).hexdigest()
        rows = [gold_row(plan, item, pages, sha256) for item in plan.items]
        (out / "gold" / f"{plan.stem}.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
        manifest[plan.stem] = {"family": plan.family, "items": len(rows), "pages": info.total}
        built.append((plan, info))
    (out / "manifest.json").write_text(json.dumps({"seed": seed, "reports": manifest}, indent=2) + "\n", encoding="utf-8")
    return built
