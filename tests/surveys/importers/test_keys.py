"""Response fingerprints: the same numbers as the fingerprints already stored, which were
made with pandas' `hash_pandas_object` of the start time and answers as text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pairsight.surveys.importers.keys import _parsed, _to_the_minute, fingerprint_hashes


def test_fingerprints_are_pandas_hash_of_the_row_as_text() -> None:
    # Every kind of answer column, with empty answers, in an order other than by name.
    answers = pd.DataFrame(
        {
            "q2": pd.Categorical(["Midwife", None, "GP", "Midwife"], categories=["GP", "Midwife"]),
            "q1": pd.Categorical(
                ["Agree", "Disagree", None, "Agree"], categories=["Disagree", "Agree"], ordered=True
            ),
            "q3": np.array([("A", "B"), None, ("C",), ("A", "B")], dtype=object),
            "q4.i0": pd.array([1, None, 3, 1], dtype="Int64"),
            "q5": pd.array([2.5, -0.0, None, 2.5], dtype="Float64"),
            "q6": pd.array(["a comment", None, "[b]bold[/b]", "a comment"], dtype="str"),
            "q7": pd.Categorical([None, None, None, None], categories=["Yes", "No"]),
            "q8": np.array(["x", ("A",), None, "x"], dtype=object),  # not only tuples
            "q9": pd.array([None, None, None, None], dtype="Int64"),
            "q10": np.array([("A", 1.0), ("A", 1), None, ("A", 1.0)], dtype=object),
            # Tuples of labels with NaN rather than None for an empty answer: "nan" as text.
            "q11": np.array([("A",), float("nan"), None, ("A",)], dtype=object),
        }
    )
    started = ["2024-01-08T09:00Z", "", "2024-01-08T09:02Z", "2024-01-08T09:00Z"]
    as_text = answers.reindex(sorted(answers.columns), axis=1).astype(str)
    as_text.insert(0, "started", started)
    expected = pd.util.hash_pandas_object(as_text, index=False).to_numpy()

    found = fingerprint_hashes(started, answers)

    assert found.tolist() == expected.tolist()
    assert found[0] == found[3]  # the same start time and answers
    assert len(set(found.tolist())) == 3


def test_start_times_in_known_formats_and_odd_ones_read_to_the_minute_in_utc() -> None:
    day_first = pd.Series(
        ["01/06/2022 10:05", "1/6/2022 10:05:59", "13/01/2024", "01/13/2024 09:00", "2 June 2022",
         "soon", ""]
    )  # fmt: skip
    iso = pd.Series(["2024-01-08 10:05:30.5", "2024-01-08T10:05:00+01:00", "2024-13-45"])

    # Worked out by hand: day first where that makes a date, an offset taken off for UTC,
    # seconds dropped (not rounded), and no time for text that is none.
    assert _to_the_minute(_parsed(day_first, dayfirst=True)).tolist()[:5] == [
        "2022-06-01T10:05Z", "2022-06-01T10:05Z", "2024-01-13T00:00Z", "2024-01-13T09:00Z",
        "2022-06-02T00:00Z",
    ]  # fmt: skip
    assert _parsed(day_first, dayfirst=True).isna().tolist()[5:] == [True, True]
    found = _parsed(iso, dayfirst=False)
    assert _to_the_minute(found).tolist()[:2] == ["2024-01-08T10:05Z", "2024-01-08T09:05Z"]
    assert found.isna().tolist() == [False, False, True]
