"""`python -m django job_worker`: django-tasks' database worker, plus the sweep for dead workers.

Every option of `db_worker` applies. Besides running tasks, the worker sweeps every watched
kind of job (assessments/tasks.py, `watch`) from a thread of its own, at start and every
`PAIRSIGHT_JOB_SWEEP_SECONDS`: a job whose worker was killed is marked failed, with the
reason and an audit record, even if nobody opens a page.
"""

from __future__ import annotations

from typing import Any

from django.utils.module_loading import autodiscover_modules
from django_tasks_db.management.commands import db_worker

from pairsight.assessments import tasks as jobs


class Command(db_worker.Command):
    help = "Run background work (report builds, imports) and fail jobs whose worker died"

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app names its jobs to sweep in its tasks.py (backups: assessments/backup/jobs.py).
        autodiscover_modules("tasks", "backup")
        stop = jobs.sweeping()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
