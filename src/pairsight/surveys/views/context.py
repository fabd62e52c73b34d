"""What every survey page starts from: the survey its address names, and the page's context."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pairsight.assessments.access import can
from pairsight.assessments.models import Membership, Role
from pairsight.surveys import queries
from pairsight.surveys.models import Survey


def page_context(membership: Membership, **extra: Any) -> dict[str, Any]:
    return {
        "membership": membership,
        "assessment": membership.assessment,
        "section": "surveys",
        "can_edit": can(membership, Role.EDITOR),
        "is_lead": can(membership, Role.LEAD),
        **extra,
    }


def survey_of(membership: Membership, kind: str) -> Survey:
    survey = queries.survey_of(membership.assessment, queries.survey_kind(kind))
    if survey is None:
        raise Http404("This survey has not been started")
    return survey


def file_stem(survey: Survey) -> str:
    synthetic = "-synthetic" if survey.synthetic else ""
    return f"pairsight-{survey.kind}-survey-{survey.assessment.area.ons_code}{synthetic}"
