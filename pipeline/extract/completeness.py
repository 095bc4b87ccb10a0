"""Completeness check of one report's items: is the report in doubt?

A report is in doubt (`ReportCheck.problems`) when an HMICFRS report yields no items, a heading
that promises items yields none, its numbering has gaps or duplicates, or a count it states for a
kind of item differs from the count found for that kind. Items in doubt and deliberate "no items"
decisions (a template, a family that restates other reports) stay notes.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from pipeline.models import Item, Problem, Suspect, kind_words
from pipeline.rules import Rule
from pipeline.extract.document_text import DocLine, DocumentText
from pipeline.extract.lines import heading_level, outranks

_TITLE_LENGTH = 100
_REPRINT_CHARS = 40  # an item's last characters, found again under a heading: a reprint of it
_SENTENCE_WORDS = 8
_CONTENTS_SHARE = 0.4
_CONTENTS_LINES = 5
_CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|\s)\s*\d{1,3}\s*$")

Roles = Callable[[str], Sequence[Rule]]


@dataclass(frozen=True)
class ReportCheck:
    report_id: str
    items_found: int
    stated_count: int | None  # recommendations the report says it makes (other kinds: see problems)
    stated_text: str | None
    numbering_gaps: tuple[str, ...]
    numbering_duplicates: tuple[str, ...]
    needs_review: bool  # items to look at: numbering, stated counts, items in doubt
    notes: tuple[str, ...]
    problems: tuple[Problem, ...] = ()
    suspects: tuple[Suspect, ...] = ()

    @property
    def in_doubt(self) -> bool:
        return bool(self.problems)


def check_report(report_id: str, doc: DocumentText, items: list[Item], notes: list[str], roles: Roles,
                 family: str = "other", attempted: bool = True, suspects: Sequence[Suspect] = ()) -> ReportCheck:
    """`attempted` is False where extraction decided on purpose that the report has no items."""
    problems: list[Problem] = []
    # A family that restates other reports' items states their counts too: nothing to compare.
    earlier = [r for r in roles("reference") if r.get("scope") != "item"]
    stated = stated_counts(doc.text, roles("stated_count"), earlier) if attempted else {}
    for kind, (count, _text, _rule) in stated.items():
        found = sum(1 for i in items if i.kind == kind)
        if count != found:
            problems.append(Problem("stated_count", f"report states {count} {kind_words(kind, count)}, found {found}"))
    gaps, duplicates = _numbering(items)
    if gaps:
        problems.append(Problem("numbering_gap", "numbering gaps: " + ", ".join(gaps)))
    if duplicates:
        problems.append(Problem("numbering_duplicate", "duplicate numbers: " + ", ".join(duplicates)))
    needs_review = bool(problems)
    if attempted:
        if family.startswith("hmicfrs_") and not items:
            problems.append(Problem("no_items", f"no items found in a report of family {family}"))
        problems += empty_sections(doc, items, roles)
    notes = list(notes) + [p.message for p in problems]
    doubtful = sum(1 for i in items if i.doubts)
    if doubtful:
        notes.append(f"{doubtful} items in doubt")
    recommendations = stated.get("recommendation")
    return ReportCheck(
        report_id=report_id, items_found=len(items),
        stated_count=recommendations[0] if recommendations else None,
        stated_text=recommendations[1] if recommendations else None,
        numbering_gaps=tuple(gaps), numbering_duplicates=tuple(duplicates),
        needs_review=needs_review or bool(doubtful), notes=tuple(notes), problems=tuple(problems),
        suspects=tuple(suspects),
    )


def stated_counts(text: str, rules: Sequence[Rule], earlier: Sequence[Rule] = ()) -> dict[str, tuple[int, str, str]]:
    """Per kind, the first count the report states: (count, phrase, rule id). Each rule names the
    kind by a named group ("(?P<area_for_improvement>areas? for improvement)") beside `count`.
    A count in a sentence about an earlier report (`earlier`: "In our 2023 report we made two
    recommendations") is that report's, not this one's."""
    found: dict[str, tuple[int, int, str, str]] = {}
    for rule in rules:
        for match in rule.regex.finditer(text):
            kind = next((name for name, value in match.groupdict().items() if name != "count" and value), None)
            count = _count_value(match.group("count"))
            if kind is None or count is None:
                continue
            sentence = " ".join(text[_sentence_start(text, match.start()) : match.end()].split())
            if any(r.regex.search(sentence) for r in earlier):
                continue
            if kind not in found or match.start() < found[kind][0]:
                found[kind] = (match.start(), count, " ".join(match.group(0).split()), rule.id)
            break  # the first statement of each rule; the earliest across rules wins
    return {kind: (count, phrase, rule_id) for kind, (_start, count, phrase, rule_id) in found.items()}


def _sentence_start(text: str, position: int) -> int:
    stops = [text.rfind(stop, 0, position) for stop in (". ", ".\n", "\n\n", ": ")]
    return max(stops) + 2 if max(stops) >= 0 else 0


def _numbering(items: list[Item]) -> tuple[list[str], list[str]]:
    gaps: list[str] = []
    duplicates: list[str] = []
    # "5a", "5b": the sub-items a lead-in split into stand for number 5
    # (kind, printed number, its value) of each item numbered in a series
    numbered = [(i.kind, n, v) for i in items if i.parent is None and (n := i.number) and (v := _value(n)) is not None]
    shared_series = len({n for _kind, n, _v in numbered}) == len(numbered)
    # Committee lists number conclusions and recommendations in one series; inspection reports
    # number each kind on its own.
    series = {"all": numbered} if shared_series else {}
    if not shared_series:
        for entry in numbered:
            series.setdefault(entry[0], []).append(entry)
    for name, members in sorted(series.items()):
        numbers = [n for _kind, n, _v in members]
        value_of = {n: v for _kind, n, v in members}
        values = sorted(set(value_of.values()))
        prefix = "" if name == "all" else f"{name} "
        duplicates += [f"{prefix}{n}" for n in sorted({n for n in numbers if numbers.count(n) > 1},
                                                      key=lambda n: (value_of[n], n))]
        if values:
            gaps += [f"{prefix}{n}" for n in range(1, values[-1] + 1) if n not in values]
    return gaps, duplicates


def _value(number: str) -> int | None:
    """12 for "12" and for "12a"; None for "iv" or "S3"."""
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits) if digits.isdigit() else None


# -- headings that promise items ---------------------------------------------------------------


@dataclass(frozen=True)
class PromisingHeading:
    """A line that says items of `kind` follow: a list section, an item heading, or a heading
    that only promises ("Causes of concern")."""

    index: int  # of its last line in doc.lines
    line: DocLine
    kind: str
    rule: str
    role: str
    numbered: str | None


def promising_headings(doc: DocumentText, roles: Roles, skip_pages: set[int] | None = None) -> list[PromisingHeading]:
    skip_pages = contents_pages(doc, roles) if skip_pages is None else skip_pages
    references, sections, promises, item_headings = (list(roles(r)) for r in ("reference", "section", "promise", "heading"))
    lines = doc.lines
    found: list[PromisingHeading] = []
    skip_next = False
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        text = line.text.strip()
        if line.page in skip_pages or not text or text[:1].islower() or not _opens(lines, index):
            continue
        found_here: PromisingHeading | None = None
        match = _full_match(sections, text) or _full_match(promises, text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if match is None and line.heading and following is not None and following.heading:
            match = _full_match(sections, f"{text} {following.text.strip()}")
            skip_next = match is not None
        if match is not None:
            rule, _m = match
            kind = "recommendation" if rule.get("kind") == "tagged" else str(rule.get("kind"))
            found_here = PromisingHeading(index + int(skip_next), line, kind, rule.id, str(rule.get("role")), None)
        elif line.heading:
            for rule in item_headings:
                item_match = rule.regex.search(text)
                if item_match:
                    found_here = PromisingHeading(index, line, str(rule.get("kind")), rule.id, "heading",
                                                  item_match.groupdict().get("number"))
                    break
        if found_here is not None and not any(r.regex.search(text) for r in references):
            found.append(found_here)  # not "Recommendation 7 from our 2021 report"
    return found


def _full_match(rules: Sequence[Rule], text: str):
    for rule in rules:
        match = rule.regex.search(text)
        if match:
            return rule, match
    return None


def _opens(lines: Sequence[DocLine], index: int) -> bool:
    """A heading starts a line of its own: in heading type, after a gap, or after a finished line."""
    line = lines[index]
    previous = lines[index - 1] if index else None
    if line.heading or line.gap_before or previous is None or previous.page != line.page:
        return True
    return previous.text.rstrip()[-1:] in ".:!?" or previous.heading


def is_title(line: DocLine) -> bool:
    """A heading line that titles what follows, not an item printed in heading type."""
    text = line.text.strip()
    return line.heading and len(text) < _TITLE_LENGTH and text[-1:] not in ".;:,"


def empty_sections(doc: DocumentText, items: list[Item], roles: Roles) -> list[Problem]:
    """Headings that promise items, with running text under them, after which no item starts and
    no item is printed again before the next such heading. An item first printed further on (a
    chapter after the summary list) is no miss; a heading over subheadings only is a title."""
    starts = {item_offset(doc, i.page, i.start) for i in items}
    keys = {(i.kind, i.number) for i in items if i.number}
    tails = [t for t in (squash(i.text)[-_REPRINT_CHARS:] for i in items) if len(t) >= 10]
    headings = promising_headings(doc, roles)
    squashed: list[str] | None = None  # each line's squashed text, made once and only when needed
    item_headings = {h.index for h in headings if h.role == "heading"}
    sections = [h.line.start for h in headings if h.role != "heading"]
    # "Recommendations" over "Recommendations for chief constables", "... for the Home Office":
    # a list heading over smaller headings of its own kind holds what they hold
    below = {h.index: next((o.line.start for o in headings if o.role != "heading" and o.line.start > h.line.start
                            and not (o.kind == h.kind and outranks(h.line, heading_level(o.line), strictly=True))),
                           len(doc.text))
             for h in headings if h.role != "heading"}
    problems: list[Problem] = []
    for heading in headings:
        if heading.numbered and (heading.kind, heading.numbered) in keys:
            continue  # a reprinted "Recommendation 3": the item was kept at its first printing
        start = heading.line.start
        body_end = _section_end(doc, heading.index, starts, item_headings)
        if not _has_sentences(doc, heading.index, body_end):
            continue
        end = max(body_end, below.get(heading.index, next((s for s in sections if s > start), len(doc.text))))
        if any(start <= s < end for s in starts):
            continue
        if squashed is None:
            squashed = [squash(line.text) for line in doc.lines]
        first = heading.index
        last = bisect.bisect_left(doc.lines, end, key=lambda line: line.start)
        body = "".join(squashed[first:last])
        if any(tail in body for tail in tails):
            continue
        title = " ".join(heading.line.text.split())
        problems.append(Problem("empty_section", f"heading '{title}' on page {heading.line.page} yields no items"))
    return problems


def _section_end(doc: DocumentText, index: int, starts: set[int], item_headings: set[int]) -> int:
    """The start of the next title heading after some body text at which no item starts. Titles
    right under the heading belong to it ("Chapter 8: Conclusions and" / "recommendations", a
    subsection's title); item headings ("Recommendation 2", printed again and kept at its first
    printing) are part of the section."""
    seen_body = False
    for following_index in range(index + 1, len(doc.lines)):
        following = doc.lines[following_index]
        if following_index in item_headings or following.start in starts:
            seen_body = True
            continue
        if not is_title(following):
            seen_body = True
        elif seen_body:
            return following.start
    return len(doc.text)


def _has_sentences(doc: DocumentText, index: int, end: int) -> bool:
    """Some running text under the heading, not only labels (a cover's list of the volume's parts)."""
    for line in doc.lines[index + 1 :]:
        if line.start >= end:
            return False
        if len(line.text.split()) >= _SENTENCE_WORDS and not is_title(line):
            return True
    return False


def item_offset(doc: DocumentText, page: int, offset: int) -> int:
    """An offset in a page's text as an offset in the joined text."""
    try:
        return doc.page_starts[doc.page_numbers.index(page)] + offset
    except ValueError:
        return offset


def squash(text: str) -> str:
    """Letters and digits only: hyphenation, line breaks and quotes do not hide a reprint."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def contents_pages(doc: DocumentText, roles: Roles) -> set[int]:
    """Pages of a table of contents: a "Contents" heading, or mostly lines ending in a page number."""
    by_page: dict[int, list[DocLine]] = {}
    for line in doc.lines:
        by_page.setdefault(line.page, []).append(line)
    pages = set()
    headings = list(roles("contents"))
    for page, lines in by_page.items():
        texts = [line.text.strip() for line in lines]
        if any(rule.regex.search(text) for text in texts[:5] for rule in headings):
            pages.add(page)
            continue
        entries = sum(1 for text in texts if text[-1:].isdigit() and len(text) < 120 and _CONTENTS_ENTRY.search(text))
        if entries >= _CONTENTS_LINES and entries >= len(texts) * _CONTENTS_SHARE:
            pages.add(page)
    return pages


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
