"""The segmenting pass's state: the Segment it builds for each item, the list section it is in,
and what it carries from line to line (the open item, the lead-in, the open cause of concern).

Plain mutable dataclasses: the pass owns them while it runs; Extractor freezes Segments into Items.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from pipeline.extract.document_text import DocLine

# The report's lines, in order, as the pass reads them.
Lines = Sequence[DocLine]


@dataclass(frozen=True)
class LeadIn:
    """"The force should:" governing the bullets after it: its text, its rule and the kind of
    item each bullet is."""

    text: str
    rule: str
    kind: str


@dataclass
class Segment:
    """An item's place in the text: mutable while the pass builds it, frozen into Item later."""

    kind: str
    number: str | None
    label: str | None
    start: int
    body_start: int
    end: int
    rules: list[str]
    leadin: str | None = None
    leadin_rule: str | None = None
    parent: "Segment | None" = None
    has_body: bool = False
    section_kind: str | None = None
    marker_item: bool = False  # opened by a bullet in a list whose bullets are the items
    sub_items: bool = False  # has taken "(a)"/"(i)" sub-items
    headed: bool = False  # opened by an item heading ("Recommendation 3"), not a list number
    paragraph_item: bool = False  # a plain paragraph or bullet under a heading that names its kind
    box: tuple[int, int] | None = None  # the box its text is printed in
    list_id: int | None = None  # which list section it was found in
    roman_in_emphasised_list: bool = False  # set by typeface.py: a conclusion among emphasised items
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # a table row's other cells: "deadline", "owner"
    heading_addressee: str | None = None  # "Recommendations for chief constables": the list's addressee
    boxed_item: bool = False  # set apart by a box alone: an item only if it names a known body
    unheaded_list: bool = False  # in a numbered list under no heading (often a summary of the items)
    standalone: bool = False  # a paragraph of its own under no list heading: an item only if it opens with its own body
    split_from: "Segment | None" = None  # "5. The Home Office should:" whose "(b)" this is (number "5b")


@dataclass
class Section:
    """A list section ("Recommendations", or a numbered list found by its numbers): its kind,
    where it began and the number series its items follow."""

    kind: str
    rule: str
    last_number: int | None = None
    first_line: int = 0
    segments_before: int = 0
    paragraphs_fallback: bool = False
    style: str | None = None  # the numbering rule of the section's first item; the series keeps it
    heading_items: bool | None = None  # whether the first item's number was printed as a heading
    headed: bool = False  # its items carry their own headings ("Area for improvement 1"): no list numbers
    level: float | None = None  # type size of its heading, where the page kept its layout
    addressee: str | None = None  # the body its heading addresses its items to
    unheaded: bool = False  # found by its numbers alone, under no heading
    marker: str | None = None  # "bullet" or "plain": how its unnumbered items are set apart
    box: tuple[int, int] | None = None  # the box its heading is printed in: the list ends with the box
    page: int | None = None


@dataclass
class State:
    """What the pass carries from one line to the next."""

    section: Section | None = None
    item: Segment | None = None
    leadin: LeadIn | None = None
    cause: Segment | None = None
    paragraph_start: int = 0
    previous_ended_colon: bool = False
    segments: list[Segment] = field(default_factory=list)
    sections_seen: int = 0
    cell_number: tuple[int, int] | None = None  # a list number read from a cell of its own, and where

