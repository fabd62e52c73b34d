"""Backing up: one file holding an assessment's rows as JSON, its files and a manifest."""

from __future__ import annotations

import base64
import datetime
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from pairsight.assessments import access
from pairsight.assessments.archive import write_backup
from pairsight.assessments.audit import Actor, record_export
from pairsight.assessments.backup.parts import (
    Part,
    is_person,
    label,
    ordered_models,
    parts,
    person_key,
    rows_member,
    rows_of,
)
from pairsight.assessments.models import Assessment, Role


def _encode(model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
    for field in model._meta.concrete_fields:
        if isinstance(field, models.BinaryField) and row.get(field.attname) is not None:
            row[field.attname] = base64.b64encode(bytes(row[field.attname])).decode("ascii")
        elif is_person(field) and row.get(field.attname) is not None:
            # People are not part of an assessment: the backup names them, and a restore
            # finds the same person by name (a coder's coding stays theirs).
            row[person_key(field)] = _username(row[field.attname])
    return row


@functools.lru_cache(maxsize=1024)
def _username(user_id: int) -> str:
    return str(
        get_user_model().objects.filter(pk=user_id).values_list("username", flat=True).first() or ""
    )


def _stored_files(part: Part, assessment_id: int) -> Iterator[tuple[str, Path]]:
    if part.folder is None:
        return
    folder = part.folder(assessment_id)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield f"files/{part.app}/{path.relative_to(folder).as_posix()}", path


def _migrations() -> dict[str, str]:
    """The latest applied migration of each of PAIRsight's apps: what the rows fit."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"):
        if app in _pairsight_apps() and name > latest.get(app, ""):
            latest[app] = name
    return latest


def _pairsight_apps() -> set[str]:
    from django.apps import apps

    return {c.label for c in apps.get_app_configs() if c.name.startswith("pairsight.")}


def backup_assessment(*, actor: Actor, assessment: Assessment, out: Path) -> Path:
    """Write one file holding the assessment: its rows as JSON, its files, a manifest.

    The file leaves PAIRsight's keeping (`pairsight backup -o FILE`), so it is recorded as
    an export. A backup made from the web is written by the worker (`jobs.py`) and recorded
    when it is downloaded.
    """
    access.require(actor, assessment, Role.LEAD, changes_edition=False)
    path, detail = write_assessment(assessment, out)
    record_backup_export(actor, assessment, detail)
    return path


def record_backup_export(actor: Actor, assessment: Assessment, detail: dict[str, Any]) -> None:
    record_export(
        actor=actor,
        assessment=assessment,
        what="a backup of the whole assessment",
        file_format="PAIRsight backup (zip)",
        object_type="assessment",
        object_id=assessment.pk,
        detail=detail,
    )


def write_assessment(assessment: Assessment, out: Path) -> tuple[Path, dict[str, Any]]:
    """Write the backup file; return it with what it holds (rows per model, files)."""
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    with transaction.atomic():  # one consistent reading of every table
        header = {
            "title": assessment.title,
            "area": {"name": assessment.area.name, "ons_code": assessment.area.ons_code},
            "start_year": assessment.start_year,
            "end_year": assessment.end_year,
            "is_demo": assessment.is_demo,
            "created_at": assessment.created_at,
        }
        members["rows/assessment.json"] = _json(header)
        for model in ordered_models():
            rows = [
                _encode(model, row) for row in rows_of(model, assessment.pk).order_by("pk").values()
            ]
            members[rows_member(model)] = _json(rows)
            counts[label(model)] = len(rows)
        for part in parts():
            for name, path in _stored_files(part, assessment.pk):
                members[name] = path.read_bytes()
    manifest = {
        "assessment": {"id": assessment.pk, "title": assessment.title},
        "created_at": timezone.now().isoformat(),
        "migrations": _migrations(),
        "rows": counts,
    }
    detail = {"rows": counts, "files": sum(1 for n in members if n.startswith("files/"))}
    return write_backup(Path(out), manifest, members), detail


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        # Full precision: a restored audit entry keeps its exact time.
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def _json(value: Any) -> bytes:
    return json.dumps(value, cls=_Encoder, ensure_ascii=False).encode("utf-8")
