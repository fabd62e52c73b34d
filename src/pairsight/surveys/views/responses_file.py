"""The survey's responses as a workbook: written by the worker, then downloaded (audited).

Writing 20,000 responses takes longer than a page may, so the page asks the worker for the
file, polls until it is written, and offers it; the download is what leaves PAIRsight's
keeping, so that is what the audit trail records.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.surveys import tasks
from pairsight.surveys.models import Survey
from pairsight.surveys.views.context import file_stem, page_context, survey_of


@member_view()
@require_GET
def responses_file(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    """Ask for the workbook, follow it being written, and download it once written."""
    return _page(request, membership, survey_of(membership, kind))


def _page(request: SignedInRequest, membership: Membership, survey: Survey) -> HttpResponse:
    context = page_context(membership, survey=survey, job=tasks.latest_responses_export(survey))
    if request.htmx:
        return render(request, "surveys/_responses_progress.html", context)
    return render(request, "surveys/responses_file.html", context)


@member_view(Role.EDITOR)
@require_POST
def responses_file_start(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponse:
    survey = survey_of(membership, kind)
    try:
        tasks.start_responses_export(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:responses_file", assessment_id=membership.assessment_id, kind=kind)


@member_view()
@require_GET
def responses_download(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponseBase:
    """The latest written workbook (recorded as an export), or the page to write one."""
    survey = survey_of(membership, kind)
    job = tasks.latest_responses_export(survey)
    try:
        if job is None:
            raise ValidationError("Write the responses as a workbook first.")
        path = tasks.responses_file(actor=request.user, job=job)
    except ValidationError as error:
        # The page to write one, saying why there is nothing to download yet.
        messages.error(request, " ".join(error.messages))
        return _page(request, membership, survey)
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{file_stem(survey)}-responses.xlsx",
        content_type=tasks.WORKBOOK,
    )
