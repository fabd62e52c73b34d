import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairsight.core.proportions import wilson_interval, wilson_intervals


@pytest.mark.parametrize(
    ("successes", "total", "lower", "upper"),
    [
        # Worked examples published in Newcombe 1998, Stat Med 17:857-872, table II (method 3).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_matches_newcombes_published_intervals(successes, total, lower, upper):
    result = wilson_interval(successes, total)
    assert result.lower == pytest.approx(lower, abs=1e-4)
    assert result.upper == pytest.approx(upper, abs=1e-4)


def test_describes_itself_for_a_reader():
    assert wilson_interval(42, 49).describe() == "86% (95% CI 73% to 93%), 42 of 49"


def test_everyone_or_nobody_reaches_the_end_exactly():
    assert wilson_interval(0, 7).lower == 0.0
    assert wilson_interval(7, 7).upper == 1.0


@pytest.mark.parametrize(
    ("successes", "total", "fragment"),
    [(1, 0, "total above zero"), (-1, 5, "between 0"), (6, 5, "between 0")],
)
def test_impossible_counts_are_refused_with_a_reason(successes, total, fragment):
    with pytest.raises(ValueError, match=fragment):
        wilson_interval(successes, total)


def test_confidence_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        wilson_interval(3, 10, confidence=95)


counts = st.integers(min_value=1, max_value=5000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(counts)
def test_interval_stays_in_range_and_holds_the_estimate(pair):
    k, n = pair
    result = wilson_interval(k, n)
    assert 0.0 <= result.lower <= result.estimate <= result.upper <= 1.0


@given(counts)
def test_interval_mirrors_when_successes_and_failures_swap(pair):
    k, n = pair
    here, mirrored = wilson_interval(k, n), wilson_interval(n - k, n)
    assert here.lower == pytest.approx(1 - mirrored.upper, abs=1e-12)


@given(counts)
def test_higher_confidence_gives_a_wider_interval(pair):
    k, n = pair
    narrow, wide = wilson_interval(k, n, 0.9), wilson_interval(k, n, 0.99)
    assert wide.upper - wide.lower >= narrow.upper - narrow.lower


@given(st.lists(counts, min_size=1, max_size=30))
def test_vectorised_form_agrees_with_the_single_one(pairs):
    k = [p[0] for p in pairs]
    n = [p[1] for p in pairs]
    lower, upper = wilson_intervals(k, n)
    for i, (ki, ni) in enumerate(pairs):
        single = wilson_interval(ki, ni)
        assert lower[i] == pytest.approx(single.lower, abs=1e-12)
        assert upper[i] == pytest.approx(single.upper, abs=1e-12)


def test_vectorised_form_leaves_empty_totals_without_an_interval():
    lower, upper = wilson_intervals([0, 3], [0, 10])
    assert math.isnan(lower[0]) and math.isnan(upper[0])
    assert not np.isnan(lower[1])
