"""Ruled tables for the canvas typesetter: lines between rows and columns, no fills."""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import Color, HexColor

if TYPE_CHECKING:
    from .canvas_kit import Look


class RuledTables:
    def ruled_table(self, widths: list[float], header: list[str] | None, rows: list[list], look: Look,
                    head_look: Look | None = None, rule: Color | None = None, pad: float = 4,
                    printing: int = 0) -> None:
        """Rows of cells, each `markup` or `(markup, item)`; lines between rows and columns, no fill.
        A row never splits; the header is printed again on each new page."""
        rule = rule or HexColor("#333333")
        x0, _w = self.columns[self.col]

        def cell_lines(cell, width, lk):
            markup = cell[0] if isinstance(cell, tuple) else cell
            return self.layout(markup, width - 2 * pad, lk)

        def draw_row(cells, lk, bold_rule=False):
            laid = [cell_lines(cell, w, lk) for cell, w in zip(cells, widths)]
            height = max(len(lines) for lines in laid) * lk.leading + 2 * pad + 2
            if self.y - height < self.bottom:
                return None
            x = x0
            for cell, w, lines in zip(cells, widths, laid):
                item = cell[1] if isinstance(cell, tuple) else None
                self.draw_lines(lines, x + pad, self.y - pad, w - 2 * pad, lk, item=item, printing=printing)
                x += w
            self.c.setStrokeColor(rule)
            self.c.setLineWidth(1.2 if bold_rule else 0.5)
            self.c.line(x0, self.y - height, x0 + sum(widths), self.y - height)
            x = x0
            for w in widths[:-1]:
                x += w
                self.c.setLineWidth(0.5)
                self.c.line(x, self.y, x, self.y - height)
            self.y -= height
            return height

        def top_rule():
            self.c.setStrokeColor(rule)
            self.c.setLineWidth(1.2)
            self.c.line(x0, self.y, x0 + sum(widths), self.y)

        head_look = head_look or type(look)(look.family, look.size, look.leading, look.color, "left", False)
        top_rule()
        if header:
            draw_row([f"**{h}**" for h in header], head_look, True)
        for row in rows:
            if draw_row(row, look) is None:
                self.advance()
                x0, _w = self.columns[self.col]
                top_rule()
                if header:
                    draw_row([f"**{h}**" for h in header], head_look, True)
                draw_row(row, look)
        self.y -= 8
