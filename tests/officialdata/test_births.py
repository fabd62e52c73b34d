"""ONS live births by area of usual residence of the mother."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairsight.officialdata import AreaNotFoundError, SourceFileError, load_births


def test_finds_the_table_sheet_and_its_header(fixtures: Path) -> None:
    births = load_births(fixtures / "births_by_area_synthetic.xlsx")
    assert births.source.sheet == "Table_1"
    assert births.source.header_row == 6
    assert births.period == "2022"
    area = births.area("E08900001")
    assert (area.births, area.name) == (5950, "Synthetic Metropolitan B")
    assert "5,950 live births in 2022" in area.describe()


def test_csv_with_sex_and_registration_rows_keeps_all_births(tmp_path: Path) -> None:
    path = tmp_path / "births.csv"
    path.write_text(
        "Area of usual residence Code,Area of usual residence Name,Sex,Registration type,"
        "Number of live births\n"
        "E06900001,Synthetic Unitary A,All births,All registration types,1480\n"
        "E06900001,Synthetic Unitary A,Male,All registration types,760\n"
        "E06900001,Synthetic Unitary A,All births,Joint registration,1200\n",
        encoding="utf-8",
    )
    assert load_births(path).area("E06900001").births == 1480


def test_wrong_workbook_and_missing_area(fixtures: Path) -> None:
    with pytest.raises(SourceFileError, match="is the ONS mid-year population estimates workbook"):
        load_births(fixtures / "mye2_persons_synthetic.xlsx")
    with pytest.raises(AreaNotFoundError, match="E07900001"):
        load_births(fixtures / "births_by_area_synthetic.xlsx").area("E07900001")
