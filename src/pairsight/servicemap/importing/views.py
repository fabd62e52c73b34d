"""The import pages. The request stores what the person gave and returns at once; the worker
fetches, reads, triages and stores it (`servicemap.tasks`), and the job's page shows its
progress, then goes on to the triage screen, or says why nothing was stored."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.servicemap import actions, queries, tasks
from pairsight.servicemap.exports import register_xlsx
from pairsight.servicemap.forms import ImportForm
from pairsight.servicemap.models import FeedImport
from pairsight.servicemap.spreadsheet import template_csv
from pairsight.servicemap.views import page_context


def _imported(job: FeedImport) -> str:
    return (
        f"Read {job.services_read} services from {job.name}: {job.services_added} new, "
        f"{job.services_updated} updated, {job.services_proposed} proposed for conception to two."
    )


def _job_url(job: FeedImport) -> str:
    return reverse(
        "servicemap:import_job", kwargs={"assessment_id": job.assessment_id, "import_id": job.pk}
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def import_services(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, url = form.cleaned_data.get("file"), form.cleaned_data.get("url")
        feed = (
            tasks.FeedRequest(name=upload.name or "upload", content=upload.read())
            if upload
            else tasks.FeedRequest(name=str(url), url=str(url))
        )
        field = "url" if url else "file"
        try:
            job = tasks.start_feed_import(
                actor=request.user, assessment=membership.assessment, request=feed
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(field, message)
        else:
            # The worker imports it; without one (the immediate backend) it is done now.
            job.refresh_from_db()
            if job.state == FeedImport.State.SUCCEEDED:
                messages.success(request, _imported(job))
                return redirect("servicemap:triage", assessment_id=membership.assessment_id)
            if job.state == FeedImport.State.FAILED:
                form.add_error(field, job.error_reason)
            else:
                return redirect(_job_url(job))
    running = queries.active_import(membership.assessment)
    context = page_context(membership, form=form, running=running)
    return render(request, "servicemap/import.html", context)


@member_view(Role.EDITOR)
@require_GET
def import_job(request: SignedInRequest, membership: Membership, import_id: int) -> HttpResponse:
    """How an import in the background is going; the page polls it until it ends."""
    assessment = membership.assessment
    # An import whose worker died is marked failed here, so the page says so within a minute.
    tasks.expire_stale_feed_imports(assessment)
    job = get_object_or_404(FeedImport, pk=import_id, assessment=assessment)
    if job.state == FeedImport.State.SUCCEEDED and request.htmx:
        # The page that followed the import goes on to the triage, as an import without a
        # worker does.
        messages.success(request, _imported(job))
        return HttpResponseClientRedirect(
            reverse("servicemap:triage", kwargs={"assessment_id": assessment.pk})
        )
    context = page_context(membership, job=job)
    if request.htmx:
        return render(request, "servicemap/_import_progress.html", context)
    return render(request, "servicemap/import_job.html", context)


@member_view(Role.EDITOR)
@require_POST
def import_cancel(request: SignedInRequest, membership: Membership, import_id: int) -> HttpResponse:
    job = get_object_or_404(FeedImport, pk=import_id, assessment=membership.assessment)
    tasks.cancel_feed_import(actor=request.user, job=job)
    return redirect(_job_url(job))


@member_view(Role.EDITOR)
@require_POST
def import_retry(request: SignedInRequest, membership: Membership, import_id: int) -> HttpResponse:
    job = get_object_or_404(FeedImport, pk=import_id, assessment=membership.assessment)
    try:
        again = tasks.retry_feed_import(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_job_url(job))
    return redirect(_job_url(again))


@member_view()
@require_GET
def template_download(
    request: SignedInRequest, membership: Membership, file_format: str
) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404("No such format")
    # An empty template holds nothing of the assessment, but every download is in the trail.
    record_export(
        actor=request.user,
        assessment=membership.assessment,
        what="the blank services template",
        file_format=file_format.upper(),
        object_type="services template",
    )
    if file_format == "xlsx":
        return download_response(
            register_xlsx([]), actions.EXPORTS["xlsx"][1], "pairsight-services-template.xlsx"
        )
    return download_response(
        template_csv(), "text/csv; charset=utf-8", "pairsight-services-template.csv"
    )
