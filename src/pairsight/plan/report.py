"""The report's account of how the assessment was run: governance, the plan, dissemination."""

from __future__ import annotations

import datetime

from pairsight.assessments.models import Assessment
from pairsight.core.document import Block, Paragraph, Section, Source, Table
from pairsight.plan import queries

SECTION_KEY = "how-the-assessment-was-run"
HEADING = "How the assessment was run"


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _governance(plan: queries.Plan) -> list[Block]:
    blocks: list[Block] = []
    if plan.members or plan.meetings:
        met = ", ".join(_day(m.date) for m in plan.meetings)
        members = len(plan.members)
        text = f"A steering group of {members} member{'s' if members != 1 else ''}"
        text += " oversaw the assessment"
        text += f"; it met on {met}." if met else "."
        blocks.append(Paragraph(text))
    if plan.members:
        blocks.append(
            Table(
                caption="The steering group",
                columns=("Name", "Role and organisation"),
                rows=tuple((m.name, m.role) for m in plan.members),
            )
        )
    if plan.decisions:
        blocks.append(
            Table(
                caption="Decisions of the steering group",
                columns=("Date", "Decision", "Meeting"),
                rows=tuple(
                    (
                        _day(d.date),
                        d.decision,
                        _day(d.meeting.date) if d.meeting else "Between meetings",
                    )
                    for d in plan.decisions
                ),
                row_headers=False,
            )
        )
    return blocks


def _plan(plan: queries.Plan) -> list[Block]:
    if not plan.milestones:
        return []
    done = [m for m in plan.milestones if m.done]
    blocks: list[Block] = [
        Paragraph(
            f"{len(done)} of the plan's {len(plan.milestones)} milestones "
            f"{'was' if len(done) == 1 else 'were'} done when this report was prepared."
        )
    ]
    if done:
        blocks.append(
            Table(
                caption="Milestones done",
                columns=("Due", "Milestone", "Part of the work"),
                rows=tuple((_day(m.due), m.title, m.get_workstream_display()) for m in done),
                row_headers=False,
            )
        )
    return blocks


def _dissemination(plan: queries.Plan) -> list[Block]:
    if not plan.dissemination:
        return []
    return [
        Table(
            caption="The dissemination plan",
            columns=("Date", "Audience", "Channel", "Done"),
            rows=tuple(
                (_day(d.date), d.audience, d.channel, "Yes" if d.done else "Not yet")
                for d in plan.dissemination
            ),
            row_headers=False,
        )
    ]


def plan_section(assessment: Assessment) -> Section:
    plan = queries.plan_of(assessment)
    parts = [
        ("Governance", "governance", _governance(plan)),
        ("The plan", "plan", _plan(plan)),
        ("Dissemination", "dissemination", _dissemination(plan)),
    ]
    subsections = tuple(
        Section(heading, key=f"{SECTION_KEY}-{key}", blocks=tuple(blocks))
        for heading, key, blocks in parts
        if blocks
    )
    if not subsections:
        return Section(
            HEADING,
            key=SECTION_KEY,
            blocks=(Paragraph("No plan, governance or dissemination has been recorded yet."),),
        )
    return Section(
        HEADING,
        key=SECTION_KEY,
        blocks=(
            Paragraph(
                "Who oversaw the assessment, the decisions they recorded, the plan the team "
                "followed and how the findings are being shared."
            ),
        ),
        subsections=subsections,
        sources=(Source("Plan and governance records of this assessment"),),
    )
