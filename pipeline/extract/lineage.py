"""Lineage: where a later report says whether an earlier item is met, and which item it means.

Pure: a report's pages and the rules in, assessments out (`assessments`); assessments and the
earlier items in, links out (`link`). The caller stores both; a link is a suggestion shown beside
the item's tracking, and nothing here or downstream changes a tracking status.

An assessment is a verdict phrase (rules/verdicts.jsonl, role `verdict`: "This area for
improvement has been met", "Recommendation 2: partially met", "Status: not met") with the
passage it closes: from the last reference to an item by number ("AFI 3", "Recommendation 2",
role `reference`) or the previous verdict, whichever is later, and at most CONTEXT characters
back. It is linked to the earlier item with that kind and number (several such items, in
several earlier reports, are told apart by the passage's text), else to the earlier item whose
text the passage restates (similarity at least the threshold, and clearly ahead of the runner-up).
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.rules import RuleSet
from pipeline.similar import quick, similarity, words

RULE_FILE = "verdicts.jsonl"
CONTEXT = 3000  # characters: a reference further back than this is another passage's
DEFAULT_THRESHOLD = 0.6
MARGIN = 0.05
_JOIN = "\n\n"


@dataclass(frozen=True)
class Assessment:
    page: int
    start: int  # offsets of the verdict phrase in the page's text
    end: int
    verdict: str
    verdict_text: str
    verdict_rule: str
    ref_kind: str | None  # the item the passage names by number, if it does
    ref_number: str | None
    text: str  # the passage the verdict closes, for matching by text


@dataclass(frozen=True)
class EarlierItem:
    id: str
    kind: str
    number: str | None
    text: str


@dataclass(frozen=True)
class Link:
    item_id: str | None
    matched_by: str  # number | number+text | text | unlinked
    score: float | None
    reason: str | None = None  # why unlinked


def _events(text: str, rules: RuleSet) -> tuple[list, list]:
    """(references, verdicts) as (start, end, rule) sorted by position; of overlapping verdicts the
    lowest priority number wins."""
    refs, found = [], []
    for rule in rules.of(RULE_FILE):
        for match in rule.regex.finditer(text):
            if rule.get("role") == "reference":
                refs.append((match.start(), match.end(), rule, match.group("number").lower()))
            else:
                found.append((match.start(), match.end(), rule))
    found.sort(key=lambda v: (v[0], v[2].get("priority") or 99))
    verdicts: list = []
    for verdict in found:
        clash = next((i for i, kept in enumerate(verdicts) if verdict[0] < kept[1] and kept[0] < verdict[1]), None)
        if clash is None:
            verdicts.append(verdict)
        elif (verdict[2].get("priority") or 99) < (verdicts[clash][2].get("priority") or 99):
            verdicts[clash] = verdict
    return sorted(refs, key=lambda r: r[0]), sorted(verdicts, key=lambda v: v[0])


def assessments(pages: tuple[tuple[int, str], ...], rules: RuleSet) -> tuple[Assessment, ...]:
    """Every verdict the report prints, with the item reference and passage before it."""
    starts, parts, offset = [], [], 0
    for number, text in pages:
        starts.append((offset, number))
        parts.append(text)
        offset += len(text) + len(_JOIN)
    document = _JOIN.join(parts)
    refs, verdicts = _events(document, rules)
    out: list[Assessment] = []
    previous_end = 0
    for start, end, rule in verdicts:
        floor = max(previous_end, start - CONTEXT)
        ref = next((r for r in reversed(refs) if floor <= r[0] <= start), None)
        passage_start = ref[0] if ref else floor
        page, page_offset = _page_of(starts, start)
        out.append(Assessment(
            page=page, start=start - page_offset, end=end - page_offset, verdict=str(rule.get("verdict")),
            verdict_text=" ".join(document[start:end].split()).lstrip(":-\u2013\u2014 "), verdict_rule=rule.id,
            ref_kind=str(ref[2].get("kind")) if ref else None, ref_number=ref[3] if ref else None,
            text=" ".join(document[passage_start:start].split()),
        ))
        previous_end = end
    return tuple(out)


def _page_of(starts: list[tuple[int, int]], position: int) -> tuple[int, int]:
    page, page_offset = starts[0][1], 0
    for offset, number in starts:
        if offset > position:
            break
        page, page_offset = number, offset
    return page, page_offset


def _number(value: str | None) -> str:
    tokens = (value or "").split()
    return tokens[-1].strip(".:;,()[]").lower() if tokens else ""


def link(found: tuple[Assessment, ...], items: tuple[EarlierItem, ...],
         threshold: float = DEFAULT_THRESHOLD) -> tuple[Link, ...]:
    """Each assessment's earlier item, or why none: `items` are the earlier reports' items only
    (the caller leaves out the assessing report's own and later reports')."""
    index = [(item, set(words(item.text)), _number(item.number)) for item in items]
    postings: dict[str, list[int]] = {}
    for position, (_item, item_words, _n) in enumerate(index):
        for word in item_words:
            postings.setdefault(word, []).append(position)
    return tuple(_link_one(a, index, threshold, postings) for a in found)


def _link_one(assessment: Assessment, index: list, threshold: float, postings: dict[str, list[int]]) -> Link:
    if assessment.ref_kind:
        numbered = [e for e in index if e[2] == assessment.ref_number and e[0].kind == assessment.ref_kind]
        label = f"{assessment.ref_kind.replace('_', ' ')} {assessment.ref_number}"
        if len(numbered) == 1:
            item = numbered[0][0]
            score = similarity(assessment.text, item.text) if words(assessment.text) else None
            return Link(item.id, "number", score)
        if numbered:
            best = _best(assessment.text, numbered, threshold)
            if best.item_id:
                return Link(best.item_id, "number+text", best.score)
            return Link(None, "unlinked", best.score,
                        f"{label} is {len(numbered)} earlier items and the passage tells none apart ({best.reason})")
        by_text = _best(assessment.text, index, threshold, postings)
        if by_text.item_id:
            return by_text
        return Link(None, "unlinked", by_text.score, f"no earlier {label}; {by_text.reason}")
    return _best(assessment.text, index, threshold, postings)


def _best(text: str, index: list, threshold: float, postings: dict[str, list[int]] | None = None,
          shortlist: int = 8) -> Link:
    """The entry of `index` whose text is most like `text`; `postings` (word -> positions in the
    index) narrows the shortlist to items sharing a word, so a whole archive is not scanned."""
    wanted = set(words(text))
    if not wanted:
        return Link(None, "unlinked", None, "no passage to match on")
    if postings is not None:
        sharing = sorted({p for word in wanted for p in postings.get(word, ())})
        index = [index[p] for p in sharing]
    short = sorted(index, key=lambda entry: -quick(wanted, entry[1]))[:shortlist]
    scored = sorted(((similarity(text, entry[0].text), entry[0].id) for entry in short), key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < threshold:
        return Link(None, "unlinked", scored[0][0] if scored else None,
                    f"no earlier item's text is similar enough (threshold {threshold:.2f})")
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
        return Link(None, "unlinked", scored[0][0], f"the passage is like {scored[0][1]} and {scored[1][1]} alike")
    return Link(scored[0][1], "text", scored[0][0])
