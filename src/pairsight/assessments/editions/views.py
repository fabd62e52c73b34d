"""The editions' pages: publish this edition, start the next one, and what changed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.editions import actions, queries
from pairsight.assessments.forms import DeleteAssessmentForm
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views.responses import apply_errors


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def publish(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = DeleteAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.publish_edition(
                actor=request.user,
                assessment=assessment,
                confirm_title=form.cleaned_data["confirm_title"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"Edition {assessment.edition} is published: it can no longer be changed"
            )
            return redirect("assessments:dashboard", assessment.pk)
    return render(
        request,
        "assessments/publish.html",
        {"form": form, "membership": membership, "assessment": assessment},
        status=400 if form.errors else 200,
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def next_edition(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    problem = queries.why_no_next_edition(assessment)
    if request.method == "POST" and not problem:
        try:
            edition = actions.start_next_edition(actor=request.user, assessment=assessment)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                f"Edition {edition.edition} is ready: everything was carried forward from "
                f"edition {assessment.edition}. Replace each part as new data comes in.",
            )
            return redirect("assessments:dashboard", edition.pk)
    return render(
        request,
        "assessments/next_edition.html",
        {"membership": membership, "assessment": assessment, "problem": problem},
        status=400 if problem and request.method == "POST" else 200,
    )


@member_view()
@require_GET
def changes(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    show_all = request.GET.get("show") == "all"
    found = queries.edition_changes(assessment)
    return render(
        request,
        "assessments/changes.html",
        {
            "membership": membership,
            "assessment": assessment,
            "previous": assessment.previous_edition,
            "groups": queries.grouped(found, include_same=show_all),
            "counts": queries.change_counts(found),
            "show_all": show_all,
            "is_lead": can(membership, Role.LEAD),
        },
    )
