"""The recommendations' part of an assessment's backup (see assessments/backup)."""

from pairsight.assessments.backup import register
from pairsight.recommendations.consultation.models import (
    ConsultationChange,
    ConsultationResponse,
    ConsultationRound,
)
from pairsight.recommendations.models import Category, Citation, Recommendation

register(
    "recommendations",
    Category,
    Recommendation,
    Citation,
    ConsultationRound,
    ConsultationRound.recommendations.through,
    ConsultationResponse,
    ConsultationChange,
)
