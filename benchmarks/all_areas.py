"""Load a full-size MYE2 workbook and estimate need for every local authority in it.

The workbook is generated here (SYNTHETIC: invented areas and figures in the ONS
`MYE2 - Persons` layout, ~400 areas × Code, Name, Geography, All ages, 0 … 90+). Measured:
PAIRsight's loader (with the file limits of core/containers.py), the all-areas estimate
(exact need model, ranked) and its CSV, as `pairsight need --all-areas --format csv` runs
them, against the fastest honest read of the same sheet alone, in the same run: pandas'
`read_excel(engine="calamine")` (python-calamine, the fastest reader an analyst could pick
today) or PAIRsight's own sheet reader (python-calamine after the zip and sheet-extent
limits), whichever is faster. Every side runs at least three times, interleaved so that a
busy machine slows them alike, and the median is reported. For information, the bare
python-calamine read (no DataFrame, no limits) is measured too.

Target: the whole run within 1.5x of the baseline. Exits 1 when it is missed.

    .venv/bin/python benchmarks/all_areas.py [--areas 400] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook

from pairsight.officialdata.mye import MYE_SHEET, load_mid_year_estimates
from pairsight.officialdata.tables import read_table
from pairsight.population.all_areas import all_areas_csv, estimate_all_areas
from pairsight.population.presets import load_preset

HEADER_ROW = 8
TARGET_RATIO = 1.5
KINDS = [
    ("E06", "Unitary Authority", 0.15),
    ("E07", "Non-metropolitan District", 0.46),
    ("E08", "Metropolitan District", 0.09),
    ("E09", "London Borough", 0.08),
    ("E10", "County", 0.05),
    ("W06", "Unitary Authority", 0.06),
    ("S12", "Council Area", 0.08),
    ("N09", "Local Government District", 0.03),
]


def write_workbook(path: Path, areas: int) -> int:
    """A synthetic MYE2 workbook with `areas` local authorities; returns its row count."""
    rng = np.random.default_rng(2022)
    workbook = openpyxl.Workbook(write_only=True)
    workbook.create_sheet("Contents").append(["SYNTHETIC benchmark workbook - not ONS figures"])
    sheet = workbook.create_sheet(MYE_SHEET)
    sheet.append(["SYNTHETIC benchmark data: Mid-2022 population estimates layout, persons"])
    for _ in range(HEADER_ROW - 2):
        sheet.append([])
    sheet.append(["Code", "Name", "Geography", "All ages", *map(str, range(90)), "90+"])
    rows = 0
    for prefix, geography, share in KINDS:
        for n in range(1, max(1, round(areas * share)) + 1):
            ages = rng.integers(200, 9000, size=91)
            sheet.append(
                [f"{prefix}9{n:05d}", f"Synthetic {geography} {n:03d}", geography,
                 int(ages.sum()), *map(int, ages)]
            )  # fmt: skip
            rows += 1
    workbook.save(path)
    return rows


def measure(sides: dict[str, Callable[[], Any]], repeats: int) -> dict[str, float]:
    """Median wall time of each side over `repeats` rounds (at least 3); each round runs
    every side once, starting one further along each time."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for round_ in range(max(repeats, 3)):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            started = time.perf_counter()
            sides[name]()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(spent) for name, spent in times.items()}


def peak_memory(work: Callable[[], Any]) -> int:
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--target", type=float, default=TARGET_RATIO, help="ratio to meet (to test the exit)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mye2_benchmark_synthetic.xlsx"
        rows = write_workbook(path, args.areas)
        preset = load_preset("standard")
        estimates = load_mid_year_estimates(path)
        ranked = len(estimate_all_areas(estimates, preset).rows)

        def pairsight() -> None:
            all_areas_csv(estimate_all_areas(load_mid_year_estimates(path), preset))

        sides: dict[str, Callable[[], Any]] = {
            "pairsight": pairsight,
            "load": lambda: load_mid_year_estimates(path),
            "need_and_csv": lambda: all_areas_csv(estimate_all_areas(estimates, preset)),
            "pandas_calamine": lambda: pd.read_excel(
                path, sheet_name=MYE_SHEET, header=HEADER_ROW - 1, engine="calamine"
            ),
            "own_reader": lambda: read_table(path, MYE_SHEET),
            "bare_calamine": lambda: (
                CalamineWorkbook.from_path(str(path)).get_sheet_by_name(MYE_SHEET).to_python()
            ),
        }
        median = measure(sides, args.repeats)
        peak = peak_memory(pairsight)
        read = len(
            pd.read_excel(path, sheet_name=MYE_SHEET, header=HEADER_ROW - 1, engine="calamine")
        )

    ours = median["pairsight"]
    reads = {
        "pandas read_excel (calamine)": median["pandas_calamine"],
        "PAIRsight's sheet reader (calamine within the file limits)": median["own_reader"],
    }
    baseline_name = min(reads, key=lambda name: reads[name])
    baseline = reads[baseline_name]
    print(f"Synthetic MYE2 workbook: {rows} areas × 95 columns ({read} rows read by pandas)")
    print(f"Median of {max(args.repeats, 3)} interleaved runs each.")
    print(
        f"PAIRsight load + all-areas need + CSV ({ranked} areas ranked): {ours:.3f} s, "
        f"peak {peak / 1e6:.1f} MB (load alone {median['load']:.3f} s, "
        f"need + CSV alone {median['need_and_csv']:.3f} s)"
    )
    for name, spent in reads.items():
        print(f"{name}: {spent:.3f} s")
    print(
        f"bare python-calamine read, no DataFrame and no limits (for information): "
        f"{median['bare_calamine']:.3f} s (PAIRsight {ours / median['bare_calamine']:.2f}× that)"
    )
    ratio = ours / baseline
    met = ratio <= args.target
    print(f"Baseline: {baseline_name}, the faster read.")
    print(f"Ratio (PAIRsight ÷ baseline), medians: {ratio:.2f}×")
    print(
        f"Target: within {args.target:g}× of reading the sheet alone: "
        + ("met." if met else "NOT met.")
    )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
