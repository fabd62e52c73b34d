"""The report's background work: building it in every format, in the worker."""

from __future__ import annotations

from django_tasks import task

from pairsight.reports import actions


@task()
def build_report(build_id: int) -> None:
    """Build a queued report (`actions.start_build` queues it)."""
    actions.run_build(build_id)
