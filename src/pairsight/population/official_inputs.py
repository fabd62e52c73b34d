"""From official files to the need model's inputs, each number carrying where it came from.

The need model takes a count of children and, for the deprivation-weighted mode, the
population and IMD decile of each neighbourhood. These functions read those from the ONS
and MHCLG files for one area and say, in words that end up in the provenance, exactly
which figures were taken and which stand in for others (births, under-two neighbourhood
populations).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pairsight.officialdata.births import load_births
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.imd import DeprivationTable, Neighbourhoods, load_imd
from pairsight.officialdata.mye import MYE_SHEET, AreaPopulation, load_mid_year_estimates
from pairsight.population.deprivation import DeprivationInputs

BIRTHS_PROXY_NOTE = (
    "No births file was given, so children aged 0 in the mid-year estimates stand in for "
    "births a year (a stated proxy: infants who died or moved away before mid-year are not "
    "counted, and infants who moved in are)."
)
NO_BIRTHS_HINT = (
    "For the per-year reading, add --births-file with the ONS live births by area of usual "
    "residence of the mother; without one, --per-year uses age 0 from the mid-year estimates "
    "as a stated proxy for births."
)


@dataclass(frozen=True)
class ChildrenCount:
    """The number the need model starts from, and its provenance in words."""

    children: int
    per_year: bool
    area_code: str
    area_name: str
    source: str
    proxy_note: str = ""


def under_two_from_mye(path: Path, code: str, sheet: str = MYE_SHEET) -> AreaPopulation:
    return load_mid_year_estimates(path, sheet).area(code)


def children_for_area(
    code: str,
    *,
    mye: Path | None = None,
    births: Path | None = None,
    per_year: bool = False,
    sheet: str = MYE_SHEET,
    births_sheet: str | None = None,
) -> ChildrenCount:
    """Under-twos from the estimates, or births a year (from a births file, or age 0)."""
    if births is not None:
        area_births = load_births(births, births_sheet).area(code)
        return ChildrenCount(
            area_births.births,
            True,
            area_births.code,
            area_births.name,
            area_births.describe(),
        )
    if mye is None:
        raise SourceFileError(
            "Give --mye (ONS mid-year estimates) or --births-file to read the area's children."
        )
    population = under_two_from_mye(mye, code, sheet)
    if per_year:
        period = f"{population.period} " if population.period else ""
        return ChildrenCount(
            population.age_0,
            True,
            population.code,
            population.name,
            f"{period}children aged 0 ({population.age_0:,}) in {population.name} "
            f"({population.code}) as a proxy for births a year, from "
            f"{population.source.describe()}",
            BIRTHS_PROXY_NOTE,
        )
    return ChildrenCount(
        population.under_two,
        False,
        population.code,
        population.name,
        population.describe(),
    )


def proxy_label(neighbourhoods: Neighbourhoods) -> str:
    if not neighbourhoods.proxy:
        return neighbourhoods.population_label
    return (
        f"children aged 0-15 (File 7 denominator '{neighbourhoods.population_label}', standing "
        "in for children under two)"
    )


def deprivation_inputs(
    neighbourhoods: Neighbourhoods, most_deprived: frozenset[int]
) -> DeprivationInputs:
    """The area's neighbourhoods for the deprivation-weighted need, proxy stated."""
    if len(neighbourhoods.lsoa_codes) == 0 or int(neighbourhoods.populations.sum()) == 0:
        raise SourceFileError(
            f"{neighbourhoods.la_name} ({neighbourhoods.la_code}) has no population in "
            f"{neighbourhoods.source.path.name}, so no deprivation share can be worked out."
        )
    return DeprivationInputs(
        populations=neighbourhoods.populations,
        deciles=neighbourhoods.deciles,
        most_deprived_deciles=most_deprived,
        population_label=proxy_label(neighbourhoods),
        source=neighbourhoods.describe(),
    )


def deprivation_for_area(
    imd: Path | DeprivationTable, code: str, most_deprived: frozenset[int] = frozenset({1})
) -> DeprivationInputs:
    table = imd if isinstance(imd, DeprivationTable) else load_imd(imd)
    return deprivation_inputs(table.neighbourhoods(code), most_deprived)
