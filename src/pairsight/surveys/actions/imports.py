"""Importing an export's responses (all or none), and removing an import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.contrib.auth.models import User
from django.db import transaction

from pairsight.assessments.access import require
from pairsight.assessments.actions import set_headline
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Role
from pairsight.surveys.actions.uploads import _merged, _require_lead, saved_mapping
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.mapping import ColumnMapping
from pairsight.surveys.importers.pipeline import ImportResult
from pairsight.surveys.importers.pipeline import import_responses as read_responses
from pairsight.surveys.models import (
    Answer,
    ImportBatch,
    PendingUpload,
    Response,
    Survey,
)
from pairsight.surveys.queries import already_stored, mixing_problem
from pairsight.surveys.responses import SurveyResponses, stored_answers

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_BATCH = 1000


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the batch it stored (None when every response was already stored)."""

    batch: ImportBatch | None
    rows_in_file: int
    added: int
    already_stored: int


def _read(
    survey: Survey,
    content: bytes,
    file_name: str,
    mapping: ColumnMapping | None,
    keep_personal: bool,
) -> ImportResult:
    return read_responses(
        content,
        survey.instrument,
        name=file_name,
        mapping=mapping if mapping is not None else saved_mapping(survey),
        keep_personal=keep_personal,
    )


def _store_result(actor: User | None, survey: Survey, result: ImportResult) -> ImportOutcome:
    return store_responses(
        actor=actor,
        survey=survey,
        responses=result.survey,
        file_name=result.export.name,
        export_format=result.export_format.label,
        source_rows=result.source_rows,
        personal=result.personal,
        mapping=result.mapping,
        identities=result.identities,
    )


def import_file(
    *,
    actor: User | None,
    survey: Survey,
    content: bytes,
    file_name: str,
    mapping: ColumnMapping | None = None,
    keep_personal: bool = False,
) -> ImportOutcome:
    """Import an export into the survey: every response, or (on any problem) none.

    Raises SurveyImportError naming each answer that does not fit, by row and column.
    Responses already stored (the same response key) are left as they are. The file is
    read and checked before the transaction starts, so a large file never holds it open.
    """
    require(actor, survey.assessment, Role.EDITOR)
    if keep_personal and actor is not None:
        _require_lead(actor, survey.assessment, "keep names and e-mail addresses")
    result = _read(survey, content, file_name, mapping, keep_personal)
    return _store_result(actor, survey, result)


def import_upload(*, actor: User | None, upload: PendingUpload) -> ImportOutcome:
    """Import a file waiting on the matching screen with the matches saved for it.

    Read and checked outside any transaction; stored, and the upload removed, in one.
    From the pages this runs in the worker (see `tasks.start_import`), as PAIRsight itself
    (`actor` None) after `start_import` checked the person's role.
    """
    require(actor, upload.survey.assessment, Role.EDITOR)
    if upload.keep_personal and actor is not None:
        _require_lead(actor, upload.survey.assessment, "keep names and e-mail addresses")
    return store_upload(actor=actor, upload=upload, result=read_upload(upload))


def read_upload(upload: PendingUpload) -> ImportResult:
    """Read, match and check an uploaded file in full (no transaction, nothing stored)."""
    mapping = ColumnMapping.from_json(upload.mapping_json) if upload.mapping_json else None
    return _read(
        upload.survey, bytes(upload.content), upload.file_name, mapping, upload.keep_personal
    )


@transaction.atomic
def store_upload(
    *, actor: User | None, upload: PendingUpload, result: ImportResult
) -> ImportOutcome:
    """Store a checked file's responses and remove the upload, in one short transaction."""
    require(actor, upload.survey.assessment, Role.EDITOR)
    outcome = _store_result(actor, upload.survey, result)
    upload.delete()
    return outcome


@transaction.atomic
def store_responses(
    *,
    actor: User | None,
    survey: Survey,
    responses: SurveyResponses,
    file_name: str,
    export_format: str,
    source_rows: pd.Series | None = None,
    personal: pd.DataFrame | None = None,
    mapping: ColumnMapping | None = None,
    identities: pd.DataFrame | None = None,
) -> ImportOutcome:
    """Store checked responses as one import batch; responses already stored are skipped
    (the same key, or with `identities`, the same response from another file)."""
    require(actor, survey.assessment, Role.EDITOR)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    mixed = mixing_problem(locked, responses.synthetic, file_name)
    if mixed:
        raise SurveyImportError(mixed)
    keys = [str(k) for k in responses.frame.index]
    existing = already_stored(locked, keys, identities)
    new_keys = [k for k in keys if k not in existing]
    already = len(keys) - len(new_keys)
    if mapping is not None:
        locked.mapping_json = _merged(saved_mapping(locked), mapping.confirm_all()).to_json()
    if not new_keys:
        if mapping is not None:
            locked.save(update_fields=["mapping_json", "updated_at"])
        return ImportOutcome(None, len(keys), 0, already)
    kept_personal = personal is not None and not personal.empty
    batch = ImportBatch.objects.create(
        survey=locked,
        file_name=file_name[:255],
        export_format=export_format,
        rows_in_file=len(keys),
        added=len(new_keys),
        already_stored=already,
        personal_kept=kept_personal,
        synthetic=responses.synthetic,
        imported_by=actor,
    )
    rows = source_rows if source_rows is not None else pd.Series(dtype="Int64")
    created = Response.objects.bulk_create(
        [
            Response(
                survey=locked,
                batch=batch,
                key=key,
                source_row=_row(rows, key),
                personal=_personal(personal, key) if kept_personal else None,
                identity=_identity(identities, key, "identity"),
                fingerprint=_identity(identities, key, "fingerprint"),
            )
            for key in new_keys
        ],
        batch_size=_BATCH,
    )
    response_ids = {r.key: r.pk for r in created}
    Answer.objects.bulk_create(
        (
            Answer(
                response_id=response_ids[str(record["response_key"])],
                column=str(record["column"]),
                question_id=str(record["question_id"]),
                item=str(record["item"] or ""),
                value=record["value"],
            )
            for record in stored_answers(responses)
            if str(record["response_key"]) in response_ids
        ),
        batch_size=_BATCH,
    )
    locked.synthetic = responses.synthetic
    locked.synthetic_label = responses.label if responses.synthetic else ""
    locked.save(update_fields=["synthetic", "synthetic_label", "mapping_json", "updated_at"])
    refresh_headline(locked)
    record_change(
        actor=actor,
        assessment=locked.assessment,
        action="responses imported",
        object_type="survey import",
        object_id=batch.pk,
        summary=f"Imported {batch.added:,} responses from {batch.file_name} into the "
        f"{locked.get_kind_display().lower()}"
        + (f" ({already:,} already stored were left as they were)" if already else "")
        + (" (synthetic)" if batch.synthetic else ""),
        after=_batch_state(batch),
    )
    survey.synthetic, survey.synthetic_label = locked.synthetic, locked.synthetic_label
    survey.mapping_json = locked.mapping_json
    return ImportOutcome(batch, len(keys), len(new_keys), already)


def _identity(identities: pd.DataFrame | None, key: str, part: str) -> str:
    if identities is None or key not in identities.index:
        return ""
    return str(identities.at[key, part])


def _row(rows: pd.Series, key: str) -> int | None:
    value = rows.get(key)
    return int(value) if value is not None and not pd.isna(value) else None


def _personal(personal: pd.DataFrame | None, key: str) -> dict[str, str] | None:
    if personal is None or key not in personal.index:
        return None
    return {str(k): str(v) for k, v in personal.loc[key].items() if v not in (None, "")}


def _batch_state(batch: ImportBatch) -> dict[str, Any]:
    return {
        "file": batch.file_name,
        "format": batch.export_format,
        "rows_in_file": batch.rows_in_file,
        "added": batch.added,
        "already_stored": batch.already_stored,
        "personal_kept": batch.personal_kept,
        "synthetic": batch.synthetic,
    }


def refresh_headline(survey: Survey) -> None:
    """The survey's card on the dashboard: how many people have answered."""
    count = Response.objects.filter(survey=survey).count()
    kind = survey.survey_kind
    detail = ""
    if count:
        detail = (
            "Synthetic responses: not real survey data"
            if survey.synthetic
            else f"{survey.instrument.title}, version {survey.instrument.version}"
        )
    set_headline(
        assessment=survey.assessment,
        workstream=kind.workstream,
        label=f"{kind.respondents.capitalize()} who answered the survey" if count else "",
        value=f"{count:,}" if count else "",
        detail=detail,
    )


@transaction.atomic
def delete_import(*, actor: User, batch: ImportBatch) -> None:
    """Remove an import and every response it added."""
    require(actor, batch.survey.assessment, Role.EDITOR)
    survey = Survey.objects.select_for_update().get(pk=batch.survey_id)
    state = _batch_state(batch)
    batch_id = batch.pk
    batch.delete()
    remaining = ImportBatch.objects.filter(survey=survey)
    survey.synthetic = remaining.filter(synthetic=True).exists()
    if not survey.synthetic:
        survey.synthetic_label = ""
    survey.save(update_fields=["synthetic", "synthetic_label", "updated_at"])
    refresh_headline(survey)
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="import deleted",
        object_type="survey import",
        object_id=batch_id,
        summary=f"Deleted the import of {state['file']} ({state['added']:,} responses) from "
        f"the {survey.get_kind_display().lower()}",
        before=state,
    )
