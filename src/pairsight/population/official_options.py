"""The options `pairsight need` takes for official files, declared once.

Kept apart from `official_commands.py` so that `population/commands.py` can name them in
its signature without importing the command code that imports it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pairsight.officialdata.areas import Tier
from pairsight.officialdata.commands import SheetOption
from pairsight.officialdata.mye import MYE_SHEET

__all__ = ["MYE_SHEET", "SheetOption", "Tier"]

# Options `pairsight need` takes for official files (declared once, here).
MyeOption = Annotated[
    Path | None,
    typer.Option("--mye", help="ONS mid-year estimates (MYE2 workbook .xls/.xlsx, or Nomis CSV)."),
]
AreaOption = Annotated[
    str | None, typer.Option("--area", help="ONS code of the area to read from the files.")
]

BirthsFileOption = Annotated[
    Path | None,
    typer.Option(
        "--births-file", help="ONS live births by area of usual residence: per-year reading."
    ),
]
PerYearOption = Annotated[
    bool,
    typer.Option(
        "--per-year", help="Per-year reading; without --births-file, age 0 stands in for births."
    ),
]
ProjectionsOption = Annotated[
    Path | None,
    typer.Option("--projections", help="ONS subnational projections CSV (2018 SNPP persons)."),
]
YearsOption = Annotated[
    str | None, typer.Option("--years", help="Projected years, e.g. 2025-2035 or 2030.")
]
ImdOption = Annotated[
    Path | None,
    typer.Option("--imd", help="IMD File 7 CSV (2019 or 2025): deprivation-weighted need."),
]
AllAreasOption = Annotated[
    bool,
    typer.Option("--all-areas", help="Every local authority in --mye, ranked by unmet need."),
]
TierOption = Annotated[
    Tier, typer.Option("--tier", help="With --all-areas: all, upper or lower tier councils.")
]


def official_data_requested(*options: object) -> bool:
    return any(o not in (None, False) for o in options)
