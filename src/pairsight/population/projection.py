"""Need and unmet need for each projected year, from projected children under two.

The same inputs (preset, split, capacity, deprivation) apply to every year; only the
number of children changes, read from the ONS subnational projections for the area.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from pairsight.core.cells import csv_text
from pairsight.officialdata.projections import AreaProjection, ProjectedYear
from pairsight.population.estimate import NeedEstimate, PopulationInputs, estimate
from pairsight.population.figures import decimal_text


@dataclass(frozen=True)
class YearNeed:
    year: ProjectedYear
    estimate: NeedEstimate

    @property
    def children(self) -> int:
        return self.year.under_two

    def to_dict(self) -> dict[str, Any]:
        result = self.estimate
        return {
            "year": self.year.year,
            "children_under_two": self.children,
            "children_under_two_exact": str(self.year.under_two_exact),
            "specialised_need": result.specialised_need.to_dict(),
            "capacity": result.capacity.value,
            "unmet_need": result.unmet_need.to_dict(),
        }


@dataclass(frozen=True)
class ProjectedNeed:
    projection: AreaProjection
    years: tuple[YearNeed, ...]

    def to_dict(self) -> dict[str, Any]:
        first = self.years[0].estimate
        return {
            "area": {"code": self.projection.code, "name": self.projection.name},
            "source": self.projection.describe(),
            "preset": first.inputs.preset.name,
            "method": first.method,
            "unit": first.unit,
            "years": [y.to_dict() for y in self.years],
        }


def project_need(inputs: PopulationInputs, projection: AreaProjection) -> ProjectedNeed:
    """One need estimate per projected year; `inputs.children` is replaced year by year."""
    years = []
    for year in projection.years:
        source = (
            f"ONS projection for mid-{year.year}: ages 0 ({decimal_text(Fraction(year.age_0))})"
            f" + 1 ({decimal_text(Fraction(year.age_1))}) = "
            f"{decimal_text(Fraction(year.under_two_exact))}, rounded to {year.under_two:,}; "
            + projection.describe()
        )
        year_inputs = replace(
            inputs,
            children=year.under_two,
            area_code=projection.code,
            area_name=projection.name,
            children_source=source,
        )
        years.append(YearNeed(year, estimate(year_inputs)))
    return ProjectedNeed(projection, tuple(years))


def projected_csv(projected: ProjectedNeed) -> str:
    """One row per year; the area code comes from a file, so cells are neutralised too."""
    rows: list[list[object]] = [
        [
            "year",
            "area_code",
            "children_under_two",
            "specialised_need",
            "specialised_need_low",
            "specialised_need_high",
            "capacity",
            "unmet_need",
            "unmet_need_low",
            "unmet_need_high",
        ]
    ]
    for item in projected.years:
        result = item.estimate
        rows.append(
            [
                item.year.year,
                projected.projection.code,
                item.children,
                result.specialised_need.value,
                _blank(result.specialised_need.low),
                _blank(result.specialised_need.high),
                result.capacity.value,
                result.unmet_need.value,
                _blank(result.unmet_need.low),
                _blank(result.unmet_need.high),
            ]
        )
    return csv_text(rows)


def _blank(value: int | None) -> str | int:
    return "" if value is None else value
