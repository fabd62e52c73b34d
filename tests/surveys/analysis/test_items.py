"""Each question's summary: counts, percentages with Wilson intervals, answered and skipped."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pairsight.core.proportions import wilson_interval
from pairsight.surveys.analysis import analyse
from pairsight.surveys.analysis.items import category_counts, chosen_positions, exploded
from pairsight.surveys.responses import SurveyResponses
from pairsight.surveys.synthetic import parent_responses

from ..known_answers import INSTRUMENT, STATUTORY, expected_frame

KEYS = ["a", "b", "c", "d", "e"]


@pytest.fixture(scope="module")
def analysis():
    survey = SurveyResponses(INSTRUMENT, expected_frame(KEYS), source="known answers")
    return analyse(survey)


def _share(item, label):
    return next(s for s in item.shares if s.label == label)


def test_single_choice_counts_with_wilson_intervals(analysis):
    role = analysis.item("role")
    assert (role.answered, role.skipped, role.asked) == (5, 0, 5)
    assert [(s.label, s.count) for s in role.shares] == [
        ("Health visitor", 1), ("Midwife", 2), ("Social worker", 1), ("Other (please specify)", 1)
    ]  # fmt: skip
    midwife = _share(role, "Midwife")
    reference = wilson_interval(2, 5)
    assert midwife.percent == pytest.approx(40.0)
    assert (midwife.ci_low, midwife.ci_high) == pytest.approx(
        (100 * reference.lower, 100 * reference.upper)
    )
    assert role.other_answers == ("Dietitian",)


def test_multiple_choice_is_the_share_of_people_choosing_each_option(analysis):
    levels = analysis.item("levels")
    assert (levels.answered, levels.skipped) == (3, 2)
    assert _share(levels, "Universal").count == 2
    assert _share(levels, STATUTORY).percent == pytest.approx(200 / 3)
    assert sum(s.percent for s in levels.shares) > 100
    assert "more than one option" in levels.base_note
    assert levels.other_answers == ("Weekend clinic",)


def test_scale_has_its_sides_and_off_scale_answers(analysis):
    ease = analysis.item("ease")
    assert (ease.answered, ease.skipped) == (3, 2)
    sides = {s.label.split(":")[0]: s.count for s in ease.sides}
    assert sides == {"Negative": 1, "Neutral": 0, "Positive": 1, "Off scale": 1}


def test_rating_grid_ranks_statements_at_each_end(analysis):
    grid = analysis.item("factors")
    assert (grid.positive_label, grid.negative_label) == ("Very positive", "Very negative")
    cuddles, screens = grid.statements
    assert (cuddles.answered, screens.answered) == (3, 2)
    top = grid.top_positive()
    assert top[0][0] == "Cuddles and skin-to-skin contact"
    assert top[0][1].percent == pytest.approx(100 / 3)
    assert grid.top_negative()[0][0] == "Lots of time in front of screens"


def test_ranking_gives_mean_rank_and_first_choices(analysis):
    ranking = analysis.item("format")
    assert ranking.answered == 3
    means = {i.item_id: i.mean_rank for i in ranking.items}
    assert means == {"course": 2.0, "online": 2.0, "elearning": 2.0}
    assert all(i.first_choice.count == 1 for i in ranking.items)


def test_number_summary(analysis):
    age = analysis.item("age")
    assert (age.answered, age.skipped) == (3, 2)
    assert (age.mean, age.median, age.minimum, age.maximum) == pytest.approx((29 / 3, 6, 0, 23))


def test_free_text_is_listed_with_its_response(analysis):
    comments = analysis.item("comment")
    assert [(a.response_key, a.text) for a in comments.answers] == [
        ("a", "Great service, thanks"),
        ("c", "Needs more staff; evenings"),
        ("d", "Café – naïve ‘quotes’"),
    ]


def test_a_routed_question_counts_only_those_asked():
    analysis = analyse(parent_responses())
    asked_by = analysis.item("asked_by")
    said_yes = _share(analysis.item("ever_asked"), "Yes").count
    assert asked_by.asked == said_yes == asked_by.answered
    assert asked_by.skipped == 0


def test_nobody_answering_gives_no_percentage():
    frame = expected_frame(KEYS).iloc[[4]]
    item = analyse(SurveyResponses(INSTRUMENT, frame, source="one")).item("ease")
    assert item.answered == 0 and item.skipped == 1
    assert all(s.percent is None and s.ci_low is None for s in item.shares)


def test_choice_counts_cover_every_option_in_order_and_skip_empty_answers() -> None:
    answers = pd.Series(
        pd.Categorical(["GP", None, "Midwife", "GP"], categories=["Midwife", "GP", "Other"]),
        name="q1",
    )
    counts = category_counts(answers)
    assert counts.to_dict() == {"Midwife": 1, "GP": 2, "Other": 0}  # counted by hand
    assert counts.index.name == "q1"


def test_multiple_choice_answers_are_flattened_as_pandas_explodes_them() -> None:
    options, sizes = exploded([("A", "B"), ("C",), ()])
    assert options == ["A", "B", "C"]
    assert sizes.tolist() == [2, 1, 0]
    # A bare value (never stored, but possible in a hand-made frame) counts as itself.
    options, sizes = exploded([("A",), "B;C", ["D", "E"]])
    assert options == ["A", "B;C", "D", "E"]
    assert sizes.tolist() == [1, 1, 2]


def test_options_chosen_are_placed_per_person_in_order_whatever_the_repeats() -> None:
    letters = ["A", "B", "C"]

    def position_of(options: list[object]) -> np.ndarray:
        return np.array([letters.index(o) if o in letters else -1 for o in options])

    answers = np.empty(5, dtype=object)
    answers[:] = [("B", "A"), ("C",), ("B", "A"), (), ("A", "Z")]
    placed, sizes = chosen_positions(answers, position_of)
    # Worked out by hand: B=1, A=0 | C=2 | B=1, A=0 | nothing | A=0, Z unknown (-1).
    assert placed.tolist() == [1, 0, 2, 1, 0, 0, -1]
    assert sizes.tolist() == [2, 1, 2, 0, 2]
    mixed = np.empty(2, dtype=object)
    mixed[:] = [["C", "A"], "B"]  # a hand-made frame: a list, and a bare value
    placed, sizes = chosen_positions(mixed, position_of)
    assert placed.tolist() == [2, 0, 1]
    assert sizes.tolist() == [2, 1]
