"""Response passages in a response document's text (issue 14): where each answer to an item
starts and ends. Pure, like the rest of pipeline/extract; responses.py links the passages.

The text is read as lines with their layout (indent, box, type); a passage opens at a heading
that names an item (the `marker` rules of rules/stances.jsonl: "Recommendation 3",
"Recommendation:", a numbered paragraph), and the reading that explains more of the document
wins (passage_units).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.models import LineStyle
from pipeline.rules import RuleSet
from pipeline.models import CleanPage
from pipeline.extract.stance import classify, sentences

MIN_BODY = 80  # a passage shorter than this (heading included) is a contents or table line
QUOTE_SCORE = 0.6  # share of an item's words a passage must hold to restate it
QUOTE_RUN = 6  # words in one unbroken run that make overlap a quotation
HEAD_CHARS = 2500  # the part of a passage where the item is restated
OPENING_CHARS = 200  # a passage's opening sentence, at most this long, may restate a part of an item
WORD = re.compile(r"[^\W\d_]{3,}|\d+", re.UNICODE)
_PART = re.compile(r"\d+|[ivx]+(?![a-z])|[a-z]")  # 4a) ii: "4", "a", "ii"; 12e: "12", "e"


@dataclass(frozen=True)
class TextLine:
    page: int
    start: int
    end: int
    text: str
    style: LineStyle | None
    pos: int  # offset in the joined text


def role_rules(rules: RuleSet, role: str) -> tuple:
    return tuple(r for r in rules.of("stances.jsonl") if r.get("role") == role)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def canonical_number(number: str | None) -> str | None:
    """"4a) i." and "4(a)(i)" are one number: "4ai"."""
    if number is None:
        return None
    return "".join(ch for ch in number.lower() if ch.isalnum()) or None


def containment(item_words: set[str], text_words: set[str]) -> float:
    return len(item_words & text_words) / len(item_words) if item_words else 0.0


def passage_words(passage: str) -> tuple[set[str], set[str]]:
    """The words of a passage's head, and of its opening sentence (to the end of the first
    sentence that is more than a heading's number, "3c."), or none where it is too short to tell."""
    cut = next((b for _a, b in sentences(passage[:OPENING_CHARS]) if b >= 40), OPENING_CHARS)
    opening = words(passage[:cut])
    return set(words(passage[:HEAD_CHARS])), set(opening) if len(opening) >= QUOTE_RUN else set()


def restated(item_words: set[str], passage: tuple[set[str], set[str]]) -> float:
    """How far a passage (passage_words) restates an item: the share of the item's words in its
    head, or, for a passage that restates one part of a long item ("4a) i." of recommendation 4),
    the share of its opening words that are the item's."""
    head, opening = passage
    return max(containment(item_words, head), containment(opening, item_words))


def text_lines(pages: tuple[CleanPage, ...]) -> list[TextLine]:
    out, pos = [], 0
    for page in pages:
        offset, styled = 0, 0
        texts = page.text.split("\n")
        use_styles = len(page.layout) == sum(1 for t in texts if t.strip())
        for text in texts:
            style = None
            if text.strip():
                style = page.layout[styled] if use_styles else None
                styled += 1
                out.append(TextLine(page.number, offset, offset + len(text), text, style, pos))
                pos += len(text) + 1
            offset += len(text) + 1
    return out


def line_at(lines: list[TextLine], pos: int) -> TextLine:
    found = lines[0]
    for line in lines:
        if line.pos > pos:
            break
        found = line
    return found


def markers(lines: list[TextLine], rules: RuleSet) -> list[tuple[int, str, str | None, str]]:
    """(line index, style, number, rule id) of every line that may open a passage."""
    contents, markers = role_rules(rules, "contents"), role_rules(rules, "marker")
    found = []
    for index, line in enumerate(lines):
        if any(c.regex.search(line.text) for c in contents):
            continue
        for rule in markers:
            match = rule.regex.search(line.text)
            if not match:
                continue
            if rule.get("heading") and not (line.style and (line.style.bold or line.style.size > 1.1)):
                continue
            found.append((index, str(rule.get("style")), match.group("number"), rule.id))
            break
    return found


def passage_units(lines, joined, candidates, item_words, stances,
                  marker_kinds: dict | None = None) -> list[tuple[int, int, str | None, str | None]]:
    """(first line index, end position, number, rule id) of each passage.

    Two readings are tried, label headings and numbered paragraphs, and the one that explains
    more of the document wins: more passages that restate an item of the report answered (or,
    with no report, whose reply states a stance). A numbered paragraph that does neither is
    narrative and stays inside the passage before it; a label heading with almost nothing under
    it is a contents or summary-table line.
    """
    def spans(chosen):
        out = []
        for k, (index, _style, number, rule_id) in enumerate(chosen):
            end = lines[chosen[k + 1][0]].pos if k + 1 < len(chosen) else len(joined)
            out.append((index, end, number, rule_id))
        return out

    def restates(index, end):
        text = joined[lines[index].pos:end]
        passage = passage_words(text)
        return any(restated(w, passage) >= QUOTE_SCORE for w in item_words.values())

    def answers(index, end):
        body = joined[lines[index].pos + len(lines[index].text):end]
        return any(classify(body[a:], stances, max_sentences=1).stance for a, _b in sentences(body)[:8])

    useful = functools.cache(restates if item_words else answers)  # asked again while ranking
    label = [c for c in candidates if c[1] == "label"]
    labelled = _dedupe([s for s in spans(label) if _body_length(s, joined, lines) >= MIN_BODY], lines, useful,
                       marker_kinds or {})
    numbered = [c for c in candidates if c[1] == "numbered"]
    keep = {s[0] for s in spans(numbered) if useful(s[0], s[1])}
    keep |= _between_siblings(numbered, keep)
    keep -= _headings_over_parts([c for c in numbered if c[0] in keep], lines)
    numbered_units = spans([c for c in numbered if c[0] in keep])
    score_label = sum(1 for s in labelled if useful(s[0], s[1]))
    if len(labelled) >= 2 and score_label >= len(numbered_units):
        return labelled
    if numbered_units:
        return numbered_units
    if not item_words:
        return []
    # no numbering at all: paragraphs that restate an item open passages
    opened = [(i, "quoted", None, None) for i, line in enumerate(lines)
              if (i == 0 or _paragraph_break(lines[i - 1])) and restates(i, len(joined))
              and _restated_here(joined[line.pos:line.pos + HEAD_CHARS // 4], item_words)]
    return spans(opened)


def number_parts(number: str | None) -> tuple[str, ...]:
    """"4a) ii." -> ("4", "a", "ii"): numbers compared part by part, so that "4a) i" is no
    prefix of "4a) ii"."""
    return tuple(_PART.findall((number or "").lower()))


def extends(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return bool(shorter) and len(longer) > len(shorter) and longer[:len(shorter)] == shorter


def _headings_over_parts(chosen, lines) -> set[int]:
    """A numbered heading right over its own parts ("4) Preventing harm" over "4a) i. ..."), or
    over a list of parts printed again below ("7b) Review ..., 7c) Laboratories" over "7b. ...",
    "7c. ..."): the parts are the passages."""
    dropped = set()
    for k, (index, _s, number, _r) in enumerate(chosen[:-1]):
        parts = number_parts(number)
        following = chosen[k + 1]
        near = lines[following[0]].pos - lines[index].pos < MIN_BODY * 2
        again = any(number_parts(c[2]) == parts for c in chosen[k + 1:k + 6])
        if near and (extends(number_parts(following[2]), parts) or again):
            dropped.add(index)
    return dropped


def _between_siblings(numbered, keep: set[int]) -> set[int]:
    """A numbered paragraph between two kept ones of the same list ("6a) ii." between "6a) i."
    and "6a) iii.") is a part of that list even where it restates the item in other words."""
    added = set()
    for k in range(1, len(numbered) - 1):
        before, this, after = numbered[k - 1], numbered[k], numbered[k + 1]
        if this[0] in keep or before[0] not in keep or after[0] not in keep:
            continue
        parts = [number_parts(c[2]) for c in (before, this, after)]
        if all(p for p in parts) and parts[0][:-1] == parts[1][:-1] == parts[2][:-1] and len(parts[1]) > 1:
            added.add(this[0])
    return added


def _contents_like(lines: list[TextLine], index: int) -> bool:
    """A heading whose next line or the one after ends in dot leaders and a page number: a
    contents entry that wrapped (its own line escapes the contents rule)."""
    return any(line.text.rstrip()[-1:].isdigit() and "...." in line.text for line in lines[index:index + 3])


def _body_length(unit, joined, lines) -> int:
    return len(joined[lines[unit[0]].pos:unit[1]].strip())


def _restated_here(text: str, item_words) -> bool:
    head = set(words(text))
    return any(len(w & head) >= min(QUOTE_RUN, len(w)) and containment(w, head) >= 0.3 for w in item_words.values())


def _paragraph_break(line: TextLine) -> bool:
    return line.style is not None and line.style.fill < 0.7


def _dedupe(units, lines, useful, marker_kinds: dict):
    """A number printed twice with a passage under each (a contents line, then the chapter): the
    one that restates the item (or answers it), else the longer."""
    by_number: dict[str, tuple] = {}
    rank = lambda u: (useful(u[0], u[1]), not _contents_like(lines, u[0]), u[1] - lines[u[0]].pos)  # noqa: E731
    for unit in units:
        key = _series_key(unit, marker_kinds)
        if key is None:
            continue
        if key not in by_number or rank(unit) > rank(by_number[key]):
            by_number[key] = unit
    return [u for u in units if _series_key(u, marker_kinds) is None or by_number[_series_key(u, marker_kinds)] is u]


def _series_key(unit, marker_kinds: dict):
    """A number within its series: "Area for improvement 1" and "Recommendation 1" are two."""
    number = canonical_number(unit[2])
    return None if number is None else (marker_kinds.get(unit[3]), number)
