"""Scoring an export against a generated corpus's gold, style by style."""
from __future__ import annotations

import json
from collections import defaultdict

from pipeline.evaluate import Score, score_report


def rows_by_file(jsonl: str) -> dict[str, list[dict]]:
    """Export rows (`hmicfrs export --format jsonl` output) grouped by report file name."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for line in jsonl.splitlines():
        if line.strip().startswith("{"):
            row = json.loads(line)
            grouped[row["report"]["file"]].append(row)
    return grouped


def score_styles(variants, exported: dict[str, list[dict]]) -> dict[str, Score]:
    """One Score per style, adding up its variants; a report missing from the export finds nothing."""
    scores: dict[str, Score] = {}
    for variant in variants:
        score = score_report(list(variant.rows), exported.get(variant.pdf.name, []))
        score.misses = [f"{variant.stem}: {miss}" for miss in score.misses]
        scores.setdefault(variant.style, Score()).add(score)
    return scores
