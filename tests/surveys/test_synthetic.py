"""The synthetic Birmingham responses reproduce what they were generated from, and say so."""

from __future__ import annotations

import pandas as pd
import pytest

from pairsight.surveys.analysis import analyse
from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.synthetic import (
    FACTOR_COUNTS,
    PARENTS,
    PRACTITIONERS,
    SYNTHETIC_LABEL,
    birmingham_surveys,
    parent_responses,
    practitioner_responses,
)

from .birmingham_said import ASKED, SAID


@pytest.fixture(scope="module")
def surveys():
    return birmingham_surveys()


@pytest.fixture(scope="module")
def analyses(surveys):
    return {name: analyse(survey) for name, survey in surveys.items()}


def test_sizes_and_marker(surveys, analyses):
    assert surveys["practitioners"].count == PRACTITIONERS == 89
    assert surveys["parents"].count == PARENTS == 49
    for name, survey in surveys.items():
        assert survey.synthetic and survey.label == SYNTHETIC_LABEL
        assert "not real" in survey.label and "SYNTHETIC" in survey.label
        assert analyses[name].synthetic and analyses[name].label == SYNTHETIC_LABEL


def test_the_same_seed_gives_the_same_responses_and_another_seed_others():
    pd.testing.assert_frame_equal(parent_responses(7).frame, parent_responses(7).frame)
    assert not parent_responses(7).frame.equals(parent_responses(8).frame)


@pytest.mark.parametrize("said", SAID, ids=lambda s: s.words)
@pytest.mark.parametrize("seed", [2022, 1])
def test_analysis_reproduces_what_the_summary_says(said, seed):
    survey = {"parents": parent_responses, "practitioners": practitioner_responses}[said.survey](
        seed
    )
    item = analyse(survey).item(said.question_id)
    counts = {s.label: s.count for s in item.shares}
    count = sum(counts[a] for a in said.answers)
    assert item.answered == ASKED[said.survey]
    assert said.holds(count, item.answered), (count, item.answered)


def test_qualitative_figures_hold(analyses):
    parents = analyses["parents"]
    never = next(s for s in parents.item("ever_asked").shares if s.label == "No")
    assert 2 / 3 < never.percent / 100 < 0.70  # "just over two-thirds"
    training = analyses["practitioners"].item("training_received")
    none = next(s for s in training.shares if s.label.startswith("No specific"))
    assert 0.30 < none.percent / 100 < 1 / 3  # "just under a third"
    barriers = {s.label: s.percent for s in parents.item("hard_to_reach_out").shares}
    for label in (
        "Fear of judgement by others",
        "Feeling like a failure",
        "Unsure where to seek help",
    ):
        assert barriers[label] > 50  # "over half"
    asked_by = [s.label for s in sorted(parents.item("asked_by").shares, key=lambda s: -s.count)]
    assert asked_by[:3] == ["Health visitor", "Midwife", "Mental health professional"]


def test_top_three_factors_at_each_end(analyses):
    grid = analyses["parents"].item("factors")
    assert [t for t, _ in grid.top_positive()] == [
        "Cuddles and skin-to-skin contact",
        "Baby chatting and playing with an adult",
        "Baby's diet and nutrition",
    ]
    assert [t for t, _ in grid.top_negative()] == [
        "Being in a home with violence",
        "Parents drinking heavily",
        "Parents who use drugs",
    ]
    assert all(sum(counts) == PARENTS for counts in FACTOR_COUNTS.values())


def test_every_profession_refers_on_and_seeks_advice(surveys):
    frame = surveys["practitioners"].frame
    for profession, actions in frame.groupby("profession", observed=True)["concern_actions"]:
        chosen = set().union(*actions.dropna())
        assert {"Refer to another service", "Seek advice from a colleague"} <= chosen, profession


def test_no_specific_training_is_never_ticked_with_training(surveys):
    received = surveys["practitioners"].frame["training_received"]
    with_none = received[
        received.map(lambda c: "No specific parent-infant relationship training" in c)
    ]
    assert len(with_none) == 29 and all(len(c) == 1 for c in with_none)


def test_a_downloaded_demo_file_imports_as_synthetic(tmp_path, surveys):
    survey = surveys["parents"]
    result = import_responses(write_msforms_xlsx(survey, tmp_path / "demo.xlsx"), survey.instrument)
    assert result.synthetic and result.synthetic_label == SYNTHETIC_LABEL
    assert result.survey.synthetic
    back = result.responses.reset_index(drop=True)
    pd.testing.assert_frame_equal(back, survey.frame.reset_index(drop=True))
