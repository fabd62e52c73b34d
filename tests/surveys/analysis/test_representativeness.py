from __future__ import annotations

import math

import pytest

from pairsight.surveys.analysis import RepresentativenessError, representativeness
from pairsight.surveys.instruments import parse_instrument
from pairsight.surveys.responses import SurveyResponses, responses_frame

SURVEY = parse_instrument(
    """
id: sample
version: "1"
title: Sample
questions:
  - {id: area, kind: single_choice, text: Area, options: [North, South, East, Not sure]}
  - {id: wants, kind: multiple_choice, text: Wants, options: [Course, Mentor]}
"""
)


@pytest.fixture
def survey() -> SurveyResponses:
    areas = ["North"] * 6 + ["South"] * 3 + ["East"] * 1 + ["Not sure"] * 2 + [None]
    frame = responses_frame(SURVEY, {"area": areas}, [str(i) for i in range(len(areas))])
    return SurveyResponses(SURVEY, frame, source="test")


def test_sample_shares_beside_population_shares_with_the_gap(survey):
    result = representativeness(
        survey, "area", {"North": 40, "south": 35, "East ": 25}, "Census 2021, TS021"
    )
    assert result.compared == 10
    assert result.left_out == {"Not sure": 2}
    rows = {r.category: r for r in result.rows}
    assert rows["North"].sample.percent == pytest.approx(60.0)
    assert rows["North"].population_percent == pytest.approx(40.0)
    assert rows["North"].gap == pytest.approx(20.0)
    assert rows["East"].gap == pytest.approx(-15.0)
    assert rows["South"].population_in_interval is True
    assert result.population_source == "Census 2021, TS021"


def test_counts_proportions_and_percentages_give_the_same_shares(survey):
    as_counts = representativeness(
        survey, "area", {"North": 4000, "South": 3500, "East": 2500}, "x"
    )
    as_shares = representativeness(survey, "area", {"North": 0.4, "South": 0.35, "East": 0.25}, "x")
    assert [r.population_percent for r in as_counts.rows] == pytest.approx(
        [r.population_percent for r in as_shares.rows]
    )


@pytest.mark.parametrize(
    ("population", "message"),
    [
        ({"West": 1.0}, "'West' is not an option of 'area'"),
        ({"North": -1.0}, "must be a number of 0 or more"),
        ({"North": 0.0}, "add up to zero"),
    ],
)
def test_unusable_population_figures_say_why(survey, population, message):
    with pytest.raises(RepresentativenessError, match=message):
        representativeness(survey, "area", population, "Census 2021")


def test_needs_a_one_answer_question_and_a_source(survey):
    with pytest.raises(RepresentativenessError, match="'wants' is multiple choice"):
        representativeness(survey, "wants", {"Course": 1}, "x")
    with pytest.raises(RepresentativenessError, match="Say where"):
        representativeness(survey, "area", {"North": 1}, " ")


def test_hand_worked_gaps_intervals_and_chi_square():
    areas = ["North"] * 50 + ["South"] * 30 + ["East"] * 20 + ["Not sure"] * 4
    frame = responses_frame(SURVEY, {"area": areas}, [str(i) for i in range(len(areas))])
    survey = SurveyResponses(SURVEY, frame, source="test")
    result = representativeness(survey, "area", {"North": 40, "South": 35, "East": 25}, "x")
    assert result.compared == 100
    assert result.left_out == {"Not sure": 4}
    rows = {r.category: r for r in result.rows}
    # Wilson interval for 50 of 100, by hand: centre 0.5, half-width
    # z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n) with z = 1.959963985.
    z = 1.959963985
    half = z * math.sqrt(0.25 / 100 + z * z / 40_000) / (1 + z * z / 100)
    assert rows["North"].sample.ci_low == pytest.approx(100 * (0.5 - half))
    assert rows["North"].sample.ci_high == pytest.approx(100 * (0.5 + half))
    assert 100 * (0.5 - half) == pytest.approx(40.38, abs=0.01)
    # 40% lies just below the interval (40.38% to 59.62%): outside.
    assert rows["North"].population_in_interval is False
    assert rows["South"].population_in_interval is True
    assert [rows[c].gap for c in ("North", "South", "East")] == pytest.approx([10, -5, -5])
    # Expected 40, 35, 25: χ² = 10²/40 + 5²/35 + 5²/25, 2 degrees of freedom, and for two
    # degrees of freedom the upper tail is exp(-χ²/2).
    statistic = 100 / 40 + 25 / 35 + 25 / 25
    assert result.test.ran
    assert result.test.statistic == pytest.approx(statistic)
    assert result.test.degrees_of_freedom == 2
    assert result.test.p_value == pytest.approx(math.exp(-statistic / 2))
    assert [r.category for r in result.under_represented()] == ["South", "East"]


def test_no_chi_square_when_expected_counts_are_small(survey):
    result = representativeness(survey, "area", {"North": 40, "South": 35, "East": 25}, "x")
    # 10 compared: expected 4, 3.5 and 2.5, all below 5.
    assert not result.test.ran
    assert "3 of 3 groups would expect fewer than 5" in result.test.reason
