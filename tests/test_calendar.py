"""`hmicfrs calendar`: dated deadlines as RFC 5545 iCalendar, one all-day event per item."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.review import decisions as review
from pipeline.review import track as track
from pipeline.cli.main import cli
from pipeline.brief.ical import MAX_OCTETS, calendar_for, escape_text, fold

STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
REPORT = "r1"


def _item(number: str, text: str, addressees: list[str], deadline: str | None, kind: str = "recommendation") -> dict:
    return {
        "id": f"{REPORT}-rec{number}", "report_id": REPORT, "seq": int(number), "kind": kind, "number": number,
        "label": f"Recommendation {number}", "text": text, "addressees": json.dumps(addressees),
        "addressee_text": None, "deadline_kind": "date" if deadline else "none", "deadline_date": deadline,
        "deadline_text": f"By {deadline}" if deadline else None, "page": 4, "page_end": 4,
    }


ITEMS = [
    _item("1", "By 31 March 2026, chief constables should train officers; and, where needed, retrain them.",
          ["chief_constables"], "2026-03-31"),
    _item("2", "The College of Policing should publish guidance \\ with a backslash.", ["college_of_policing"],
          "2027-06-30"),
    _item("3", "The Home Office should review funding.", ["home_office"], None),
    _item("4", "Chief constables and the NPCC should agree a plan — “quickly”, with 𝟘 delay " * 4,
          ["chief_constables", "npcc"], "2026-09-30"),
]


@pytest.fixture
def db(tmp_path):
    database = store.connect(tmp_path / "hmicfrs.db")
    with store.transaction(database):
        database["reports"].insert({"id": REPORT, "sha256": "0" * 64, "file": "thematic.pdf", "path": "thematic.pdf",
                                    "title": "An inspection, with commas; and semicolons", "pages": 9})
        store.write_items(database, REPORT, ITEMS, [], {"report_id": REPORT, "items_found": len(ITEMS)})
    return database


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(text: str) -> list[dict]:
    found, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return found


def assert_valid_ical(text: str) -> None:
    """What RFC 5545 asks of the file's shape: CRLF lines of at most 75 octets, balanced components,
    the required properties of the calendar and of each event."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= MAX_OCTETS, physical
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    uids = []
    for event in events(text):
        assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY", "DESCRIPTION"} <= set(event), event
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
        assert re.fullmatch(r"\d{8}", event["DTSTART;VALUE=DATE"])
        for name in ("SUMMARY", "DESCRIPTION"):
            # every , ; and newline in a TEXT value is escaped
            assert not re.search(r"(?<!\\)(\\\\)*[,;]", event[name]), event[name]
        uids.append(event["UID"])
    assert len(uids) == len(set(uids))


@pytest.mark.parametrize("raw, escaped", [
    ("plain", "plain"),
    ("a, b; c", "a\\, b\\; c"),
    ("back\\slash", "back\\\\slash"),
    ("two\nlines", "two\\nlines"),
    ("windows\r\nline", "windows\\nline"),
    ("\\,", "\\\\\\,"),
    ("colon: stays", "colon: stays"),
    ("tab\tkept, bell\x07 and form feed\x0c dropped", "tab\tkept\\, bell and form feed dropped"),
])
def test_escape_text(raw, escaped):
    assert escape_text(raw) == escaped


@pytest.mark.parametrize("line", [
    "SUMMARY:" + "x" * 67,  # exactly 75 octets: not folded
    "SUMMARY:" + "x" * 200,
    "DESCRIPTION:" + "é" * 100,  # two octets each
    "DESCRIPTION:" + "𝟘—“”" * 40,  # four- and three-octet characters never split
])
def test_fold_keeps_lines_within_75_octets_and_unfolds_to_the_original(line):
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= MAX_OCTETS for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert (len(parts) == 1) == (len(line.encode("utf-8")) <= MAX_OCTETS)


def test_one_event_per_dated_item(db):
    text = calendar_for(db, stamp=STAMP)
    assert_valid_ical(text)
    found = events(text)
    assert [e["UID"] for e in found] == [f"{REPORT}-rec1@hmicfrs-pipeline", f"{REPORT}-rec4@hmicfrs-pipeline",
                                         f"{REPORT}-rec2@hmicfrs-pipeline"]
    first = found[0]
    assert first["DTSTART;VALUE=DATE"] == "20260331" and first["DTEND;VALUE=DATE"] == "20260401"
    assert first["DTSTAMP"] == "20260102T030405Z"
    assert first["DESCRIPTION"].startswith("By 31 March 2026\\, chief constables should train officers\\; and\\,")
    assert "Report: An inspection\\, with commas\\; and semicolons (thematic.pdf\\, page 4)" in first["DESCRIPTION"]
    assert "\\n" in first["DESCRIPTION"]
    assert "with a backslash" in found[2]["DESCRIPTION"] and "guidance \\\\ with" in found[2]["DESCRIPTION"]


def test_rejected_items_are_left_out_and_corrections_and_revised_dates_apply(db):
    review.reject(db, f"{REPORT}-rec1", by="t")
    review.correct(db, f"{REPORT}-rec3", {"deadline_date": "2026-12-01", "deadline_kind": "date"}, by="t")
    track.track(db, f"{REPORT}-rec2", due="2027-01-15", reason="extension agreed", by="t")
    found = {e["UID"].split("@")[0]: e for e in events(calendar_for(db, stamp=STAMP))}
    assert set(found) == {f"{REPORT}-rec2", f"{REPORT}-rec3", f"{REPORT}-rec4"}
    assert found[f"{REPORT}-rec3"]["DTSTART;VALUE=DATE"] == "20261201"
    assert found[f"{REPORT}-rec2"]["DTSTART;VALUE=DATE"] == "20270115"
    assert "extension agreed" in found[f"{REPORT}-rec2"]["DESCRIPTION"]


def test_addressee_filter(db):
    text = calendar_for(db, addressee="npcc", stamp=STAMP)
    assert [e["UID"] for e in events(text)] == [f"{REPORT}-rec4@hmicfrs-pipeline"]
    assert "X-WR-CALNAME:HMICFRS deadlines: npcc" in unfold(text)
    assert events(calendar_for(db, addressee="nobody", stamp=STAMP)) == []
    assert_valid_ical(calendar_for(db, addressee="nobody", stamp=STAMP))


def test_links_to_the_pdf_page_when_served(db):
    text = calendar_for(db, base_url="http://127.0.0.1:8001/", stamp=STAMP)
    assert_valid_ical(text)
    assert "URL:http://127.0.0.1:8001/-/hmicfrs/pdf/r1.pdf#page=4" in unfold(text)


def test_calendar_command_writes_a_file(db, tmp_path):
    db_path = tmp_path / "hmicfrs.db"
    output = tmp_path / "out" / "deadlines.ics"
    result = CliRunner().invoke(cli, ["calendar", "--db", str(db_path), "--output", str(output),
                                      "--addressee", "chief_constables"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 deadlines" in result.stderr
    data = output.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    text = data.decode("utf-8")
    assert_valid_ical(text)
    assert len(events(text)) == 2


def test_calendar_command_to_stdout_and_without_a_database(db, tmp_path):
    result = CliRunner().invoke(cli, ["calendar", "--db", str(tmp_path / "hmicfrs.db")])
    assert result.exit_code == 0 and result.stdout.count("BEGIN:VEVENT") == 3
    missing = CliRunner().invoke(cli, ["calendar", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no database" in missing.output
