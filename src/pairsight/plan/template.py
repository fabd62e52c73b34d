"""A six-month plan to start from, shaped by Birmingham's 2022 top tips.

Birmingham ran its assessment in six months, including the write-up, and advised: set up
governance first (a steering group), protect regular planning meetings, allow time to
recruit a representative sample for interviews, allow time to articulate and consult on
the recommendations, and plan dissemination ahead. The milestones below follow that
advice; their wording and weeks are generic suggestions for a team to change, not what
Birmingham did on any date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

#: The parts of the work a milestone belongs to, as (value, label).
WORKSTREAMS: tuple[tuple[str, str], ...] = (
    ("governance", "Governance and project"),
    ("population", "Population need"),
    ("services", "Service mapping"),
    ("interviews", "Interviews"),
    ("surveys", "Surveys"),
    ("recommendations", "Recommendations"),
    ("report", "Report and dissemination"),
)

#: Six months, as Birmingham advised ("realistic timescale, including to write up").
TEMPLATE_WEEKS = 26

#: (week after the start, workstream, milestone)
TEMPLATE: tuple[tuple[int, str, str], ...] = (
    (0, "governance", "Steering group set up and its terms of reference agreed"),
    (2, "governance", "Project plan, team and regular planning meetings agreed"),
    (4, "population", "Population figures gathered and prevalence assumptions agreed"),
    (6, "surveys", "Practitioner and parent surveys open"),
    (6, "interviews", "Interview recruitment started (allow time for a representative sample)"),
    (8, "services", "Services from conception to age two listed and classified"),
    (12, "population", "Need estimate agreed with the steering group"),
    (14, "surveys", "Surveys closed and analysed"),
    (16, "interviews", "Interviews done and coded into themes"),
    (16, "services", "Service map and gaps checked with the services"),
    (18, "recommendations", "Draft recommendations written, each citing its evidence"),
    (20, "recommendations", "Consultation on the recommendations closed and changes recorded"),
    (22, "report", "Draft report written"),
    (24, "report", "Report agreed by the steering group"),
    (TEMPLATE_WEEKS, "report", "Report published and the dissemination plan under way"),
)


@dataclass(frozen=True)
class PlannedMilestone:
    title: str
    workstream: str
    due: datetime.date


def template_plan(start: datetime.date) -> list[PlannedMilestone]:
    """The template's milestones dated from `start`, in date order."""
    return [
        PlannedMilestone(title, workstream, start + datetime.timedelta(weeks=week))
        for week, workstream, title in TEMPLATE
    ]
