"""The matrix of level of need × parent-infant focus, with counts and shares.

A service can work at several levels of need; it is counted once in each level's row, so the
rows can add up to more than the number of services. Its focus is one, so the shares by
focus (the headline: Birmingham had about two-thirds non-specialised, one-third with an
additional focus) are shares of services, each counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from pairsight.servicemap.register import Classification, Focus, Level


@dataclass(frozen=True)
class Matrix:
    #: counts[level][focus]: classified services at that level with that focus.
    counts: dict[Level, dict[Focus, int]]
    #: classified services with each focus (each service once).
    by_focus: dict[Focus, int]
    services: int
    unclassified: int

    def row_total(self, level: Level) -> int:
        return sum(self.counts[level].values())

    def share(self, focus: Focus) -> Fraction | None:
        return Fraction(self.by_focus[focus], self.services) if self.services else None

    def headline(self) -> str:
        if not self.services:
            return "No services classified yet"
        parts = [
            f"{_percent(self.share(focus))} {focus.short_label.lower()}"
            for focus in Focus
            if self.by_focus[focus]
        ]
        noun = "service" if self.services == 1 else "services"
        return f"{self.services} {noun}: " + ", ".join(parts)


def build_matrix(classifications: Iterable[Classification]) -> Matrix:
    counts = {level: dict.fromkeys(Focus, 0) for level in Level}
    by_focus = dict.fromkeys(Focus, 0)
    services = unclassified = 0
    for item in classifications:
        if not item.is_classified or item.focus is None:
            unclassified += 1
            continue
        services += 1
        by_focus[item.focus] += 1
        for level in set(item.levels):
            counts[level][item.focus] += 1
    return Matrix(counts, by_focus, services, unclassified)


def _percent(share: Fraction | None) -> str:
    if share is None:
        return "–"
    return f"{round(share * 100)}%"


def percent_text(share: Fraction | None) -> str:
    return _percent(share)


def matrix_rows(matrix: Matrix) -> Sequence[tuple[str, ...]]:
    """Rows of the matrix as text, level by level, then the services with each focus."""
    rows: list[tuple[str, ...]] = []
    for level in Level:
        cells = [str(matrix.counts[level][focus]) for focus in Focus]
        rows.append((level.label, *cells, str(matrix.row_total(level))))
    rows.append(
        (
            "Services (each once)",
            *(str(matrix.by_focus[f]) for f in Focus),
            str(matrix.services),
        )
    )
    rows.append(
        (
            "Share of services",
            *(_percent(matrix.share(f)) for f in Focus),
            "100%" if matrix.services else "–",
        )
    )
    return rows
