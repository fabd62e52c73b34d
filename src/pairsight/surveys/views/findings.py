"""A survey's findings: the page, starring a finding, downloads of findings and responses."""

from __future__ import annotations

import hashlib
from typing import cast
from urllib.parse import urlencode

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.assessments.views.pagecache import kept_page
from pairsight.surveys import actions, queries
from pairsight.surveys.analysis import SurveyAnalysis
from pairsight.surveys.analysis.serialise import analysis_csv
from pairsight.surveys.findings import Finding, parse_filter
from pairsight.surveys.forms import FilterForm, StarForm
from pairsight.surveys.models import Survey
from pairsight.surveys.representativeness import queries as representativeness_queries
from pairsight.surveys.views.context import file_stem, page_context, survey_of

#: Rendered page parts that depend only on stored data (see `_finding_bodies`), per process.
fragments = caches["fragments"]


@member_view()
@require_GET
def findings(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    return kept_page(
        request, membership, f"findings:{kind}", lambda: _findings(request, membership, kind)
    )


def _findings(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    survey = survey_of(membership, kind)
    instrument = survey.instrument
    form = FilterForm(instrument, request.GET or None)
    context = page_context(
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
    survey = survey_of(membership, kind)
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
            page_context(
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
    survey = survey_of(membership, kind)
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
    return download_response(body, "text/csv; charset=utf-8", f"{file_stem(survey)}-findings.csv")
