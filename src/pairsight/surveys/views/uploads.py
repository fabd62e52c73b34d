"""Uploading an export and matching its columns: the file is read and checked by the worker.

The upload only stores the file and queues its check; the matching screen shows what the
last check found (`PendingUpload.summary`), waiting for it while a check runs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.surveys import actions, queries, tasks
from pairsight.surveys.forms import MappingForm, UploadForm
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.models import PendingUpload, Survey, SurveyImport, UploadCheckJob
from pairsight.surveys.views.context import page_context, survey_of
from pairsight.surveys.views.imports import imported_message, job_url


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def upload(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = survey_of(membership, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    is_lead = can(membership, Role.LEAD)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            pending = actions.upload_export(
                actor=request.user,
                survey=survey,
                file_name=file.name,
                content=file.read(),
                keep_personal=bool(form.cleaned_data["keep_personal"]) and is_lead,
            )
        except SurveyImportError as error:
            form.add_error("file", str(error))
        else:
            job = tasks.start_check(actor=request.user, upload=pending)
            job.refresh_from_db()
            if job.state == UploadCheckJob.State.FAILED:
                # Checked at once (no worker): say so on the form, as for any other bad file.
                actions.discard_upload(actor=request.user, upload=pending)
                form.add_error("file", job.error_reason)
            else:
                url = _match_url(pending)
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    template = "surveys/_upload_form.html" if request.htmx else "surveys/upload.html"
    return render(request, template, page_context(membership, survey=survey, form=form))


def _upload(survey: Survey, upload_id: int) -> PendingUpload:
    return get_object_or_404(PendingUpload, pk=upload_id, survey=survey)


def _match_url(upload: PendingUpload) -> str:
    survey = upload.survey
    return reverse(
        "surveys:match",
        kwargs={"assessment_id": survey.assessment_id, "kind": survey.kind, "upload_id": upload.pk},
    )


def _waiting(
    request: SignedInRequest, membership: Membership, survey: Survey, pending: PendingUpload
) -> HttpResponse | None:
    """The file is being checked (or its check failed): the page polls until it is done.

    None when a check started here has finished already (no worker: the immediate backend).
    """
    tasks.expire_stale_checks(pending)
    job = UploadCheckJob.objects.filter(upload=pending).first()
    if job is None or job.state in (UploadCheckJob.State.CANCELLED, UploadCheckJob.State.SUCCEEDED):
        # Uploaded before checks ran in the worker, or its last check was superseded.
        job = tasks.start_check(actor=request.user, upload=pending)
        job.refresh_from_db()
        pending.refresh_from_db()
        if pending.summary is not None:
            return None
    context = page_context(membership, survey=survey, upload=pending, job=job)
    if request.htmx:
        return render(request, "surveys/_check_progress.html", context)
    status = 400 if job.state == UploadCheckJob.State.FAILED else 200
    return render(request, "surveys/upload_check.html", context, status=status)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def match(
    request: SignedInRequest, membership: Membership, kind: str, upload_id: int
) -> HttpResponse:
    survey = survey_of(membership, kind)
    pending = _upload(survey, upload_id)
    checked = queries.checked_upload(pending)
    if checked is None:
        waiting = _waiting(request, membership, survey, pending)
        if waiting is not None:
            return waiting
        checked = queries.checked_upload(pending)
        assert checked is not None
    if request.htmx and request.method == "GET":
        # The waiting page polled it: the check is done, show the matches.
        return HttpResponseClientRedirect(request.path)
    mapping = checked.mapping
    form = MappingForm(checked.columns, survey.instrument, mapping, request.POST or None)
    import_error = None
    if request.method == "POST" and form.is_valid():
        try:
            mapping = actions.save_mapping(
                actor=request.user,
                upload=pending,
                mapping=mapping,
                choices=form.choices_by_header(),
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            if request.POST.get("action") != "import":
                tasks.start_check(actor=request.user, upload=pending)
                messages.success(request, "The column matches have been saved and checked")
                return redirect(request.path)
            try:
                job = tasks.start_import(actor=request.user, upload=pending)
            except ValidationError as error:
                import_error = " ".join(error.messages)
            else:
                # The worker imports it; without one (the immediate backend) it is done now.
                job.refresh_from_db()
                if job.state == SurveyImport.State.FAILED:
                    import_error = job.error_reason
                elif job.state == SurveyImport.State.SUCCEEDED:
                    messages.success(request, imported_message(job))
                    return redirect(
                        "surveys:findings", assessment_id=survey.assessment_id, kind=kind
                    )
                else:
                    return redirect(job_url(job))
    context = page_context(
        membership,
        survey=survey,
        upload=pending,
        checked=checked,
        form=form,
        rows=form.rows(),
        check=checked.check,
        import_error=import_error,
    )
    status = 400 if import_error is not None or form.errors else 200
    return render(request, "surveys/match.html", context, status=status)


@member_view(Role.EDITOR)
@require_POST
def discard(
    request: SignedInRequest, membership: Membership, kind: str, upload_id: int
) -> HttpResponse:
    survey = survey_of(membership, kind)
    pending = _upload(survey, upload_id)
    actions.discard_upload(actor=request.user, upload=pending)
    messages.success(request, f"{pending.file_name} has been discarded: nothing was imported")
    return redirect("surveys:survey", assessment_id=survey.assessment_id, kind=kind)
