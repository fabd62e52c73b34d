"""Uploaded exports waiting on the matching screen: keep, match, discard."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments.access import can, require
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Membership, Role
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.mapping import ColumnMapping, Target
from pairsight.surveys.models import (
    PendingUpload,
    Survey,
)

#: Uploaded files wait this long for their matches to be confirmed, then are deleted
#: (they can hold names and e-mail addresses).
UPLOAD_KEPT_FOR = datetime.timedelta(days=1)


UPLOAD_KEPT_FOR = datetime.timedelta(days=1)
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _require_lead(actor: User, assessment: Assessment, what: str) -> None:
    membership = Membership.objects.filter(assessment=assessment, user_id=actor.pk).first()
    if membership is None or not can(membership, Role.LEAD):
        raise PermissionDenied(f"Only a lead can {what}")


def saved_mapping(survey: Survey) -> ColumnMapping | None:
    return ColumnMapping.from_json(survey.mapping_json) if survey.mapping_json else None


def _mapping_summary(mapping: ColumnMapping) -> dict[str, str | None]:
    return {
        m.header: m.target.describe() if m.target is not None else None for m in mapping.matches
    }


def upload_export(
    *,
    actor: User,
    survey: Survey,
    file_name: str,
    content: bytes,
    keep_personal: bool = False,
) -> PendingUpload:
    """Keep an uploaded export for matching. Raises SurveyImportError if it is not an export.

    The file is read before the transaction: SQLite's write lock is taken when a
    transaction starts, and a large file read inside one would make every other save wait.
    """
    require(actor, survey.assessment, Role.EDITOR)
    if keep_personal:
        _require_lead(actor, survey.assessment, "keep names and e-mail addresses")
    if len(content) > MAX_UPLOAD_BYTES:
        raise SurveyImportError(
            f"{file_name} is {len(content) / 1024 / 1024:.0f} MB; the largest file PAIRsight "
            f"takes is {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Export only the responses."
        )
    export = read_export(content, file_name)
    with transaction.atomic():
        PendingUpload.objects.filter(
            survey=survey, uploaded_at__lt=timezone.now() - UPLOAD_KEPT_FOR
        ).delete()
        upload = PendingUpload.objects.create(
            survey=survey,
            file_name=file_name[:255],
            content=content,
            size=len(content),
            keep_personal=keep_personal,
            uploaded_by=actor,
        )
        record_change(
            actor=actor,
            assessment=survey.assessment,
            action="survey file uploaded",
            object_type="survey upload",
            object_id=upload.pk,
            summary=f"Uploaded {upload.file_name} ({export.format.label} export, "
            f"{len(export.body)} rows) to the {survey.get_kind_display().lower()} for matching",
            after={"file": upload.file_name, "bytes": upload.size, "keep_personal": keep_personal},
        )
    return upload


@transaction.atomic
def save_mapping(
    *,
    actor: User,
    upload: PendingUpload,
    mapping: ColumnMapping,
    choices: Mapping[str, Target | None],
) -> ColumnMapping:
    """Set each column's question as the person chose it, and keep it for the next upload.

    `mapping` is the proposal the person saw; `choices` the question they chose per column
    header (None: not imported). Every column they saw counts as confirmed.
    """
    require(actor, upload.survey.assessment, Role.EDITOR)
    targets = [t for t in choices.values() if t is not None]
    repeated = {t for t in targets if targets.count(t) > 1}
    if repeated:
        raise ValidationError(
            f"{len(repeated)} question(s) are matched to more than one column: "
            + ", ".join(sorted(t.describe() for t in repeated))
        )
    chosen = mapping
    # Clear every column first, so that moving a question between columns is never refused.
    for header in choices:
        chosen = chosen.override(header, None)
    for header, target in choices.items():
        if target is not None:
            chosen = chosen.override(header, target.question_id, target.item)
    survey = upload.survey
    before = saved_mapping(survey)
    upload.mapping_json = chosen.to_json()
    upload.save(update_fields=["mapping_json"])
    survey.mapping_json = _merged(before, chosen).to_json()
    survey.save(update_fields=["mapping_json", "updated_at"])
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="column matches saved",
        object_type="survey",
        object_id=survey.pk,
        summary=f"Saved the column matches for {upload.file_name}",
        before=_mapping_summary(before) if before is not None else None,
        after=_mapping_summary(chosen),
    )
    return chosen


def _merged(saved: ColumnMapping | None, chosen: ColumnMapping) -> ColumnMapping:
    """The survey's saved matches with this file's columns replaced by the ones just chosen."""
    if saved is None:
        return chosen
    headers = {m.header for m in chosen.matches}
    taken = {m.target for m in chosen.matches if m.target is not None}
    kept = tuple(m for m in saved.matches if m.header not in headers and (m.target not in taken))
    return ColumnMapping(chosen.instrument_id, chosen.instrument_version, kept + chosen.matches)


@transaction.atomic
def discard_upload(*, actor: User, upload: PendingUpload) -> None:
    require(actor, upload.survey.assessment, Role.EDITOR)
    record_change(
        actor=actor,
        assessment=upload.survey.assessment,
        action="survey file discarded",
        object_type="survey upload",
        object_id=upload.pk,
        summary=f"Discarded the uploaded file {upload.file_name} without importing it",
    )
    upload.delete()
