"""`pairsight backup` and `pairsight restore`: one assessment to a file and back; and
`pairsight edition publish|next|changes`: its editions.

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


edition_app = typer.Typer(help="Publish an edition, start the next one, see what changed.")


def _edition(console: Console, assessment: int) -> Any:
    start_django()
    from pairsight.assessments.queries import assessment_by_id

    try:
        return assessment_by_id(assessment)
    except LookupError as error:
        raise _fail(console, "--assessment: ", str(error)) from error


@edition_app.command("publish")
def publish_command(
    assessment: int = typer.Option(..., "--assessment", help="The ID of the assessment."),
    user: str = typer.Option(..., "--user", help="The lead publishing it (audited)."),
    confirm: str = typer.Option(..., "--confirm", help="The assessment's name, typed again."),
) -> None:
    """Publish the assessment as an edition: from then on it can never change."""
    console = Console()
    stored = _edition(console, assessment)
    from pairsight.assessments.backup import REFUSED
    from pairsight.assessments.editions.actions import INVALID, publish_edition

    try:
        publish_edition(actor=_person(console, user), assessment=stored, confirm_title=confirm)
    except INVALID as error:
        raise _fail(console, "--confirm: ", " ".join(error.messages)) from error
    except REFUSED as error:
        raise _fail(console, "--user: ", str(error)) from error
    console.print(f"Published edition {stored.edition} of {escape(stored.title)}.", soft_wrap=True)


@edition_app.command("next")
def next_command(
    assessment: int = typer.Option(..., "--assessment", help="The published edition's ID."),
    user: str = typer.Option(..., "--user", help="The lead starting it: its lead (audited)."),
) -> None:
    """Start the next edition from a published one: everything is carried forward."""
    console = Console()
    stored = _edition(console, assessment)
    from pairsight.assessments.backup import REFUSED
    from pairsight.assessments.editions.actions import INVALID, start_next_edition

    try:
        edition = start_next_edition(actor=_person(console, user), assessment=stored)
    except INVALID as error:
        raise _fail(console, "--assessment: ", " ".join(error.messages)) from error
    except REFUSED as error:
        raise _fail(console, "--user: ", str(error)) from error
    console.print(f"Started edition {edition.edition} as assessment {edition.pk}.")


@edition_app.command("changes")
def changes_command(
    assessment: int = typer.Option(..., "--assessment", help="The later edition's ID."),
    everything: bool = typer.Option(False, "--all", help="List unchanged findings too."),
) -> None:
    """What changed since the previous edition, old and new side by side."""
    from rich.table import Table

    console = Console()
    stored = _edition(console, assessment)
    from pairsight.assessments.editions.queries import edition_changes, grouped

    if stored.previous_edition is None:
        raise _fail(console, "--assessment: ", "this is a first edition: nothing to compare.")
    table = Table(title=escape(f"{stored.title}: edition {stored.edition} against the last"))
    for column in ("Finding", "Before", "Now", "Change"):
        table.add_column(column)
    for group, rows in grouped(edition_changes(stored), include_same=everything).items():
        table.add_section()
        for change in rows:
            table.add_row(
                escape(f"{group}: {change.label}"),
                escape(change.before or "-"),
                escape(change.after or "-"),
                change.describe(),
            )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    app.add_typer(edition_app, name="edition")
