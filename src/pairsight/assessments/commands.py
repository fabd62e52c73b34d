"""`pairsight backup` and `pairsight restore`: one assessment to a file and back.

Django is set up only when a command runs (the rest of the CLI works without a database).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from pairsight.django_setup import start_django


def _fail(console: Console, option: str, message: str, code: int = 2) -> typer.Exit:
    console.print(f"[bold red]Error:[/bold red] {option}{escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def _person(console: Console, username: str) -> Any:
    from pairsight.assessments.backup import person_named

    found = person_named(username)
    if found is None:
        raise _fail(console, "--user: ", f"no one signs in as {username!r}.")
    return found


def backup_command(
    assessment: int = typer.Option(..., "--assessment", help="The ID of the assessment."),
    out: Path = typer.Option(..., "--out", "-o", help="The backup file to write (a zip)."),
    user: str = typer.Option(..., "--user", help="The lead making the backup (audited)."),
) -> None:
    """Back up one assessment to a file: its rows, its stored files and a manifest."""
    start_django()
    from pairsight.assessments.backup import REFUSED, backup_assessment
    from pairsight.assessments.queries import assessment_by_id

    console = Console()
    try:
        stored = assessment_by_id(assessment)
    except LookupError as error:
        raise _fail(console, "--assessment: ", str(error)) from error
    try:
        path = backup_assessment(actor=_person(console, user), assessment=stored, out=out)
    except REFUSED as error:
        raise _fail(console, "--user: ", f"{user} is not a lead of this assessment.") from error
    except OSError as error:
        raise _fail(console, "--out: ", f"{out} cannot be written ({error}).", 1) from error
    console.print(f"Backed up {escape(stored.title)} to {escape(str(path))}.", soft_wrap=True)


def restore_command(
    file: Path = typer.Argument(..., help="A backup file made by `pairsight backup`."),
    user: str = typer.Option(..., "--user", help="The person restoring it: its lead."),
) -> None:
    """Restore an assessment from a backup file, as a new assessment."""
    start_django()
    from pairsight.assessments.archive import BackupError
    from pairsight.assessments.backup import restore_assessment

    console = Console()
    try:
        content = file.read_bytes()
    except OSError as error:
        raise _fail(console, "", f"{file} cannot be read ({error.strerror or error}).") from error
    person = _person(console, user)
    try:
        restored = restore_assessment(actor=person, content=content, name=file.name)
    except BackupError as error:
        raise _fail(console, "", str(error), 1) from error
    console.print(
        f"Restored “{escape(restored.title)}” with {escape(user)} as its lead.", soft_wrap=True
    )
    console.print(f"Restored as assessment {restored.pk}.")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
