"""Reads of the plan for its page, the dashboard card and the report."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from pairsight.assessments.models import Assessment
from pairsight.plan.models import Decision, Dissemination, Meeting, Milestone, SteeringMember
from pairsight.plan.timeline import Standing, standing

#: The kinds of record the plan's pages add and remove, by the name in their addresses.
KINDS: dict[str, type[models.Model]] = {
    "milestone": Milestone,
    "member": SteeringMember,
    "meeting": Meeting,
    "decision": Decision,
    "dissemination": Dissemination,
}


@dataclass(frozen=True)
class Plan:
    milestones: list[Milestone]
    members: list[SteeringMember]
    meetings: list[Meeting]
    decisions: list[Decision]
    dissemination: list[Dissemination]
    standing: Standing[Milestone]


def plan_of(assessment: Assessment, today: datetime.date | None = None) -> Plan:
    milestones = list(Milestone.objects.filter(assessment=assessment))
    return Plan(
        milestones=milestones,
        members=list(SteeringMember.objects.filter(assessment=assessment)),
        meetings=list(Meeting.objects.filter(assessment=assessment)),
        decisions=list(Decision.objects.filter(assessment=assessment).select_related("meeting")),
        dissemination=list(Dissemination.objects.filter(assessment=assessment)),
        standing=standing(milestones, today or timezone.localdate()),
    )


def plan_standing(
    assessment: Assessment, today: datetime.date | None = None
) -> Standing[Milestone]:
    return standing(
        list(Milestone.objects.filter(assessment=assessment)), today or timezone.localdate()
    )


def item_of(assessment: Assessment, kind: str, item_id: int) -> models.Model | None:
    model = KINDS.get(kind)
    if model is None:
        return None
    return model._default_manager.filter(assessment=assessment, pk=item_id).first()
