"""Deprivation-weighted need for 35,000 neighbourhoods (England's LSOA count), with ranges.

Inputs are generated (SYNTHETIC: random populations and deciles, not real figures).
Baseline: the loop a competent analyst writes, measured in the same run: the pathway shares
of each attachment distribution worked out once, then one pass over the neighbourhoods
giving each one's low, central and high children per pathway and the area totals.
Target: PAIRsight's estimate (exact area figures, provenance, per-neighbourhood ranges) in
under 2 ms (median of the runs) and at least 5 times faster than the loop. Exits 1 when a
target is missed.

    .venv/bin/python benchmarks/need_many_areas.py [--neighbourhoods 35000] [--runs 25]
"""

from __future__ import annotations

import argparse
import statistics
import sys
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

TARGET_SECONDS = 0.002
TARGET_SPEED_UP = 5.0


def measure(work: Callable[[], Any], runs: int) -> tuple[float, int, Any]:
    """Median wall time over the runs (after one warm-up), and peak traced memory of one run."""
    result = work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neighbourhoods", type=int, default=35_000)
    parser.add_argument("--runs", type=int, default=25)
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
        """A competent hand-written loop: constants hoisted, one pass, plain floats."""
        specialised = [i for i, p in enumerate(Pathway) if p.is_specialised]
        bounds = {}
        for deprived, preset in ((True, high), (False, standard)):
            scenarios = [pathway_shares(d, split).tolist() for d in preset.scenarios.values()]
            central = pathway_shares(preset.central, split).tolist()
            bounds[deprived] = [
                (min(column), central[i], max(column))
                for i, column in enumerate(zip(*scenarios, strict=True))
            ]
        rows = []
        total_central = total_high = 0.0
        for population, decile in zip(populations.tolist(), deciles.tolist(), strict=True):
            shares = bounds[decile == 1]
            row = [(population * lo, population * mid, population * hi) for lo, mid, hi in shares]
            rows.append(row)
            for i in specialised:
                total_central += row[i][1]
                total_high += row[i][2]
        return round(total_central), total_high

    vector_time, vector_peak, (vector_need, vector_high) = measure(vectorised, args.runs)
    loop_time, loop_peak, (loop_need, loop_high) = measure(loop, max(3, args.runs // 5))
    assert abs(vector_need - loop_need) <= 1, (vector_need, loop_need)
    assert abs(vector_high - loop_high) < 1e-6 * loop_high

    print(f"neighbourhoods: {args.neighbourhoods:,} (SYNTHETIC inputs)")
    print(
        f"PAIRsight estimate:  {vector_time * 1000:8.2f} ms   "
        f"peak memory {vector_peak / 2**20:6.2f} MiB"
    )
    print(
        f"competent loop:      {loop_time * 1000:8.2f} ms   "
        f"peak memory {loop_peak / 2**20:6.2f} MiB"
    )
    speed_up = loop_time / vector_time
    time_met = vector_time < TARGET_SECONDS
    speed_met = speed_up >= TARGET_SPEED_UP
    print(
        f"median time: {vector_time * 1000:.2f} ms (target < {TARGET_SECONDS * 1000:.0f} ms): "
        f"{'met' if time_met else 'NOT met'}"
    )
    print(
        f"speed-up: {speed_up:.1f}x the competent loop (target >= {TARGET_SPEED_UP:.0f}x): "
        f"{'met' if speed_met else 'NOT met'}"
    )
    if not (time_met and speed_met):
        sys.exit(1)


if __name__ == "__main__":
    main()
