"""Deprivation-weighted need: high-adversity shares where deprivation is highest.

Children in the most deprived neighbourhoods (by IMD decile; decile 1 by default) take the
high-adversity attachment distribution, the rest the standard one. Area totals are
computed exactly from two population sums, so 35,000 neighbourhoods cost one pass of numpy.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from pairsight.core.document import Assumption, Source
from pairsight.population.figures import percent
from pairsight.population.presets import (
    AttachmentClass,
    Distribution,
    Preset,
    PresetError,
    load_preset,
)
from pairsight.population.split import Pathway, PathwaySplit

DEFAULT_MOST_DEPRIVED = frozenset({1})


def _standard() -> Preset:
    return load_preset("standard")


def _high_adversity() -> Preset:
    return load_preset("high-adversity")


@dataclass(frozen=True)
class DeprivationInputs:
    """Per-neighbourhood populations and IMD deciles (1 = most deprived 10% in England)."""

    populations: Sequence[int] | npt.NDArray[np.int64]
    deciles: Sequence[int] | npt.NDArray[np.int64]
    most_deprived_deciles: frozenset[int] = DEFAULT_MOST_DEPRIVED
    population_label: str = "children under two"
    source: str = "entered by the user"
    standard: Preset = field(default_factory=_standard)
    high_adversity: Preset = field(default_factory=_high_adversity)

    def __post_init__(self) -> None:
        if len(self.populations) != len(self.deciles):
            raise PresetError(
                f"deprivation: {len(self.populations)} neighbourhood populations but "
                f"{len(self.deciles)} deciles; give one decile for each neighbourhood"
            )
        if not self.most_deprived_deciles or not self.most_deprived_deciles <= set(range(1, 11)):
            raise PresetError("deprivation: the most deprived deciles must be between 1 and 10")

    def arrays(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        populations = np.asarray(self.populations, dtype=np.int64)
        deciles = np.asarray(self.deciles, dtype=np.int64)
        if populations.size and populations.min() < 0:
            row = int(np.argmax(populations < 0)) + 1
            raise PresetError(f"deprivation: neighbourhood {row} has a negative population")
        bad = (deciles < 1) | (deciles > 10)
        if bad.any():
            row = int(np.argmax(bad)) + 1
            raise PresetError(
                f"deprivation: neighbourhood {row} has decile {int(deciles[row - 1])}; "
                "deciles run from 1 (most deprived) to 10"
            )
        return populations, deciles


@dataclass(frozen=True)
class DeprivationWeighting:
    total_population: int
    deprived_population: int
    most_deprived_deciles: frozenset[int]
    population_label: str
    scenarios: dict[str, Distribution]
    assumptions: tuple[Assumption, ...]

    @property
    def deprived_share(self) -> Fraction:
        if self.total_population == 0:
            return Fraction(0)
        return Fraction(self.deprived_population, self.total_population)


def blend(deprived: Distribution, other: Distribution, share: Fraction) -> Distribution:
    return Distribution(
        *(share * deprived.share(c) + (1 - share) * other.share(c) for c in AttachmentClass)
    )


def deciles_text(deciles: frozenset[int]) -> str:
    ordered = sorted(deciles)
    return (
        "decile " + str(ordered[0])
        if len(ordered) == 1
        else "deciles " + ", ".join(str(d) for d in ordered)
    )


def weigh(inputs: DeprivationInputs) -> DeprivationWeighting:
    populations, deciles = inputs.arrays()
    deprived = in_deciles(deciles, inputs.most_deprived_deciles)
    total = int(populations.sum())
    deprived_population = int(populations[deprived].sum())
    share = Fraction(deprived_population, total) if total else Fraction(0)
    high, standard = inputs.high_adversity, inputs.standard
    scenarios = {
        (
            "central"
            if (h, s) == ("central", "central")
            else f"{high.name}:{h}+{standard.name}:{s}"
        ): blend(high.scenarios[h], standard.scenarios[s], share)
        for h, s in itertools.product(high.scenarios, standard.scenarios)
    }
    where = deciles_text(inputs.most_deprived_deciles)
    assumptions = (
        Assumption(
            f"Share of {inputs.population_label} in IMD {where}",
            f"{percent(share)} ({deprived_population:,} of {total:,} in {len(populations):,} "
            "neighbourhoods)",
            Source(inputs.source),
        ),
        *(
            Assumption(
                f"{c.label} attachment where deprivation is highest ({high.title})",
                percent(high.central.share(c)),
                high.source,
            )
            for c in AttachmentClass
        ),
        *(
            Assumption(
                f"{c.label} attachment elsewhere ({standard.title})",
                _range_text(standard, c),
                standard.source,
            )
            for c in AttachmentClass
        ),
    )
    return DeprivationWeighting(
        total_population=total,
        deprived_population=deprived_population,
        most_deprived_deciles=inputs.most_deprived_deciles,
        population_label=inputs.population_label,
        scenarios=scenarios,
        assumptions=assumptions,
    )


def _range_text(preset: Preset, attachment_class: AttachmentClass) -> str:
    low, high = preset.share_range(attachment_class)
    return percent(low) if low == high else f"{percent(low)}–{percent(high)}"


@dataclass(frozen=True)
class NeighbourhoodNeed:
    """Modelled children per pathway in every neighbourhood: arrays of shape (6, n).

    Rows follow `Pathway` order, one column per neighbourhood (pathway-major, so each
    row is one contiguous pass). For ranking and maps, not for publication.
    """

    low: npt.NDArray[np.float64]
    central: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]

    def specialised(self, which: str = "central") -> npt.NDArray[np.float64]:
        rows = [i for i, p in enumerate(Pathway) if p.is_specialised]
        counts: npt.NDArray[np.float64] = getattr(self, which)[rows].sum(axis=0)
        return counts


def pathway_shares(distribution: Distribution, split: PathwaySplit) -> npt.NDArray[np.float64]:
    """Share of all children on each pathway, in `Pathway` order (a read-only array)."""
    split_shares = tuple(
        (c, tuple(split.shares[c].items())) for c in AttachmentClass if c in split.shares
    )
    return _pathway_shares(distribution, split_shares)


# Exact arithmetic on a handful of fractions costs more than the 35,000-row pass it feeds:
# the shares depend only on the distribution and the split's figures, so they are worked
# out once for each pair.
@functools.lru_cache(maxsize=256)
def _pathway_shares(
    distribution: Distribution,
    split_shares: tuple[tuple[AttachmentClass, tuple[tuple[Pathway, Fraction], ...]], ...],
) -> npt.NDArray[np.float64]:
    by_class = {c: dict(pathways) for c, pathways in split_shares}
    shares = np.array(
        [
            float(
                sum(
                    (
                        distribution.share(c) * by_class.get(c, {}).get(p, Fraction(0))
                        for c in AttachmentClass
                    ),
                    Fraction(0),
                )
            )
            for p in Pathway
        ]
    )
    shares.setflags(write=False)
    return shares


def in_deciles(deciles: npt.NDArray[np.int64], chosen: frozenset[int]) -> npt.NDArray[np.bool_]:
    """Which neighbourhoods fall in the chosen deciles: a lookup table, not a set search."""
    table = np.zeros(11, dtype=bool)
    table[sorted(chosen)] = True
    selected: npt.NDArray[np.bool_] = table[deciles]
    return selected


def neighbourhood_need(inputs: DeprivationInputs, split: PathwaySplit) -> NeighbourhoodNeed:
    """Children per pathway in every neighbourhood, low/central/high, in one vectorised pass."""
    populations, deciles = inputs.arrays()
    deprived = in_deciles(deciles, inputs.most_deprived_deciles)
    population = populations.astype(np.float64)

    def bounds(preset: Preset) -> list[npt.NDArray[np.float64]]:
        shares = np.stack([pathway_shares(d, split) for d in preset.scenarios.values()])
        return [shares.min(axis=0), pathway_shares(preset.central, split), shares.max(axis=0)]

    # One allocation and in-place arithmetic: fresh temporaries cost more than the sums.
    counts = np.empty((3, len(Pathway), population.size))
    deprived_weight = deprived.astype(np.float64)
    for bound, (high, standard) in enumerate(
        zip(bounds(inputs.high_adversity), bounds(inputs.standard), strict=True)
    ):
        for row in range(len(Pathway)):
            target = counts[bound, row]
            np.multiply(deprived_weight, high[row] - standard[row], out=target)
            target += standard[row]
            target *= population
    low, central, high_counts = counts
    return NeighbourhoodNeed(low=low, central=central, high=high_counts)
