"""The surveys' part of an assessment's backup (see assessments/backup.py)."""

from pairsight.assessments.backup import register
from pairsight.surveys.models import (
    Answer,
    ImportBatch,
    PendingUpload,
    PopulationComparison,
    RecruitmentTarget,
    Response,
    StarredFinding,
    Survey,
    SurveyImport,
)

register(
    "surveys",
    Survey,
    ImportBatch,
    Response,
    Answer,
    StarredFinding,
    PendingUpload,
    SurveyImport,
    PopulationComparison,
    RecruitmentTarget,
)
