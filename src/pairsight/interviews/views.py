"""Interview pages: thin views over the use cases in actions.py and the reads in queries.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pairsight.assessments.access import SignedInRequest, can, member_view
from pairsight.assessments.models import Membership, Role
from pairsight.interviews import actions, queries, redaction, semantic, tasks
from pairsight.interviews.agreement import READING
from pairsight.interviews.analysis import (
    GROUP_LABELS,
    GROUPS,
    co_occurrence,
    quotes,
    theme_counts,
)
from pairsight.interviews.codebook import CodebookError, from_csv, from_qdc, starter_codebook
from pairsight.interviews.forms import (
    CategoryForm,
    CodebookImportForm,
    CodingForm,
    ExcerptForm,
    ParticipantForm,
    ReviewForm,
    ThemeForm,
    UploadForm,
)
from pairsight.interviews.models import (
    Category,
    Excerpt,
    Participant,
    Passage,
    Theme,
    Transcript,
)
from pairsight.interviews.page import reader_turns
from pairsight.interviews.transcripts import TranscriptError


def _context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "interviews",
        "can_edit": can(membership, Role.EDITOR),
        "is_lead": can(membership, Role.LEAD),
        **extra,
    }


def _refused(form: Any, error: ValidationError) -> None:
    """Put a use case's field errors on the form (on the form itself where it has no field)."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _selected(form: Any) -> set[int]:
    """The themes ticked on a coding form (as posted, or as stored)."""
    values = form["themes"].value() or []
    return {int(v) for v in values if str(v).isdigit()}


@member_view()
@require_GET
def home(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    context = _context(
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
            _refused(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['pseudonym']} has been added")
            return redirect("interviews:home", assessment_id=membership.assessment_id)
    return render(
        request,
        "interviews/participant_add.html",
        _context(membership, form=form),
        status=400 if form.errors else 200,
    )


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def upload(request: SignedInRequest, membership: Membership) -> HttpResponse:
    """Step 1 reads the file and shows the proposed redactions; step 2 (review) stores."""
    assessment = membership.assessment
    if request.method == "POST" and request.POST.get("step") == "review":
        return _review(request, membership)
    form = UploadForm(request.POST or None, request.FILES or None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            transcript, proposals = tasks.read_and_propose(file.read(), file.name)
        except TranscriptError as error:
            form.add_error("file", str(error))
        else:
            review = ReviewForm(
                initial={
                    "participant": form.cleaned_data["participant"].pk,
                    "title": form.cleaned_data["title"],
                    "source_format": transcript.source_format,
                    "text": transcript.text,
                    "accepted": [str(i) for i in range(len(proposals))],
                },
                proposals=len(proposals),
            )
            return _review_page(request, membership, review, transcript.text, proposals)
    status = 400 if form.errors else 200
    return render(request, "interviews/upload.html", _context(membership, form=form), status=status)


def _review_page(
    request: SignedInRequest,
    membership: Membership,
    form: ReviewForm,
    text: str,
    proposals: list[redaction.Proposal],
    status: int = 200,
) -> HttpResponse:
    accepted = set(form["accepted"].value() or [])
    rows = [
        {
            "index": str(i),
            "proposal": p,
            "before": text[max(0, p.start - 40) : p.start],
            "after": text[p.end : p.end + 40],
            "checked": str(i) in accepted,
        }
        for i, p in enumerate(proposals)
    ]
    context = _context(membership, form=form, rows=rows)
    return render(request, "interviews/review.html", context, status=status)


def _review(request: SignedInRequest, membership: Membership) -> HttpResponse:
    text = request.POST.get("text", "").replace("\r\n", "\n")
    proposals = redaction.propose(text)
    form = ReviewForm(request.POST, proposals=len(proposals))
    if form.is_valid():
        participant = get_object_or_404(
            Participant, pk=form.cleaned_data["participant"], assessment=membership.assessment
        )
        chosen = [proposals[int(i)] for i in form.cleaned_data["accepted"]]
        chosen += redaction.phrase_redactions(
            text, form.cleaned_data["also_redact"].splitlines(), chosen
        )
        try:
            stored = actions.store_transcript(
                actor=request.user,
                participant=participant,
                title=form.cleaned_data["title"],
                source_format=form.cleaned_data["source_format"],
                text=text,
                accepted=chosen,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            # Long work for a background task once the tasks framework is on main.
            tasks.embed_transcript(stored.pk)
            messages.success(
                request, f"{stored.title} has been stored with {len(chosen)} redactions"
            )
            return redirect(
                "interviews:transcript",
                assessment_id=membership.assessment_id,
                transcript_id=stored.pk,
            )
    return _review_page(request, membership, form, text, proposals, status=400)


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
    context = _context(
        membership,
        transcript=stored,
        turns=turns,
        current=current,
        form=form,
        categories=queries.categories(membership.assessment),
        mine=[e for e in excerpts if e.coder_id == request.user.pk],
        selected=_selected(form),
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
            _refused(form, error)
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
            _refused(form, error)
        else:
            messages.success(request, "The excerpt has been changed")
            return redirect(
                "interviews:transcript",
                assessment_id=membership.assessment_id,
                transcript_id=found.transcript_id,
            )
    context = _context(
        membership,
        excerpt=found,
        form=form,
        categories=queries.categories(membership.assessment),
        selected=_selected(form),
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
def search(request: SignedInRequest, membership: Membership) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    hits = (
        actions.search_transcripts(actor=request.user, assessment=membership.assessment, text=text)
        if text.strip()
        else []
    )
    return render(request, "interviews/search.html", _context(membership, q=text, hits=hits))


@member_view()
@require_GET
def themes(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    excerpts = queries.coded_excerpts(assessment)
    counts = theme_counts(excerpts, queries.theme_order(assessment))
    rows = [
        {
            "count": c,
            "cells": [(c.participants[g], c.excerpts[g]) for g in GROUPS],
            "quotes": quotes(excerpts, c.theme),
        }
        for c in counts
    ]
    context = _context(
        membership,
        rows=rows,
        groups=[GROUP_LABELS[g] for g in GROUPS],
        pairs=sorted(co_occurrence(excerpts).items(), key=lambda kv: -kv[1])[:20],
        waiting=queries.waiting_coders(assessment),
    )
    return render(request, "interviews/themes.html", context)


@member_view()
@require_GET
def agreement(request: SignedInRequest, membership: Membership) -> HttpResponse:
    result = queries.double_coded(membership.assessment)
    context = _context(
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


@member_view()
@require_http_methods(["GET", "POST"])
def codebook(request: SignedInRequest, membership: Membership) -> HttpResponse:
    assessment = membership.assessment
    category_form = CategoryForm(request.POST or None, prefix="category")
    theme_form = ThemeForm(request.POST or None, prefix="theme")
    import_form = CodebookImportForm(request.POST or None, request.FILES or None, prefix="file")
    action = request.POST.get("action")
    if action == "category" and category_form.is_valid():
        try:
            actions.add_category(
                actor=request.user, assessment=assessment, **category_form.cleaned_data
            )
        except ValidationError as error:
            _refused(category_form, error)
        else:
            messages.success(request, f"{category_form.cleaned_data['name']} has been added")
            return redirect(request.path)
    elif action == "theme" and theme_form.is_valid():
        category = get_object_or_404(
            Category, pk=request.POST.get("category") or 0, assessment=assessment
        )
        try:
            actions.save_theme(actor=request.user, category=category, **theme_form.cleaned_data)
        except ValidationError as error:
            _refused(theme_form, error)
        else:
            messages.success(request, f"{theme_form.cleaned_data['name']} has been added")
            return redirect(request.path)
    elif action == "import" and import_form.is_valid():
        file = import_form.cleaned_data["file"]
        try:
            content = file.read()
            parsed = (
                from_csv(content.decode("utf-8-sig"))
                if file.name.lower().endswith(".csv")
                else from_qdc(content)
            )
            added = actions.import_codebook(
                actor=request.user, assessment=assessment, codebook=parsed, file_name=file.name
            )
        except (CodebookError, UnicodeDecodeError) as error:
            import_form.add_error("file", f"{file.name}: {error}")
        else:
            messages.success(request, f"Added {added[0]} categories and {added[1]} themes")
            return redirect(request.path)
    elif action == "starter":
        actions.import_codebook(
            actor=request.user,
            assessment=assessment,
            codebook=starter_codebook(),
            file_name="the starter codebook",
        )
        messages.success(request, "Birmingham's categories have been added")
        return redirect(request.path)
    forms_with_errors = [f for f in (category_form, theme_form, import_form) if f.errors]
    context = _context(
        membership,
        categories=queries.categories(assessment),
        category_form=category_form if action == "category" else CategoryForm(prefix="category"),
        theme_form=theme_form if action == "theme" else ThemeForm(prefix="theme"),
        import_form=import_form if action == "import" else CodebookImportForm(prefix="file"),
        chosen_category=request.POST.get("category", ""),
        error_forms=forms_with_errors,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "interviews/codebook.html", context, status=status)


@member_view(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def theme(request: SignedInRequest, membership: Membership, theme_id: int) -> HttpResponse:
    found = get_object_or_404(
        Theme.objects.select_related("category"),
        pk=theme_id,
        category__assessment=membership.assessment,
    )
    initial = {k: getattr(found, k) for k in ("name", "definition", "example", "memo")}
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_theme(
                actor=request.user, category=found.category, theme=found, **form.cleaned_data
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{found.name} has been saved")
            return redirect("interviews:codebook", assessment_id=membership.assessment_id)
    context = _context(membership, theme=found, form=form)
    return render(request, "interviews/theme.html", context, status=400 if form.errors else 200)


@member_view(Role.LEAD)
@require_POST
def theme_delete(request: SignedInRequest, membership: Membership, theme_id: int) -> HttpResponse:
    found = get_object_or_404(
        Theme.objects.select_related("category__assessment"),
        pk=theme_id,
        category__assessment=membership.assessment,
    )
    actions.delete_theme(actor=request.user, theme=found)
    messages.success(request, f"{found.name} has been deleted")
    return redirect("interviews:codebook", assessment_id=membership.assessment_id)


@member_view()
@require_GET
def codebook_download(
    request: SignedInRequest, membership: Membership, file_format: str
) -> HttpResponse:
    try:
        content = actions.export_codebook(
            actor=request.user, assessment=membership.assessment, file_format=file_format
        )
    except ValidationError:
        return HttpResponse("Choose qdc or csv", status=404, content_type="text/plain")
    content_type = "application/xml" if file_format == "qdc" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    name = f"pairsight-codebook-{membership.assessment.area.ons_code}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
    context = _context(
        membership,
        passage=passage,
        found=found,
        suggested=suggested,
        installed=semantic.available(),
        model=semantic.MODEL_NAME,
    )
    return render(request, "interviews/similar.html", context)
