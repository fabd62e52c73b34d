from __future__ import annotations

import pytest

from pairsight.surveys.analysis.weighting import (
    WeightingError,
    kish_effective_n,
    post_stratify,
    rake,
    weighted_shares,
)


def test_post_stratification_recovers_the_population_share_exactly() -> None:
    answers = ["A"] * 6 + ["B"] * 4 + [None]
    weights = post_stratify(answers, {"A": 50, "B": 50}, "group")
    a_weight = sum(w for w, x in zip(weights.values, answers, strict=True) if x == "A")
    b_weight = sum(w for w, x in zip(weights.values, answers, strict=True) if x == "B")
    assert a_weight / (a_weight + b_weight) == pytest.approx(0.5, abs=1e-12)
    # By hand: A weighs 0.5 / 0.6 = 5/6, B weighs 0.5 / 0.4 = 5/4; the skipped answer keeps 1.
    assert list(weights.values) == pytest.approx([5 / 6] * 6 + [5 / 4] * 4 + [1.0])


def test_kish_effective_sample_size_and_design_effect() -> None:
    weights = post_stratify(["A"] * 6 + ["B"] * 4, {"A": 1, "B": 1})
    # Kish: (Σw)² / Σw² with six weights of 5/6 and four of 5/4.
    total = 6 * (5 / 6) + 4 * (5 / 4)
    squares = 6 * (5 / 6) ** 2 + 4 * (5 / 4) ** 2
    assert weights.effective_n == pytest.approx(total**2 / squares)
    assert weights.effective_n == pytest.approx(9.6)
    assert weights.design_effect == pytest.approx(10 / 9.6)
    assert kish_effective_n([1, 1, 1, 1]) == pytest.approx(4)


def test_too_few_and_no_respondents_are_warned_about() -> None:
    weights = post_stratify(["A"] * 8 + ["B"] * 2, {"A": 60, "B": 30, "C": 10}, "area")
    assert any("only 2 respondents in 'B'" in w for w in weights.warnings)
    assert any("nobody in the sample is in 'C'" in w for w in weights.warnings)
    assert not any("'A'" in w for w in weights.warnings)


def test_raking_matches_both_margins() -> None:
    sex = ["F"] * 7 + ["M"] * 3 + ["F", "M"]
    area = ["N", "N", "N", "S", "S", "N", "S", "N", "S", "S", "N", "S"]
    weights = rake(sex, area, {"F": 51, "M": 49}, {"N": 30, "S": 70}, ("sex", "area"))
    total = sum(weights.values)
    women = sum(w for w, s in zip(weights.values, sex, strict=True) if s == "F")
    north = sum(w for w, a in zip(weights.values, area, strict=True) if a == "N")
    assert women / total == pytest.approx(0.51, abs=1e-9)
    assert north / total == pytest.approx(0.30, abs=1e-9)
    assert weights.method == "raking"
    assert weights.rounds >= 2


def test_weighted_beside_unweighted() -> None:
    groups = ["A"] * 6 + ["B"] * 4
    finding = ["yes"] * 3 + ["no"] * 3 + ["yes"] * 4
    weights = post_stratify(groups, {"A": 1, "B": 1})
    yes, no = weighted_shares(finding, weights, ["yes", "no"])
    assert yes.percent == pytest.approx(70.0)
    # By hand: (3 × 5/6 + 4 × 5/4) / 10 = 7.5 / 10.
    assert yes.weighted_percent == pytest.approx(75.0)
    assert no.weighted_percent == pytest.approx(25.0)


def test_nobody_with_a_known_group_cannot_be_weighted() -> None:
    with pytest.raises(WeightingError, match="Nobody"):
        post_stratify([None, "X"], {"A": 1}, "area")
