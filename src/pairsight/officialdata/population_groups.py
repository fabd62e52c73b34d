"""Population figures by group, from a Census 2021 table or a plain `group,share` CSV.

The comparison of a survey's sample with its area needs one thing: each group's count (or
share) of the population, and a sentence saying where it came from. A Census table gives
that for an area; a CSV of `group,count` or `group,share` gives it for anything else (a
ward list, a service's caseload).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pairsight.officialdata.census import CensusTable, Level, load_census_table
from pairsight.officialdata.errors import SourceFileError
from pairsight.officialdata.tables import decode_text, sniff

Unit = Literal["count", "share"]


@dataclass(frozen=True)
class PopulationGroups:
    figures: dict[str, float]
    unit: Unit
    #: Where the figures come from, as a reader sees it (table, year, area, file).
    source: str


def census_groups(table: CensusTable, area: str, level: Level = "high") -> PopulationGroups:
    counts = table.area(area).counts(level)
    return PopulationGroups({k: float(v) for k, v in counts.items()}, "count", table.describe(area))


def load_group_figures(path: Path | str, source: str = "") -> PopulationGroups:
    """A CSV with a `group` column and a `count` or `share` column (share: % or proportion)."""
    path = Path(path)
    sniff(path)
    rows = list(csv.reader(io.StringIO(decode_text(path))))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if "group" not in header or not ({"count", "share"} & set(header)):
        raise SourceFileError(
            f"{path.name} needs a header row with 'group' and either 'count' or 'share' "
            f"(it has {', '.join(header) or 'no header'})."
        )
    unit: Unit = "count" if "count" in header else "share"
    group_col, value_col = header.index("group"), header.index(unit)
    figures: dict[str, float] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        group = row[group_col].strip() if group_col < len(row) else ""
        raw = row[value_col].strip().rstrip("%") if value_col < len(row) else ""
        if not group:
            raise SourceFileError(f"Row {number} of {path.name}: the 'group' cell is empty.")
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise SourceFileError(
                f"Row {number} of {path.name}, column '{unit}': {raw!r} is not a number of "
                "0 or more."
            )
        if unit == "count" and not value.is_integer():
            raise SourceFileError(
                f"Row {number} of {path.name}, column 'count': {raw!r} is not a whole number."
            )
        if group in figures:
            raise SourceFileError(f"Row {number} of {path.name}: group {group!r} appears twice.")
        figures[group] = value
    if not figures or sum(figures.values()) <= 0:
        raise SourceFileError(f"{path.name} has no group with a figure above zero.")
    return PopulationGroups(figures, unit, source.strip() or f"{path.name} ({unit} by group)")


def load_population(
    path: Path | str, *, area: str | None = None, level: Level = "high", source: str = ""
) -> PopulationGroups:
    """A Census table (with `area`) or a `group,count` / `group,share` CSV."""
    path = Path(path)
    sniff(path)
    first = decode_text(path).splitlines()[:1]
    lowered = [h.strip().lower() for h in next(csv.reader(first), [])] if first else []
    if "group" in lowered:
        return load_group_figures(path, source)
    table = load_census_table(path)
    if area is None:
        if len(table.areas) != 1:
            raise SourceFileError(
                f"{path.name} holds {len(table.areas)} areas; say which one (its ONS code, "
                "e.g. E08000025)."
            )
        area = next(iter(table.areas))
    return census_groups(table, area, level)
