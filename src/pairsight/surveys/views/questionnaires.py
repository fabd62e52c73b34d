"""The questionnaire: its page, print and PDF versions, the Forms question list, editing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.surveys import actions
from pairsight.surveys.forms import InstrumentForm
from pairsight.surveys.instruments import InstrumentError, InstrumentProblem
from pairsight.surveys.instruments.microsoft_forms import forms_question_list
from pairsight.surveys.instruments.printable import questionnaire_html, questionnaire_pdf
from pairsight.surveys.models import Survey
from pairsight.surveys.views.context import page_context, survey_of

#: The printable questionnaire is a document of its own with its own inline style sheet;
#: it may use that and nothing else.
PRINT_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)


KIND_LABELS = {
    "single_choice": "One answer",
    "multiple_choice": "Tick all that apply",
    "scale": "Scale",
    "rating_grid": "Statements rated on a scale",
    "ranking": "Put in order",
    "number": "A number",
    "free_text": "Written answer",
}


@member_view()
@require_GET
def questionnaire(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = survey_of(membership, kind)
    instrument = survey.instrument
    questions = [(question, KIND_LABELS[question.kind]) for question in instrument.questions]
    return render(
        request,
        "surveys/questionnaire.html",
        page_context(membership, survey=survey, instrument=instrument, questions=questions),
    )


def _record_questionnaire(request: SignedInRequest, survey: Survey, file_format: str) -> None:
    record_export(
        actor=request.user,
        assessment=survey.assessment,
        what=f"the questionnaire of the {survey.get_kind_display().lower()}",
        file_format=file_format,
        object_type="survey",
        object_id=survey.pk,
        detail={"version": survey.instrument.version},
    )


@member_view()
@require_GET
def questionnaire_print(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponse:
    survey = survey_of(membership, kind)
    _record_questionnaire(request, survey, "HTML (to print)")
    response = HttpResponse(questionnaire_html(survey.instrument))
    response["Content-Security-Policy"] = PRINT_POLICY
    return response


@member_view()
@require_GET
def questionnaire_pdf_download(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponse:
    survey = survey_of(membership, kind)
    instrument = survey.instrument
    _record_questionnaire(request, survey, "PDF")
    return download_response(
        questionnaire_pdf(instrument),
        "application/pdf",
        f"{instrument.id}-questionnaire-v{instrument.version}.pdf",
    )


@member_view()
@require_GET
def questionnaire_forms(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponse:
    survey = survey_of(membership, kind)
    instrument = survey.instrument
    _record_questionnaire(request, survey, "Microsoft Forms question list")
    return download_response(
        forms_question_list(instrument),
        "text/plain; charset=utf-8",
        f"{instrument.id}-microsoft-forms-v{instrument.version}.txt",
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = survey_of(membership, kind)
    form = InstrumentForm(request.POST or None, initial={"yaml_text": survey.instrument_yaml})
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["yaml_text"]
        try:
            actions.edit_instrument(actor=request.user, survey=survey, yaml_text=text)
        except InstrumentError as error:
            problems = error.problems
            for problem in problems:
                form.add_error("yaml_text", _where(problem))
        except ValidationError as error:
            for message in error.messages:
                form.add_error("yaml_text", message)
        else:
            messages.success(request, "The questionnaire has been saved")
            return redirect("surveys:questionnaire", assessment_id=survey.assessment_id, kind=kind)
    lines = (form.data.get("yaml_text") or "").replace("\r\n", "\n").split("\n") if problems else []
    excerpts = [
        {
            "problem": problem,
            "lines": [
                (n, lines[n - 1])
                for n in range(max(1, problem.line - 2), min(len(lines), problem.line + 2) + 1)
            ]
            if problem.line
            else [],
        }
        for problem in problems
    ]
    context = page_context(membership, survey=survey, form=form, excerpts=excerpts)
    return render(
        request, "surveys/questionnaire_edit.html", context, status=400 if form.errors else 200
    )


def _where(problem: InstrumentProblem) -> str:
    where = [f"Line {problem.line}"] if problem.line else []
    if problem.question_id:
        where.append(f"question “{problem.question_id}”")
    return f"{', '.join(where)}: {problem.message}" if where else problem.message
