"""Uploading a transcript: the worker reads the file and proposes redactions (the page
polls it), then the person reviews them and only the redacted text is stored."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.interviews import actions, redaction, tasks
from pairsight.interviews.forms import ReviewForm, UploadForm
from pairsight.interviews.models import TranscriptImport
from pairsight.interviews.views.common import page_context, show_refusal


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def upload(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Keep the file in a private folder and queue the worker to read it."""
    form = UploadForm(request.POST or None, request.FILES or None, assessment=membership.assessment)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            job = actions.start_transcript_import(
                actor=request.user,
                participant=form.cleaned_data["participant"],
                title=form.cleaned_data["title"],
                file_name=file.name,
                content=file.read(),
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            return redirect(_job_url(job))
    status = 400 if form.errors else 200
    context = page_context(membership, form=form)
    return render(request, "interviews/upload.html", context, status=status)


def _job_url(job: TranscriptImport) -> str:
    return reverse(
        "interviews:import_job", kwargs={"assessment_id": job.assessment_id, "import_id": job.pk}
    )


def _job(membership: Membership, import_id: int) -> TranscriptImport:
    return get_object_or_404(
        TranscriptImport.objects.select_related("participant", "assessment"),
        pk=import_id,
        assessment=membership.assessment,
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def import_job(request: SignedInRequest, membership: Membership, import_id: int) -> HttpResponse:
    """How the reading is going (the page polls it); once read, the review of the proposals."""
    tasks.expire_stale_imports(membership.assessment_id)
    job = _job(membership, import_id)
    ready = job.state == TranscriptImport.State.SUCCEEDED and job.transcript_id is None
    if not ready:
        context = page_context(membership, job=job)
        if request.htmx:
            return render(request, "interviews/_import_progress.html", context)
        return render(request, "interviews/import_job.html", context)
    if request.htmx:
        return HttpResponseClientRedirect(_job_url(job))
    try:
        text, proposals = tasks.proposals_of(job)
    except FileNotFoundError:
        messages.error(request, f"{job.file_name} is no longer kept: upload it again")
        return redirect("interviews:upload", assessment_id=membership.assessment_id)
    posted = request.POST if request.method == "POST" else None
    initial = {"accepted": [str(i) for i in range(len(proposals))]}
    form = ReviewForm(posted, initial=initial, proposals=len(proposals))
    if posted is not None and form.is_valid():
        try:
            stored = actions.accept_transcript_import(
                actor=request.user,
                job=job,
                accepted=[int(i) for i in form.cleaned_data["accepted"]],
                also_redact=form.cleaned_data["also_redact"].splitlines(),
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            # Finding passages like others needs their embeddings: the worker makes them.
            tasks.embed_transcript_task.enqueue(stored.pk)
            messages.success(request, f"{stored.title} has been stored")
            return redirect(
                "interviews:transcript",
                assessment_id=membership.assessment_id,
                transcript_id=stored.pk,
            )
    return _review_page(request, membership, job, form, text, proposals)


def _review_page(
    request: SignedInRequest,
    membership: Membership,
    job: TranscriptImport,
    form: ReviewForm,
    text: str,
    proposals: list[redaction.Proposal],
) -> HttpResponse:
    accepted = set(form["accepted"].value() or [])
    rows = [
        {
            "index": str(i),
            "proposal": p,
            "before": text[max(0, p.start - 40) : p.start],
            "after": text[p.end : p.end + 40],
            "checked": str(i) in accepted,
        }
        for i, p in enumerate(redaction.number(proposals))
    ]
    context = page_context(membership, job=job, form=form, rows=rows)
    status = 400 if form.errors else 200
    return render(request, "interviews/review.html", context, status=status)


@member_view(Role.EDITOR)
@require_POST
def import_cancel(request: SignedInRequest, membership: Membership, import_id: int) -> HttpResponse:
    job = _job(membership, import_id)
    try:
        actions.cancel_transcript_import(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_job_url(job))
