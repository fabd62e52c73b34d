from __future__ import annotations

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
