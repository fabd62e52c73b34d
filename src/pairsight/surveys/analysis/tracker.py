"""Recruitment during fieldwork: progress against targets, and whom to reach next.

A lead sets targets as responses per group (an area, an ethnic group) or as a total shared
out in proportion to the population. Each import updates the counts; interview participants
count toward the same targets when interviews report them (`pairsight.core.participants`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class TargetError(ValueError):
    """Targets that cannot be set; the message names the group or field."""


@dataclass(frozen=True)
class GroupProgress:
    group: str
    target: int
    survey: int
    others: int

    @property
    def achieved(self) -> int:
        return self.survey + self.others

    @property
    def shortfall(self) -> int:
        return max(0, self.target - self.achieved)

    @property
    def percent_of_target(self) -> float | None:
        return 100.0 * self.achieved / self.target if self.target else None


@dataclass(frozen=True)
class Progress:
    question_id: str
    rows: tuple[GroupProgress, ...]
    #: Who else counted ("interview participants"), when any counter reported.
    other_sources: tuple[str, ...]

    @property
    def target(self) -> int:
        return sum(r.target for r in self.rows)

    @property
    def achieved(self) -> int:
        return sum(r.achieved for r in self.rows)

    def under_represented(self, count: int = 3) -> tuple[GroupProgress, ...]:
        """Groups still short of target, the furthest behind (smallest share reached) first."""
        short = [r for r in self.rows if r.shortfall > 0]
        return tuple(sorted(short, key=lambda r: (r.achieved / r.target, -r.shortfall))[:count])


def proportional_targets(total: int, population: Mapping[str, float]) -> dict[str, int]:
    """`total` shared out by population share, rounded so the targets add up to `total`.

    Largest remainders: each group gets the whole part of its share, and the responses left
    over go to the groups with the largest fractions.
    """
    if total <= 0:
        raise TargetError("The total target must be a whole number above zero.")
    whole = float(sum(population.values()))
    if whole <= 0:
        raise TargetError("The population figures add up to zero.")
    exact = {g: total * float(v) / whole for g, v in population.items()}
    targets = {g: math.floor(x) for g, x in exact.items()}
    left = total - sum(targets.values())
    for group in sorted(exact, key=lambda g: exact[g] - targets[g], reverse=True)[:left]:
        targets[group] += 1
    return targets


def progress(
    question_id: str,
    targets: Mapping[str, int],
    survey_counts: Mapping[str, int],
    others: Sequence[tuple[str, Mapping[str, int]]] = (),
) -> Progress:
    rows = []
    for group, target in targets.items():
        extra = sum(int(counts.get(group, 0)) for _, counts in others)
        rows.append(GroupProgress(group, int(target), int(survey_counts.get(group, 0)), extra))
    labels = tuple(label for label, counts in others if any(counts.values()))
    return Progress(question_id, tuple(rows), labels)
