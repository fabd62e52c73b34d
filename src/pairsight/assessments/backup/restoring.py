"""Restoring: a new assessment from a backup file, with new IDs and the restorer as lead."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.migrations.recorder import MigrationRecorder

from pairsight.assessments.archive import Backup, BackupError, read_backup
from pairsight.assessments.audit import Actor, record_change
from pairsight.assessments.backup.parts import (
    RESTORED_MARK,
    RESTORED_TITLE,
    is_person,
    label,
    ordered_models,
    parts,
    person_key,
    person_named,
    rows_member,
)
from pairsight.assessments.models import Area, Assessment, AuditEvent, Membership, Role
from pairsight.assessments.tasks import ACTIVE, Job, JobState


def _check_fits(backup: Backup, name: str) -> None:
    """Refuse rows this PAIRsight cannot hold: a newer migration, or a model it lacks."""
    applied: dict[str, set[str]] = {}
    for app, migration in MigrationRecorder.Migration.objects.values_list("app", "name"):
        applied.setdefault(app, set()).add(migration)
    manifest_migrations = backup.manifest.get("migrations", {})
    for app, migration in sorted(manifest_migrations.items()):
        if migration not in applied.get(app, set()):
            raise BackupError(
                f"{name} was made by a newer version of PAIRsight (its {app} data is at "
                f"{migration}, which this one does not have). Upgrade PAIRsight, then restore it."
            )
    known = {rows_member(model) for model in ordered_models()} | {"rows/assessment.json"}
    unknown = sorted(m for m in backup.members if m.startswith("rows/") and m not in known)
    if unknown:
        raise BackupError(
            f"{name} holds data this version of PAIRsight does not know ({', '.join(unknown)})."
        )


def _value(field: models.Field[Any, Any], raw: Any) -> Any:
    return None if raw is None else field.to_python(raw)


def _person(row: dict[str, Any], field: Any, raw: int, stand_in: int | None) -> int | None:
    """The same person by name (a backup names them); a row straight from this database
    (the next edition) keeps its person. Where the person is not here, the restoring person
    stands in where someone must be named (a coder), and nobody where no one need be."""
    name = row.get(person_key(field))
    if name is None:
        return raw
    person = person_named(name) if name else None
    return person.pk if person is not None else None if field.null else stand_in


def _restore_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    assessment: Assessment,
    maps: dict[type[models.Model], dict[int, int]],
    stand_in: int | None = None,
) -> dict[int, int]:
    objects = []
    for row in rows:
        values: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            raw = row.get(field.attname)
            if isinstance(field, models.ForeignKey):
                target = field.related_model
                if target is Assessment:
                    values[field.attname] = assessment.pk
                elif is_person(field) and raw is not None:
                    values[field.attname] = _person(row, field, raw, stand_in)
                elif target in maps and raw is not None:
                    values[field.attname] = maps[target][raw]  # type: ignore[index]
                elif field.null:
                    values[field.attname] = None  # a person, or a row not backed up
                else:
                    raise BackupError(f"A {model.__name__} row points to a row not in the backup.")
            else:
                values[field.attname] = _value(field, raw)
        if issubclass(model, Job) and values["state"] in ACTIVE:
            values.update(
                state=JobState.FAILED,
                error_reason="it was still running when the backup was made.",
                task_id="",
            )
        if model is AuditEvent:
            values["summary"] = RESTORED_MARK + values["summary"]
        objects.append(model(**values))
    created = model._default_manager.bulk_create(objects, batch_size=500)
    mapping = {row["id"]: obj.pk for row, obj in zip(rows, created, strict=True)}
    # Dates that Django sets on saving (created, updated) take their stored values back.
    automatic = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for row in rows if automatic else []:
        model._default_manager.filter(pk=mapping[row["id"]]).update(
            **{f.attname: _value(f, row.get(f.attname)) for f in automatic}
        )
    return mapping


def restore_assessment(
    *,
    actor: Actor,
    content: bytes,
    name: str = "the file",
    then: Callable[[Assessment], None] | None = None,
) -> Assessment:
    """A new assessment from a backup, with new IDs and `actor` as its lead.

    The whole file is checked first; a file that fails any check changes nothing. `then`
    runs inside the restore's transaction (a job records its end there): if it raises,
    nothing is restored.
    """
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("A backup is restored by a person, who becomes its lead.")
    backup = read_backup(content, name=name)
    _check_fits(backup, name)
    header = backup.json("rows/assessment.json")
    written: list[Path] = []
    try:
        with transaction.atomic():
            assessment = _restore(actor, backup, header, written)
            if then is not None:
                then(assessment)
    except BaseException:
        for folder in written:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return assessment


def _restore(
    actor: Actor, backup: Backup, header: dict[str, Any], written: list[Path]
) -> Assessment:
    if not isinstance(actor, User):
        raise PermissionDenied("A backup is restored by a person, who becomes its lead")
    area, _ = Area.objects.get_or_create(
        ons_code=header["area"]["ons_code"], defaults={"name": header["area"]["name"]}
    )
    assessment = Assessment.objects.create(
        title=(header["title"] + RESTORED_TITLE)[:200],
        area=area,
        start_year=header["start_year"],
        end_year=header["end_year"],
        is_demo=header["is_demo"],
        created_by=actor,
    )
    Membership.objects.create(assessment=assessment, user=actor, role=Role.LEAD)
    maps: dict[type[models.Model], dict[int, int]] = {}
    counts = {}
    for model in ordered_models():
        rows = backup.json(rows_member(model)) if rows_member(model) in backup.members else []
        maps[model] = _restore_rows(model, rows, assessment, maps, actor.pk)
        counts[label(model)] = len(rows)
    for part in parts():
        prefix = f"files/{part.app}/"
        names = [n for n in backup.members if n.startswith(prefix)]
        if not names or part.folder is None:
            continue
        folder = part.folder(assessment.pk)
        written.append(folder)
        for member in names:
            relative = member[len(prefix) :]
            target = (folder / (part.rename(relative, maps) if part.rename else relative)).resolve()
            if not target.is_relative_to(folder.resolve()):
                raise BackupError(f"{member} would be written outside the assessment's folder.")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(backup.members[member])
    source = backup.manifest.get("assessment", {})
    record_change(
        actor=actor,
        assessment=assessment,
        action="assessment restored",
        object_type="assessment",
        object_id=assessment.pk,
        summary=f"Restored from a backup of “{source.get('title', header['title'])}” made "
        f"{backup.manifest.get('created_at', 'at an unknown time')}; audit entries from the "
        f"backup are marked {RESTORED_MARK.strip()}",
        after={"from": source, "rows": counts},
    )
    return assessment
