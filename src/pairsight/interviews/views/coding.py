"""Coding pages: an excerpt, the theme overview and the agreement between coders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.interviews import actions, queries
from pairsight.interviews.agreement import READING
from pairsight.interviews.analysis import (
    GROUP_LABELS,
    GROUPS,
    co_occurrence,
    quotes,
    theme_counts,
)
from pairsight.interviews.forms import (
    ExcerptForm,
)
from pairsight.interviews.models import Excerpt
from pairsight.interviews.views.common import page_context, show_refusal, ticked_themes


def _excerpt(membership: Membership, excerpt_id: int) -> Excerpt:
    return get_object_or_404(
        Excerpt.objects.select_related("transcript__assessment"),
        pk=excerpt_id,
        transcript__assessment=membership.assessment,
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def excerpt(request: SignedInRequest, membership: Membership, excerpt_id: int) -> HttpResponse:
    found = _excerpt(membership, excerpt_id)
    initial = {
        "themes": list(found.themes.values_list("pk", flat=True)),
        "memo": found.memo,
        "quote": found.quote,
    }
    form = ExcerptForm(request.POST or None, initial=initial, assessment=membership.assessment)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_excerpt(
                actor=request.user,
                excerpt=found,
                theme_ids=form.cleaned_data["themes"],
                memo=form.cleaned_data["memo"],
                quote=form.cleaned_data["quote"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The excerpt has been changed")
            return redirect(
                "interviews:transcript",
                assessment_id=membership.assessment_id,
                transcript_id=found.transcript_id,
            )
    context = page_context(
        membership,
        excerpt=found,
        form=form,
        categories=queries.categories(membership.assessment),
        selected=ticked_themes(form),
    )
    return render(request, "interviews/excerpt.html", context, status=400 if form.errors else 200)


@member_view(Role.EDITOR)
@require_POST
def excerpt_remove(
    request: SignedInRequest, membership: Membership, excerpt_id: int
) -> HttpResponse:
    found = _excerpt(membership, excerpt_id)
    actions.remove_excerpt(actor=request.user, excerpt=found)
    messages.success(request, "The excerpt has been removed")
    return redirect(
        "interviews:transcript",
        assessment_id=membership.assessment_id,
        transcript_id=found.transcript_id,
    )


@member_view()
@require_GET
def themes(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    excerpts = queries.coded_excerpts(assessment)
    order = queries.theme_order(assessment)
    answered = {c.theme: c for c in theme_counts(queries.coded_answers(assessment), order)}
    rows = [
        {
            "count": c,
            "cells": [(c.participants[g], c.excerpts[g]) for g in GROUPS],
            "answers": answered[c.theme],
            "quotes": quotes(excerpts, c.theme),
        }
        for c in theme_counts(excerpts, order)
    ]
    context = page_context(
        membership,
        rows=rows,
        groups=[GROUP_LABELS[g] for g in GROUPS],
        any_answers=any(c.excerpts_total for c in answered.values()),
        synthetic=sorted({e.synthetic for e in excerpts} - {""}),
        pairs=sorted(co_occurrence(excerpts).items(), key=lambda kv: -kv[1])[:20],
        waiting=queries.waiting_coders(assessment),
    )
    return render(request, "interviews/themes.html", context)


@member_view()
@require_GET
def agreement(request: SignedInRequest, membership: Membership) -> HttpResponse:
    result = queries.double_coded(membership.assessment)
    context = page_context(
        membership,
        result=result,
        reading=READING,
        waiting=queries.waiting_coders(membership.assessment),
    )
    return render(request, "interviews/agreement.html", context)


@member_view(Role.LEAD)
@require_POST
def merge(request: SignedInRequest, membership: Membership) -> HttpResponse:
    try:
        count = actions.merge_coding(
            actor=request.user,
            assessment=membership.assessment,
            coder_id=int(request.POST.get("coder", "0") or 0),
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"{count} excerpts are now counted in the analysis")
    return redirect("interviews:agreement", assessment_id=membership.assessment_id)
