"""The consultation's pages. Consultees open these and nothing else of the assessment; the team
opens them too, and sees everyone's responses where a consultee sees only their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.recommendations.consultation import actions, queries
from pairsight.recommendations.consultation.forms import ChangeForm, OpenRoundForm, ResponseForm
from pairsight.recommendations.consultation.models import ConsultationRound
from pairsight.recommendations.models import Recommendation
from pairsight.recommendations.views import _errors_into


def _context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "consultation" if _is_consultee(membership) else "recommendations",
        "is_consultee": _is_consultee(membership),
        "can_edit": can(membership, Role.EDITOR),
        "is_lead": can(membership, Role.LEAD),
        **extra,
    }


def _is_consultee(membership: Membership) -> bool:
    return membership.role == Role.CONSULTEE


def _round(membership: Membership, round_id: int) -> ConsultationRound:
    found = queries.round_of(membership.assessment, round_id)
    if found is None:
        raise Http404("No such consultation")
    return found


def _recommendation(consultation: ConsultationRound, recommendation_id: int) -> Recommendation:
    try:
        return queries.recommendation_in(consultation, recommendation_id)
    except LookupError:
        raise Http404("No such recommendation in this consultation") from None


def _saved(
    request: SignedInRequest,
    form: Any,
    consultation: ConsultationRound,
    save: Callable[[], object],
    message: str,
) -> HttpResponse | None:
    """Run the use case; back to the round when it took, else its errors onto the form."""
    try:
        save()
    except ValidationError as error:
        _errors_into(form, error)
        return None
    messages.success(request, message)
    return redirect(
        "recommendations:consultation_round",
        assessment_id=consultation.assessment_id,
        round_id=consultation.pk,
    )


@member_view(Role.CONSULTEE)
@require_GET
def home(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """The consultation's way in: a consultee goes straight to the round they can answer."""
    assessment = membership.assessment
    if _is_consultee(membership):
        latest = queries.latest_round(assessment)
        if latest is not None:
            return redirect(
                "recommendations:consultation_round",
                assessment_id=assessment.pk,
                round_id=latest.pk,
            )
    found = list(queries.rounds(assessment)) if not _is_consultee(membership) else []
    return render(
        request,
        "recommendations/consultation/home.html",
        _context(
            membership,
            rounds=found,
            open_now=any(r.is_open for r in found),
            drafts=queries.drafts(assessment).count(),
        ),
    )


@member_view(Role.LEAD)
@require_http_methods(["GET", "POST"])
def open_round(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    drafts = list(queries.drafts(assessment))
    choices = [(str(r.pk), f"{r.number} {r.title}") for r in drafts]
    form = OpenRoundForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        initial={"recommendations": [value for value, _ in choices]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation = actions.open_round(
                actor=request.user,
                assessment=assessment,
                closes_on=form.cleaned_data["closes_on"],
                recommendation_ids=[int(pk) for pk in form.cleaned_data["recommendations"]],
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, "The consultation is open.")
            return redirect(
                "recommendations:consultation_round",
                assessment_id=assessment.pk,
                round_id=consultation.pk,
            )
    chosen = set(form["recommendations"].value() or [])
    return render(
        request,
        "recommendations/consultation/open.html",
        _context(membership, form=form, drafts=drafts, chosen=chosen, today=timezone.localdate()),
        status=400 if form.errors else 200,
    )


@member_view(Role.CONSULTEE)
@require_GET
def round_page(request: SignedInRequest, membership: Membership, round_id: int) -> HttpResponse:
    consultation = _round(membership, round_id)
    if _is_consultee(membership):
        mine = queries.own_responses(consultation, request.user)
        items = [(r, mine.get(r.pk)) for r in queries.round_recommendations(consultation)]
        return render(
            request,
            "recommendations/consultation/consultee_round.html",
            _context(membership, consultation=consultation, items=items),
        )
    return render(
        request,
        "recommendations/consultation/round.html",
        _context(
            membership,
            consultation=consultation,
            results=queries.responses_by_recommendation(consultation),
            respondents=queries.respondents(consultation),
        ),
    )


@member_view(Role.LEAD)
@require_POST
def close_round(request: SignedInRequest, membership: Membership, round_id: int) -> HttpResponse:
    consultation = _round(membership, round_id)
    try:
        actions.close_round(actor=request.user, consultation=consultation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The consultation is closed.")
    return redirect(
        "recommendations:consultation_round",
        assessment_id=membership.assessment_id,
        round_id=consultation.pk,
    )


@member_view(Role.CONSULTEE, writes=Role.CONSULTEE)
@require_http_methods(["GET", "POST"])
def respond(
    request: SignedInRequest, membership: Membership, round_id: int, recommendation_id: int
) -> HttpResponse:
    """One recommendation and its evidence as consultees see it, with their response form."""
    if request.method == "POST" and not _is_consultee(membership):
        raise PermissionDenied("Only consultees respond to a consultation")
    consultation = _round(membership, round_id)
    recommendation = _recommendation(consultation, recommendation_id)
    mine = queries.own_responses(consultation, request.user).get(recommendation.pk)
    initial = {"rating": mine.rating, "comment": mine.comment} if mine else {}
    form = ResponseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            consultation,
            lambda: actions.respond(
                actor=request.user,
                consultation=consultation,
                recommendation=recommendation,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            ),
            f"Your response to recommendation {recommendation.number} is saved.",
        )
        if done is not None:
            return done
    return render(
        request,
        "recommendations/consultation/respond.html",
        _context(
            membership,
            consultation=consultation,
            recommendation=recommendation,
            citations=list(recommendation.citations.all()),
            form=form,
            response=mine,
        ),
        status=400 if form.errors else 200,
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def change_made(
    request: SignedInRequest, membership: Membership, round_id: int, recommendation_id: int
) -> HttpResponse:
    consultation = _round(membership, round_id)
    recommendation = _recommendation(consultation, recommendation_id)
    found = recommendation.consultation_changes.filter(round=consultation).first()
    form = ChangeForm(
        request.POST if request.method == "POST" else None,
        initial={"note": found.note} if found else {},
    )
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            consultation,
            lambda: actions.record_change_made(
                actor=request.user,
                consultation=consultation,
                recommendation=recommendation,
                note=form.cleaned_data["note"],
            ),
            f"The change made to recommendation {recommendation.number} is recorded.",
        )
        if done is not None:
            return done
    return render(
        request,
        "recommendations/consultation/change.html",
        _context(membership, consultation=consultation, recommendation=recommendation, form=form),
        status=400 if form.errors else 200,
    )
