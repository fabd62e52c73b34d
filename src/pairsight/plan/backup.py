"""The plan's part of an assessment's backup (see assessments/backup)."""

from pairsight.assessments.backup import register
from pairsight.plan.models import Decision, Dissemination, Meeting, Milestone, SteeringMember

register("plan", Milestone, SteeringMember, Meeting, Decision, Dissemination)
