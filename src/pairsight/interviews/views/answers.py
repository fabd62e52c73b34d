"""Coding written survey answers with the interview codebook (offered through core.codable)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.interviews import actions, queries
from pairsight.interviews.forms import ThemesForm
from pairsight.interviews.models import AnswerCoding
from pairsight.interviews.views.common import page_context, show_refusal, ticked_themes


@member_view()
@require_GET
def answers(request: SignedInRequest, membership: Membership) -> HttpResponse:
    questions = queries.answers_to_code(membership.assessment, request.user)
    context = page_context(
        membership,
        questions=questions,
        answers=sum(len(rows) for _, _, rows in questions),
        coded=sum(1 for _, _, rows in questions for row in rows if row.coding),
        synthetic=sorted({r.answer.synthetic for _, _, rows in questions for r in rows} - {""}),
    )
    return render(request, "interviews/answers.html", context)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def answer(request: SignedInRequest, membership: Membership, answer_key: str) -> HttpResponse:
    """Tag one written answer with themes, as the coder's own coding."""
    key = answer_key[:100]
    found = queries.answer_to_code(membership.assessment, request.user, key)
    if found is None:
        raise Http404("There is no such written answer")
    initial = (
        {"themes": [t.pk for t in found.coding.themes.all()], "memo": found.coding.memo}
        if found.coding
        else {}
    )
    posted = request.POST if request.method == "POST" else None
    form = ThemesForm(posted, initial=initial, assessment=membership.assessment)
    if posted is not None and form.is_valid():
        try:
            actions.code_answer(
                actor=request.user,
                assessment=membership.assessment,
                answer_key=key,
                theme_ids=form.cleaned_data["themes"],
                memo=form.cleaned_data["memo"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The answer has been tagged")
            return redirect("interviews:answers", assessment_id=membership.assessment_id)
    context = page_context(
        membership,
        found=found,
        form=form,
        categories=queries.categories(membership.assessment),
        selected=ticked_themes(form),
    )
    return render(request, "interviews/answer.html", context, status=400 if form.errors else 200)


@member_view(Role.EDITOR)
@require_POST
def answer_uncode(request: SignedInRequest, membership: Membership) -> HttpResponse:
    chosen = request.POST.get("coding", "")
    coding = get_object_or_404(
        AnswerCoding, pk=int(chosen) if chosen.isdigit() else 0, assessment=membership.assessment
    )
    actions.uncode_answer(actor=request.user, coding=coding)
    messages.success(request, "The themes have been removed from the answer")
    return redirect("interviews:answers", assessment_id=membership.assessment_id)
