"""The surveys' background work: importing an uploaded file, in the worker."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from pairsight.assessments import tasks as jobs
from pairsight.surveys import actions
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.models import SurveyImport

STEPS = 3


@task()
def import_upload(job_id: int) -> None:
    """Import a queued file (`actions.start_import` queues it)."""
    jobs.run_job(
        SurveyImport,
        job_id,
        starting="Reading the file",
        work=_import,
        on_failure=actions.fail_import,
        on_cancel=_cancelled,
    )


def _import(job: SurveyImport) -> None:
    upload = job.upload
    if upload is None:
        actions.fail_import(
            job, "the uploaded file is no longer there (it was imported or discarded meanwhile)."
        )
        return
    jobs.report_progress(SurveyImport, job.pk, "Reading and checking every row", 1, STEPS)
    try:
        # The long part, outside any transaction: other people's saves go on meanwhile.
        result = actions.read_upload(upload)
    except SurveyImportError as error:
        actions.fail_import(job, str(error))
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
        actions.fail_import(job, str(error))


def _cancelled(job: SurveyImport) -> None:
    with transaction.atomic():
        locked = SurveyImport.objects.select_for_update().filter(pk=job.pk).first()
        if locked is None or not locked.is_active:
            return
        jobs.finish(locked, jobs.JobState.CANCELLED)
        actions.record_import_cancelled(locked, job.requested_by)
