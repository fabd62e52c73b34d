"""Breakdowns test association only where the test is valid, and say why."""

from __future__ import annotations

import itertools

import pytest
from scipy.stats import chi2_contingency, fisher_exact

from pairsight.surveys.analysis import CrossTabError, analyse, crosstab
from pairsight.surveys.instruments import parse_instrument
from pairsight.surveys.responses import SurveyResponses, responses_frame

from ..known_answers import INSTRUMENT, expected_frame

SURVEY = parse_instrument(
    """
id: breakdown
version: "1"
title: Breakdown
questions:
  - id: group
    kind: single_choice
    text: Level of need
    options: [Universal, Targeted, Specialist]
  - {id: answer, kind: single_choice, text: "Trained?", options: ["Yes", "No", Not sure]}
  - {id: wants, kind: multiple_choice, text: Wants, options: [Course, Mentor]}
  - {id: comment, kind: free_text, text: Comment}
"""
)


def _survey(table: dict[tuple[str, str], int]) -> SurveyResponses:
    pairs = list(itertools.chain.from_iterable([pair] * n for pair, n in table.items()))
    answers = {
        "group": [g for g, _ in pairs],
        "answer": [a for _, a in pairs],
        "wants": [["Course"] if i % 2 else ["Course", "Mentor"] for i in range(len(pairs))],
    }
    keys = [str(i) for i in range(len(pairs))]
    return SurveyResponses(SURVEY, responses_frame(SURVEY, answers, keys), source="test")


def test_chi_square_where_every_expected_count_is_large_enough():
    counts = {("Universal", "Yes"): 30, ("Universal", "No"): 20, ("Targeted", "Yes"): 15,
              ("Targeted", "No"): 25, ("Specialist", "Yes"): 22,
              ("Specialist", "No"): 8}  # fmt: skip
    table = crosstab(_survey(counts), "answer", "group")
    assert table.counts.loc["Yes"].tolist() == [30, 15, 22]
    assert table.bases.tolist() == [50, 40, 30]
    assert table.column_percent.loc["Yes", "Universal"] == pytest.approx(60.0)
    statistic, p_value, dof, _ = chi2_contingency([[30, 15, 22], [20, 25, 8]], correction=False)
    assert table.test.name == "Chi-square test"
    assert (
        table.test.statistic,
        table.test.p_value,
        table.test.degrees_of_freedom,
    ) == pytest.approx((statistic, p_value, dof))
    assert "Not sure" in table.counts.index  # shown with zeros, left out of the test


def test_fisher_for_a_small_two_by_two_table():
    counts = {("Universal", "Yes"): 6, ("Universal", "No"): 1, ("Targeted", "Yes"): 2,
              ("Targeted", "No"): 5}  # fmt: skip
    table = crosstab(_survey(counts), "answer", "group")
    assert table.test.name == "Fisher's exact test"
    assert table.test.p_value == pytest.approx(fisher_exact([[6, 2], [1, 5]])[1])
    assert "too few for the chi-square test" in table.test_note


def test_no_test_for_a_sparse_larger_table_and_the_reason():
    counts = {("Universal", "Yes"): 3, ("Universal", "No"): 1, ("Targeted", "Not sure"): 2,
              ("Specialist", "No"): 2, ("Specialist", "Yes"): 1}  # fmt: skip
    table = crosstab(_survey(counts), "answer", "group")
    assert table.test is None
    assert table.test_note.startswith("No test: 100% of cells expect fewer than 5 people")
    assert "Combine options or groups" in table.test_note


def test_multiple_choice_breakdown_counts_people_and_does_not_test():
    counts = {("Universal", "Yes"): 4, ("Targeted", "No"): 4}
    table = crosstab(_survey(counts), "wants", "group")
    assert table.counts.loc["Course"].tolist() == [4, 4, 0]
    assert table.counts.loc["Mentor"].tolist() == [2, 2, 0]
    assert table.test is None and "more than one option" in table.test_note


def test_breakdown_by_something_other_than_a_one_answer_question_is_refused():
    survey = _survey({("Universal", "Yes"): 2})
    with pytest.raises(
        CrossTabError, match="only by a one-answer question; 'wants' is multiple choice"
    ):
        crosstab(survey, "answer", "wants")
    with pytest.raises(CrossTabError, match="has no question 'nope'"):
        crosstab(survey, "answer", "nope")
    with pytest.raises(CrossTabError, match="'comment' is free text"):
        crosstab(survey, "comment", "group")


def test_a_grid_statement_can_be_broken_down():
    survey = SurveyResponses(INSTRUMENT, expected_frame(list("abcde")), source="known")
    table = crosstab(survey, "factors.cuddles", "role")
    assert table.counts.loc["Very positive", "Health visitor"] == 1
    with pytest.raises(CrossTabError, match="one statement at a time"):
        crosstab(survey, "factors", "role")


def test_analyse_breaks_every_choice_question_down_by_the_chosen_one():
    analysis = analyse(_survey({("Universal", "Yes"): 3, ("Targeted", "No"): 3}), by="group")
    assert [t.question_id for t in analysis.crosstabs] == ["answer", "wants"]
