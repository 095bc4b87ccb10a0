"""Report metadata from the first pages: title, publication date, family."""
from __future__ import annotations

import re
from datetime import date

import dateparser

from .models import LaidOutPage, ReportMeta
from .rules import RuleSet

_FIRST_PAGES = 4
_LAST_PAGES = 2
# A cover's big type stops at a list ("1. Chief Executive ...") or a label ("SENT TO:").
_TITLE_STOP = re.compile(r"^\s*(?:\d{1,2}[.)]\s|[•▪-]\s)")
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time"],
}
_JUNK_TITLE = re.compile(r"^(?:microsoft\s+word|untitled|document\d*|\S+\.(?:docx?|pdf|indd))", re.IGNORECASE)


def parse_date_phrase(text: str) -> date | None:
    """Parse one date phrase (never free text) the UK way: day before month."""
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def read_metadata(pages: list[LaidOutPage], metadata_title: str | None, rules: RuleSet) -> ReportMeta:
    front = "\n".join(line.text for page in pages[:_FIRST_PAGES] for line in page.lines)
    back = "\n".join(line.text for page in pages[-_LAST_PAGES:] for line in page.lines)
    published, published_text, published_rule = _publication(front, back, rules)
    family, family_rule = _family(front, rules)
    return ReportMeta(
        title=_title(pages, metadata_title),
        published=published,
        published_text=published_text,
        published_rule=published_rule,
        family=family,
        family_rule=family_rule,
    )


def _publication(front: str, back: str, rules: RuleSet) -> tuple[str | None, str | None, str | None]:
    """The first rule (by priority) that finds a date; rules with scope "end" read the last pages."""
    for rule in sorted(rules.of("publication.jsonl"), key=lambda r: r.get("priority", 100)):
        text = back if rule.get("scope") == "end" else front
        for match in rule.regex.finditer(text):
            phrase = match.group("date") if "date" in rule.regex.groupindex else match.group(0)
            parsed = parse_date_phrase(phrase)
            if parsed and 1900 <= parsed.year <= 2100:
                return parsed.isoformat(), " ".join(match.group(0).split()), rule.id
    return None, None, None


def _family(front: str, rules: RuleSet) -> tuple[str, str | None]:
    for rule in sorted(rules.of("families.jsonl"), key=lambda r: r.get("priority", 100)):
        if rule.regex.search(front):
            return str(rule.get("family")), rule.id
    return "other", None


def _first_run_of_size(lines, size: float, limit: int = 4) -> list[str]:
    """The first block of consecutive lines printed in the cover's largest type."""
    run: list[str] = []
    for line in lines:
        if run and _TITLE_STOP.match(line.text):
            # "... SENT TO:" introducing that list is a label, not part of the title.
            if run[-1].rstrip().endswith(":") and len(run) > 1:
                run.pop()
            break
        if line.size >= size - 0.6:
            run.append(line.text)
            if len(run) == limit:
                break
        elif run:
            break
    return run


def _title(pages: list[LaidOutPage], metadata_title: str | None) -> str | None:
    """The cover's largest type; the PDF's own Title only when the cover has no text."""
    for page in pages[:2]:
        lines = [line for line in page.lines if any(ch.isalpha() for ch in line.text)]
        if not lines:
            continue
        biggest = max(line.size for line in lines)
        if biggest <= 0:
            continue
        title = " ".join(" ".join(_first_run_of_size(lines, biggest)).split())
        if len(title) >= 4:
            return title[:500]
    if metadata_title and not _JUNK_TITLE.match(metadata_title):
        return metadata_title
    return None
