"""The surveys' written answers, offered for coding with the interview codebook (core.codable).

Only answers to long free-text questions are offered (a service's name is not an opinion).
Who answered is put in the interviews' groups: a parents' survey answer is a parent's; a
workforce answer is a manager's when the respondent chose "Manager or supervisor" as their
role, else a practitioner's.
"""

from __future__ import annotations

from collections.abc import Iterator

from pairsight.core.codable import CodableAnswer
from pairsight.surveys.instruments import FreeText
from pairsight.surveys.models import Answer, Survey, SurveyKind

PREFIX = "surveys"
#: The workforce question whose answer tells a manager from a practitioner.
ROLE_QUESTION = "role"
MANAGER = "manager or supervisor"


def written_answers(assessment_id: int) -> Iterator[CodableAnswer]:
    for survey in Survey.objects.filter(assessment_id=assessment_id).order_by("kind"):
        questions = {
            q.id: q.text for q in survey.instrument.questions if isinstance(q, FreeText) and q.long
        }
        if not questions:
            continue
        roles = Answer.objects.filter(response__survey=survey, question_id=ROLE_QUESTION, item="")
        managers = {
            response_id
            for response_id, value in roles.values_list("response_id", "value")
            if survey.kind == SurveyKind.WORKFORCE
            and isinstance(value, str)
            and value.strip().casefold() == MANAGER
        }
        answers = Answer.objects.filter(
            response__survey=survey, question_id__in=questions, item=""
        ).order_by("question_id", "response_id")
        for answer in answers:
            if not isinstance(answer.value, str) or not answer.value.strip():
                continue
            if survey.kind == SurveyKind.PARENTS:
                group = "parent"
            else:
                group = "manager" if answer.response_id in managers else "practitioner"
            yield CodableAnswer(
                key=f"{PREFIX}:answer:{answer.pk}",
                source=survey.get_kind_display(),
                question=questions[answer.question_id],
                text=answer.value.strip(),
                group=group,
                synthetic=survey.marking,
            )
