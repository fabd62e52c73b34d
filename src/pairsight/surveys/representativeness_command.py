"""`pairsight survey representativeness`: who answered, beside the area's population."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.population_groups import load_population
from pairsight.surveys.analysis.population_map import (
    CategoryMap,
    Level,
    PopulationMapError,
    parse_map,
    shipped_map,
)
from pairsight.surveys.analysis.representativeness import (
    Representativeness,
    RepresentativenessError,
    representativeness,
)
from pairsight.surveys.analysis.representativeness_output import (
    comparison_csv_rows,
    comparison_dict,
    comparison_rows,
)
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.instruments.loader import InstrumentError, load_instrument
from pairsight.surveys.instruments.model import Instrument

console = Console()
errors = Console(stderr=True)


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _question(instrument: Instrument, wanted: str) -> str:
    for number, question in instrument.numbered():
        if wanted in {question.id, str(number)}:
            return question.id
    ids = ", ".join(q.id for q in instrument.questions)
    fail(f"--question {wanted!r}: no such question; the questions are {ids}.")


def _mapping(instrument: Instrument, question_id: str, path: Path | None) -> CategoryMap | None:
    if path is not None:
        try:
            return parse_map(path.read_text(encoding="utf-8"), source=path.name)
        except FileNotFoundError:
            fail(f"--map {path}: no such file.")
    shipped = shipped_map(instrument.id)
    return shipped if shipped is not None and shipped.question_id == question_id else None


def representativeness_command(
    file: Annotated[Path, typer.Argument(help="A survey export (.xlsx, .xls or .csv).")],
    instrument: Annotated[
        str, typer.Option("--instrument", "-i", help="A shipped questionnaire or a YAML file.")
    ],
    question: Annotated[str, typer.Option(help="The one-answer question to compare (id).")],
    population: Annotated[
        Path,
        typer.Option(
            help="A Census 2021 table (ONS bulk CSV or Nomis CSV), or a CSV of group,count "
            "or group,share."
        ),
    ],
    area: Annotated[
        str | None, typer.Option(help="The area's ONS code, when the table holds several.")
    ] = None,
    level: Annotated[
        str, typer.Option(help="high (the 5 high-level groups) or detailed.")
    ] = "high",
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map", help="How answer options map to population groups (YAML; default: shipped)."
        ),
    ] = None,
    source: Annotated[
        str, typer.Option(help="Where a group,count or group,share CSV comes from.")
    ] = "",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, json or csv.")
    ] = "table",
) -> None:
    """Compare who answered a question with the area's population (gaps, intervals, test)."""
    if output_format not in {"table", "json", "csv"}:
        fail(f"--format {output_format!r}: choose table, json or csv.")
    if level not in {"high", "detailed"}:
        fail(f"--level {level!r}: choose high or detailed.")
    chosen_level: Level = "high" if level == "high" else "detailed"
    try:
        chosen = load_instrument(instrument)
        question_id = _question(chosen, question)
        category_map = _mapping(chosen, question_id, mapping)
        groups = load_population(population, area=area, level=chosen_level, source=source)
        survey = import_responses(read_export(file), chosen).survey
        result = representativeness(
            survey,
            question_id,
            groups.figures,
            groups.source,
            category_map.at_level(chosen_level) if category_map else None,
        )
    except (
        SurveyImportError,
        InstrumentError,
        SourceFileError,
        PopulationMapError,
        RepresentativenessError,
    ) as error:
        fail(str(error))
    if output_format == "json":
        sys.stdout.write(json.dumps(comparison_dict(result), indent=2, ensure_ascii=False) + "\n")
    elif output_format == "csv":
        rows = comparison_csv_rows(result)
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print(result)


def _print(result: Representativeness) -> None:
    if result.marking:
        console.print(f"[bold]{escape(result.marking)}[/]", highlight=False, soft_wrap=True)
    table = Table(title=escape(result.question_text), title_justify="left")
    for column in ("Group", "Respondents", "Sample %", "95% interval", "Population %", "Gap"):
        table.add_column(column, justify="left" if column == "Group" else "right")
    for row in comparison_rows(result):
        interval = "–" if row["ci_low"] is None else f"{row['ci_low']:.1f} to {row['ci_high']:.1f}"
        table.add_row(
            escape(row["category"]),
            str(row["sample_count"]),
            "–" if row["sample_percent"] is None else f"{row['sample_percent']:.1f}",
            interval,
            f"{row['population_percent']:.1f}",
            "–" if row["gap"] is None else f"{row['gap']:+.1f}",
        )
    console.print(table)
    console.print(f"Population: {escape(result.population_source)}", highlight=False)
    console.print(escape(result.test.describe()), highlight=False)
    if result.left_out:
        left = ", ".join(f"{k} ({v})" for k, v in result.left_out.items())
        console.print(f"Left out of the comparison: {escape(left)}", highlight=False)
    if result.marking:
        console.print(f"[bold]{escape(result.marking)}[/]", highlight=False, soft_wrap=True)
