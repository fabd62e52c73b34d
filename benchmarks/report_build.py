"""Build the whole demo report in all four formats, against the HTML alone, in the same run.

Each case runs in a fresh Python process, as `pairsight report` does, so the times include
starting the chart renderer and the peak memory (max RSS) belongs to that case alone.
The first build of each process is "cold"; later repeats in the same process are "warm".
Target: all four formats under 10 s cold.

    .venv/bin/python benchmarks/report_build.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_SECONDS = 10.0
CASES = {"html": "html", "all four": "html,pdf,docx,pptx"}


def measure(formats: str, repeats: int) -> dict[str, float]:
    """Run inside the child process: import, build `repeats` times, report times and memory."""
    started = time.perf_counter()
    from pairsight.reports.birmingham import demo_report
    from pairsight.reports.build import build_report

    imported = time.perf_counter() - started
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            begin = time.perf_counter()
            build_report(demo_report(), formats, out)
            times.append(time.perf_counter() - begin)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "import": imported,
        "cold": imported + times[0],
        "warm": statistics.median(times[1:]) if len(times) > 1 else times[0],
        "peak_mib": peak_kib / 1024,
    }


def run_case(formats: str, repeats: int) -> dict[str, float]:
    child = subprocess.run(
        [sys.executable, __file__, "--child", formats, "--repeats", str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, max(1, args.repeats))))
        return

    results = {name: run_case(formats, args.repeats) for name, formats in CASES.items()}
    baseline, full = results["html"], results["all four"]
    print(f"Demo report build, {args.repeats} builds per process (fresh process per case)")
    print(f"{'case':<10} {'cold s':>8} {'warm s':>8} {'import s':>9} {'peak MiB':>9}")
    for name, result in results.items():
        print(
            f"{name:<10} {result['cold']:>8.2f} {result['warm']:>8.2f} "
            f"{result['import']:>9.2f} {result['peak_mib']:>9.0f}"
        )
    print(
        f"ratio all four / HTML alone: cold {full['cold'] / baseline['cold']:.1f}x, "
        f"warm {full['warm'] / baseline['warm']:.1f}x, "
        f"memory {full['peak_mib'] / baseline['peak_mib']:.1f}x"
    )
    verdict = "meets" if full["cold"] < TARGET_SECONDS else "MISSES"
    print(
        f"all four formats cold: {full['cold']:.2f} s — {verdict} the {TARGET_SECONDS:.0f} s target"
    )
    if full["cold"] >= TARGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
