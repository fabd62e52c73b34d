"""The surveys' background work: an uploaded file is imported by the worker.

`start_import` queues it (from the matching screen), `import_upload` runs in the worker
(read and check outside any transaction, store in one), `cancel_import` stops it; a job
whose worker died is failed by every worker's sweep (`jobs.watch` below), and at once by
`expire_stale_imports` when a page shows it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks import task

from pairsight.assessments import access
from pairsight.assessments import tasks as jobs
from pairsight.assessments.audit import Actor, display_name, record_change, record_export
from pairsight.assessments.backup.jobs import downloads_folder, keep_written, sweep_downloads
from pairsight.assessments.models import Role
from pairsight.surveys import actions, queries
from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.models import (
    PendingUpload,
    ResponsesExport,
    Survey,
    SurveyImport,
    UploadCheckJob,
)

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
        locked = jobs.locked_if_active(job)
        if locked is None:
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
            locked = jobs.locked_if_active(job)
            if locked is None:
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
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.CANCELLED)
        record_import_cancelled(locked, job.requested_by)


@transaction.atomic
def start_check(*, actor: User, upload: PendingUpload) -> UploadCheckJob:
    """Queue a check of an uploaded file with its matches as last saved.

    The stored summary is cleared first, so the matching screen waits for the new one
    instead of showing answers checked against the old matches.
    """
    access.require(actor, upload.survey.assessment, Role.EDITOR)
    for superseded in UploadCheckJob.objects.filter(upload=upload, state__in=jobs.ACTIVE):
        jobs.request_cancel(superseded)
    PendingUpload.objects.filter(pk=upload.pk).update(summary=None)
    upload.summary = None
    job = UploadCheckJob.objects.create(
        upload=upload, requested_by=actor, requested_by_name=display_name(actor)
    )
    jobs.enqueue(job, check_uploaded_file)
    return job


def fail_check(job: UploadCheckJob, reason: str) -> None:
    """Record a check that could not finish: the matching screen says why."""
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
    job.refresh_from_db()


def expire_stale_checks(upload: PendingUpload) -> list[UploadCheckJob]:
    """Mark failed a check whose worker has stopped, so the waiting page says so."""
    return jobs.expire_stale(UploadCheckJob.objects.filter(upload=upload), fail_check)


jobs.watch(UploadCheckJob, fail_check)


@task()
def check_uploaded_file(job_id: int) -> None:
    """Read an uploaded file and check it (`start_check` queues it); nothing is stored."""
    jobs.run_job(
        UploadCheckJob,
        job_id,
        starting="Reading the file",
        work=_check,
        on_failure=fail_check,
        on_cancel=_check_cancelled,
    )


def _check(job: UploadCheckJob) -> None:
    upload = job.upload
    jobs.report_progress(UploadCheckJob, job.pk, "Reading and checking every row", 1, 2)
    try:
        # The long part, outside any transaction: other people's saves go on meanwhile.
        summary = queries.upload_summary(upload)
    except SurveyImportError as error:
        fail_check(job, str(error))
        return
    jobs.report_progress(UploadCheckJob, job.pk, "Keeping what was found", 2, 2)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        if locked.cancel_requested:
            # Superseded meanwhile: it must not overwrite the newer check's summary.
            jobs.finish(locked, jobs.JobState.CANCELLED)
            return
        PendingUpload.objects.filter(pk=upload.pk).update(summary=summary)
        jobs.finish(locked, jobs.JobState.SUCCEEDED)


def _check_cancelled(job: UploadCheckJob) -> None:
    with transaction.atomic():
        locked = UploadCheckJob.objects.select_for_update().filter(pk=job.pk).first()
        if locked is not None and locked.is_active:
            jobs.finish(locked, jobs.JobState.CANCELLED)


# The responses workbook ------------------------------------------------------------------

#: A finished workbook waits this long to be downloaded (it holds every answer).
EXPORT_KEPT_FOR = datetime.timedelta(days=1)
WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_path(job: ResponsesExport) -> Path:
    folder = downloads_folder(job.survey.assessment_id)
    return folder / f"survey-{job.survey_id}-responses-{job.pk}.xlsx"


@transaction.atomic
def start_responses_export(*, actor: User, survey: Survey) -> ResponsesExport:
    """Queue writing every response as a workbook; refused while one is being written.

    An editor asks for it (it takes the worker's time); anyone in the team downloads it.
    """
    access.require(actor, survey.assessment, Role.EDITOR, changes_edition=False)
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    jobs.expire_stale(ResponsesExport.objects.filter(survey=survey), fail_responses_export)
    running = ResponsesExport.objects.filter(survey=survey, state__in=jobs.ACTIVE).first()
    if running is not None:
        raise ValidationError(
            f"The responses are already being written (asked for by "
            f"{running.requested_by_name}). Wait for it to finish."
        )
    job = ResponsesExport.objects.create(
        survey=survey, requested_by=actor, requested_by_name=display_name(actor)
    )
    jobs.enqueue(job, write_responses)
    return job


def latest_responses_export(survey: Survey) -> ResponsesExport | None:
    """The survey's latest workbook job, failed first if its worker died."""
    jobs.expire_stale(ResponsesExport.objects.filter(survey=survey), fail_responses_export)
    return ResponsesExport.objects.filter(survey=survey).first()


def responses_file(*, actor: User, job: ResponsesExport) -> Path:
    """The finished workbook, for a member to download; the download is recorded."""
    survey = job.survey
    access.require(actor, survey.assessment, Role.VIEWER, changes_edition=False)
    path = export_path(job)
    if job.state != ResponsesExport.State.SUCCEEDED or not path.is_file():
        raise ValidationError(
            "This file is not there to download (it failed, was removed after a day, or a "
            "newer one replaced it). Write the responses again."
        )
    record_export(
        actor=actor,
        assessment=survey.assessment,
        what=f"the responses to the {survey.get_kind_display().lower()}",
        file_format="Excel (Microsoft Forms layout)",
        object_type="survey",
        object_id=survey.pk,
        detail={"responses": job.responses, "synthetic": survey.synthetic, "job": job.pk},
    )
    return path


def fail_responses_export(job: ResponsesExport, reason: str) -> None:
    """Record (and audit) a workbook that could not be written; remove what it had written."""
    export_path(job).unlink(missing_ok=True)
    export_path(job).with_suffix(".partial").unlink(missing_ok=True)
    with transaction.atomic():
        locked = jobs.locked_if_active(job)
        if locked is None:
            return
        jobs.finish(locked, jobs.JobState.FAILED, reason=reason, message="Failed")
        record_change(
            actor=locked.requested_by,
            assessment=job.survey.assessment,
            action="survey responses file failed",
            object_type="survey",
            object_id=job.survey_id,
            summary=f"Could not write the responses workbook: {reason}"[:2000],
        )


jobs.watch(ResponsesExport, fail_responses_export)


@task()
def write_responses(job_id: int) -> None:
    """Write a queued responses workbook (`start_responses_export` queues it)."""
    jobs.run_job(
        ResponsesExport,
        job_id,
        starting="Reading every response",
        work=_write_responses,
        on_failure=fail_responses_export,
        on_cancel=_export_cancelled,
    )


def _write_responses(job: ResponsesExport) -> None:
    responses = queries.stored_responses(job.survey)
    jobs.report_progress(ResponsesExport, job.pk, "Writing the workbook", 1, 2)
    path = export_path(job)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    write_msforms_xlsx(responses, partial)
    # One workbook is kept per survey: the new one replaces the others.
    replaces = f"survey-{job.survey_id}-responses-*"
    keep_written(ResponsesExport, job.pk, partial, path, replaces, responses=responses.count)


def _export_cancelled(job: ResponsesExport) -> None:
    export_path(job).with_suffix(".partial").unlink(missing_ok=True)
    with transaction.atomic():
        locked = ResponsesExport.objects.select_for_update().filter(pk=job.pk).first()
        if locked is not None and locked.is_active:
            jobs.finish(locked, jobs.JobState.CANCELLED)


def sweep_responses_exports(now: datetime.datetime | None = None) -> int:
    """Delete workbooks finished more than a day ago; how many went (`web cleanup`)."""
    return sweep_downloads(ResponsesExport.objects.all(), export_path, EXPORT_KEPT_FOR, now)
