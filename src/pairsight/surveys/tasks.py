"""The surveys' background work: an uploaded file is imported by the worker.

`start_import` queues it (from the matching screen), `import_upload` runs in the worker
(read and check outside any transaction, store in one), `cancel_import` stops it; a job
whose worker died is failed by every worker's sweep (`jobs.watch` below), and at once by
`expire_stale_imports` when a page shows it.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks import task

from pairsight.assessments import access
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import Actor, display_name, record_change
from pairsight.assessments.models import Role
from pairsight.surveys import actions
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.models import PendingUpload, Survey, SurveyImport

STEPS = 3


@transaction.atomic
def start_import(*, actor: User, upload: PendingUpload) -> SurveyImport:
    """Queue the import of an uploaded file; the worker reads, checks and stores it."""
    survey = upload.survey
    # Keeping names and e-mail addresses was a lead's choice at upload: a lead imports it.
    access.require(actor, survey.assessment, Role.LEAD if upload.keep_personal else Role.EDITOR)
    expire_stale_imports(survey)
    running = SurveyImport.objects.filter(upload=upload, state__in=jobs.ACTIVE).first()
    if running is not None:
        raise ValidationError(
            f"{upload.file_name} is already being imported (started by "
            f"{running.requested_by_name}). Wait for it to finish."
        )
    job = SurveyImport.objects.create(
        survey=survey,
        upload=upload,
        file_name=upload.file_name,
        requested_by=actor,
        requested_by_name=display_name(actor),
    )
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="survey import queued",
        object_type="survey import job",
        object_id=job.pk,
        summary=f"Started importing {job.file_name} into the {survey.get_kind_display().lower()}",
        after={"file": job.file_name, "upload": upload.pk},
    )
    jobs.enqueue(job, import_upload)
    return job


@transaction.atomic
def cancel_import(*, actor: User, job: SurveyImport) -> SurveyImport:
    """Stop an import: at once if it is waiting, before it stores anything if running."""
    access.require(actor, job.survey.assessment, Role.EDITOR)
    if jobs.request_cancel(job):
        record_import_cancelled(job, actor)
    return job


def record_import_cancelled(job: SurveyImport, actor: Actor) -> None:
    record_change(
        actor=actor,
        assessment=job.survey.assessment,
        action="survey import cancelled",
        object_type="survey import job",
        object_id=job.pk,
        summary=f"Cancelled the import of {job.file_name}: nothing was stored",
        after={"file": job.file_name},
    )


def fail_import(job: SurveyImport, reason: str) -> None:
    """Record (and audit) an import that stored nothing, unless it already ended."""
    with transaction.atomic():
        locked = SurveyImport.objects.select_for_update().filter(pk=job.pk).first()
        if locked is None or not locked.is_active:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        record_change(
            actor=locked.requested_by,
            assessment=job.survey.assessment,
            action="survey import failed",
            object_type="survey import job",
            object_id=job.pk,
            summary=f"Could not import {job.file_name}: nothing was stored. {reason}"[:2000],
            after={"file": job.file_name},
        )
    job.refresh_from_db()


def expire_stale_imports(survey: Survey) -> list[SurveyImport]:
    """Mark failed (and audit) an import whose worker has stopped."""
    return jobs.expire_stale(SurveyImport.objects.filter(survey=survey), fail_import)


jobs.watch(SurveyImport, fail_import)


@task()
def import_upload(job_id: int) -> None:
    """Import a queued file (`actions.start_import` queues it)."""
    jobs.run_job(
        SurveyImport,
        job_id,
        starting="Reading the file",
        work=_import,
        on_failure=fail_import,
        on_cancel=_cancelled,
    )


def _import(job: SurveyImport) -> None:
    upload = job.upload
    if upload is None:
        fail_import(
            job, "the uploaded file is no longer there (it was imported or discarded meanwhile)."
        )
        return
    jobs.report_progress(SurveyImport, job.pk, "Reading and checking every row", 1, STEPS)
    try:
        # The long part, outside any transaction: other people's saves go on meanwhile.
        result = actions.read_upload(upload)
    except SurveyImportError as error:
        fail_import(job, str(error))
        return
    # The last moment a cancel is honoured: from here the responses are stored.
    jobs.report_progress(SurveyImport, job.pk, "Storing the responses", 2, STEPS)
    try:
        with transaction.atomic():
            locked = SurveyImport.objects.select_for_update().filter(pk=job.pk).first()
            if locked is None or not locked.is_active:
                return
            outcome = actions.store_upload(actor=job.requested_by, upload=upload, result=result)
            locked.batch = outcome.batch
            locked.rows_in_file = outcome.rows_in_file
            locked.added = outcome.added
            locked.already_stored = outcome.already_stored
            locked.step = locked.steps = STEPS
            locked.save(
                update_fields=["batch", "rows_in_file", "added", "already_stored", "step", "steps"]
            )
            jobs.finish(locked, jobs.JobState.SUCCEEDED)
    except SurveyImportError as error:
        fail_import(job, str(error))


def _cancelled(job: SurveyImport) -> None:
    with transaction.atomic():
        locked = SurveyImport.objects.select_for_update().filter(pk=job.pk).first()
        if locked is None or not locked.is_active:
            return
        jobs.finish(locked, jobs.JobState.CANCELLED)
        record_import_cancelled(locked, job.requested_by)
