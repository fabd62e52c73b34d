"""The surveys of an assessment, starting one, and a survey's overview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.surveys import actions, queries
from pairsight.surveys.views.context import page_context


@member_view()
@require_GET
def survey_list(request: SignedInRequest, membership: Membership) -> HttpResponse:
    cards = queries.survey_cards(membership.assessment)
    return render(request, "surveys/list.html", page_context(membership, cards=cards))


@member_view(Role.LEAD)
@require_POST
def survey_start(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey_kind = queries.survey_kind(kind)
    try:
        actions.start_survey(actor=request.user, assessment=membership.assessment, kind=kind)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The {survey_kind.label.lower()} has been started")
    return redirect("surveys:survey", assessment_id=membership.assessment_id, kind=kind)


@member_view()
@require_GET
def survey_overview(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey_kind = queries.survey_kind(kind)
    survey = queries.survey_of(membership.assessment, survey_kind)
    context = page_context(membership, kind=survey_kind, survey=survey)
    if survey is not None:
        context.update(
            responses=queries.response_count(survey),
            imports=queries.imports(survey),
            uploads=queries.pending_uploads(survey),
            starred=len(queries.starred_ids(survey)),
        )
    return render(request, "surveys/survey.html", context)
