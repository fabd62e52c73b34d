"""Reads for the survey pages: the surveys, their stored responses, imports and uploads."""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, replace
from typing import Any

import orjson
import pandas as pd
from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404

from pairsight.assessments.models import Assessment
from pairsight.surveys.analysis import SurveyAnalysis, filter_responses
from pairsight.surveys.findings import Finding, survey_findings
from pairsight.surveys.importers.detect import read_export
from pairsight.surveys.importers.errors import ImportProblem, SurveyImportError
from pairsight.surveys.importers.export import Export, cell_text
from pairsight.surveys.importers.mapping import ColumnMapping, Target, propose_mapping
from pairsight.surveys.importers.pipeline import import_responses
from pairsight.surveys.instruments import Instrument
from pairsight.surveys.models import (
    Answer,
    ImportBatch,
    PendingUpload,
    Response,
    StarredFinding,
    Survey,
    SurveyKind,
)
from pairsight.surveys.responses import SurveyResponses, responses_frame


def survey_kind(kind: str) -> SurveyKind:
    if kind not in SurveyKind.values:
        raise Http404("No such survey")
    return SurveyKind(kind)


def survey_of(assessment: Assessment, kind: SurveyKind) -> Survey | None:
    return Survey.objects.filter(assessment=assessment, kind=kind).first()


@dataclass(frozen=True)
class SurveyCard:
    kind: SurveyKind
    survey: Survey | None
    responses: int
    imports: int
    starred: int


def survey_cards(assessment: Assessment) -> list[SurveyCard]:
    surveys = {
        s.kind: s
        for s in Survey.objects.filter(assessment=assessment).annotate(
            response_count=Count("responses", distinct=True),
            import_count=Count("imports", distinct=True),
            starred_count=Count("starred", distinct=True),
        )
    }
    cards = []
    for kind in SurveyKind:
        survey = surveys.get(kind.value)
        cards.append(
            SurveyCard(
                kind,
                survey,
                getattr(survey, "response_count", 0),
                getattr(survey, "import_count", 0),
                getattr(survey, "starred_count", 0),
            )
        )
    return cards


def response_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey).count()


def imports(survey: Survey) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(survey=survey).select_related("imported_by")


def pending_uploads(survey: Survey) -> QuerySet[PendingUpload]:
    return PendingUpload.objects.filter(survey=survey).defer("content")


def starred_ids(survey: Survey) -> list[str]:
    return list(StarredFinding.objects.filter(survey=survey).values_list("question_id", flat=True))


def stored_keys(survey: Survey) -> set[str]:
    return set(Response.objects.filter(survey=survey).values_list("key", flat=True))


def already_stored(
    survey: Survey, keys: list[str], identities: pd.DataFrame | None = None
) -> set[str]:
    """The keys of responses the survey holds already: the same key, or the same response
    come in another file (the tool's ID and start time, or the start time and answers)."""
    rows = Response.objects.filter(survey=survey).values_list("key", "identity", "fingerprint")
    stored_keys, stored_identities, stored_fingerprints = set(), set(), set()
    for key, identity, fingerprint in rows:
        stored_keys.add(key)
        if identity:
            stored_identities.add(identity)
        if fingerprint:
            stored_fingerprints.add(fingerprint)
    found = {k for k in keys if k in stored_keys}
    if identities is not None:
        for key, identity, fingerprint in identities.itertuples(name=None):
            if (identity and identity in stored_identities) or fingerprint in stored_fingerprints:
                found.add(str(key))
    return found


def stored_responses(survey: Survey, instrument: Instrument | None = None) -> SurveyResponses:
    """The survey's stored responses as the analysis reads them.

    Raises ValueError when a stored answer does not fit `instrument` (an edited questionnaire
    that dropped a question or option that responses answer).
    """
    instrument = instrument or survey.instrument
    stored = Response.objects.filter(survey=survey).order_by("id").values_list("id", "key")
    keys: list[str] = []
    position: dict[int, int] = {}
    for response_id, key in stored:
        position[response_id] = len(keys)
        keys.append(key)
    columns: dict[str, list[object]] = {}
    # The answers as JSON text, decoded by orjson: Django's JSONField decodes each value
    # with the standard library, which took most of the time on a survey of 100,000.
    rows = Answer.objects.filter(response__survey=survey).values_list(
        "response_id", "column", Cast("value", TextField())
    )
    for response_id, column, text in rows.iterator(chunk_size=5000):
        values = columns.get(column)
        if values is None:
            values = columns[column] = [None] * len(keys)
        values[position[response_id]] = orjson.loads(text)
    frame = responses_frame(instrument, columns, keys)
    return SurveyResponses(
        instrument,
        frame,
        source=f"{survey.get_kind_display()}, {survey.assessment.area.name}",
        synthetic=survey.synthetic,
        label=survey.marking,
    )


def read_upload(upload: PendingUpload) -> Export:
    """The uploaded file read again (it was checked to be an export when it was uploaded)."""
    return read_export(bytes(upload.content), upload.file_name)


def proposed_mapping(upload: PendingUpload, export: Export) -> ColumnMapping:
    """The matches to show: the ones chosen for this file, else the survey's saved ones."""
    survey = upload.survey
    saved_json = upload.mapping_json or survey.mapping_json
    saved = ColumnMapping.from_json(saved_json) if saved_json else None
    return propose_mapping(export, survey.instrument, saved=saved)


@dataclass(frozen=True)
class UploadCheck:
    """What importing the file with these matches would do, worked out without storing it."""

    #: A problem with the whole file (no column matches the questionnaire), or "".
    error: str
    #: Answers that fit no option, with their rows and columns.
    problems: list[ImportProblem]
    rows: int
    new: int
    already_stored: int
    personal_columns: list[str]
    questions_not_in_file: list[str]
    synthetic: bool

    @property
    def ready(self) -> bool:
        return not self.error and not self.problems and self.new > 0


def mixing_problem(survey: Survey, synthetic: bool, file_name: str) -> str:
    """Why a file cannot join the survey's stored responses ("" when it can).

    Synthetic and real responses never share a survey, so that no finding from real people
    is ever diluted by generated ones (or the other way round) unnoticed.
    """
    if survey.synthetic == synthetic or not Response.objects.filter(survey=survey).exists():
        return ""
    held, offered = ("synthetic", "real") if survey.synthetic else ("real", "synthetic")
    return (
        f"{file_name} holds {offered} responses, and this survey holds {held} ones: "
        "they cannot be mixed. Delete the stored imports first."
    )


def check_upload(upload: PendingUpload, export: Export, mapping: ColumnMapping) -> UploadCheck:
    survey = upload.survey
    instrument = survey.instrument
    personal = [c.header for c in export.columns if c.role == "personal"]
    rows = len(export.body)
    try:
        result = import_responses(
            export, instrument, mapping=mapping, keep_personal=False, strict=False
        )
    except SurveyImportError as error:
        return UploadCheck(str(error), list(error.problems), rows, 0, 0, personal, [], False)
    keys = [str(k) for k in result.responses.index]
    already = len(already_stored(survey, keys, result.identities))
    numbers = {q.id: n for n, q in instrument.numbered()}
    missing = [
        f"{numbers[q]}. {' '.join(instrument.question(q).text.split())}"
        for q in result.questions_not_in_file
    ]
    return UploadCheck(
        mixing_problem(survey, result.synthetic, upload.file_name),
        result.problems,
        rows,
        len(keys) - already,
        already,
        personal,
        missing,
        result.synthetic,
    )


def findings_of(
    survey: Survey, only: tuple[str, str] | None = None
) -> tuple[SurveyAnalysis, list[Finding]]:
    """Every question's findings, for everyone or only those who gave one answer.

    Worked out once per state of the survey: the stored responses change only with a save
    of the survey (an import, a deleted import, an edited questionnaire), which moves
    `updated_at`.
    """
    return _findings(survey.pk, survey.updated_at.isoformat(), only)


@functools.lru_cache(maxsize=32)
def _findings(
    survey_id: int, version: str, only: tuple[str, str] | None
) -> tuple[SurveyAnalysis, list[Finding]]:
    survey = Survey.objects.select_related("assessment__area").get(pk=survey_id)
    responses = stored_responses(survey)
    if only is not None:
        responses = filter_responses(responses, only[0], [only[1]])
    return survey_findings(responses)


def _examples(export: Export, position: int, limit: int = 3) -> list[str]:
    """The first few different answers in a column, as the matching screen shows them."""
    examples: list[str] = []
    for value in export.body[position].tolist():
        text = " ".join(cell_text(value).split())
        if text and text not in examples:
            examples.append(text if len(text) <= 40 else text[:39] + "…")
        if len(examples) == limit:
            break
    return examples


def upload_summary(upload: PendingUpload) -> dict[str, Any]:
    """Everything the matching screen shows about an uploaded file, as JSON.

    Worked out by the check job (it reads the whole file); raises SurveyImportError when the
    file is not an export.
    """
    export = read_upload(upload)
    mapping = proposed_mapping(upload, export)
    check = check_upload(upload, export, mapping)
    matches = {m.header: m for m in mapping.matches}
    columns = []
    for column in export.answer_columns:
        match = matches.get(column.header)
        # The mapping's JSON drops the closest guess shown beside an unmatched column.
        suggestion = match.suggestion if match is not None else None
        columns.append(
            {
                "letter": column.letter,
                "header": column.header,
                "examples": _examples(export, column.position),
                "suggestion": [suggestion.question_id, suggestion.item] if suggestion else None,
            }
        )
    return {
        "format": export.format.label,
        "sheet": export.grid.sheet or "",
        "mapping": mapping.to_json(),
        "columns": columns,
        "check": {
            "error": check.error,
            "problems": [asdict(p) for p in check.problems],
            "rows": check.rows,
            "new": check.new,
            "already_stored": check.already_stored,
            "personal_columns": check.personal_columns,
            "questions_not_in_file": check.questions_not_in_file,
            "synthetic": check.synthetic,
        },
    }


@dataclass(frozen=True)
class UploadColumn:
    """An answer column of an uploaded file, as the check job found it."""

    letter: str
    header: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class CheckedUpload:
    """The stored outcome of an upload's last check: all the matching screen shows."""

    format_label: str
    sheet: str
    columns: list[UploadColumn]
    mapping: ColumnMapping
    check: UploadCheck


def checked_upload(upload: PendingUpload) -> CheckedUpload | None:
    """What the last check of the file found, or None while it is being checked."""
    summary = upload.summary
    if not summary:
        return None
    stored = ColumnMapping.from_json(summary["mapping"])
    suggestions = {
        c["header"]: Target(c["suggestion"][0], c["suggestion"][1])
        for c in summary["columns"]
        if c["suggestion"]
    }
    mapping = replace(
        stored,
        matches=tuple(replace(m, suggestion=suggestions.get(m.header)) for m in stored.matches),
    )
    check = summary["check"]
    return CheckedUpload(
        summary["format"],
        summary["sheet"],
        [UploadColumn(c["letter"], c["header"], tuple(c["examples"])) for c in summary["columns"]],
        mapping,
        UploadCheck(
            check["error"],
            [ImportProblem(**p) for p in check["problems"]],
            check["rows"],
            check["new"],
            check["already_stored"],
            check["personal_columns"],
            check["questions_not_in_file"],
            check["synthetic"],
        ),
    )
