"""`pairsight data`: download the official statistics and look inside them (no Django here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from pairsight.officialdata.added import KINDS, AddError, add_file
from pairsight.officialdata.download import (
    DATASETS,
    DownloadError,
    data_dir,
    downloaded_files,
    fetch,
)
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.fingertips import (
    CONTEXT_INDICATORS,
    UPPER_TIER_AREA_TYPE,
    FingertipsClient,
    FingertipsError,
)
from pairsight.officialdata.mye import MYE_SHEET, load_mid_year_estimates

SheetOption = Annotated[
    str, typer.Option("--sheet", help="Sheet of the mid-year estimates workbook.")
]

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def fail(message: str) -> NoReturn:
    """One clear sentence and exit status 2: what a user sees instead of a traceback."""
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(2)


data_app = typer.Typer(
    help="Official statistics: download ONS, MHCLG and OHID files and look inside them.",
    no_args_is_help=True,
)

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Official data folder (default: the 'official' folder in $PAIRSIGHT_DATA_DIR, "
        "or ./var/official).",
    ),
]
FETCHABLE = (*DATASETS, "fingertips")


@data_app.command("fetch")
def fetch_command(
    dataset: Annotated[str, typer.Argument(help=f"One of: {', '.join(FETCHABLE)}.")],
    folder: DataDirOption = None,
    url: Annotated[
        str | None, typer.Option(help="Download from this URL instead (a newer release).")
    ] = None,
    indicator: Annotated[
        list[int] | None,
        typer.Option(help="With fingertips: indicator ID (repeatable; default: context set)."),
    ] = None,
    area_type: Annotated[
        int, typer.Option(help="With fingertips: area type (502 = upper-tier councils).")
    ] = UPPER_TIER_AREA_TYPE,
) -> None:
    """Download an official file into the data folder, keeping its source URL and date."""
    target = data_dir(folder)
    if dataset == "fingertips":
        _fetch_fingertips(target, indicator or list(CONTEXT_INDICATORS), area_type)
        return
    if dataset not in DATASETS:
        fail(f"unknown dataset {dataset!r}; choose one of {', '.join(FETCHABLE)}")
    chosen = DATASETS[dataset]
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=errors) as progress:
            task = progress.add_task(chosen.title, total=None)

            def advance(received: int, total: int | None) -> None:
                progress.update(task, advance=received, total=total)

            fetched = fetch(chosen, target, url=url, on_progress=advance)
    except DownloadError as error:
        fail(str(error))
    verb = "Replaced" if fetched.replaced else "Saved"
    console.print(f"{verb} {fetched.path} ({fetched.record.bytes:,} bytes)", highlight=False)
    console.print(f"Source: {fetched.record.url}", highlight=False)


def _fetch_fingertips(folder: Path, indicators: list[int], area_type: int) -> None:
    client = FingertipsClient(folder / "fingertips")
    table = Table(title=f"Fingertips indicators for area type {area_type}", title_justify="left")
    for column in ("Indicator", "Name", "Period", "Areas", "Retrieved"):
        table.add_column(column)
    try:
        with Progress(console=errors) as progress:
            task = progress.add_task("Fingertips", total=len(indicators) + 1)
            client.areas(area_type, refresh=True)
            progress.advance(task)
            for indicator_id in indicators:
                data = client.latest(indicator_id, area_type, refresh=True)
                progress.advance(task)
                stale = " (cached; not reachable)" if data.stale else ""
                table.add_row(
                    str(indicator_id),
                    data.name,
                    data.period,
                    f"{len(data.values):,}",
                    data.retrieved[:10] + stale,
                )
    except FingertipsError as error:
        fail(str(error))
    console.print(table)
    console.print(f"Cached in {client.cache_dir}", highlight=False)


@data_app.command("add")
def add_command(
    file: Annotated[Path, typer.Argument(help="An official file downloaded by hand.")],
    source: Annotated[
        str, typer.Option(help="Where it comes from: the page or URL it was downloaded from.")
    ],
    kind: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(KINDS)} (default: recognised).")
    ] = None,
    folder: DataDirOption = None,
) -> None:
    """Check an official file with its loader and keep it in the data folder with its source."""
    target = data_dir(folder)
    if not file.is_file():
        fail(f"{file} is not a file")
    try:
        with file.open("rb") as stream:
            added = add_file(stream, file.name, target, source=source, kind=kind)
    except AddError as error:
        fail(str(error))
    verb = "Replaced" if added.replaced else "Added"
    console.print(
        f"{verb} {added.path} ({added.record.title}; {added.record.bytes:,} bytes, "
        f"sha256 {added.record.sha256[:12]}…)",
        highlight=False,
        markup=False,
    )


@data_app.command("list")
def list_command(folder: DataDirOption = None) -> None:
    """The files in the data folder, with where and when each was downloaded."""
    target = data_dir(folder)
    found = downloaded_files(target)
    if not found:
        console.print(f"No downloaded files in {target}; try: pairsight data fetch ons-mye")
        return
    table = Table(title=f"Official data in {target}", title_justify="left")
    for column in ("File", "Dataset", "Downloaded", "Source"):
        table.add_column(column, overflow="fold")
    for path, record in found:
        table.add_row(
            escape(path.name),
            escape(record.title),
            record.downloaded[:10],
            escape(record.url) + (" (added by hand)" if record.how == "added" else ""),
        )
    console.print(table)


@data_app.command("areas")
def areas_command(
    mye: Annotated[Path, typer.Argument(help="ONS mid-year estimates file.")],
    search: Annotated[str, typer.Option(help="Show only areas whose name contains this.")] = "",
    sheet: SheetOption = MYE_SHEET,
) -> None:
    """Area codes and children under two in a mid-year estimates file."""
    try:
        estimates = load_mid_year_estimates(mye, sheet)
        under_two = estimates.under_two_all()
    except SourceFileError as error:
        fail(str(error))
    table = Table(title=estimates.source.describe(), title_justify="left")
    for column in ("Code", "Name", "Geography", "Children under two"):
        table.add_column(column, justify="right" if column.startswith("Children") else "left")
    for code, name, geography, count in zip(
        estimates.codes, estimates.names, estimates.geographies, under_two, strict=True
    ):
        if search.lower() in name.lower():
            table.add_row(code, name, geography, f"{int(count):,}")
    console.print(table)


@data_app.command("context")
def context_command(
    area: Annotated[str, typer.Option("--area", help="ONS code of an upper-tier council.")],
    indicator: Annotated[
        list[int] | None, typer.Option(help="Indicator ID (repeatable; default: context set).")
    ] = None,
    area_type: Annotated[int, typer.Option(help="Fingertips area type.")] = UPPER_TIER_AREA_TYPE,
    folder: DataDirOption = None,
) -> None:
    """Fingertips context indicators for one area, beside England (from the cache if fresh)."""
    client = FingertipsClient(data_dir(folder) / "fingertips")
    table = Table(title=f"Context indicators for {area} (OHID Fingertips)", title_justify="left")
    for column in ("Indicator", "Period", "Area", "England", "Unit", "Retrieved"):
        table.add_column(column, overflow="fold")
    try:
        for indicator_id in indicator or list(CONTEXT_INDICATORS):
            data = client.latest(indicator_id, area_type)
            value = data.for_area(area.strip().upper())
            if value is None:
                fail(f"Fingertips indicator {indicator_id} has no value for {area}")
            table.add_row(
                f"{data.name} ({indicator_id})",
                data.period,
                value.value_text if value.value is not None else "no value",
                data.england.value_text if data.england else "",
                data.unit,
                data.retrieved[:10] + (" (stale)" if data.stale else ""),
            )
    except FingertipsError as error:
        fail(str(error))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
