"""Need per projected year: the same model, year by year."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from pairsight.officialdata.projections import load_projections
from pairsight.population.estimate import Capacity, PopulationInputs, estimate
from pairsight.population.presets import load_preset
from pairsight.population.projection import project_need, projected_csv

FIXTURES = Path(__file__).resolve().parents[1] / "officialdata" / "fixtures"


def test_each_year_is_the_need_model_on_that_years_children() -> None:
    projection = load_projections(FIXTURES / "snpp_2018_persons_synthetic.csv").area(
        "E08900001", range(2025, 2036)
    )
    base = PopulationInputs(0, load_preset("standard"), capacity=(Capacity("PMHS", 100),))
    projected = project_need(base, projection)
    assert [y.year.year for y in projected.years] == list(range(2025, 2036))
    for item in projected.years:
        alone = estimate(
            PopulationInputs(
                item.children, load_preset("standard"), capacity=(Capacity("PMHS", 100),)
            )
        )
        assert item.estimate.specialised_need.value == alone.specialised_need.value
        assert item.estimate.unmet_need.value == alone.unmet_need.value
        assert "ONS projection for mid-" in item.estimate.inputs.children_source
    # 6,000 + 12.25 × 7 = 6,085.75 and 6,100 + 10.25 × 7 = 6,171.75: 12,257.5, half up.
    assert projected.years[0].children == 12258
    assert len(projected_csv(projected).splitlines()) == 12


def test_an_area_code_from_a_file_cannot_become_a_spreadsheet_formula() -> None:
    projection = load_projections(FIXTURES / "snpp_2018_persons_synthetic.csv").area(
        "E08900001", range(2025, 2027)
    )
    base = PopulationInputs(0, load_preset("standard"), capacity=(Capacity("PMHS", 100),))
    projected = project_need(base, replace(projection, code="-1+cmd|' /C calc'!A0"))
    header, *rows = csv.reader(io.StringIO(projected_csv(projected)))
    assert [row[header.index("area_code")] for row in rows] == ["'-1+cmd|' /C calc'!A0"] * 2
    assert [row[header.index("year")] for row in rows] == ["2025", "2026"]
