"""Reads for the workspace pages."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils import timezone

from pairsight.assessments.models import (
    Assessment,
    AuditEvent,
    Invitation,
    Membership,
    Progress,
    Role,
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


def is_consultee(user: Any, assessment_id: int) -> bool:
    return Membership.objects.filter(
        user_id=user.pk, assessment_id=assessment_id, role=Role.CONSULTEE
    ).exists()


def members(assessment: Assessment) -> QuerySet[Membership]:
    return Membership.objects.filter(assessment=assessment).select_related("user")


def first_lead(assessment: Assessment) -> User | None:
    """The assessment's longest-standing lead (the demo's user, for the demo's loaders)."""
    membership = (
        Membership.objects.filter(assessment=assessment, role=Role.LEAD)
        .select_related("user")
        .order_by("added_at")
        .first()
    )
    return membership.user if membership is not None else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def usable_invitation(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("user", "assessment")
        .filter(token_hash=hash_token(token), used_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        return None
    if not link_allowed(invitation.user, invitation.assessment_id):
        return None
    return invitation


def never_had_password(user: Any) -> bool:
    """The account has never had a password: the only kind a set-password link may be for."""
    return (
        not user.has_usable_password()
        and user.last_login is None
        and not Invitation.objects.filter(user=user, accepted_at__isnull=False).exists()
    )


def _creator_id(user: Any) -> int | None:
    """The assessment whose lead created the account (its first link was made there)."""
    first = Invitation.objects.filter(user=user).order_by("created_at", "pk").first()
    return first.assessment_id if first is not None else None


def link_allowed(user: Any, assessment_id: int) -> bool:
    """Only the assessment that created an account, and only before it ever had a password.

    Checked again when a link is used, so a link made before this rule (by another
    assessment's lead) does not work either.
    """
    return _creator_id(user) == assessment_id and never_had_password(user)


def may_make_link(membership: Membership) -> bool:
    return link_allowed(membership.user, membership.assessment_id)


def linkable_member_ids(assessment: Assessment) -> set[int]:
    return {m.pk for m in members(assessment) if may_make_link(m)}


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

#: What the workstreams without pages yet will offer: the card says so, and until then the
#: team records its progress (and keeps its work) outside PAIRsight.
# What a card says of a workstream PAIRsight does not build yet (none today).
WORKSTREAM_COMING: dict[Workstream, str] = {}

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
    coming: str = ""


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
                coming=WORKSTREAM_COMING.get(workstream, ""),
            )
        )
    return cards


def workstream_status(assessment: Assessment, workstream: Workstream) -> WorkstreamStatus:
    status, _ = WorkstreamStatus.objects.get_or_create(assessment=assessment, workstream=workstream)
    return status


def audit_events(
    assessment: Assessment,
    *,
    person: str = "",
    kind: str = "",
    action: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The assessment's trail, newest first, narrowed to a person, a kind of record
    (change, read, export), an action and dates."""
    events = AuditEvent.objects.filter(assessment=assessment)
    if person:
        events = events.filter(actor_name=person)
    if kind:
        events = events.filter(kind=kind)
    if action:
        events = events.filter(action=action)
    if since is not None:
        events = events.filter(at__date__gte=since)
    if until is not None:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-id")


def audit_choices(assessment: Assessment) -> tuple[list[str], list[str]]:
    """The people and the actions in the assessment's trail, for filtering it."""
    events = AuditEvent.objects.filter(assessment=assessment)
    people = sorted(set(events.values_list("actor_name", flat=True)), key=str.casefold)
    actions = sorted(set(events.values_list("action", flat=True)))
    return people, actions


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


def assessment_by_id(assessment_id: int) -> Assessment:
    """The assessment for `pairsight report --assessment ID`; LookupError says what exists."""
    try:
        found = Assessment.objects.select_related("area").filter(pk=assessment_id).first()
        if found is not None:
            return found
        existing = [f"{a.pk} ({a.title})" for a in Assessment.objects.order_by("pk")[:20]]
    except DatabaseError as error:
        raise LookupError(
            f"the database is not ready ({error}): run `pairsight web setup` first."
        ) from error
    known = "; ".join(existing) if existing else "there are none yet"
    raise LookupError(f"there is no assessment with ID {assessment_id}. Assessments: {known}.")


def member_by_username(assessment: Assessment, username: str) -> User:
    """The person a command acts for: they must be a member of the assessment."""
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise LookupError(f"there is nobody with the user name {username!r}.")
    if not Membership.objects.filter(assessment=assessment, user=user).exists():
        raise LookupError(f"{username} is not a member of the assessment {assessment.title}.")
    return user
