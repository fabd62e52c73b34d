"""Benchmark: import 1,000 interview transcripts of about 8,000 words and search them.

PAIRsight: each transcript is read from its file, redaction is proposed over the whole text
and every proposal accepted, and the redacted text and its turns are stored (SQLite, with
the FTS5 index kept by triggers); queries go through `interviews.queries.search`, the
function the search page calls.

Baseline, in the same run: Taguette (PyPI) in a separate virtual environment, importing the
same transcripts as HTML documents through its own converter and database. Taguette 1.5 has
no search across documents, so its search is a scan of its stored documents (SQL LIKE on
every word). Where Taguette cannot be installed, the baseline is a plain Python substring
scan over the same texts. Each side runs three times; medians are reported.

Targets: query p95 under 200 ms, and at least 10 times faster than the baseline's search.
Exits 1 when a target is missed.

    .venv/bin/python benchmarks/transcript_search.py                      # 1,000 x 8,000 words
    .venv/bin/python benchmarks/transcript_search.py --transcripts 100    # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

P95_TARGET_MS = 200.0
SPEEDUP_TARGET = 10.0
RUNS = 3
TAGUETTE_VENV = Path(__file__).resolve().parent / ".taguette-venv"
WORDS = str.split(
    "baby health visitor midwife support relationship family mum dad worried sleep feeding "
    "crying referral waiting list service team covid lockdown phone visit group centre "
    "nursery judged judgement scared help asked struggling partner housing money work "
    "perinatal mental anxiety depression bonding attachment cuddle play talk routine "
    "confidence training time capacity caseload parents children infant attunement "
    "interpreter language culture community church mosque friends isolation lonely "
    "breastfeeding bottle weight clinic appointment letter online video booklet leaflet"
)
FILLER = str.split(
    "the and a to of I it was that so we you they but really just like is in on for with "
    "have had not this there then when what about know think because yeah well um er"
)
QUERIES = [
    "judged", "waiting list", "health visitor", "scared asked", "interpreter",
    "breastfeeding clinic", "lonely", "perinatal anxiety", "video appointment", "housing money",
]  # fmt: skip


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Made-up words: spoken English has a long tail of rare words, and a search for a
    topic word matches a small share of turns, not most of them."""
    syllables = [a + b for a in "bcdfghjklmnprstvw" for b in ("a", "e", "i", "o", "u", "ay", "ee")]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(size)}
    return sorted(words)


def transcript_text(rng: np.random.Generator, words: int, tail: list[str]) -> str:
    """Turns of speech: common words, a Zipf-distributed long tail, and topic words at about
    one in 400 words (a topic comes up a few times in an interview)."""
    roll = rng.random(words)
    common = rng.integers(0, len(FILLER), words)
    topic = rng.integers(0, len(WORDS), words)
    rare = np.minimum(rng.zipf(1.2, words) - 1, len(tail) - 1)
    chosen = [
        WORDS[topic[i]]
        if roll[i] < 0.0025
        else FILLER[common[i]]
        if roll[i] < 0.55
        else tail[rare[i]]
        for i in range(words)
    ]
    turns, position, speaker = [], 0, 0
    while position < words:
        length = int(rng.integers(20, 141))
        body = " ".join(chosen[position : position + length])
        turns.append(f"{'Interviewer' if speaker == 0 else 'Participant'}: {body.capitalize()}.")
        position += length
        speaker ^= 1
    return "\n\n".join(turns)


def corpus(transcripts: int, words: int) -> list[str]:
    tail = vocabulary(random.Random(2022))
    rng = np.random.default_rng(2022)
    return [transcript_text(rng, words, tail) for _ in range(transcripts)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def pairsight_run(texts: list[str]) -> dict[str, float]:
    """Import every transcript into a fresh database, then time each query five times."""
    folder = tempfile.mkdtemp(prefix="pairsight-bench-")
    os.environ["PAIRSIGHT_DATA_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pairsight.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from pairsight.assessments import actions as assessment_actions
    from pairsight.interviews import actions, queries, redaction
    from pairsight.interviews.transcripts import read_transcript

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", "bench@example.nhs.uk", "x")
    assessment = assessment_actions.create_assessment(
        user=user, title="Bench", area_name="Bench", ons_code="E08000999", start_year=2026
    )
    participant = actions.add_participant(
        actor=user, assessment=assessment, pseudonym="P01", group="parent"
    )
    started = time.perf_counter()
    for number, text in enumerate(texts):
        transcript = read_transcript(text.encode(), f"t{number}.txt")
        actions.store_transcript(
            actor=user,
            participant=participant,
            title=f"T{number}",
            source_format=transcript.source_format,
            text=transcript.text,
            accepted=redaction.propose(transcript.text),
        )
    imported = time.perf_counter() - started
    queries.search(assessment, QUERIES[0])  # warm: the first query opens the connection
    latencies = []
    for _ in range(5):
        for query in QUERIES:
            begin = time.perf_counter()
            queries.search(assessment, query)
            latencies.append((time.perf_counter() - begin) * 1000)
    from django.db import connections

    connections.close_all()
    shutil.rmtree(folder, ignore_errors=True)
    return {"import_s": imported, **_summary(latencies)}


def _summary(latencies: list[float]) -> dict[str, float]:
    return {"p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95)}


TAGUETTE_SCRIPT = r"""
import asyncio, html, json, os, shutil, sys, tempfile, time
from taguette import convert, database
from taguette.database import models

texts = json.load(open(sys.argv[1]))
queries = json.loads(sys.argv[2])
folder = tempfile.mkdtemp(prefix="taguette-bench-")
db = database.connect("sqlite:///" + os.path.join(folder, "t.sqlite3"))()
project = models.Project(name="bench", description="")
db.add(project)
db.commit()
loop = asyncio.new_event_loop()
started = time.perf_counter()
for number, text in enumerate(texts):
    page = "".join("<p>" + html.escape(p) + "</p>" for p in text.split("\n\n"))
    body = loop.run_until_complete(
        convert.to_html(page.encode(), "text/html", "t%d.html" % number, None)
    )
    db.add(models.Document(name="T%d" % number, description="", filename="t%d.html" % number,
                           project=project, contents=body,
                           text_direction=models.TextDirection.LEFT_TO_RIGHT))
    db.commit()
imported = time.perf_counter() - started
db.query(models.Document.id).filter(models.Document.contents.like("%x%")).first()
latencies = []
for _ in range(5):
    for query in queries:
        begin = time.perf_counter()
        found = db.query(models.Document.id).filter(models.Document.project_id == project.id)
        for word in query.split():
            found = found.filter(models.Document.contents.like("%" + word + "%"))
        found.all()
        latencies.append((time.perf_counter() - begin) * 1000)
db.close()
shutil.rmtree(folder, ignore_errors=True)
print(json.dumps({"import_s": imported, "latencies": latencies}))
"""


def taguette_python() -> Path | None:
    """Taguette's interpreter, installing it from PyPI into its own venv the first time."""
    python = TAGUETTE_VENV / "bin" / "python"
    if python.exists():
        return python
    try:
        subprocess.run([sys.executable, "-m", "venv", str(TAGUETTE_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "taguette"], check=True)
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"Taguette could not be installed ({error}); using a substring scan instead.")
        return None
    return python


def taguette_run(python: Path, corpus_file: Path) -> dict[str, float]:
    completed = subprocess.run(
        [str(python), "-c", TAGUETTE_SCRIPT, str(corpus_file), json.dumps(QUERIES)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        sys.exit(f"Taguette run failed:\n{completed.stderr[-2000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    return {"import_s": result["import_s"], **_summary(result["latencies"])}


def scan_run(texts: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    lowered = [text.lower() for text in texts]
    imported = time.perf_counter() - started
    latencies = []
    for _ in range(5):
        for query in QUERIES:
            begin = time.perf_counter()
            [i for i, t in enumerate(lowered) if all(w in t for w in query.split())]
            latencies.append((time.perf_counter() - begin) * 1000)
    return {"import_s": imported, **_summary(latencies)}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def child(corpus_file: str) -> None:
    texts = json.loads(Path(corpus_file).read_text(encoding="utf-8"))
    print(json.dumps(pairsight_run(texts)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcripts", type=int, default=1000)
    parser.add_argument("--words", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    texts = corpus(args.transcripts, args.words)
    corpus_file = Path(tempfile.mkdtemp(prefix="transcripts-")) / "corpus.json"
    corpus_file.write_text(json.dumps(texts), encoding="utf-8")
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts):,} transcripts, {words:,} words; {len(QUERIES)} queries x 5 per run.")
    ours = []
    for _ in range(args.runs):
        # A fresh process per run: Django is set up once per process, on a fresh database.
        completed = subprocess.run(
            [sys.executable, __file__, "--child", str(corpus_file)],
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            sys.exit(f"PAIRsight run failed:\n{completed.stderr[-2000:]}")
        ours.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    python = taguette_python()
    baseline_name = "Taguette 1.5 (LIKE scan of its documents)" if python else "substring scan"
    theirs = [
        taguette_run(python, corpus_file) if python else scan_run(texts) for _ in range(args.runs)
    ]
    shutil.rmtree(corpus_file.parent, ignore_errors=True)
    mine, base = median_of(ours), median_of(theirs)
    print(f"{'':<44}{'import s':>10}{'p50 ms':>10}{'p95 ms':>10}")
    for name, row in (("PAIRsight (read, redact, store, FTS5)", mine), (baseline_name, base)):
        print(f"{name:<44}{row['import_s']:>10.1f}{row['p50_ms']:>10.2f}{row['p95_ms']:>10.2f}")
    speedup = base["p95_ms"] / mine["p95_ms"] if mine["p95_ms"] else float("inf")
    import_ratio = mine["import_s"] / base["import_s"] if base["import_s"] else float("inf")
    print(f"Query p95: {speedup:.1f}x faster than the baseline (target {SPEEDUP_TARGET:.0f}x).")
    print(f"Import time: {import_ratio:.2f}x the baseline's (PAIRsight also proposes redactions).")
    missed = []
    if mine["p95_ms"] >= P95_TARGET_MS:
        missed.append(f"query p95 {mine['p95_ms']:.1f} ms is not under {P95_TARGET_MS:.0f} ms")
    if speedup < SPEEDUP_TARGET:
        missed.append(f"search is {speedup:.1f}x the baseline, not {SPEEDUP_TARGET:.0f}x")
    if missed:
        print("Target missed: " + "; ".join(missed))
        sys.exit(1)
    print("Targets met.")


if __name__ == "__main__":
    main()
