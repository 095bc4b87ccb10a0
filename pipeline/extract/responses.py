"""Responses linked to the items they answer (issue 14): pure, pages and items in, links out.

A response document (a government response to an inquiry or a committee, a PCC's comments on an
inspection, a force's action plan) answers another report's items one by one. Each answer is a
*passage*: a heading that names the item ("Recommendation 3", "Recommendation:", a numbered
paragraph restating it), usually the item restated, then the reply ("Response:", "Government
response to recommendation 3", or straight after the restated text). Structure comes first,
wording last:

1. Which report does the document answer? The report its title names ("Government response to
   the ... Inquiry report"), else the stored report whose items the document quotes most.
2. Passages: label headings when the document has at least two ("Recommendation 3",
   "Recommendation:"); else numbered paragraphs that restate an item of that report (a numbered
   paragraph that restates nothing is narrative); else paragraphs that restate an item.
3. Each passage is linked to an item by its number, checked against the restated text (a
   chapter number that is not the item's gives way to a clear quote), else by the quote, else by
   word overlap (`method`: number, quote or similarity, with the score).
4. Its stance comes from the first sentences of the reply (stance.py).

A document with no recognisable numbering, or none of whose passages can be linked, says so in
`problems`: never a silent miss. Finding the passages (step 2) is passages.py; stances stance.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import Match, SequenceMatcher

from pipeline.models import Problem
from pipeline.rules import RuleSet
from pipeline.models import CleanPage
from pipeline.extract.passages import (
    HEAD_CHARS, QUOTE_RUN, QUOTE_SCORE, WORD, TextLine, canonical_number, containment, extends, line_at, markers,
    number_parts, passage_units, passage_words, restated, role_rules, text_lines, words,
)
from pipeline.extract.stance import Stance, classify, sentences, stance_rules

SIMILAR_SCORE = 0.35  # below this nothing is linked
NUMBER_CHECK = 0.25  # a passage numbered like an item but holding less of it gives way to a quote
REGION_GAP = 8  # words not the item's that end the restated item
SET_IN = 3.0  # points: a heading set in this far from the text's edge sets its block apart


@dataclass(frozen=True)
class ItemRef:
    id: str
    report_id: str
    kind: str
    number: str | None
    text: str


@dataclass(frozen=True)
class ReportRef:
    id: str
    title: str | None
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class ResponseDocument:
    report_id: str
    title: str | None
    pages: tuple[CleanPage, ...]


@dataclass(frozen=True)
class Pairing:
    report_id: str | None
    method: str | None  # "title", "similarity", or None where no stored report is answered
    score: float
    evidence: str | None


@dataclass(frozen=True)
class ResponseLink:
    seq: int
    number: str | None  # as printed in the response document
    label: str  # the heading line as printed
    page: int
    page_end: int
    start: int  # offset in the start page's text
    end: int  # offset in the end page's text
    quote: str  # the item as the document restates it ("" where it does not)
    text: str  # the reply
    stance: Stance
    marker_rule: str | None
    item_id: str | None
    method: str | None  # "number", "quote", "similarity", None when unlinked
    score: float


@dataclass(frozen=True)
class ResponseResult:
    report_id: str
    pairing: Pairing
    responses: tuple[ResponseLink, ...]
    problems: tuple[Problem, ...]


def is_response_document(family: str | None, rules: RuleSet) -> bool:
    return any(r.regex.search(family or "") for r in role_rules(rules, "document"))


def link_responses(document: ResponseDocument, reports: tuple[ReportRef, ...], rules: RuleSet) -> ResponseResult:
    lines = text_lines(document.pages)
    joined = "\n".join(line.text for line in lines)
    candidates = markers(lines, rules)
    pairing = _pair(document, reports, joined, role_rules(rules, "names_report"))
    report = next((r for r in reports if r.id == pairing.report_id), None)
    items = report.items if report else ()
    item_words = {item.id: set(words(item.text)) for item in items}
    # "Area for improvement 2" is not "Recommendation 2": a marker that names a kind links within it
    marker_kinds = {rule.id: rule.get("kind") for rule in role_rules(rules, "marker")}
    units = passage_units(lines, joined, candidates, item_words, stance_rules(rules), marker_kinds)
    labels = role_rules(rules, "response_label")
    stances = stance_rules(rules)
    links = []
    for seq, (line_index, end_pos, number, rule_id) in enumerate(units, start=1):
        first = lines[line_index]
        body = joined[first.pos:end_pos]
        kind = marker_kinds.get(rule_id)
        item, method, score, quote_end = _link(body, number, tuple(i for i in items if kind in (None, i.kind)) or items,
                                                item_words)
        reply_at = _reply_start(body, first.text, _set_apart_end(lines, line_index, end_pos), quote_end, labels, stances)
        quote, reply = body[len(first.text):reply_at].strip() if reply_at else "", body[reply_at:].strip()
        last = line_at(lines, first.pos + max(len(body.rstrip()) - 1, 0))
        links.append(ResponseLink(
            seq=seq, number=number, label=first.text.strip(), page=first.page, page_end=last.page,
            start=first.start, end=last.start + min(len(last.text), first.pos + len(body.rstrip()) - last.pos),
            quote=" ".join(quote.split()), text=reply, stance=classify(reply, stances), marker_rule=rule_id,
            item_id=item.id if item else None, method=method, score=round(score, 3),
        ))
    links = _group_replies(links)
    return ResponseResult(document.report_id, pairing, tuple(links), _problems(links, pairing, candidates))


def _pair(document: ResponseDocument, reports: tuple[ReportRef, ...], joined: str, title_rules) -> Pairing:
    """The report the document answers: named in its title, else the one whose items it restates."""
    if not reports:
        return Pairing(None, None, 0.0, None)
    cover = document.pages[0].text[:600] if document.pages else ""
    for where, text in (("title", document.title or ""), ("cover", cover)):
        found = _named_report(" ".join(text.split()), reports, title_rules)
        if found:
            score, report = found
            return Pairing(report.id, "title", round(score, 3), f"its {where} names {report.title!r}")
    # by the items it restates word for word: shared words alone would pair any two long reports
    shingles = _shingles(words(joined))
    scored = []
    for report in reports:
        quoted = sum(1 for item in report.items if _quoted(item.text, shingles))
        scored.append((quoted / len(report.items) if report.items else 0.0, quoted, report))
    share, quoted, report = max(scored, key=lambda s: (s[0], s[1]))
    if quoted >= 2 and share >= 0.3:
        return Pairing(report.id, "similarity", round(share, 3),
                       f"restates {quoted} of the {len(report.items)} items of {report.title!r}")
    return Pairing(None, None, round(share, 3), None)


SHINGLE = 8  # words in a row that, shared, make text a quotation rather than a shared vocabulary


def _shingles(sequence: list[str]) -> set[tuple[str, ...]]:
    return {tuple(sequence[k:k + SHINGLE]) for k in range(max(len(sequence) - SHINGLE + 1, 0))}


def _quoted(text: str, shingles: set[tuple[str, ...]]) -> bool:
    """Half of an item's runs of eight words are in the document (a restated item, or a part of it)."""
    own = _shingles(words(text))
    return bool(own) and len(own & shingles) / len(own) >= 0.5


def _named_report(title: str, reports, title_rules) -> tuple[float, ReportRef] | None:
    """The report a title names ("Government response to the X"): the name holds the report's
    title (of at least four words) or the report's title holds the name."""
    best: tuple[float, ReportRef] | None = None
    for rule in title_rules:
        found = rule.regex.search(title)
        if not found:
            continue
        name = set(words(found.group("name")))
        for report in reports:
            title_words = set(words(report.title or ""))
            score = max(containment(name, title_words), containment(title_words, name) if len(title_words) >= 4 else 0.0)
            if score >= 0.8 and (best is None or score > best[0]):
                best = (score, report)
    return best


def _link(body: str, number: str | None, items, item_words):
    """(item, method, score, end of the restated text in body or None)."""
    if not items:
        return None, None, 0.0, None
    head_text = body[:HEAD_CHARS]
    passage = passage_words(body)
    scores = {item.id: restated(item_words[item.id], passage) for item in items}
    best = max(items, key=lambda i: (scores[i.id], -len(i.text)))
    key = canonical_number(number)
    numbered = [i for i in items if key and canonical_number(i.number) == key] or _parents(key, items)
    if numbered:
        chosen = max(numbered, key=lambda i: scores[i.id])
        if scores[chosen.id] >= NUMBER_CHECK or scores[best.id] < QUOTE_SCORE:
            return chosen, "number", scores[chosen.id], _quote_end(head_text, chosen.text)
    if scores[best.id] < SIMILAR_SCORE:
        return None, None, scores[best.id], None
    end, run = _quote_end(head_text, best.text, with_run=True)
    method = "quote" if scores[best.id] >= QUOTE_SCORE and run >= QUOTE_RUN else "similarity"
    return best, method, scores[best.id], end


def _parents(key: str | None, items) -> list[ItemRef]:
    """A reply to "4a) i." where the report's items are whole recommendations: item 4 (the
    longest item number that the passage's number extends past its digits)."""
    if not key:
        return []
    parts = number_parts(key)
    found = [i for i in items if extends(parts, number_parts(i.number))]
    longest = max(len(number_parts(i.number)) for i in found) if found else 0
    return [i for i in found if len(number_parts(i.number)) == longest]


def _quote_end(head_text: str, item_text: str, with_run: bool = False):
    """Where the restated item ends in head_text (character offset), from the word runs it shares
    with the item; and the longest run."""
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in WORD.finditer(head_text)]
    target = words(item_text)
    matcher = SequenceMatcher(None, [s[2] for s in spans], target, autojunk=False)
    blocks = _restated_region([b for b in matcher.get_matching_blocks() if b.size >= 3])
    run = max((b.size for b in blocks), default=0)
    end = spans[blocks[-1].a + blocks[-1].size - 1][1] if blocks else None
    if end is not None:
        # the restated item runs on to the end of its sentence (a paragraph reference "(113.6)")
        stop = head_text.find("\n", end)
        tail = head_text[end:stop if stop >= 0 else len(head_text)]
        if len(tail) < 40:
            end += len(tail)
    return (end, run) if with_run else end


def _restated_region(blocks: list[Match]) -> list[Match]:
    """The runs of the restated item, from the passage's start until a stretch of words that are
    not the item's: the reply may reuse the item's phrases further down, which restate nothing."""
    region: list[Match] = []
    for block in blocks:
        if region and block.a - (region[-1].a + region[-1].size) > REGION_GAP:
            break
        if not region and block.a > REGION_GAP * 3:
            break
        region.append(block)
    return region


def _set_apart_end(lines: list[TextLine], index: int, end_pos: int) -> int | None:
    """Where a heading and the item restated under it, set in from the text or printed in a box,
    give way to the reply in body type (offset from the heading's start); None where the heading
    is not set apart."""
    first = lines[index]
    style = first.style
    if style is None or (style.box is None and style.indent < SET_IN):
        return None
    for line in lines[index + 1:]:
        if line.pos >= end_pos:
            return None
        if line.style is None:
            return None
        inside = (line.style.box == style.box) if style.box is not None else line.style.indent >= style.indent - 1
        if not inside:
            return line.pos - first.pos
    return None


def _reply_start(body: str, first_line: str, set_apart: int | None, quote_end: int | None, labels,
                 stances) -> int | None:
    """Where the reply begins: after a "Response:" label, else after the heading and restated
    item set apart from the text, else after the restated item, else at the first sentence that
    states a stance, else after the heading's paragraph."""
    pos = 0
    for text in body.split("\n"):
        if pos > 0:
            for label in labels:
                found = label.regex.search(text)
                if found:
                    return pos + found.end()
        pos += len(text) + 1
    start = len(first_line)
    stated = next((start + a for a, _b in sentences(body[start:])[:12]
                   if classify(body[start + a:], stances, max_sentences=1).stance), None)
    for found in (set_apart, quote_end):
        if found is not None:
            # a stance stated inside the set-apart block or the restated words opens the reply
            return min(found, stated) if stated is not None and stated >= start else found
    return stated if stated is not None else start


def _group_replies(links: list[ResponseLink]) -> list[ResponseLink]:
    """Items restated one after another and answered together ("These recommendations are
    accepted in principle"): a passage with no reply of its own takes the next passage's stance."""
    out = list(links)
    for k in range(len(out) - 2, -1, -1):
        if not out[k].text.strip() and out[k + 1].stance.stance:
            out[k] = _replace(out[k], stance=out[k + 1].stance)
    return out


def _replace(link: ResponseLink, **changes) -> ResponseLink:
    from dataclasses import replace

    return replace(link, **changes)


def _problems(links: list[ResponseLink], pairing: Pairing, candidates) -> tuple[Problem, ...]:
    problems = []
    if not links:
        problems.append(Problem("response_no_passages", "no response passage recognised: no heading names an "
                                "item (\"Recommendation 3\", \"Recommendation:\"), no numbered paragraph or "
                                "paragraph restates one"))
    elif all(link.number is None for link in links):
        problems.append(Problem("response_unnumbered", f"no recognisable numbering: {len(links)} passages "
                                "found by their restated text only"))
    if pairing.report_id is None:
        problems.append(Problem("response_no_report", "the report this document answers is not in the "
                                "database: its responses are kept unlinked, with their numbers"))
    else:
        unlinked = [link.number or f"#{link.seq}" for link in links if link.item_id is None]
        if unlinked:
            problems.append(Problem("response_unlinked", f"{len(unlinked)} passages linked to no item: "
                                    + ", ".join(unlinked[:20])))
    return tuple(problems)
