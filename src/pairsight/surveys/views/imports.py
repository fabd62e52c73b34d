"""Imports of responses: following the job, cancelling, retrying, and removing an import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.surveys import actions, tasks
from pairsight.surveys.models import ImportBatch, Survey, SurveyImport
from pairsight.surveys.views.context import page_context, survey_of


def imported_message(outcome: actions.ImportOutcome | SurveyImport) -> str:
    if outcome.added == 0:
        return (
            f"All {outcome.rows_in_file:,} responses in the file were already stored: "
            "nothing was added"
        )
    text = f"{outcome.added:,} responses have been imported"
    if outcome.already_stored:
        text += f"; {outcome.already_stored:,} already stored were left as they were"
    return text


def _batch(survey: Survey, batch_id: int) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=batch_id, survey=survey)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def import_delete(
    request: SignedInRequest, membership: Membership, kind: str, batch_id: int
) -> HttpResponse:
    survey = survey_of(membership, kind)
    batch = _batch(survey, batch_id)
    if request.method == "POST":
        actions.delete_import(actor=request.user, batch=batch)
        messages.success(
            request,
            f"The import of {batch.file_name} and its {batch.added:,} responses have been deleted",
        )
        return redirect("surveys:survey", assessment_id=survey.assessment_id, kind=kind)
    return render(
        request, "surveys/import_delete.html", page_context(membership, survey=survey, batch=batch)
    )


def job_url(job: SurveyImport) -> str:
    return reverse(
        "surveys:import_job",
        kwargs={
            "assessment_id": job.survey.assessment_id,
            "kind": job.survey.kind,
            "job_id": job.pk,
        },
    )


@member_view(Role.EDITOR)
@require_GET
def import_job(
    request: SignedInRequest, membership: Membership, kind: str, job_id: int
) -> HttpResponse:
    """How an import in the background is going; the page polls it until it ends."""
    survey = survey_of(membership, kind)
    # An import whose worker died is marked failed here, so the page says so within a minute.
    tasks.expire_stale_imports(survey)
    job = get_object_or_404(SurveyImport, pk=job_id, survey=survey)
    context = page_context(membership, survey=survey, job=job)
    if request.htmx and job.state == SurveyImport.State.SUCCEEDED:
        # The page that followed the import goes on to the findings, as an import without
        # a worker does.
        messages.success(request, imported_message(job))
        return HttpResponseClientRedirect(
            reverse(
                "surveys:findings", kwargs={"assessment_id": survey.assessment_id, "kind": kind}
            )
        )
    if request.htmx:
        return render(request, "surveys/_import_progress.html", context)
    return render(request, "surveys/import_job.html", context)


@member_view(Role.EDITOR)
@require_POST
def import_cancel(
    request: SignedInRequest, membership: Membership, kind: str, job_id: int
) -> HttpResponse:
    survey = survey_of(membership, kind)
    job = get_object_or_404(SurveyImport, pk=job_id, survey=survey)
    tasks.cancel_import(actor=request.user, job=job)
    return redirect(job_url(job))


@member_view(Role.EDITOR)
@require_POST
def import_retry(
    request: SignedInRequest, membership: Membership, kind: str, job_id: int
) -> HttpResponse:
    survey = survey_of(membership, kind)
    job = get_object_or_404(SurveyImport, pk=job_id, survey=survey)
    if job.upload is None or job.is_active:
        messages.error(request, "This import cannot be tried again: upload the file again")
        return redirect(job_url(job))
    try:
        again = tasks.start_import(actor=request.user, upload=job.upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(job_url(job))
    return redirect(job_url(again))
