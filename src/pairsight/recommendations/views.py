"""The register's pages: thin views over the use cases in actions.py and reads in queries.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.recommendations import actions, queries, tasks
from pairsight.recommendations.forms import CategoryForm, CiteForm, ImportForm, RecommendationForm
from pairsight.recommendations.models import Category, Recommendation, RegisterImport
from pairsight.recommendations.register_table import REQUIRED

VIEWS = {"category": "By category", "audience": "By who it is for"}


def _context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "recommendations",
        "can_edit": can(membership, Role.EDITOR),
        **extra,
    }


def _recommendation(membership: Membership, recommendation_id: int) -> Recommendation:
    found = queries.recommendation_of(membership.assessment, recommendation_id)
    if found is None:
        raise Http404("No such recommendation")
    return found


def _errors_into(form: Any, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@member_view()
@require_GET
def register(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    grouping = request.GET.get("view", "category")
    if grouping not in VIEWS:
        grouping = "category"
    without = request.GET.get("evidence") == "none"
    groups = (
        queries.by_audience(assessment, without_evidence=without)
        if grouping == "audience"
        else queries.by_category(assessment, without_evidence=without)
    )
    total = queries.recommendations(assessment).count()
    return render(
        request,
        "recommendations/register.html",
        _context(
            membership,
            groups=groups,
            grouping=grouping,
            views=VIEWS,
            without=without,
            total=total,
            shown=sum(len(g.items) for g in groups)
            if grouping == "category"
            else queries.recommendations(assessment, without_evidence=without).count(),
        ),
    )


@member_view()
@require_GET
def detail(
    request: SignedInRequest, membership: Membership, recommendation_id: int
) -> HttpResponse:
    recommendation = _recommendation(membership, recommendation_id)
    return render(
        request,
        "recommendations/detail.html",
        _context(
            membership,
            recommendation=recommendation,
            evidence=queries.cited_evidence(recommendation),
        ),
    )


def _edit(
    request: SignedInRequest, membership: Membership, recommendation: Recommendation | None
) -> HttpResponse:
    assessment = membership.assessment
    categories = queries.category_names(assessment)
    initial = (
        {name: getattr(recommendation, name) for name in actions.FIELDS}
        | {"category": recommendation.category.name}
        if recommendation is not None
        else {}
    )
    form = RecommendationForm(
        request.POST if request.method == "POST" else None, initial=initial, categories=categories
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if recommendation is None:
                recommendation = actions.create_recommendation(
                    actor=request.user, assessment=assessment, **data
                )
                messages.success(request, f"Recommendation {recommendation.number} added.")
            else:
                actions.update_recommendation(
                    actor=request.user, recommendation=recommendation, **data
                )
                messages.success(request, f"Recommendation {recommendation.number} saved.")
        except ValidationError as error:
            _errors_into(form, error)
        else:
            return redirect(
                "recommendations:detail",
                assessment_id=assessment.pk,
                recommendation_id=recommendation.pk,
            )
    return render(
        request,
        "recommendations/edit.html",
        _context(membership, form=form, recommendation=recommendation),
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def new(request: SignedInRequest, membership: Membership) -> HttpResponse:
    return _edit(request, membership, None)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def edit(request: SignedInRequest, membership: Membership, recommendation_id: int) -> HttpResponse:
    return _edit(request, membership, _recommendation(membership, recommendation_id))


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def cite(request: SignedInRequest, membership: Membership, recommendation_id: int) -> HttpResponse:
    recommendation = _recommendation(membership, recommendation_id)
    error = ""
    if request.method == "POST":
        form = CiteForm(request.POST)
        if form.is_valid():
            try:
                actions.cite_evidence(
                    actor=request.user,
                    recommendation=recommendation,
                    key=form.cleaned_data["key"],
                )
            except ValidationError as problem:
                error = " ".join(problem.message_dict.get("key", problem.messages))
            else:
                messages.success(request, "Evidence cited.")
                return redirect(
                    reverse(
                        "recommendations:cite",
                        kwargs={
                            "assessment_id": membership.assessment_id,
                            "recommendation_id": recommendation.pk,
                        },
                    )
                )
        else:
            error = "Choose a finding to cite."
    offered = queries.evidence_on_offer(membership.assessment, recommendation)
    return render(
        request,
        "recommendations/cite.html",
        _context(
            membership,
            recommendation=recommendation,
            offered=offered,
            error=error,
            evidence=queries.cited_evidence(recommendation),
        ),
    )


@member_view(Role.EDITOR)
@require_POST
def uncite(
    request: SignedInRequest, membership: Membership, recommendation_id: int, citation_id: int
) -> HttpResponse:
    recommendation = _recommendation(membership, recommendation_id)
    citation = recommendation.citations.filter(pk=citation_id).first()
    if citation is None:
        raise Http404("No such citation")
    actions.remove_citation(actor=request.user, citation=citation)
    messages.success(request, "Evidence removed from the recommendation.")
    return redirect(
        "recommendations:detail",
        assessment_id=membership.assessment_id,
        recommendation_id=recommendation.pk,
    )


@member_view(Role.EDITOR)
@require_POST
def move(request: SignedInRequest, membership: Membership, recommendation_id: int) -> HttpResponse:
    recommendation = _recommendation(membership, recommendation_id)
    actions.move_recommendation(
        actor=request.user, recommendation=recommendation, up=request.POST.get("to") == "up"
    )
    url = reverse("recommendations:register", kwargs={"assessment_id": membership.assessment_id})
    return redirect(f"{url}#recommendation-{recommendation.pk}")


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def categories(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = CategoryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_category(
                actor=request.user,
                assessment=membership.assessment,
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, "Category added.")
            return redirect("recommendations:categories", assessment_id=membership.assessment_id)
    return render(
        request,
        "recommendations/categories.html",
        _context(
            membership,
            form=form,
            categories=queries.categories_with_counts(membership.assessment),
            defaults=queries.category_names(membership.assessment),
        ),
    )


def _category(membership: Membership, category_id: int) -> Category:
    found = Category.objects.filter(assessment=membership.assessment, pk=category_id).first()
    if found is None:
        raise Http404("No such category")
    return found


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def category_rename(
    request: SignedInRequest, membership: Membership, category_id: int
) -> HttpResponse:
    category = _category(membership, category_id)
    form = CategoryForm(
        request.POST if request.method == "POST" else None, initial={"name": category.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.rename_category(
                actor=request.user, category=category, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, "Category renamed.")
            return redirect("recommendations:categories", assessment_id=membership.assessment_id)
    return render(
        request,
        "recommendations/category_rename.html",
        _context(membership, form=form, category=category),
    )


@member_view(Role.EDITOR)
@require_POST
def category_remove(
    request: SignedInRequest, membership: Membership, category_id: int
) -> HttpResponse:
    category = _category(membership, category_id)
    try:
        actions.remove_category(actor=request.user, category=category)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Category {category.name} removed.")
    return redirect("recommendations:categories", assessment_id=membership.assessment_id)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def import_file(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Upload a register (only stored here; the worker imports it); polled while it runs."""
    assessment = membership.assessment
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        tasks.start_register_import(
            actor=request.user, assessment=assessment, file_name=upload.name, chunks=upload.chunks()
        )
        return redirect("recommendations:import", assessment_id=membership.assessment_id)
    job = tasks.latest_register_import(assessment)
    context = _context(
        membership,
        form=form,
        columns=REQUIRED,
        job=job,
        problems=job.error_reason.splitlines() if job else [],
        can_retry=job is not None and tasks.can_retry(job),
    )
    if request.htmx and not posted:
        return render(request, "recommendations/_import_progress.html", context)
    return render(
        request, "recommendations/import.html", context, status=400 if form.errors else 200
    )


@member_view(Role.EDITOR)
@require_POST
def import_cancel(request: SignedInRequest, membership: Membership, job_id: int) -> HttpResponse:
    job = get_object_or_404(RegisterImport, pk=job_id, assessment=membership.assessment)
    tasks.cancel_register_import(actor=request.user, job=job)
    return redirect("recommendations:import", assessment_id=membership.assessment_id)


@member_view(Role.EDITOR)
@require_POST
def import_retry(request: SignedInRequest, membership: Membership, job_id: int) -> HttpResponse:
    job = get_object_or_404(RegisterImport, pk=job_id, assessment=membership.assessment)
    try:
        tasks.retry_register_import(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("recommendations:import", assessment_id=membership.assessment_id)


@member_view()
@require_GET
def download(request: SignedInRequest, membership: Membership, file_format: str) -> HttpResponse:
    if file_format not in queries.EXPORT_TYPES:
        raise Http404("No such format")
    assessment = membership.assessment
    body, _ = queries.export_register(
        actor=request.user, assessment=assessment, file_format=file_format
    )
    response = HttpResponse(body, content_type=queries.EXPORT_TYPES[file_format])
    stem = f"pairsight-recommendations-{assessment.area.ons_code}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response
