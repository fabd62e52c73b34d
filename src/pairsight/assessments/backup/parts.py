"""Which rows and files make up an assessment: each app registers its own (see the package)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Model
from django.http import Http404
from django.utils.module_loading import autodiscover_modules

from pairsight.assessments.models import Assessment, AuditEvent

#: What a use case raises when the person may not do it (not a member; too low a role).
REFUSED = (PermissionDenied, Http404)

#: The mark a restored audit event carries, so the trail says which entries came back.
RESTORED_MARK = "[Restored] "
RESTORED_TITLE = " (restored)"


@dataclass(frozen=True)
class Part:
    """What one app keeps of an assessment: its models and, optionally, a folder of files."""

    app: str
    models: tuple[type[Model], ...]
    #: The folder of the assessment's files (by assessment ID), if the app stores files.
    folder: Callable[[int], Path] | None = None
    #: The name a file takes in the restored assessment's folder, given the new row IDs.
    rename: Callable[[str, dict[type[Model], dict[int, int]]], str] | None = None


_PARTS: dict[str, Part] = {}


def register(
    app: str,
    *model_classes: type[models.Model],
    folder: Callable[[int], Path] | None = None,
    rename: Callable[[str, dict[type[models.Model], dict[int, int]]], str] | None = None,
) -> None:
    """Make these models (and files) part of every assessment's backup and deletion."""
    _PARTS[app] = Part(app, tuple(model_classes), folder, rename)


def parts() -> list[Part]:
    autodiscover_modules("backup")
    return list(_PARTS.values())


register("assessments", AuditEvent)


def person_named(username: str) -> Any:
    """The person who signs in as `username` (any case), or None."""
    return get_user_model().objects.filter(username__iexact=username).first()


def ordered_models() -> list[type[models.Model]]:
    """Every registered model, each after the registered models its foreign keys point to."""
    pending = [model for part in parts() for model in part.models]
    ordered: list[type[models.Model]] = []
    while pending:
        ready = [m for m in pending if all(p in ordered or p is m for p in _parents(m, pending))]
        if not ready:
            raise RuntimeError(f"Circular foreign keys between {pending}")
        ordered.extend(ready)
        pending = [m for m in pending if m not in ready]
    return ordered


def _parents(model: type[models.Model], among: list[type[models.Model]]) -> list[Any]:
    return [f.related_model for f in _foreign_keys(model) if f.related_model in among]


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def _path_to_assessment(model: type[models.Model], seen: tuple[Any, ...] = ()) -> str:
    for field in _foreign_keys(model):
        if field.related_model is Assessment:
            return field.name
    registered = [m for part in parts() for m in part.models]
    for field in _foreign_keys(model):
        target = field.related_model
        if isinstance(target, type) and target in registered and target not in seen:
            return f"{field.name}__{_path_to_assessment(target, (*seen, model))}"
    raise RuntimeError(f"{model.__name__} has no foreign key leading to its assessment")


def rows_of(model: type[models.Model], assessment_id: int) -> models.QuerySet[Any]:
    return model._default_manager.filter(**{_path_to_assessment(model): assessment_id})


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def rows_member(model: type[models.Model]) -> str:
    return f"rows/{label(model)}.json"
