"""Back up, restore and delete one assessment: every row of it and every file it stored.

Which rows belong to an assessment is told by each app, not written here: an app's own
`backup.py` calls `register(...)` with its models (and, if it keeps files, their folder).
A new app (service mapping, interviews, recommendations) joins by adding that file;
nothing here changes. The rows of a model are found through its foreign keys, up to the
assessment; rows are restored parents first, with new IDs, and foreign keys between
them mapped to the new IDs.

People are not part of an assessment's backup: the person restoring becomes its lead, and
links to other people (who built, who imported) are kept as the names stored beside them.
"""

from __future__ import annotations

import base64
import datetime
import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.models import DBTaskResult

from pairsight.assessments import access
from pairsight.assessments.archive import Backup, BackupError, read_backup, write_backup
from pairsight.assessments.audit import Actor, record_change, record_export
from pairsight.assessments.models import Area, Assessment, AuditEvent, Membership, Role
from pairsight.assessments.tasks import ACTIVE, Job, JobState

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


def _ordered_models() -> list[type[models.Model]]:
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


def _rows_of(model: type[models.Model], assessment_id: int) -> models.QuerySet[Any]:
    return model._default_manager.filter(**{_path_to_assessment(model): assessment_id})


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _member(model: type[models.Model]) -> str:
    return f"rows/{_label(model)}.json"


# Backing up -----------------------------------------------------------------------------


def _encode(model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
    for field in model._meta.concrete_fields:
        if isinstance(field, models.BinaryField) and row.get(field.attname) is not None:
            row[field.attname] = base64.b64encode(bytes(row[field.attname])).decode("ascii")
    return row


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
    """Write one file holding the assessment: its rows as JSON, its files, a manifest."""
    access.require(actor, assessment, Role.LEAD, changes_edition=False)
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
        for model in _ordered_models():
            rows = [
                _encode(model, row)
                for row in _rows_of(model, assessment.pk).order_by("pk").values()
            ]
            members[_member(model)] = _json(rows)
            counts[_label(model)] = len(rows)
        for part in parts():
            for name, path in _stored_files(part, assessment.pk):
                members[name] = path.read_bytes()
        record_export(
            actor=actor,
            assessment=assessment,
            what="a backup of the whole assessment",
            file_format="PAIRsight backup (zip)",
            object_type="assessment",
            object_id=assessment.pk,
            detail={"rows": counts, "files": sum(1 for n in members if n.startswith("files/"))},
        )
    manifest = {
        "assessment": {"id": assessment.pk, "title": assessment.title},
        "created_at": timezone.now().isoformat(),
        "migrations": _migrations(),
        "rows": counts,
    }
    return write_backup(Path(out), manifest, members)


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        # Full precision: a restored audit entry keeps its exact time.
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def _json(value: Any) -> bytes:
    return json.dumps(value, cls=_Encoder, ensure_ascii=False).encode("utf-8")


# Restoring ------------------------------------------------------------------------------


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
    known = {_member(model) for model in _ordered_models()} | {"rows/assessment.json"}
    unknown = sorted(m for m in backup.members if m.startswith("rows/") and m not in known)
    if unknown:
        raise BackupError(
            f"{name} holds data this version of PAIRsight does not know ({', '.join(unknown)})."
        )


def _value(field: models.Field[Any, Any], raw: Any) -> Any:
    return None if raw is None else field.to_python(raw)


def _restore_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    assessment: Assessment,
    maps: dict[type[models.Model], dict[int, int]],
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


def restore_assessment(*, actor: Actor, content: bytes, name: str = "the file") -> Assessment:
    """A new assessment from a backup, with new IDs and `actor` as its lead.

    The whole file is checked first; a file that fails any check changes nothing.
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
    for model in _ordered_models():
        rows = backup.json(_member(model)) if _member(model) in backup.members else []
        maps[model] = _restore_rows(model, rows, assessment, maps)
        counts[_label(model)] = len(rows)
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


# Carrying forward (the next edition) ----------------------------------------------------


def carry_forward(source: Assessment, target: Assessment) -> dict[str, int]:
    """Copy every row and file of `source` into `target`, with new IDs, as a restore does.

    The audit trail stays with the edition it belongs to. Returns the rows copied per app.
    """
    maps: dict[type[models.Model], dict[int, int]] = {}
    by_app: dict[str, int] = {}
    for model in _ordered_models():
        if model is AuditEvent:
            continue
        rows = list(_rows_of(model, source.pk).order_by("pk").values())
        maps[model] = _restore_rows(model, rows, target, maps)
        if rows:
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
        _label(model): _rows_of(model, assessment.pk).count()
        for model in _ordered_models()
        if model is not AuditEvent
    }


# Deleting -------------------------------------------------------------------------------


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
    with transaction.atomic():
        counts = {}
        for model in reversed(_ordered_models()):
            rows = _rows_of(model, assessment_id)
            if issubclass(model, Job):
                task_ids = [_uuid(t) for t in rows.values_list("task_id", flat=True)]
                DBTaskResult.objects.filter(id__in=[t for t in task_ids if t]).delete()
            counts[_label(model)] = rows.delete()[0]
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
