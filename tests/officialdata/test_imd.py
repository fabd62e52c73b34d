"""IMD File 7: deciles, districts and denominators, 2019 and 2025 editions."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from pairsight.officialdata import AreaNotFoundError, SourceFileError, load_imd

from .conftest import cut_short


def test_2019_edition_reads_lsoa_2011_and_the_0_15_proxy(fixtures: Path) -> None:
    table = load_imd(fixtures / "imd2019_file7_synthetic.csv")
    assert (table.edition, table.lsoa_year, table.la_year) == ("IoD2019", "2011", "2019")
    assert len(table) == 12
    assert table.proxy
    assert table.population_label.startswith("Dependent Children aged 0-15: mid 2015")
    unitary = table.neighbourhoods("E06900001")
    assert unitary.deciles.tolist() == [1, 1, 2, 5, 10]
    assert unitary.populations.tolist() == [300, 200, 250, 150, 100]
    # By hand: (300 + 200) children in decile-1 neighbourhoods of 1,000.
    assert unitary.share_in() == Fraction(1, 2)
    # Deciles 1 and 2: (300 + 200 + 250) of 1,000.
    assert unitary.share_in(frozenset({1, 2})) == Fraction(3, 4)
    assert "used as a proxy for where children under two live" in unitary.describe()


def test_2025_edition_reads_lsoa_2021_and_2024_districts(fixtures: Path) -> None:
    table = load_imd(fixtures / "imd2025_file7_synthetic.csv")
    assert (table.edition, table.lsoa_year, table.la_year) == ("IoD2025", "2021", "2024")
    assert table.population_label == "Dependent Children aged 0-15: mid 2022"
    # By hand: (120 + 300) of 1,000.
    assert table.neighbourhoods("E06900001").share_in() == Fraction(21, 50)
    assert table.neighbourhoods("E08900001").share_in() == Fraction(1, 2)


def test_grouping_by_district_matches_one_at_a_time(fixtures: Path) -> None:
    table = load_imd(fixtures / "imd2019_file7_synthetic.csv")
    grouped = table.by_area()
    for code in table.areas.codes:
        populations, deciles = grouped[code]
        one = table.neighbourhoods(code)
        assert sorted(populations.tolist()) == sorted(one.populations.tolist())
        assert sorted(deciles.tolist()) == sorted(one.deciles.tolist())


def test_an_under_two_column_is_used_and_not_called_a_proxy(tmp_path: Path) -> None:
    path = tmp_path / "joined.csv"
    path.write_text(
        "LSOA code (2021),Local Authority District code (2024),Local Authority District name "
        "(2024),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of "
        "LSOAs),Dependent Children aged 0-15: mid 2022,Children aged 0-1\n"
        "E01990001,E06900001,Synthetic Unitary A,1,400,40\n"
        "E01990002,E06900001,Synthetic Unitary A,6,600,20\n",
        encoding="utf-8",
    )
    table = load_imd(path)
    assert not table.proxy
    assert table.neighbourhoods("E06900001").share_in() == Fraction(2, 3)


def test_district_not_in_the_edition(fixtures: Path) -> None:
    table = load_imd(fixtures / "imd2019_file7_synthetic.csv")
    with pytest.raises(AreaNotFoundError, match="'E10900001' is not in imd2019_file7_synthetic"):
        table.neighbourhoods("E10900001")


def test_wrong_file_names_the_missing_columns(fixtures: Path) -> None:
    with pytest.raises(SourceFileError, match="is not File 7 .* 'LSOA code"):
        load_imd(fixtures / "snpp_2018_persons_synthetic.csv")
    with pytest.raises(SourceFileError, match="is a workbook"):
        load_imd(fixtures / "mye2_persons_synthetic.xlsx")


def test_truncated_file_names_the_last_row(fixtures: Path, tmp_path: Path) -> None:
    broken = cut_short(fixtures / "imd2019_file7_synthetic.csv", tmp_path / "file7.csv", 0.6)
    with pytest.raises(SourceFileError, match=r"Row \d+ of file7.csv.*looks cut short"):
        load_imd(broken)


def test_a_decile_outside_1_to_10_is_refused(fixtures: Path, tmp_path: Path) -> None:
    lines = (fixtures / "imd2019_file7_synthetic.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[6] = "11"  # the IMD decile column
    lines[1] = ",".join(cells)
    path = tmp_path / "file7.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match="Row 2 of file7.csv has IMD decile 11"):
        load_imd(path)
