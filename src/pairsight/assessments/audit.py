"""The audit trail's one writer: every change, every read of sensitive data and every export
of an assessment is recorded here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import F

from pairsight.assessments.models import Assessment, AuditEvent

Actor = User | AnonymousUser | None


def display_name(user: Actor) -> str:
    if user is None or not user.is_authenticated:
        return "PAIRsight (system)"
    full_name = user.get_full_name().strip()
    username = user.get_username()
    return f"{full_name} ({username})" if full_name else username


def _fits(name: str, value: Any) -> Any:
    """Text cut to its column's length: a long name or typed address must never make the
    record fail (SQLite would keep it whole, PostgreSQL refuse it)."""
    limit = getattr(AuditEvent._meta.get_field(name), "max_length", None)
    return value[:limit] if isinstance(value, str) and limit else value


def _record(
    actor: Actor, actor_name: str = "", data_changed: bool = False, **fields: Any
) -> AuditEvent:
    assessment = fields.get("assessment")
    if data_changed and assessment is not None:
        # Every change of an assessment's data records exactly one change here, in its own
        # transaction: bumping the version beside it is what lets every process know that
        # pages it kept of the assessment are out of date (see assessments/views/pagecache.py).
        Assessment.objects.filter(pk=assessment.pk).update(data_version=F("data_version") + 1)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=_fits("actor_name", actor_name or display_name(actor)),
        **{name: _fits(name, value) for name, value in fields.items()},
    )


def record_change(
    *,
    actor: Actor,
    assessment: Assessment | None,
    action: str,
    object_type: str,
    object_id: object = "",
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data_changed: bool = True,
) -> AuditEvent:
    """Write one change to the audit trail (call inside the change's transaction).

    `data_changed=False` for an attempt that changed nothing (a refused change), which
    leaves the assessment's data version, and so the pages kept of it, as they were."""
    return _record(
        actor,
        data_changed=data_changed,
        assessment=assessment,
        kind=AuditEvent.Kind.CHANGE,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary,
        before=before,
        after=after,
    )


def record_read(
    *,
    actor: Actor,
    assessment: Assessment | None,
    action: str,
    object_type: str,
    object_id: object = "",
    summary: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one read of sensitive data (a transcript shown on a page) to the audit trail."""
    return _record(
        actor,
        assessment=assessment,
        kind=AuditEvent.Kind.READ,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary,
        after=detail,
    )


def record_export(
    *,
    actor: Actor,
    assessment: Assessment | None,
    what: str,
    file_format: str,
    object_type: str = "",
    object_id: object = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one export (a download of the assessment's data) to the audit trail."""
    return _record(
        actor,
        assessment=assessment,
        kind=AuditEvent.Kind.EXPORT,
        action="exported",
        object_type=object_type or "export",
        object_id=str(object_id),
        summary=f"Downloaded {what} as {file_format}",
        after={"format": file_format, **(detail or {})},
    )


def record_account(
    *, actor: Actor, username: str, action: str, summary: str, address: str
) -> AuditEvent:
    """Write a sign-in, sign-out or password change (of no one assessment) to the trail.

    A failed sign-in has no actor: the name that was typed stands in for one.
    """
    typed = " ".join(username.split())[:150]
    return _record(
        actor,
        actor_name="" if actor is not None else f"Someone signing in as {typed}",
        assessment=None,
        kind=AuditEvent.Kind.ACCOUNT,
        action=action,
        object_type="account",
        object_id=typed,
        summary=summary,
        after={"address": address[:100]},
    )
