"""The team: members, their roles, set-password links and setting a password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments import actions, queries
from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.audit import display_name
from pairsight.assessments.forms import (
    MemberForm,
    NewPasswordForm,
    RoleForm,
)
from pairsight.assessments.models import Membership, Role
from pairsight.assessments.views.responses import apply_errors


@member_view()
@require_GET
def team(request: SignedInRequest, membership: Membership) -> HttpResponse:
    is_lead = can(membership, Role.LEAD)
    return render(
        request,
        "assessments/team.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "members": queries.members(membership.assessment),
            "is_lead": is_lead,
            "linkable": queries.linkable_member_ids(membership.assessment) if is_lead else set(),
        },
    )


def _link(request: SignedInRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("set_password", kwargs={"token": token}))


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def member_add(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    form = MemberForm(request.POST or None, initial={"role": Role.VIEWER})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_member(
                actor=request.user,
                assessment=assessment,
                link_url=lambda token: _link(request, token),
                sign_in_url=request.build_absolute_uri(reverse("login")),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # The same answer whether or not the address already had an account: a lead
            # must not learn that, nor get a link to someone else's account. The link for
            # someone new is e-mailed, or made from the team page.
            role = Role(form.cleaned_data["role"]).label.lower()
            messages.success(request, f"{form.cleaned_data['email']} has been added as {role}")
            return redirect("assessments:team", assessment_id=assessment.pk)
    return render(
        request,
        "assessments/member_add.html",
        {"form": form, "membership": membership, "assessment": assessment},
    )


def _show_link(
    request: SignedInRequest, membership: Membership, member: Membership, token: str
) -> HttpResponse:
    # The link is shown once, in this response only; only its hash is stored.
    return render(
        request,
        "assessments/member_link.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "member": member,
            "link": _link(request, token),
            "invitation_days": settings.PAIRSIGHT_INVITATION_DAYS,
        },
    )


def _member(membership: Membership, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_id,
        assessment_id=membership.assessment_id,
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def member_change(
    request: SignedInRequest, membership: Membership, membership_id: int
) -> HttpResponse:
    member = _member(membership, membership_id)
    form = RoleForm(request.POST or None, initial={"role": member.role})
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_role(
                actor=request.user, membership=member, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{display_name(member.user)}'s role has been saved")
            return redirect("assessments:team", assessment_id=membership.assessment_id)
    return render(
        request,
        "assessments/member_change.html",
        {
            "form": form,
            "membership": membership,
            "assessment": membership.assessment,
            "member": member,
        },
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def member_remove(
    request: SignedInRequest, membership: Membership, membership_id: int
) -> HttpResponse:
    member = _member(membership, membership_id)
    error = ""
    if request.method == "POST":
        try:
            actions.remove_member(actor=request.user, membership=member)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, f"{display_name(member.user)} has been removed")
            if member.pk == membership.pk:
                return redirect("assessments:list")
            return redirect("assessments:team", assessment_id=membership.assessment_id)
    return render(
        request,
        "assessments/member_remove.html",
        {
            "membership": membership,
            "assessment": membership.assessment,
            "member": member,
            "error": error,
        },
        status=400 if error else 200,
    )


@member_view(Role.LEAD)
@require_POST
def member_link(
    request: SignedInRequest, membership: Membership, membership_id: int
) -> HttpResponse:
    member = _member(membership, membership_id)
    try:
        token = actions.new_link(actor=request.user, membership=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:team", assessment_id=membership.assessment_id)
    return _show_link(request, membership, member, token)


@login_not_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest, token: str) -> HttpResponse:
    invitation = queries.usable_invitation(token)
    if invitation is None:
        return render(request, "assessments/link_expired.html", status=404)
    form = NewPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except ValidationError:
            return render(request, "assessments/link_expired.html", status=404)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, "Your password has been set. You are now signed in.")
        # A consultee opens only the consultation: that is their way into the assessment.
        consultee = queries.is_consultee(user, invitation.assessment_id)
        home = "recommendations:consultation" if consultee else "assessments:dashboard"
        return redirect(home, assessment_id=invitation.assessment_id)
    return render(
        request,
        "assessments/set_password.html",
        {"form": form, "invitation": invitation},
    )
