"""A backup asked for from the web: the worker writes the file, the lead downloads it.

Reading every row and file of a large assessment and zipping it can take longer than a page
may; it never runs inside a request. `start_backup` queues it, `make_backup` runs in the
worker, the backup page polls the job, and `backup_file` hands over the finished file,
recorded as an export (that is when it leaves PAIRsight's keeping). A job whose worker died
is failed by every worker's sweep (`jobs.watch` below).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from pairsight.assessments import access
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import display_name, record_change
from pairsight.assessments.backup.writing import record_backup_export, write_assessment
from pairsight.assessments.models import Assessment, BackupJob, Role


def backups_folder(assessment_id: int) -> Path:
    """Where an assessment's finished backup waits to be downloaded (outside its own files,
    so that a backup never holds the previous one)."""
    return Path(settings.PAIRSIGHT_BACKUPS_DIR) / str(assessment_id)


def downloads_folder(assessment_id: int) -> Path:
    """Where other files made by the worker for download wait (a survey's responses): they go
    with the assessment when it is deleted, as its backups do."""
    return backups_folder(assessment_id) / "downloads"


def keep_written(
    model: type[jobs.Job], job_id: int, partial: Path, path: Path, replaces: str, **fields: Any
) -> None:
    """Put a file the worker wrote for download in place and mark its job done (with
    `fields`), unless it ended meanwhile; older files matching `replaces` go."""
    with transaction.atomic():
        locked = model._default_manager.select_for_update().filter(pk=job_id).first()
        if locked is None or not locked.is_active:
            partial.unlink(missing_ok=True)
            return
        partial.replace(path)
        values = {**fields, "size": path.stat().st_size, "step": 2, "steps": 2}
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(values))
        jobs.finish(locked, jobs.JobState.SUCCEEDED)
    for older in path.parent.glob(replaces):
        if older != path:
            older.unlink(missing_ok=True)


def sweep_downloads(
    finished: models.QuerySet[Any],
    path_of: Any,
    kept_for: datetime.timedelta,
    now: datetime.datetime | None = None,
) -> int:
    """Delete the files of jobs finished more than `kept_for` ago; how many went."""
    old = (now or timezone.now()) - kept_for
    removed = 0
    for job in finished.filter(state=jobs.JobState.SUCCEEDED, finished_at__lt=old):
        path = path_of(job)
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def backup_path(job: BackupJob) -> Path:
    return backups_folder(job.assessment_id) / f"backup-{job.pk}.zip"


@transaction.atomic
def start_backup(*, actor: User, assessment: Assessment) -> BackupJob:
    """Queue a backup of the whole assessment; refused while another is being made."""
    access.require(actor, assessment, Role.LEAD, changes_edition=False)
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    jobs.expire_stale(BackupJob.objects.filter(assessment=assessment), fail_backup)
    running = BackupJob.objects.filter(assessment=assessment, state__in=jobs.ACTIVE).first()
    if running is not None:
        raise ValidationError(
            f"A backup is already being made (started by {running.requested_by_name}). "
            "Wait for it to finish."
        )
    job = BackupJob.objects.create(
        assessment=assessment, requested_by=actor, requested_by_name=display_name(actor)
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="backup queued",
        object_type="backup job",
        object_id=job.pk,
        summary="Started making a backup of the whole assessment",
    )
    jobs.enqueue(job, make_backup)
    return job


def latest_backup(assessment: Assessment) -> BackupJob | None:
    """The assessment's latest backup job, failed first if its worker died."""
    jobs.expire_stale(BackupJob.objects.filter(assessment=assessment), fail_backup)
    return BackupJob.objects.filter(assessment=assessment).first()


def backup_file(*, actor: User, job: BackupJob) -> Path:
    """The finished file of a backup, for the lead to download; the download is recorded."""
    access.require(actor, job.assessment, Role.LEAD, changes_edition=False)
    path = backup_path(job)
    if job.state != BackupJob.State.SUCCEEDED or not path.is_file():
        raise ValidationError(
            "This backup is not there to download (it failed, or a newer one replaced it). "
            "Make a new backup."
        )
    record_backup_export(actor, job.assessment, {"backup job": job.pk, "bytes": job.size})
    return path


def fail_backup(job: BackupJob, reason: str) -> None:
    """Record (and audit) a backup that could not be made; remove what it had written."""
    backup_path(job).unlink(missing_ok=True)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        record_change(
            actor=locked.requested_by,
            assessment=job.assessment,
            action="backup failed",
            object_type="backup job",
            object_id=job.pk,
            summary=f"Could not make the backup: {reason}"[:2000],
        )


jobs.watch(BackupJob, fail_backup)


@task()
def make_backup(job_id: int) -> None:
    """Write a queued backup (`start_backup` queues it)."""
    jobs.run_job(
        BackupJob,
        job_id,
        starting="Reading every row and file",
        work=_make,
        on_failure=fail_backup,
        on_cancel=_cancelled,
    )


def _make(job: BackupJob) -> None:
    path = backup_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    write_assessment(job.assessment, partial)
    jobs.report_progress(BackupJob, job.pk, "Keeping the file for download", 1, 2)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            partial.unlink(missing_ok=True)
            return
        partial.replace(path)
        locked.file_name = path.name
        locked.size = path.stat().st_size
        locked.step = locked.steps = 2
        locked.save(update_fields=["file_name", "size", "step", "steps"])
        jobs.finish(locked, jobs.JobState.SUCCEEDED)
    # One finished backup is kept per assessment: the new one replaces the others.
    for older in path.parent.glob("backup-*"):
        if older != path:
            older.unlink(missing_ok=True)


def _cancelled(job: BackupJob) -> None:
    with transaction.atomic():
        locked = BackupJob.objects.select_for_update().filter(pk=job.pk).first()
        if locked is not None and locked.is_active:
            jobs.finish(locked, jobs.JobState.CANCELLED)
