from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest

from pairsight.surveys.responses import SurveyResponses, responses_frame, stored_answers

from .known_answers import INSTRUMENT, PEOPLE, expected_frame

KEYS = ["k1", "k2", "k3", "k4", "k5"]


def test_stored_answers_rebuild_the_same_frame():
    survey = SurveyResponses(INSTRUMENT, expected_frame(KEYS), source="known")
    records = stored_answers(survey)
    assert len(records) == sum(len(p) for p in PEOPLE)
    by_column: dict[str, list[object]] = defaultdict(lambda: [None] * len(KEYS))
    for record in records:
        by_column[record["column"]][KEYS.index(record["response_key"])] = record["value"]
    rebuilt = responses_frame(INSTRUMENT, dict(by_column), KEYS)
    pd.testing.assert_frame_equal(rebuilt, survey.frame)
    levels = next(r for r in records if r["column"] == "levels")
    assert levels == {
        "response_key": "k1", "column": "levels", "question_id": "levels", "item": None,
        "value": ["Universal", "Targeted"],
    }  # fmt: skip


def test_answers_that_are_not_options_are_refused():
    with pytest.raises(ValueError, match=r"role: \['Nurse'\] are not options"):
        responses_frame(INSTRUMENT, {"role": ["Nurse"]}, ["x"])
    with pytest.raises(ValueError, match="No such answer columns"):
        responses_frame(INSTRUMENT, {"colour": ["red"]}, ["x"])


def test_synthetic_responses_must_say_so():
    with pytest.raises(ValueError, match="need a label"):
        SurveyResponses(INSTRUMENT, expected_frame(KEYS), source="x", synthetic=True)
