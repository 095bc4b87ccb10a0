"""Regenerate the bundled sample corpus: four fictional HMICFRS-style reports and their gold files.

Run from the project root:  /work/venv/bin/python tests/make_corpus.py

Writes corpus/<stem>.pdf (byte-identical on every run: reportlab's invariant mode and fixed
metadata) and gold/corpus/<stem>.jsonl. All forces, services and people are fictional.

The reports are data (REPORTS, built by the thematic()/peel()/fire()/custody() functions at the
bottom); the layout helpers above them know nothing about any one report. The gold file is
written from the same data: the item text is the printed text with the inline markup taken out,
and the page numbers are the physical pages where the layout engine put the item's first full
printing. Addressees and deadlines are annotated by hand beside each item.

Inline markup in paragraph text:
  [^key]  a superscript footnote marker glued to the preceding word; the note's text is
          report["notes"][key] and is printed in small type at the foot of the same page.
  ~       a hyphenation point: where the word has to break at a line end it breaks here and
          prints "-"; elsewhere the "~" vanishes. "-~" breaks after a real hyphen (kept).
"""
from __future__ import annotations

import calendar
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
PAGE_W, PAGE_H = A4
LEFT, RIGHT = 72.0, PAGE_W - 72.0
TOP, BOTTOM = PAGE_H - 80.0, 70.0  # first baseline sits just under TOP; footnotes stop at BOTTOM
GUTTER = 20.0
REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
NOTE_SIZE, NOTE_LEADING = 8.0, 10.0
MARKER_SIZE, MARKER_RISE = 6.5, 4.0


# ---------------------------------------------------------------------------------------------
# Blocks: the report content as data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # h1 h2 h3 p leadin bullet sub num grades contents pagebreak columns endcolumns fill
    text: str = ""
    items: tuple[str, ...] = ()  # gold ids whose text this block is part of
    num: str = ""  # printed paragraph number ("S3", "4.12") for "num" blocks
    value: float = 0.0  # points to leave for "fill"
    rows: tuple[tuple[str, str], ...] = ()  # for "grades"


def _ids(item: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if item is None:
        return ()
    return (item,) if isinstance(item, str) else tuple(item)


def h1(text: str) -> Block:
    """A chapter title: starts a new page and gets a contents entry."""
    return Block("h1", text)


def h2(text: str) -> Block:
    return Block("h2", text)


def h3(text: str) -> Block:
    """A bold label line such as "Recommendation 3" (never part of the item's text)."""
    return Block("h3", text)


def p(text: str, item=None) -> Block:
    return Block("p", text, _ids(item))


def leadin(text: str, items) -> Block:
    """"Within three months, the force should:" -- prefixed to the text of each bullet item."""
    return Block("leadin", text, _ids(items))


def bullet(text: str, item=None) -> Block:
    return Block("bullet", text, _ids(item))


def sub(text: str, item=None) -> Block:
    """An indented "(a) ..." sub-item: part of its item's text."""
    return Block("sub", text, _ids(item))


def num(number: str, text: str, item=None) -> Block:
    """A paragraph printed with a hanging number ("S4", "2.15")."""
    return Block("num", text, _ids(item), num=number)


def grades(*rows: tuple[str, str]) -> Block:
    return Block("grades", rows=tuple(rows))


CONTENTS = Block("contents")
PAGEBREAK = Block("pagebreak")
COLUMNS = Block("columns")  # the rest of the current page (and any page it flows to) in two columns
END_COLUMNS = Block("endcolumns")  # back to one column on a new page


def fill(points_left: float) -> Block:
    """Move down so that only `points_left` of body space remain on the page (forces a break)."""
    return Block("fill", value=points_left)


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    leading: float
    before: float = 0.0
    after: float = 0.0
    indent: float = 0.0  # left indent of the text
    keep: float = 0.0  # space that must remain below the block's first line (keep with next)


STYLES = {
    "h1": Style(BOLD, 18, 23, after=10),
    "h2": Style(BOLD, 13, 17, before=10, after=5, keep=40),
    "h3": Style(BOLD, 11, 14, before=8, after=2, keep=30),
    "p": Style(REGULAR, 11, 15, after=8),
    "leadin": Style(REGULAR, 11, 15, after=4),
    "bullet": Style(REGULAR, 11, 15, after=4, indent=18),
    "sub": Style(REGULAR, 11, 15, after=3, indent=24),
    "num": Style(REGULAR, 11, 15, after=8, indent=36),
}


# ---------------------------------------------------------------------------------------------
# Words, markers and line breaking
# ---------------------------------------------------------------------------------------------

_MARKER = re.compile(r"\[\^(\w+)\]")


@dataclass
class Seg:
    text: str
    font: str
    size: float
    rise: float = 0.0

    @property
    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size)


@dataclass
class Word:
    segs: list[Seg]
    notes: list[str] = field(default_factory=list)  # footnote keys whose markers this word carries
    raw: str = ""  # the word with "~" points, before markers, for hyphenation

    @property
    def width(self) -> float:
        return sum(seg.width for seg in self.segs)


def plain(text: str) -> str:
    """The text a reader quotes: markers and hyphenation points removed, spaces collapsed."""
    return " ".join(_MARKER.sub("", text).replace("~", "").split())


# Where long words may break at a line end. None of the heads is a prefix such as "re" or "sub"
# that is also written with a real hyphen, so every break here re-joins without one.
HYPHENATION = {
    word.replace("~", ""): word
    for word in """
    rec~om~men~da~tion recom~men~da~tions inves~ti~gate inves~ti~ga~tion inves~ti~ga~tions
    inves~ti~ga~tors organ~isa~tions organ~isa~tion refer~rals refer~ral safe~guard~ing
    commis~sion~ers commis~sioner respon~si~bil~ities au~thor~ised infor~ma~tion exami~na~tions
    profes~sional consta~bles assess~ment assess~ments psycho~logical house~hold effec~tively
    effec~tive avail~able allo~cat~ing volun~teer~ing time~scales moni~tored consul~tation
    prosecu~tion deci~sion neigh~bour~hood super~vi~sors partner~ship partner~ships
    vulner~able perform~ance appro~priate manage~ment regis~tered improve~ment opera~tional
    inspec~tions inspec~tion protec~tion enforce~ment obser~va~tions detain~ees record~ing
    stand~ard chil~dren recog~nised ca~pac~ity consid~er strat~egy meet~ings desig~nated
    offi~cers com~plete qual~ity charg~ing process~ing nation~al 
    guid~ance work~ing digi~tal foren~sic screen~ing particu~lar
    differ~ent evi~dence commit~ted arrange~ments cus~tody detain~ee vic~tims vic~tim
    super~vision busi~ness build~ings train~ing
    """.split()
}


def hyphenate(token: str) -> str:
    """Add the break points of HYPHENATION to a word (keeping any punctuation around it)."""
    match = re.match(r"^([“‘(]*)([A-Za-z]+)(.*)$", token)
    if not match or "~" in token:
        return token
    head, core, tail = match.groups()
    known = HYPHENATION.get(core.lower())
    if not known:
        return token
    if core[0].isupper():
        known = known[0].upper() + known[1:]
    return head + known + tail


def make_words(text: str, font: str, size: float, breaks: bool = True) -> list[Word]:
    """Words with their segments; `breaks` adds the HYPHENATION points (never in headings)."""
    words = []
    for token in map(hyphenate if breaks else str, text.split()):
        notes = _MARKER.findall(token)
        segs: list[Seg] = []
        for index, piece in enumerate(_MARKER.split(token)):
            if index % 2 == 0:
                if piece:
                    segs.append(Seg(piece.replace("~", ""), font, size))
            else:
                segs.append(Seg(f"[^{piece}]", REGULAR, MARKER_SIZE, MARKER_RISE))  # numbered later
        words.append(Word(segs, notes, raw=token))
    return words


def _split_word(word: Word, room: float) -> tuple[Word, Word] | None:
    """Break at the last "~" point whose head (with its hyphen) fits in `room`."""
    if word.notes or "~" not in word.raw:
        return None
    seg = word.segs[0]
    parts = word.raw.split("~")
    for cut in range(len(parts) - 1, 0, -1):
        head = "".join(parts[:cut])
        shown = head if head.endswith("-") else head + "-"
        if stringWidth(shown, seg.font, seg.size) <= room:
            tail = "~".join(parts[cut:])
            return (
                Word([Seg(shown, seg.font, seg.size)], raw=shown),
                Word([Seg(tail.replace("~", ""), seg.font, seg.size)], raw=tail),
            )
    return None


def wrap(words: list[Word], width: float, font: str, size: float) -> tuple[list[list[Word]], list[str]]:
    """Greedy line filling; returns the lines and the words hyphenated at line ends."""
    space = stringWidth(" ", font, size)
    lines: list[list[Word]] = []
    hyphenated: list[str] = []
    current: list[Word] = []
    used = 0.0
    queue = list(words)
    while queue:
        word = queue.pop(0)
        need = word.width + (space if current else 0.0)
        if used + need <= width:
            current.append(word)
            used += need
            continue
        split = _split_word(word, width - used - (space if current else 0.0))
        if split and current:
            current.append(split[0])
            hyphenated.append(split[0].raw + split[1].raw.replace("~", ""))
            queue.insert(0, split[1])
        elif current:
            queue.insert(0, word)
        else:
            current.append(word)  # a word wider than the line: let it overhang
        lines.append(current)
        current, used = [], 0.0
    if current:
        lines.append(current)
    return lines, hyphenated


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


@dataclass
class Page:
    number: int
    ops: list[tuple] = field(default_factory=list)  # ("text", x, y, font, size, str) | ("rule", ...)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (number, text) at the foot
    note_height: float = 0.0
    furniture: bool = True


class Layout:
    """Flows blocks onto pages, one or two columns, keeping footnotes on their marker's page."""

    def __init__(self, report: dict, contents: list[tuple[str, int]]):
        self.report = report
        self.contents = contents
        self.pages: list[Page] = []
        self.toc: list[tuple[str, int]] = []
        self.placed: dict[int, tuple[int, int]] = {}  # block index -> (first page, last page)
        self.hyphenated: list[tuple[int, str]] = []
        self.note_count = 0
        self.columns = 1
        self.column = 0
        self.last_kind = ""
        self.new_page()

    # geometry -------------------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return self.pages[-1]

    def column_box(self) -> tuple[float, float]:
        if self.columns == 1:
            return LEFT, RIGHT - LEFT
        width = (RIGHT - LEFT - GUTTER) / 2
        return LEFT + self.column * (width + GUTTER), width

    def floor(self) -> float:
        return BOTTOM + (self.page.note_height + 14 if self.page.notes else 0.0)

    def new_page(self) -> None:
        self.pages.append(Page(len(self.pages) + 1))
        self.y = TOP
        self.column = 0
        self.column_top = TOP

    def next_column(self) -> None:
        if self.columns == 2 and self.column == 0:
            self.column = 1
            self.y = self.column_top
        else:
            self.new_page()

    def note_lines(self, number: int, key: str) -> list[str]:
        text = f"{number} {self.report['notes'][key]}"
        lines, _ = wrap(make_words(text, REGULAR, NOTE_SIZE), RIGHT - LEFT - 10, REGULAR, NOTE_SIZE)
        return [" ".join(seg.text for w in line for seg in w.segs) for line in lines]

    # drawing --------------------------------------------------------------------------------
    def text(self, x: float, y: float, font: str, size: float, value: str) -> None:
        self.page.ops.append(("text", x, y, font, size, value))

    def place_line(self, line: list[Word], indent: float, leading: float, block: int) -> None:
        """Put one line at the cursor, moving to the next column/page first if it does not fit."""
        # every marker gets the next note number, and its note goes to the foot of this page
        new_notes = [key for word in line for key in word.notes]
        while True:
            extra = sum(len(self.note_lines(0, key)) * NOTE_LEADING for key in new_notes)
            floor = self.floor() + (extra + (14 if not self.page.notes and new_notes else 0))
            if self.y - leading >= floor or self.y == self.column_top:
                break
            self.next_column()
        self.y -= leading
        x = self.column_box()[0] + indent
        numbers = []
        for key in new_notes:
            self.note_count += 1
            numbers.append(self.note_count)
            lines = self.note_lines(self.note_count, key)
            self.page.notes.append((self.note_count, "\n".join(lines)))
            self.page.note_height += len(lines) * NOTE_LEADING
        space = stringWidth(" ", line[0].segs[0].font, line[0].segs[0].size) if line else 0
        for word in line:
            for seg in word.segs:
                shown = str(numbers.pop(0)) if seg.text.startswith("[^") else seg.text
                self.text(x, self.y + seg.rise, seg.font, seg.size, shown)
                x += stringWidth(shown, seg.font, seg.size)
            x += space
        first, _ = self.placed.get(block, (self.page.number, 0))
        self.placed[block] = (first, self.page.number)

    # blocks ---------------------------------------------------------------------------------
    def run(self, blocks: list[Block]) -> None:
        for index, block in enumerate(blocks):
            # headings, paragraphs, lead-ins and sub-items are all flowed text
            getattr(self, f"do_{block.kind}", self.do_text)(index, block)

    def do_pagebreak(self, index: int, block: Block) -> None:
        self.new_page()

    def do_columns(self, index: int, block: Block) -> None:
        self.columns = 2
        self.column = 0
        self.column_top = self.y

    def do_endcolumns(self, index: int, block: Block) -> None:
        self.columns = 1
        self.new_page()

    def do_fill(self, index: int, block: Block) -> None:
        self.y = min(self.y, self.floor() + block.value)

    def do_h1(self, index: int, block: Block) -> None:
        if self.page.ops or self.y != TOP:
            self.new_page()
        if block.text != "Contents":
            self.toc.append((block.text, self.page.number))
        self.do_text(index, block)

    def do_bullet(self, index: int, block: Block) -> None:
        self.do_text(index, block)
        page, x, y = self.first_line_of_block  # the bullet glyph sits beside the first line
        self.pages[page - 1].ops.append(("text", x - 14, y, REGULAR, STYLES["bullet"].size, "•"))

    def do_num(self, index: int, block: Block) -> None:
        self.do_text(index, block)
        page, x, y = self.first_line_of_block
        self.pages[page - 1].ops.append(("text", x - STYLES["num"].indent, y, BOLD, 11, block.num))

    def do_text(self, index: int, block: Block) -> None:
        style = STYLES[block.kind]
        x0, width = self.column_box()
        if self.y != self.column_top:
            self.y -= style.before
            if self.last_kind in ("bullet", "sub") and block.kind not in ("bullet", "sub"):
                self.y -= 6  # a list ends: a little more air before what follows
        self.last_kind = block.kind
        if style.keep and self.y - style.leading - style.keep < self.floor():
            self.next_column()
            x0, width = self.column_box()
        lines, hyphenated = wrap(
            make_words(block.text, style.font, style.size, breaks=not block.kind.startswith("h")),
            width - style.indent,
            style.font,
            style.size,
        )
        self.first_line_of_block = None
        for line in lines:
            self.place_line(line, style.indent, style.leading, index)
            if self.first_line_of_block is None:
                self.first_line_of_block = (self.page.number, self.column_box()[0] + style.indent, self.y)
        self.hyphenated += [(self.page.number, word) for word in hyphenated]
        self.y -= style.after

    def do_grades(self, index: int, block: Block) -> None:
        self.y -= 12
        self.text(LEFT, self.y, BOLD, 11, "Area")
        self.text(LEFT + 300, self.y, BOLD, 11, "Grade")
        for label, grade in block.rows:
            self.y -= 18
            self.text(LEFT, self.y, REGULAR, 11, label)
            self.text(LEFT + 300, self.y, REGULAR, 11, grade)
        self.page.ops.append(("rule", LEFT, self.y - 6, RIGHT))
        self.y -= 20

    def do_contents(self, index: int, block: Block) -> None:
        offset = self.report.get("page_offset", 0)
        for title, page in self.contents:
            self.y -= 20
            self.text(LEFT, self.y, REGULAR, 11, title)
            label = str(page - offset)
            self.text(RIGHT - stringWidth(label, REGULAR, 11), self.y, REGULAR, 11, label)
        self.y -= 10

    # furniture ------------------------------------------------------------------------------
    def finish(self) -> None:
        offset = self.report.get("page_offset", 0)
        for page in self.pages:
            if page.notes:
                top = BOTTOM + page.note_height + 4
                page.ops.append(("rule", LEFT, top, LEFT + 120))
                y = top - 4
                for _number, text in page.notes:
                    for line in text.split("\n"):
                        y -= NOTE_LEADING
                        page.ops.append(("text", LEFT, y, REGULAR, NOTE_SIZE, line))
            if page.number == 1 or not page.furniture:
                continue
            page.ops.append(("text", LEFT, PAGE_H - 42, REGULAR, 9, self.report["header"]))
            printed = page.number - offset
            if printed < 1:
                continue
            label = self.report["footer"].format(n=printed)
            size = 9
            where = self.report.get("footer_align", "right")
            if where == "right":
                x = RIGHT - stringWidth(label, REGULAR, size)
            elif where == "centre":
                x = (PAGE_W - stringWidth(label, REGULAR, size)) / 2
            else:
                x = LEFT
            page.ops.append(("text", x, 40, REGULAR, size, label))


def draw_cover(c: canvas.Canvas, cover: list[tuple[str, float, bool, float]]) -> None:
    """Cover lines: (text, size, bold, gap above). Long lines wrap."""
    y = PAGE_H - 150
    for text, size, bold, gap in cover:
        font = BOLD if bold else REGULAR
        y -= gap
        lines, _ = wrap(make_words(text, font, size, breaks=False), RIGHT - LEFT, font, size)
        for line in lines:
            y -= size * 1.25
            c.setFont(font, size)
            c.drawString(LEFT, y, " ".join(seg.text for w in line for seg in w.segs))


def render(report: dict, path: Path) -> Layout:
    blocks = report["blocks"]
    first = Layout(report, contents=[])  # pass 1: where do the chapters fall?
    first.pages[0].furniture = False
    first.new_page()  # page 1 is the cover
    first.run(blocks)
    layout = Layout(report, contents=first.toc)
    layout.new_page()
    layout.run(blocks)
    layout.finish()
    if layout.toc != first.toc:
        raise RuntimeError("contents changed between passes")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(report["title"])
    c.setAuthor("HMICFRS sample corpus (fictional)")
    c.setSubject(report["subject"])
    c.setCreator("tests/make_corpus.py")
    draw_cover(c, report["cover"])
    c.showPage()
    for page in layout.pages[1:]:
        for op in page.ops:
            if op[0] == "text":
                _, x, y, font, size, value = op
                c.setFont(font, size)
                c.drawString(x, y, value)
            else:
                _, x0, y, x1 = op
                c.setLineWidth(0.5)
                c.line(x0, y, x1, y)
        c.showPage()
    c.save()
    return layout


# ---------------------------------------------------------------------------------------------
# Gold
# ---------------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def item_text_and_pages(blocks: list[Block], placed: dict[int, tuple[int, int]], item_id: str):
    """The item's first full printing: its lead-in (if any) and its first own block(s)."""
    occurrences: list[list[int]] = []
    pending_leadin: int | None = None
    current: list[int] = []
    for index, block in enumerate(blocks):
        if item_id not in block.items:
            if current:
                occurrences.append(current)
                current = []
            if block.kind != "bullet":
                pending_leadin = None
            continue
        if block.kind == "leadin":
            pending_leadin = index
            continue
        if not current and pending_leadin is not None:
            current.append(pending_leadin)
        current.append(index)
    if current:
        occurrences.append(current)
    if not occurrences:
        raise KeyError(f"item {item_id} is never printed")
    texts = [" ".join(plain(blocks[i].text) for i in occ) for occ in occurrences]
    if len(set(texts)) != 1:
        raise ValueError(f"item {item_id} is printed with different texts: {texts}")
    first = occurrences[0]
    return texts[0], placed[first[0]][0], placed[first[-1]][1]


def gold_rows(report: dict, layout: Layout, file: str, digest: str) -> list[dict]:
    published = report["published"]
    rows = []
    for spec in report["items"]:
        text, page, page_end = item_text_and_pages(report["blocks"], layout.placed, spec["id"])
        spec_deadline = spec.get("deadline") or {"kind": "none", "date": None, "text": None}
        deadline = {"kind": spec_deadline["kind"], "date": spec_deadline.get("date"), "text": spec_deadline["text"]}
        if "months" in spec_deadline and published:  # relative: calendar months from publication
            deadline["date"] = add_months(date.fromisoformat(published), spec_deadline["months"]).isoformat()
        if deadline.get("text") and deadline["text"] not in text:
            raise ValueError(f"{spec['id']}: deadline text not in item text")
        if spec.get("addressee_text") and spec["addressee_text"] not in text:
            raise ValueError(f"{spec['id']}: addressee text not in item text")
        rows.append(
            {
                "id": spec["id"],
                "report": {"file": file, "sha256": digest, "title": report["title"], "published": published},
                "kind": spec["kind"],
                "number": spec.get("number"),
                "label": spec.get("label"),
                "parent": spec.get("parent"),
                "text": text,
                "addressees": spec.get("addressees", []),
                "addressee_text": spec.get("addressee_text"),
                "deadline": deadline,
                "page": page,
                "page_end": page_end,
                "review_status": "accepted",
            }
        )
    return rows


def build(stem: str, report: dict) -> tuple[Layout, list[dict]]:
    pdf = ROOT / "corpus" / f"{stem}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    layout = render(report, pdf)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    rows = gold_rows(report, layout, pdf.name, digest)
    gold = ROOT / "gold" / "corpus" / f"{stem}.jsonl"
    gold.parent.mkdir(parents=True, exist_ok=True)
    gold.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return layout, rows


# ---------------------------------------------------------------------------------------------
# The reports
# ---------------------------------------------------------------------------------------------

HMICFRS = "His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services"


def thematic() -> dict:
    """A national thematic inspection: numbered recommendations listed up front and in chapters."""
    r1 = (
        "By 31 March 2024, chief constables should make sure that their forces record every referral "
        "about online child sexual abuse as a crime where the national crime recording standard[^ncrs] "
        "requires it, and that each referral is assessed for risk using a recognised tool[^kirat] within "
        "24 hours of its receipt."
    )
    r2 = (
        "By 31 October 2023, the National Police Chiefs’ Council lead for child protection should work "
        "with chief constables and chief officers with responsibilities for regional organised crime "
        "units to agree a single process for allocating referrals from the National Crime Agency, so "
        "that each referral reaches the team best placed to investi~gate it without delay."
    )
    r3_lead = (
        "By 30 April 2025, chief constables and police and crime commissioners should review the "
        "capacity of the teams that investigate online child sexual abuse in their areas, and make "
        "sure that:"
    )
    r3_subs = (
        "(a) each team has enough trained investigators to manage the number of referrals it "
        "receives, taking account of the growth in referrals since 2019;",
        "(b) digital forensic examinations of devices seized from suspects are completed within the "
        "timescales the force has set, and any backlog is reported to the chief officer team every "
        "month; and",
        "(c) the wellbeing of officers and staff who view indecent images of children is monitored "
        "and supported, including through regular psychological screening.",
    )
    r4 = (
        "With immediate effect, chief constables should make sure that officers who attend the home "
        "of a suspect in an online child abuse case consider the safe~guarding needs of every child "
        "in the household, and record their assessment."
    )
    r5 = (
        "Within six months of the publication of this report, the College of Policing should update "
        "its authorised professional practice on the investigation of online child sexual abuse to "
        "include guidance on holding multi-~agency strategy meetings when a suspect has access to "
        "children through their work or volunteering."
    )
    r6 = (
        "By the end of the 2024/25 financial year, the Home Office should work with the National "
        "Crime Agency to review how the Child Abuse Image Database is funded, so that forces can rely "
        "on it being available and up to date."
    )
    afi1 = (
        "Forces should improve how they share information about online child abuse suspects "
        "effec~tively with local authority designated officers, so that the risks from suspects who "
        "work with children are managed."
    )
    afi2 = (
        "Chief constables, in consultation with the Crown Prosecution Service, should make sure that "
        "case files for online child abuse offences are complete and of good quality when they are "
        "first submitted for a charging decision."
    )

    def rec(n, text, item):
        return [h3(f"Recommendation {n}"), p(text, item)]

    def rec3():
        return [h3("Recommendation 3"), p(r3_lead, "r3")] + [sub(s, "r3") for s in r3_subs]

    blocks = [
        h1("Contents"),
        CONTENTS,
        h1("Summary"),
        h2("About this inspection"),
        p(
            "In this inspection we examined how well the police respond to online child sexual abuse "
            "and exploitation. We inspected six forces: Northshire Police, Eastvale Constabu~lary, "
            "Kingsmoor Police, Westmarch Police, Fenland Vale Police and Harrowdale Police. We also "
            "spoke to officers in two regional organised crime units and to staff at the National "
            "Crime Agency, the College of Policing and the Home Office."
        ),
        p(
            "The number of referrals that forces receive about online child sexual abuse has "
            "increased every year since 2019. Most referrals come to forces from the National Crime "
            "Agency, which receives reports from internet companies based overseas.[^ncmec] Each "
            "referral may relate to one image or to many thousands."
        ),
        h2("What we found"),
        p(
            "We found that officers and staff in the teams we inspected were committed and skilled. "
            "But too many referrals waited weeks before anyone assessed the risk they posed to "
            "children. In four of the six forces, the teams did not have enough trained investigators "
            "for the work they were given, and digital forensic examinations took many months."
        ),
        p(
            "Forces did not always record referrals as crimes, and so they could not be sure how many "
            "children were at risk. When officers visited the homes of suspects, they did not always "
            "consider the safety of the other children living there."
        ),
        p(
            "Nationally, the arrangements for passing referrals from the National Crime Agency to "
            "forces and regional units are complicated and slow. We make six recommendations and "
            "identify two areas for improvement. They are listed in the next section and explained "
            "in the chapters where they arise."
        ),
        h1("Recommendations"),
        *rec(1, r1, "r1"),
        *rec(2, r2, "r2"),
        *rec3(),
        *rec(4, r4, "r4"),
        *rec(5, r5, "r5"),
        fill(62),  # recommendation 6 runs over the page here too
        *rec(6, r6, "r6"),
        h2("Areas for improvement"),
        h3("Area for improvement 1"),
        p(afi1, "afi1"),
        h3("Area for improvement 2"),
        p(afi2, "afi2"),
        h1("1. Introduction"),
        h2("Background"),
        p(
            "Online child sexual abuse includes the making, sharing and viewing of indecent images of "
            "children, the grooming of children online and the live streaming of abuse. Offenders use "
            "encrypted services and anonymising tools, which makes them harder to identify."
        ),
        p(
            "By 2016, the force had set up a dedicated online child abuse investigation team of six "
            "officers, and it had started to use risk assessment software to decide which referrals "
            "to investigate first. The Northshire team has since grown. By 31 May 2023, 4,323 cases "
            "had been referred to it, and it employed 14 officers and staff."
        ),
        p(
            "Other forces have taken different approaches. Some investigate referrals in their "
            "child protection teams; others pass them to neighbour~hood officers. We found no evidence "
            "that any one model is more effective than the others, but we did find that forces which "
            "regularly reviewed their demand were better able to plan their resources."
        ),
        h2("Progress since our 2021 inspection"),
        p(
            "In 2021 we published our last inspection of this subject and made ten recommendations. "
            "We have reviewed the progress forces and national bodies have made against each one."
        ),
        p(
            "Recommendation 7 from our 2021 report said that, by 31 March 2022, chief constables should "
            "make sure their forces had enough trained staff to examine the devices seized from "
            "suspects. We found that progress against this recommendation has been limited, and we "
            "have graded it amber. Backlogs of devices waiting for examination remain in most of the "
            "forces we inspected."
        ),
        p(
            "The other recommendations from our 2021 report have been completed or superseded. We do "
            "not repeat them here, but we refer to them where they are relevant."
        ),
        h2("Our methodology"),
        p(
            "We reviewed 240 case files, interviewed more than 150 officers and staff, and held focus "
            "groups with investigators and supervisors in each force. We also surveyed specialist "
            "staff about their wellbeing, and 412 people responded."
        ),
        h1("2. Identifying and assessing risk"),
        h2("Recording referrals as crimes"),
        p(
            "When a force receives a referral about indecent images of children, the national crime "
            "recording standard requires it to record a crime if there is enough information to "
            "identify where the offence took place. In three forces we found referrals that had not "
            "been recorded, sometimes for several months."
        ),
        p(
            "Without accurate records a force cannot understand its demand, and referrals that are "
            "not recorded are less likely to be supervised. We make the following recommendation."
        ),
        *rec(1, r1, "r1"),
        h2("Visiting the homes of suspects"),
        p(
            "In 38 of the 240 cases we reviewed, officers who visited a suspect’s home did not record "
            "whether they had considered the safety of the children living there. In some of these "
            "cases the suspect had unsuper~vised access to children every day."
        ),
        *rec(4, r4, "r4"),
        h2("Sharing information with partners"),
        p(
            "When a suspect works or volunteers with children, forces should tell the local authority "
            "designated officer. Most forces did this, but not always quickly, and some did not check "
            "what action had been taken as a result."
        ),
        h3("Area for improvement 1"),
        p(afi1, "afi1"),
        h1("3. Working with partner organisations"),
        COLUMNS,
        p(
            "Referrals about online child sexual abuse reach forces by several routes. Most come from "
            "the National Crime Agency, which receives reports from internet companies and from "
            "organisations overseas. Others come from regional organised crime units, from other "
            "forces and from members of the public. Each route has its own processes, and each "
            "regional unit has its own criteria for deciding which cases it will keep."
        ),
        p(
            "Officers told us that this makes it hard to know who is responsible for a referral at "
            "any given time. In one force, a referral about a suspect who had access to children "
            "through his work was passed between the regional unit and the force three times before "
            "anyone visited him. In another, two teams investigated the same suspect without knowing "
            "about each other until the suspect’s solicitor pointed it out."
        ),
        p(
            "We found good examples of joint working. In Kingsmoor, the force and the regional unit "
            "hold a daily meeting to agree which team will take each new referral, and they keep a "
            "shared record of the decision. Investigators in both organisations said this had removed "
            "delays and duplication. The arrangement costs little and could be adopted elsewhere."
        ),
        p(
            "Local authorities, schools and health services also have an important part to play. "
            "When a suspect is identified, partner organi~sations may hold information that helps "
            "the police to understand the risk he poses, and they may be able to support the "
            "children in his household. In most forces, strategy meetings with children’s social "
            "care took place promptly. But education and health partners were rarely invited, even "
            "where the suspect worked in a school or a hospital."
        ),
        p(
            "The teams that investigate these crimes are under considerable pressure. The volume of "
            "referrals has grown faster than the number of investigators, and the time needed to "
            "examine each device has increased as storage capacity has grown. In two forces, "
            "investigators were each responsible for more than 30 open investi~gations. Supervisors "
            "told us they could not review every case as often as they would like."
        ),
        p(
            "Viewing indecent images of children can cause lasting harm to the people who do it. All "
            "six forces offered some psychological support, but only two required staff to attend "
            "regular screening. Several investigators told us they had not sought help because they "
            "feared it would affect their careers."
        ),
        p(
            "Police and crime commissioners have a role in holding chief constables to account for "
            "this work. Few of the commissioners’ police and crime plans mentioned online child abuse, "
            "and we found little evidence that commissioners had asked for information about the "
            "capacity of the teams doing it."
        ),
        END_COLUMNS,
        h2("Allocating referrals"),
        p(
            "The National Police Chiefs’ Council has a lead for child protection who is responsible "
            "for national guidance on these investigations. We believe the council is well placed to "
            "bring forces and regional units together to agree a single allocation process, and that "
            "this should happen quickly."
        ),
        *rec(2, r2, "r2"),
        h2("Capacity and wellbeing"),
        p(
            "The pressures described above are not new, and several forces have plans to increase "
            "their capacity. But those plans were not always based on an understanding of demand, "
            "and few took account of the wellbeing of the staff concerned. In three forces, the "
            "backlog of devices waiting for examination had grown in each of the last three years."
        ),
        p(
            "Commissioners and chief constables should work together to make sure these teams have "
            "the resources they need. We make the following recommendation."
        ),
        fill(60),
        *rec3(),
        h1("4. National arrangements"),
        h2("Guidance for investigators"),
        p(
            "The College of Policing’s authorised professional practice gives investigators guidance "
            "on online child sexual abuse. It does not say when partner organisations such as "
            "schools, health services and sports clubs should be invited to strategy meetings."
        ),
        *rec(5, r5, "r5"),
        h2("The Child Abuse Image Database"),
        p(
            "The Child Abuse Image Database allows forces to identify known images quickly, so that "
            "investigators spend less time viewing them. Forces told us that the database was "
            "sometimes unavailable, and that funding for its develop~ment had been agreed only one "
            "year at a time."
        ),
        *rec(6, r6, "r6"),
        h2("Charging decisions"),
        p(
            "Prosecutors told us that many case files for these offences were incomplete when they "
            "were first submitted, which delayed charging decisions and left suspects on bail or "
            "released under investigation for long periods."
        ),
        h3("Area for improvement 2"),
        p(afi2, "afi2"),
        h2("Conclusion"),
        p(
            "Forces have worked hard to respond to a rapid growth in online child sexual abuse. "
            "But the arrangements for managing that demand have not kept pace. We will monitor "
            "progress against our recommendations and areas for improvement through our PEEL "
            "inspections and the HMICFRS monitoring portal."
        ),
    ]
    notes = {
        "ncmec": "Most reports originate with the National Center for Missing & Exploited Children in the USA.",
        "ncrs": "Home Office, Crime recording rules for frontline officers and staff, April 2023.",
        "kirat": "Most forces use the Kent Internet Risk Assessment Tool (KIRAT) to prioritise referrals.",
    }
    items = [
        dict(id="r1", kind="recommendation", number="1", label="Recommendation 1",
             addressees=["chief_constables"], addressee_text="chief constables",
             deadline={"kind": "date", "date": "2024-03-31", "text": "By 31 March 2024"}),
        dict(id="r2", kind="recommendation", number="2", label="Recommendation 2",
             addressees=["npcc"],
             addressee_text="the National Police Chiefs’ Council lead for child protection",
             deadline={"kind": "date", "date": "2023-10-31", "text": "By 31 October 2023"}),
        dict(id="r3", kind="recommendation", number="3", label="Recommendation 3",
             addressees=["chief_constables", "police_and_crime_commissioners"],
             addressee_text="chief constables and police and crime commissioners",
             deadline={"kind": "date", "date": "2025-04-30", "text": "By 30 April 2025"}),
        dict(id="r4", kind="recommendation", number="4", label="Recommendation 4",
             addressees=["chief_constables"], addressee_text="chief constables",
             deadline={"kind": "immediate", "date": None, "text": "With immediate effect"}),
        dict(id="r5", kind="recommendation", number="5", label="Recommendation 5",
             addressees=["college_of_policing"], addressee_text="the College of Policing",
             deadline={"kind": "relative", "months": 6,
                       "text": "Within six months of the publication of this report"}),
        dict(id="r6", kind="recommendation", number="6", label="Recommendation 6",
             addressees=["home_office"], addressee_text="the Home Office",
             deadline={"kind": "financial_year", "date": "2025-03-31",
                       "text": "By the end of the 2024/25 financial year"}),
        dict(id="afi1", kind="area_for_improvement", number="1", label="Area for improvement 1",
             addressees=["chief_constables"], addressee_text="Forces"),
        dict(id="afi2", kind="area_for_improvement", number="2", label="Area for improvement 2",
             addressees=["chief_constables"], addressee_text="Chief constables"),
    ]
    title = "An inspection of how well the police tackle online child sexual abuse and exploitation"
    return dict(
        title=title,
        subject="National thematic inspection (fictional sample)",
        published="2023-09-07",
        header="Online child sexual abuse and exploitation",
        footer="Page {n}",
        footer_align="right",
        cover=[
            (title, 26, True, 0),
            (HMICFRS, 12, False, 40),
            ("Published on: 7 September 2023", 12, False, 24),
        ],
        blocks=blocks,
        notes=notes,
        items=items,
    )


def peel() -> dict:
    """A PEEL inspection of one force: graded, one cause of concern with bulleted recommendations."""
    coc = (
        "The force needs to improve how it investigates crime. Too many investigations are poorly "
        "supervised, and victims aren’t always kept informed of the progress of their case."
    )
    lead = "Within three months, the force should:"
    recs = (
        "make sure that investigations are allocated to officers and staff with the skills, "
        "experience and capacity to complete them;",
        "make sure that supervisors regularly review investigations and set clear, achievable "
        "actions that are completed on time; and",
        "make sure that victims are updated on the progress of their case, in line with the "
        "Victims’ Code,[^vcode] and that the reasons for decisions about their case are recorded.",
    )
    afis = {
        "afi1": "The force should make sure that it answers emergency and non-emergency calls "
        "within national standards.",
        "afi2": "The force should improve how it identifies repeat and vulnerable victims when they "
        "first contact the force, so that it can give them the right support.",
        "afi3": "The force should make sure that the outcomes it assigns to crimes are appropriate "
        "and that the reasons for them are recorded.",
        "afi4": "The force should make sure that it has enough trained staff to manage registered "
        "sex offenders, and that their risk assessments are completed on time.",
        "afi5": "The force should improve its understanding of the wellbeing needs of its "
        "workforce and make sure that its wellbeing services[^oscar] meet those needs.",
    }

    def afi(key):
        return [h3("Area for improvement"), p(afis[key], key)]

    blocks = [
        h1("Contents"),
        CONTENTS,
        h1("Overall summary"),
        h2("Our judgments"),
        p(
            "Our inspection assessed how good Northshire Police is in eight areas of policing. We "
            "make graded judgments in seven of these eight as follows:"
        ),
        grades(
            ("Providing a service to the victims of crime", "Requires improvement"),
            ("Preventing crime and antisocial behaviour", "Good"),
            ("Responding to the public", "Requires improvement"),
            ("Investigating crime", "Inadequate"),
            ("Protecting vulnerable people", "Adequate"),
            ("Managing offenders and suspects", "Requires improvement"),
            ("Building, supporting and protecting the workforce", "Adequate"),
        ),
        p(
            "We also inspected how effective the force’s chief officers are at leading and managing "
            "the force. We don’t make graded judgments in this area. We set out our detailed "
            "findings about things the force is doing well and where it should improve in the rest "
            "of this report."
        ),
        h2("HM Inspector’s observations"),
        p(
            "I have concerns about the performance of Northshire Police in keeping people safe and "
            "reducing crime. The force is good at preventing crime and works well with its partner "
            "organisations in neighbourhoods. But it needs to improve how it investigates crime, "
            "and it doesn’t always answer calls from the public quickly enough."
        ),
        p(
            "In our 2021/22 PEEL inspection, we said that the force should improve how it "
            "supervises investigations. The force hasn’t made enough progress, and we have now "
            "identified a cause of concern."
        ),
        h2("Cause of concern"),
        p(coc, "coc1"),
        p(
            "We set out our recommendations for this cause of concern in the ‘Investigating crime’ "
            "section of this report."
        ),
        h2("Areas for improvement"),
        *[p(afis[key], key) for key in afis],
        h1("Providing a service to the victims of crime"),
        p("Requires improvement"),
        p(
            "We audited 120 crimes reported to the force. In most cases, the force recorded crimes "
            "correctly and assessed victims’ needs at the first point of contact. But victims were "
            "not always told how their case was progressing, and the force did not always record "
            "whether victims supported further action."
        ),
        p(
            "When a victim withdrew their support for a prosecution, the force did not always "
            "consider whether it could continue without it. This was especially true in cases of "
            "domestic abuse."
        ),
        h1("Preventing crime and antisocial behaviour"),
        p("Good"),
        p(
            "The force prioritises the prevention of crime and antisocial behaviour. Its neighbour~hood "
            "teams know their communities well and use problem-solving methods to tackle the "
            "issues that matter most to local people. By 2022, the force had trained every "
            "neighbourhood officer in problem solving, and it evaluates the work it does."
        ),
        p(
            "The force works well with partner organisations, including local councils and housing "
            "providers, to reduce antisocial behaviour. It shares information with them effectively."
        ),
        h1("Responding to the public"),
        p("Requires improvement"),
        p(
            "The force doesn’t answer emergency calls quickly enough. In the year to 31 March 2023, "
            "it answered 71 percent of emergency calls within ten seconds, against a national "
            "standard of 90 percent. Callers to the non-emergency number often waited more than "
            "ten minutes, and many abandoned their calls."
        ),
        *afi("afi1"),
        p(
            "Call handlers did not always use the force’s structured risk assessment, and they "
            "did not always check the force’s systems to find out whether a caller had reported "
            "incidents before."
        ),
        *afi("afi2"),
        h1("Investigating crime"),
        p("Inadequate"),
        p(
            "Investigations are not always effective. In 41 of the 120 cases we audited, the "
            "investigation was not thorough, and in many of these there was no evidence that a "
            "supervisor had reviewed the case. Officers told us they had too many investigations "
            "to manage, and some were investigating crimes they had not been trained to deal with."
        ),
        h3("Cause of concern"),
        p(coc, "coc1"),
        h3("Recommendations"),
        leadin(lead, ("rec1", "rec2", "rec3")),
        bullet(recs[0], "rec1"),
        bullet(recs[1], "rec2"),
        bullet(recs[2], "rec3"),
        p(
            "The force’s use of outcomes is not always appropriate. When it closed a case because "
            "the victim did not support further action, it did not always record how it had "
            "reached that decision."
        ),
        *afi("afi3"),
        h1("Protecting vulnerable people"),
        p("Adequate"),
        p(
            "The force identifies vulnerable people well and works with partner organisations to "
            "safeguard them. Its multi-agency safeguarding hub is effective, and referrals are "
            "assessed promptly. Officers understand the signs of exploitation and how to respond."
        ),
        h1("Managing offenders and suspects"),
        p("Requires improvement"),
        p(
            "The force has a backlog of overdue risk assessments for registered sex offenders. "
            "Offender managers each had more than 80 offenders to manage, which is well above "
            "the level the force considers safe. The force has plans to recruit more staff, but "
            "they will not be trained until 2025."
        ),
        *afi("afi4"),
        h1("Building, supporting and protecting the workforce"),
        p("Adequate"),
        p(
            "The force has a positive culture and its leaders are visible. But the workforce is "
            "tired, and many officers told us they felt under pressure. The force doesn’t fully "
            "understand the wellbeing needs of its officers and staff, and the take-up of its "
            "wellbeing services is low."
        ),
        *afi("afi5"),
        h1("Leadership and force management"),
        p(
            "The force has a clear plan for how it will improve. Its chief officers understand "
            "where the force is performing less well, and they have put in place a programme to "
            "address the issues we describe in this report. We will monitor the force’s progress "
            "against our cause of concern and areas for improvement."
        ),
    ]
    notes = {
        "vcode": "Ministry of Justice, Code of Practice for Victims of Crime in England and Wales, 2020.",
        "oscar": "The force’s wellbeing services include occupational health, trauma risk management and peer support.",
    }
    force = dict(addressees=["force"], addressee_text="The force")
    within = {"kind": "relative", "months": 3, "text": "Within three months"}
    items = [
        dict(id="coc1", kind="cause_of_concern", label="Cause of concern", addressees=[]),
        *[
            dict(id=f"rec{n}", kind="recommendation", parent="coc1", addressees=["force"],
                 addressee_text="the force", deadline=within)
            for n in (1, 2, 3)
        ],
        *[dict(id=key, kind="area_for_improvement", **force) for key in afis],
    ]
    return dict(
        title="PEEL 2023–25 Police effectiveness, efficiency and legitimacy",
        subject="PEEL inspection of one force (fictional sample)",
        published="2024-03-01",
        header="PEEL 2023–25: Northshire Police",
        footer="{n}",
        footer_align="centre",
        cover=[
            ("PEEL 2023–25", 28, True, 0),
            ("Police effectiveness, efficiency and legitimacy", 28, True, 0),
            ("An inspection of Northshire Police", 16, False, 30),
            ("March 2024", 14, False, 20),
            (HMICFRS, 11, False, 260),
        ],
        blocks=blocks,
        notes=notes,
        items=items,
    )


def fire() -> dict:
    """A fire and rescue service inspection: a dated lead-in, unnumbered AFIs, a two-column page."""
    coc = (
        "The service isn’t doing enough to make sure that the buildings in Westmarch that pose the "
        "highest risk to the public are inspected, and it doesn’t take enforcement action "
        "consistently when it finds that a building is unsafe."
    )
    lead = "By 30 September 2024, the service should:"
    recs = (
        "make sure that its risk-based inspection programme prioritises the highest-risk premises, "
        "and that it has enough qualified protection staff to carry out the programme; and",
        "make sure that it uses its full range of enforcement powers consistently, in line with "
        "its own enforcement policy.",
    )
    afis = {
        "afi1": "The service should make sure that the risk information it gives to crews is "
        "accurate and up to date, and that crews can easily get it when they attend an incident.",
        "afi2": "The service should make sure that it targets its home fire safety visits at the "
        "people most at risk from fire, using all the data available to it.",
        "afi3": "The service should make sure that it understands why it doesn’t meet its own "
        "response standards[^standards] in rural areas, and that it takes action to improve.",
        "afi4": "The service should make sure that all staff understand and demonstrate its values "
        "and behaviours, and that it tackles bullying and harassment effec~tively.",
    }

    def afi(key):
        return [h3("Area for improvement"), p(afis[key], key)]

    def cause():
        return [
            h3("Cause of concern"),
            p(coc, "coc1"),
            h3("Recommendations"),
            leadin(lead, ("rec1", "rec2")),
            bullet(recs[0], "rec1"),
            bullet(recs[1], "rec2"),
        ]

    blocks = [
        h1("Contents"),
        CONTENTS,
        h1("Overall summary"),
        p(
            "We are pleased with some aspects of the performance of Westmarch Fire and Rescue "
            "Service, but it needs to improve in several areas. Our judgments are as follows:"
        ),
        grades(
            ("Understanding risk", "Adequate"),
            ("Preventing fires and other risks", "Good"),
            ("Protecting the public through fire regulation", "Inadequate"),
            ("Responding to fires and other emergencies", "Adequate"),
            ("Making best use of resources", "Requires improvement"),
            ("Promoting the right values and culture", "Requires improvement"),
        ),
        h2("HM Inspector’s summary"),
        p(
            "The service has a good understanding of the risks in its area and works hard to "
            "prevent fires. But its protection work is not good enough. Too few of the buildings "
            "that pose the highest risk have been inspected, and the service has lost experienced "
            "protection staff faster than it has been able to train new ones."
        ),
        p(
            "In our 2021 inspection, we said the service should improve how it evaluates its "
            "prevention work. We are pleased that it has made good progress."
        ),
        *cause(),
        h1("Understanding the risk of fire and other emergencies"),
        p("Adequate"),
        p(
            "The service has a community risk management plan[^crmp] that sets out the main risks in "
            "Westmarch, including its large rural area, its port and its growing number of "
            "high-rise residential buildings. The plan was developed after consultation with the "
            "public and partner organisations."
        ),
        p(
            "Crews gather information about risks in their station areas. But we found that some "
            "of the information on crews’ mobile data terminals was out of date, and in two cases "
            "it was missing altogether."
        ),
        *afi("afi1"),
        h1("Preventing fires and other risks"),
        p("Good"),
        COLUMNS,
        p(
            "The service’s prevention strategy is clearly linked to the risks in its community "
            "risk management plan. By 2019, the service had set up a central prevention team, "
            "and it now carries out more than 9,000 home fire safety visits each year. Staff "
            "told us they were proud of this work and understood why it mattered."
        ),
        p(
            "The service works well with other organisations to reduce risk. It has agreements "
            "to share data with the local councils, the ambulance service and the police, and "
            "it receives referrals from health visitors and social workers. Partner organisations "
            "told us the service was reliable and responsive."
        ),
        p(
            "But the service does not always use this data to decide which households to visit. "
            "In the year to 31 March 2023, more than a third of its home fire safety visits were "
            "to people who had asked for one, rather than to those most at risk. Staff told us "
            "that it was easier to meet their targets by visiting people who had asked."
        ),
        p(
            "The service has improved how it evaluates its prevention work. It now asks people "
            "who have received a home fire safety visit whether they have changed their "
            "behaviour, and it uses the results to improve the advice it gives. It has also "
            "started to evaluate its work with schools."
        ),
        p(
            "The service tackles fire-setting behaviour well. It has a team of trained advisers "
            "who work with children and young people referred to it by schools, the police and "
            "youth offending teams, and it evaluates the results of each intervention."
        ),
        p(
            "The service also works with the police to tackle arson. Its investigators are well "
            "trained, and they share information with the police promptly. We found examples of "
            "joint work that had reduced deliberate fires in parts of the county."
        ),
        p(
            "The service’s road safety work is well regarded by its partners. It runs courses "
            "for young drivers and takes part in campaigns run by the local road safety "
            "partnership, although it has not yet evaluated their effect."
        ),
        p(
            "Water safety is a growing priority. The service has trained staff to deliver water "
            "safety education, and it works with the coastguard and the lifeboat service to "
            "reduce the number of people who drown each year in the county’s rivers and lakes."
        ),
        END_COLUMNS,
        *afi("afi2"),
        h1("Protecting the public through fire regulation"),
        p("Inadequate"),
        p(
            "The service has a risk-based inspection programme, but it does not target the "
            "premises that pose the highest risk. In the year to 31 March 2023, it inspected only "
            "a quarter of the buildings it had identified as high risk. It has 11 qualified "
            "inspectors, against an establishment of 18."
        ),
        p(
            "When inspectors find that a building is unsafe, they do not always take the action "
            "that the service’s own policy requires. We reviewed 30 audits of unsafe premises and "
            "found that formal action had been taken in only nine of them."
        ),
        *cause(),
        p(
            "The service works well with other enforcement bodies, including the local councils "
            "and the building safety regulator, and it responds promptly to building consultations."
        ),
        h1("Responding to fires and other emergencies"),
        p("Adequate"),
        p(
            "The service has set its own standard for how quickly it responds to emergencies. "
            "It meets the standard in urban areas but not in rural areas, where it relies on "
            "on-call firefighters and where fire engines are often unavailable because there are "
            "not enough crew."
        ),
        *afi("afi3"),
        h1("Making best use of resources"),
        p("Requires improvement"),
        p(
            "The service’s budget is balanced for the current year, but it has a gap of £2.1 "
            "million over the next three years. Its plans to close the gap are not yet fully "
            "developed, and it has not assessed how they would affect its response standards."
        ),
        h1("Promoting the right values and culture"),
        p("Requires improvement"),
        p(
            "The service has a clear set of values, but not all staff demonstrate them. Some staff "
            "told us that they had seen bullying and harassment and that they did not feel "
            "confident reporting it. The service has started a programme of training for its "
            "managers, but this has not yet reached all of them."
        ),
        *afi("afi4"),
    ]
    notes = {
        "crmp": "Each fire and rescue authority must produce a community risk management plan under the Fire and Rescue National Framework for England.",
        "standards": "The service aims to have a fire engine at a life-risk incident within ten minutes in urban areas and fifteen minutes in rural areas.",
    }
    by_date = {"kind": "date", "date": "2024-09-30", "text": "By 30 September 2024"}
    # first printed under their own "Area for improvement" heading (PEEL's are first printed in
    # the summary's list, with no heading of their own)
    service = dict(addressees=["fire_and_rescue_services"], addressee_text="The service",
                   label="Area for improvement")
    items = [
        dict(id="coc1", kind="cause_of_concern", label="Cause of concern", addressees=[]),
        *[
            dict(id=f"rec{n}", kind="recommendation", parent="coc1",
                 addressees=["fire_and_rescue_services"], addressee_text="the service", deadline=by_date)
            for n in (1, 2)
        ],
        *[dict(id=key, kind="area_for_improvement", **service) for key in afis],
    ]
    return dict(
        title="Effectiveness, efficiency and people 2023–25",
        subject="Fire and rescue service inspection (fictional sample)",
        published="2024-01-23",
        header="Westmarch Fire and Rescue Service",
        footer="{n}",
        footer_align="centre",
        cover=[
            ("Fire and rescue service inspection programme", 12, False, 0),
            ("Effectiveness, efficiency and people 2023–25", 28, True, 16),
            ("An inspection of Westmarch Fire and Rescue Service", 16, False, 24),
            ("Published on: 23 January 2024", 12, False, 24),
            (HMICFRS, 11, False, 240),
        ],
        blocks=blocks,
        notes=notes,
        items=items,
    )


def custody() -> dict:
    """A joint custody inspection: numbered causes of concern, recommendations and AFIs, S1/4.12
    paragraph numbers, and a closing section that repeats every item with a cross-reference."""
    coc = {
        "coc1": "Leaders did not have effective oversight of the use of force in custody. Not all "
        "incidents were recorded, and the force could not show that the force used on detainees "
        "was always necessary and proportionate.",
        "coc2": "Detainees at risk of self-harm were not always observed at the level set in their "
        "care plan, and some checks were not carried out at all. This put detainees at risk.",
    }
    rec = {
        "rec1": "The force should make sure that every use of force in custody is recorded and "
        "reviewed by a supervisor, and that the data is analysed to identify trends.",
        "rec2": "The force and the police and crime commissioner should make sure that the "
        "governance of custody includes regular scrutiny of use of force data, including by "
        "independent custody visitors.",
        "rec3": "The force, working with its healthcare provider, should make sure that "
        "observations of detainees are carried out at the level set in their care plan and are "
        "accurately recorded.",
        "rec4": "The force should make sure that all custody staff receive refresher training in "
        "risk assessment and in the care of detainees at risk of self-harm by the end of 2024.",
    }
    afi = {
        "afi1": "The force should make sure that its custody performance data is accurate and is "
        "used to improve outcomes for detainees.",
        "afi2": "The force should make sure that all custody staff complete their mandatory "
        "training on time.",
        "afi3": "The force should make sure that officers consider alternatives to custody for "
        "children and vulnerable adults, and record the reasons when they decide to detain them.",
        "afi4": "The force should make sure that detainees’ privacy is protected when they are "
        "booked into custody.",
        "afi5": "The force should make sure that detainees held for longer periods are offered a "
        "shower, exercise and reading material.",
        "afi6": "The force should make sure that a pre-release risk assessment is completed for "
        "every detainee and that it addresses the risks identified.",
    }
    # where each item is discussed in the body: the cross-references printed in section 6
    ref = {"coc1": "2.6", "rec1": "2.6", "rec2": "2.7", "afi1": "2.8", "afi2": "2.9", "afi3": "3.4",
           "afi4": "4.5", "coc2": "5.4", "rec3": "5.4", "rec4": "5.5", "afi5": "5.7", "afi6": "5.9"}
    label = {"coc1": "Cause of concern 1", "coc2": "Cause of concern 2"}
    label.update({f"rec{n}": f"Recommendation {n}" for n in range(1, 5)})
    label.update({f"afi{n}": f"Area for improvement {n}" for n in range(1, 7)})
    text = {**coc, **rec, **afi}

    def item(key):
        return [h3(label[key]), p(text[key], key)]

    def summary(key):
        return [h3(label[key]), p(f"{text[key]} ({ref[key]})")]

    blocks = [
        h1("Contents"),
        CONTENTS,
        h1("Introduction"),
        p(
            "This report is one in a series of inspections of police custody carried out jointly "
            "by HM Inspectorate of Prisons and His Majesty’s Inspectorate of Constabulary and Fire "
            "& Rescue Services. These inspections form part of the UK’s response to its international "
            "obligations to make sure that all places of detention are regularly and independently "
            "inspected.[^opcat]"
        ),
        p(
            "The inspections look at the treatment of and conditions for detainees, focusing on "
            "outcomes for detainees. They are carried out against our published expectations for "
            "police custody, which set out what we expect to find."
        ),
        h1("Summary"),
        num("S1", "We carried out an unannounced inspection of the four custody suites in Northshire "
            "Police. The suites at Northgate and Ashby are open all the time; the suites at Fenwick "
            "and Moor Lane are used when the others are full."),
        num("S2", "Leaders had a clear vision for custody, and staff were committed to treating "
            "detainees well. But oversight of the use of force was weak, and the force could not "
            "show that force was always used appropriately."),
        num("S3", "Officers did not always consider alternatives to custody for children and "
            "vulnerable adults. In the year to 29 February 2024, 312 children were detained, and "
            "the reasons for detaining them were not always recorded."),
        num("S4", "Most detainees were booked in promptly and treated respectfully. Risk "
            "assessments were generally thorough, but the booking-in areas did not give detainees "
            "enough privacy."),
        num("S5", "Custody cells were mostly clean, and detainees were given food and drink. But "
            "observations of detainees at risk of self-harm were not always carried out at the "
            "level set, which is a cause of concern."),
        num("S6", "Health care was good, and detainees could see a nurse or paramedic quickly. "
            "Liaison and diversion services were available in every suite."),
        num("S7", "Release arrangements were generally good, although pre-release risk assessments "
            "were not always completed."),
        num("S8", "We identified two causes of concern, made four recommendations and identified six "
            "areas for improvement. They are set out in the relevant sections of this report and "
            "listed together in section 6."),
        h1("Section 1. Background and aims of the inspection"),
        num("1.1", "HM Inspectorate of Prisons and His Majesty’s Inspectorate of Constabulary and "
            "Fire & Rescue Services have been inspecting police custody since 2008."),
        num("1.2", "Our inspections look at strategy, treatment and conditions, individual rights "
            "and health care, and they are informed by a set of expectations about the appropriate "
            "treatment of detainees and the conditions of their detention."),
        num("1.3", "During this inspection we examined 60 custody records, observed 25 detainees "
            "being booked in and spoke to more than 40 detainees and 50 staff."),
        num("1.4", "This report describes our findings, and at the end of each section it sets out "
            "any causes of concern, recommendations and areas for improvement."),
        h1("Section 2. Leadership, accountability and partnerships"),
        num("2.1", "A chief superintendent led custody and reported to the assistant chief "
            "constable for local policing. Leaders visited the suites regularly and were well "
            "known to staff."),
        num("2.2", "The force had enough custody staff to run the suites safely at most times, but "
            "it relied on officers from response teams to cover gaps at weekends."),
        num("2.3", "Staff had good working relationships with partner organisations, including the "
            "healthcare provider, the local authorities and the independent custody visitors."),
        num("2.4", "The force’s use of force forms were not always completed. We found 14 incidents "
            "on CCTV that had not been recorded at all."),
        num("2.5", "Where use of force was recorded, supervisors did not always review it, and the "
            "force did not analyse the data to find out why force was being used."),
        num("2.6", "Leaders did not have a full picture of how force was used in custody, and they "
            "could not show that it was always necessary and proportionate."),
        *item("coc1"),
        *item("rec1"),
        num("2.7", "The police and crime commissioner’s office received some information about "
            "custody, but it did not include use of force data, and the independent custody "
            "visitors did not see it."),
        *item("rec2"),
        num("2.8", "The force collected data about custody, but some of it was inaccurate. For "
            "example, the recorded time that detainees spent in custody did not always match "
            "the custody records."),
        *item("afi1"),
        num("2.9", "Only 68% of custody staff were up to date with their mandatory training, and "
            "some had not completed refresher training in first aid for more than two years."),
        *item("afi2"),
        h1("Section 3. Pre-custody: first point of contact"),
        num("3.1", "Officers understood the need to divert vulnerable people away from custody, and "
            "street triage services were available in the evenings."),
        num("3.2", "Mental health patients were no longer taken to custody as a place of safety."),
        num("3.3", "But officers did not always consider alternatives to custody for children. Of "
            "the 312 children detained in the year to 29 February 2024, 41 were aged 14 or under."),
        num("3.4", "In the custody records we examined, the reasons for detaining a child or a "
            "vulnerable adult were often not recorded."),
        *item("afi3"),
        h1("Section 4. In the custody suite: booking in, individual needs and legal rights"),
        num("4.1", "Detainees were usually booked in promptly. At busy times, they waited in vans "
            "in the yard, sometimes for more than an hour."),
        num("4.2", "Custody sergeants were polite and respectful, and they explained to detainees "
            "what was happening and why."),
        num("4.3", "The booking-in desks were close together, and detainees could easily be "
            "overheard when they gave personal information."),
        num("4.4", "Staff did not always offer detainees the chance to speak to them in private, "
            "even when they were asked about sensitive issues such as their mental health."),
        num("4.5", "We saw several detainees disclose information about their health in front of "
            "other detainees and staff."),
        *item("afi4"),
        num("4.6", "Professional interpreting services were used well, and staff had access to "
            "translated information for detainees."),
        num("4.7", "Detainees were told about their rights and were given written information."),
        num("4.8", "Detainees who wanted legal advice received it promptly."),
        num("4.9", "Appropriate adults for children were usually found quickly during the day, but "
            "there were delays at night."),
        num("4.10", "The force had reviewed its processes for reviewing detention, and reviews by "
            "inspectors were carried out on time."),
        num("4.11", "Detainees’ property was stored securely, and it was returned to them on release."),
        num("4.12", "Custody staff told us that they should have more time to prepare for each "
            "shift, and that handovers between shifts were sometimes rushed. We saw good "
            "handovers in two suites but not in the others."),
        num("4.13", "Complaints from detainees were dealt with promptly by the duty inspector."),
        h1("Section 5. In the custody suite: detainee care; release and transfer"),
        num("5.1", "Cells were mostly clean and free of graffiti, and the suites were well maintained."),
        num("5.2", "Detainees were given food and drink at regular intervals, and their dietary "
            "needs were met."),
        num("5.3", "Care plans for detainees at risk of self-harm were generally good, and they "
            "set out the level of observation needed."),
        num("5.4", "But in 12 of the 60 records we examined, detainees had not been observed at the "
            "level set in their care plan, and in three cases checks had been missed altogether."),
        *item("coc2"),
        *item("rec3"),
        num("5.5", "Staff did not understand the risks that self-harm poses, and some had not "
            "received training in how to manage them for several years."),
        *item("rec4"),
        num("5.6", "Detainees were rarely offered a shower or exercise, even when they had been "
            "held for more than 24 hours."),
        num("5.7", "Reading material was available but not routinely offered."),
        *item("afi5"),
        num("5.8", "Most detainees were released safely, and staff helped them to get home."),
        num("5.9", "Pre-release risk assessments were completed in only 40 of the 60 records we "
            "examined, and some did not address the risks that had been identified."),
        *item("afi6"),
        h1("Section 6. Summary of causes of concern, recommendations and areas for improvement"),
        p(
            "The following is a list of all the causes of concern, recommendations and areas for "
            "improvement in this report. The reference numbers at the end of each refer to the "
            "paragraph location in the main report."
        ),
        h2("Causes of concern and recommendations"),
        *summary("coc1"),
        *summary("rec1"),
        *summary("rec2"),
        *summary("coc2"),
        *summary("rec3"),
        *summary("rec4"),
        h2("Areas for improvement"),
        *[block for n in range(1, 7) for block in summary(f"afi{n}")],
    ]
    notes = {
        "opcat": "The Optional Protocol to the UN Convention against Torture and other Cruel, Inhuman or Degrading Treatment or Punishment (OPCAT).",
    }
    force = dict(addressees=["force"], addressee_text="The force")
    end_2024 = {"kind": "year_end", "date": "2024-12-31", "text": "by the end of 2024"}
    items = [
        dict(id="coc1", kind="cause_of_concern", number="1", label=label["coc1"], addressees=[]),
        dict(id="rec1", kind="recommendation", number="1", label=label["rec1"], parent="coc1", **force),
        dict(id="rec2", kind="recommendation", number="2", label=label["rec2"], parent="coc1",
             addressees=["force", "police_and_crime_commissioners"],
             addressee_text="The force and the police and crime commissioner"),
        dict(id="coc2", kind="cause_of_concern", number="2", label=label["coc2"], addressees=[]),
        dict(id="rec3", kind="recommendation", number="3", label=label["rec3"], parent="coc2", **force),
        dict(id="rec4", kind="recommendation", number="4", label=label["rec4"], parent="coc2",
             deadline=end_2024, **force),
        *[
            dict(id=f"afi{n}", kind="area_for_improvement", number=str(n), label=label[f"afi{n}"], **force)
            for n in range(1, 7)
        ],
    ]
    title = "Report on an unannounced inspection visit to police custody suites in Northshire"
    return dict(
        title=title,
        subject="Joint custody inspection (fictional sample)",
        published="2024-07-02",
        header="Northshire police custody suites",
        footer="Page {n}",
        footer_align="left",
        page_offset=2,  # the cover and contents are not numbered: physical page 3 is "Page 1"
        cover=[
            (title, 24, True, 0),
            ("Police custody inspection", 14, False, 30),
            ("Inspection visit: 4–14 March 2024", 12, False, 16),
            ("Published on: 2 July 2024", 12, False, 8),
            ("A joint inspection by HM Inspectorate of Prisons and " + HMICFRS, 11, False, 220),
        ],
        blocks=blocks,
        notes=notes,
        items=items,
    )


REPORTS = {
    "hmicfrs_thematic_sample": thematic,
    "hmicfrs_peel_sample": peel,
    "hmicfrs_fire_sample": fire,
    "hmicfrs_custody_sample": custody,
}


def main(argv: list[str]) -> int:
    for stem, make in REPORTS.items():
        layout, rows = build(stem, make())
        print(f"{stem}: {len(layout.pages)} pages, {len(rows)} items")
        for row in rows:
            print(f"  {row['id']:6} p{row['page']}-{row['page_end']} {row['text'][:60]}")
        print(f"  hyphenated: {layout.hyphenated}")
        print(f"  contents: {layout.toc}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
