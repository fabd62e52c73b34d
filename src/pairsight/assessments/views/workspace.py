"""The list of assessments, a new one, its dashboard, progress and details."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pairsight.assessments import actions, queries
from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.forms import (
    AssessmentDetailsForm,
    AssessmentForm,
    ProgressForm,
)
from pairsight.assessments.models import Membership, Role, Workstream
from pairsight.assessments.views.pagecache import kept_page
from pairsight.assessments.views.responses import apply_errors


@require_GET
def assessment_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "assessments/list.html",
        {"memberships": queries.memberships_of(request.user)},
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request: SignedInRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = actions.create_assessment(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{assessment.title} has been created")
            return redirect("assessments:dashboard", assessment_id=assessment.pk)
    return render(request, "assessments/create.html", {"form": form})


@member_view()
@require_GET
def dashboard(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    return kept_page(
        request,
        membership,
        "dashboard",
        lambda: render(
            request,
            "assessments/dashboard.html",
            {
                "membership": membership,
                "assessment": assessment,
                "cards": queries.dashboard_cards(assessment),
                "can_edit": can(membership, Role.EDITOR),
            },
        ),
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def progress_update(
    request: SignedInRequest, membership: Membership, workstream: str
) -> HttpResponse:
    if workstream not in Workstream.values:
        raise Http404("No such workstream")
    assessment = membership.assessment
    status = queries.workstream_status(assessment, Workstream(workstream))
    form = ProgressForm(request.POST or None, initial={"progress": status.progress})
    if request.method == "POST" and form.is_valid():
        actions.set_progress(
            actor=request.user,
            assessment=assessment,
            workstream=workstream,
            progress=form.cleaned_data["progress"],
        )
        messages.success(
            request, f"Progress of {Workstream(workstream).label.lower()} has been saved"
        )
        return redirect("assessments:dashboard", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/progress.html",
        {
            "membership": membership,
            "assessment": assessment,
            "form": form,
            "workstream": Workstream(workstream),
        },
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def assessment_details(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = AssessmentDetailsForm(
        request.POST or None,
        initial={
            "title": assessment.title,
            "start_year": assessment.start_year,
            "end_year": assessment.end_year,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_assessment(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The assessment's details have been saved")
            return redirect("assessments:dashboard", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/details.html",
        {"form": form, "membership": membership, "assessment": assessment},
    )
