"""Completeness check of one report's items: numbering gaps and duplicates, the count the
report states, items in doubt."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Item


@dataclass(frozen=True)
class ReportCheck:
    report_id: str
    items_found: int
    stated_count: int | None
    stated_text: str | None
    numbering_gaps: tuple[str, ...]
    numbering_duplicates: tuple[str, ...]
    needs_review: bool
    notes: tuple[str, ...]


def check_report(report_id: str, text: str, items: list[Item], notes: list[str], stated_rules) -> ReportCheck:
    stated, stated_text = None, None
    for rule in stated_rules:
        match = rule.regex.search(text)
        if match:
            stated, stated_text = _count_value(match.group("count")), " ".join(match.group(0).split())
            break
    gaps: list[str] = []
    duplicates: list[str] = []
    numbered = [i for i in items if i.number and i.number.isdigit() and i.parent is None]
    shared_series = len({i.number for i in numbered}) == len(numbered)
    # Committee lists number conclusions and recommendations in one series; inspection reports
    # number each kind on its own.
    series = {"all": numbered} if shared_series else {}
    if not shared_series:
        for item in numbered:
            series.setdefault(item.kind, []).append(item)
    for name, members in sorted(series.items()):
        numbers = [i.number for i in members]
        values = sorted(int(n) for n in numbers)
        prefix = "" if name == "all" else f"{name} "
        duplicates += [f"{prefix}{n}" for n in sorted({n for n in numbers if numbers.count(n) > 1}, key=int)]
        if values:
            gaps += [f"{prefix}{n}" for n in range(1, values[-1] + 1) if n not in values]
    recommendations = sum(1 for i in items if i.kind == "recommendation")
    notes = list(notes)
    if stated is not None and stated != recommendations:
        notes.append(f"report states {stated} recommendations, found {recommendations}")
    if gaps:
        notes.append("numbering gaps: " + ", ".join(gaps))
    if duplicates:
        notes.append("duplicate numbers: " + ", ".join(duplicates))
    doubtful = sum(1 for i in items if i.doubts)
    if doubtful:
        notes.append(f"{doubtful} items in doubt")
    needs_review = bool(gaps or duplicates or (stated is not None and stated != recommendations) or doubtful)
    return ReportCheck(
        report_id=report_id, items_found=len(items), stated_count=stated, stated_text=stated_text,
        numbering_gaps=tuple(gaps), numbering_duplicates=tuple(duplicates), needs_review=needs_review,
        notes=tuple(notes),
    )


_COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
}


def _count_value(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text.startswith("twenty-"):
        return 20 + _COUNT_WORDS.get(text.split("-", 1)[1], 0)
    return _COUNT_WORDS.get(text)
