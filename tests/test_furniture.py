"""Running headers, footers and page numbers are found; body lines that merely repeat are not."""
from __future__ import annotations

import pytest
from conftest import laid_out, line

from pipeline.ingest.furniture import find_furniture, furniture_key, is_page_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3", True), ("12", True), ("iv", True), ("XII", True), ("Page 3", True), ("Page 3 of 10", True),
        ("PAGE 3 OF 10", True), ("3 / 10", True), ("3/10", True), ("- 3 -", True), ("– 12 –", True),
        # near-misses: words made of roman-numeral letters, numbers with words, empty lines
        ("Did", False), ("civil", False), ("mix", False), ("mild", False), ("Lid", False),
        ("of 3", False), ("Page", False), ("3 forces", False), ("Recommendation 3", False),
        ("", False), ("  ", False), ("12345", False),
    ],
)
def test_is_page_number(text, expected):
    assert is_page_number(text) is expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("12 Northshire PEEL inspection 2023", "Northshire PEEL inspection 2023 13", True),
        ("12 Annual report", "Annual report", True),
        ("Page 3   of the report", "page 4 of the report", True),
        ("Northshire PEEL inspection", "Southshire PEEL inspection", False),
    ],
)
def test_furniture_key(a, b, same):
    assert (furniture_key(a) == furniture_key(b)) is same


WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor".split()


def body(page: int, count: int = 8, start: float = 120.0) -> list:
    """Body lines that differ from page to page in their words, not only in their numbers."""
    return [
        line(f"On page {WORDS[page]} line {WORDS[i]} the force responds to victims of crime.", start + i * 14)
        for i in range(count)
    ]


def run(pages):
    """page number -> {line text: (position, kind)} for the lines marked as furniture."""
    found = find_furniture(pages)
    result = {}
    for page in pages:
        every = list(page.lines) + list(page.footnote_lines)
        result[page.number] = {every[i].text: (f.position, f.kind) for i, f in found[page.number].items()}
    return result


def test_running_header_glued_to_page_number_on_alternate_sides():
    pages = []
    for n in range(1, 21):
        header = f"{n} Northshire PEEL inspection 2023" if n % 2 == 0 else f"Northshire PEEL inspection 2023 {n}"
        pages.append(laid_out(n, [line(header, 40), *body(n)]))
    found = run(pages)
    for page in pages:
        assert list(found[page.number].values()) == [("header", "running")]
        assert page.lines[0].text in found[page.number]


def test_bare_page_numbers_and_page_x_of_y_are_removed_even_in_short_documents():
    pages = [
        laid_out(1, [*body(1), line("1", 800)]),
        laid_out(2, [*body(2), line("Page 2 of 3", 800)]),
        laid_out(3, [*body(3), line("iii", 800)]),
    ]
    assert run(pages) == {
        1: {"1": ("footer", "page_number")},
        2: {"Page 2 of 3": ("footer", "page_number")},
        3: {"iii": ("footer", "page_number")},
    }


def test_a_body_line_repeated_on_two_pages_of_a_20_page_report_stays():
    pages = []
    for n in range(1, 21):
        lines = [line("Northshire Police", 40), *body(n), line(str(n), 800)]
        if n in (4, 11):
            lines.insert(1, line("The force should improve how it records crime.", 60))
            lines.insert(5, line("Recommendation", 400))
        pages.append(laid_out(n, lines))
    found = run(pages)
    for n in (4, 11):
        assert "The force should improve how it records crime." not in found[n]
        assert "Recommendation" not in found[n]
        assert found[n]["Northshire Police"] == ("header", "running")


def test_numbered_headings_and_labels_that_recur_in_different_places_stay():
    """'Recommendation 3' and 'Response:' recur on most pages of a government response: body."""
    pages = []
    for n in range(1, 13):
        where = 150 + (n * 37) % 400
        lines = [*body(n, start=100), line(f"Recommendation {n}", where), line("Response:", where + 60), line(str(n), 800)]
        pages.append(laid_out(n, sorted(lines, key=lambda l: l.top)))
    found = run(pages)
    for n, marks in found.items():
        assert marks == {str(n): ("footer", "page_number")}


def test_a_line_recurring_in_place_mid_page_on_most_pages_is_furniture():
    """A side label or watermark in the same place on every page, away from the edges."""
    pages = [laid_out(n, [*body(n, count=4), line("OFFICIAL SENSITIVE", 400), *body(n, count=4, start=500)]) for n in range(1, 9)]
    for marks in run(pages).values():
        assert marks == {"OFFICIAL SENSITIVE": ("header", "running")}


def test_short_document_keeps_a_repeated_first_line():
    """In a two-page document (a form printed twice) a repeat cannot be told from body."""
    pages = [laid_out(n, [line("REGULATION 28 REPORT TO PREVENT FUTURE DEATHS", 74), *body(n)]) for n in (1, 2)]
    assert run(pages) == {1: {}, 2: {}}


def test_three_page_document_with_header_on_every_page():
    pages = [laid_out(n, [line("Regulation 28 – After Inquest", 30), *body(n), line("Document Template Updated 30/01/2020", 810)]) for n in (1, 2, 3)]
    for marks in run(pages).values():
        assert marks == {
            "Regulation 28 – After Inquest": ("header", "running"),
            "Document Template Updated 30/01/2020": ("footer", "running"),
        }


def test_five_page_form_printed_twice_keeps_its_text():
    """The same heading at the top of two of five pages is not enough to be a running header."""
    pages = []
    for n in range(1, 6):
        first = "namely by [DATE]. I, the coroner, may extend the period." if n in (2, 5) else f"Other text on page {WORDS[n]}"
        pages.append(laid_out(n, [line(first, 74), *body(n), line(str(n), 794)]))
    for n, marks in run(pages).items():
        assert marks == {str(n): ("footer", "page_number")}


def test_running_footer_below_footnotes_is_found_among_footnote_lines():
    pages = []
    for n in range(1, 7):
        notes = [line(f"{n}0 A footnote on page {WORDS[n]}.", 760, size=8), line("Northshire PEEL 2023", 815, size=8)]
        pages.append(laid_out(n, body(n), footnotes=notes))
    for n, marks in run(pages).items():
        assert marks == {"Northshire PEEL 2023": ("footer", "running")}


def test_single_page_and_empty_documents():
    assert run([laid_out(1, [line("Title", 40), *body(1), line("1", 800)])]) == {1: {"1": ("footer", "page_number")}}
    assert find_furniture([]) == {}
    assert run([laid_out(1, [])]) == {1: {}}


def test_a_footnote_repeated_in_place_above_the_page_number_stays():
    """'12 Ibid.' or the same source cited on many pages is a note, not a running footer."""
    pages = []
    for n in range(1, 9):
        notes = [line(f"{n} Home Office, Police workforce statistics, 2023.", 760, size=8)]
        pages.append(laid_out(n, [*body(n), line(str(n), 800)], footnotes=notes))
    for n, marks in run(pages).items():
        assert marks == {str(n): ("footer", "page_number")}


def test_an_item_restated_mid_page_at_the_same_height_in_a_four_page_report_stays():
    """A summary's "4 The service should ..." and the same item later, by chance at the same
    height two pages on: equal but for the list number, twice in four pages, and body both times."""
    pages = []
    for n in range(1, 5):
        lines = [*body(n, count=4), *body(n, count=4, start=500), line(str(n), 800)]
        if n == 2:
            lines.insert(4, line("4 The service should manage the performance of its staff.", 300))
        if n == 4:
            lines.insert(4, line("The service should manage the performance of its staff.", 301))
        pages.append(laid_out(n, lines))
    for n, marks in run(pages).items():
        assert marks == {str(n): ("footer", "page_number")}
