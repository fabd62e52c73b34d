"""Interview pages about participants and their transcripts: the list, the reader, search."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.interviews import actions, queries, semantic
from pairsight.interviews.forms import (
    CodingForm,
    ParticipantForm,
)
from pairsight.interviews.models import Passage, Transcript
from pairsight.interviews.page import reader_turns
from pairsight.interviews.views.common import page_context, show_refusal, ticked_themes


@member_view()
@require_GET
def home(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    context = page_context(
        membership,
        participants=queries.participants(assessment),
        transcripts=queries.transcripts(assessment),
        figures=queries.headline(assessment),
    )
    return render(request, "interviews/home.html", context)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def participant_add(request: SignedInRequest, membership: Membership) -> HttpResponse:
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_participant(
                actor=request.user, assessment=membership.assessment, **form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['pseudonym']} has been added")
            return redirect("interviews:home", assessment_id=membership.assessment_id)
    return render(
        request,
        "interviews/participant_add.html",
        page_context(membership, form=form),
        status=400 if form.errors else 200,
    )


def _transcript(membership: Membership, transcript_id: int) -> Transcript:
    return get_object_or_404(
        Transcript.objects.select_related("participant", "assessment"),
        pk=transcript_id,
        assessment=membership.assessment,
    )


@member_view()
@require_GET
def transcript(
    request: SignedInRequest, membership: Membership, transcript_id: int
) -> HttpResponse:
    stored = actions.read_transcript(
        actor=request.user, transcript=_transcript(membership, transcript_id)
    )
    return _reader(request, membership, stored, CodingForm(assessment=membership.assessment))


def _reader(
    request: SignedInRequest, membership: Membership, stored: Transcript, form: CodingForm
) -> HttpResponse:
    excerpts = queries.excerpts_of(stored)
    spans = [(p.pk, p.start, p.end) for p in stored.passages.all()]
    turns = reader_turns(stored.text, spans, excerpts)
    chosen = request.GET.get("turn", "")
    current = next((t for t in turns if str(t.position) == chosen), turns[0] if turns else None)
    context = page_context(
        membership,
        transcript=stored,
        turns=turns,
        current=current,
        form=form,
        categories=queries.categories(membership.assessment),
        mine=[e for e in excerpts if e.coder_id == request.user.pk],
        selected=ticked_themes(form),
        others=sum(1 for e in excerpts if e.coder_id != request.user.pk),
        semantic_search=semantic.available(),
    )
    status = 400 if form.errors else 200
    return render(request, "interviews/transcript.html", context, status=status)


@member_view(Role.EDITOR)
@require_POST
def code(request: SignedInRequest, membership: Membership, transcript_id: int) -> HttpResponse:
    stored = _transcript(membership, transcript_id)
    form = CodingForm(request.POST, assessment=membership.assessment)
    if form.is_valid():
        try:
            actions.code_excerpt(
                actor=request.user,
                transcript=stored,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                theme_ids=form.cleaned_data["themes"],
                memo=form.cleaned_data["memo"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The excerpt has been tagged")
            url = reverse(
                "interviews:transcript",
                kwargs={"assessment_id": membership.assessment_id, "transcript_id": stored.pk},
            )
            return redirect(f"{url}?turn={request.POST.get('turn', '')}#coding")
    actions.read_transcript(actor=request.user, transcript=stored)
    return _reader(request, membership, stored, form)


@member_view(Role.LEAD)
@require_POST
def transcript_delete(
    request: SignedInRequest, membership: Membership, transcript_id: int
) -> HttpResponse:
    stored = _transcript(membership, transcript_id)
    actions.delete_transcript(actor=request.user, transcript=stored)
    messages.success(request, f"{stored.title} and its coding have been deleted")
    return redirect("interviews:home", assessment_id=membership.assessment_id)


@member_view()
@require_GET
def search(request: SignedInRequest, membership: Membership) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    hits = (
        actions.search_transcripts(actor=request.user, assessment=membership.assessment, text=text)
        if text.strip()
        else []
    )
    return render(request, "interviews/search.html", page_context(membership, q=text, hits=hits))


@member_view()
@require_GET
def similar(request: SignedInRequest, membership: Membership, passage_id: int) -> HttpResponse:
    passage = get_object_or_404(
        Passage.objects.select_related("transcript__participant"),
        pk=passage_id,
        transcript__assessment=membership.assessment,
    )
    # The page shows the passage and others like it: recorded as a read of its transcript.
    actions.read_transcript(actor=request.user, transcript=passage.transcript)
    found, suggested = queries.similar_passages(membership.assessment, passage)
    context = page_context(
        membership,
        passage=passage,
        found=found,
        suggested=suggested,
        installed=semantic.available(),
        model=semantic.MODEL_NAME,
    )
    return render(request, "interviews/similar.html", context)
