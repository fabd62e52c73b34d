"""Small-number suppression for counts of people in published outputs.

A rule hides small counts (primary suppression), optionally rounds the rest, and then hides
further cells wherever a shown total would let a reader work a hidden cell back out
(secondary suppression). Totals are always worked out from the true counts and then passed
through the same rule, so a total is rounded the same way as the cells it adds up.

Modelled estimates (the population need model) are not counts of real people and are never
passed through here; `MODELLED_ESTIMATES_STATEMENT` says why, in the report's own words.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

HIDDEN = "*"


class DisclosureRule(enum.Enum):
    """How counts of people are protected before a report is published."""

    OFF = "off"
    UNDER_5 = "under-5"
    UNDER_10 = "under-10"
    NHS = "nhs"

    @property
    def threshold(self) -> int:
        """The smallest non-zero count that may be shown."""
        return {"off": 1, "under-5": 5, "under-10": 10, "nhs": 8}[self.value]

    @property
    def rounding(self) -> int:
        """Shown counts are rounded to the nearest multiple of this (1: not rounded)."""
        return 5 if self is DisclosureRule.NHS else 1

    @property
    def label(self) -> str:
        return {
            "off": "No suppression (internal drafts only)",
            "under-5": "Hide counts under 5",
            "under-10": "Hide counts under 10",
            "nhs": "NHS rule: hide 1 to 7, round others to the nearest 5",
        }[self.value]

    @classmethod
    def parse(cls, text: str) -> DisclosureRule:
        """Read a rule from a setting or command-line value, naming the choices on error."""
        wanted = text.strip().lower().replace("_", "-").replace("<", "under-")
        for rule in cls:
            if wanted in {rule.value, rule.name.lower().replace("_", "-")}:
                return rule
        choices = ", ".join(rule.value for rule in cls)
        raise ValueError(f"Unknown disclosure rule {text!r}: choose one of {choices}.")

    def primary_hides(self, count: int) -> bool:
        return 0 < count < self.threshold

    def shown_value(self, count: int) -> int:
        """The published value of a count that is not hidden."""
        if self.rounding == 1:
            return count
        # Round half up: integer counts never sit exactly halfway, so this is unambiguous.
        return ((count + self.rounding // 2) // self.rounding) * self.rounding

    def table_note(self) -> str:
        """The short key printed under a table of counts."""
        if self is DisclosureRule.OFF:
            return "Counts are exact: no small-number suppression (internal draft)."
        note = (
            f"{HIDDEN} a count between 1 and {self.threshold - 1}, or a count hidden so that "
            "a total cannot reveal one."
        )
        if self.rounding > 1:
            note += " Other counts and totals are rounded to the nearest 5."
        return note

    def statement(self) -> str:
        """The rule in plain English, for the methods section of every output."""
        if self is DisclosureRule.OFF:
            return (
                "No small-number suppression has been applied: every count is shown exactly. "
                "This setting is for internal drafts only; do not publish this document."
            )
        highest_hidden = self.threshold - 1
        hidden = (
            f"Counts of people between 1 and {highest_hidden} are shown as {HIDDEN}, "
            "so that no one can be identified from a small number."
        )
        rounded = (
            " All other counts are rounded to the nearest 5."
            if self.rounding > 1
            else " All other counts are shown exactly."
        )
        secondary = (
            " Where a total would let a reader work out a hidden count, at least one more "
            f"count in the same row or column is also shown as {HIDDEN}."
        )
        totals = (
            " Totals are worked out from the exact counts and then rounded in the same way, "
            "so the counts shown may not add up exactly to the total shown."
            if self.rounding > 1
            else " Totals are worked out from the exact counts."
        )
        zero = " A count of zero is shown as 0."
        name = (
            " This is the NHS rule for published statistics." if self is DisclosureRule.NHS else ""
        )
        return hidden + rounded + secondary + totals + zero + name


MODELLED_ESTIMATES_STATEMENT = (
    "Figures from the population need model are modelled estimates: they come from applying "
    "published percentages to the number of children in the area, not from records of real "
    "people. They cannot identify anyone, so they are not hidden or rounded by the "
    "small-number rule; they are shown as the model publishes them, with their range."
)


@dataclass(frozen=True)
class ProtectedGrid:
    """A grid of counts after suppression, with its margins.

    `cells[i][j]` is the shown value of an inner cell (None when hidden); `row_totals[i]`,
    `column_totals[j]` and `grand_total` are present only when the grid has those margins.
    """

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...] | None
    column_totals: tuple[int | None, ...] | None
    grand_total: int | None
    has_grand_total: bool


def protect(
    counts: Sequence[Sequence[int]],
    rule: DisclosureRule,
    *,
    row_totals: bool = False,
    column_totals: bool = False,
) -> ProtectedGrid:
    """Apply primary and secondary suppression to a grid of true counts.

    The margins are computed from `counts`; a grand total exists when both margins do.
    Secondary suppression then looks at every row and column that has a total, margins
    included: where exactly one of its cells or its total is hidden, that one could be worked
    out by subtraction, so the smallest other shown count in the line is hidden too
    (preferring non-zero counts), or the total if no count is left. This repeats until
    nothing changes, so recoveries cannot chain from one line to the next.
    """
    rows = [list(row) for row in counts]
    width = len(rows[0]) if rows else 0
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"Row {i + 1} has {len(row)} counts; the first row has {width}.")
        for j, value in enumerate(row):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(
                    f"Row {i + 1}, column {j + 1}: {value!r} is not a count "
                    "(a whole number, zero or more)."
                )
    height = len(rows)
    # The full matrix: inner cells, then a total column at index `width` and a total row at
    # index `height` where the grid has them.
    full: dict[tuple[int, int], int] = {
        (i, j): rows[i][j] for i in range(height) for j in range(width)
    }
    if row_totals:
        for i in range(height):
            full[(i, width)] = sum(rows[i])
    if column_totals:
        for j in range(width):
            full[(height, j)] = sum(rows[i][j] for i in range(height))
    if row_totals and column_totals:
        full[(height, width)] = sum(map(sum, rows))

    hidden = {cell for cell, value in full.items() if rule.primary_hides(value)}
    lines = _lines(height, width, row_totals=row_totals, column_totals=column_totals)
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            unknown = [cell for cell in [*members, total] if cell in hidden]
            if len(unknown) != 1:
                continue
            # One unknown cell in a row or column is its total minus the rest: hide one more,
            # the smallest shown non-zero count first (readers can often guess where zeros
            # are), and the total only when every count in the line is already hidden.
            candidates = [cell for cell in members if cell not in hidden]
            if candidates:
                hidden.add(min(candidates, key=lambda cell: (full[cell] == 0, full[cell])))
            else:
                hidden.add(total)
            changed = True

    def shown(cell: tuple[int, int]) -> int | None:
        return None if cell in hidden else rule.shown_value(full[cell])

    return ProtectedGrid(
        cells=tuple(tuple(shown((i, j)) for j in range(width)) for i in range(height)),
        row_totals=tuple(shown((i, width)) for i in range(height)) if row_totals else None,
        column_totals=(tuple(shown((height, j)) for j in range(width)) if column_totals else None),
        grand_total=shown((height, width)) if row_totals and column_totals else None,
        has_grand_total=row_totals and column_totals,
    )


Line = tuple[list[tuple[int, int]], tuple[int, int]]


def _lines(height: int, width: int, *, row_totals: bool, column_totals: bool) -> list[Line]:
    """Every row and column that has a shown total: its member cells and its total cell."""
    lines: list[Line] = []
    if row_totals:
        for i in range(height + (1 if column_totals else 0)):
            lines.append(([(i, j) for j in range(width)], (i, width)))
    if column_totals:
        for j in range(width + (1 if row_totals else 0)):
            lines.append(([(i, j) for i in range(height)], (height, j)))
    return lines
