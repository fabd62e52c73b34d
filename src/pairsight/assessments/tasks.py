"""Background work: the state every long job stores, and the calls that run it as a task.

Long work (report builds, survey imports, later feed imports and transcript processing)
never runs inside a web request. It runs as a task of the tasks framework (`django-tasks`,
database backend) in a worker process beside gunicorn, and keeps its progress in a row of
its own that the page polls. How a workstream adds a job is in docs/architecture.md,
"Background work"; in short:

1. its model inherits `Job` (state, progress, heartbeat, who asked, why it failed);
2. its `tasks.py` has `@task() def run_x(job_id: int)` that calls `run_job(...)`;
3. its action creates the job row and calls `enqueue(job, run_x)` in the same transaction
   (the database backend stores the task in that transaction, so either both exist or
   neither does).

While the work runs, a thread of the worker refreshes `heartbeat_at`. A worker that dies
(killed, out of memory, the machine restarted) stops beating; `expire_stale` then marks
its job failed with the reason, and the workstream's failure callback audits it. The
threshold is `PAIRSIGHT_JOB_STALE_SECONDS` (50 seconds by default). Nobody has to open a page
for that: each workstream names its jobs with `watch(model, on_failure)` in its `tasks.py`,
and every worker (`pairsight web worker`, the one `pairsight web serve` starts) sweeps them
all at start and every `PAIRSIGHT_JOB_SWEEP_SECONDS` (`sweep`, `sweeping`).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, models
from django.utils import timezone

logger = logging.getLogger(__name__)

STOPPED_WORKER = (
    "the worker running it stopped before it finished (it was stopped, ran out of memory, "
    "or the server restarted). Nothing of it was stored: try again."
)
NEVER_STARTED = (
    "no worker started it (is the worker running? `pairsight web serve` starts one). "
    "Nothing of it was stored: try again."
)
#: A job still waiting this long has no worker to run it.
QUEUED_TOO_LONG = datetime.timedelta(minutes=10)


class JobState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Done"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """What every background job stores: its state, its progress and its heartbeat."""

    State = JobState
    ACTIVE = ACTIVE

    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the page still says who asked after the person is removed.
    requested_by_name = models.CharField(max_length=300)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: Refreshed by the worker while the job runs; an old one means the worker died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    step = models.PositiveSmallIntegerField(default=0)
    steps = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    error_reason = models.TextField(blank=True)
    #: The id of the task that runs it (django-tasks' result id).
    task_id = models.CharField(max_length=64, blank=True)
    cancel_requested = models.BooleanField(default=False)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE


J = TypeVar("J", bound=Job)


class JobCancelled(Exception):
    """Raised inside the work when the person asked to cancel it."""


def heartbeat_seconds() -> float:
    return float(getattr(settings, "PAIRSIGHT_JOB_HEARTBEAT_SECONDS", 10))


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=float(getattr(settings, "PAIRSIGHT_JOB_STALE_SECONDS", 50)))


def sweep_seconds() -> float:
    return float(getattr(settings, "PAIRSIGHT_JOB_SWEEP_SECONDS", 5))


def enqueue(job: Job, task: Any) -> None:
    """Queue `task(job.pk)` and remember its id (call inside the job's transaction)."""
    result = task.enqueue(job.pk)
    job.task_id = str(result.id)[:64]
    type(job)._default_manager.filter(pk=job.pk).update(task_id=job.task_id)


def claim(model: type[J], job_id: int, message: str) -> J | None:
    """Take a queued job for this worker; None if it was cancelled, taken or is gone."""
    now = timezone.now()
    taken = model._default_manager.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, heartbeat_at=now, message=message[:200]
    )
    return model._default_manager.get(pk=job_id) if taken else None


def report_progress(model: type[Job], job_id: int, message: str, done: int, total: int) -> None:
    """Save the job's progress (it is also a heartbeat); raise JobCancelled if asked to stop."""
    model._default_manager.filter(pk=job_id).update(
        step=done, steps=total, message=message[:200], heartbeat_at=timezone.now()
    )
    if model._default_manager.filter(pk=job_id, cancel_requested=True).exists():
        raise JobCancelled


def _beat(model: type[Job], job_id: int, every: float, stop: threading.Event) -> None:
    try:
        while not stop.wait(every):
            try:
                model._default_manager.filter(pk=job_id, state=JobState.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
            except DatabaseError:
                # The work holds SQLite's write lock longer than the busy timeout (a large
                # store): beat again next time rather than stop beating.
                logger.warning("Heartbeat of %s %s missed", model.__name__, job_id)
    finally:
        connection.close()


@contextlib.contextmanager
def beating(model: type[Job], job_id: int) -> Iterator[None]:
    """Refresh the job's heartbeat from a thread of its own while the block runs.

    A step of the work can take longer than the stale threshold (a PDF of a long report);
    the thread keeps beating through it, and dies with the process that runs the work.
    """
    every = heartbeat_seconds()
    if every <= 0:
        yield
        return
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat, args=(model, job_id, every, stop), name=f"heartbeat-{job_id}", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def run_job(
    model: type[J],
    job_id: int,
    *,
    starting: str,
    work: Callable[[J], None],
    on_failure: Callable[[J, str], object],
    on_cancel: Callable[[J], None],
) -> None:
    """Claim the job, run `work` with a heartbeat, and record how it ended.

    `work` saves its own success (in one transaction with its audit record); an exception
    it lets out is a failure, recorded by `on_failure(job, reason)`; `JobCancelled` goes to
    `on_cancel`. A failure must never leave the job "running".
    """
    # A worker drops connections the database has closed meanwhile. Run inside a caller's
    # transaction (the immediate backend, `build_now`), the connection is that caller's.
    if not connection.in_atomic_block:
        close_old_connections()
    job = claim(model, job_id, starting)
    if job is None:
        return
    with beating(model, job_id):
        try:
            work(job)
        except JobCancelled:
            job.refresh_from_db()
            on_cancel(job)
        except Exception as error:
            logger.exception("%s %s failed", model.__name__, job_id)
            job.refresh_from_db()
            if job.is_active:
                on_failure(job, f"an unexpected error ({type(error).__name__}: {error}).")


def locked_if_active(job: J) -> J | None:
    """The job's row, locked until the caller's transaction ends, if it is still going.

    The worker, the dead-job sweep and a cancel can each try to end a job; whichever takes
    the lock first ends it, and the others find it ended and leave it (and its audit) alone.
    """
    locked = type(job)._default_manager.select_for_update().filter(pk=job.pk).first()
    return locked if locked is not None and locked.is_active else None


def finish(job: Job, state: JobState, *, reason: str = "", message: str = "") -> None:
    """Record the end of a job (inside the caller's transaction, beside its audit record)."""
    job.state = state
    job.finished_at = timezone.now()
    job.error_reason = reason
    job.message = message or state.label
    job.save(update_fields=["state", "finished_at", "error_reason", "message"])


def stale_reason(job: Job, now: datetime.datetime | None = None) -> str:
    """Why an active job can no longer be going, or "" if it may still be."""
    now = now or timezone.now()
    if job.state == JobState.RUNNING:
        beat = job.heartbeat_at or job.started_at or job.requested_at
        return STOPPED_WORKER if now - beat > stale_after() else ""
    if job.state == JobState.QUEUED:
        return NEVER_STARTED if now - job.requested_at > QUEUED_TOO_LONG else ""
    return ""


def expire_stale(jobs: models.QuerySet[J], on_failure: Callable[[J, str], object]) -> list[J]:
    """Mark failed every active job in `jobs` whose worker is gone; return them."""
    now = timezone.now()
    expired = []
    for job in jobs.filter(state__in=ACTIVE):
        reason = stale_reason(job, now)
        # Only one caller marks it: the state must still be the one read.
        if reason and type(job)._default_manager.filter(pk=job.pk, state=job.state).exists():
            on_failure(job, reason)
            # A job that ended meanwhile (its store held the write lock past the threshold)
            # is left as it ended by `on_failure`, which checks under the lock.
            job.refresh_from_db()
            if job.state == JobState.FAILED:
                expired.append(job)
    return expired


#: Every kind of job a worker watches for a dead worker, with how its failure is recorded.
_WATCHED: dict[type[Job], Callable[[Any, str], object]] = {}


def watch(model: type[J], on_failure: Callable[[J, str], object]) -> None:
    """Have every worker's sweep fail (with `on_failure`) a `model` job whose worker died."""
    _WATCHED[model] = on_failure


def sweep() -> list[Job]:
    """Mark failed every watched job whose worker is gone, in every assessment."""
    expired: list[Job] = []
    for model, on_failure in list(_WATCHED.items()):
        expired += expire_stale(model._default_manager.all(), on_failure)
    return expired


def _sweep_forever(every: float, stop: threading.Event) -> None:
    while True:
        try:
            for job in sweep():
                logger.warning(
                    "%s %s had lost its worker: marked failed", type(job).__name__, job.pk
                )
        except DatabaseError:
            # Locked or briefly unreachable: the next sweep tries again.
            logger.warning("The sweep for jobs whose worker died could not run", exc_info=True)
        finally:
            connection.close()
        if stop.wait(every):
            return


def sweeping(every: float | None = None) -> threading.Event:
    """Sweep from a thread of this process, now and every `every` seconds; set the event to stop.

    A worker runs it, so a job whose worker was killed is failed within the stale threshold
    plus one interval, by another worker or by the one started in its place.
    """
    stop = threading.Event()
    thread = threading.Thread(
        target=_sweep_forever,
        args=(every or sweep_seconds(), stop),
        name="job-sweeper",
        daemon=True,
    )
    thread.start()
    return stop


def request_cancel(job: Job) -> bool:
    """Cancel a waiting job at once, or ask a running one to stop at its next step.

    Returns True when the job was still waiting (it is now cancelled and will never run).
    """
    model = type(job)
    if model._default_manager.filter(pk=job.pk, state=JobState.QUEUED).update(
        state=JobState.CANCELLED, finished_at=timezone.now(), message=JobState.CANCELLED.label
    ):
        job.refresh_from_db()
        return True
    model._default_manager.filter(pk=job.pk, state=JobState.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    return False


def keep_private(folder: Path, chunks: Iterable[bytes], suffix: str = "") -> tuple[str, int]:
    """Write an upload a job will read into `folder`, readable only by PAIRsight's user.

    Returns its stored name (random, never the person's file name) and its size in bytes. A
    task is given only its job's id (the task table stores arguments), so the bytes wait here.
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    path = folder / f"{name}{suffix}"
    path.touch(mode=0o600)
    size = 0
    with path.open("wb") as out:
        for chunk in chunks:
            size += out.write(chunk)
    return name, size


def sweep_kept(folder: Path, keep: set[str], older_than: datetime.datetime) -> int:
    """Delete files in `folder` written before `older_than` whose stem is not in `keep`."""
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        made = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
        if path.is_file() and path.stem not in keep and made < older_than:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
