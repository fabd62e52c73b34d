"""Deleting an assessment for good: every row of it and every file it stored."""

from __future__ import annotations

import shutil
import uuid
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django_tasks_db.models import DBTaskResult

from pairsight.assessments import access
from pairsight.assessments.audit import Actor, record_change
from pairsight.assessments.backup.jobs import backups_folder
from pairsight.assessments.backup.parts import label, ordered_models, parts, rows_of
from pairsight.assessments.models import Assessment, BackupJob, Role
from pairsight.assessments.tasks import Job


def _uuid(task_id: str) -> uuid.UUID | None:
    """The stored task's ID (other backends than the database one use other IDs)."""
    try:
        return uuid.UUID(task_id)
    except ValueError:
        return None


def _path_to(model: type[models.Model], depth: int = 3) -> str | None:
    """The lookup from a job's row to its assessment (through any model, not only those a
    backup holds: a responses workbook's job hangs off its survey), or None."""
    keys = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is not get_user_model()
    ]
    for field in keys:
        if field.related_model is Assessment:
            return field.name
    for field in keys if depth > 1 else []:
        target: Any = field.related_model
        further = _path_to(target, depth - 1) if target is not model else None
        if further is not None:
            return f"{field.name}__{further}"
    return None


def job_task_results(assessment_id: int) -> models.QuerySet[Any]:
    """django-tasks' stored results of every kind of job of the assessment, including the
    restore that made it: they name the job and its outcome, so they go with it."""
    task_ids: list[uuid.UUID] = []
    for model in apps.get_models():
        path = _path_to(model) if issubclass(model, Job) else None
        if path is not None:
            rows = model._default_manager.filter(**{path: assessment_id})
            task_ids += [t for t in map(_uuid, rows.values_list("task_id", flat=True)) if t]
    return DBTaskResult.objects.filter(id__in=task_ids)


def delete_assessment(*, actor: Actor, assessment: Assessment, confirm_title: str) -> None:
    """Delete the assessment, every row of it and every file it stored, for good."""
    access.require(actor, assessment, Role.LEAD)
    if " ".join(confirm_title.split()) != " ".join(assessment.title.split()):
        raise ValidationError(
            {"confirm_title": f"Type the assessment's name exactly as shown: {assessment.title}"}
        )
    assessment_id, title = assessment.pk, assessment.title
    folders = [part.folder(assessment_id) for part in parts() if part.folder is not None]
    # Finished backups waiting to be downloaded are not part of a backup, but go with it.
    folders.append(backups_folder(assessment_id))
    with transaction.atomic():
        counts = {}
        job_task_results(assessment_id).delete()
        doomed: list[type[models.Model]] = [*reversed(ordered_models()), BackupJob]
        for model in doomed:
            counts[label(model)] = rows_of(model, assessment_id).delete()[0]
        area = assessment.area
        assessment.delete()
        if not area.assessments.exists():
            area.delete()
        record_change(
            actor=actor,
            assessment=None,
            action="assessment deleted",
            object_type="assessment",
            object_id=assessment_id,
            summary=f"Deleted the assessment “{title}” with every row and file it held",
            before={"title": title, "rows": counts},
        )

        def remove_folders() -> None:
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)

        transaction.on_commit(remove_folders)
