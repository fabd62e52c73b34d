"""The map of support: services laid out by level of need (rows, most specialised at the top)
and parent-infant focus (columns), sized to print on one A3 page for a workshop.

The layout is worked out here, so the printed page, the web page and a test agree: each cell
lists its services by name, and the type size steps down as the fullest cell grows, so the
page never spills onto a second sheet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pairsight.servicemap.gaps import MappedService
from pairsight.servicemap.register import Focus, Level

#: Rows from the top of the page down: specialist support above, what every family gets below.
ROWS = (Level.SPECIALIST, Level.STATUTORY, Level.TARGETED, Level.UNIVERSAL)
COLUMNS = tuple(Focus)
#: Type sizes (points) and names side by side in a cell, tried in this order until the
#: rows fit the height of an A3 landscape page.
SETTINGS = ((10.0, 1), (8.5, 1), (8.5, 2), (7.0, 2), (6.0, 2), (6.0, 3), (5.0, 3))
SMALLEST = 5.0
#: The height the rows have (points): 297 mm less margins, the title and the table's head.
ROWS_HEIGHT = 620.0
LINE = 1.25
ROW_PADDING = 10.0


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
    #: Names side by side in each cell.
    columns: int = 1
    #: False when even the smallest setting cannot fit every name on one page.
    fits: bool = True

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
    fullest_by_row = [max(len(cell.names) for cell in row) for row in rows]

    def height(size: float, columns: int) -> float:
        return sum(
            math.ceil(max(n, 1) / columns) * size * LINE + ROW_PADDING for n in fullest_by_row
        )

    fitting = [(size, cols) for size, cols in SETTINGS if height(size, cols) <= ROWS_HEIGHT]
    size, columns = fitting[0] if fitting else SETTINGS[-1]
    return SupportMap(
        rows,
        size,
        tuple(sorted(unclassified, key=str.casefold)),
        columns=columns,
        fits=bool(fitting),
    )
