"""The surveys' citable findings: every question's finding, starred or not.

Registered in `SurveysConfig.ready` under the prefix `surveys`. A finding's key is
`surveys:<kind>:<question id>`, stable while the question stays in the questionnaire; its
value is the finding's first highlight (the sides of a scale, a grid's top statement) or,
for questions without one, how many answered.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from pairsight.assessments.models import Assessment
from pairsight.core.citable import Evidence
from pairsight.surveys.findings import SYNTHETIC_SUFFIX
from pairsight.surveys.models import Survey
from pairsight.surveys.queries import findings_of, starred_ids

PREFIX = "surveys"


def finding_key(kind: str, question_id: str) -> str:
    return f"{PREFIX}:{kind}:{question_id}"


def survey_evidence(assessment: Assessment) -> Iterator[Evidence]:
    for survey in Survey.objects.filter(assessment=assessment).order_by("kind"):
        _, findings = findings_of(survey)
        starred = set(starred_ids(survey))
        page = reverse(
            "surveys:findings", kwargs={"assessment_id": assessment.pk, "kind": survey.kind}
        )
        source = survey.survey_kind.label + (SYNTHETIC_SUFFIX if survey.synthetic else "")
        for finding in findings:
            if not finding.answered:
                continue
            value = (
                finding.highlights[0]
                if finding.highlights
                else f"{finding.answered} of {finding.asked} answered"
            )
            yield Evidence(
                key=finding_key(survey.kind, finding.question_id),
                label=f"Q{finding.number}. {finding.text}",
                value=value,
                unit=f"{finding.answered} answered",
                source=source,
                as_of=survey.updated_at.date(),
                link=f"{page}#finding-{finding.question_id}",
                starred=finding.question_id in starred,
            )
