"""Gaps in the map of services: what no service covers, and capacity beside need.

The need per pathway comes from the population workstream's model, which this workstream
never imports: `pairsight.reports` (above both) reads the chosen estimate and hands the three
pathway counts in as a `PathwayNeed`; the service-mapping pages show capacity on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pairsight.servicemap.register import CORE_STAGES, Classification, Focus, Level, Sector, Stage


@dataclass(frozen=True)
class PathwayNeed:
    """Children the need model places on each pathway that services meet, and its source."""

    targeted: int
    shorter_term_pair: int
    longer_term_pair: int
    source: str
    unit: str = "children"


@dataclass(frozen=True)
class MappedService:
    name: str
    classification: Classification


@dataclass(frozen=True)
class CapacityRow:
    pathway: str
    need: int | None
    capacity: int
    services: int
    #: Services at this level whose capacity is not known (their capacity counts as none).
    unknown: int

    @property
    def gap(self) -> int | None:
        return None if self.need is None else self.need - self.capacity


@dataclass(frozen=True)
class Gaps:
    levels_without_service: tuple[Level, ...]
    stages_not_covered: tuple[Stage, ...]
    eligible_without_caseload: tuple[str, ...]
    sectors_without_service: tuple[Sector, ...]
    capacity: tuple[CapacityRow, ...]

    def statements(self) -> list[str]:
        said = []
        if self.levels_without_service:
            levels = _either(lv.label.lower() for lv in self.levels_without_service)
            said.append(f"No service works at the {levels} level of need.")
        if self.stages_not_covered:
            stages = _either(stage.label.lower() for stage in self.stages_not_covered)
            said.append(f"No service covers {stages}.")
        if self.eligible_without_caseload:
            said.append(
                f"{len(self.eligible_without_caseload)} services eligible for 0–2s have no 0–2s "
                f"on their caseload: {', '.join(self.eligible_without_caseload)}."
            )
        for sector in self.sectors_without_service:
            name = sector.label if sector is Sector.NHS else sector.label.lower()
            said.append(f"Marked as having no service in the {name} sector.")
        for row in self.capacity:
            if row.gap is not None and row.gap > 0:
                said.append(
                    f"{row.pathway}: need for {row.need:,}, capacity for {row.capacity:,} a year "
                    f"(a gap of {row.gap:,})."
                )
        return said


def _either(words: Iterable[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    listed = list(words)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " or " + listed[-1]


def find_gaps(
    services: Sequence[MappedService],
    *,
    sectors_without_service: Iterable[Sector] = (),
    need: PathwayNeed | None = None,
) -> Gaps:
    classified = [s for s in services if s.classification.is_classified]
    levels = {level for s in classified for level in s.classification.levels}
    stages = {stage for s in services for stage in s.classification.stages}
    under_two = {Stage.FIRST_YEAR, Stage.SECOND_YEAR}
    eligible_without = tuple(
        s.name
        for s in services
        if under_two & set(s.classification.stages) and s.classification.caseload_under_two == 0
    )
    return Gaps(
        levels_without_service=tuple(level for level in Level if level not in levels),
        stages_not_covered=tuple(stage for stage in CORE_STAGES if stage not in stages),
        eligible_without_caseload=eligible_without,
        sectors_without_service=tuple(s for s in Sector if s in set(sectors_without_service)),
        capacity=capacity_rows(classified, need),
    )


def capacity_rows(
    services: Sequence[MappedService], need: PathwayNeed | None
) -> tuple[CapacityRow, ...]:
    """Targeted services' capacity beside the targeted pathway; highly specialised services'
    capacity beside shorter- and longer-term PAIR work together (a service's record does not
    say which of the two it offers)."""
    targeted = [s for s in services if Level.TARGETED in s.classification.levels]
    specialised = [s for s in services if s.classification.focus is Focus.SPECIALISED]

    def row(label: str, chosen: list[MappedService], wanted: int | None) -> CapacityRow:
        known = [s.classification.capacity for s in chosen if s.classification.capacity is not None]
        return CapacityRow(label, wanted, sum(known), len(chosen), len(chosen) - len(known))

    return (
        row("Targeted services", targeted, need.targeted if need else None),
        row(
            "Specialised PAIR work (shorter- and longer-term)",
            specialised,
            need.shorter_term_pair + need.longer_term_pair if need else None,
        ),
    )
