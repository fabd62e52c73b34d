"""Writes for the surveys: one function per use case, each in a transaction, each audited.

An import stores everything or nothing: the file is read, matched and checked in full by the
pure pipeline before the transaction starts, and any failure inside it rolls back every row.
From the pages, an import runs in the worker (`tasks.start_import`, then `tasks.import_upload`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pandas as pd
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pairsight.assessments.access import can, require
from pairsight.assessments.actions import set_headline
from pairsight.assessments.audit import record_change
from pairsight.assessments.models import Assessment, Membership, Role
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import SurveyImportError
from pairsight.surveys.importers.mapping import ColumnMapping, Target
from pairsight.surveys.importers.pipeline import ImportResult
from pairsight.surveys.importers.pipeline import import_responses as read_responses
from pairsight.surveys.instruments.loader import SHIPPED_FOLDER, SHIPPED_PACKAGE
from pairsight.surveys.models import (
    Answer,
    ImportBatch,
    PendingUpload,
    Response,
    StarredFinding,
    Survey,
    SurveyKind,
    parsed_instrument,
)
from pairsight.surveys.queries import already_stored, mixing_problem, stored_responses
from pairsight.surveys.responses import SurveyResponses, stored_answers

#: Uploaded files wait this long for their matches to be confirmed, then are deleted
#: (they can hold names and e-mail addresses).
UPLOAD_KEPT_FOR = datetime.timedelta(days=1)
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_BATCH = 1000


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the batch it stored (None when every response was already stored)."""

    batch: ImportBatch | None
    rows_in_file: int
    added: int
    already_stored: int


def _require_lead(actor: User, assessment: Assessment, what: str) -> None:
    membership = Membership.objects.filter(assessment=assessment, user_id=actor.pk).first()
    if membership is None or not can(membership, Role.LEAD):
        raise PermissionDenied(f"Only a lead can {what}")


def _template_text(kind: SurveyKind) -> str:
    folder = resources.files(SHIPPED_PACKAGE) / SHIPPED_FOLDER
    return (folder / f"{kind.template}.yaml").read_text(encoding="utf-8")


@transaction.atomic
def start_survey(*, actor: User | None, assessment: Assessment, kind: str) -> Survey:
    """The assessment's survey of this kind, with a copy of the shipped questionnaire."""
    survey_kind = SurveyKind(kind)
    require(actor, assessment, Role.LEAD)
    if Survey.objects.filter(assessment=assessment, kind=survey_kind).exists():
        raise ValidationError(f"The {survey_kind.label.lower()} has already been started")
    survey = Survey.objects.create(
        assessment=assessment,
        kind=survey_kind,
        instrument_yaml=_template_text(survey_kind),
        created_by=actor,
    )
    instrument = survey.instrument
    record_change(
        actor=actor,
        assessment=assessment,
        action="survey started",
        object_type="survey",
        object_id=survey.pk,
        summary=f"Started the {survey_kind.label.lower()} from the template "
        f"{instrument.title}, version {instrument.version}",
        after={"kind": survey.kind, "instrument": instrument.id, "version": instrument.version},
    )
    return survey


@transaction.atomic
def edit_instrument(*, actor: User, survey: Survey, yaml_text: str) -> Survey:
    """Save an edited questionnaire.

    Raises InstrumentError (each problem at its line) when the YAML is not a questionnaire,
    and ValidationError when responses already stored would no longer fit it.
    """
    require(actor, survey.assessment, Role.LEAD)
    text = yaml_text.replace("\r\n", "\n")
    instrument = parsed_instrument(text)
    if Response.objects.filter(survey=survey).exists():
        try:
            stored_responses(survey, instrument)
        except ValueError as error:
            raise ValidationError(
                {
                    "yaml_text": "The stored responses would no longer fit the questionnaire "
                    f"({error}). Keep the questions and options they answer, or delete "
                    "those imports first."
                }
            ) from None
    before = survey.instrument
    if text == survey.instrument_yaml:
        return survey
    dropped = list(
        StarredFinding.objects.filter(survey=survey)
        .exclude(question_id__in=[q.id for q in instrument.questions])
        .values_list("question_id", flat=True)
    )
    StarredFinding.objects.filter(survey=survey, question_id__in=dropped).delete()
    previous_text = survey.instrument_yaml
    survey.instrument_yaml = text
    survey.save(update_fields=["instrument_yaml", "updated_at"])
    survey.__dict__.pop("instrument", None)  # parsed again from the new text when next read
    record_change(
        actor=actor,
        assessment=survey.assessment,
        action="questionnaire edited",
        object_type="survey",
        object_id=survey.pk,
        summary=f"Edited the questionnaire of the {survey.get_kind_display().lower()} "
        f"(now version {instrument.version})",
        before={"version": before.version, "yaml": previous_text},
        after={"version": instrument.version, "yaml": text, "unstarred": dropped},
    )
    return survey


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


def _question_text(survey: Survey, question_id: str) -> str:
    try:
        question = survey.instrument.question(question_id)
    except KeyError:
        raise ValidationError(f"The questionnaire has no question {question_id!r}") from None
    return question.text.strip()


@transaction.atomic
def star_finding(*, actor: User, survey: Survey, question_id: str) -> StarredFinding:
    """Put a question's findings into the report."""
    require(actor, survey.assessment, Role.EDITOR)
    text = _question_text(survey, question_id)
    starred, created = StarredFinding.objects.get_or_create(
        survey=survey, question_id=question_id, defaults={"starred_by": actor}
    )
    if created:
        record_change(
            actor=actor,
            assessment=survey.assessment,
            action="finding starred",
            object_type="survey finding",
            object_id=f"{survey.kind}:{question_id}",
            summary=f"Starred the finding “{text[:80]}” for the report",
            after={"question": question_id},
        )
    return starred


@transaction.atomic
def unstar_finding(*, actor: User, survey: Survey, question_id: str) -> None:
    require(actor, survey.assessment, Role.EDITOR)
    text = _question_text(survey, question_id)
    deleted, _ = StarredFinding.objects.filter(survey=survey, question_id=question_id).delete()
    if deleted:
        record_change(
            actor=actor,
            assessment=survey.assessment,
            action="finding unstarred",
            object_type="survey finding",
            object_id=f"{survey.kind}:{question_id}",
            summary=f"Took the finding “{text[:80]}” out of the report",
            before={"question": question_id},
        )
