from __future__ import annotations

import pytest

from pairsight.surveys.analysis.tracker import TargetError, progress, proportional_targets


def test_proportional_targets_add_up_by_largest_remainder() -> None:
    # Manchester's five groups (Census 2021 TS021 counts) sharing 100 responses.
    population = {
        "Asian": 115_109,
        "Black": 65_893,
        "Mixed": 29_026,
        "White": 313_632,
        "Other": 28_278,
    }
    # Exact: 20.86, 11.94, 5.26, 56.82, 5.12; whole parts add to 97; the three largest
    # fractions (Black .94, Asian .86, White .82) take one more each.
    assert proportional_targets(100, population) == {
        "Asian": 21,
        "Black": 12,
        "Mixed": 5,
        "White": 57,
        "Other": 5,
    }


def test_progress_names_the_groups_furthest_behind() -> None:
    result = progress(
        "area",
        {"North": 20, "South": 20, "East": 10, "West": 10},
        {"North": 18, "South": 5, "East": 2, "West": 12},
        [("interview participants", {"East": 1})],
    )
    rows = {r.group: r for r in result.rows}
    assert rows["East"].achieved == 3
    assert rows["West"].shortfall == 0
    assert result.target == 60
    assert result.achieved == 18 + 5 + 3 + 12
    # South has 25% of its target, East 30%, North 90%; West is met.
    assert [r.group for r in result.under_represented()] == ["South", "East", "North"]
    assert result.other_sources == ("interview participants",)


def test_a_total_of_zero_is_refused() -> None:
    with pytest.raises(TargetError, match="above zero"):
        proportional_targets(0, {"A": 1})
