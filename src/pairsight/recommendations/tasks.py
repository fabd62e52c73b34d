"""A register file imported by the worker: the page only stores the upload and polls.

`start_register_import` keeps the bytes in a private folder and queues `import_register_file`,
which calls the use case `actions.import_register` as the person who uploaded it (so its role
check, its row and column messages and its all-or-nothing store are the same as ever). The
file goes once imported or refused; after a failure that was not the file's fault it waits a
day for a retry (`sweep_register_uploads`, run by `pairsight web cleanup`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pairsight.assessments import access
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import display_name, record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.recommendations import actions
from pairsight.recommendations.models import RegisterImport

UPLOAD_KEPT_FOR = datetime.timedelta(days=1)
OBJECT = "recommendations import job"


def uploads_folder() -> Path:
    default = Path(settings.DATA_DIR) / "uploads" / "recommendations"
    return Path(getattr(settings, "PAIRSIGHT_RECOMMENDATION_UPLOADS_DIR", default))


def upload_path(job: RegisterImport) -> Path:
    return uploads_folder() / job.upload


def _queue(actor: User, assessment: Assessment, file_name: str, upload: str) -> RegisterImport:
    job = RegisterImport.objects.create(
        assessment=assessment,
        requested_by=actor,
        requested_by_name=display_name(actor),
        file_name=file_name[:255],
        upload=upload,
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="register import queued",
        object_type=OBJECT,
        object_id=job.pk,
        summary=f"Started importing recommendations from {file_name}"[:2000],
    )
    jobs.enqueue(job, import_register_file)
    return job


def start_register_import(
    *, actor: User, assessment: Assessment, file_name: str, chunks: Iterable[bytes]
) -> RegisterImport:
    """Keep an uploaded register privately and queue its import."""
    access.require(actor, assessment, Role.EDITOR)
    upload, _ = jobs.keep_private(uploads_folder(), chunks)
    try:
        with transaction.atomic():
            return _queue(actor, assessment, file_name, upload)
    except BaseException:
        (uploads_folder() / upload).unlink(missing_ok=True)
        raise


def can_retry(job: RegisterImport) -> bool:
    ended = job.state in (RegisterImport.State.FAILED, RegisterImport.State.CANCELLED)
    return ended and upload_path(job).is_file()


@transaction.atomic
def retry_register_import(*, actor: User, job: RegisterImport) -> RegisterImport:
    """Queue the same upload again after a failure that was not the file's fault."""
    access.require(actor, job.assessment, Role.EDITOR)
    if not can_retry(job):
        raise ValidationError({"file": "This upload is no longer kept: choose the file again."})
    return _queue(actor, job.assessment, job.file_name, job.upload)


def cancel_register_import(*, actor: User, job: RegisterImport) -> None:
    access.require(actor, job.assessment, Role.EDITOR)
    if jobs.request_cancel(job):
        _record_end(job, "register import cancelled", "Cancelled importing recommendations")


def latest_register_import(assessment: Assessment) -> RegisterImport | None:
    jobs.expire_stale(RegisterImport.objects.filter(assessment=assessment), fail_register_import)
    return RegisterImport.objects.filter(assessment=assessment).first()


def _record_end(job: RegisterImport, action: str, summary: str) -> None:
    record_change(
        actor=job.requested_by,
        assessment=job.assessment,
        action=action,
        object_type=OBJECT,
        object_id=job.pk,
        summary=f"{summary} ({job.file_name})"[:2000],
    )


def fail_register_import(job: RegisterImport, reason: str, *, refused: bool = False) -> None:
    """Record (and audit) an import that stored nothing; a refused file is removed at once."""
    if refused:
        upload_path(job).unlink(missing_ok=True)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        _record_end(locked, "register import failed", f"Nothing imported: {reason}")


jobs.watch(RegisterImport, fail_register_import)


@task()
def import_register_file(job_id: int) -> None:
    """Import a queued register upload (`start_register_import` queues it)."""
    jobs.run_job(
        RegisterImport,
        job_id,
        starting="Reading and checking every row",
        work=_import,
        on_failure=fail_register_import,
        on_cancel=_cancelled,
    )


def _import(job: RegisterImport) -> None:
    path = upload_path(job)
    if not path.is_file():
        fail_register_import(job, "the uploaded file is no longer kept. Choose it again.")
        return
    if job.requested_by is None:
        fail_register_import(job, "the person who uploaded it no longer has an account.")
        return
    jobs.report_progress(RegisterImport, job.pk, "Reading and checking every row", 1, 2)
    content = path.read_bytes()
    try:
        with transaction.atomic():
            added = actions.import_register(
                actor=job.requested_by,
                assessment=job.assessment,
                content=content,
                file_name=job.file_name,
            )
            locked = jobs.locked_if_active(job)
            if locked is None:
                raise jobs.JobCancelled  # failed by the sweep meanwhile: store nothing
            locked.added = len(added)
            locked.step = locked.steps = 2
            locked.save(update_fields=["added", "step", "steps"])
            jobs.finish(locked, jobs.JobState.SUCCEEDED)
    except ValidationError as error:
        problems = (
            error.message_dict.get("file", error.messages)
            if hasattr(error, "error_dict")
            else error.messages
        )
        fail_register_import(job, "\n".join(problems), refused=True)
        return
    path.unlink(missing_ok=True)


def _cancelled(job: RegisterImport) -> None:
    with transaction.atomic():
        locked = RegisterImport.objects.select_for_update().filter(pk=job.pk).first()
        if locked is not None and locked.is_active:
            jobs.finish(locked, jobs.JobState.CANCELLED)
            _record_end(locked, "register import cancelled", "Cancelled importing recommendations")


def sweep_register_uploads(now: datetime.datetime | None = None) -> int:
    """Delete uploads no waiting import needs and older than a day (`web cleanup`)."""
    busy = set(
        RegisterImport.objects.filter(state__in=jobs.ACTIVE).values_list("upload", flat=True)
    )
    return jobs.sweep_kept(uploads_folder(), busy, (now or timezone.now()) - UPLOAD_KEPT_FOR)
