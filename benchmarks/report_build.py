"""Build the whole demo report in all four formats, against the HTML alone, in the same run.

The demo report includes its narrative (the example executive summary and key messages,
with live figures). Each case runs in a fresh Python process, as `pairsight report` does,
so the times include imports and starting the chart renderer, and the peak memory (max
RSS) belongs to that case alone. The first build of each process is "cold"; later repeats
in the same process are "warm". Each case runs in `--runs` fresh processes (default 3) and
the median is reported. Target: all four formats under 3 s cold; exits 1 when missed.

Profiled (cProfile, cold): importing Altair, drawing each chart with vl-convert once per
format, and WeasyPrint's layout dominated. Charts are now written as Vega-Lite directly
(no Altair import), each is drawn once per build (its PNG made from the same SVG), and the
PDF is laid out in a child process while the other formats are written.

    .venv/bin/python benchmarks/report_build.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_SECONDS = 3.0
CASES = {"html": "html", "all four": "html,pdf,docx,pptx"}


def measure(formats: str, repeats: int) -> dict[str, float]:
    """Run inside the child process: import, build `repeats` times, report times and memory."""
    started = time.perf_counter()
    from pairsight.reports.birmingham import demo_report
    from pairsight.reports.build import build_report

    imported = time.perf_counter() - started
    if not any(s.key == "executive-summary" for s in demo_report().sections):
        raise SystemExit("the demo report has no executive summary: the narrative is missing")
    times = []
    cold_cpu = 0.0
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            begin = time.perf_counter()
            build_report(demo_report(), formats, out)
            times.append(time.perf_counter() - begin)
            if not cold_cpu:
                cold_cpu = _cpu_seconds()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "cpu": cold_cpu,
        "import": imported,
        "cold": imported + times[0],
        "warm": statistics.median(times[1:]) if len(times) > 1 else times[0],
        "peak_mib": peak_kib / 1024,
    }


def _cpu_seconds() -> float:
    """CPU seconds of this process and the PDF's child so far: steadier than wall time on a
    busy machine, and it shows what running the PDF beside the other formats costs."""
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in used)


def run_case(formats: str, repeats: int) -> dict[str, float]:
    child = subprocess.run(
        [sys.executable, __file__, "--child", formats, "--repeats", str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def median_case(formats: str, repeats: int, runs: int) -> dict[str, float]:
    """Each measure's median over `runs` fresh processes."""
    measured = [run_case(formats, repeats) for _ in range(runs)]
    return {key: statistics.median(m[key] for m in measured) for key in measured[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, max(1, args.repeats))))
        return

    results = {
        name: median_case(formats, args.repeats, max(1, args.runs))
        for name, formats in CASES.items()
    }
    baseline, full = results["html"], results["all four"]
    print(
        f"Demo report build with its narrative, {args.repeats} builds per process, median of "
        f"{args.runs} fresh processes per case"
    )
    print(
        f"{'case':<10} {'cold s':>8} {'warm s':>8} {'import s':>9} "
        f"{'cold cpu s':>10} {'peak MiB':>9}"
    )
    for name, result in results.items():
        print(
            f"{name:<10} {result['cold']:>8.2f} {result['warm']:>8.2f} "
            f"{result['import']:>9.2f} {result['cpu']:>10.2f} {result['peak_mib']:>9.0f}"
        )
    print(
        f"ratio all four / HTML alone: cold {full['cold'] / baseline['cold']:.1f}x, "
        f"warm {full['warm'] / baseline['warm']:.1f}x, "
        f"memory {full['peak_mib'] / baseline['peak_mib']:.1f}x"
    )
    load = os.getloadavg()[0]
    print(f"machine load average while measuring: {load:.1f} on {os.cpu_count()} cores")
    verdict = "meets" if full["cold"] < TARGET_SECONDS else "MISSES"
    print(
        f"all four formats cold: {full['cold']:.2f} s — {verdict} the {TARGET_SECONDS:.0f} s target"
    )
    if full["cold"] >= TARGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
