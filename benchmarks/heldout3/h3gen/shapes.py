"""Small flowables the reports share: a space filler that forces a page break mid-paragraph, grade tables."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, TableStyle

GRADE_COLOURS = {"Outstanding": "#1b7f3b", "Good": "#6fb43f", "Adequate": "#f2c230",
                 "Requires improvement": "#ee8a2d", "Inadequate": "#c8282e"}


class FillTo(Flowable):
    """Takes all the space left in the frame but `keep` points, so the next paragraph starts with
    only that room left and is broken over the page. The space is filled with as many whole
    narrative sentences as fit, so the page reads as a page and not as a gap."""

    def __init__(self, keep: float, sentences: list[str] | None = None, style=None):
        super().__init__()
        self.keep, self.sentences, self.style = keep, sentences or [], style
        self.paras: list = []

    def wrap(self, aw, ah):
        self.height = max(0.0, ah - self.keep)
        self.paras, room = [], self.height
        for start in range(0, len(self.sentences), 5):
            chunk = self.sentences[start:start + 5]
            for count in range(len(chunk), 0, -1):
                para = Paragraph(" ".join(chunk[:count]), self.style)
                _w, h = para.wrap(aw, ah)
                if h + self.style.spaceAfter <= room:
                    self.paras.append((para, h))
                    room -= h + self.style.spaceAfter
                    break
            if count < len(chunk) or not self.paras or room <= 0:
                break
        return aw, self.height

    def split(self, aw, ah):
        return []

    def draw(self):
        y = self.height
        for para, h in self.paras:
            y -= h
            para.drawOn(self.canv, 0, y)
            y -= self.style.spaceAfter


def grades_table(kit, rows: list[tuple[str, str]]):
    body = [[kit.p(area, "cell"), kit.p(grade, "cellbold")] for area, grade in rows]
    table = kit.grid(body, ["68%", "32%"], header=False, lines="#ffffff")
    table.setStyle(TableStyle([("BACKGROUND", (1, i), (1, i), colors.HexColor(GRADE_COLOURS[grade]))
                               for i, (_a, grade) in enumerate(rows)]
                              + [("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef0f2"))]))
    return table
