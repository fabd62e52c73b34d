"""ONS mid-year estimates: the workbook in both formats, the Nomis CSV, and bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from pairsight.officialdata import AreaNotFoundError, SourceFileError
from pairsight.officialdata.areas import Tier
from pairsight.officialdata.mye import load_mid_year_estimates

from .conftest import cut_short


def test_xlsx_header_on_row_8_gives_ages_0_and_1(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xlsx")
    assert estimates.source.header_row == 8
    assert estimates.period == "Mid-2022"
    area = estimates.area("E06900001")
    assert (area.age_0, area.age_1, area.under_two) == (1500, 1520, 3020)
    assert area.name == "Synthetic Unitary A"
    assert "sheet 'MYE2 - Persons' of mye2_persons_synthetic.xlsx" in area.describe()


def test_xls_with_header_on_row_5_and_geography1_reads_the_same(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xls")
    assert estimates.source.header_row == 5
    assert estimates.source.kind == "xls"
    assert estimates.period == "Mid-2019"
    # xls keeps counts as floats; they must come back as whole numbers.
    assert estimates.area("E08900001").under_two == 6000 + 6100
    assert estimates.geographies[estimates.codes.index("E09900001")] == "London Borough"


def test_every_age_column_is_read(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xlsx")
    assert estimates.ages.shape == (8, 91)
    assert estimates.age_labels[-1] == "90+"
    sheet = openpyxl.load_workbook(fixtures / "mye2_persons_synthetic.xlsx")["MYE2 - Persons"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "E07900002")
    assert estimates.ages[estimates.codes.index("E07900002")].sum() == row[3]  # All ages


def test_area_codes_are_matched_whatever_their_case(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xlsx")
    assert estimates.area(" e06900001 ").code == "E06900001"


def test_nomis_csv_keeps_persons_for_the_latest_date(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "nomis_nm_2002_1_synthetic.csv")
    assert estimates.age_labels == ("0", "1")
    assert estimates.period == "Mid-2022"
    area = estimates.area("E06900001")
    # Totals for 2022 only: the male and female rows and the 2021 rows are left out.
    assert (area.age_0, area.age_1) == (1500, 1520)


def test_tiers_follow_the_code_prefix(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xlsx")
    chosen = {
        tier: {
            c
            for c, keep in zip(estimates.codes, estimates.local_authorities(tier), strict=True)
            if keep
        }
        for tier in Tier
    }
    assert "E92900001" not in chosen[Tier.ALL] and "E12900001" not in chosen[Tier.ALL]
    assert "E10900001" in chosen[Tier.UPPER] and "E10900001" not in chosen[Tier.LOWER]
    assert "E07900001" in chosen[Tier.LOWER] and "E07900001" not in chosen[Tier.UPPER]
    assert "E06900001" in chosen[Tier.UPPER] & chosen[Tier.LOWER]


def test_missing_area_names_the_file_and_suggests_a_code(fixtures: Path) -> None:
    estimates = load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xlsx")
    with pytest.raises(AreaNotFoundError, match="did you mean E06900001 \\(Synthetic Unitary A\\)"):
        estimates.area("Synthetic Unitary A")
    with pytest.raises(AreaNotFoundError, match="'E99999999' is not in sheet 'MYE2 - Persons'"):
        estimates.area("E99999999")


def test_wrong_sheet_lists_the_sheets_there(fixtures: Path) -> None:
    with pytest.raises(SourceFileError, match="has no sheet 'MYE2 - Persons'.*'Table_1'"):
        load_mid_year_estimates(fixtures / "births_by_area_synthetic.xlsx")


def test_sheet_without_the_table_says_what_it_looked_for(fixtures: Path) -> None:
    with pytest.raises(SourceFileError, match="no header row with Code, Name, Geography"):
        load_mid_year_estimates(fixtures / "mye2_persons_synthetic.xlsx", sheet="Contents")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n...", "is a PDF document"),
        (b"\x89PNG\r\n\x1a\n....", "is a PNG image"),
        (b"", "is empty"),
    ],
)
def test_wrong_file_type_is_named(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "mye.xlsx"
    path.write_bytes(content)
    with pytest.raises(SourceFileError, match=expected):
        load_mid_year_estimates(path)


def test_a_word_document_is_not_taken_for_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "estimates.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(SourceFileError, match="is a Word document"):
        load_mid_year_estimates(path)


@pytest.mark.parametrize("name", ["mye2_persons_synthetic.xlsx", "mye2_persons_synthetic.xls"])
def test_truncated_workbook_asks_for_a_new_download(
    fixtures: Path, tmp_path: Path, name: str
) -> None:
    broken = cut_short(fixtures / name, tmp_path / name)
    with pytest.raises(SourceFileError, match="cut short or damaged"):
        load_mid_year_estimates(broken)


def test_truncated_csv_names_the_row(fixtures: Path, tmp_path: Path) -> None:
    source = openpyxl.load_workbook(fixtures / "mye2_persons_synthetic.xlsx")["MYE2 - Persons"]
    lines = [
        ",".join("" if v is None else str(v) for v in row)
        for row in source.iter_rows(min_row=8, max_row=12, values_only=True)
    ]
    path = tmp_path / "mye.csv"
    path.write_text("\n".join(lines)[:-40], encoding="utf-8")  # the last row stops early
    with pytest.raises(SourceFileError, match="Row 5 of mye.csv .* looks cut short"):
        load_mid_year_estimates(path)


def test_a_header_without_an_age_names_it(tmp_path: Path) -> None:
    path = tmp_path / "mye.csv"
    ages = [str(a) for a in range(90) if a != 1] + ["90+"]
    path.write_text("Code,Name,Geography,All ages," + ",".join(ages) + "\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match="no column for age 1"):
        load_mid_year_estimates(path)


def test_a_non_numeric_count_names_row_and_age(tmp_path: Path) -> None:
    path = tmp_path / "mye.csv"
    header = "Code,Name,Geography,All ages," + ",".join(map(str, range(90))) + ",90+"
    values = ["12"] * 91
    values[1] = "n/a"
    path.write_text(
        header + "\nE06900001,Synthetic,Unitary Authority,1000," + ",".join(values) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceFileError, match="Row 2 of mye.csv \\(E06900001\\), age 1.*'n/a'"):
        load_mid_year_estimates(path)
