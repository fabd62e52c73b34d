"""The plan's pages: thin views over the use cases in actions.py and reads in queries.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views import download_response
from pairsight.plan import actions, queries
from pairsight.plan.forms import FORMS, DecisionForm, TemplateForm
from pairsight.plan.models import Dissemination, Milestone

#: What each kind is called on its pages: (a new one, the thing itself).
NAMES = {
    "milestone": ("Add a milestone", "milestone"),
    "member": ("Add a steering group member", "steering group member"),
    "meeting": ("Add a steering group meeting", "meeting"),
    "decision": ("Record a decision", "decision"),
    "dissemination": ("Add to the dissemination plan", "line of the dissemination plan"),
}
EDITABLE = {"milestone", "dissemination"}
ANCHORS = {"milestone": "milestones", "dissemination": "dissemination"}


def _context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "can_edit": can(membership, Role.EDITOR),
        **extra,
    }


def _back(membership: Membership, kind: str) -> HttpResponse:
    response = redirect("plan:page", assessment_id=membership.assessment.pk)
    response["Location"] += f"#{ANCHORS.get(kind, 'governance')}"
    return response


def _errors_into(form: forms.Form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@member_view()
@require_GET
def page(request: SignedInRequest, membership: Membership) -> HttpResponse:
    return render(
        request, "plan/page.html", _context(membership, plan=queries.plan_of(membership.assessment))
    )


@member_view()
@require_GET
def download(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    body = queries.export_plan(actor=request.user, assessment=assessment)
    name = f"pairsight-plan-{assessment.area.ons_code}.csv"
    return download_response(body, "text/csv; charset=utf-8", name)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def start_from_template(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = TemplateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.start_plan_from_template(
                actor=request.user, assessment=membership.assessment, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, f"The plan has {len(made)} milestones from the template.")
            return _back(membership, "milestone")
    return render(request, "plan/template.html", _context(membership, form=form))


def _form(kind: str, membership: Membership, data: Any, initial: dict[str, Any]) -> forms.Form:
    if kind == "decision":
        meetings = queries.plan_of(membership.assessment).meetings
        return DecisionForm(data, initial=initial, meetings=[(m.pk, str(m)) for m in meetings])
    return FORMS[kind](data, initial=initial)


def _arguments(kind: str, membership: Membership, cleaned: dict[str, Any]) -> dict[str, Any]:
    if kind == "decision":
        chosen = cleaned.pop("meeting")
        cleaned["meeting"] = (
            queries.item_of(membership.assessment, "meeting", int(chosen)) if chosen else None
        )
    return cleaned


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def add(request: SignedInRequest, membership: Membership, kind: str) -> HttpResponse:
    if kind not in FORMS:
        raise Http404("No such part of the plan")
    form = _form(kind, membership, request.POST if request.method == "POST" else None, {})
    if request.method == "POST" and form.is_valid():
        use_case = getattr(actions, f"{'record' if kind == 'decision' else 'add'}_{_name(kind)}")
        try:
            use_case(
                actor=request.user,
                assessment=membership.assessment,
                **_arguments(kind, membership, dict(form.cleaned_data)),
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, f"The {NAMES[kind][1]} has been saved.")
            return _back(membership, kind)
    return render(
        request, "plan/edit.html", _context(membership, form=form, heading=NAMES[kind][0])
    )


def _name(kind: str) -> str:
    return "steering_member" if kind == "member" else kind


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def edit(request: SignedInRequest, membership: Membership, kind: str, item_id: int) -> HttpResponse:
    item = queries.item_of(membership.assessment, kind, item_id)
    if kind not in EDITABLE or item is None:
        raise Http404("No such milestone or line of the dissemination plan")
    assert isinstance(item, Milestone | Dissemination)
    initial = {name: getattr(item, name) for name in FORMS[kind].base_fields}
    initial["done"] = "yes" if item.done else "no"
    form = _form(kind, membership, request.POST if request.method == "POST" else None, initial)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(item, Milestone):
                actions.change_milestone(actor=request.user, milestone=item, **form.cleaned_data)
            else:
                actions.change_dissemination(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, f"The {NAMES[kind][1]} has been saved.")
            return _back(membership, kind)
    heading = f"Change the {NAMES[kind][1]}"
    return render(request, "plan/edit.html", _context(membership, form=form, heading=heading))


@member_view(Role.EDITOR)
@require_POST
def remove(
    request: SignedInRequest, membership: Membership, kind: str, item_id: int
) -> HttpResponse:
    item = queries.item_of(membership.assessment, kind, item_id)
    if item is None:
        raise Http404("No such item of the plan")
    try:
        actions.remove_plan_item(actor=request.user, item=item)  # type: ignore[arg-type]
    except ValidationError as error:
        for problems in error.message_dict.values():
            messages.error(request, " ".join(problems))
    else:
        messages.success(request, f"The {NAMES[kind][1]} has been removed.")
    return _back(membership, kind)
