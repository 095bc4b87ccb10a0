"""Frozen dataclasses passed from one pipeline stage to the next.

Path -> ParsedDocument (pdf.py) -> CleanDocument (clean.py/layout) -> items (extract/) -> rows (store/).
Dicts appear only at the storage edge.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# One vocabulary: every item kind, deadline kind and status is named here and nowhere else.
# Item kinds in the order a report reads them (a cause of concern before its recommendations).
ITEM_KINDS = ("cause_of_concern", "recommendation", "area_for_improvement", "matter_of_concern", "conclusion")
KIND_WORDS = {
    "cause_of_concern": ("cause of concern", "causes of concern"),
    "recommendation": ("recommendation", "recommendations"),
    "area_for_improvement": ("area for improvement", "areas for improvement"),
    "matter_of_concern": ("matter of concern", "matters of concern"),
    "conclusion": ("conclusion", "conclusions"),
}
# "none": no deadline printed; the others are the deadline rules' kinds (rules/deadlines.jsonl)
DEADLINE_KINDS = ("date", "month", "year_end", "financial_year", "immediate", "relative", "event", "none")
REVIEW_STATUSES = ("pending", "accepted", "corrected", "rejected")
TRACK_STATUSES = ("open", "in_progress", "closed")
# What a later report says of an earlier item (rules/verdicts.jsonl): a suggestion, never a status.
VERDICTS = ("met", "partially_met", "not_met", "superseded")
# A response's stance on the item it answers (rules/stances.jsonl); None where none is stated.
STANCES = ("accepted", "accepted_in_part", "accepted_in_principle", "not_accepted", "noted", "under_consideration",
           "already_in_place")


def kind_words(kind: str, count: int = 1) -> str:
    """"area for improvement" / "areas for improvement"; an unknown kind is spelt from its id."""
    one, many = KIND_WORDS.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
    return one if count == 1 else many


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool = False


@dataclass(frozen=True)
class Box:
    """A filled or outlined rectangle that can hold text (a shaded box, a sidebar, a table cell),
    or, when small, a bullet drawn as a shape."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class ParsedPage:
    number: int  # 1-based physical page number
    width: float
    height: float
    words: tuple[Word, ...]
    boxes: tuple[Box, ...] = ()
    marks: tuple[Box, ...] = ()  # small drawn shapes: bullets printed as graphics, not glyphs


@dataclass(frozen=True)
class ParsedDocument:
    path: str
    file: str
    sha256: str
    size_bytes: int
    pages: tuple[ParsedPage, ...]
    metadata_title: str | None = None


@dataclass(frozen=True)
class Line:
    """One printed line in reading order, with the geometry furniture detection needs."""

    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    column: int = 0
    gap_before: bool = False  # a paragraph break precedes this line
    x1: float = 0.0
    italic: bool = False
    box: int | None = None  # index into the page's boxes of the box the line is printed in
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a table cell on the page
    lead: int = 0  # characters of a bold run-in at the start of a line that goes on in other type


@dataclass(frozen=True)
class LineStyle:
    """How one stored line was printed: what extraction needs of the layout without the PDF.

    `size` is relative to the page's body text (1.0 = body size); `indent` is the line's left
    edge less the usual left edge of the text it is set in (its column, or its box), in points;
    `fill` is how far across that column or box the line reaches (a paragraph's last line is short).
    """

    indent: float = 0.0
    fill: float = 1.0
    size: float = 1.0
    bold: bool = False
    italic: bool = False
    box: int | None = None  # boxes are numbered per page; a box split by a page break is two
    column: int = 0
    cell: tuple[int, int, int] | None = None  # (table, row, column): tables are numbered per page
    lead: int = 0  # characters of a bold run-in ("Recommendation 1 By 31 March ...": 16)


@dataclass(frozen=True)
class LaidOutPage:
    number: int
    width: float
    height: float
    columns: int
    lines: tuple[Line, ...]
    footnote_lines: tuple[Line, ...]
    footnote_markers: tuple[str, ...]


@dataclass(frozen=True)
class Furniture:
    page: int
    position: str  # "header" | "footer"
    kind: str  # "running" | "page_number"
    text: str


@dataclass(frozen=True)
class CleanPage:
    """A cleaned page: what ingest produces, the store keeps and gives back, and extraction reads
    (one type from end to end, so nothing is rebuilt between the stages)."""
    number: int
    text: str
    footnotes: str = ""
    columns: int = 1
    footnote_markers: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()  # lines printed bold or larger than the body
    layout: tuple[LineStyle, ...] = ()  # one per non-empty line of `text`, in order


@dataclass(frozen=True)
class ReportMeta:
    title: str | None
    published: str | None  # ISO 8601 at the precision printed: "2024-07-02", "2024-07" or "2024"
    published_text: str | None
    published_rule: str | None
    family: str
    family_rule: str | None
    published_precision: str | None = None  # "day" | "month" | "year", None with no date


@dataclass(frozen=True)
class CleanDocument:
    file: str
    path: str
    sha256: str
    size_bytes: int
    pages: tuple[CleanPage, ...]
    furniture: tuple[Furniture, ...]
    meta: ReportMeta
    # The path as the user gave it (for display); `path` is stored resolved and absolute, so
    # links to the PDF work whatever folder `serve` or `brief` runs from.
    given_path: str | None = None

    @property
    def report_id(self) -> str:
        return report_id_for(self.sha256)


def report_id_for(sha256: str) -> str:
    """A short id that is the same for the same bytes in every database."""
    return sha256[:16]


@dataclass(frozen=True)
class Deadline:
    kind: str  # date|month|year_end|financial_year|immediate|relative|event|none
    date: str | None = None
    text: str | None = None
    rule: str | None = None
    start: int | None = None  # offsets in the item's text
    end: int | None = None


@dataclass(frozen=True)
class Addressee:
    id: str | None  # canonical id, or None where no rule knows the phrase
    text: str
    rule: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Item:
    id: str
    report_id: str
    kind: str
    number: str | None
    label: str | None
    parent: str | None
    text: str
    addressees: tuple[Addressee, ...]
    addressee_text: str | None
    deadline: Deadline
    page: int
    page_end: int
    start: int  # character offset in the start page's text
    end: int  # character offset in the end page's text
    rules: tuple[str, ...]
    sequence: int
    doubts: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Problem:
    """Why a report is in doubt: a stable code (no_items, empty_section, numbering_gap,
    numbering_duplicate, stated_count) and a message for people."""

    code: str
    message: str


@dataclass(frozen=True)
class Suspect:
    """A sentence that reads like an item, set apart like one, that no extracted item covers."""

    id: str  # report id + a hash of the normalised sentence: people's decisions survive re-extraction
    report_id: str
    page: int
    page_end: int
    start: int  # character offset in the start page's text
    end: int  # character offset in the end page's text
    text: str
    kind: str  # a guess: the kind of the heading it sits under, else from its subject
    reason: str
    rule: str | None


# Stored as one compact JSON array per line: [indent, fill, size, flags, box, column] and, for a
# table cell, [table, row, column] appended; flags 1 = bold, 2 = italic, and from 4 up the length
# of a bold run-in times 4 (a page stored before run-ins were kept reads as none). A page ingested before
# layouts were kept has none: extraction then reads the text alone.
def layout_rows(styles: tuple[LineStyle, ...]) -> list[list]:
    return [
        [s.indent, s.fill, s.size, int(s.bold) | (int(s.italic) << 1) | (s.lead << 2), s.box, s.column, *(s.cell or ())]
        for s in styles
    ]


def layout_from_rows(rows: list[list] | None) -> tuple[LineStyle, ...]:
    return tuple(
        LineStyle(indent=row[0], fill=row[1], size=row[2], bold=bool(row[3] & 1), italic=bool(row[3] & 2),
                  box=row[4], column=row[5], cell=tuple(row[6:9]) if len(row) >= 9 else None, lead=row[3] >> 2)
        for row in rows or ()
    )
