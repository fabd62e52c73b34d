"""Deleting an assessment for good: every row of it and every file it stored."""

from __future__ import annotations

import shutil
import uuid

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
        doomed: list[type[models.Model]] = [*reversed(ordered_models()), BackupJob]
        for model in doomed:
            rows = rows_of(model, assessment_id)
            if issubclass(model, Job):
                task_ids = [_uuid(t) for t in rows.values_list("task_id", flat=True)]
                DBTaskResult.objects.filter(id__in=[t for t in task_ids if t]).delete()
            counts[label(model)] = rows.delete()[0]
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
