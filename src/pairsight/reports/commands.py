"""`pairsight report`: build the needs-assessment report in HTML, PDF, Word and slides.

The command turns a list of sections into a `Report` and hands it to `build_report`. The
demo supplies the Birmingham population section; an assessment stored in the web app
supplies its own sections through the same `write_report` path (see `--assessment`, added
by the web app's glue, which only needs to build the sections).
"""

from __future__ import annotations

import datetime
from pathlib import Path

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
    formats: str = typer.Option(
        ALL_FORMATS, "--format", "-f", help=f"Formats, comma-separated: {ALL_FORMATS}."
    ),
    out: Path = typer.Option(Path("report"), "--out", "-o", help="Folder to write into."),
    disclosure: str = typer.Option(
        DisclosureRule.NHS.value,
        "--disclosure",
        help="Small-number rule for counts of people: off, under-5, under-10 or nhs.",
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
        rule = DisclosureRule.parse(disclosure)
    except ValueError as error:
        raise fail("--disclosure", str(error)) from error
    try:
        when = datetime.date.fromisoformat(date) if date else None
    except ValueError as error:
        raise fail("--date", f"{date!r} is not a date; write it as YYYY-MM-DD.") from error
    if not demo:
        console.print(
            "[bold red]Error:[/bold red] say which report to build: --demo for the "
            "demonstration report."
        )
        raise typer.Exit(2)
    report = demo_report(
        date=when,
        status=Status.PUBLISHED if published else Status.DRAFT,
        disclosure=rule,
    )
    write_report(report, formats, out, console)


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
