"""The report's "How the assessment was run" lists the governance and the milestones done."""

from __future__ import annotations

import datetime
from typing import Any

from pairsight.core.document import Table
from pairsight.plan import actions
from pairsight.plan.report import plan_section
from pairsight.reports.queries import assessment_sections


def test_the_section_lists_the_steering_group_decisions_and_milestones_done(team: Any) -> None:
    lead, assessment = team.lead, team.assessment
    actions.add_steering_member(actor=lead, assessment=assessment, name="Dr Ada", role="Chair, ICB")
    meeting = actions.add_meeting(actor=lead, assessment=assessment, date=datetime.date(2026, 2, 2))
    actions.record_decision(
        actor=lead,
        assessment=assessment,
        date=datetime.date(2026, 2, 2),
        decision="Adopt the NHS rule",
        meeting=meeting,
    )
    actions.add_milestone(
        actor=lead,
        assessment=assessment,
        title="Kick-off",
        workstream="governance",
        due=datetime.date(2026, 1, 5),
        done=True,
    )
    actions.add_milestone(
        actor=lead,
        assessment=assessment,
        title="Publish",
        workstream="report",
        due=datetime.date(2026, 7, 6),
    )
    section = plan_section(assessment)
    assert section.heading == "How the assessment was run"
    governance, plan = section.subsections
    assert "A steering group of 1 member oversaw the assessment; it met on 2 February 2026." in str(
        governance.blocks[0]
    )
    tables = [b for b in governance.blocks if isinstance(b, Table)]
    assert tables[0].rows == (("Dr Ada", "Chair, ICB"),)
    assert tables[1].rows == (("2 February 2026", "Adopt the NHS rule", "2 February 2026"),)
    assert "1 of the plan's 2 milestones was done" in str(plan.blocks[0])
    done = plan.blocks[1]
    assert isinstance(done, Table) and done.rows == (
        ("5 January 2026", "Kick-off", "Governance and project"),
    )
    assert section in assessment_sections(assessment)


def test_without_a_plan_the_section_says_so(team: Any) -> None:
    section = plan_section(team.assessment)
    assert section.subsections == ()
    assert "No plan, governance or dissemination" in str(section.blocks[0])
