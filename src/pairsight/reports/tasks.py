"""The report's background work: building it in every format, in the worker."""

from __future__ import annotations

from django_tasks import task

from pairsight.assessments import tasks as jobs
from pairsight.reports import actions
from pairsight.reports.models import ReportBuild

# Every worker's sweep fails a build whose worker died, whether or not anyone looks.
jobs.watch(ReportBuild, actions.fail_stale)


@task()
def build_report(build_id: int) -> None:
    """Build a queued report (`actions.start_build` queues it)."""
    actions.run_build(build_id)
