"""Positioned words -> lines in reading order: columns, full-width blocks, markers, footnotes, gaps."""
from __future__ import annotations

from dataclasses import replace

from conftest import A4_WIDTH, page_of, words_of

from pipeline.ingest.layout import find_gutter, lay_out_page

LEFT_X, RIGHT_X = 57.0, 308.0  # two 230pt columns with a 21pt gutter
LEADING = 14.0

LEFT_TEXT = [
    "Left one the force has improved how it",
    "Left two records crime and how it keeps",
    "Left three victims informed about the",
    "Left four progress of their case. It has",
    "Left five put in place a new system to",
    "Left six make sure that officers update",
    "Left seven victims within five days and",
    "Left eight that supervisors check this.",
]
RIGHT_TEXT = [
    "Right one However, the force does not",
    "Right two always record the outcome of",
    "Right three investigations accurately,",
    "Right four and some victims were not",
    "Right five told that their case had been",
    "Right six closed. The force should make",
    "Right seven sure that every victim is told",
    "Right eight when their case is closed.",
]


def texts(page):
    return [line.text for line in page.lines]


def column_rows(start: float, left: list[str], right: list[str]):
    rows = []
    for index, (l_text, r_text) in enumerate(zip(left, right)):
        top = start + index * LEADING
        rows.append(words_of(l_text, LEFT_X, top) + words_of(r_text, RIGHT_X, top))
    return rows


def test_two_columns_are_read_column_by_column_under_a_full_width_title():
    title = words_of("Causes of concern and recommendations for the force", LEFT_X, 60, size=16, bold=True)
    page = page_of([title, *column_rows(100, LEFT_TEXT, RIGHT_TEXT)])
    laid = lay_out_page(page)
    assert laid.columns == 2
    assert texts(laid) == [
        "Causes of concern and recommendations for the force",
        *LEFT_TEXT,
        *RIGHT_TEXT,
    ]
    assert [line.column for line in laid.lines] == [0] + [1] * 8 + [2] * 8


def test_full_width_heading_between_two_column_blocks_stays_in_place():
    heading = words_of("Areas for improvement identified in this inspection report", LEFT_X, 100 + 5 * LEADING, size=12, bold=True)
    upper = column_rows(100, LEFT_TEXT[:4], RIGHT_TEXT[:4])
    lower = column_rows(100 + 7 * LEADING, LEFT_TEXT[4:], RIGHT_TEXT[4:])
    laid = lay_out_page(page_of([*upper, heading, *lower]))
    assert laid.columns == 2
    assert texts(laid) == [
        *LEFT_TEXT[:4],
        *RIGHT_TEXT[:4],
        "Areas for improvement identified in this inspection report",
        *LEFT_TEXT[4:],
        *RIGHT_TEXT[4:],
    ]


RAGGED = [
    "Current membership",
    "Dame Karen Bradley (Conservative; Staffordshire Moorlands) (Chair)",
    "Shaun Davies (Labour; Telford)",
    "Mr Paul Kohler (Liberal Democrat; Wimbledon)",
    "Ben Maguire (Liberal Democrat; North Cornwall)",
    "Robbie Moore (Conservative; Keighley and Ilkley)",
    "Margaret Mullane (Labour; Dagenham and Rainham)",
    "Chris Murray (Labour; Edinburgh East and Musselburgh)",
    "Joani Reid (Labour; East Kilbride and Strathaven)",
    "Jake Richards (Labour; Rother Valley)",
    "Powers",
    "The Committee is one of the departmental select committees, the powers",
]


def test_single_column_with_short_ragged_lines_is_not_split():
    rows = [words_of(text, 72, 100 + i * LEADING) for i, text in enumerate(RAGGED)]
    laid = lay_out_page(page_of(rows))
    assert laid.columns == 1
    assert texts(laid) == RAGGED


def test_single_column_whose_word_gaps_line_up_is_not_split():
    """Words of equal width leave a narrow channel of aligned spaces: not a gutter."""
    rows = [words_of("aaaaaaaaaa " * 8, 72, 100 + i * LEADING) for i in range(12)]
    assert find_gutter([w for row in rows for w in row], A4_WIDTH) is None
    assert lay_out_page(page_of(rows)).columns == 1


def test_table_of_short_labels_and_values_is_read_row_by_row():
    """A label/value block (cover details) is not two columns of prose."""
    pairs = [("Force:", "Northshire Police"), ("Published:", "March 2023"), ("Type:", "PEEL"),
             ("Period:", "2021 to 2022"), ("Contact:", "HMICFRS"), ("Pages:", "42"), ("Status:", "Final")]
    rows = [words_of(label, 72, 100 + i * LEADING) + words_of(value, 320, 100 + i * LEADING)
            for i, (label, value) in enumerate(pairs)]
    laid = lay_out_page(page_of(rows))
    assert laid.columns == 1
    assert texts(laid) == [f"{label} {value}" for label, value in pairs]


def test_superscript_marker_is_separated_from_the_word_it_is_glued_to():
    body = words_of("across local services in the area", 72, 100)
    services = body[2]
    marker = type(services)("12", services.x1 + 0.2, services.x1 + 6.8, 99.0, 105.0, 6.0, False)
    rest = words_of("and the force agreed", 72, 114)
    laid = lay_out_page(page_of([body + [marker], rest]))
    assert texts(laid) == ["across local services in the area", "and the force agreed"]
    assert laid.footnote_markers == ("12",)


def test_numbers_at_body_size_are_not_markers():
    rows = [words_of("in 12 forces and 3 regions", 72, 100), words_of("see paragraph 4.12", 72, 114)]
    laid = lay_out_page(page_of(rows))
    assert texts(laid) == ["in 12 forces and 3 regions", "see paragraph 4.12"]
    assert laid.footnote_markers == ()


BODY = [f"Body line {i} of the report, at the size of the body text" for i in range(10)]
NOTES = [
    "12 Home Office, Police workforce statistics, England and Wales, 2023.",
    "continued on a second line of the footnote",
    "13 HMICFRS, PEEL 2021/22 inspection of the force.",
]


def _page_with_footnotes(footer: str | None):
    rows = [words_of(text, 72, 100 + i * LEADING) for i, text in enumerate(BODY)]
    rows += [words_of(text, 72, 730 + i * 10, size=8) for i, text in enumerate(NOTES)]
    if footer:
        rows.append(words_of(footer, 290, 800))
    return lay_out_page(page_of(rows))


def test_footnote_block_at_the_foot_is_kept_apart():
    laid = _page_with_footnotes(None)
    assert texts(laid) == BODY
    assert [line.text for line in laid.footnote_lines] == NOTES


def test_footnote_block_above_a_body_size_page_number_is_kept_apart():
    laid = _page_with_footnotes("5")
    assert texts(laid) == BODY + ["5"]
    assert [line.text for line in laid.footnote_lines] == NOTES


def test_footnote_block_above_a_running_footer_is_kept_apart():
    laid = _page_with_footnotes("Northshire PEEL 2023")
    assert texts(laid) == BODY + ["Northshire PEEL 2023"]
    assert [line.text for line in laid.footnote_lines] == NOTES


def test_small_print_without_a_note_number_stays_in_the_body():
    rows = [words_of(text, 72, 100 + i * LEADING) for i, text in enumerate(BODY)]
    rows.append(words_of("Source: Home Office data, 2023", 72, 740, size=8))
    laid = lay_out_page(page_of(rows))
    assert texts(laid)[-1] == "Source: Home Office data, 2023"
    assert laid.footnote_lines == ()


def test_small_numbered_lines_high_on_the_page_are_not_footnotes():
    rows = [words_of("1 A small numbered caption", 72, 100, size=8)]
    rows += [words_of(text, 72, 130 + i * LEADING) for i, text in enumerate(BODY)]
    laid = lay_out_page(page_of(rows))
    assert texts(laid)[0] == "1 A small numbered caption"
    assert laid.footnote_lines == ()


def test_a_cover_in_display_type_keeps_its_date_line():
    """The date under a cover title in 24pt starts with a number and sits low, but a page whose
    commonest type is display type has no footnotes."""
    rows = [words_of(text, 72, 150 + i * 30, size=24) for i, text in enumerate(
        ["Standards of behaviour: the handling", "of misconduct in fire and rescue services"])]
    rows.append(words_of("30 March 2023", 72, 451, size=12))
    laid = lay_out_page(page_of(rows))
    assert texts(laid)[-1] == "30 March 2023"
    assert laid.footnote_lines == ()


def test_a_label_in_the_margin_is_a_line_of_its_own_before_the_text_beside_it():
    """"Area for / improvement 1" in small bold left of the item's first two lines: one label line,
    then the text lines whole (the second text line no longer starts "improvement 1 vioural")."""
    rows = [words_of(text, 72, 100 + i * LEADING) for i, text in enumerate(BODY[:2])]
    rows += [words_of("Area for", 56, 150, size=8.5, bold=True),
             words_of("The force needs to make sure that it records all crimes correctly, including beha-", 132, 150, size=10.5),
             words_of("improvement 1", 56, 162, size=8.5, bold=True),
             words_of("vioural crimes such as stalking, within 24 hours of the report.", 132, 162, size=10.5),
             words_of("A last line of the item at full width.", 56, 174, size=10.5)]
    assert texts(lay_out_page(page_of(rows)))[2:] == [
        "Area for improvement 1",
        "The force needs to make sure that it records all crimes correctly, including beha-",
        "vioural crimes such as stalking, within 24 hours of the report.",
        "A last line of the item at full width.",
    ]


def test_a_label_set_close_to_its_text_in_smaller_bold_type_is_a_line_of_its_own():
    """"Recommendation" / "1" in 7.5pt bold two points left of 9.5pt text; the next item's label
    starts a label of its own."""
    rows = [words_of("Recommendation", 64, 150, size=7.5, bold=True) + words_of("By 31 March 2024, chief constables", 140, 150, size=9.5),
            words_of("1", 64, 164, size=7.5, bold=True) + words_of("should review every case of a missing child.", 140, 165, size=9.5),
            words_of("Recommendation", 64, 200, size=7.5, bold=True) + words_of("The Home Office should publish", 140, 200, size=9.5),
            words_of("2", 64, 214, size=7.5, bold=True) + words_of("its plan for the National Referral Mechanism.", 140, 215, size=9.5)]
    rows[0][0] = replace(rows[0][0], x1=138.0)
    assert texts(lay_out_page(page_of(rows))) == [
        "Recommendation 1", "By 31 March 2024, chief constables", "should review every case of a missing child.",
        "Recommendation 2", "The Home Office should publish", "its plan for the National Referral Mechanism.",
    ]


def test_rows_with_a_wide_gap_in_one_type_stay_whole():
    """A grades table's "Police legitimacy   Adequate", or a justified line, is one line."""
    rows = [words_of("Police legitimacy", 72, 100) + words_of("Adequate", 300, 100),
            words_of("Preventing crime", 72, 114) + words_of("Good", 300, 114),
            # a bold lead word in the text's own size, a word space from the text, is no label
            words_of("Recommendation:", 72, 140, bold=True) + words_of("chief constables should act.", 149.5, 140),
            # a paragraph number in bold in the margin is the paragraph's, a bullet (here a glyph
            # the font does not map, in larger type) its item's
            words_of("71.", 44, 160, bold=True) + words_of("On 13 June 2020, significant disorder occurred.", 72, 160),
            words_of("(cid:127)", 30, 180, size=12) + words_of("make sure it has enough call handlers on duty.", 100, 180)]
    assert texts(lay_out_page(page_of(rows))) == ["Police legitimacy Adequate", "Preventing crime Good",
                                                  "Recommendation: chief constables should act.",
                                                  "71. On 13 June 2020, significant disorder occurred.",
                                                  "(cid:127) make sure it has enough call handlers on duty."]


def test_a_note_number_set_between_two_lines_is_a_marker_but_a_bold_badge_is_not():
    rows = [words_of("chief constables should stop the practice of examining", 72, 100, size=12),
            words_of("1", 360, 111, size=10),
            words_of("devices without a documented strategy.", 72, 116, size=12),
            words_of("Area for improvement", 72, 150, size=12, bold=True),
            words_of("2", 76, 166, size=8, bold=True),
            words_of("The force should improve the time it takes to answer calls.", 72, 178, size=12)]
    assert texts(lay_out_page(page_of(rows))) == [
        "chief constables should stop the practice of examining", "devices without a documented strategy.",
        "Area for improvement", "2", "The force should improve the time it takes to answer calls."]


def test_paragraph_gaps():
    tops = [100, 114, 128, 160, 174, 188, 220]
    rows = [words_of(f"line {i} of text", 72, top) for i, top in enumerate(tops)]
    laid = lay_out_page(page_of(rows))
    assert [line.gap_before for line in laid.lines] == [False, False, False, True, False, False, True]


def test_empty_page():
    laid = lay_out_page(page_of([]))
    assert laid.lines == () and laid.footnote_lines == () and laid.columns == 1


def justified(words, right: float):
    """Spread a line's words so that the last one ends at `right`, as justified text does."""
    extra = (right - words[-1].x1) / max(1, len(words) - 1)
    return [replace(w, x0=w.x0 + i * extra, x1=w.x1 + i * extra) for i, w in enumerate(words)]


def test_two_columns_with_a_page_number_centred_in_the_gutters_path():
    """A lone centred page number sits in the gutter: it neither hides the gutter nor narrows it."""
    rows = []
    for index, (l_text, r_text) in enumerate(zip(LEFT_TEXT, RIGHT_TEXT)):
        top = 100 + index * LEADING
        right_edge = (288.0, 287.0, 286.0, 283.0, 288.0, 285.0, 288.0, 280.0)[index]  # a slightly ragged right
        rows.append(justified(words_of(l_text, LEFT_X, top), right_edge) + justified(words_of(r_text, RIGHT_X, top), 538.0))
    number = words_of("5", 295.0, 800)  # between the columns, closer to the right one
    laid = lay_out_page(page_of([*rows, number]))
    assert laid.columns == 2
    assert texts(laid) == [*LEFT_TEXT, *RIGHT_TEXT, "5"]


GLOSSARY = [
    ("Advisory Committee", "A scientific advisory committee of the Department of Health and"),
    ("on Dangerous", "Social Care. Its work includes providing the government with"),
    ("Pathogens", "independent scientific advice on the risks of exposure to"),
    ("Airborne", "Transmission occurring across short or long distances through the"),
    ("transmission", "air from very small virus-containing respiratory droplets produced"),
    ("Antibiotics", "Medicines used to treat or prevent bacterial infections in people."),
    ("Antivirals", "Medicines used to treat or prevent viral infections in people and"),
    ("Asymptomatic", "Having an infection but not showing any symptoms of the disease."),
]


def test_glossary_of_terms_and_descriptions_is_read_row_by_row():
    """Two columns of unequal width (a narrow term, a wide description) are a table, not prose."""
    rows = [words_of(term, 60, 100 + i * LEADING) + words_of(text, 179, 100 + i * LEADING)
            for i, (term, text) in enumerate(GLOSSARY)]
    laid = lay_out_page(page_of(rows))
    assert laid.columns == 1
    assert texts(laid) == [f"{term} {text}" for term, text in GLOSSARY]


def test_three_column_table_is_read_row_by_row():
    cells = [("Abuse", "Independent providers", "No comprehensive overview"),
             ("Assault", "Mental health data set", "Data and indicators exist"),
             ("Restraint", "Both data collections", "Reporting is inconsistent"),
             ("Seclusion", "Mental health data set", "Definitions differ widely"),
             ("Self-harm", "Patient safety events", "Recorded in two systems"),
             ("Deaths", "Notifications to the CQC", "Published once a year"),
             ("Falls", "Patient safety events", "No national indicator")]
    rows = [words_of(a, 57, 100 + i * LEADING) + words_of(b, 180, 100 + i * LEADING) + words_of(c, 400, 100 + i * LEADING)
            for i, (a, b, c) in enumerate(cells)]
    laid = lay_out_page(page_of(rows))
    assert laid.columns == 1
    assert texts(laid) == [" ".join(row) for row in cells]
