"""The survey pages: listing, findings, questionnaires, imports and uploads."""

from pairsight.surveys.views.findings import (
    findings,
    findings_download,
    fragments,
    star,
)
from pairsight.surveys.views.imports import import_cancel, import_delete, import_job, import_retry
from pairsight.surveys.views.listing import survey_list, survey_overview, survey_start
from pairsight.surveys.views.questionnaires import (
    KIND_LABELS,
    PRINT_POLICY,
    questionnaire,
    questionnaire_edit,
    questionnaire_forms,
    questionnaire_pdf_download,
    questionnaire_print,
)
from pairsight.surveys.views.responses_file import (
    responses_download,
    responses_file,
    responses_file_start,
)

__all__ = [
    "survey_list",
    "survey_start",
    "survey_overview",
    "fragments",
    "findings",
    "star",
    "findings_download",
    "responses_download",
    "responses_file",
    "responses_file_start",
    "PRINT_POLICY",
    "KIND_LABELS",
    "questionnaire",
    "questionnaire_print",
    "questionnaire_pdf_download",
    "questionnaire_forms",
    "questionnaire_edit",
    "import_delete",
    "import_job",
    "import_cancel",
    "import_retry",
]
