"""ONS subnational projections: under-twos per future year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pairsight.officialdata import AreaNotFoundError, SourceFileError, load_projections


def test_under_two_per_year_adds_ages_0_and_1_exactly(fixtures: Path) -> None:
    projections = load_projections(fixtures / "snpp_2018_persons_synthetic.csv")
    assert projections.years == tuple(range(2018, 2044))
    area = projections.area("E06900001", range(2025, 2028))
    # Generator: age 0 = 1500 + 12.25 × (year − 2018), age 1 = 1520 + 10.25 × (year − 2018).
    assert [y.under_two_exact for y in area.years] == [
        Decimal("3177.500"),
        Decimal("3200.000"),
        Decimal("3222.500"),
    ]
    # Halves round up, as the published figures do.
    assert [y.under_two for y in area.years] == [3178, 3200, 3223]
    assert area.name == "Synthetic Unitary A"


def test_years_outside_the_projection_are_named(fixtures: Path) -> None:
    projections = load_projections(fixtures / "snpp_2018_persons_synthetic.csv")
    with pytest.raises(SourceFileError, match="projects 2018 to 2043; 2044 is outside it"):
        projections.area("E06900001", range(2040, 2045))
    with pytest.raises(AreaNotFoundError):
        projections.area("E99999999")


def test_wrong_and_truncated_files(fixtures: Path, tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="not an ONS subnational projections CSV"):
        load_projections(fixtures / "imd2019_file7_synthetic.csv")
    with pytest.raises(SourceFileError, match="is a workbook"):
        load_projections(fixtures / "mye2_persons_synthetic.xlsx")
    text = (fixtures / "snpp_2018_persons_synthetic.csv").read_text(encoding="utf-8")
    broken = tmp_path / "snpp.csv"
    broken.write_text(text[: len(text) // 3], encoding="utf-8")
    with pytest.raises(SourceFileError, match="looks cut short"):
        load_projections(broken)
