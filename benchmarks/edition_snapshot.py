"""Freeze and compare two editions of a large assessment, against a plain `dumpdata` of its rows.

Generates (SYNTHETIC, labelled so in every title) an assessment with 1,000 recommendations in
nine categories, 100,000 survey responses (the demo's two synthetic surveys, their answers
repeated under new keys, three answers a response) and 5,000 services on the map; publishes
it, starts the next edition from it (every row carried forward), and changes a few statuses
and services in the new edition. Then measures, each side at least three times in the same
run (the median is reported), with the peak traced memory (tracemalloc) of one run:

- baseline: `dumpdata` of the same rows (both editions' recommendations, surveys, responses,
  answers and services) to a file;
- PAIRsight: freeze both editions (every finding and comparable fact, the row counts and the
  stored files, as publishing does) and compare them key by key.

Target: PAIRsight no slower than `dumpdata`. Exits 1 when it is missed.

    .venv/bin/python benchmarks/edition_snapshot.py [--responses 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# The same measure as the other benchmarks: the median of at least three runs, and the
# peak traced memory (tracemalloc) of one more.
from all_areas import measure

TARGET_RATIO = 1.0
DUMPED = [
    "recommendations.category",
    "recommendations.recommendation",
    "surveys.survey",
    "surveys.importbatch",
    "surveys.response",
    "surveys.answer",
    "servicemap.service",
]
LEVELS = ["universal", "targeted", "statutory", "specialist"]
FOCUS = ["wider", "additional", "specialised"]


def start(folder: str) -> None:
    os.environ["PAIRSIGHT_DATA_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pairsight.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(recommendations: int, responses: int, services: int) -> tuple[Any, Any]:
    """The SYNTHETIC assessment (edition 1, published) and its next edition, changed a little."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from pairsight.assessments.actions import create_assessment
    from pairsight.assessments.editions.actions import publish_edition, start_next_edition
    from pairsight.recommendations.models import Category, Recommendation
    from pairsight.servicemap.models import Service
    from pairsight.surveys.demo import add_demo_surveys
    from pairsight.surveys.models import Answer, ImportBatch, Response, Survey

    user = get_user_model().objects.create_user("bench", "bench@example.nhs.uk", "x")
    first = create_assessment(
        user=user,
        title="SYNTHETIC edition benchmark",
        area_name="Synthetic area",
        ons_code="E08000999",
        start_year=2026,
    )
    add_demo_surveys(first, user)
    now = timezone.now()
    categories = Category.objects.bulk_create(
        Category(assessment=first, name=f"SYNTHETIC category {n}", position=n) for n in range(1, 10)
    )
    Recommendation.objects.bulk_create(
        (
            Recommendation(
                assessment=first,
                category=categories[n % 9],
                position=n // 9 + 1,
                title=f"SYNTHETIC recommendation {n}",
                text="Generated for the benchmark.",
                status="draft",
                status_changed_at=now,
            )
            for n in range(recommendations)
        ),
        batch_size=1000,
    )
    Service.objects.bulk_create(
        (
            Service(
                assessment=first,
                feed_id=f"syn-{n}",
                name=f"SYNTHETIC service {n}",
                triage="confirmed",
                levels=[LEVELS[n % 4]],
                focus=FOCUS[n % 3],
                synthetic=True,
            )
            for n in range(services)
        ),
        batch_size=1000,
    )
    surveys = list(Survey.objects.filter(assessment=first))
    for index, survey in enumerate(surveys):
        wanted = responses // len(surveys) + (responses % len(surveys) if index == 0 else 0)
        _repeat_responses(survey, wanted - Response.objects.filter(survey=survey).count())
    Survey.objects.filter(assessment=first).update(updated_at=timezone.now())
    print(
        f"generated: {Recommendation.objects.filter(assessment=first).count():,} "
        f"recommendations, {Response.objects.filter(survey__assessment=first).count():,} "
        f"responses ({Answer.objects.filter(response__survey__assessment=first).count():,} "
        f"answers), {Service.objects.filter(assessment=first).count():,} services",
        flush=True,
    )
    publish_edition(actor=user, assessment=first, confirm_title=first.title)
    started = time.perf_counter()
    second = start_next_edition(actor=user, assessment=first)
    print(f"next edition carried forward in {time.perf_counter() - started:.1f} s", flush=True)
    changed = Recommendation.objects.filter(assessment=second).order_by("pk")[:50]
    Recommendation.objects.filter(pk__in=[r.pk for r in changed]).update(status="agreed")
    Service.objects.filter(assessment=second, feed_id__in=["syn-1", "syn-2"]).delete()
    batch = ImportBatch.objects.filter(survey__assessment=second).first()
    assert batch is not None
    return first, second


def _repeat_responses(survey: Any, count: int) -> None:
    """`count` more responses to `survey`: its stored ones repeated under new keys."""
    from pairsight.surveys.models import Answer, ImportBatch, Response

    if count <= 0:
        return
    batch = ImportBatch.objects.create(
        survey=survey,
        file_name="SYNTHETIC benchmark responses",
        export_format="generated",
        rows_in_file=count,
        added=count,
        synthetic=True,
    )
    templates: dict[int, list[tuple[str, str, str, Any]]] = {}
    for response_id, column, question, item, value in Answer.objects.filter(
        response__survey=survey
    ).values_list("response_id", "column", "question_id", "item", "value"):
        answers = templates.setdefault(response_id, [])
        if len(answers) < 3:
            answers.append((column, question, item, value))
    shapes = list(templates.values())
    step = 5000
    for offset in range(0, count, step):
        made = Response.objects.bulk_create(
            Response(survey=survey, batch=batch, key=f"synthetic-{offset + n}")
            for n in range(min(step, count - offset))
        )
        Answer.objects.bulk_create(
            (
                Answer(response=response, column=c, question_id=q, item=i, value=v)
                for n, response in enumerate(made)
                for c, q, i, v in shapes[(offset + n) % len(shapes)]
            ),
            batch_size=5000,
        )


def freeze_and_compare(first: Any, second: Any) -> int:
    """Publish both editions afresh (the stored records of earlier runs removed first) and
    compare them; returns how many findings differ."""
    from pairsight.assessments.editions.actions import publish_edition
    from pairsight.assessments.editions.queries import edition_changes
    from pairsight.assessments.models import Assessment, EditionRecord
    from pairsight.surveys import queries as survey_queries

    # Each run works the survey findings out again, as a fresh process would.
    survey_queries._findings.cache_clear()
    for edition in (first, second):
        EditionRecord.objects.filter(assessment=edition).delete()
        Assessment.objects.filter(pk=edition.pk).update(published_at=None)
        edition.refresh_from_db()
        publish_edition(actor=None, assessment=edition, confirm_title=edition.title)
    second.refresh_from_db()
    return sum(1 for c in edition_changes(second) if c.kind.value != "same")


def dump(path: Path) -> int:
    from django.core.management import call_command

    call_command("dumpdata", *DUMPED, output=str(path), verbosity=0)
    return path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=1000)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pairsight-editions-") as folder:
        start(folder)
        first, second = generate(args.recommendations, args.responses, args.services)
        out = Path(folder) / "dump.json"
        dump_time, dump_peak, size = measure(lambda: dump(out), args.repeats)
        ours_time, ours_peak, differing = measure(
            lambda: freeze_and_compare(first, second), args.repeats
        )
    ratio = ours_time / dump_time
    print(f"SYNTHETIC data, two editions; median of {max(args.repeats, 3)} runs each")
    print(f"{'case':<28} {'median s':>9} {'peak MiB':>9}")
    print(f"{'dumpdata (baseline)':<28} {dump_time:>9.2f} {dump_peak / 2**20:>9.1f}")
    print(f"{'freeze both + compare':<28} {ours_time:>9.2f} {ours_peak / 2**20:>9.1f}")
    print(f"dumpdata wrote {size / 2**20:.1f} MiB; the comparison found {differing} changes")
    print(
        f"ratio freeze+compare / dumpdata: time {ratio:.2f}x, "
        f"memory {ours_peak / dump_peak:.2f}x (target: time <= {TARGET_RATIO:.1f}x)"
    )
    if ratio > TARGET_RATIO:
        print("TARGET MISSED", file=sys.stderr)
        return 1
    print("target met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
