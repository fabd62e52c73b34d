"""Scenarios: saving the inputs as one, listing, comparing, choosing, deleting, downloading."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.audit import record_export
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.population import actions, queries
from pairsight.population.display import compare_rows, estimate_page
from pairsight.population.forms import (
    CompareForm,
    NeedForms,
    ScenarioForm,
)
from pairsight.population.render import need_csv
from pairsight.population.views.workspace import (
    current_estimate,
    person_name,
    scenario_of,
    workspace_context,
)


@member_view(Role.EDITOR)
@require_POST
def scenario_save(request: SignedInRequest, membership: Membership) -> HttpResponse:
    save_form = ScenarioForm(request.POST)
    data = QueryDict(request.POST.get("inputs", ""))
    forms = NeedForms(data, entered_by=person_name(request.user))
    if save_form.is_valid():
        result = current_estimate(forms, membership)
        if result is None:
            save_form.add_error(None, "The scenario cannot be saved until the inputs are corrected")
        else:
            try:
                scenario = actions.save_scenario(
                    actor=request.user,
                    assessment=membership.assessment,
                    name=save_form.cleaned_data["name"],
                    notes=save_form.cleaned_data["notes"],
                    inputs=forms.stored_inputs(),
                    result=result,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        save_form.add_error(field if field in save_form.fields else None, message)
            else:
                messages.success(request, f"Scenario {scenario.name} has been saved")
                return redirect(
                    "population:scenario",
                    assessment_id=membership.assessment_id,
                    scenario_id=scenario.pk,
                )
    context = workspace_context(request, membership, data, save_form=save_form)
    return render(request, "population/page.html", context)


@member_view()
@require_GET
def scenario_list(request: SignedInRequest, membership: Membership) -> HttpResponse:
    scenarios = list(queries.scenarios(membership.assessment))
    form = CompareForm(choices=[(s.pk, s.name) for s in scenarios])
    return render(
        request,
        "population/scenarios.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "section": "population",
            "scenarios": scenarios,
            "compare_form": form,
            "can_edit": can(membership, Role.EDITOR),
        },
    )


@member_view()
@require_GET
def scenario_compare(request: SignedInRequest, membership: Membership) -> HttpResponse:
    scenarios = {s.pk: s for s in queries.scenarios(membership.assessment)}
    form = CompareForm(request.GET, choices=[(pk, s.name) for pk, s in scenarios.items()])
    context: dict[str, Any] = {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "population",
        "scenarios": list(scenarios.values()),
        "compare_form": form,
        "can_edit": can(membership, Role.EDITOR),
    }
    if not form.is_valid():
        return render(request, "population/scenarios.html", context)
    chosen = [scenarios[pk] for pk in form.cleaned_data["scenario"]]
    results = [queries.estimate_for(s) for s in chosen]
    broken = [s.name for s, r in zip(chosen, results, strict=True) if r is None]
    if broken:
        form.add_error(
            "scenario", f"{broken[0]} can no longer be worked out: open it and save it again"
        )
        return render(request, "population/scenarios.html", context)
    context.update(
        {
            "compared": chosen,
            "rows": compare_rows([r for r in results if r is not None]),
        }
    )
    return render(request, "population/compare.html", context)


@member_view()
@require_GET
def scenario_detail(
    request: SignedInRequest, membership: Membership, scenario_id: int
) -> HttpResponse:
    scenario = scenario_of(membership, scenario_id)
    result = queries.estimate_for(scenario)
    return render(
        request,
        "population/scenario.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "section": "population",
            "scenario": scenario,
            "result": result,
            "page": estimate_page(result) if result is not None else None,
            "can_edit": can(membership, Role.EDITOR),
        },
    )


@member_view(Role.EDITOR)
@require_POST
def scenario_choose(
    request: SignedInRequest, membership: Membership, scenario_id: int
) -> HttpResponse:
    scenario = scenario_of(membership, scenario_id)
    actions.choose_scenario(actor=request.user, scenario=scenario)
    messages.success(request, f"{scenario.name} is now the assessment's chosen population estimate")
    return redirect(
        "population:scenario", assessment_id=membership.assessment_id, scenario_id=scenario.pk
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def scenario_delete(
    request: SignedInRequest, membership: Membership, scenario_id: int
) -> HttpResponse:
    scenario = scenario_of(membership, scenario_id)
    if request.method == "POST":
        actions.delete_scenario(actor=request.user, scenario=scenario)
        messages.success(request, f"Scenario {scenario.name} has been deleted")
        return redirect("population:scenarios", assessment_id=membership.assessment_id)
    return render(
        request,
        "population/scenario_delete.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "section": "population",
            "scenario": scenario,
        },
    )


@member_view()
@require_GET
def scenario_download(
    request: SignedInRequest, membership: Membership, scenario_id: int
) -> HttpResponse:
    scenario = scenario_of(membership, scenario_id)
    result = queries.estimate_for(scenario)
    if result is None:
        messages.error(
            request, f"{scenario.name} can no longer be worked out: open it and save it again"
        )
        return redirect(
            reverse(
                "population:scenario",
                kwargs={"assessment_id": membership.assessment_id, "scenario_id": scenario.pk},
            )
        )
    record_export(
        actor=request.user,
        assessment=membership.assessment,
        what=f"the population scenario {scenario.name}",
        file_format="CSV",
        object_type="population scenario",
        object_id=scenario.pk,
    )
    code = membership.assessment.area.ons_code
    filename = f"pairsight-need-{code}-{scenario.pk}-{timezone.now():%Y%m%d}.csv"
    return download_response(need_csv(result), "text/csv; charset=utf-8", filename)
