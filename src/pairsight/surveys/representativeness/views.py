"""Pages: who answered beside the population, and the recruitment tracker (thin views)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.surveys import queries
from pairsight.surveys.analysis.population_map import shipped_map_text
from pairsight.surveys.models import Survey
from pairsight.surveys.representativeness import actions
from pairsight.surveys.representativeness import queries as rq
from pairsight.surveys.representativeness.forms import (
    GroupTargetsForm,
    PopulationForm,
    TotalTargetForm,
    one_answer_questions,
)
from pairsight.surveys.views.context import page_context, survey_of


def _apply(form: Any, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@member_view()
@require_http_methods(["GET", "POST"])
def representativeness_page(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponse:
    survey = survey_of(membership, kind)
    instrument = survey.instrument
    initial = {"mapping_yaml": shipped_map_text(instrument.id) or ""}
    form = PopulationForm(instrument, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["population_file"]
        try:
            actions.set_population_comparison(
                actor=request.user,
                survey=survey,
                question_id=form.cleaned_data["question_id"],
                file_name=upload.name,
                content=upload.read(),
                area=form.cleaned_data["area"],
                level=form.cleaned_data["level"],
                source=form.cleaned_data["source"],
                mapping_yaml=form.cleaned_data["mapping_yaml"],
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, "The question is now compared with the population")
            return redirect("surveys:representativeness", membership.assessment_id, kind)
    context = page_context(
        membership,
        survey=survey,
        form=form,
        panels=rq.comparison_panels(survey),
        responses=queries.response_count(survey),
        weighted=rq.weighted_finding(survey, request.GET.get("weighted")),
        questions=one_answer_questions(instrument),
    )
    return render(request, "surveys/representativeness.html", context)


@member_view(Role.EDITOR)
@require_POST
def representativeness_remove(
    request: SignedInRequest, membership: Membership, kind: str, question_id: str
) -> HttpResponse:
    survey = survey_of(membership, kind)
    actions.remove_population_comparison(actor=request.user, survey=survey, question_id=question_id)
    messages.success(request, "The comparison has been removed")
    return redirect("surveys:representativeness", membership.assessment_id, kind)


def _chosen_question(survey: Survey, wanted: str | None) -> str:
    ids = [qid for qid, _ in one_answer_questions(survey.instrument)]
    if wanted in ids:
        return str(wanted)
    compared = [c.question_id for c in rq.comparisons(survey) if c.question_id in ids]
    return (compared or ids or [""])[0]


@member_view()
@require_http_methods(["GET", "POST"])
def recruitment(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = survey_of(membership, kind)
    question_id = _chosen_question(
        survey, request.POST.get("question") or request.GET.get("question")
    )
    groups = actions.target_groups(survey, question_id) if question_id else []
    current = {t.group: t.target for t in survey.targets.filter(question_id=question_id)}
    posted = request.POST.get("which") if request.method == "POST" else None
    total_form = TotalTargetForm(request.POST if posted == "total" else None)
    group_form = GroupTargetsForm(groups, current, request.POST if posted == "groups" else None)
    form = total_form if posted == "total" else group_form
    if posted and form.is_valid():
        try:
            if posted == "total":
                actions.set_targets(
                    actor=request.user, survey=survey, proportional_total=form.cleaned_data["total"]
                )
            else:
                assert isinstance(form, GroupTargetsForm)
                proportional = form.cleaned_data.get("proportional_total")
                actions.set_targets(
                    actor=request.user,
                    survey=survey,
                    question_id=question_id,
                    targets=None if proportional else form.targets(),
                    proportional_total=proportional,
                )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, "The targets have been set")
            url = reverse("surveys:recruitment", args=[membership.assessment_id, kind])
            return redirect(f"{url}?question={question_id}")
    context = page_context(
        membership,
        survey=survey,
        tracker=rq.tracker(survey),
        question_id=question_id,
        questions=one_answer_questions(survey.instrument),
        question_texts={q.id: q.text for q in survey.instrument.questions},
        is_lead=can(membership, Role.LEAD),
        total_form=total_form,
        group_form=group_form,
        group_fields=[group_form[f"group_{i}"] for i in range(len(groups))],
    )
    return render(request, "surveys/recruitment.html", context)
