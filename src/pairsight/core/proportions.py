"""Proportions with their confidence intervals.

Survey samples in a needs assessment are small (Birmingham: 49 parents), where the usual
"p ± 1.96·SE" interval misbehaves: it can run below 0% or above 100% and is far too narrow
near the ends. The Wilson score interval keeps within [0, 1] and holds its coverage for
small samples (Newcombe 1998, Statistics in Medicine 17:857–872), so every percentage the
product shows for a sample carries one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.stats import norm


@dataclass(frozen=True)
class Proportion:
    """`successes` out of `total`, with its Wilson interval at `confidence`."""

    successes: int
    total: int
    estimate: float
    lower: float
    upper: float
    confidence: float = 0.95

    @property
    def percent(self) -> float:
        return 100.0 * self.estimate

    def describe(self) -> str:
        """The proportion as a reader sees it, e.g. ``86% (95% CI 73% to 93%), 42 of 49``."""
        level = f"{100 * self.confidence:g}%"
        return (
            f"{100 * self.estimate:.0f}% ({level} CI {100 * self.lower:.0f}% to "
            f"{100 * self.upper:.0f}%), {self.successes} of {self.total}"
        )


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"Confidence must be between 0 and 1 (e.g. 0.95), not {confidence!r}.")
    return float(norm.ppf(0.5 + confidence / 2))


def wilson_interval(successes: int, total: int, confidence: float = 0.95) -> Proportion:
    """The Wilson score interval for `successes` out of `total`.

    Raises ValueError when the counts cannot describe a proportion (a negative count, more
    successes than the total, or a total of zero: nobody answered, so there is no percentage).
    """
    if total <= 0:
        raise ValueError(f"A proportion needs a total above zero; got {total}.")
    if not 0 <= successes <= total:
        raise ValueError(f"Successes must be between 0 and the total ({total}); got {successes}.")
    z = _z(confidence)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    # The exact ends are 0 and 1; floating point would leave 1e-17 either side.
    lower = 0.0 if successes == 0 else max(0.0, centre - half_width)
    upper = 1.0 if successes == total else min(1.0, centre + half_width)
    return Proportion(successes, total, p, lower, upper, confidence)


def wilson_intervals(
    successes: npt.ArrayLike, totals: npt.ArrayLike, confidence: float = 0.95
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Vectorised `wilson_interval`: lower and upper bounds, NaN where a total is zero."""
    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(totals, dtype=np.float64)
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("Every count of successes must be between 0 and its total.")
    z = _z(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denominator = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denominator
        half_width = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
        lower = np.where(k == 0, 0.0, np.clip(centre - half_width, 0.0, 1.0))
        upper = np.where(k == n, 1.0, np.clip(centre + half_width, 0.0, 1.0))
    empty = n <= 0
    lower = np.where(empty, np.nan, lower)
    upper = np.where(empty, np.nan, upper)
    return lower.astype(np.float64), upper.astype(np.float64)
