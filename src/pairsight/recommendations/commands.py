"""`pairsight recommendations list|export|import`: the register of a stored assessment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

recommendations_app = typer.Typer(
    help="The recommendations register of an assessment stored in the web app.",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)

AssessmentOption = Annotated[int, typer.Option("--assessment", help="The assessment's ID.")]
UserOption = Annotated[
    str, typer.Option("--user", help="The member the command acts for (recorded in the audit).")
]


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _open(assessment_id: int, username: str, *, needed: bool) -> tuple[Any, Any]:
    """The assessment and the member acting, after starting Django."""
    from pairsight.django_setup import start_django

    start_django()
    from pairsight.recommendations import queries

    try:
        return queries.assessment_and_member(assessment_id, username, needed=needed)
    except LookupError as error:
        fail(str(error))


@recommendations_app.command("list")
def list_command(assessment: AssessmentOption, user: UserOption = "") -> None:
    """Print the register, by category, with how many findings each cites."""
    stored, _ = _open(assessment, user, needed=False)
    from pairsight.recommendations import queries

    table = Table(title=escape(f"Recommendations: {stored.title}"))
    for column in ("Number", "Title", "Who it is for", "Status", "Evidence"):
        table.add_column(column)
    for item in queries.recommendations(stored):
        table.add_row(
            item.number,
            escape(item.title + (" (example)" if item.example else "")),
            escape(item.audience),
            item.get_status_display(),
            str(len(item.citations.all())),
        )
    console.print(table)


@recommendations_app.command("export")
def export_command(
    assessment: AssessmentOption,
    out: Annotated[Path, typer.Option("--out", "-o", help="A .csv or .xlsx file to write.")],
    user: UserOption = "",
) -> None:
    """Write the register as CSV or Excel (recorded in the assessment's audit trail)."""
    if out.suffix.lower() not in {".csv", ".xlsx"}:
        fail(f"--out: {out.name} must end in .csv or .xlsx.")
    stored, actor = _open(assessment, user, needed=False)
    from pairsight.recommendations import queries

    body, count = queries.export_register(
        actor=actor, assessment=stored, file_format=out.suffix.lstrip(".").lower()
    )
    out.write_bytes(body)
    console.print(f"Wrote {count} recommendations to {escape(str(out))}")


@recommendations_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A register as .csv or .xlsx.")],
    assessment: AssessmentOption,
    user: Annotated[str, typer.Option("--user", help="An editor or lead of the assessment.")],
) -> None:
    """Add every recommendation of the file to the register, or none if any row has a problem."""
    if not file.is_file():
        fail(f"{file} is not a file.")
    stored, actor = _open(assessment, user, needed=True)
    from pairsight.recommendations import actions

    added, problems = actions.import_register_or_problems(
        actor=actor, assessment=stored, content=file.read_bytes(), file_name=file.name
    )
    if problems:
        fail("; ".join(problems))
    console.print(f"Imported {len(added)} recommendations into {escape(stored.title)}")


def register(app: typer.Typer) -> None:
    app.add_typer(recommendations_app, name="recommendations")
