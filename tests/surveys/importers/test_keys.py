"""Response fingerprints: the same numbers as the fingerprints already stored, which were
made with pandas' `hash_pandas_object` of the start time and answers as text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pairsight.surveys.importers.keys import fingerprint_hashes


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
