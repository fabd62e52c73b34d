"""Deprivation-weighted need for 35,000 neighbourhoods (England's LSOA count), with ranges.

Inputs are generated (SYNTHETIC: random populations and deciles, not real figures).
Baseline: a plain Python loop over the neighbourhoods computing the same low, central
and high specialised need, measured in the same run. Target: under 0.5 s, and at least
50 times faster than the loop.

    .venv/bin/python benchmarks/need_many_areas.py [--neighbourhoods 35000]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from pairsight.population import (
    Capacity,
    DeprivationInputs,
    Pathway,
    PopulationInputs,
    estimate,
    load_preset,
    load_split,
)
from pairsight.population.deprivation import neighbourhood_need, pathway_shares


def measure(work: Callable[[], Any], repeats: int = 5) -> tuple[float, int, Any]:
    """Best wall time over repeats, and peak traced memory of one run."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neighbourhoods", type=int, default=35_000)
    args = parser.parse_args()

    rng = np.random.default_rng(2024)
    populations = rng.integers(0, 120, size=args.neighbourhoods)
    deciles = rng.integers(1, 11, size=args.neighbourhoods)
    standard, high = load_preset("standard"), load_preset("high-adversity")
    split = load_split()

    def vectorised() -> tuple[int, float]:
        deprivation = DeprivationInputs(
            populations=populations, deciles=deciles, standard=standard, high_adversity=high
        )
        area = estimate(
            PopulationInputs(
                children=int(populations.sum()),
                preset=standard,
                split=split,
                deprivation=deprivation,
                capacity=(Capacity("Synthetic service", 500),),
            )
        )
        need = neighbourhood_need(deprivation, split)
        return area.specialised_need.value, float(need.specialised("high").sum())

    def loop() -> tuple[int, float]:
        """What an analyst would write by hand: each neighbourhood, each pathway, each bound."""
        shares = {
            deprived: [pathway_shares(d, split) for d in preset.scenarios.values()]
            for deprived, preset in ((True, high), (False, standard))
        }
        central = {
            True: pathway_shares(high.central, split),
            False: pathway_shares(standard.central, split),
        }
        specialised = [i for i, p in enumerate(Pathway) if p.is_specialised]
        rows = []
        total_central = total_high = 0.0
        for population, decile in zip(populations.tolist(), deciles.tolist(), strict=True):
            deprived = decile == 1
            row = []
            for column in range(len(Pathway)):
                options = [float(s[column]) for s in shares[deprived]]
                row.append(
                    (
                        population * min(options),
                        population * float(central[deprived][column]),
                        population * max(options),
                    )
                )
            rows.append(row)
            total_central += sum(row[i][1] for i in specialised)
            total_high += sum(row[i][2] for i in specialised)
        return round(total_central), total_high

    vector_time, vector_peak, (vector_need, vector_high) = measure(vectorised)
    loop_time, loop_peak, (loop_need, loop_high) = measure(loop, repeats=3)
    assert abs(vector_need - loop_need) <= 1, (vector_need, loop_need)
    assert abs(vector_high - loop_high) < 1e-6 * loop_high

    print(f"neighbourhoods: {args.neighbourhoods:,} (SYNTHETIC inputs)")
    print(
        f"vectorised estimate: {vector_time * 1000:8.2f} ms   "
        f"peak memory {vector_peak / 2**20:6.2f} MiB"
    )
    print(
        f"plain Python loop:   {loop_time * 1000:8.2f} ms   "
        f"peak memory {loop_peak / 2**20:6.2f} MiB"
    )
    print(
        f"speed-up: {loop_time / vector_time:.1f}x (target >= 50x); target time < 500 ms: "
        f"{'met' if vector_time < 0.5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
