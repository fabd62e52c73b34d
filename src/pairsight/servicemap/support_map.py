"""The map of support: services laid out by level of need (rows, most specialised at the top)
and parent-infant focus (columns), sized to print on one A3 page for a workshop.

The layout is worked out here, so the printed page, the web page and a test agree: each cell
lists its services by name, and the type size steps down as the fullest cell grows, so the
page never spills onto a second sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pairsight.servicemap.gaps import MappedService
from pairsight.servicemap.register import Focus, Level

#: Rows from the top of the page down: specialist support above, what every family gets below.
ROWS = (Level.SPECIALIST, Level.STATUTORY, Level.TARGETED, Level.UNIVERSAL)
COLUMNS = tuple(Focus)
#: Names that fit in the fullest cell at each type size (points), on A3 landscape.
TYPE_SIZES = ((12, 10.0), (20, 8.5), (32, 7.0), (48, 6.0))
SMALLEST = 5.0


@dataclass(frozen=True)
class Cell:
    level: Level
    focus: Focus
    names: tuple[str, ...]


@dataclass(frozen=True)
class SupportMap:
    rows: tuple[tuple[Cell, ...], ...]
    type_size: float
    unclassified: tuple[str, ...]

    @property
    def fullest(self) -> int:
        return max((len(cell.names) for row in self.rows for cell in row), default=0)


def support_map(services: Sequence[MappedService]) -> SupportMap:
    names: dict[tuple[Level, Focus], list[str]] = {(lv, f): [] for lv in ROWS for f in COLUMNS}
    unclassified = []
    for service in services:
        c = service.classification
        if not c.is_classified or c.focus is None:
            unclassified.append(service.name)
            continue
        for level in dict.fromkeys(c.levels):
            names[(level, c.focus)].append(service.name)
    rows = tuple(
        tuple(
            Cell(level, focus, tuple(sorted(names[(level, focus)], key=str.casefold)))
            for focus in COLUMNS
        )
        for level in ROWS
    )
    fullest = max((len(v) for v in names.values()), default=0)
    size = next((points for limit, points in TYPE_SIZES if fullest <= limit), SMALLEST)
    return SupportMap(rows, size, tuple(sorted(unclassified, key=str.casefold)))
