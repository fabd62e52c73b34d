"""The population workstream's part of an assessment's backup (see assessments/backup.py)."""

from pairsight.assessments.backup import register
from pairsight.population.models import Scenario

register("population", Scenario)
