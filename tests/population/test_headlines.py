"""All-areas headline figures in integers: the same published figures as exact fractions."""

from __future__ import annotations

import math
from fractions import Fraction

from pairsight.population.headlines import Headline, Shares, dense_ranks


def shares(central: Fraction, *others: Fraction) -> Shares:
    """Shares over their least common denominator, worked out here."""
    everyone = (central, *others)
    denominator = math.lcm(*(s.denominator for s in everyone))
    numerators = tuple(s.numerator * (denominator // s.denominator) for s in everyone)
    return Shares(numerators[0], numerators, denominator, central * 1000)


def test_halves_round_up_once_and_capacity_never_takes_unmet_below_zero() -> None:
    # 17/240 of 700 children = 49.583…, published 50; 1/16 of 700 = 43.75 → 44;
    # 1/10 of 700 = 70.
    model = shares(Fraction(17, 240), Fraction(1, 16), Fraction(1, 10))
    assert model.denominator == 240  # lcm(240, 16, 10)
    area = Headline.of(700, 0, model)
    assert area.specialised_need == 50
    assert area.unmet_need == (50, 44, 70)
    assert area.per_1000 == Fraction(17, 240) * 1000
    # With 45 places: 4.583… → 5, 43.75 − 45 < 0 → 0, 70 − 45 = 25.
    covered = Headline.of(700, 45, model)
    assert covered.unmet_need == (5, 0, 25)
    assert covered.per_1000 == (Fraction(17, 240) * 700 - 45) * 1000 / 700
    assert covered.unmet_exact == Fraction(17, 240) * 700 - 45
    # Exactly half a child: 3/8 of 4 children = 1.5, published as 2.
    assert Headline.of(4, 0, shares(Fraction(3, 8))).unmet_need == (2, None, None)
    assert Headline.of(0, 0, model).per_1000 == 0


def test_dense_ranks_share_a_rank_between_equal_values_of_different_objects() -> None:
    a, b, c = Fraction(3, 4), Fraction(6, 8), Fraction(1, 2)
    assert a is not b
    assert dense_ranks([c, a, b, a, Fraction(9, 10)]) == [2, 1, 1, 1, 0]
