"""Reads for the workspace pages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from pairsight.assessments.models import (
    Assessment,
    AuditEvent,
    Membership,
    Progress,
    Workstream,
    WorkstreamStatus,
)
from pairsight.core.cells import csv_text


def memberships_of(user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("assessment__area")
        .order_by("-assessment__start_year", "assessment__title")
    )


def members(assessment: Assessment) -> QuerySet[Membership]:
    return Membership.objects.filter(assessment=assessment).select_related("user")


def lead_count(assessment: Assessment) -> int:
    return Membership.objects.filter(assessment=assessment, role="lead").count()


WORKSTREAM_DESCRIPTIONS = {
    Workstream.POPULATION: (
        "How many children under two may need each kind of parent-infant relationship support, "
        "and how much specialised need is unmet."
    ),
    Workstream.SERVICES: (
        "Every service from conception to age two, by level of need and focus on the "
        "parent-infant relationship, with interviews with practitioners and managers."
    ),
    Workstream.WORKFORCE: (
        "A survey of practitioners: training, confidence and barriers in supporting the "
        "parent-infant relationship."
    ),
    Workstream.PARENTS: "A survey of parents and carers, and interviews with some of them.",
    Workstream.RECOMMENDATIONS: (
        "What the assessment recommends, who each recommendation is for and the next steps."
    ),
}

PROGRESS_TAG = {
    Progress.NOT_STARTED: "nhsuk-tag--grey",
    Progress.IN_PROGRESS: "nhsuk-tag--blue",
    Progress.READY_FOR_REVIEW: "nhsuk-tag--yellow",
    Progress.DONE: "nhsuk-tag--green",
}


@dataclass(frozen=True)
class Card:
    workstream: Workstream
    description: str
    progress: Progress
    tag_class: str
    headline_label: str
    headline_value: str
    headline_detail: str


def dashboard_cards(assessment: Assessment) -> list[Card]:
    statuses = {s.workstream: s for s in WorkstreamStatus.objects.filter(assessment=assessment)}
    cards = []
    for workstream in Workstream:
        status = statuses.get(workstream) or WorkstreamStatus(workstream=workstream)
        progress = Progress(status.progress)
        cards.append(
            Card(
                workstream=workstream,
                description=WORKSTREAM_DESCRIPTIONS[workstream],
                progress=progress,
                tag_class=PROGRESS_TAG[progress],
                headline_label=status.headline_label,
                headline_value=status.headline_value,
                headline_detail=status.headline_detail,
            )
        )
    return cards


def workstream_status(assessment: Assessment, workstream: Workstream) -> WorkstreamStatus:
    status, _ = WorkstreamStatus.objects.get_or_create(assessment=assessment, workstream=workstream)
    return status


def audit_events(assessment: Assessment) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(assessment=assessment).order_by("-at", "-id")


AUDIT_COLUMNS = ("When (UTC)", "Who", "Kind", "What", "Object", "Before", "After")


def _json_text(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_rows(events: Iterable[AuditEvent]) -> Iterator[tuple[str, ...]]:
    for event in events:
        yield (
            event.at.isoformat(timespec="seconds"),
            event.actor_name,
            event.get_kind_display(),
            event.summary,
            f"{event.object_type} {event.object_id}".strip(),
            _json_text(event.before),
            _json_text(event.after),
        )


def audit_csv(events: Iterable[AuditEvent]) -> str:
    """The audit trail as CSV; summaries quote what people typed, so cells are neutralised."""
    return csv_text([AUDIT_COLUMNS, *audit_rows(events)], lineterminator="\r\n")
