"""The population workspace: the need estimate from its inputs, and the official data offered."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views.pagecache import kept_page
from pairsight.officialdata.download import downloaded_files
from pairsight.population import actions, queries
from pairsight.population.display import estimate_page
from pairsight.population.estimate import NeedEstimate, estimate
from pairsight.population.forms import (
    NeedForms,
    OfficialFileForm,
    ScenarioForm,
    default_query,
    inputs_query,
)
from pairsight.population.models import Scenario
from pairsight.population.official_offers import official_offer

fragments = caches["fragments"]


def current_estimate(forms: NeedForms, membership: Membership) -> NeedEstimate | None:
    if not forms.is_valid():
        return None
    area = membership.assessment.area
    inputs = forms.population_inputs(area_name=area.name, area_code=area.ons_code)
    return estimate(inputs) if inputs is not None else None


@dataclass(frozen=True)
class WorkspaceParts:
    """The parts of the population workspace that depend only on the inputs and the area."""

    bound: bool
    valid: bool
    stored_inputs: str
    error_summary: str
    inputs_form: str
    estimate: str
    waiting_for: str = ""


def person_name(user: Any) -> str:
    """How a typed figure names the person who entered it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.get_full_name().strip() or user.get_username())


def _parts_key(
    membership: Membership, data: QueryDict | None, *, add_row: bool, focus: bool, person: str
) -> str:
    area = membership.assessment.area
    items = sorted(data.lists()) if data is not None else []
    text = repr((membership.assessment_id, area.name, area.ons_code, add_row, focus, person, items))
    return "population-workspace:" + hashlib.sha256(text.encode()).hexdigest()


def workspace_parts(
    membership: Membership,
    data: QueryDict | None,
    *,
    add_row: bool,
    focus: bool,
    person: str = "",
) -> WorkspaceParts:
    """Validated form, error summary and estimate, rendered once per distinct set of inputs.

    They are the same for everyone who enters the same inputs in the same assessment (and
    name the same person for typed figures) and hold no CSRF token, so they are kept in
    this process's memory.
    """
    key = _parts_key(membership, data, add_row=add_row, focus=focus, person=person)
    cached = fragments.get(key)
    if cached is not None:
        return cast(WorkspaceParts, cached)
    forms = NeedForms(data, add_row=add_row, entered_by=person)
    result = current_estimate(forms, membership)
    assessment = membership.assessment
    parts = WorkspaceParts(
        bound=forms.bound,
        valid=result is not None,
        waiting_for=forms.inputs.waiting_for,
        stored_inputs=_urlencode(forms.stored_inputs()) if result is not None else "",
        error_summary=(
            render_to_string(
                "nhsuk/error_summary.html",
                {"forms": forms.error_forms, "no_autofocus": not focus},
            )
            if forms.bound
            else ""
        ),
        inputs_form=render_to_string(
            "population/_inputs_form.html",
            {
                "form": forms.inputs,
                "capacity": forms.capacity,
                "assessment": assessment,
                "source": forms.children_source(),
                "source_note": forms.waiting_source_note(),
                "parts_notes": forms.parts_notes(),
                "add_row": add_row,
            },
        ),
        estimate=(
            render_to_string(
                "population/_estimate.html",
                {
                    "page": estimate_page(result),
                    "children_official": forms.children_source().official
                    and forms.children_source().applies_to(result.inputs.children),
                },
            )
            if result is not None
            else ""
        ),
    )
    fragments.set(key, parts, timeout=None)
    return parts


def workspace_context(
    request: SignedInRequest,
    membership: Membership,
    data: QueryDict | None,
    *,
    add_row: bool = False,
    opened: Scenario | None = None,
    save_form: ScenarioForm | None = None,
) -> dict[str, Any]:
    assessment = membership.assessment
    offer = official_offer(
        Path(settings.PAIRSIGHT_OFFICIAL_DATA_DIR),
        assessment.area.ons_code,
        first_year=assessment.start_year,
    )
    base = data if data is not None else default_query()
    return {
        "offer": offer,
        "offer_links": [
            (figure, _use_link(membership, base, figure.use)) for figure in offer.figures
        ]
        if offer is not None
        else [],
        "is_lead": can(membership, Role.LEAD),
        "membership": membership,
        "assessment": membership.assessment,
        "section": "population",
        # In-place updates leave focus alone (app.js moves it when the person submits).
        "parts": workspace_parts(
            membership,
            data,
            add_row=add_row,
            focus=not request.htmx,
            person=person_name(request.user),
        ),
        "opened": opened,
        "can_edit": can(membership, Role.EDITOR),
        "save_form": save_form or ScenarioForm(),
        "scenario_count": queries.scenarios(membership.assessment).count,
    }


def _use_link(membership: Membership, base: QueryDict, use: dict[str, str]) -> str:
    if not use:
        return ""
    query = base.copy()
    for name, value in use.items():
        query[name] = value
    url = reverse("population:page", kwargs={"assessment_id": membership.assessment_id})
    return f"{url}?{query.urlencode()}"


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def official_data(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """A lead adds an official file downloaded by hand (for servers without internet)."""
    form = OfficialFileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            added = actions.add_official_file(
                actor=request.user,
                assessment=membership.assessment,
                stream=upload,
                name=upload.name,
                source=form.cleaned_data["source"],
                kind=form.cleaned_data["kind"] or None,
                folder=Path(settings.PAIRSIGHT_OFFICIAL_DATA_DIR),
            )
        except ValidationError as error:
            for message in error.message_dict.get("file", error.messages):
                form.add_error("file", message)
        else:
            messages.success(request, f"{added.name} has been checked and added")
            return redirect("population:page", assessment_id=membership.assessment_id)
    folder = Path(settings.PAIRSIGHT_OFFICIAL_DATA_DIR)
    return render(
        request,
        "population/official_data.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "section": "population",
            "form": form,
            "files": downloaded_files(folder),
        },
        status=400 if form.errors else 200,
    )


def _urlencode(values: dict[str, str]) -> str:
    return inputs_query(values).urlencode()


@member_view()
@require_GET
def population_page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    return kept_page(
        request, membership, "population", lambda: _population_page(request, membership)
    )


def _population_page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    opened = None
    if "children" in request.GET:
        data: QueryDict | None = request.GET
    elif "scenario" in request.GET:
        try:
            opened = scenario_of(membership, int(request.GET["scenario"]))
        except ValueError:
            raise Http404("No such scenario") from None
        data = queries.stored_query(opened)
    else:
        opened = queries.chosen_scenario(assessment)
        data = queries.stored_query(opened) if opened is not None else default_query()
    context = workspace_context(
        request, membership, data, add_row="add_service" in request.GET, opened=opened
    )
    if request.htmx and not request.htmx.boosted:
        return render(request, "population/_workspace.html", context)
    return render(request, "population/page.html", context)


def scenario_of(membership: Membership, scenario_id: int) -> Scenario:
    return get_object_or_404(Scenario, pk=scenario_id, assessment_id=membership.assessment_id)
