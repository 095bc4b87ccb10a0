"""Document-level facts of a coroner's report: its recipients ("This report is being sent to")
and its own date, which the response deadline counts from."""
from __future__ import annotations

import re

from pipeline.clean import collapse
from pipeline.dates import parse_date_phrase
from pipeline.models import Addressee
from pipeline.clean import slugify
from pipeline.extract.document_text import DocumentText

_FRONT_PAGES, _LAST_PAGES = 4, 2  # as metadata reads the publication date


def printed_due_date(role, text: str, after: int) -> str | None:
    """"within 56 days of the date of this report, namely by 19th June 2023": where the
    report's own date is unreadable, the due date it prints next to the period."""
    for rule in role("due_date"):
        match = rule.regex.match(text, after)
        if match:
            parsed = parse_date_phrase(match.group("date"))
            return parsed.isoformat() if parsed else None
    return None


def report_date(role, rules, doc: DocumentText) -> str | None:
    """The report's own date where ingest found none (a database ingested before the publication
    rules could read it): the form's dated signature, else the publication rules over the stored
    text of the first pages (or the last pages, for rules with scope "end")."""
    for rule in role("report_date"):
        for match in rule.regex.finditer(doc.text):
            parsed = parse_date_phrase(re.sub(r"\s*([./])\s*", r"\1", match.group("date")))
            if parsed and 1990 <= parsed.year <= 2100:
                return parsed.isoformat()
    starts = doc.page_starts
    front = doc.text[: starts[_FRONT_PAGES]] if len(starts) > _FRONT_PAGES else doc.text
    back = doc.text[starts[-_LAST_PAGES]:] if len(starts) >= _LAST_PAGES else doc.text
    for rule in sorted(rules.of("publication.jsonl"), key=lambda r: r.get("priority", 100)):
        for match in rule.regex.finditer(back if rule.get("scope") == "end" else front):
            phrase = match.group("date") if "date" in rule.regex.groupindex else match.group(0)
            parsed = parse_date_phrase(phrase)
            if parsed and 1900 <= parsed.year <= 2100:
                return parsed.isoformat()
    return None


def sent_to(role, doc: DocumentText, parsed):
    """Coroners' recipients: one entry per numbered line of the "sent to" block; the
    organisation an entry names (not the office-holder's own name, not private persons)."""
    marker = None
    for rule in role("sent_to"):
        marker = rule.regex.search(doc.text)
        if marker:
            break
    if not marker:
        return [], None
    block_end = min(len(doc.text), marker.end() + 800)
    for rule in role("sent_to_end"):
        end = rule.regex.search(doc.text, marker.end(), block_end)
        if end:
            block_end = end.start()
            break
    personal = role("personal_recipient")
    found: list[Addressee] = []
    texts: list[str] = []
    seen: set[str] = set()
    for entry_start, entry_end in _entries(doc.text, marker.end(), block_end):
        entry = collapse(doc.text[entry_start:entry_end]).strip(" ,.;")
        if not entry:
            continue
        spans = [s for s in parsed.spans["addressees"] if entry_start <= s.start_char < entry_end]
        if spans:
            span = spans[-1]  # "Chief Executive of X": the organisation is named last
            addressee = Addressee(span.label_, span.text, span._.rule_id)
        elif any(rule.regex.search(entry) for rule in personal):
            continue
        else:
            addressee = _named_recipient(doc.text[entry_start:entry_end])
        texts.append(entry)
        if addressee.id is None or addressee.id not in seen:
            seen.add(addressee.id or "")
            found.append(addressee)
    return found, "; ".join(texts) or None


_ENTRY_NUMBER = re.compile(r"^[ \t]*\d{1,2}[.)]?[ \t]+", re.MULTILINE)
_ROLE_PREFIX = re.compile(
    r"^(?:(?:the\s+)?(?:chief\s+executive(?:\s+officer)?|chair(?:man|woman|person)?|director(?:\s+general)?|"
    r"(?:senior\s+)?partner|manager|registered\s+manager|principal|head|clerk)\s*(?:,|of|for|at|if)\s+)+",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w&'’-]*|of|and|for|the|&)$")


def _entries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each recipient in the block: numbered lines, else the whole block."""
    marks: list[re.Match[str]] = []
    for mark in _ENTRY_NUMBER.finditer(text, start, end):
        if int(re.sub(r"\D", "", mark.group(0))) == len(marks) + 1:  # not "39 Victoria Street"
            marks.append(mark)
    if not marks:
        return [(start, end)]
    bounds = [m.end() for m in marks] + [end]
    return [(bounds[i], marks[i + 1].start() if i + 1 < len(marks) else end) for i in range(len(marks))]


def _named_recipient(entry: str) -> Addressee:
    """An organisation no rule knows, named on the entry's first line ("Supported Independence
    Limited", "Chief Coroner"): an id from its name. Anything else stays unknown."""
    first = collapse(entry.strip().split("\n")[0]).strip(" ,.;")
    name = _ROLE_PREFIX.sub("", first).strip(" ,.;")
    words = name.split()
    if words and 1 <= len(words) <= 10 and all(_NAME_WORD.match(w) for w in words) and words[0][:1].isupper():
        return Addressee(slugify(name), name, "item.sent_to")
    return Addressee(None, collapse(entry).strip(" ,.;"), None)
