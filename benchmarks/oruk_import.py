"""Benchmark: read and triage a 20,000-service Open Referral UK feed, against json.load.

Generates a SYNTHETIC feed in the shape of the Bristol feed (ORUK v1 list: HTML
descriptions, organisations, some missing, vendor `pc_` fields, audience labels): each
service's description is put together from sentences of the shipped test fixtures and, when
../shared is there, of the Bristol feed, shuffled so that no two are the same. Then, in the
same process, alternately and each at least three times:

- baseline: `json.load` of the file, and nothing else;
- PAIRsight: read the file as a feed (every description holding markup cleaned by nh3's
  Ammonia, built once), and triage every service: what `pairsight services triage` does,
  and what the import job does before its one storing transaction (storing is not timed:
  it is database work, bulk inserts in batches of 500).

Prints the median time and the peak memory (tracemalloc) of each, and their ratios; then where
the time goes, and the floor: the parse and nh3 alone on one core, the least an import that
cleans every marked-up description with nh3 can take there.
Target: PAIRsight within 3x the time of the bare json.load. Exits 1 if not.

    .venv/bin/python benchmarks/oruk_import.py                   # 20,000 services
    .venv/bin/python benchmarks/oruk_import.py --services 2000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pairsight.servicemap.oruk import parse_json, read_feed
from pairsight.servicemap.text import AMMONIA, clean_many
from pairsight.servicemap.triage import Verdict, triage

TARGET_RATIO = 3.0
REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests/servicemap/fixtures/oruk_v1_list_synthetic.json"
BRISTOL = REPO.parent / "shared/data/oruk/bristol-services-2024-12.json"
AUDIENCES = ["Parents ", "Parents>Grandparents", "Dementia ", "Carers", "Women", "Mental Health"]


def source_services() -> list[dict[str, Any]]:
    services = json.loads(FIXTURE.read_text(encoding="utf-8"))
    if BRISTOL.exists():
        services += json.loads(BRISTOL.read_text(encoding="utf-8"))
    return services


def synthetic_feed(count: int, seed: int = 14) -> list[dict[str, Any]]:
    """`count` services in the Bristol shape, SYNTHETIC: names and text recombined."""
    random = _random(seed)
    sources = source_services()
    sentences = [
        s.strip()
        for service in sources
        for s in re.split(r"(?<=[.!?])\s+|</p>", service.get("description") or "")
        if len(s.strip()) > 20
    ]
    names = [s.get("name") or "Service" for s in sources]
    feed = []
    for number in range(count):
        template = random.choice(sources)
        chosen = random.sample(sentences, k=min(len(sentences), random.randint(3, 12)))
        organisation = template.get("organization")
        feed.append(
            {
                **template,
                "id": f"synthetic-{number:06d}",
                "name": f"{random.choice(names)} (SYNTHETIC {number})",
                "description": "<p>" + "</p><p>".join(chosen) + "</p>",
                "organization": dict(organisation, id=f"org-{number % 900}")
                if isinstance(organisation, dict)
                else None,
                "pc_targetAudience": [
                    {"id": str(n), "audienceType": a}
                    for n, a in enumerate(random.sample(AUDIENCES, k=random.randint(0, 2)))
                ],
                "pc_metadata": {"note": "SYNTHETIC: generated for the benchmark"},
            }
        )
    return feed


def _random(seed: int) -> random.Random:
    return random.Random(seed)


def measure(work: Callable[[], object]) -> tuple[float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    repeats = max(3, args.repeats)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic-feed.json"
        path.write_text(json.dumps(synthetic_feed(args.services)), encoding="utf-8")
        size = path.stat().st_size / 1024 / 1024

        def baseline() -> object:
            with path.open("rb") as file:
                return json.load(file)

        proposed = [0]

        def pairsight() -> object:
            read = read_feed(path.read_bytes(), path.name)
            proposals = triage(read.services)
            proposed[0] = sum(p.verdict is Verdict.PROPOSED for p in proposals)
            if read.errors:
                raise SystemExit(f"The synthetic feed has errors: {read.errors[:3]}")
            return proposals

        base_times, ours_times = [], []
        for _ in range(repeats):
            base_times.append(timed(baseline))
            ours_times.append(timed(pairsight))
        _, base_peak = measure(baseline)
        _, ours_peak = measure(pairsight)
        # Where the time goes, for whoever works on it next (not part of the target).
        services = read_feed(path.read_bytes(), path.name).services
        descriptions = [item.get("description") for item in parse_json(path.read_bytes())]
        marked_up = [d for d in descriptions if isinstance(d, str) and "<" in d]
        parts = {
            "parse (orjson)": lambda: parse_json(path.read_bytes()),
            "clean descriptions": lambda: clean_many(descriptions),
            "triage": lambda: triage(services),
            # The sanitiser the issue requires, on one thread and nothing around it: with the
            # parse, the least any import that cleans every description with it can take.
            "nh3 alone, 1 thread": lambda: [AMMONIA.clean(d) for d in marked_up],
        }
        part_times = {name: statistics.median(timed(work) for _ in range(repeats))
                      for name, work in parts.items()}  # fmt: skip
    base, ours = statistics.median(base_times), statistics.median(ours_times)
    ratio = ours / base
    print(f"SYNTHETIC feed: {args.services:,} services, {size:.1f} MB; {proposed[0]:,} proposed")
    print(f"json.load           median {base:7.3f} s   peak memory {base_peak / 2**20:7.1f} MB")
    print(f"read + triage       median {ours:7.3f} s   peak memory {ours_peak / 2**20:7.1f} MB")
    for name, seconds in part_times.items():
        print(f"  of which {name:<20} {seconds:7.3f} s   {seconds / base:5.2f}x json.load")
    floor = (part_times["parse (orjson)"] + part_times["nh3 alone, 1 thread"]) / base
    print(f"  floor: parse + nh3 alone on one core {floor:5.2f}x json.load")
    print(f"ratio: time {ratio:.2f}x (target {TARGET_RATIO:g}x), memory "
          f"{ours_peak / base_peak:.2f}x; runs: {repeats} each")  # fmt: skip
    if ratio > TARGET_RATIO:
        print(f"MISSED: reading and triage took {ratio:.2f}x json.load", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
