"""The register's part of an assessment's backup and of its next edition (assessments/backup.py)."""

from pairsight.assessments.backup import register
from pairsight.recommendations.models import Category, Citation, Recommendation

register("recommendations", Category, Recommendation, Citation)
