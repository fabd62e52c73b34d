"""An all-areas run's headline figures in integers: exact, rounded once, and cheap.

Every area of a run on one need model is children × the model's specialised share per
scenario, less capacity. With the shares over one common denominator, an area costs a few
integer multiplications instead of fraction arithmetic (a gcd at every step), and the
published figures are the same: `publish` of a/b is floor((2a + b) / 2b) whatever a/b's
lowest terms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from pairsight.population.need_model import NeedModel

ZERO_RATE = Fraction(0)


@dataclass(frozen=True)
class Shares:
    """A need model's specialised share per scenario as integer numerators over one common
    denominator, worked out once per model: every area on that model then costs a few
    integer multiplications, and every figure is still exact and rounded once."""

    central: int
    numerators: tuple[int, ...]  # one per scenario, central included
    denominator: int
    #: Unmet need per 1,000 children of every area on this model with no capacity: one
    #: object, so the ranking compares it once however many areas share it.
    rate: Fraction

    @classmethod
    def of(cls, model: NeedModel) -> Shares:
        shares = model.specialised_shares
        denominator = math.lcm(*(s.denominator for s in shares.values()))

        def scaled(share: Fraction) -> int:
            return share.numerator * (denominator // share.denominator)

        central = scaled(shares["central"])
        return cls(
            central,
            tuple(scaled(s) for s in shares.values()),
            denominator,
            Fraction(central * 1000, denominator),
        )


@dataclass(frozen=True)
class Headline:
    """An area's published headline figures, from integers (see `Shares`): specialised
    need is children × numerator / denominator; unmet need is that less capacity, never
    below zero. `publish` of a/b is floor((2a + b) / 2b), whatever a/b's lowest terms."""

    children: int
    capacity: int
    unmet_central: int  # over `denominator`
    unmet_scenarios: tuple[int, ...]
    specialised_central: int
    denominator: int
    per_1000: Fraction  # unmet need per 1,000 children under two

    @classmethod
    def of(cls, children: int, capacity: int, shares: Shares) -> Headline:
        held = capacity * shares.denominator
        unmet = max(0, children * shares.central - held)
        if children == 0:
            rate = ZERO_RATE
        elif capacity == 0:
            rate = shares.rate  # unmet = children × central, so the model's own rate
        else:
            rate = Fraction(unmet * 1000, shares.denominator * children)
        return cls(
            children,
            capacity,
            unmet,
            tuple(max(0, children * n - held) for n in shares.numerators),
            children * shares.central,
            shares.denominator,
            rate,
        )

    def _published(self, numerator: int) -> int:
        return (2 * numerator + self.denominator) // (2 * self.denominator)

    @property
    def specialised_need(self) -> int:
        return self._published(self.specialised_central)

    @property
    def unmet_need(self) -> tuple[int, int | None, int | None]:
        value = self._published(self.unmet_central)
        if len(self.unmet_scenarios) == 1:
            return value, None, None
        published = [self._published(n) for n in self.unmet_scenarios]
        return value, min(published), max(published)

    @property
    def per_1000_ratio(self) -> tuple[int, int]:
        """Unmet need per 1,000 children under two, as numerator and denominator."""
        if self.children == 0:
            return 0, 1
        return self.unmet_central * 1000, self.denominator * self.children

    @property
    def unmet_exact(self) -> Fraction:
        return Fraction(self.unmet_central, self.denominator)


def dense_ranks(values: Sequence[Fraction]) -> list[int]:
    """Each value's rank, highest first, equal values sharing one; each distinct object is
    sorted and compared once, however often it recurs."""
    distinct = sorted({id(v): v for v in values}.values(), reverse=True)
    rank_of: dict[int, int] = {}
    rank = 0
    for position, value in enumerate(distinct):
        if position and value != distinct[position - 1]:
            rank += 1
        rank_of[id(value)] = rank
    return [rank_of[id(v)] for v in values]
