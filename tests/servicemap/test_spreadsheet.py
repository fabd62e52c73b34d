from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from pairsight.servicemap.exports import register_csv
from pairsight.servicemap.oruk import FeedError
from pairsight.servicemap.register import Focus, Level, Sector, Stage
from pairsight.servicemap.spreadsheet import read_spreadsheet, template_csv

from .test_exports import SERVICE


def test_an_exported_register_reads_back_as_a_spreadsheet() -> None:
    read = read_spreadsheet(register_csv([SERVICE]).encode("utf-8"), "register.csv")
    assert read.errors == []
    (service,) = read.services
    c = service.classification
    assert service.source_id == "s1"
    assert c.levels == (Level.TARGETED, Level.SPECIALIST) and c.focus is Focus.SPECIALISED
    assert c.stages == (Stage.FIRST_YEAR, Stage.SECOND_YEAR) and c.sector is Sector.NHS
    assert (c.capacity, c.caseload_under_two) == (120, 0)
    assert service.locations[0].postcode == "BS1 5TR"


def test_the_template_is_the_headings_only() -> None:
    read = read_spreadsheet(template_csv().encode(), "template.csv")
    assert read.services == [] and read.errors == []


def test_xlsx_rows_are_read_with_words_as_people_write_them() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Levels of need", "Parent-infant focus", "Sector"])
    sheet.append(
        [
            "Baby Steps",
            "universal; Targeted",
            "Additional parent-infant focus",
            "voluntary and community",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    (service,) = read_spreadsheet(out.getvalue(), "mine.xlsx").services
    assert service.classification.levels == (Level.UNIVERSAL, Level.TARGETED)
    assert service.classification.focus is Focus.ADDITIONAL
    assert service.classification.sector is Sector.VOLUNTARY
    assert service.source_id == "sheet:baby-steps"


def test_every_problem_names_its_row_and_column() -> None:
    text = (
        "Name,Levels of need,Capacity a year\n"
        "Good,Universal,10\n"
        ",Universal,\n"
        "Bad level,Sometimes,\n"
        "Bad number,Targeted,ten\n"
    )
    read = read_spreadsheet(text.encode(), "mine.csv")
    assert [s.name for s in read.services] == ["Good"]
    assert read.errors == [
        "mine.csv, row 3, column Name: every service needs a name.",
        "mine.csv, row 4, column Levels of need: 'Sometimes' is not one of: Universal; "
        "Targeted; Statutory; Specialist.",
        "mine.csv, row 5, column Capacity a year: 'ten' is not a whole number of 0 or more.",
    ]


def test_a_file_without_the_headings_is_refused() -> None:
    with pytest.raises(FeedError, match="no column 'Name' in the first row"):
        read_spreadsheet(b"Service,Level\nA,B\n", "other.csv")
    with pytest.raises(FeedError, match="is not an Excel workbook"):
        read_spreadsheet(b"not a zip", "fake.xlsx")
