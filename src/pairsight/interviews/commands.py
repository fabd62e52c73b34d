"""`pairsight interviews ...`: propose redactions, measure agreement, move codebooks.

`redact` and `agreement` read files and store nothing. `import` and `export` move a codebook
(.qdc or .csv) into or out of an assessment in the web app's database when given
`--assessment`, and otherwise convert or print files on their own.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pairsight.interviews.agreement import READING, AgreementError, agreement, read_codings
from pairsight.interviews.codebook import (
    Codebook,
    CodebookError,
    from_csv,
    from_qdc,
    starter_codebook,
    to_csv,
    to_qdc,
)
from pairsight.interviews.redaction import propose
from pairsight.interviews.transcripts import TranscriptError, read_transcript

interviews_app = typer.Typer(
    help="Interview transcripts and thematic analysis.", no_args_is_help=True
)
console = Console()
errors = Console(stderr=True)


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"


class CodebookFormat(enum.StrEnum):
    QDC = "qdc"
    CSV = "csv"


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        fail(f"{file}: {error.strerror or error}")


@interviews_app.command("redact")
def redact_command(
    file: Annotated[Path, typer.Argument(help="A transcript (.txt .md .docx .pdf .vtt .srt).")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
) -> None:
    """Print the redactions PAIRsight would propose for a transcript; nothing is stored."""
    try:
        transcript = read_transcript(_read(file), file.name)
    except TranscriptError as error:
        fail(str(error))
    proposals = propose(transcript.text)
    if output is OutputFormat.JSON:
        rows = [
            {
                "kind": str(p.kind),
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "replacement": p.replacement,
            }
            for p in proposals
        ]
        json.dump({"file": file.name, "proposals": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(title=f"Proposed redactions in {escape(file.name)}")
    for column in ("Kind", "Text", "Where", "Replaced by"):
        table.add_column(column)
    for p in proposals:
        table.add_row(p.kind.label, escape(p.text), f"{p.start}–{p.end}", escape(p.replacement))
    console.print(table)
    console.print(
        f"{len(proposals)} proposals. Review them when importing the transcript in the web app: "
        "only the text with the redactions you accept is stored.",
        soft_wrap=True,
    )


@interviews_app.command("agreement")
def agreement_command(
    file: Annotated[Path, typer.Argument(help="CSV with columns unit,coder,code.")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
) -> None:
    """Krippendorff's alpha over all coders and Cohen's kappa per code."""
    try:
        text = _read(file).decode("utf-8-sig")
        result = agreement(read_codings(text))
    except UnicodeDecodeError:
        fail(f"{file}: the file is not UTF-8 text")
    except AgreementError as error:
        fail(f"{file}: {error}")
    if output is OutputFormat.JSON:
        body: dict[str, Any] = {
            "alpha": _rounded(result.alpha),
            "themes": [
                {
                    "code": t.code,
                    "kappa": _rounded(t.kappa),
                    "coders": list(t.coders),
                    "units": t.units,
                    "observed_agreement": _rounded(t.observed),
                }
                for t in result.themes
            ],
            "units": result.units,
            "coders": list(result.coders),
        }
        json.dump(body, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    console.print(
        f"Krippendorff's alpha (nominal, {len(result.coders)} coders, {result.units} units): "
        f"{_shown(result.alpha)}",
        highlight=False,
    )
    table = Table(title="Cohen's kappa per code")
    for column in ("Code", "Coders", "Units", "Kappa"):
        table.add_column(column, justify="right" if column in {"Units", "Kappa"} else "left")
    for t in result.themes:
        table.add_row(escape(t.code), escape(" and ".join(t.coders)), str(t.units), _shown(t.kappa))
    console.print(table)
    console.print(READING, soft_wrap=True)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _shown(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def _codebook_from(file: Path) -> Codebook:
    content = _read(file)
    try:
        if file.suffix.lower() == ".qdc":
            return from_qdc(content)
        if file.suffix.lower() == ".csv":
            return from_csv(content.decode("utf-8-sig"))
    except (CodebookError, UnicodeDecodeError) as error:
        fail(f"{file}: {error}")
    fail(f"{file}: a codebook is a .qdc (REFI-QDA) or .csv file")


def _assessment_and_actor(assessment_id: int, username: str) -> tuple[Any, Any]:
    # Django is set up only for the commands that read the web app's database.
    from pairsight.django_setup import start_django

    start_django()
    from pairsight.interviews import queries

    try:
        return queries.assessment_and_member(assessment_id, username)
    except LookupError as error:
        fail(str(error))


@interviews_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A codebook: .qdc (REFI-QDA) or .csv.")],
    assessment: Annotated[
        int | None, typer.Option("--assessment", help="Add it to this assessment's codebook.")
    ] = None,
    user: Annotated[str, typer.Option("--user", help="The member doing it (an editor).")] = "",
) -> None:
    """Read a codebook from Taguette, QualCoder, NVivo, ATLAS.ti or PAIRsight."""
    codebook = _codebook_from(file)
    if assessment is None:
        for category in codebook.categories:
            console.print(f"[bold]{escape(category.name)}[/]")
            for theme in category.themes:
                console.print(f"  {escape(theme.name)}", highlight=False)
        console.print(
            f"{len(codebook.categories)} categories, {len(codebook.themes())} themes. "
            "Add --assessment ID --user NAME to add them to an assessment."
        )
        return
    stored, actor = _assessment_and_actor(assessment, user)
    from pairsight.interviews import actions

    try:
        categories, themes = actions.import_codebook(
            actor=actor, assessment=stored, codebook=codebook, file_name=file.name
        )
    except actions.REFUSED as error:
        fail(f"--user {user}: {error}")
    console.print(f"Added {categories} categories and {themes} themes to {escape(stored.title)}.")


@interviews_app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    assessment: Annotated[
        int | None, typer.Option("--assessment", help="Export this assessment's codebook.")
    ] = None,
    user: Annotated[str, typer.Option("--user", help="The member exporting it.")] = "",
    output: Annotated[CodebookFormat, typer.Option("--format", "-f")] = CodebookFormat.QDC,
) -> None:
    """Write a codebook as REFI-QDA (.qdc) or CSV: an assessment's, or the starter one."""
    if assessment is None:
        codebook = starter_codebook()
        content = to_qdc(codebook) if output is CodebookFormat.QDC else to_csv(codebook).encode()
    else:
        stored, actor = _assessment_and_actor(assessment, user)
        from pairsight.interviews import actions

        try:
            content = actions.export_codebook(
                actor=actor, assessment=stored, file_format=output.value
            )
        except actions.REFUSED as error:
            fail(f"--user {user}: {error}")
    try:
        out.write_bytes(content)
    except OSError as error:
        fail(f"{out}: {error.strerror or error}")
    console.print(f"Wrote {escape(str(out))}.", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(interviews_app, name="interviews")
