"""Editions: publish an assessment, start the next one from it, and keep published ones frozen.

An assessment row is one edition. Publishing records what the edition showed (every
finding and comparable fact the workstreams offer, frozen by key) and the files it had
built; from then on nothing of it may change. Two lines hold that: `access.require`, at
the top of every write use case, and the model guard here, the last line behind it for
anything that saves rows another way (a shell, a script). Both refuse and audit.

The next edition is a copy of the published one made with the backup's machinery (new
IDs, same area, the same team), its workstreams marked "carried from edition N" until
their data first changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils import timezone

from pairsight.assessments import backup
from pairsight.assessments.access import refuse_published, require
from pairsight.assessments.audit import display_name, record_change
from pairsight.assessments.models import (
    Assessment,
    AuditEvent,
    EditionRecord,
    Invitation,
    Membership,
    Role,
    WorkstreamStatus,
)
from pairsight.core import comparable

#: Who may see a published edition is not part of it: its team and their links may change.
NOT_PART_OF_EDITION = (AuditEvent, Membership, Invitation, EditionRecord)


def _same_title(typed: str, title: str) -> bool:
    return " ".join(typed.split()) == " ".join(title.split())


@transaction.atomic
def publish_edition(
    *, actor: User | None, assessment: Assessment, confirm_title: str
) -> EditionRecord:
    """Freeze the assessment as a published edition, with a copy of everything it showed."""
    require(actor, assessment, Role.LEAD)
    if not _same_title(confirm_title, assessment.title):
        raise ValidationError(
            {"confirm_title": f"Type the assessment's name exactly as shown: {assessment.title}"}
        )
    now = timezone.now()
    evidence = [e.frozen() for e in comparable.everything(assessment)]
    files = [
        {"name": name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        for name, path in backup.stored_files(assessment)
    ]
    record = EditionRecord.objects.create(
        assessment=assessment,
        published_at=now,
        published_by=actor,
        published_by_name=display_name(actor),
        evidence=evidence,
        rows=backup.row_counts(assessment),
        report_files=files,
    )
    Assessment.objects.filter(pk=assessment.pk).update(published_at=now)
    assessment.published_at = now
    record_change(
        actor=actor,
        assessment=assessment,
        action="edition published",
        object_type="assessment",
        object_id=assessment.pk,
        summary=f"Published edition {assessment.edition}: it can no longer be changed",
        after={"edition": assessment.edition, "findings": len(evidence), "files": len(files)},
    )
    return record


@transaction.atomic
def start_next_edition(*, actor: User, assessment: Assessment) -> Assessment:
    """The next edition: a copy of the published one that the team brings up to date."""
    require(actor, assessment, Role.LEAD, changes_edition=False)
    if assessment.published_at is None:
        raise ValidationError(
            {"assessment": f"Publish edition {assessment.edition} before starting the next one."}
        )
    following = assessment.next_editions.first()
    if following is not None:
        raise ValidationError(
            {"assessment": f"Edition {following.edition} was already started from this one."}
        )
    edition = Assessment.objects.create(
        title=assessment.title,
        area=assessment.area,
        start_year=assessment.start_year,
        end_year=assessment.end_year,
        is_demo=assessment.is_demo,
        created_by=actor,
        edition=assessment.edition + 1,
        previous_edition=assessment,
    )
    team = list(assessment.memberships.all())
    Membership.objects.bulk_create(
        Membership(
            assessment=edition,
            user_id=m.user_id,
            role=Role.LEAD if m.user_id == actor.pk else m.role,
        )
        for m in team
    )
    WorkstreamStatus.objects.bulk_create(
        WorkstreamStatus(
            assessment=edition,
            workstream=s.workstream,
            progress=s.progress,
            headline_label=s.headline_label,
            headline_value=s.headline_value,
            headline_detail=s.headline_detail,
        )
        for s in assessment.workstream_statuses.all()
    )
    rows = backup.carry_forward(assessment, edition)
    carried = {app: {"from_edition": assessment.edition, "rows": n} for app, n in rows.items()}
    Assessment.objects.filter(pk=edition.pk).update(carried=carried)
    edition.carried = carried
    record_change(
        actor=actor,
        assessment=edition,
        action="edition started",
        object_type="assessment",
        object_id=edition.pk,
        summary=f"Started edition {edition.edition} from published edition {assessment.edition}",
        after={"previous_edition": assessment.pk, "carried": carried, "team": len(team)},
    )
    return edition


# The model guard -------------------------------------------------------------------------


@cache
def _paths(model: type[models.Model]) -> tuple[tuple[str, type[models.Model], str], ...]:
    """Ways from a row of `model` to its assessment: (foreign key, the model it points to,
    the lookup from that model to the assessment's ID)."""
    found: list[tuple[str, type[models.Model], str]] = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        target = field.related_model
        if target is Assessment:
            found.append((field.attname, Assessment, "pk"))
        elif isinstance(target, type) and target is not model and _guarded(target):
            lookup = _lookup(target)
            if lookup:
                found.append((field.attname, target, lookup))
    return tuple(found)


@cache
def _lookup(model: type[models.Model]) -> str:
    """The lookup from `model` to its assessment ("assessment", "survey__assessment")."""
    for attname, target, lookup in _paths(model):
        name = attname.removesuffix("_id")
        return name if target is Assessment else f"{name}__{lookup}"
    return ""


def _guarded(model: type[models.Model]) -> bool:
    config = apps.get_containing_app_config(model.__module__)
    return (
        config is not None
        and config.name.startswith("pairsight.")
        and not issubclass(model, NOT_PART_OF_EDITION)
    )


def _assessment_of(instance: models.Model) -> Iterator[dict[str, Any]]:
    """The stored state (ID, published, carried) of the assessment the row belongs to."""
    if isinstance(instance, Assessment):
        if instance.pk is not None:
            yield from Assessment.objects.filter(pk=instance.pk).values(
                "pk", "published_at", "carried"
            )
        return
    for attname, target, lookup in _paths(type(instance)):
        value = getattr(instance, attname)
        if value is None:
            continue
        if target is Assessment:
            yield from Assessment.objects.filter(pk=value).values("pk", "published_at", "carried")
        else:
            yield from (
                target._default_manager.filter(pk=value).values(
                    pk=models.F(lookup),
                    published_at=models.F(f"{lookup}__published_at"),
                    carried=models.F(f"{lookup}__carried"),
                )
            )
        return


def _guard(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _guarded(sender) or kwargs.get("raw"):
        return
    for state in _assessment_of(instance):
        if state["published_at"] is not None:
            verb = "deleted" if kwargs.get("signal") is pre_delete else "changed"
            refuse_published(
                None, state["pk"], f"{sender._meta.label} {verb} outside PAIRsight's use cases"
            )
        app = sender._meta.app_label
        if isinstance(instance, Assessment) or app not in (state["carried"] or {}):
            return
        # The workstream's first own change: it no longer shows the previous edition's data.
        carried = {k: v for k, v in state["carried"].items() if k != app}
        Assessment.objects.filter(pk=state["pk"]).update(carried=carried)


def _guard_links(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("pre_"):
        _guard(type(instance), instance, signal=pre_save)


def connect_guard() -> None:
    pre_save.connect(_guard, dispatch_uid="editions-guard-save")
    pre_delete.connect(_guard, dispatch_uid="editions-guard-delete")
    m2m_changed.connect(_guard_links, dispatch_uid="editions-guard-links")
