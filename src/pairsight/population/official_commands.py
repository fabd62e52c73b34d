"""`pairsight data …` and the official-data options of `pairsight need`.

`pairsight data fetch` downloads the official files with a progress bar into a data folder;
`pairsight data list`, `areas` and `context` show what is there. `pairsight need --mye`,
`--births-file`, `--projections`, `--imd` and `--all-areas` read those files; their options
are declared here and `population/commands.py` hands them over, so the need command stays
one command.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from pairsight.officialdata.areas import Tier
from pairsight.officialdata.errors import AreaNotFoundError, SourceFileError
from pairsight.officialdata.imd import load_imd
from pairsight.officialdata.mye import load_mid_year_estimates
from pairsight.officialdata.projections import load_projections
from pairsight.population.all_areas import AllAreas, all_areas_csv, estimate_all_areas
from pairsight.population.deprivation import DeprivationInputs
from pairsight.population.estimate import InputError, PopulationInputs, Reading, estimate
from pairsight.population.figures import decimal_text, percent
from pairsight.population.official_inputs import (
    NO_BIRTHS_HINT,
    ChildrenCount,
    children_for_area,
    deprivation_inputs,
)
from pairsight.population.presets import PresetError, load_preset
from pairsight.population.projection import ProjectedNeed, project_need, projected_csv
from pairsight.population.render import CAVEAT, range_text
from pairsight.population.split import load_split
from pairsight.population.terminal import (
    OutputFormat,
    console,
    emit,
    errors,
    fail,
    parse_capacity,
    parse_count,
    parse_positive_fraction,
)


def parse_years(text: str) -> range:
    first, _, last = text.replace("–", "-").partition("-")
    try:
        start = int(first.strip())
        end = int(last.strip()) if last else start
    except ValueError:
        fail(f"--years {text!r}: give a year or a range such as 2025-2035")
    if end < start:
        fail(f"--years {text!r}: the last year comes before the first")
    return range(start, end + 1)


def parse_deciles(text: str) -> frozenset[int]:
    try:
        deciles = frozenset(int(d) for d in text.split(",") if d.strip())
    except ValueError:
        fail(f"--most-deprived {text!r}: give deciles as numbers, e.g. 1 or 1,2")
    if not deciles or not deciles <= set(range(1, 11)):
        fail(f"--most-deprived {text!r}: deciles run from 1 (most deprived) to 10")
    return deciles


def need_from_official_data(
    *,
    mye: Path | None,
    area: str | None,
    sheet: str,
    births_file: Path | None,
    per_year: bool,
    projections: Path | None,
    years: str | None,
    imd: Path | None,
    all_areas: bool,
    tier: Tier,
    under_two: str | None,
    births: str | None,
    neighbourhoods: Path | None,
    most_deprived: str,
    preset: str,
    split: str,
    capacity: list[str] | None,
    caseload_per_wte: str | None,
    output: OutputFormat,
    area_name: str = "",
    area_code: str = "",
    demo: bool = False,
) -> None:
    """`pairsight need` when it reads ONS or MHCLG files; every bad file exits with status 2."""
    if demo:
        fail("--demo uses the Birmingham 2022 inputs; leave out the data file options")
    if area_code and not area:
        area = area_code
    capacity = capacity or []
    if neighbourhoods is not None and imd is not None:
        fail("give --imd (IMD File 7) or --neighbourhoods (your own CSV), not both")
    deciles = parse_deciles(most_deprived)
    try:
        preset_loaded = load_preset(preset)
        split_loaded = load_split(split)
        if all_areas:
            _all_areas(mye, sheet, imd, tier, deciles, preset_loaded.name, capacity, output)
            return
        if not area:
            fail("give --area with the ONS code of the area to read (e.g. --area E08000025)")
        code = area.strip().upper()
        inputs = PopulationInputs(
            children=0,
            preset=preset_loaded,
            split=split_loaded,
            capacity=tuple(parse_capacity(c) for c in capacity),
            caseload_per_wte=parse_positive_fraction(caseload_per_wte, "--caseload-per-wte")
            if caseload_per_wte is not None
            else None,
        )
        imd_area_name = ""
        if imd is not None:
            deprivation, imd_area_name = _deprivation(imd, code, deciles)
            inputs = replace(inputs, deprivation=deprivation)
        if projections is not None:
            _projections(inputs, projections, code, years, output)
            return
        counted = _children(
            code, mye, sheet, births_file, per_year, under_two, births, imd_area_name
        )
        inputs = replace(
            inputs,
            children=counted.children,
            reading=Reading.BIRTHS if counted.per_year else Reading.UNDER_TWO,
            area_code=counted.area_code,
            area_name=area_name or counted.area_name,
            children_source=counted.source,
        )
        result = estimate(inputs)
    except SourceFileError as error:
        fail(str(error))
    except (InputError, PresetError) as error:
        fail(str(error))
    if counted.proxy_note:
        errors.print(f"Note: {counted.proxy_note}", style="yellow", highlight=False)
    elif not counted.per_year and mye is not None and output is OutputFormat.TABLE:
        errors.print(NO_BIRTHS_HINT, style="dim", highlight=False)
    emit(result, output)


def _children(
    code: str,
    mye: Path | None,
    sheet: str,
    births_file: Path | None,
    per_year: bool,
    under_two: str | None,
    births: str | None,
    area_name: str,
) -> ChildrenCount:
    if under_two is not None or births is not None:
        if mye is not None or births_file is not None:
            fail("give the children as a number (--under-two/--births) or from a file, not both")
        given = births if births is not None else under_two
        option = "--births" if births is not None else "--under-two"
        return ChildrenCount(
            parse_count(given or "", option),
            births is not None,
            code,
            area_name,
            "entered by the user",
        )
    return children_for_area(code, mye=mye, births=births_file, per_year=per_year, sheet=sheet)


def _deprivation(imd: Path, code: str, deciles: frozenset[int]) -> tuple[DeprivationInputs, str]:
    table = load_imd(imd)
    try:
        neighbourhoods = table.neighbourhoods(code)
    except AreaNotFoundError as error:
        raise AreaNotFoundError(
            f"{str(error).rstrip('.?')}? ({table.edition} lists local authority districts "
            f"as of {table.la_year or 'its release'}; counties and newer councils are not in it.)"
        ) from None
    return deprivation_inputs(neighbourhoods, deciles), neighbourhoods.la_name


def _projections(
    inputs: PopulationInputs, path: Path, code: str, years: str | None, output: OutputFormat
) -> None:
    loaded = load_projections(path)
    wanted = parse_years(years) if years else None
    projected = project_need(inputs, loaded.area(code, wanted))
    if output is OutputFormat.JSON:
        sys.stdout.write(json.dumps(projected.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif output is OutputFormat.CSV:
        sys.stdout.write(projected_csv(projected))
    elif output is OutputFormat.MARKDOWN:
        sys.stdout.write(_projected_markdown(projected))
    else:
        notes = Text("\n".join(_projected_notes(projected)), style="dim")
        console.print(Group(_projected_table(projected), notes))


def _projected_table(projected: ProjectedNeed) -> Table:
    first = projected.years[0].estimate
    ranged = any(y.estimate.unmet_need.has_range for y in projected.years)
    table = Table(
        title=f"{projected.projection.name} ({projected.projection.code}): projected "
        "parent-infant relationship need",
        caption=f"Counts are {first.unit}.",
        title_justify="left",
    )
    table.add_column("Year")
    table.add_column("Children under two", justify="right")
    table.add_column("Specialised need", justify="right")
    if ranged:
        table.add_column("Low–high", justify="right")
    table.add_column("Capacity", justify="right")
    table.add_column("Unmet need", justify="right", style="bold")
    if ranged:
        table.add_column("Low–high ", justify="right")
    for item in projected.years:
        result = item.estimate
        cells = [str(item.year.year), f"{item.children:,}", f"{result.specialised_need.value:,}"]
        if ranged:
            cells.append(range_text(result.specialised_need))
        cells += [f"{result.capacity.value:,}", f"{result.unmet_need.value:,}"]
        if ranged:
            cells.append(range_text(result.unmet_need))
        table.add_row(*cells)
    return table


def _projected_notes(projected: ProjectedNeed) -> list[str]:
    first = projected.years[0].estimate
    lines = [
        f"Children: {projected.projection.describe()}.",
        f"Attachment distribution: {first.inputs.preset.title} — "
        f"{first.inputs.preset.source.citation}",
        f"Capacity: {first.capacity.provenance.statement} in every year.",
    ]
    if first.weighting is not None:
        lines.append(
            f"Deprivation-weighted: {percent(first.weighting.deprived_share)} of "
            f"{first.weighting.population_label} live in the most deprived neighbourhoods."
        )
    return [*lines, CAVEAT]


def _projected_markdown(projected: ProjectedNeed) -> str:
    lines = [
        f"## {projected.projection.name} ({projected.projection.code}): projected need",
        "",
        "| Year | Children under two | Specialised need | Capacity | Unmet need |",
        "|---|--:|--:|--:|--:|",
    ]
    for item in projected.years:
        result = item.estimate
        lines.append(
            f"| {item.year.year} | {item.children:,} | {result.specialised_need.value:,} "
            f"| {result.capacity.value:,} | {result.unmet_need.value:,} |"
        )
    return "\n".join([*lines, "", *(f"- {n}" for n in _projected_notes(projected))]) + "\n"


def _all_areas(
    mye: Path | None,
    sheet: str,
    imd: Path | None,
    tier: Tier,
    deciles: frozenset[int],
    preset: str,
    capacity: list[str],
    output: OutputFormat,
) -> None:
    if mye is None:
        fail("--all-areas needs --mye with the ONS mid-year estimates for every area")
    if capacity:
        fail("--capacity names one area's services; with --all-areas capacity is taken as none")
    estimates = load_mid_year_estimates(mye, sheet)
    table = load_imd(imd) if imd is not None else None
    result = estimate_all_areas(
        estimates, load_preset(preset), tier=tier, imd=table, most_deprived=deciles
    )
    if not result.rows:
        fail(f"{mye.name} has no local authorities ({tier.value} tier) to estimate")
    if output is OutputFormat.CSV:
        sys.stdout.write(all_areas_csv(result))
    elif output is OutputFormat.JSON:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif output is OutputFormat.MARKDOWN:
        sys.stdout.write(_all_areas_markdown(result))
    else:
        console.print(_all_areas_table(result))


def _all_areas_columns(result: AllAreas) -> list[str]:
    columns = ["Rank", "Code", "Area", "Type", "Children under two"]
    if result.deprivation_source:
        columns.append("In most deprived")
    return [*columns, "Specialised need", "Unmet need", "Per 1,000 children"]


def _all_areas_cells(result: AllAreas) -> list[list[str]]:
    rows = []
    for row in result.rows:
        cells = [str(row.rank), row.code, row.name, row.kind, f"{row.children:,}"]
        if result.deprivation_source:
            cells.append("–" if row.deprived_share is None else percent(row.deprived_share))
        cells += [
            f"{row.specialised_need:,}",
            f"{row.unmet_need[0]:,}",
            decimal_text(row.unmet_per_1000, 1),
        ]
        rows.append(cells)
    return rows


def _all_areas_table(result: AllAreas) -> Group:
    table = Table(
        title="Unmet specialised parent-infant relationship need, every local authority",
        caption="Ranked by unmet need per 1,000 children under two.",
        title_justify="left",
    )
    for column in _all_areas_columns(result):
        table.add_column(column, justify="left" if column in {"Code", "Area", "Type"} else "right")
    for cells in _all_areas_cells(result):
        table.add_row(*cells)
    return Group(table, Text("\n".join([*result.notes, CAVEAT]), style="dim"))


def _all_areas_markdown(result: AllAreas) -> str:
    columns = _all_areas_columns(result)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cells) + " |" for cells in _all_areas_cells(result)]
    return "\n".join([*lines, "", *(f"- {n}" for n in [*result.notes, CAVEAT])]) + "\n"


# --- pairsight data ---------------------------------------------------------------------
