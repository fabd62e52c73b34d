"""The last line behind `access.require`: no row of a published edition changes, however saved.

Every write use case refuses a published edition at its top (`access.require`). Anything
that saves rows another way (a shell, a script, a future admin page) meets this guard on
every model with a foreign-key path to an assessment: the save, delete or link change is
refused and audited. The same signal notes a workstream's first own change in a new
edition, so it is no longer shown as carried from the previous one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, pre_delete, pre_save

from pairsight.assessments.access import refuse_published
from pairsight.assessments.models import (
    Assessment,
    AuditEvent,
    BackupJob,
    EditionRecord,
    Invitation,
    Membership,
)

#: Who may see a published edition is not part of it: its team and their links may change,
#: and it may be backed up.
NOT_PART_OF_EDITION = (AuditEvent, Membership, Invitation, EditionRecord, BackupJob)


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


@cache
def _guarded(model: type[models.Model]) -> bool:
    config = apps.get_containing_app_config(model.__module__)
    return (
        config is not None
        and config.name.startswith("pairsight.")
        and not issubclass(model, NOT_PART_OF_EDITION)
        # A workstream's job that reads its data only (a file written for download) says so.
        and getattr(model, "part_of_edition", True)
    )


def _assessment_of(instance: models.Model) -> Iterator[Mapping[str, Any]]:
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
