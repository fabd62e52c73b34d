"""What `pairsight need` reads from the command line and prints: formats, parsing, errors.

Kept apart from the commands so that the official-data variant (`official_commands.py`) and
`pairsight need` share them without importing each other.
"""

from __future__ import annotations

import enum
import json
import sys
from fractions import Fraction
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pairsight.population.estimate import Capacity, NeedEstimate
from pairsight.population.render import need_csv, need_markdown, need_table

console = Console()


# Error sentences are never hard-wrapped: file paths in them must stay copyable.
errors = Console(stderr=True, soft_wrap=True)


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def fail(message: str) -> NoReturn:
    """One clear sentence and exit status 2: what a user sees instead of a traceback."""
    errors.print(f"[bold red]Error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(2)


def parse_capacity(text: str) -> Capacity:
    name, _, number = text.rpartition("=")
    name = name.strip() or "Existing specialised capacity"
    try:
        families = int(number.strip().replace(",", ""))
    except ValueError:
        fail(
            f"--capacity {text!r}: give the families seen a year as a whole number, "
            'e.g. --capacity "Perinatal mental health service=340"'
        )
    if families < 0:
        fail(f"--capacity {text!r}: the families seen a year cannot be negative")
    return Capacity(name, families)


def parse_positive_fraction(text: str, option: str) -> Fraction:
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        fail(f"{option} {text!r}: expected a number such as 40 or 37.5")
    if value <= 0:
        fail(f"{option} {text!r}: must be more than zero")
    return value


def emit(result: NeedEstimate, output: OutputFormat) -> None:
    if output is OutputFormat.JSON:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif output is OutputFormat.CSV:
        sys.stdout.write(need_csv(result))
    elif output is OutputFormat.MARKDOWN:
        sys.stdout.write(need_markdown(result))
    else:
        console.print(need_table(result))


def parse_count(text: str, option: str) -> int:
    cleaned = text.strip().replace(",", "")
    try:
        value = int(cleaned)
    except ValueError:
        fail(f"{option} {text!r}: expected a whole number of children, such as 30672")
    if value < 0:
        fail(f"{option} {text!r}: the number of children cannot be negative")
    return value
