from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.surveys import actions, queries, tasks
from pairsight.surveys.analysis import SurveyAnalysis
from pairsight.surveys.analysis.serialise import analysis_csv
from pairsight.surveys.exports import write_msforms_xlsx
from pairsight.surveys.findings import Finding, parse_filter
from pairsight.surveys.forms import FilterForm, InstrumentForm, MappingForm, StarForm, UploadForm
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.instruments import InstrumentError, InstrumentProblem
from pairsight.surveys.instruments.microsoft_forms import forms_question_list
from pairsight.surveys.instruments.printable import questionnaire_html, questionnaire_pdf
from pairsight.surveys.models import ImportBatch, PendingUpload, Survey, SurveyImport
from pairsight.surveys.representativeness import queries as representativeness_queries

#: Rendered page parts that depend only on stored data (see `_finding_bodies`), per process.
fragments = caches["fragments"]

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


def _context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "surveys",
        "can_edit": can(membership, Role.EDITOR),
        "is_lead": can(membership, Role.LEAD),
        **extra,
    }


def _survey(membership: Membership, kind: str) -> Survey:
    survey = queries.survey_of(membership.assessment, queries.survey_kind(kind))
    if survey is None:
        raise Http404("This survey has not been started")
    return survey


def _file_stem(survey: Survey) -> str:
    synthetic = "-synthetic" if survey.synthetic else ""
    return f"pairsight-{survey.kind}-survey-{survey.assessment.area.ons_code}{synthetic}"


@member_view()
@require_GET
def survey_list(request: SignedInRequest, membership: Membership) -> HttpResponse:
    cards = queries.survey_cards(membership.assessment)
    return render(request, "surveys/list.html", _context(membership, cards=cards))


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
    context = _context(membership, kind=survey_kind, survey=survey)
    if survey is not None:
        context.update(
            responses=queries.response_count(survey),
            imports=queries.imports(survey),
            uploads=queries.pending_uploads(survey),
            starred=len(queries.starred_ids(survey)),
        )
    return render(request, "surveys/survey.html", context)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def upload(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = _survey(membership, kind)
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
            url = reverse(
                "surveys:match",
                kwargs={
                    "assessment_id": survey.assessment_id,
                    "kind": kind,
                    "upload_id": pending.pk,
                },
            )
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    template = "surveys/_upload_form.html" if request.htmx else "surveys/upload.html"
    return render(request, template, _context(membership, survey=survey, form=form))


def _upload(survey: Survey, upload_id: int) -> PendingUpload:
    return get_object_or_404(PendingUpload, pk=upload_id, survey=survey)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def match(
    request: SignedInRequest, membership: Membership, kind: str, upload_id: int
) -> HttpResponse:
    survey = _survey(membership, kind)
    pending = _upload(survey, upload_id)
    export = queries.read_upload(pending)
    mapping = queries.proposed_mapping(pending, export)
    form = MappingForm(export, survey.instrument, mapping, request.POST or None)
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
                    messages.success(request, _imported(job))
                    return redirect(
                        "surveys:findings", assessment_id=survey.assessment_id, kind=kind
                    )
                else:
                    return redirect(_job_url(job))
    context = _context(
        membership,
        survey=survey,
        upload=pending,
        export=export,
        form=form,
        rows=form.rows(),
        check=queries.check_upload(pending, export, mapping),
        import_error=import_error,
    )
    status = 400 if import_error is not None or form.errors else 200
    return render(request, "surveys/match.html", context, status=status)


def _imported(outcome: actions.ImportOutcome | SurveyImport) -> str:
    if outcome.added == 0:
        return (
            f"All {outcome.rows_in_file:,} responses in the file were already stored: "
            "nothing was added"
        )
    text = f"{outcome.added:,} responses have been imported"
    if outcome.already_stored:
        text += f"; {outcome.already_stored:,} already stored were left as they were"
    return text


@member_view(Role.EDITOR)
@require_POST
def discard(
    request: SignedInRequest, membership: Membership, kind: str, upload_id: int
) -> HttpResponse:
    survey = _survey(membership, kind)
    pending = _upload(survey, upload_id)
    actions.discard_upload(actor=request.user, upload=pending)
    messages.success(request, f"{pending.file_name} has been discarded: nothing was imported")
    return redirect("surveys:survey", assessment_id=survey.assessment_id, kind=kind)


@member_view()
@require_GET
def findings(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = _survey(membership, kind)
    instrument = survey.instrument
    form = FilterForm(instrument, request.GET or None)
    context = _context(
        membership, survey=survey, filter_form=form, starred=queries.starred_ids(survey)
    )
    if not queries.response_count(survey):
        return render(request, "surveys/findings.html", context)
    chosen = form.cleaned_data.get("only") if form.is_valid() else None
    only = parse_filter(instrument, chosen) if chosen else None
    analysis, items = queries.findings_of(survey, only)
    starred = set(context["starred"])
    bodies = _finding_bodies(survey, only, analysis, items)
    context.update(
        analysis=analysis,
        findings=[
            (item, item.question_id in starred, body)
            for item, body in zip(items, bodies, strict=True)
        ],
        star_url=_star_url(survey),
        only=only,
        only_question=instrument.question(only[0]).text if only else "",
        filter_value=chosen or "",
        total=queries.response_count(survey),
    )
    if not only:
        # Representativeness speaks of everyone who answered, so not of a filtered subset.
        context["panels"] = representativeness_queries.comparison_panels(survey)
    return render(request, "surveys/findings.html", context)


def _finding_bodies(
    survey: Survey, only: tuple[str, str] | None, analysis: SurveyAnalysis, items: list[Finding]
) -> list[str]:
    """Each finding's figures, chart and tables as HTML, rendered once per state of the survey.

    They were three quarters of the page's time. They hold no CSRF token and nothing of the
    person looking (the star button beside each is rendered per request), and the survey's
    `updated_at` moves with every import, deleted import or edited questionnaire, so they are
    kept in this process's memory under it.
    """
    text = repr((survey.pk, survey.updated_at.isoformat(), only))
    key = "survey-findings:" + hashlib.sha256(text.encode()).hexdigest()
    cached = fragments.get(key)
    if cached is not None:
        return cast(list[str], cached)
    bodies: list[str] = [
        render_to_string("surveys/_finding_body.html", {"finding": item, "analysis": analysis})
        for item in items
    ]
    fragments.set(key, bodies, timeout=None)
    return bodies


def _star_url(survey: Survey) -> str:
    return reverse(
        "surveys:star", kwargs={"assessment_id": survey.assessment_id, "kind": survey.kind}
    )


@member_view(Role.EDITOR)
@require_POST
def star(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = _survey(membership, kind)
    form = StarForm(request.POST)
    if not form.is_valid():
        raise Http404("No such finding")
    question_id = form.cleaned_data["question_id"]
    try:
        if form.cleaned_data["star"]:
            actions.star_finding(actor=request.user, survey=survey, question_id=question_id)
        else:
            actions.unstar_finding(actor=request.user, survey=survey, question_id=question_id)
    except ValidationError:
        raise Http404("No such finding") from None
    if request.htmx:
        return render(
            request,
            "surveys/_star.html",
            _context(
                membership,
                survey=survey,
                question_id=question_id,
                number=dict((q.id, n) for n, q in survey.instrument.numbered()).get(question_id),
                is_starred=bool(form.cleaned_data["star"]),
                filter_value=request.POST.get("only", ""),
                star_url=_star_url(survey),
                announce=True,
            ),
        )
    url = reverse("surveys:findings", kwargs={"assessment_id": survey.assessment_id, "kind": kind})
    only = request.POST.get("only", "")
    query = "?" + urlencode({"only": only}) if only else ""
    return redirect(f"{url}{query}#finding-{question_id}")


@member_view()
@require_GET
def findings_download(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = _survey(membership, kind)
    analysis, _ = queries.findings_of(survey)
    record_export(
        actor=request.user,
        assessment=membership.assessment,
        what=f"the findings of the {survey.get_kind_display().lower()}",
        file_format="CSV",
        object_type="survey",
        object_id=survey.pk,
        detail={"synthetic": survey.synthetic},
    )
    body = analysis_csv(analysis)
    return download_response(body, "text/csv; charset=utf-8", f"{_file_stem(survey)}-findings.csv")


@member_view()
@require_GET
def responses_download(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = _survey(membership, kind)
    responses = queries.stored_responses(survey)
    record_export(
        actor=request.user,
        assessment=membership.assessment,
        what=f"the responses to the {survey.get_kind_display().lower()}",
        file_format="Excel (Microsoft Forms layout)",
        object_type="survey",
        object_id=survey.pk,
        detail={"responses": responses.count, "synthetic": survey.synthetic},
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write_msforms_xlsx(responses, Path(folder) / "responses.xlsx")
        body = path.read_bytes()
    return download_response(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{_file_stem(survey)}-responses.xlsx",
    )


@member_view()
@require_GET
def questionnaire(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = _survey(membership, kind)
    instrument = survey.instrument
    questions = [(question, KIND_LABELS[question.kind]) for question in instrument.questions]
    return render(
        request,
        "surveys/questionnaire.html",
        _context(membership, survey=survey, instrument=instrument, questions=questions),
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
    survey = _survey(membership, kind)
    _record_questionnaire(request, survey, "HTML (to print)")
    response = HttpResponse(questionnaire_html(survey.instrument))
    response["Content-Security-Policy"] = PRINT_POLICY
    return response


@member_view()
@require_GET
def questionnaire_pdf_download(
    request: SignedInRequest, membership: Membership, kind: str
) -> HttpResponse:
    survey = _survey(membership, kind)
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
    survey = _survey(membership, kind)
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
    survey = _survey(membership, kind)
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
    context = _context(membership, survey=survey, form=form, excerpts=excerpts)
    return render(
        request, "surveys/questionnaire_edit.html", context, status=400 if form.errors else 200
    )


def _where(problem: InstrumentProblem) -> str:
    where = [f"Line {problem.line}"] if problem.line else []
    if problem.question_id:
        where.append(f"question “{problem.question_id}”")
    return f"{', '.join(where)}: {problem.message}" if where else problem.message


def _batch(survey: Survey, batch_id: int) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=batch_id, survey=survey)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def import_delete(
    request: SignedInRequest, membership: Membership, kind: str, batch_id: int
) -> HttpResponse:
    survey = _survey(membership, kind)
    batch = _batch(survey, batch_id)
    if request.method == "POST":
        actions.delete_import(actor=request.user, batch=batch)
        messages.success(
            request,
            f"The import of {batch.file_name} and its {batch.added:,} responses have been deleted",
        )
        return redirect("surveys:survey", assessment_id=survey.assessment_id, kind=kind)
    return render(
        request, "surveys/import_delete.html", _context(membership, survey=survey, batch=batch)
    )


def _job_url(job: SurveyImport) -> str:
    return reverse(
        "surveys:import_job",
        kwargs={
            "assessment_id": job.survey.assessment_id,
            "kind": job.survey.kind,
            "job_id": job.pk,
        },
    )


@member_view(Role.EDITOR)
@require_GET
def import_job(
    request: SignedInRequest, membership: Membership, kind: str, job_id: int
) -> HttpResponse:
    """How an import in the background is going; the page polls it until it ends."""
    survey = _survey(membership, kind)
    # An import whose worker died is marked failed here, so the page says so within a minute.
    tasks.expire_stale_imports(survey)
    job = get_object_or_404(SurveyImport, pk=job_id, survey=survey)
    context = _context(membership, survey=survey, job=job)
    if request.htmx and job.state == SurveyImport.State.SUCCEEDED:
        # The page that followed the import goes on to the findings, as an import without
        # a worker does.
        messages.success(request, _imported(job))
        return HttpResponseClientRedirect(
            reverse(
                "surveys:findings", kwargs={"assessment_id": survey.assessment_id, "kind": kind}
            )
        )
    if request.htmx:
        return render(request, "surveys/_import_progress.html", context)
    return render(request, "surveys/import_job.html", context)


@member_view(Role.EDITOR)
@require_POST
def import_cancel(
    request: SignedInRequest, membership: Membership, kind: str, job_id: int
) -> HttpResponse:
    survey = _survey(membership, kind)
    job = get_object_or_404(SurveyImport, pk=job_id, survey=survey)
    tasks.cancel_import(actor=request.user, job=job)
    return redirect(_job_url(job))


@member_view(Role.EDITOR)
@require_POST
def import_retry(
    request: SignedInRequest, membership: Membership, kind: str, job_id: int
) -> HttpResponse:
    survey = _survey(membership, kind)
    job = get_object_or_404(SurveyImport, pk=job_id, survey=survey)
    if job.upload is None or job.is_active:
        messages.error(request, "This import cannot be tried again: upload the file again")
        return redirect(_job_url(job))
    try:
        again = tasks.start_import(actor=request.user, upload=job.upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_job_url(job))
    return redirect(_job_url(again))
