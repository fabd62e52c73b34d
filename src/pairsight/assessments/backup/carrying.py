"""Carrying an assessment forward into its next edition, with the backup's machinery.

Every registered model's rows are copied with new IDs, as a restore makes them, and the
stored files renamed as a restore renames them. Also what publishing records of an
edition: its stored files and its rows per model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.db import models

from pairsight.assessments.backup.parts import label, ordered_models, parts, rows_of
from pairsight.assessments.backup.restoring import _restore_rows
from pairsight.assessments.backup.writing import _stored_files
from pairsight.assessments.models import Assessment, AuditEvent


def carry_forward(source: Assessment, target: Assessment) -> dict[str, int]:
    """Copy every row and file of `source` into `target`, with new IDs, as a restore does.

    The audit trail stays with the edition it belongs to. Returns the rows copied per app.
    """
    maps: dict[type[models.Model], dict[int, int]] = {}
    by_app: dict[str, int] = {}
    for model in ordered_models():
        if model is AuditEvent:
            continue
        rows = list(rows_of(model, source.pk).order_by("pk").values())
        maps[model] = _restore_rows(model, rows, target, maps)
        if rows and model._meta.app_label != Assessment._meta.app_label:
            by_app[model._meta.app_label] = by_app.get(model._meta.app_label, 0) + len(rows)
    for part in parts():
        if part.folder is None:
            continue
        folder = part.folder(target.pk)
        for name, path in _stored_files(part, source.pk):
            relative = name.removeprefix(f"files/{part.app}/")
            copied = folder / (part.rename(relative, maps) if part.rename else relative)
            copied.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copied)
    return by_app


def stored_files(assessment: Assessment) -> list[tuple[str, Path]]:
    """Every file the assessment stored (built reports, ...), as named in a backup."""
    return [item for part in parts() for item in _stored_files(part, assessment.pk)]


def row_counts(assessment: Assessment) -> dict[str, int]:
    """How many rows of each backed-up model the assessment holds."""
    return {
        label(model): rows_of(model, assessment.pk).count()
        for model in ordered_models()
        if model is not AuditEvent
    }
