"""The surveys an assessment runs, the responses imported into them, and starred findings.

A survey keeps its questionnaire as YAML text (a copy of a shipped template that a lead can
edit); responses keep their answers one row per answer, the plain records of
`pairsight.surveys.responses.stored_answers`, so the pure analysis reads them back unchanged.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.db import models

from pairsight.assessments.models import Assessment, Workstream
from pairsight.assessments.tasks import Job
from pairsight.surveys.instruments import Instrument, parse_instrument
from pairsight.surveys.synthetic import SYNTHETIC_LABEL


@functools.lru_cache(maxsize=64)
def parsed_instrument(text: str) -> Instrument:
    """The questionnaire in `text`, parsed once per process (YAML parsing is slow, and an
    `Instrument` is immutable, so every survey with the same text can share it)."""
    return parse_instrument(text, source="questionnaire")


class SurveyKind(models.TextChoices):
    WORKFORCE = "workforce", "Workforce survey"
    PARENTS = "parents", "Parents' survey"

    @property
    def template(self) -> str:
        """The shipped questionnaire a new survey of this kind starts from."""
        return {"workforce": "practitioners", "parents": "parents"}[self.value]

    @property
    def workstream(self) -> Workstream:
        return Workstream.WORKFORCE if self is SurveyKind.WORKFORCE else Workstream.PARENTS

    @property
    def respondents(self) -> str:
        """Who answers, as in "89 practitioners and managers"."""
        return {"workforce": "practitioners and managers", "parents": "parents and carers"}[
            self.value
        ]


class Survey(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(max_length=20, choices=SurveyKind.choices)
    #: The questionnaire as the lead last saved it (YAML, comments kept).
    instrument_yaml = models.TextField()
    #: The last confirmed column mapping (`ColumnMapping.to_json()`), reused on the next upload.
    mapping_json = models.TextField(blank=True)
    #: True while any stored responses are synthetic; every page and output then says so.
    synthetic = models.BooleanField(default=False)
    synthetic_label = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="one_survey_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.assessment}"

    @property
    def survey_kind(self) -> SurveyKind:
        return SurveyKind(self.kind)

    @functools.cached_property
    def instrument(self) -> Instrument:
        return parsed_instrument(self.instrument_yaml)

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        # The parsed questionnaire follows the text it was parsed from.
        self.__dict__.pop("instrument", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def marking(self) -> str:
        """The words every page and output shows beside synthetic responses."""
        return (self.synthetic_label or SYNTHETIC_LABEL) if self.synthetic else ""


class ImportBatch(models.Model):
    """One file imported into a survey: what it was, how many responses it added, who, when."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=255)
    export_format = models.CharField(max_length=50)
    rows_in_file = models.PositiveIntegerField()
    added = models.PositiveIntegerField()
    #: Responses in the file that were already stored (same response key) and were left alone.
    already_stored = models.PositiveIntegerField(default=0)
    personal_kept = models.BooleanField(default=False)
    synthetic = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.added} responses)"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="responses")
    #: The export's own response ID, or a hash of the row: the same file gives the same keys.
    key = models.CharField(max_length=255)
    #: The spreadsheet row it came from (as Excel numbers rows).
    source_row = models.PositiveIntegerField(null=True, blank=True)
    #: Email, Name and the like: only when a lead chose to keep them on import.
    personal = models.JSONField(null=True, blank=True)
    #: A hash of the tool's response ID and start time ("" when the export had no ID), and
    #: of the start time and answers: the same response in another file is found by either.
    identity = models.CharField(max_length=32, blank=True, default="", db_index=True)
    fingerprint = models.CharField(max_length=32, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="one_response_per_key")
        ]

    def __str__(self) -> str:
        return self.key


class Answer(models.Model):
    """One answer: a label, a list of labels, a number or text (skipped answers are absent)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    #: The answer column, as in `Instrument.answer_columns()` ("factors.cuddles").
    column = models.CharField(max_length=200)
    question_id = models.CharField(max_length=100)
    #: The grid statement, ranking item or "other" box the answer is for ("" for a question).
    item = models.CharField(max_length=200, blank=True, default="")
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "column"], name="one_answer_per_column")
        ]

    def __str__(self) -> str:
        return f"{self.column}: {self.value}"


class StarredFinding(models.Model):
    """A question whose findings go into the report, in the order they were starred."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="starred")
    question_id = models.CharField(max_length=100)
    starred_at = models.DateTimeField(auto_now_add=True)
    starred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "question_id"], name="star_once")]

    def __str__(self) -> str:
        return self.question_id


class PendingUpload(models.Model):
    """An uploaded export waiting for its columns to be matched and its answers checked.

    It is kept only until it is imported or discarded: nothing in it counts as a response.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="uploads")
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    #: The matches as the person last left them on the matching screen.
    mapping_json = models.TextField(blank=True)
    keep_personal = models.BooleanField(default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: What the last check job found (the columns, their proposed matches, the answers
    #: that do not fit), so the matching screen never reads the file in a request.
    summary = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class PopulationComparison(models.Model):
    """A question compared with the area's population: the figures, their source, the map.

    The figures are kept as they were read (counts or shares by group), with the sentence
    saying where they came from, so the comparison can be redrawn after every import.
    """

    class Level(models.TextChoices):
        HIGH = "high", "High-level groups"
        DETAILED = "detailed", "Detailed categories"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="comparisons")
    question_id = models.CharField(max_length=100)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.HIGH)
    #: Population figure by group (counts or shares, as `unit` says).
    figures = models.JSONField()
    unit = models.CharField(max_length=10)
    #: Provenance: table, year, area and file, or what the user said of their own CSV.
    source = models.TextField()
    #: The options-to-groups mapping (YAML); blank when options and groups share names.
    mapping_yaml = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question_id"], name="one_comparison_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} against {self.source[:60]}"


class RecruitmentTarget(models.Model):
    """How many responses the team aims for: in all (`question_id` blank), or per group."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="targets")
    question_id = models.CharField(max_length=100, blank=True)
    group = models.CharField(max_length=255, blank=True)
    target = models.PositiveIntegerField()
    #: True when the targets were shared out in proportion to the population.
    proportional = models.BooleanField(default=False)
    set_at = models.DateTimeField(auto_now=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["question_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question_id", "group"], name="one_target_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group or 'All responses'}: {self.target}"


class SurveyImport(Job):
    """An import of an uploaded file, run in the background by the worker.

    It reads and checks the whole file first, outside any transaction, then stores every
    response in one short transaction (or none); its state, progress and heartbeat are
    `Job`'s. The outcome stays after the uploaded file is gone.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="import_jobs")
    upload = models.ForeignKey(
        PendingUpload, null=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    file_name = models.CharField(max_length=255)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows_in_file = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    already_stored = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["upload"],
                condition=models.Q(state__in=["queued", "running"]),
                name="one_active_import_per_upload",
            )
        ]

    def __str__(self) -> str:
        return f"Import of {self.file_name}: {self.get_state_display()}"


class UploadCheckJob(Job):
    """A check of an uploaded file, run by the worker: read it, propose the column matches
    with the mapping last saved, and work out what importing it would do (nothing stored)."""

    upload = models.ForeignKey(PendingUpload, on_delete=models.CASCADE, related_name="checks")

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Check of {self.upload.file_name}: {self.get_state_display()}"


class ResponsesExport(Job):
    """The survey's responses written as a workbook by the worker, for members to download.

    Writing 20,000 responses takes longer than a page may. The finished file waits in the
    assessment's downloads folder (`surveys/tasks.py`, `export_path`) until a newer one
    replaces it, a day passes (`pairsight web cleanup`), or the assessment is deleted; the
    download itself is recorded as an export.
    """

    #: Only reads the assessment: allowed on a published edition, and leaves a carried
    #: workstream carried (assessments/editions/access.py).
    part_of_edition = False

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="exports")
    responses = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
