"""`pairsight survey ...`: analyse any export, list and print questionnaires, demo files."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rapidfuzz import fuzz, process
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from pairsight.surveys.analysis.crosstab import CrossTabError
from pairsight.surveys.analysis.serialise import analysis_csv, analysis_dict
from pairsight.surveys.analysis.survey import analyse
from pairsight.surveys.answer_text import normalise
from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.mapping import ColumnMapping
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.inference import infer_instrument
from pairsight.surveys.instruments.loader import (
    InstrumentError,
    load_instrument,
    shipped_instruments,
)
from pairsight.surveys.instruments.microsoft_forms import forms_question_list
from pairsight.surveys.instruments.model import Instrument, ScaleQuestion, SingleChoice
from pairsight.surveys.instruments.printable import questionnaire_html, questionnaire_pdf
from pairsight.surveys.representativeness_command import representativeness_command
from pairsight.surveys.synthetic import birmingham_surveys

survey_app = typer.Typer(
    help="Survey exports and questionnaires (workforce and parents' surveys).",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class QuestionnaireFormat(enum.StrEnum):
    FORMS = "forms"
    HTML = "html"
    PDF = "pdf"


class DemoSurvey(enum.StrEnum):
    PRACTITIONERS = "practitioners"
    PARENTS = "parents"


def fail(message: str) -> NoReturn:
    """One clear message and exit status 2: what a user sees instead of a traceback."""
    # Soft wrap: the terminal wraps the sentence, so a copied message stays one line.
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@survey_app.command("analyse")
def analyse_command(
    file: Annotated[Path, typer.Argument(help="A survey export (.xlsx, .xls or .csv).")],
    instrument: Annotated[
        str | None,
        typer.Option(
            "--instrument",
            "-i",
            help="A shipped questionnaire (see `pairsight survey instruments`) or a YAML "
            "file. Without one, each column's kind is inferred.",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            help="Break every choice question down by this one-answer question "
            "(its id, number or text)."
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(help="A saved column mapping (JSON) to use instead of matching by text."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = OutputFormat.TABLE,
) -> None:
    """Analyse a survey export: counts, percentages with 95% intervals, breakdowns."""
    proposed: ColumnMapping | None
    try:
        export = read_export(file)
        if instrument is None:
            chosen, proposed = infer_instrument(export)
        else:
            chosen = load_instrument(instrument)
            proposed = _saved_mapping(mapping) if mapping else None
        result = import_responses(export, chosen, mapping=proposed)
        survey = result.survey
        by_id = _resolve_question(chosen, by) if by else None
        analysis = analyse(survey, by=by_id)
    except (SurveyImportError, InstrumentError, CrossTabError) as error:
        fail(str(error))
    if output_format is OutputFormat.JSON:
        data = analysis_dict(analysis)
        if result.unmatched_columns:
            data["columns_not_imported"] = result.unmatched_columns
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif output_format is OutputFormat.CSV:
        sys.stdout.write(analysis_csv(analysis))
    else:
        from pairsight.surveys.terminal import print_analysis

        print_analysis(console, analysis)
        if result.unmatched_columns:
            console.print(
                Text(
                    "\nColumns not matched to a question (not analysed): "
                    + ", ".join(result.unmatched_columns),
                    style="dim",
                ),
                highlight=False,
                soft_wrap=True,
            )


def _saved_mapping(path: Path) -> ColumnMapping:
    try:
        return ColumnMapping.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"--mapping {path}: no such file.")
    except (ValueError, KeyError, TypeError):
        fail(f"--mapping {path}: not a PAIRsight column mapping (JSON).")


def _resolve_question(instrument: Instrument, wanted: str) -> str:
    """A question by id, by number, or by (close enough) text; one-answer questions only."""
    candidates = [q for q in instrument.questions if isinstance(q, SingleChoice | ScaleQuestion)]
    names = ", ".join(f"{q.id}" for q in candidates) or "none"
    found = None
    for number, question in instrument.numbered():
        if (
            wanted == question.id
            or wanted == str(number)
            or normalise(wanted) == normalise(question.text)
        ):
            found = question
    if found is None:
        texts = {q.id: q.text for q in instrument.questions}
        best = process.extractOne(
            normalise(wanted), {k: normalise(v) for k, v in texts.items()}, scorer=fuzz.WRatio
        )
        if best is not None and best[1] >= 85:
            found = instrument.question(str(best[2]))
    if found is None:
        fail(f"--by {wanted!r}: no such question. One-answer questions: {names}.")
    if not isinstance(found, SingleChoice | ScaleQuestion):
        fail(
            f"--by {wanted!r}: question {found.id!r} is {found.kind.replace('_', ' ')}; "
            f"break down by a one-answer question: {names}."
        )
    return found.id


@survey_app.command("instruments")
def instruments_command() -> None:
    """List the questionnaire templates that come with PAIRsight."""
    table = Table(title="Questionnaire templates", title_justify="left")
    for column in ("Name", "Title", "Version", "Questions", "For"):
        table.add_column(column)
    for shipped in shipped_instruments():
        table.add_row(
            *(
                Text(str(v))
                for v in (
                    shipped.id,
                    shipped.title,
                    shipped.version,
                    shipped.questions,
                    shipped.audience,
                )
            )
        )
    console.print(table)
    console.print(
        "Use a name with --instrument, or copy its YAML file and edit it.",
        highlight=False,
        soft_wrap=True,
    )


@survey_app.command("questionnaire")
def questionnaire_command(
    instrument: Annotated[str, typer.Argument(help="A shipped questionnaire name or a YAML file.")],
    output_format: Annotated[
        QuestionnaireFormat,
        typer.Option(
            "--format", "-f", help="forms (text to paste into Microsoft Forms), html or pdf."
        ),
    ] = QuestionnaireFormat.FORMS,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """Print a questionnaire: a Microsoft Forms question list, or HTML/PDF for paper copies."""
    try:
        chosen = load_instrument(instrument)
    except InstrumentError as error:
        fail(str(error))
    if output_format is QuestionnaireFormat.PDF:
        if output is None:
            fail("--format pdf needs --output FILE.pdf.")
        output.write_bytes(questionnaire_pdf(chosen))
        console.print(Text(f"Wrote {output}"), highlight=False, soft_wrap=True)
        return
    text = (
        forms_question_list(chosen)
        if output_format is QuestionnaireFormat.FORMS
        else questionnaire_html(chosen)
    )
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(Text(f"Wrote {output}"), highlight=False, soft_wrap=True)


@survey_app.command("demo")
def demo_command(
    survey: Annotated[DemoSurvey, typer.Argument(help="practitioners or parents.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlsx file to write.")],
    seed: Annotated[int, typer.Option(help="Random seed (the same seed, the same file).")] = 2022,
) -> None:
    """Write SYNTHETIC Birmingham responses as a Microsoft Forms export, to try an import."""
    if output.suffix.lower() != ".xlsx":
        fail(f"--output {output}: give a file name ending in .xlsx.")
    responses = birmingham_surveys(seed)[survey.value]
    write_msforms_xlsx(responses, output)
    console.print(
        Text(f"Wrote {output}: {responses.count} responses. {responses.label}"),
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(survey_app, name="survey")


# Kept in its own module (it reads official data too); registered here with the others.
survey_app.command("representativeness")(representativeness_command)
