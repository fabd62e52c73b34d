"""`pairsight report`: build the needs-assessment report in HTML, PDF, Word and slides.

The command turns a list of sections into a `Report` and hands it to `build_report`. The
demo supplies the Birmingham population section and needs no database; `--assessment ID`
reads an assessment stored in the web app (setting Django up first), builds the same report
as its report page, and records the export in the assessment's audit trail.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from pairsight.core.disclosure import DisclosureRule
from pairsight.core.document import Report, Status
from pairsight.reports.birmingham import demo_report
from pairsight.reports.build import FORMATS, ReportBuildError, build_report, parse_formats

ALL_FORMATS = ",".join(FORMATS)


def write_report(report: Report, formats: str, out: Path, console: Console) -> dict[str, Path]:
    """Build with progress on the console; a failure is printed and exits with status 1."""

    def progress(message: str, done: int, total: int) -> None:
        console.print(f"[dim][{done}/{total}][/dim] {message}")

    try:
        paths = build_report(report, formats, out, progress=progress)
    except ReportBuildError as error:
        console.print(f"[bold red]Error:[/bold red] {error}")
        raise typer.Exit(1) from error
    for name, path in paths.items():
        console.print(f"{FORMATS[name].label}: {path}", soft_wrap=True, highlight=False)
    return paths


def report_command(
    demo: bool = typer.Option(
        False, "--demo", help="Build the demonstration report (Birmingham 2022 figures)."
    ),
    assessment: int | None = typer.Option(
        None,
        "--assessment",
        help="Build the report of the assessment with this ID, stored in the web app.",
    ),
    user: str = typer.Option(
        "",
        "--user",
        help="With --assessment: the member the export is recorded for in the audit trail "
        "(default: PAIRsight itself).",
    ),
    formats: str = typer.Option(
        ALL_FORMATS, "--format", "-f", help=f"Formats, comma-separated: {ALL_FORMATS}."
    ),
    out: Path = typer.Option(Path("report"), "--out", "-o", help="Folder to write into."),
    disclosure: str = typer.Option(
        "",
        "--disclosure",
        help="Small-number rule for counts of people: off, under-5, under-10 or nhs "
        "(default nhs; an assessment uses the rule chosen on its report page).",
    ),
    published: bool = typer.Option(
        False, "--published", help="Mark the report as published (no draft watermark)."
    ),
    date: str = typer.Option("", "--date", help="Date on the report, YYYY-MM-DD (default: today)."),
) -> None:
    """Build the needs-assessment report (HTML, PDF, Word, slide deck)."""
    console = Console()

    def fail(option: str, message: str) -> typer.Exit:
        console.print(f"[bold red]Error:[/bold red] {option}: {message}")
        return typer.Exit(2)

    try:
        parse_formats(formats)
    except ValueError as error:
        raise fail("--format", str(error)) from error
    try:
        rule = DisclosureRule.parse(disclosure) if disclosure else DisclosureRule.NHS
    except ValueError as error:
        raise fail("--disclosure", str(error)) from error
    try:
        when = datetime.date.fromisoformat(date) if date else None
    except ValueError as error:
        raise fail("--date", f"{date!r} is not a date; write it as YYYY-MM-DD.") from error
    if demo and assessment is not None:
        raise fail("--assessment", "choose either --demo or --assessment, not both.")
    if user and assessment is None:
        raise fail("--user", "only applies to an assessment's report (--assessment ID).")
    if assessment is not None:
        # An assessment's rule and status are set on its report page, where they are audited.
        if disclosure:
            raise fail(
                "--disclosure",
                "an assessment's report uses the small-number rule chosen on its report page.",
            )
        if published:
            raise fail("--published", "only the assessment's lead publishes, on the report page.")
        write_assessment_report(assessment, formats, out, user, console)
        return
    if not demo:
        console.print(
            "[bold red]Error:[/bold red] say which report to build: --demo for the "
            "demonstration report, or --assessment ID for an assessment in the web app."
        )
        raise typer.Exit(2)
    report = demo_report(
        date=when,
        status=Status.PUBLISHED if published else Status.DRAFT,
        disclosure=rule,
    )
    write_report(report, formats, out, console)


def write_assessment_report(
    assessment_id: int, formats: str, out: Path, username: str, console: Console
) -> dict[str, Path]:
    """Build an assessment's report from the web app's database; audit the export."""
    # Django is set up only here, so that `--demo` works without a database.
    from pairsight.django_setup import start_django

    start_django()
    from pairsight.assessments import queries as assessment_queries
    from pairsight.reports import actions

    try:
        stored = assessment_queries.assessment_by_id(assessment_id)
    except LookupError as error:
        console.print(f"[bold red]Error:[/bold red] --assessment: {error}", soft_wrap=True)
        raise typer.Exit(2) from error
    actor: Any = None
    if username:
        try:
            actor = assessment_queries.member_by_username(stored, username)
        except LookupError as error:
            console.print(f"[bold red]Error:[/bold red] --user: {error}", soft_wrap=True)
            raise typer.Exit(2) from error

    def progress(message: str, done: int, total: int) -> None:
        console.print(f"[dim][{done}/{total}][/dim] {message}")

    try:
        paths = actions.export_report(
            actor=actor,
            assessment=stored,
            formats=parse_formats(formats),
            out=out,
            progress=progress,
        )
    except ReportBuildError as error:
        console.print(f"[bold red]Error:[/bold red] {error}")
        raise typer.Exit(1) from error
    for name, path in paths.items():
        console.print(f"{FORMATS[name].label}: {path}", soft_wrap=True, highlight=False)
    console.print(f"Recorded in the audit trail of {stored.title}.", soft_wrap=True)
    return paths


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
