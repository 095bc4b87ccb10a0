"""Report metadata from the first pages: title, publication date (with its precision, see
pipeline.dates), family."""
from __future__ import annotations

import re

from pipeline.dates import parse_publication
from pipeline.models import LaidOutPage, Line, ReportMeta
from pipeline.rules import RuleSet

_FIRST_PAGES = 4
_LAST_PAGES = 2

# Title layout. A cover prints its title in display type: clearly bigger than the report's body.
_COVER_PAGES = 2
_BODY_PAGES = 6
_MIN_BODY_CHARS = 200
_DISPLAY_RATIO = 1.2
_SIZE_TOLERANCE = 0.6
# A subtitle (or the series line over a bare title) sits close to the title: within this many of
# its own line heights. Further off it is another block of the cover (the author, the publisher).
_NEAR = 2.5
_TITLE_LINES = 5
_SUBTITLE_LINES = 4
_MIN_TITLE_WORDS = 2
# "The Report" names nothing alone; the series line printed just above it ("Infected Blood
# Inquiry") is part of the title then. A longer title stands alone.
_BARE_TITLE_WORDS = 3
_FORM_LINES = 6
_MAX_TITLE = 500
# A numbered or bulleted line is a list under the title, never a continuation of it.
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]\s|[•▪-]\s)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def read_metadata(pages: list[LaidOutPage], metadata_title: str | None, rules: RuleSet) -> ReportMeta:
    front = "\n".join(line.text for page in pages[:_FIRST_PAGES] for line in page.lines)
    back = "\n".join(line.text for page in pages[-_LAST_PAGES:] for line in page.lines)
    published, precision, published_text, published_rule = _publication(front, back, rules)
    family, family_rule = _family(front, rules)
    return ReportMeta(
        title=read_title(pages, metadata_title, rules),
        published=published,
        published_text=published_text,
        published_rule=published_rule,
        family=family,
        family_rule=family_rule,
        published_precision=precision,
    )


def _publication(front: str, back: str, rules: RuleSet) -> tuple[str | None, str | None, str | None, str | None]:
    """The first rule (by priority) that finds a date; rules with scope "end" read the last pages."""
    for rule in sorted(rules.of("publication.jsonl"), key=lambda r: r.get("priority", 100)):
        text = back if rule.get("scope") == "end" else front
        for match in rule.regex.finditer(text):
            phrase = match.group("date") if "date" in rule.regex.groupindex else match.group(0)
            parsed = parse_publication(phrase)
            if parsed:
                return parsed[0], parsed[1], " ".join(match.group(0).split()), rule.id
    return None, None, None, None


def _family(front: str, rules: RuleSet) -> tuple[str, str | None]:
    for rule in sorted(rules.of("families.jsonl"), key=lambda r: r.get("priority", 100)):
        if rule.regex.search(front):
            return str(rule.get("family")), rule.id
    return "other", None


# ---------------------------------------------------------------------------------------------
# Titles


def read_title(pages: list[LaidOutPage], metadata_title: str | None, rules: RuleSet) -> str | None:
    """A statutory form's name with its subject; else the cover's display type (title, subtitle);
    else the PDF's own Title field unless that is a file or template name."""
    title_rules = rules.of("titles.jsonl")
    form = _form_title(pages, [r for r in title_rules if r.get("role") in ("form", "subject")])
    if form:
        return form[:_MAX_TITLE]
    skip = [r.regex for r in title_rules if r.get("role") == "not_title"]
    body = _body_size(pages)
    for page in pages[:_COVER_PAGES]:
        title = _cover_title(page, body, skip)
        if title:
            return title[:_MAX_TITLE]
    metadata_title = " ".join((metadata_title or "").split())
    junk = [r.regex for r in title_rules if r.get("role") == "junk_metadata"]
    if metadata_title and not any(pattern.search(metadata_title) for pattern in junk):
        return metadata_title[:_MAX_TITLE]
    return None


def _form_title(pages: list[LaidOutPage], rules) -> str | None:
    """A form prints its heading in body type at the top of page 1, so no display type finds it."""
    if not pages:
        return None
    top = " ".join(line.text for line in pages[0].lines[:_FORM_LINES])
    for rule in rules:
        title = rule.get("title")
        if rule.get("role") == "form" and isinstance(title, str) and rule.regex.search(top):
            name = _subject(pages, [r for r in rules if r.get("role") == "subject" and r.get("group") == rule.get("subject")])
            return _join_parts(title, name) if name else title
    return None


def _subject(pages: list[LaidOutPage], rules) -> str | None:
    text = "\n".join(line.text for page in pages[:_COVER_PAGES] for line in page.lines)
    found = [(match.start(), match.groupdict().get("name")) for rule in rules for match in rule.regex.finditer(text)]
    found = [(start, name) for start, name in found if name]
    return " ".join(min(found)[1].split()) if found else None


def _body_size(pages: list[LaidOutPage]) -> float:
    """The type size most of the text is set in, after the cover; on a lone cover, its smallest type."""
    weights: dict[float, int] = {}
    for page in pages[1:1 + _BODY_PAGES]:
        for line in page.lines:
            weights[round(line.size, 1)] = weights.get(round(line.size, 1), 0) + len(line.text)
    if sum(weights.values()) >= _MIN_BODY_CHARS:
        return max(weights, key=lambda size: (weights[size], -size))
    sizes = [line.size for page in pages[:1] for line in page.lines if _has_letters(line.text)]
    return min(sizes) if sizes else 0.0


def _cover_title(page: LaidOutPage, body: float, skip) -> str | None:
    lines = [line for line in page.lines if _has_letters(line.text) and not any(p.search(line.text.strip()) for p in skip)]
    while lines:
        biggest = max(line.size for line in lines)
        if biggest <= 0 or biggest < body * _DISPLAY_RATIO:
            return None
        start = next(i for i, line in enumerate(lines) if line.size >= biggest - _SIZE_TOLERANCE)
        end = _run_end(lines, start, biggest, _TITLE_LINES)
        run = lines[start:end]
        if len(_words(" ".join(line.text for line in run))) < _MIN_TITLE_WORDS:
            # A logo or a lone word in the biggest type: read the cover as if it were not there.
            lines = lines[:start] + lines[end:]
            continue
        title = _join_lines([line.text for line in run])
        kicker = lines[start - 1] if start else None
        if (kicker is not None and len(_words(title)) <= _BARE_TITLE_WORDS and kicker.size >= body * _DISPLAY_RATIO
                and _near(kicker, run[0], kicker.size)):
            title = _join_parts(_join_lines([kicker.text]), title)
        below = _subtitle(lines, end, run[-1], biggest, body)
        # "Effectiveness, efficiency" over "and people 2021/22" in the next size down: one title
        # set in two sizes, then its subtitle
        while below and _continues(title, below[0]):
            title = _join_lines([title, below.pop(0)])
        subtitle = _join_lines(below) if below else None
        if subtitle and set(_words(subtitle)) - set(_words(title)):
            title = _join_parts(title, subtitle)
        return title
    return None


def _run_end(lines: list[Line], start: int, size: float, limit: int) -> int:
    end = start + 1
    while end < len(lines) and end - start < limit:
        line = lines[end]
        if abs(line.size - size) > _SIZE_TOLERANCE or _LIST_ITEM.match(line.text):
            break
        if not _near(lines[end - 1], line, size):
            break
        end += 1
    return end


def _subtitle(lines: list[Line], index: int, title_end: Line, title_size: float, body: float) -> list[str]:
    """The lines right under the title in the next size down, still display type."""
    if index >= len(lines):
        return []
    first = lines[index]
    if (first.size >= title_size - _SIZE_TOLERANCE or first.size < body * _DISPLAY_RATIO
            or _LIST_ITEM.match(first.text) or not _near(title_end, first, first.size)):
        return []
    end = _run_end(lines, index, first.size, _SUBTITLE_LINES)
    return [line.text for line in lines[index:end]]


# A title line ending on one of these words goes on in the next line, whatever its size.
_OPEN_ENDINGS = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "at", "from"})


def _continues(title: str, line: str) -> bool:
    """The line carries on the title's sentence: it opens in lower case, or the title stops on a
    word that needs one after it ("A joint inspection of the" / "criminal justice response")."""
    words = _words(title)
    return line.strip()[:1].islower() or (bool(words) and words[-1] in _OPEN_ENDINGS)


def _near(above: Line, below: Line, size: float) -> bool:
    # Tight leading lets a line's box overlap the next one's a little.
    return -0.5 * size <= below.top - above.bottom <= _NEAR * size


def _join_lines(texts: list[str]) -> str:
    """One line after another with a space: a title never glues two words across a line break.
    A word broken at a hyphen ("decision-" / "making") keeps its hyphen and joins."""
    out = ""
    for text in texts:
        text = " ".join(text.split())
        if out and re.search(r"[^\W\d_]-$", out) and text[:1].islower():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out


def _join_parts(first: str, second: str) -> str:
    """Title and subtitle read as one title: "PEEL 2023–25: An inspection of Midshire Police"."""
    if first.endswith((":", ";", ",", "–", "—", "-")):
        return f"{first} {second}"
    return f"{first}: {second}"


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
