"""Load a full-size MYE2 workbook and estimate need for every local authority in it.

The workbook is generated here (SYNTHETIC: invented areas and figures in the ONS
`MYE2 - Persons` layout, ~400 areas × Code, Name, Geography, All ages, 0 … 90+). Measured:
PAIRsight's loader (with the file limits of core/containers.py), the all-areas estimate
(exact need model, ranked) and its CSV, as `pairsight need --all-areas --format csv` runs
them, against pandas' plain `read_excel` of the same sheet with openpyxl (the reader pandas
uses for .xlsx by default today), which only reads the cells, in the same run. Each side
runs at least three times and the median is reported. The ratio against python-calamine
(the fastest reader, and the one PAIRsight's loader uses) is printed too.

Target: the whole run within 1.5x of reading the sheet alone with pandas' default reader.
Exits 1 when it is missed.

    .venv/bin/python benchmarks/all_areas.py [--areas 400] [--repeats 3]
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

from pairsight.officialdata.mye import MYE_SHEET, load_mid_year_estimates
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


def measure(work: Callable[[], Any], repeats: int) -> tuple[float, int, Any]:
    """Median wall time over `repeats` runs (at least 3), and peak traced memory of one run."""
    times = []
    result = None
    for _ in range(max(repeats, 3)):
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
    parser.add_argument("--areas", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--target", type=float, default=TARGET_RATIO, help="ratio to meet (to test the exit)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mye2_benchmark_synthetic.xlsx"
        rows = write_workbook(path, args.areas)
        preset = load_preset("standard")

        def pairsight() -> int:
            estimates = load_mid_year_estimates(path)
            result = estimate_all_areas(estimates, preset)
            all_areas_csv(result)
            return len(result.rows)

        def load_only() -> int:
            return len(load_mid_year_estimates(path))

        def plain_pandas() -> int:
            frame = pd.read_excel(
                path, sheet_name=MYE_SHEET, header=HEADER_ROW - 1, engine="openpyxl"
            )
            return len(frame)

        def calamine() -> int:
            frame = pd.read_excel(
                path, sheet_name=MYE_SHEET, header=HEADER_ROW - 1, engine="calamine"
            )
            return len(frame)

        ours, ours_peak, ranked = measure(pairsight, args.repeats)
        fastest, _, _ = measure(calamine, args.repeats)
        loading, _, _ = measure(load_only, args.repeats)
        baseline, baseline_peak, read = measure(plain_pandas, args.repeats)

    print(f"Synthetic MYE2 workbook: {rows} areas × 95 columns ({read} rows read by pandas)")
    print(f"Median of {max(args.repeats, 3)} runs each.")
    print(
        f"PAIRsight load + all-areas need + CSV ({ranked} areas ranked): {ours:.3f} s, "
        f"peak {ours_peak / 1e6:.1f} MB (load alone {loading:.3f} s)"
    )
    print(
        f"pandas read_excel (openpyxl) of the same sheet: {baseline:.3f} s, "
        f"peak {baseline_peak / 1e6:.1f} MB"
    )
    # For information: the fastest reader. What PAIRsight adds to it is the check of the
    # sheet's extent against the file limits, and the need model for every area.
    print(
        f"pandas read_excel (calamine) of the same sheet: {fastest:.3f} s "
        f"(PAIRsight {ours / fastest:.2f}× that)"
    )
    ratio = ours / baseline
    met = ratio <= args.target
    print(f"Ratio (PAIRsight ÷ pandas read_excel with openpyxl), medians: {ratio:.2f}×")
    print(
        f"Target: within {args.target:g}× of reading the sheet alone: "
        + ("met." if met else "NOT met.")
    )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
