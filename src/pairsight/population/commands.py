"""`pairsight need` and `pairsight presets`: the need model from the command line."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pairsight.population.birmingham import birmingham_2022_inputs
from pairsight.population.deprivation import DeprivationInputs
from pairsight.population.estimate import (
    InputError,
    PopulationInputs,
    Reading,
    estimate,
)
from pairsight.population.figures import percent
from pairsight.population.official_commands import need_from_official_data
from pairsight.population.official_options import (
    MYE_SHEET,
    AllAreasOption,
    AreaOption,
    BirthsFileOption,
    ImdOption,
    MyeOption,
    PerYearOption,
    ProjectionsOption,
    SheetOption,
    Tier,
    TierOption,
    YearsOption,
    official_data_requested,
)
from pairsight.population.presets import (
    AttachmentClass,
    Preset,
    PresetError,
    list_presets,
    load_preset,
)
from pairsight.population.split import DEFAULT_SPLIT, load_split
from pairsight.population.terminal import (
    OutputFormat,
    console,
    emit,
    fail,
    parse_capacity,
    parse_count,
    parse_positive_fraction,
)


def read_neighbourhoods(path: Path, most_deprived: str) -> DeprivationInputs:
    """A CSV with one row per neighbourhood and columns `population` and `decile`."""
    try:
        deciles_wanted = frozenset(int(d) for d in most_deprived.split(",") if d.strip())
    except ValueError:
        fail(f"--most-deprived {most_deprived!r}: give deciles as numbers, e.g. 1 or 1,2")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"--neighbourhoods {path}: cannot be read as a UTF-8 CSV file ({error})")
    reader = csv.DictReader(text.splitlines())
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    for needed in ("population", "decile"):
        if needed not in columns:
            fail(f"--neighbourhoods {path}: there is no '{needed}' column")
    populations: list[int] = []
    deciles: list[int] = []
    for line, row in enumerate(reader, start=2):
        for needed, store in (("population", populations), ("decile", deciles)):
            cell = (row.get(columns[needed]) or "").strip().replace(",", "")
            try:
                store.append(int(cell))
            except ValueError:
                where = f"--neighbourhoods {path}, row {line}, column {needed}"
                fail(f"{where}: {cell!r} is not a whole number")
    if not populations:
        fail(f"--neighbourhoods {path}: the file has no neighbourhoods")
    try:
        return DeprivationInputs(
            populations=populations,
            deciles=deciles,
            most_deprived_deciles=deciles_wanted,
            source=str(path),
        )
    except PresetError as error:
        fail(str(error))


def need(
    under_two: Annotated[
        str | None, typer.Option(help="Children under two (ages 0 and 1) at a point in time.")
    ] = None,
    births: Annotated[
        str | None, typer.Option(help="Births a year: gives the per-year reading.")
    ] = None,
    preset: Annotated[
        str, typer.Option(help="Attachment-distribution preset: a name or a YAML file.")
    ] = "standard",
    split: Annotated[
        str, typer.Option(help="Pathway split: a shipped name or a YAML file.")
    ] = DEFAULT_SPLIT,
    capacity: Annotated[
        list[str] | None,
        typer.Option(help='Existing specialised capacity, "Service name=families a year".'),
    ] = None,
    caseload_per_wte: Annotated[
        str | None,
        typer.Option(help="Families one whole-time-equivalent sees a year: adds staff needed."),
    ] = None,
    neighbourhoods: Annotated[
        Path | None,
        typer.Option(help="CSV of neighbourhoods (population, decile): deprivation-weighted."),
    ] = None,
    most_deprived: Annotated[
        str, typer.Option(help="IMD deciles that take the high-adversity distribution.")
    ] = "1",
    area_name: Annotated[str, typer.Option(help="Area name shown in the output.")] = "",
    area_code: Annotated[str, typer.Option(help="ONS code of the area.")] = "",
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, json, csv or markdown.")
    ] = OutputFormat.TABLE,
    demo: Annotated[bool, typer.Option("--demo", help="Use the Birmingham 2022 inputs.")] = False,
    mye: MyeOption = None,
    area: AreaOption = None,
    sheet: SheetOption = MYE_SHEET,
    births_file: BirthsFileOption = None,
    per_year: PerYearOption = False,
    projections: ProjectionsOption = None,
    years: YearsOption = None,
    imd: ImdOption = None,
    all_areas: AllAreasOption = False,
    tier: TierOption = Tier.ALL,
) -> None:
    """Estimate how many babies need which kind of parent-infant relationship support."""
    options = dict(locals())
    if official_data_requested(mye, births_file, per_year, projections, imd, all_areas):
        need_from_official_data(**options)
        return
    try:
        if demo:
            inputs = birmingham_2022_inputs()
        else:
            inputs = build_inputs(
                under_two, births, preset, split, capacity or [], area_name, area_code
            )
        if caseload_per_wte is not None:
            inputs = replace_inputs(
                inputs,
                caseload_per_wte=parse_positive_fraction(caseload_per_wte, "--caseload-per-wte"),
            )
        if neighbourhoods is not None:
            inputs = replace_inputs(
                inputs, deprivation=read_neighbourhoods(neighbourhoods, most_deprived)
            )
        result = estimate(inputs)
    except (InputError, PresetError) as error:
        fail(str(error))
    emit(result, output)


def replace_inputs(inputs: PopulationInputs, **changes: object) -> PopulationInputs:
    from dataclasses import replace

    return replace(inputs, **changes)  # type: ignore[arg-type]


def build_inputs(
    under_two: str | None,
    births: str | None,
    preset_name: str,
    split_name: str,
    capacity: list[str],
    area_name: str,
    area_code: str,
) -> PopulationInputs:
    if (under_two is None) == (births is None):
        fail("give either --under-two (children under two) or --births (births a year), not both")
    reading = Reading.BIRTHS if births is not None else Reading.UNDER_TWO
    option = "--births" if births is not None else "--under-two"
    children = parse_count(births if births is not None else under_two or "", option)
    return PopulationInputs(
        children=children,
        reading=reading,
        preset=load_preset(preset_name),
        split=load_split(split_name),
        capacity=tuple(parse_capacity(c) for c in capacity),
        area_name=area_name,
        area_code=area_code,
    )


presets_app = typer.Typer(help="Attachment-distribution presets and their sources.")


def preset_row(preset: Preset, attachment_class: AttachmentClass) -> str:
    low, high = preset.share_range(attachment_class)
    return percent(low) if low == high else f"{percent(low)}–{percent(high)}"


@presets_app.callback(invoke_without_command=True)
def presets_list(context: typer.Context) -> None:
    """List the shipped presets with their figures and sources."""
    if context.invoked_subcommand is not None:
        return
    try:
        presets = list_presets()
    except PresetError as error:
        fail(str(error))
    table = Table(title="Attachment-distribution presets", title_justify="left")
    for column in ("Name", "Secure", "Insecure", "Disorganised", "Source"):
        table.add_column(column, overflow="fold", no_wrap=column == "Name")
    for preset in presets:
        table.add_row(
            preset.name,
            *(preset_row(preset, c) for c in AttachmentClass),
            short_citation(preset.source.citation),
        )
    console.print(table)
    console.print("Full sources: pairsight presets show NAME", style="dim")


def short_citation(citation: str) -> str:
    """'Author A, Author B (2022)' from a full citation, for a table cell."""
    year_end = citation.find(")")
    return citation[: year_end + 1] if 0 < year_end < 80 else citation


@presets_app.command("show")
def presets_show(name: Annotated[str, typer.Argument(help="Preset name or YAML file.")]) -> None:
    """Show one preset: its figures, scenarios, convention and source."""
    try:
        preset = load_preset(name)
    except PresetError as error:
        fail(str(error))
    console.print(f"[bold]{preset.title}[/] ({preset.name}, version {preset.version})")
    console.print(preset.description)
    table = Table(title_justify="left")
    table.add_column("Scenario")
    for c in AttachmentClass:
        table.add_column(c.label, justify="right")
    for scenario, distribution in preset.scenarios.items():
        table.add_row(scenario, *(percent(distribution.share(c)) for c in AttachmentClass))
    if preset.published is not None:
        table.add_row(
            "as published", *(percent(preset.published.share(c)) for c in AttachmentClass)
        )
    console.print(table)
    console.print(f"Convention: {preset.convention.value}")
    console.print(f"Source: {preset.source.citation}")
    if preset.source.note:
        console.print(f"Note: {preset.source.note}")


def register(app: typer.Typer) -> None:
    app.command("need")(need)
    app.add_typer(presets_app, name="presets")
