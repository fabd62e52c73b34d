"""Weights that make the sample's make-up match the population's, stated plainly.

Post-stratification gives everyone in a group the same weight: the group's population share
divided by its share of the sample, so weighted shares equal population shares exactly.
Raking (iterative proportional fitting) does the same over two questions at once, matching
each question's margins in turn until both hold.

Weighting costs precision. Kish's effective sample size, n_eff = (Σw)² / Σw², is the number
of equally weighted respondents that would give the same precision; the design effect
n / n_eff says how much larger the variance is. A group with few respondents gets large
weights that a handful of people carry, so it is named in a warning; a group with nobody in
it cannot be weighted at all.

Respondents whose answer has no population group (a skipped question, "Prefer not to say")
keep a weight of 1 and are left out of the weighting targets, so the weighted shares hold
among the people whose group is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

#: Fewer respondents than this in a group and its weight rests on too few people.
MIN_RESPONDENTS = 5
MAX_RAKING_ROUNDS = 200
TOLERANCE = 1e-10


class WeightingError(ValueError):
    """Weights cannot be made from these figures; the message says why."""


@dataclass(frozen=True)
class Weights:
    method: str  # "post-stratification" or "raking"
    questions: tuple[str, ...]
    #: One weight per respondent, in the order of the answers given.
    values: npt.NDArray[np.float64]
    warnings: tuple[str, ...]
    #: Rounds of raking until the margins held (1 for post-stratification).
    rounds: int = 1

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def effective_n(self) -> float:
        return kish_effective_n(self.values)

    @property
    def design_effect(self) -> float:
        return self.n / self.effective_n if self.effective_n else float("nan")

    def describe(self) -> str:
        over = " and ".join(self.questions)
        return (
            f"Weighted by {self.method} on {over}: effective sample size "
            f"{self.effective_n:.1f} of {self.n} (design effect {self.design_effect:.2f})."
        )


def kish_effective_n(weights: npt.ArrayLike) -> float:
    w = np.asarray(weights, dtype=np.float64)
    squares = float(np.sum(w * w))
    return float(np.sum(w)) ** 2 / squares if squares else 0.0


def _targets(
    answers: pd.Series, population: Mapping[str, float], question: str
) -> tuple[pd.Series, dict[str, float], list[str]]:
    """The respondents with a population group, the groups' shares, and warnings."""
    total = float(sum(population.values()))
    if total <= 0:
        raise WeightingError(f"The population figures for {question!r} add up to zero.")
    shares = {group: float(value) / total for group, value in population.items()}
    known = answers.where(answers.isin(list(shares)))
    counts = known.value_counts()
    warnings = []
    for group, share in shares.items():
        n = int(counts.get(group, 0))
        if n == 0 and share > 0:
            warnings.append(
                f"{question}: nobody in the sample is in {group!r}, so it cannot be weighted; "
                f"its {100 * share:.1f}% of the population is missing from every weighted figure."
            )
        elif n < MIN_RESPONDENTS and share > 0:
            warnings.append(
                f"{question}: only {n} respondent{'s' if n != 1 else ''} in {group!r}; "
                "their weights rest on too few people to trust."
            )
    return known, shares, warnings


def post_stratify(
    answers: Sequence[object] | pd.Series, population: Mapping[str, float], question: str = "group"
) -> Weights:
    """Weights so that each group's weighted share of the sample is its population share."""
    series = pd.Series(list(answers), dtype=object)
    known, shares, warnings = _targets(series, population, question)
    weights = np.ones(len(series), dtype=np.float64)
    in_group = known.notna().to_numpy()
    n_known = int(in_group.sum())
    if n_known == 0:
        raise WeightingError(f"Nobody in the sample answered {question!r} with a known group.")
    counts = known.value_counts()
    reachable = {g: s for g, s in shares.items() if counts.get(g, 0) > 0}
    scale = sum(reachable.values())
    for group, share in reachable.items():
        # Group weight = population share / sample share, among those with a known group.
        weights[(known == group).to_numpy()] = (share / scale) * n_known / int(counts[group])
    return Weights("post-stratification", (question,), weights, tuple(warnings))


def rake(
    first: Sequence[object] | pd.Series,
    second: Sequence[object] | pd.Series,
    first_population: Mapping[str, float],
    second_population: Mapping[str, float],
    questions: tuple[str, str] = ("first", "second"),
) -> Weights:
    """Weights whose margins match both questions' population shares (iterative fitting)."""
    a = pd.Series(list(first), dtype=object)
    b = pd.Series(list(second), dtype=object)
    if len(a) != len(b):
        raise WeightingError("The two questions must have one answer per respondent each.")
    known_a, shares_a, warn_a = _targets(a, first_population, questions[0])
    known_b, shares_b, warn_b = _targets(b, second_population, questions[1])
    both = (known_a.notna() & known_b.notna()).to_numpy()
    n_both = int(both.sum())
    if n_both == 0:
        raise WeightingError(
            f"Nobody answered both {questions[0]!r} and {questions[1]!r} with a known group."
        )
    w = np.ones(n_both, dtype=np.float64)
    groups_a = known_a[both].to_numpy()
    groups_b = known_b[both].to_numpy()
    margins = [
        (groups_a, _reachable(shares_a, groups_a)),
        (groups_b, _reachable(shares_b, groups_b)),
    ]
    rounds = 0
    while rounds < MAX_RAKING_ROUNDS:
        rounds += 1
        for groups, targets in margins:
            for group, share in targets.items():
                mask = groups == group
                w[mask] *= share * n_both / w[mask].sum()
        if _largest_miss(w, margins, n_both) < TOLERANCE:
            break
    else:
        raise WeightingError(
            f"Raking on {questions[0]!r} and {questions[1]!r} did not settle after "
            f"{MAX_RAKING_ROUNDS} rounds; some combination of groups has nobody in it."
        )
    weights = np.ones(len(a), dtype=np.float64)
    weights[both] = w
    return Weights("raking", questions, weights, tuple(warn_a + warn_b), rounds)


def _reachable(shares: Mapping[str, float], groups: npt.NDArray[np.object_]) -> dict[str, float]:
    present = {g: s for g, s in shares.items() if (groups == g).any()}
    scale = sum(present.values())
    return {g: s / scale for g, s in present.items()}


def _largest_miss(
    w: npt.NDArray[np.float64],
    margins: list[tuple[npt.NDArray[np.object_], dict[str, float]]],
    n: int,
) -> float:
    return max(
        abs(float(w[groups == group].sum()) / n - share)
        for groups, targets in margins
        for group, share in targets.items()
    )


@dataclass(frozen=True)
class WeightedShare:
    label: str
    count: int
    percent: float | None
    weighted_percent: float | None


def weighted_shares(
    answers: Sequence[object] | pd.Series, weights: Weights, labels: Sequence[str]
) -> tuple[WeightedShare, ...]:
    """Each option's share unweighted beside weighted, among those who answered."""
    series = pd.Series(list(answers), dtype=object)
    if len(series) != weights.n:
        raise WeightingError("The weights are for a different set of respondents.")
    answered = series.notna().to_numpy()
    n = int(answered.sum())
    total_weight = float(weights.values[answered].sum())
    rows = []
    for label in labels:
        chosen = (series == label).to_numpy()
        count = int(chosen.sum())
        rows.append(
            WeightedShare(
                label,
                count,
                100.0 * count / n if n else None,
                100.0 * float(weights.values[chosen].sum()) / total_weight if n else None,
            )
        )
    return tuple(rows)
