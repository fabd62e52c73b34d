"""Coding: each coder's excerpts of transcripts and themes of written survey answers, kept
apart until a lead merges them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pairsight.assessments import access
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.core import codable
from pairsight.interviews.models import AnswerCoding, Excerpt, Theme, Transcript


@transaction.atomic
def code_excerpt(
    *,
    actor: Any,
    transcript: Transcript,
    start: int,
    end: int,
    theme_ids: Sequence[int],
    memo: str = "",
) -> Excerpt:
    """Tag the text from `start` to `end` with themes, as the actor's own coding."""
    access.require(actor, transcript.assessment, Role.EDITOR)
    if not 0 <= start < end <= len(transcript.text):
        raise ValidationError({"start": "Select some text of the transcript first"})
    themes = _themes(transcript.assessment, theme_ids)
    excerpt = Excerpt.objects.create(
        transcript=transcript,
        coder=actor,
        start=start,
        end=end,
        text=transcript.text[start:end],
        memo=memo,
    )
    excerpt.themes.set(themes)
    record_change(
        actor=actor,
        assessment=transcript.assessment,
        action="excerpt coded",
        object_type="interview excerpt",
        object_id=excerpt.pk,
        summary=f"Tagged {end - start} characters of {transcript.title} with "
        + ", ".join(t.name for t in themes),
        after=_excerpt_state(excerpt),
    )
    return excerpt


def _themes(assessment: Assessment, theme_ids: Sequence[int]) -> list[Theme]:
    themes = list(Theme.objects.filter(category__assessment=assessment, pk__in=theme_ids))
    if not themes or len(themes) != len(set(theme_ids)):
        raise ValidationError({"themes": "Choose at least one theme of this codebook"})
    return themes


def _excerpt_state(excerpt: Excerpt) -> dict[str, Any]:
    return {
        "start": excerpt.start,
        "end": excerpt.end,
        "themes": sorted(excerpt.themes.values_list("name", flat=True)),
        "memo": excerpt.memo,
        "quote": excerpt.quote,
    }


def _require_own(actor: Any, excerpt: Excerpt) -> None:
    membership = access.require(actor, excerpt.transcript.assessment, Role.EDITOR)
    if membership is None:  # PAIRsight itself (a restore, the demo): no coder to compare
        return
    if excerpt.coder_id != actor.pk and not access.can(membership, Role.LEAD):
        raise PermissionDenied("Only the coder who made an excerpt, or a lead, can change it")


@transaction.atomic
def change_excerpt(
    *, actor: Any, excerpt: Excerpt, theme_ids: Sequence[int], memo: str, quote: bool
) -> Excerpt:
    _require_own(actor, excerpt)
    before = _excerpt_state(excerpt)
    excerpt.themes.set(_themes(excerpt.transcript.assessment, theme_ids))
    excerpt.memo, excerpt.quote = memo, quote
    excerpt.save(update_fields=["memo", "quote", "updated_at"])
    record_change(
        actor=actor,
        assessment=excerpt.transcript.assessment,
        action="excerpt changed",
        object_type="interview excerpt",
        object_id=excerpt.pk,
        summary=f"Changed an excerpt of {excerpt.transcript.title}",
        before=before,
        after=_excerpt_state(excerpt),
    )
    return excerpt


@transaction.atomic
def remove_excerpt(*, actor: Any, excerpt: Excerpt) -> None:
    _require_own(actor, excerpt)
    record_change(
        actor=actor,
        assessment=excerpt.transcript.assessment,
        action="excerpt removed",
        object_type="interview excerpt",
        object_id=excerpt.pk,
        summary=f"Removed an excerpt of {excerpt.transcript.title}",
        before=_excerpt_state(excerpt),
    )
    excerpt.delete()


@transaction.atomic
def merge_coding(*, actor: Any, assessment: Assessment, coder_id: int) -> int:
    """Count a coder's excerpts and answer codings in the analysis and the report.
    Returns how many were merged."""
    access.require(actor, assessment, Role.LEAD)
    excerpts = Excerpt.objects.filter(
        transcript__assessment=assessment, coder_id=coder_id, merged=False
    ).update(merged=True)
    answers = AnswerCoding.objects.filter(
        assessment=assessment, coder_id=coder_id, merged=False
    ).update(merged=True)
    count = excerpts + answers
    if not count:
        raise ValidationError({"coder": "This coder has no coding waiting to be merged"})
    record_change(
        actor=actor,
        assessment=assessment,
        action="coding merged",
        object_type="interview coding",
        object_id=coder_id,
        summary=f"Merged {excerpts} excerpts and {answers} coded survey answers into the analysis",
        after={"coder": coder_id, "excerpts": excerpts, "answers": answers},
    )
    return count


def _answer_state(coding: AnswerCoding) -> dict[str, Any]:
    return {
        "answer": coding.answer_key,
        "themes": sorted(coding.themes.values_list("name", flat=True)),
        "memo": coding.memo,
    }


@transaction.atomic
def code_answer(
    *,
    actor: Any,
    assessment: Assessment,
    answer_key: str,
    theme_ids: Sequence[int],
    memo: str = "",
) -> AnswerCoding:
    """Tag a written survey answer with themes, as the actor's own coding (tagging it again
    replaces the actor's themes)."""
    membership = access.require(actor, assessment, Role.EDITOR)
    if membership is None:
        raise PermissionDenied("Coding needs a coder: sign in as a member of the team")
    answer = next((a for a in codable.answers(assessment.pk) if a.key == answer_key), None)
    if answer is None:
        raise ValidationError({"answer": f"There is no written answer {answer_key} to code"})
    themes = _themes(assessment, theme_ids)
    coding = AnswerCoding.objects.filter(
        assessment=assessment, answer_key=answer_key, coder=actor
    ).first()
    before = _answer_state(coding) if coding else None
    if coding is None:
        coding = AnswerCoding(assessment=assessment, answer_key=answer_key, coder=actor)
    coding.source, coding.question = answer.source[:100], answer.question
    coding.text, coding.group, coding.synthetic = answer.text, answer.group, answer.synthetic
    coding.memo = memo
    coding.save()
    coding.themes.set(themes)
    record_change(
        actor=actor,
        assessment=assessment,
        action="survey answer coded",
        object_type="interview answer coding",
        object_id=coding.pk,
        summary=f"Tagged a written answer of the {answer.source.lower()} with "
        + ", ".join(t.name for t in themes),
        before=before,
        after=_answer_state(coding),
    )
    return coding


@transaction.atomic
def uncode_answer(*, actor: Any, coding: AnswerCoding) -> None:
    """Remove a coder's themes from a written answer (the coder's own, or a lead's call)."""
    membership = access.require(actor, coding.assessment, Role.EDITOR)
    if (
        membership is not None
        and coding.coder_id != actor.pk
        and not access.can(membership, Role.LEAD)
    ):
        raise PermissionDenied("Only the coder who tagged an answer, or a lead, can untag it")
    record_change(
        actor=actor,
        assessment=coding.assessment,
        action="survey answer uncoded",
        object_type="interview answer coding",
        object_id=coding.pk,
        summary=f"Removed the themes of a written answer of the {coding.source.lower()}",
        before=_answer_state(coding),
    )
    coding.delete()
