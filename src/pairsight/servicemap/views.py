from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.servicemap import actions, queries
from pairsight.servicemap.forms import (
    AddServiceForm,
    ClassifyForm,
    LocateForm,
    SectorForm,
)
from pairsight.servicemap.matrix import matrix_rows
from pairsight.servicemap.models import Service
from pairsight.servicemap.postcodes import PostcodeDirectory, PostcodeError
from pairsight.servicemap.register import FOCUS_LABELS, Focus, Level, Sector
from pairsight.servicemap.tasks import postcodes_io


def page_context(membership: Membership, **extra: Any) -> dict[str, Any]:
    assessment = membership.assessment
    return {
        "membership": membership,
        "assessment": assessment,
        "section": "services",
        "can_edit": can(membership, Role.EDITOR),
        "synthetic": queries.is_synthetic(assessment),
        **extra,
    }


def _filter(request: SignedInRequest) -> queries.RegisterFilter:
    return queries.RegisterFilter(
        search=request.GET.get("q", "").strip()[:200],
        level=request.GET.get("level", ""),
        focus=request.GET.get("focus", ""),
        sector=request.GET.get("sector", ""),
    )


def _filter_choices() -> dict[str, Any]:
    return {
        "level_choices": [(lv.value, lv.label) for lv in Level],
        "focus_choices": [(f.value, f.short_label) for f in Focus],
        "sector_choices": [(s.value, s.label) for s in Sector],
    }


@member_view()
@require_GET
def register(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    chosen = _filter(request)
    marked = set(queries.sectors_without_service(assessment))
    context = page_context(
        membership,
        services=queries.register(assessment, chosen),
        chosen=chosen,
        counts=queries.triage_counts(assessment),
        sources=queries.sources(assessment),
        sectors=[(s, s in marked) for s in Sector],
        **_filter_choices(),
    )
    return render(request, "servicemap/register.html", context)


@member_view()
@require_http_methods(["GET", "POST"])
def triage(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    if request.method == "POST":
        shown = {
            int(v)
            for field in request.POST.getlist("shown")
            for v in field.split(",")
            if v.isdigit()
        }
        confirmed = {int(v) for v in request.POST.getlist("confirm") if v.isdigit()} & shown
        try:
            count = actions.decide_triage(
                actor=request.user,
                assessment=assessment,
                confirmed=confirmed,
                left_out=shown - confirmed,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Confirmed for the map: {count}. Left out: {len(shown) - count}."
            )
        return redirect("servicemap:triage", assessment_id=assessment.pk)
    context = page_context(
        membership,
        services=queries.triage_queue(assessment),
        counts=queries.triage_counts(assessment),
    )
    return render(request, "servicemap/triage.html", context)


@member_view()
@require_http_methods(["GET", "POST"])
def service(request: SignedInRequest, membership: Membership, service_id: int) -> HttpResponse:
    found = queries.service_of(membership.assessment, service_id)
    if found is None:
        raise Http404("No such service")
    initial = {
        "levels": found.levels,
        "focus": found.focus,
        "stages": found.stages,
        "sector": found.sector,
        "referral": found.referral,
        "interventions": [
            i
            for i in found.interventions
            if i in dict(ClassifyForm.base_fields["interventions"].choices)  # type: ignore[attr-defined]
        ],
        "other_interventions": "; ".join(
            i
            for i in found.interventions
            if i not in dict(ClassifyForm.base_fields["interventions"].choices)  # type: ignore[attr-defined]
        ),
        "capacity": found.capacity,
        "caseload_under_two": found.caseload_under_two,
        "eligibility": found.eligibility,
        "excluded": found.excluded,
        "note": found.note,
    }
    form = ClassifyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.classify_service(
                actor=request.user,
                service=found,
                levels=data["levels"],
                focus=data["focus"],
                stages=data["stages"],
                sector=data["sector"],
                referral=data["referral"],
                interventions=form.interventions_chosen(),
                capacity=data["capacity"],
                caseload_under_two=data["caseload_under_two"],
                eligibility=data["eligibility"],
                excluded=data["excluded"],
                note=data["note"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, f"{found.display_name} is classified and on the map.")
            return redirect(
                "servicemap:service", assessment_id=membership.assessment_id, service_id=found.pk
            )
    context = page_context(
        membership,
        service=found,
        form=form,
        focus_labels=FOCUS_LABELS,
        places=found.locations.all(),
    )
    return render(request, "servicemap/service.html", context)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def add(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = AddServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.add_service(
                actor=request.user, assessment=membership.assessment, **form.cleaned_data
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            return redirect(
                "servicemap:service", assessment_id=membership.assessment_id, service_id=created.pk
            )
    return render(request, "servicemap/add.html", page_context(membership, form=form))


@member_view(Role.EDITOR)
@require_POST
def sector(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = SectorForm(request.POST)
    if form.is_valid():
        actions.mark_sector(
            actor=request.user,
            assessment=membership.assessment,
            sector=form.cleaned_data["sector"],
            without_service=form.cleaned_data["without_service"],
        )
        messages.success(request, "The sector's mark is saved.")
    else:
        messages.error(request, "Choose a sector.")
    return redirect("servicemap:register", assessment_id=membership.assessment_id)


@member_view(Role.EDITOR)
@require_POST
def locate(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = LocateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "The postcode directory could not be read.")
        return redirect("servicemap:map", assessment_id=membership.assessment_id)
    upload = form.cleaned_data.get("directory")
    try:
        if upload:
            lookup: Any = PostcodeDirectory.read(upload.read(), upload.name)
            by = "ONS Postcode Directory"
        else:
            lookup, by = postcodes_io(), "postcodes.io"
        count = actions.locate_services(
            actor=request.user, assessment=membership.assessment, lookup=lookup, by=by
        )
    except (PostcodeError, ValidationError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, f"Located {count} places by their postcodes ({by}).")
    return redirect("servicemap:map", assessment_id=membership.assessment_id)


@member_view()
@require_GET
def analysis(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    matrix = queries.matrix(assessment)
    context = page_context(
        membership,
        matrix=matrix,
        matrix_rows=matrix_rows(matrix),
        focus_columns=[f.short_label for f in Focus],
        gaps=queries.gaps(assessment),
    )
    return render(request, "servicemap/analysis.html", context)


@member_view()
@require_GET
def service_map(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    chosen = _filter(request)
    shown = {s.pk for s in queries.register(assessment, chosen)}
    points = [p for p in queries.map_points(assessment) if p["id"] in shown]
    unlocated = [
        s for s in queries.register(assessment, chosen) if s.pk not in {p["id"] for p in points}
    ]
    context = page_context(
        membership,
        points=points,
        unlocated=unlocated,
        chosen=chosen,
        locate_form=LocateForm(),
        **_filter_choices(),
    )
    return render(request, "servicemap/map.html", context)


@member_view()
@require_GET
def support(request: SignedInRequest, membership: Membership) -> HttpResponse:
    layout = queries.support_layout(membership.assessment)
    return render(request, "servicemap/support_map.html", page_context(membership, layout=layout))


@member_view()
@require_GET
def export(request: SignedInRequest, membership: Membership, file_format: str) -> HttpResponse:
    if file_format not in actions.EXPORTS:
        raise Http404("No such format")
    body = actions.export_register(
        actor=request.user, assessment=membership.assessment, file_format=file_format
    )
    _, content_type, suffix = actions.EXPORTS[file_format]
    synthetic = "-synthetic" if queries.is_synthetic(membership.assessment) else ""
    name = f"pairsight-services-{membership.assessment.area.ons_code}{synthetic}.{suffix}"
    return download_response(body, content_type, name)


def triage_state_labels() -> dict[str, str]:
    return dict(Service.Triage.choices)
