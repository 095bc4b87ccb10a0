"""What a page prints apart from its flow: tables read cell by cell, boxes read as blocks, bullets
drawn as shapes, and the font names that say bold or italic. Synthetic words, no PDFs."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import page_of, words_of
from pipeline.ingest.blocks import take_tables
from pipeline.ingest.layout import lay_out_page
from pipeline.models import Box
from pipeline.ingest.pdf import _BOLD_FONT, _ITALIC_FONT

LEADING = 14.0


def texts(laid) -> list[str]:
    return [line.text for line in laid.lines]


def row(top: float, *cells: tuple[float, str]) -> list:
    return [w for x, text in cells for w in words_of(text, x, top)]


def table_rows() -> list[list]:
    """Recommendation | Deadline | Owner, the first column wrapping, rows set apart by space."""
    return [
        row(100, (72, "Recommendation"), (330, "Deadline"), (430, "Owner")),
        row(122, (72, "Review how referrals about online"), (330, "By 31 March"), (430, "NPCC lead for")),
        row(136, (72, "child abuse are allocated."), (330, "2026"), (430, "child protection")),
        row(158, (72, "Publish the national threat"), (330, "Within 6 months"), (430, "Home Office")),
        row(172, (72, "priorities every year."),),
    ]


def test_a_table_with_wrapped_cells_is_read_cell_by_cell():
    laid = lay_out_page(page_of(table_rows()))
    cells = [(line.cell, line.text) for line in laid.lines]
    assert cells == [
        ((0, 0, 0), "Recommendation"), ((0, 0, 1), "Deadline"), ((0, 0, 2), "Owner"),
        ((0, 1, 0), "Review how referrals about online"), ((0, 1, 0), "child abuse are allocated."),
        ((0, 1, 1), "By 31 March"), ((0, 1, 1), "2026"), ((0, 1, 2), "NPCC lead for"), ((0, 1, 2), "child protection"),
        ((0, 2, 0), "Publish the national threat"), ((0, 2, 0), "priorities every year."),
        ((0, 2, 1), "Within 6 months"), ((0, 2, 2), "Home Office"),
    ]
    assert all(line.gap_before for line in laid.lines if line.cell and line.text in ("Deadline", "Home Office"))


def test_a_bold_header_naming_three_columns_over_one_row_is_a_table():
    """"No. | Recommendation | By" in bold over one unwrapped row: the number, the text and the
    deadline stay apart (read across, the deadline would end the item's text)."""
    header = [w for x, text in ((72, "No."), (106, "Recommendation"), (439, "By")) for w in words_of(text, x, 100, bold=True)]
    body = row(114, (72, "8"), (106, "Review the statutory guidance on detention."), (439, "March 2024"))
    laid = lay_out_page(page_of([header, body, words_of("A paragraph of narrative follows the table here.", 72, 160)]))
    assert [(line.cell, line.text) for line in laid.lines][:6] == [
        ((0, 0, 0), "No."), ((0, 0, 1), "Recommendation"), ((0, 0, 2), "By"),
        ((0, 1, 0), "8"), ((0, 1, 1), "Review the statutory guidance on detention."), ((0, 1, 2), "March 2024")]


@pytest.mark.parametrize("rows", [
    # a contents page: titles beside a column of page numbers
    [row(100 + i * 20, (72, f"Chapter {name} of the report"), (500, str(4 + i))) for i, name in enumerate("ABCDE")],
    # bullets set in a column of their own
    [row(100, (72, "•"), (90, "make sure it has enough call handlers on duty to meet")),
     row(114, (90, "demand at peak times;")), row(136, (72, "•"), (90, "monitor how many calls are abandoned, and")),
     row(150, (90, "act when the rate rises;")), row(172, (72, "•"), (90, "review its policy every year."))],
    # paragraph numbers in the margin
    [row(100, (72, "S10"), (118, "Leaders did not have effective oversight of the use of force.")),
     row(114, (118, "Not all incidents were recorded.")), row(136, (72, "S11"), (118, "The force should record them.")),
     row(158, (72, "S12"), (118, "Detainees were held for too long before court,")), row(172, (118, "and some overnight."))],
    # labels in a margin column ("Area for / improvement 5") beside their items and the narrative
    # that follows: the second label row beside an item's last line is no header
    [row(100, (56, "Area for"), (132, "The force needs to understand its workforce wellbeing needs better and use")),
     row(114, (56, "improvement 5"), (132, "that understanding to target its support.")),
     row(136, (132, "From the data the force gave us, we found that the people strategy had been")),
     row(150, (132, "refreshed in November 2022, and that most staff knew of it.")),
     row(172, (56, "Area for"), (132, "The force should make sure its counter-corruption unit has the")),
     row(186, (56, "improvement 6"), (132, "capacity to assess all the intelligence it receives."))],
    # a glossary set solid: no space between rows to tell them apart
    [row(100 + i * LEADING, (72, term), (200, text)) for i, (term, text) in enumerate([
        ("Advisory Committee", "A scientific advisory committee of the Department of Health"),
        ("on Dangerous", "and Social Care that advises the government on pathogens"),
        ("Airborne", "Transmission through the air over short or long distances")])],
])
def test_not_tables(rows):
    words = [w for r in rows for w in r]
    rest, tables = take_tables(words, 10.0)
    assert tables == [] and len(rest) == len(words)


def test_two_balanced_columns_of_prose_are_no_table():
    rows = [row(100 + k * 22, (72, "Officers told us the system was easier"), (310, "Victims said they were kept informed"))
            for k in range(6)]
    rest, tables = take_tables([w for r in rows for w in r], 10.0)
    assert tables == []


def test_a_box_is_read_as_a_block_and_a_shape_behind_one_word_is_not_a_box():
    rows = [row(100, (72, "Narrative before the box, ending here.")),
            row(130, (80, "The force should answer calls more quickly.")),
            row(160, (72, "Narrative after the box.")),
            row(190, (72, "A line with one highlighted word in it."))]
    boxes = (Box(76, 520, 125, 145), Box(130, 190, 188, 201))  # a shaded box; a highlight behind "one"
    laid = lay_out_page(replace(page_of(rows), boxes=boxes))
    assert [(line.box, line.text) for line in laid.lines] == [
        (None, "Narrative before the box, ending here."), (0, "The force should answer calls more quickly."),
        (None, "Narrative after the box."), (None, "A line with one highlighted word in it.")]


def test_bullets_drawn_as_shapes_become_bullets_and_artwork_does_not():
    rows = [row(100, (90, "make sure that calls are answered on time;")), row(114, (90, "review the policy."))]
    bullet = Box(78, 83, 102.5, 107.5)  # a small square left of the first line, centred on it
    artwork = tuple(Box(300 + i * 3, 305 + i * 3, 400, 405) for i in range(3))  # a cluster
    laid = lay_out_page(replace(page_of(rows), marks=(bullet,) + artwork))
    assert texts(laid) == ["• make sure that calls are answered on time;", "review the policy."]


@pytest.mark.parametrize("font, bold, italic", [
    ("Arial-BoldMT", True, False), ("Helvetica-Oblique", False, True), ("TimesNewRomanPS-ItalicMT", False, True),
    ("MyriadPro-It", False, True), ("MinionPro-BoldIt", True, True), ("ABCDEE+Calibri,BoldItalic", True, True),
    ("Helvetica", False, False), ("Frutiger-Light", False, False), ("Italianno-Regular", False, False),
    ("Arial,Bold", True, False),
])
def test_font_names_say_weight_and_slant(font, bold, italic):
    assert (bool(_BOLD_FONT.search(font)), bool(_ITALIC_FONT.search(font))) == (bold, italic)
