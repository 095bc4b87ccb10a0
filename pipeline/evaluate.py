"""Compare extracted items with gold JSONL files (one per PDF, contract fields).

Items are matched by kind and number where the gold item is numbered, else by the most similar
text of the same kind. Precision and recall count matched items; the other figures are the share of
matched items whose field is exactly right. A gold report whose PDF is not in the database is
named and left out; when none is there nothing is scored and `evaluate` raises, so an empty
database can never pass as a perfect score.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from pipeline.errors import PipelineError

_TEXT_MATCH = 0.6
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


class GoldError(PipelineError):
    code = "gold"


class NothingScored(GoldError):
    """None of the gold's reports is in the database: any figure would be made up."""

    code = "nothing_scored"


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=lambda: {k: 0 for k in FIELDS})
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched
        for key in FIELDS:
            self.right[key] += other.right[key]
        self.misses += other.misses

    def as_dict(self) -> dict:
        ratio = lambda n, d: round(n / d, 4) if d else 1.0  # noqa: E731
        result = {
            "gold": self.gold, "found": self.found, "matched": self.matched,
            "recall": ratio(self.matched, self.gold), "precision": ratio(self.matched, self.found),
        }
        for key in FIELDS:
            result[key] = ratio(self.right[key], self.matched)
        return result


FIELDS: tuple[str, ...] = ("kind_number", "text", "page", "addressees", "deadline", "parent")


def normalise_text(text: str | None) -> str:
    text = (text or "").translate(_QUOTES)
    return " ".join(text.split()).strip().lower()


@dataclass
class Evaluation:
    overall: Score
    reports: dict[str, Score]  # gold file stem -> its score, for the reports found in the database
    missing: list[str]  # gold file stems whose PDF is not in the database

    @property
    def scored(self) -> int:
        return len(self.reports)


def evaluate(gold: dict[str, list[dict]], found_for: Callable[[str], list[dict] | None],
             where: str = "the database") -> Evaluation:
    """Score each gold report against what `found_for(stem)` returns (None: not in the database)."""
    if not gold:
        raise NothingScored("no gold reports to score (no *.jsonl files)")
    overall, reports, missing = Score(), {}, []
    for stem, gold_items in gold.items():
        found = found_for(stem)
        if found is None:
            missing.append(stem)
            continue
        reports[stem] = score_report(gold_items, found)
        overall.add(reports[stem])
    if not reports:
        examples = ", ".join(f"{stem}.pdf" for stem in missing[:3]) + (", ..." if len(missing) > 3 else "")
        raise NothingScored(
            f"none of the {len(missing)} gold reports is in {where} ({examples}): ingest their PDFs first"
        )
    return Evaluation(overall=overall, reports=reports, missing=missing)


def load_gold(directory: Path) -> dict[str, list[dict]]:
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldError(f"no gold folder at {directory}")
    gold: dict[str, list[dict]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
        gold[path.stem] = rows
    return gold


def score_report(gold_items: list[dict], found_items: list[dict]) -> Score:
    score = Score(gold=len(gold_items), found=len(found_items))
    pairs = _match(gold_items, found_items)
    gold_key_to_found = {g.get("id"): f for g, f in pairs}
    for gold_item, found in pairs:
        score.matched += 1
        checks = {
            "kind_number": gold_item.get("kind") == found.get("kind") and (gold_item.get("number") or None) == (found.get("number") or None),
            "text": normalise_text(gold_item.get("text")) == normalise_text(found.get("text")),
            "page": gold_item.get("page") == found.get("page"),
            "addressees": list(gold_item.get("addressees") or []) == list(found.get("addressees") or []),
            "deadline": _deadline(gold_item) == _deadline(found),
            "parent": _parent_ok(gold_item, found, gold_key_to_found),
        }
        for key, ok in checks.items():
            score.right[key] += int(ok)
            if not ok and key == "text":
                score.misses.append(f"{_label(gold_item)}: text: {word_diff(gold_item.get('text'), found.get('text'))}")
            elif not ok:
                score.misses.append(f"{_label(gold_item)}: {key}: gold {_show(gold_item, key)} / found {_show(found, key)}")
    matched_found = {id(f) for _g, f in pairs}
    matched_gold = {id(g) for g, _f in pairs}
    score.misses += [f"missed: {_label(g)}: {g.get('text', '')[:80]}" for g in gold_items if id(g) not in matched_gold]
    score.misses += [f"invented: {_label(f)}: {f.get('text', '')[:80]}" for f in found_items if id(f) not in matched_found]
    return score


def word_diff(gold: str | None, found: str | None, context: int = 4) -> str:
    """Where two texts differ, word by word: "... should [-train-] {+brief+} their officers ...".

    Words are compared as the text check compares them (case, quotes, dashes and spacing do not
    count); each change is shown with `context` words either side, and the unchanged stretches
    between changes are cut to "...". The words shown are the ones printed.
    """
    old, new = (gold or "").split(), (found or "").split()
    matcher = SequenceMatcher(None, [normalise_text(w) for w in old], [normalise_text(w) for w in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            if first and last:
                return "(no difference in the words)"
            head = [] if first else words[:context]
            tail = [] if last else words[-context:]
            if len(words) > len(head) + len(tail):
                parts += head + ["..."] + tail
            else:
                parts += words
            continue
        if tag in ("delete", "replace"):
            parts.append("[-" + " ".join(old[i1:i2]) + "-]")
        if tag in ("insert", "replace"):
            parts.append("{+" + " ".join(new[j1:j2]) + "+}")
    return " ".join(parts)


def _match(gold_items: list[dict], found_items: list[dict]) -> list[tuple[dict, dict]]:
    pairs = []
    free = list(found_items)
    for gold_item in gold_items:
        if gold_item.get("number"):
            hit = next(
                (f for f in free if f.get("kind") == gold_item.get("kind") and f.get("number") == gold_item.get("number")
                 and _similar(gold_item, f) >= 0.3),
                None,
            )
            if hit:
                pairs.append((gold_item, hit))
                free.remove(hit)
    for gold_item in gold_items:
        if any(g is gold_item for g, _f in pairs):
            continue
        best, best_ratio = None, _TEXT_MATCH
        for candidate in free:
            ratio = _similar(gold_item, candidate)
            if ratio >= best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None:
            pairs.append((gold_item, best))
            free.remove(best)
    return pairs


def _similar(a: dict, b: dict) -> float:
    return SequenceMatcher(None, normalise_text(a.get("text"))[:600], normalise_text(b.get("text"))[:600]).ratio()


def _deadline(item: dict) -> tuple:
    deadline = item.get("deadline") or {}
    return deadline.get("kind") or "none", deadline.get("date")


def _parent_ok(gold_item: dict, found: dict, gold_key_to_found: dict) -> bool:
    gold_parent = gold_item.get("parent")
    if not gold_parent:
        return not found.get("parent")
    parent = gold_key_to_found.get(gold_parent)
    return parent is not None and parent.get("id") == found.get("parent")


def _label(item: dict) -> str:
    head = " ".join((item.get("text") or "")[:30].split())
    return f"{item.get('kind')} {item.get('number') or head}"


def _show(item: dict, key: str) -> str:
    if key == "kind_number":
        return f"{item.get('kind')} {item.get('number')}"
    if key == "deadline":
        return str(_deadline(item))
    if key == "text":
        return repr((item.get("text") or "")[:160])
    return repr(item.get(key))
