"""Starring a survey finding as a key finding, and unstarring it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from pairsight.assessments.access import require
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Role
from pairsight.surveys.models import (
    StarredFinding,
    Survey,
)


def _question_text(survey: Survey, question_id: str) -> str:
    try:
        question = survey.instrument.question(question_id)
    except KeyError:
        raise ValidationError(f"The questionnaire has no question {question_id!r}") from None
    return question.text.strip()


@transaction.atomic
def star_finding(*, actor: User, survey: Survey, question_id: str) -> StarredFinding:
    """Put a question's findings into the report."""
    require(actor, survey.assessment, Role.EDITOR)
    text = _question_text(survey, question_id)
    starred, created = StarredFinding.objects.get_or_create(
        survey=survey, question_id=question_id, defaults={"starred_by": actor}
    )
    if created:
        record_change(
            actor=actor,
            assessment=survey.assessment,
            action="finding starred",
            object_type="survey finding",
            object_id=f"{survey.kind}:{question_id}",
            summary=f"Starred the finding “{text[:80]}” for the report",
            after={"question": question_id},
        )
    return starred


@transaction.atomic
def unstar_finding(*, actor: User, survey: Survey, question_id: str) -> None:
    require(actor, survey.assessment, Role.EDITOR)
    text = _question_text(survey, question_id)
    deleted, _ = StarredFinding.objects.filter(survey=survey, question_id=question_id).delete()
    if deleted:
        record_change(
            actor=actor,
            assessment=survey.assessment,
            action="finding unstarred",
            object_type="survey finding",
            object_id=f"{survey.kind}:{question_id}",
            summary=f"Took the finding “{text[:80]}” out of the report",
            before={"question": question_id},
        )
