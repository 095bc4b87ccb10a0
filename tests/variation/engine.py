"""A small flowing layout engine: blocks in, pages of drawing operations out, with every line placed.

It knows nothing about any report or style. Each placed line is recorded against the block it came
from (page, rectangle in pdfplumber's top-down coordinates), which is what the gold's page numbers
and the text check are computed from: the gold can only say what the engine actually drew.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 64.0, PAGE_W - 64.0
TOP, BOTTOM = PAGE_H - 84.0, 72.0
GUTTER = 18.0
BOX_PAD = 9.0


@dataclass(frozen=True)
class House:
    """One variant's typography: the fonts, sizes and furniture of a house style."""

    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    italic: str = "Helvetica-Oblique"
    size: float = 11.0
    leading: float = 15.0
    gap: float = 8.0  # space after a paragraph
    heading_sizes: tuple[float, float, float] = (18.0, 13.0, 11.0)
    margin: float = 40.0  # width of the margin column for paragraph numbers
    marker_indent: float = 18.0
    box_rgb: tuple[float, float, float] = (0.88, 0.91, 0.95)
    header: str = ""
    footer: str = "{n}"  # "{n}" is the printed page number
    footer_align: str = "right"

    def font(self, name: str) -> str:
        return {"body": self.regular, "bold": self.bold, "italic": self.italic}.get(name, name)


@dataclass(frozen=True)
class Block:
    """One unit of content. `items` are the gold ids whose text this block is (part of)."""

    kind: str  # heading para leadin thead row endtable box endbox sidebar columns endcolumns pagebreak fill
    text: str = ""
    items: tuple[str, ...] = ()
    level: int = 2  # heading level 1..3 (1 starts a new page)
    font: str = "body"  # body | bold | italic | a reportlab font name
    marker: str = ""  # hanging marker: text, or "square" / "circle" with marker_form "shape"
    marker_form: str = "text"  # text (body font) | glyph (Vera, which has the bullet glyphs) | shape
    margin: str = ""  # paragraph number printed in the margin column ("S12", "2.15")
    indent: float = 0.0  # extra left indent of the text
    cells: tuple[str, ...] = ()  # thead/row: the cells, left to right; a row's text is cells[0]
    widths: tuple[float, ...] = ()  # thead: column shares of the width
    value: float = 0.0  # fill: points of body space to leave on the page


@dataclass(frozen=True)
class Placed:
    """A line as drawn: page (1-based) and its box in pdfplumber's coordinates (top down)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Page:
    number: int
    ops: list[tuple] = field(default_factory=list)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


class Flow:
    """Flows blocks onto pages (page 1 is left for the cover)."""

    def __init__(self, house: House):
        self.house = house
        self.pages: list[Page] = [Page(1)]
        self.lines: dict[int, list[Placed]] = {}
        self.columns = 1
        self.box: dict | None = None
        self.table: Block | None = None
        self.new_page()

    # geometry -------------------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return self.pages[-1]

    def column_box(self) -> tuple[float, float]:
        if self.columns == 1:
            x0, width = LEFT, RIGHT - LEFT
        else:
            width = (RIGHT - LEFT - GUTTER) / 2
            x0 = LEFT + self.column * (width + GUTTER)
        if self.box is not None:
            return x0 + BOX_PAD, width - 2 * BOX_PAD
        return x0, width

    def new_page(self) -> None:
        self._close_box_fragment()
        self.pages.append(Page(len(self.pages) + 1))
        self.y = self.column_top = TOP
        self.column = 0
        self.right_top: float | None = None  # where a sidebar leaves the right column free
        self._open_box_fragment()

    def next_column(self) -> None:
        if self.columns == 2 and self.column == 0:
            self._close_box_fragment()
            self.column = 1
            self.y = self.right_top if self.right_top is not None else self.column_top
            self._open_box_fragment()
        else:
            self.new_page()

    def room(self) -> float:
        return self.y - BOTTOM - (BOX_PAD if self.box is not None else 0.0)

    def ensure(self, need: float) -> None:
        """Break to the next column or page unless `need` points fit below the cursor."""
        if need > self.room() and self.y < self.column_top - 1:
            self.next_column()

    # boxes: the fill is drawn under the text, so its op is inserted where the box began -------
    def _open_box_fragment(self) -> None:
        if self.box is not None:
            self.box.update(page=self.page, at=len(self.page.ops), top=self.y)
            self.y -= BOX_PAD / 2

    def _close_box_fragment(self) -> None:
        if self.box is None or not self.pages:
            return
        box, (x0, width) = self.box, self.column_box()
        bottom = self.y - BOX_PAD / 2
        box["page"].ops.insert(box["at"], ("rect", x0 - BOX_PAD, bottom, width + 2 * BOX_PAD,
                                            box["top"] - bottom, self.house.box_rgb))

    # drawing --------------------------------------------------------------------------------
    def text(self, x: float, y: float, font: str, size: float, value: str) -> None:
        self.page.ops.append(("text", x, y, font, size, value))

    def place(self, index: int, x: float, y: float, font: str, size: float, value: str) -> None:
        self.text(x, y, font, size, value)
        width = stringWidth(value, font, size)
        self.lines.setdefault(index, []).append(
            Placed(self.page.number, x, x + width, PAGE_H - y - size, PAGE_H - y + 0.35 * size))

    def marker(self, block: Block, x: float, y: float, size: float) -> None:
        if block.marker_form == "shape":
            side = size * 0.36
            self.page.ops.append((block.marker, x + side / 2, y + size * 0.3, side))
        else:
            font = "Vera" if block.marker_form == "glyph" else self.house.font(block.font)
            self.text(x, y, font, size, block.marker)

    # blocks ---------------------------------------------------------------------------------
    def run(self, blocks: list[Block]) -> None:
        for index, block in enumerate(blocks):
            getattr(self, f"do_{block.kind}")(index, block)
        if self.box is not None:
            raise ValueError("a box is never closed")

    def do_pagebreak(self, index: int, block: Block) -> None:
        self.new_page()

    def do_fill(self, index: int, block: Block) -> None:
        """Leave `value` points of body space on the page (on a new page if less is left), using the
        block's `cells` as narrative paragraphs to fill the page for as long as they fit."""
        if self.y < BOTTOM + block.value:
            self.new_page()
        house = self.house
        for text in block.cells:
            lines = wrap(text, house.regular, house.size, self.column_box()[1])
            if self.y - len(lines) * house.leading - house.gap < BOTTOM + block.value:
                break
            self.do_para(index, Block("para", text))
        self.y = BOTTOM + block.value

    def do_columns(self, index: int, block: Block) -> None:
        self.columns, self.column, self.column_top = 2, 0, self.y

    def do_endcolumns(self, index: int, block: Block) -> None:
        self.columns = 1
        self.new_page()

    def do_box(self, index: int, block: Block) -> None:
        self.ensure(self.house.leading * 4)
        self.y -= 4
        self.box = {}
        self._open_box_fragment()

    def do_endbox(self, index: int, block: Block) -> None:
        self._close_box_fragment()
        self.box = None
        self.y -= BOX_PAD + self.house.gap

    def do_sidebar(self, index: int, block: Block) -> None:
        """A shaded box at the top of the right column, its heading `cells[0]`, beside the left
        column's text, which runs on into the right column below the box."""
        if self.columns != 2 or self.column != 0 or self.right_top is not None:
            raise ValueError("a sidebar opens the left column of a two-column page")
        lines = wrap(block.text, self.house.regular, self.house.size, self.column_box()[1] - 2 * BOX_PAD)
        if self.y - (len(lines) + 4) * self.house.leading < BOTTOM:
            self.new_page()
            self.column_top = self.y
        left = self.y
        self.column = 1
        self.do_box(-1, Block("box"))
        self.do_heading(-1, Block("heading", block.cells[0], level=3))
        self.do_para(index, Block("para", block.text, block.items))
        self._close_box_fragment()
        self.box = None
        self.right_top = self.y - BOX_PAD - self.house.gap
        self.column, self.y = 0, left

    def do_heading(self, index: int, block: Block) -> None:

        house = self.house
        size = house.heading_sizes[block.level - 1]
        leading = size * 1.3
        if block.level == 1 and (self.page.ops or self.y != TOP):
            self.new_page()
        elif self.y < self.column_top - 1:
            self.y -= size * 0.6
        font = house.font("bold" if block.font == "body" else block.font)
        lines = wrap(block.text, font, size, self.column_box()[1] - block.indent)
        self.ensure(leading * len(lines) + house.leading * 3)  # never the last thing on a page
        x0, _ = self.column_box()
        for line in lines:
            self.y -= leading
            self.place(index, x0 + block.indent, self.y, font, size, line)
        self.y -= size * 0.35

    def do_para(self, index: int, block: Block) -> None:
        house = self.house
        font = house.font(block.font)
        size, leading = house.size, house.leading
        x0, width = self.column_box()
        indent = block.indent + (house.margin if block.margin else 0.0) + (house.marker_indent if block.marker else 0.0)
        lines = wrap(block.text, font, size, width - indent)
        self.ensure(leading * min(2, len(lines)))
        for number, line in enumerate(lines):
            if self.y - leading < BOTTOM + (BOX_PAD if self.box is not None else 0.0):
                self.next_column()
            x0, _ = self.column_box()
            self.y -= leading
            self.place(index, x0 + indent, self.y, font, size, line)
            if number == 0 and block.marker:
                self.marker(block, x0 + indent - house.marker_indent, self.y, size)
            if number == 0 and block.margin:
                self.text(x0 + block.indent, self.y, house.bold, size, block.margin)
        self.y -= house.gap

    do_leadin = do_para

    def do_thead(self, index: int, block: Block) -> None:
        self.table = block
        self.ensure(self.house.leading * 6)
        self._row(index, block, header=True)

    def do_row(self, index: int, block: Block) -> None:
        self._row(index, block, header=False)

    def _row(self, index: int, block: Block, header: bool) -> None:
        house, table = self.house, self.table
        if table is None:
            raise ValueError("a table row before its header")
        font = house.bold if header else house.regular
        x0, width = self.column_box()
        lefts, cells = [], []
        for share, cell in zip(table.widths, block.cells):
            lefts.append(x0)
            cells.append(wrap(cell, font, house.size, share * width - 10))
            x0 += share * width
        height = max(len(lines) for lines in cells) * house.leading + 8
        if height > self.room() and not header:
            self.new_page()
            self._row(-1, table, header=True)  # the header row is repeated on the new page
        top = self.y
        if header:
            self.page.ops.append(("rect", LEFT, top - height, RIGHT - LEFT, height, house.box_rgb))
        for column, (left, lines) in enumerate(zip(lefts, cells)):
            y = top - 2
            for line in lines:
                y -= house.leading
                if column == 0 and not header:
                    self.place(index, left + 4, y, font, house.size, line)
                else:
                    self.text(left + 4, y, font, house.size, line)
        self.y = top - height
        self.page.ops.append(("line", LEFT, self.y, RIGHT, self.y))

    def do_endtable(self, index: int, block: Block) -> None:
        self.table = None
        self.y -= self.house.gap * 2


def finish(flow: Flow, house: House, page_offset: int = 0) -> None:
    """Running header and footer on every page but the cover."""
    for page in flow.pages[1:]:
        if house.header:
            page.ops.append(("text", LEFT, PAGE_H - 44, house.regular, 8.5, house.header))
            page.ops.append(("line", LEFT, PAGE_H - 50, RIGHT, PAGE_H - 50))
        printed = page.number - page_offset
        if printed < 1:
            continue
        label = house.footer.format(n=printed)
        width = stringWidth(label, house.regular, 9)
        x = {"right": RIGHT - width, "centre": (PAGE_W - width) / 2}.get(house.footer_align, LEFT)
        page.ops.append(("text", x, 40, house.regular, 9, label))
