"""A backup restored from the web: the upload is only stored, the worker restores it.

Checking every checksum of a large backup and writing every row and file can take longer
than a page may; it never runs inside a request. `start_restore` keeps the uploaded bytes
in a private folder and queues `restore_upload`; the restore page polls the job and then
links to the new assessment. The upload goes once restored or refused; after a failure
that was not the file's fault (the worker died) it waits for a retry, and `pairsight web
cleanup` removes it a day later (`sweep_restore_uploads`). The command line's `pairsight
restore` stays synchronous: it is not a web request.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pairsight.assessments import tasks as jobs
from pairsight.assessments.archive import BackupError
from pairsight.assessments.audit import Actor, display_name, record_change
from pairsight.assessments.backup.restoring import restore_assessment
from pairsight.assessments.models import Assessment, RestoreJob

#: An upload whose restore failed (not refused) waits this long for a retry.
UPLOAD_KEPT_FOR = datetime.timedelta(days=1)


def restores_folder() -> Path:
    return Path(settings.PAIRSIGHT_BACKUPS_DIR) / "restores"


def upload_path(job: RestoreJob) -> Path:
    return restores_folder() / f"{job.upload}.zip"


def _signed_in(actor: Actor) -> User:
    if not isinstance(actor, User) or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied("A backup is restored by a person, who becomes its lead.")
    return actor


def _queue(actor: User, file_name: str, upload: str, size: int) -> RestoreJob:
    job = RestoreJob.objects.create(
        requested_by=actor,
        requested_by_name=display_name(actor),
        file_name=file_name[:255],
        upload=upload,
        size=size,
    )
    record_change(
        actor=actor,
        assessment=None,
        action="restore queued",
        object_type="restore job",
        object_id=job.pk,
        summary=f"Started restoring an assessment from the backup file {file_name}"[:2000],
    )
    jobs.enqueue(job, restore_upload)
    return job


def start_restore(*, actor: Actor, file_name: str, chunks: Iterable[bytes]) -> RestoreJob:
    """Keep an uploaded backup privately and queue its restore; the person becomes its lead."""
    person = _signed_in(actor)
    upload, size = jobs.keep_private(restores_folder(), chunks, suffix=".zip")
    try:
        with transaction.atomic():
            return _queue(person, file_name, upload, size)
    except BaseException:
        (restores_folder() / f"{upload}.zip").unlink(missing_ok=True)
        raise


def can_retry(job: RestoreJob) -> bool:
    """A failed or cancelled restore whose upload is still kept can run again."""
    ended = job.state in (RestoreJob.State.FAILED, RestoreJob.State.CANCELLED)
    return ended and upload_path(job).is_file()


@transaction.atomic
def retry_restore(*, actor: Actor, job: RestoreJob) -> RestoreJob:
    """Queue the same upload again after a failure that was not the file's fault."""
    person = _signed_in(actor)
    if job.requested_by_id != person.pk:
        raise PermissionDenied("Only the person who uploaded a backup can restore it again.")
    if not can_retry(job):
        raise ValidationError(
            {"file": "This upload can no longer be restored again: upload the backup file again."}
        )
    return _queue(person, job.file_name, job.upload, job.size)


def cancel_restore(*, actor: Actor, job: RestoreJob) -> None:
    """Stop a restore before it writes anything (once writing, it finishes as one step)."""
    person = _signed_in(actor)
    if job.requested_by_id != person.pk:
        raise PermissionDenied("Only the person who started a restore can cancel it.")
    if jobs.request_cancel(job):
        _record_end(job, "restore cancelled", "Cancelled restoring the backup before it began")


def latest_restore(actor: User) -> RestoreJob | None:
    """The person's latest restore, failed first if its worker died."""
    jobs.expire_stale(RestoreJob.objects.filter(requested_by=actor), fail_restore)
    return RestoreJob.objects.filter(requested_by=actor).first()


def _record_end(job: RestoreJob, action: str, summary: str) -> None:
    record_change(
        actor=job.requested_by,
        assessment=None,
        action=action,
        object_type="restore job",
        object_id=job.pk,
        summary=f"{summary} ({job.file_name})"[:2000],
    )


def fail_restore(job: RestoreJob, reason: str, *, refused: bool = False) -> None:
    """Record (and audit) a restore that did not happen; a refused file is removed at once."""
    if refused:
        upload_path(job).unlink(missing_ok=True)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        _record_end(locked, "restore failed", f"Could not restore the backup: {reason}")


jobs.watch(RestoreJob, fail_restore)


@task()
def restore_upload(job_id: int) -> None:
    """Restore a queued upload (`start_restore` queues it)."""
    jobs.run_job(
        RestoreJob,
        job_id,
        starting="Checking the backup file",
        work=_restore,
        on_failure=fail_restore,
        on_cancel=_cancelled,
    )


def _restore(job: RestoreJob) -> None:
    path = upload_path(job)
    if not path.is_file():
        fail_restore(job, "the uploaded file is no longer kept. Upload the backup again.")
        return
    jobs.report_progress(RestoreJob, job.pk, "Checking and restoring every row and file", 1, 2)

    def finished(assessment: Assessment) -> None:
        locked = jobs.locked_if_active(job)
        if locked is None:
            raise jobs.JobCancelled  # failed by the sweep meanwhile: restore nothing
        locked.restored = assessment
        locked.step = locked.steps = 2
        locked.save(update_fields=["restored", "step", "steps"])
        jobs.finish(locked, jobs.JobState.SUCCEEDED)

    try:
        restore_assessment(
            actor=job.requested_by, content=path.read_bytes(), name=job.file_name, then=finished
        )
    except BackupError as error:
        fail_restore(job, str(error), refused=True)
        return
    path.unlink(missing_ok=True)


def _cancelled(job: RestoreJob) -> None:
    with transaction.atomic():
        locked = RestoreJob.objects.select_for_update().filter(pk=job.pk).first()
        if locked is not None and locked.is_active:
            jobs.finish(locked, jobs.JobState.CANCELLED)
            _record_end(locked, "restore cancelled", "Cancelled restoring the backup")


def sweep_restore_uploads(now: datetime.datetime | None = None) -> int:
    """Delete uploads no waiting restore needs and older than a day; how many went.

    `pairsight web cleanup` calls it.
    """
    now = now or timezone.now()
    busy = set(RestoreJob.objects.filter(state__in=jobs.ACTIVE).values_list("upload", flat=True))
    return jobs.sweep_kept(restores_folder(), busy, now - UPLOAD_KEPT_FOR)
