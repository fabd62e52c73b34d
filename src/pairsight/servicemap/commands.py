"""`pairsight services ...`: triage any feed, import one into an assessment, print the matrix.

`triage` reads a feed (a file or a web address) and stores nothing, so it needs no database;
`import` and `matrix` work on an assessment in the web app's database (Django is set up
only for them).
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

from pairsight.django_setup import start_django
from pairsight.servicemap.feed_url import is_web_address, read_feed_url
from pairsight.servicemap.oruk import FeedError, FeedRead, read_feed
from pairsight.servicemap.triage import Verdict, triage

services_app = typer.Typer(
    help="Service mapping: Open Referral UK feeds, triage and the matrix.",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"


def fail(message: str) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _read(source: str) -> FeedRead:
    if is_web_address(source):
        return read_feed_url(source)
    path = Path(source)
    if not path.is_file():
        fail(f"{source}: no such file (give a feed file or an http(s) address).")
    return read_feed(path.read_bytes(), path.name)


@services_app.command("triage")
def triage_command(
    source: Annotated[str, typer.Argument(help="An ORUK feed: a JSON file or a web address.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table or json.")
    ] = OutputFormat.TABLE,
) -> None:
    """Read a feed without storing anything: how many services, and which concern
    conception to two."""
    try:
        read = _read(source)
    except FeedError as error:
        if output_format is OutputFormat.JSON:
            _write_json({"services": 0, "proposed": [], "errors": [str(error)]})
            raise typer.Exit(1) from None
        fail(str(error))
    proposals = [p for p in triage(read.services) if p.verdict is Verdict.PROPOSED]
    if output_format is OutputFormat.JSON:
        _write_json(
            {
                "services": len(read.services),
                "entries": read.entries,
                "proposed": [
                    {
                        "id": p.service.source_id,
                        "name": p.service.name,
                        "provider": p.service.provider,
                        "reason": p.reason,
                        "stages": [s.value for s in p.stages],
                    }
                    for p in proposals
                ],
                "errors": read.errors,
                "notes": read.notes,
            }
        )
    else:
        table = Table(
            title=f"{len(proposals)} of {len(read.services)} services proposed for conception "
            "to two",
            title_justify="left",
        )
        for column in ("Service", "Provider", "Why"):
            table.add_column(column)
        for p in proposals:
            table.add_row(escape(p.service.name), escape(p.service.provider), escape(p.reason))
        console.print(table)
        for line in read.errors + read.notes:
            console.print(escape(line), highlight=False, soft_wrap=True)
    if read.errors:
        raise typer.Exit(1)


def _write_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@services_app.command("import")
def import_command(
    source: Annotated[
        str, typer.Argument(help="An ORUK feed or spreadsheet: a file or a web address.")
    ],
    assessment: Annotated[
        int, typer.Option("--assessment", help="The assessment's ID in the web app.")
    ],
    user: Annotated[str, typer.Option("--user", help="The member (editor or lead) importing.")],
) -> None:
    """Import a feed into an assessment: services wait in triage, proposals marked."""
    if is_web_address(source):
        name, content, url = source, None, source
    else:
        path = Path(source)
        if not path.is_file():
            fail(f"{source}: no such file.")
        name, content, url = path.name, path.read_bytes(), ""
    start_django()
    from pairsight.servicemap.tasks import FeedRequest, import_for_command

    try:
        done = import_for_command(
            assessment_id=assessment,
            username=user,
            request=FeedRequest(name=name, content=content, url=url),
        )
    except FeedError as error:
        fail(str(error))
    console.print(
        f"Read {done.services_read} services from {escape(done.name)}: "
        f"{done.services_added} new, {done.services_updated} updated, "
        f"{done.services_proposed} proposed for conception to two. "
        "Confirm them on the triage page.",
        highlight=False,
        soft_wrap=True,
    )


@services_app.command("matrix")
def matrix_command(
    assessment: Annotated[
        int, typer.Option("--assessment", help="The assessment's ID in the web app.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table or json.")
    ] = OutputFormat.TABLE,
) -> None:
    """The matrix of level of need by parent-infant focus of an assessment's services."""
    start_django()
    from pairsight.assessments import queries as assessment_queries
    from pairsight.servicemap import queries

    try:
        stored = assessment_queries.assessment_by_id(assessment)
    except LookupError as error:
        fail(str(error))
    from pairsight.servicemap.matrix import matrix_rows
    from pairsight.servicemap.register import Focus, Level

    matrix = queries.matrix(stored)
    if output_format is OutputFormat.JSON:
        _write_json(
            {
                "services": matrix.services,
                "unclassified": matrix.unclassified,
                "counts": {
                    lv.value: {f.value: matrix.counts[lv][f] for f in Focus} for lv in Level
                },
                "by_focus": {f.value: matrix.by_focus[f] for f in Focus},
                "headline": matrix.headline(),
            }
        )
        return
    table = Table(title=escape(matrix.headline()), title_justify="left")
    for column in ("Level of need", *(f.short_label for f in Focus), "All"):
        table.add_column(column)
    for row in matrix_rows(matrix):
        table.add_row(*row)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(services_app, name="services")
