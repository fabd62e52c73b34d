"""Reads of the plan for its page, the dashboard card and the report."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from pairsight.assessments.audit import Actor, record_export
from pairsight.assessments.models import Assessment
from pairsight.core.cells import neutralise_cell
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


PLAN_COLUMNS = ("Due", "Milestone", "Part of the work", "Owner", "Done")


def export_plan(*, actor: Actor, assessment: Assessment) -> bytes:
    """The milestones as a CSV file (cells that would start a formula neutralised), recorded
    in the audit trail as an export."""
    milestones = list(Milestone.objects.filter(assessment=assessment))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PLAN_COLUMNS)
    for m in milestones:
        row = (m.due.isoformat(), m.title, m.get_workstream_display(), m.owner, m.done)
        writer.writerow([neutralise_cell(v) for v in (*row[:4], "Yes" if row[4] else "No")])
    record_export(
        actor=actor,
        assessment=assessment,
        what="the plan",
        file_format="CSV",
        object_type="plan",
        detail={"milestones": len(milestones)},
    )
    return out.getvalue().encode("utf-8-sig")
