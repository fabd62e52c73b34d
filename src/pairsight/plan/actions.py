"""Writes to the plan, the steering group and the dissemination plan: one function per use
case, each checking the role, in one transaction, with one audit record."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction

from pairsight.assessments import access
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Role
from pairsight.plan.models import Decision, Dissemination, Meeting, Milestone, SteeringMember
from pairsight.plan.template import WORKSTREAMS, template_plan

#: How each kind of record reads in the audit trail, and the fields it keeps there.
AUDITED: dict[type[models.Model], tuple[str, tuple[str, ...]]] = {
    Milestone: ("milestone", ("title", "workstream", "due", "owner", "done")),
    SteeringMember: ("steering group member", ("name", "role")),
    Meeting: ("steering group meeting", ("date", "note")),
    Decision: ("steering group decision", ("date", "decision", "meeting_id")),
    Dissemination: ("dissemination", ("audience", "channel", "date", "owner", "done")),
}


def _state(item: models.Model) -> dict[str, Any]:
    _, names = AUDITED[type(item)]
    return {
        n: v.isoformat() if isinstance(v, datetime.date) else v
        for n in names
        for v in [getattr(item, n)]
    }


def _text(field: str, value: str, *, required: str = "", longest: int = 0) -> str:
    cleaned = " ".join(value.split()) if longest else value.strip()
    if required and not cleaned:
        raise ValidationError({field: required})
    if longest and len(cleaned) > longest:
        raise ValidationError({field: f"Use {longest} characters or fewer."})
    return cleaned


def _date(field: str, value: datetime.date | None, what: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValidationError({field: f"Enter {what}, like 2025-03-14."})
    return value


def _audit(actor: User, item: models.Model, verb: str, before: dict[str, Any] | None) -> None:
    kind, _ = AUDITED[type(item)]
    after = None if verb == "removed" else _state(item)
    shown = before if after is None else after
    assert shown is not None
    first = next(iter(shown.values()))
    record_change(
        actor=actor,
        assessment=item.assessment,  # type: ignore[attr-defined]
        action=f"{kind} {verb}",
        object_type=kind,
        object_id=item.pk or (before or {}).get("id", ""),
        summary=f"{kind.capitalize()} {verb}: {str(first)[:80]}",
        before=before,
        after=after,
    )


M = TypeVar("M", Milestone, SteeringMember, Meeting, Decision, Dissemination)


def _added(actor: User, item: M) -> M:
    item.save()
    _audit(actor, item, "recorded" if isinstance(item, Decision) else "added", None)
    return item


def _changed(actor: User, item: M, fields: dict[str, Any]) -> M:
    before = _state(item)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    _audit(actor, item, "changed", before)
    return item


def _milestone_fields(title: str, workstream: str, due: Any, owner: str) -> dict[str, Any]:
    if workstream not in dict(WORKSTREAMS):
        raise ValidationError({"workstream": "Choose which part of the work this belongs to."})
    return {
        "title": _text("title", title, required="Enter the milestone.", longest=300),
        "workstream": workstream,
        "due": _date("due", due, "the date it is due"),
        "owner": _text("owner", owner, longest=200),
    }


@transaction.atomic
def add_milestone(
    *,
    actor: User,
    assessment: Assessment,
    title: str,
    workstream: str,
    due: datetime.date | None,
    owner: str = "",
    done: bool = False,
) -> Milestone:
    access.require(actor, assessment, Role.EDITOR)
    fields = _milestone_fields(title, workstream, due, owner)
    return _added(actor, Milestone(assessment=assessment, done=done, **fields))


@transaction.atomic
def change_milestone(
    *,
    actor: User,
    milestone: Milestone,
    title: str,
    workstream: str,
    due: datetime.date | None,
    owner: str = "",
    done: bool = False,
) -> Milestone:
    access.require(actor, milestone.assessment, Role.EDITOR)
    fields = _milestone_fields(title, workstream, due, owner)
    return _changed(actor, milestone, {**fields, "done": done})


@transaction.atomic
def start_plan_from_template(
    *, actor: User, assessment: Assessment, start: datetime.date | None
) -> list[Milestone]:
    """Birmingham-like six months of milestones from `start`, for a plan with none yet."""
    access.require(actor, assessment, Role.EDITOR)
    start = _date("start", start, "the date the work starts")
    if Milestone.objects.filter(assessment=assessment).exists():
        raise ValidationError(
            {"start": "This plan already has milestones: remove them first, or add to them."}
        )
    made = Milestone.objects.bulk_create(
        Milestone(assessment=assessment, title=m.title, workstream=m.workstream, due=m.due)
        for m in template_plan(start)
    )
    record_change(
        actor=actor,
        assessment=assessment,
        action="plan started from the template",
        object_type="milestone",
        summary=f"Started the plan from the six-month template, from {start.isoformat()}",
        after={"start": start.isoformat(), "milestones": len(made)},
    )
    return made


@transaction.atomic
def add_steering_member(
    *, actor: User, assessment: Assessment, name: str, role: str
) -> SteeringMember:
    access.require(actor, assessment, Role.EDITOR)
    return _added(
        actor,
        SteeringMember(
            assessment=assessment,
            name=_text("name", name, required="Enter the member's name.", longest=200),
            role=_text("role", role, required="Enter their role and organisation.", longest=300),
        ),
    )


@transaction.atomic
def add_meeting(
    *, actor: User, assessment: Assessment, date: datetime.date | None, note: str = ""
) -> Meeting:
    access.require(actor, assessment, Role.EDITOR)
    return _added(
        actor,
        Meeting(
            assessment=assessment,
            date=_date("date", date, "the date of the meeting"),
            note=_text("note", note, longest=300),
        ),
    )


@transaction.atomic
def record_decision(
    *,
    actor: User,
    assessment: Assessment,
    date: datetime.date | None,
    decision: str,
    meeting: Meeting | None = None,
) -> Decision:
    access.require(actor, assessment, Role.EDITOR)
    if meeting is not None and meeting.assessment_id != assessment.pk:
        raise ValidationError({"meeting": "Choose one of this steering group's meetings."})
    return _added(
        actor,
        Decision(
            assessment=assessment,
            date=_date("date", date, "the date of the decision"),
            decision=_text("decision", decision, required="Enter the decision."),
            meeting=meeting,
        ),
    )


def _dissemination_fields(audience: str, channel: str, date: Any, owner: str) -> dict[str, Any]:
    return {
        "audience": _text("audience", audience, required="Enter who hears about it.", longest=300),
        "channel": _text("channel", channel, required="Enter how they hear.", longest=300),
        "date": _date("date", date, "when"),
        "owner": _text("owner", owner, longest=200),
    }


@transaction.atomic
def add_dissemination(
    *,
    actor: User,
    assessment: Assessment,
    audience: str,
    channel: str,
    date: datetime.date | None,
    owner: str = "",
    done: bool = False,
) -> Dissemination:
    access.require(actor, assessment, Role.EDITOR)
    fields = _dissemination_fields(audience, channel, date, owner)
    return _added(actor, Dissemination(assessment=assessment, done=done, **fields))


@transaction.atomic
def change_dissemination(
    *,
    actor: User,
    item: Dissemination,
    audience: str,
    channel: str,
    date: datetime.date | None,
    owner: str = "",
    done: bool = False,
) -> Dissemination:
    access.require(actor, item.assessment, Role.EDITOR)
    fields = _dissemination_fields(audience, channel, date, owner)
    return _changed(actor, item, {**fields, "done": done})


@transaction.atomic
def remove_plan_item(
    *, actor: User, item: Milestone | SteeringMember | Meeting | Decision | Dissemination
) -> None:
    """Remove a milestone, member, meeting, decision or line of the dissemination plan."""
    access.require(actor, item.assessment, Role.EDITOR)
    if isinstance(item, Meeting) and item.decisions.exists():
        raise ValidationError(
            {"meeting": "Decisions were recorded at this meeting: remove them first."}
        )
    before = {"id": item.pk, **_state(item)}
    item.delete()
    _audit(actor, item, "removed", before)
