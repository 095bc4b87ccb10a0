"""One item per printed item: a report prints an item more than once (a summary, the chapter, an
annex); the printings are found by number or by text, one is kept, and every item gets an id that
stays the same when the report is extracted again."""
from __future__ import annotations

import hashlib
import re
from difflib import SequenceMatcher

from pipeline.extract.segment import Segment

_KIND_ABBREVIATIONS = {
    "recommendation": "rec", "area_for_improvement": "afi", "cause_of_concern": "coc",
    "matter_of_concern": "moc", "conclusion": "con",
}
_FULL_TEXT_SHARE = 0.85
_COMPARED_CHARS = 300
_SAME_ITEM_SIMILARITY = 0.5
_SUMMARY_SHARE = 0.5


def one_per_printed_item(drafts, asks_for_action, cross_references=()):
    """A summary list and the chapter text print the same item: keep the first full printing. A
    closing list that repeats each item with a pointer to where it was discussed ("(2.15)")
    repeats it: the pointer is no part of what it says."""
    groups: dict[tuple, list[int]] = {}
    for index, (segment, body) in enumerate(drafts):
        for rule in cross_references:
            body = rule.regex.sub("", body)
        groups.setdefault(_identity(segment, body), []).append(index)
    keep: set[int] = set()
    for indexes in groups.values():
        for printings in _same_text(drafts, indexes, asks_for_action):
            longest = max(len(drafts[i][1]) for i in printings)
            chosen = next(i for i in printings if len(drafts[i][1]) >= longest * _FULL_TEXT_SHARE)
            keep.add(chosen)
            for other in printings:
                if other != chosen:
                    _adopt_children(drafts, drafts[other][0], drafts[chosen][0])
    return _numbered_printings([d for i, d in enumerate(drafts) if i in keep])


def _numbered_printings(drafts):
    """An item printed once with its number (a numbered summary list) and once without (a box in
    the chapter) is one item: the first printing stays, with the number."""
    numbered: dict[tuple, int] = {}
    for index, (segment, body) in enumerate(drafts):
        if segment.number:
            numbered.setdefault((segment.kind, _normalise(_first_sentence(body))[:160]), index)
    drop: set[int] = set()
    for index, (segment, body) in enumerate(drafts):
        twin_index = None if segment.number else numbered.get((segment.kind, _normalise(_first_sentence(body))[:160]))
        if twin_index is None or twin_index in drop:
            continue
        twin = drafts[twin_index][0]
        if segment.start < twin.start:
            segment.number, segment.label = twin.number, twin.label
            drop.add(twin_index)
            _adopt_children(drafts, twin, segment)
        else:
            drop.add(index)
            _adopt_children(drafts, segment, twin)
    return [draft for index, draft in enumerate(drafts) if index not in drop]


def _same_text(drafts, indexes: list[int], asks_for_action) -> list[list[int]]:
    """Printings of one number that say the same thing; two different items printed with one
    number stay two (the completeness check flags the duplicate number)."""
    clusters: list[list[int]] = []
    for index in indexes:
        text = _normalise(drafts[index][1])[:_COMPARED_CHARS]
        for cluster in clusters:
            first = _normalise(drafts[cluster[0]][1])[:_COMPARED_CHARS]
            shorter, longer = sorted((len(drafts[index][1]), len(drafts[cluster[0]][1])))
            # "1. Vetting training for officers." in a summary list names the item, it is not another one
            # a list under no heading that numbers the items is their summary, however worded
            summary_entry = shorter < longer * _SUMMARY_SHARE or not (
                asks_for_action(drafts[index][1]) and asks_for_action(drafts[cluster[0]][1])) or (
                drafts[index][0].unheaded_list or drafts[cluster[0]][0].unheaded_list)
            if summary_entry or SequenceMatcher(None, text, first).ratio() >= _SAME_ITEM_SIMILARITY:
                cluster.append(index)
                break
        else:
            clusters.append([index])
    return clusters


def _adopt_children(drafts, old: Segment, new: Segment) -> None:
    for segment, _body in drafts:
        if segment.parent is old:
            segment.parent = new


def _identity(segment: Segment, body: str) -> tuple:
    """Printings of one item: the same kind and number, or unnumbered with the same first sentence
    (a summary may print only that, or the body may run on)."""
    kind = segment.kind
    parent = segment.parent.number if segment.parent is not None else None
    if segment.number:
        return kind, segment.number, parent
    return kind, None, parent, _normalise(_first_sentence(body))[:160]


def _first_sentence(body: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z“‘\"(])", body, maxsplit=1)[0]


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def stable_id(report_id: str, kind: str, segment: Segment, body: str, parent: Segment | None) -> str:
    """The same report, kind and number give the same id on every run."""
    abbreviation = _KIND_ABBREVIATIONS.get(kind, kind[:3])
    scope = ""
    if parent is not None and parent.number:
        scope = f"{_KIND_ABBREVIATIONS.get(parent.kind, parent.kind[:3])}{parent.number}-"
    if segment.number:
        return f"{report_id}-{scope}{abbreviation}{segment.number}"
    # The first sentence, not the whole text: a rules change that lets an item run on (or stop
    # sooner) keeps its id, so a review decision stays attached to it.
    first_sentence = _first_sentence(body)
    digest = hashlib.sha1(_normalise(first_sentence)[:200].encode()).hexdigest()[:8]
    return f"{report_id}-{scope}{abbreviation}-{digest}"


def number_from_titles(drafts, titles: list[Segment]) -> None:
    """A list of numbered titles at the front ("Recommendation 5 – social media") and the items
    printed later without their numbers (in boxes, say): where the titles of a kind run 1 to N
    and N such items of that kind are found, in order, the titles number them."""
    for kind in {t.kind for t in titles}:
        numbers = [t for t in titles if t.kind == kind]
        unnumbered = [segment for segment, _body in drafts if segment.kind == kind and not segment.number]
        numbered = [segment for segment, _body in drafts if segment.kind == kind and segment.number]
        if numbered or len(unnumbered) != len(numbers) or [t.number for t in numbers] != [
                str(n) for n in range(1, len(numbers) + 1)]:
            continue
        for segment, title in zip(unnumbered, numbers):
            segment.number = title.number
            segment.label = (title.label or "").split("–")[0].split(":")[0].strip() or None
