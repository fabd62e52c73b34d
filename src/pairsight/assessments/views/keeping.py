"""Keeping an assessment: backing it up, restoring a backup, deleting it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments import backup
from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.backup import jobs as backup_jobs
from pairsight.assessments.backup import restore_jobs
from pairsight.assessments.forms import (
    DeleteAssessmentForm,
    RestoreForm,
)
from pairsight.assessments.models import BackupJob, Membership, RestoreJob, Role
from pairsight.assessments.views.responses import apply_errors


@member_view(Role.LEAD)
@require_GET
def backup_page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Make a backup (the worker writes it) and download it once made; polled while it runs."""
    assessment = membership.assessment
    context = {
        "membership": membership,
        "assessment": assessment,
        "job": backup_jobs.latest_backup(assessment),
    }
    if request.htmx:
        return render(request, "assessments/_backup_progress.html", context)
    return render(request, "assessments/backup.html", context)


@member_view(Role.LEAD)
@require_POST
def backup_start(request: SignedInRequest, membership: Membership) -> HttpResponse:
    try:
        backup_jobs.start_backup(actor=request.user, assessment=membership.assessment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("assessments:backup", assessment_id=membership.assessment_id)


@member_view(Role.LEAD)
@require_GET
def backup_download(
    request: SignedInRequest, membership: Membership, job_id: int
) -> HttpResponseBase:
    job = get_object_or_404(BackupJob, pk=job_id, assessment=membership.assessment)
    try:
        path = backup_jobs.backup_file(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:backup", assessment_id=membership.assessment_id)
    stamp = timezone.localtime(job.finished_at).strftime("%Y-%m-%d-%H%M")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"pairsight-backup-assessment-{job.assessment_id}-{stamp}.zip",
        content_type="application/zip",
    )


@require_http_methods(["GET", "POST"])
def restore(request: SignedInRequest) -> HttpResponse:
    """Upload a backup (only stored here; the worker restores it); polled while it runs."""
    posted = request.method == "POST"
    form = RestoreForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        file = form.cleaned_data["file"]
        restore_jobs.start_restore(actor=request.user, file_name=file.name, chunks=file.chunks())
        return redirect("assessments:restore")
    job = restore_jobs.latest_restore(request.user)
    context = {"form": form, "job": job, "can_retry": job and restore_jobs.can_retry(job)}
    if request.htmx and request.method == "GET":
        return render(request, "assessments/_restore_progress.html", context)
    status = 400 if form.errors else 200
    return render(request, "assessments/restore.html", context, status=status)


@require_POST
def restore_cancel(request: SignedInRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(RestoreJob, pk=job_id, requested_by=request.user)
    restore_jobs.cancel_restore(actor=request.user, job=job)
    return redirect("assessments:restore")


@require_POST
def restore_retry(request: SignedInRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(RestoreJob, pk=job_id, requested_by=request.user)
    try:
        restore_jobs.retry_restore(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("assessments:restore")


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def assessment_delete(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = DeleteAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = assessment.title
        try:
            backup.delete_assessment(
                actor=request.user,
                assessment=assessment,
                confirm_title=form.cleaned_data["confirm_title"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{title} and everything in it have been deleted")
            return redirect("assessments:list")
    return render(
        request,
        "assessments/delete.html",
        {"form": form, "membership": membership, "assessment": assessment},
        status=400 if form.errors else 200,
    )
