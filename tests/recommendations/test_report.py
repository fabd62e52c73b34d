"""The report's recommendations section: the register by category, each with its evidence."""

from __future__ import annotations

from typing import Any

from pairsight.core.document import Table
from pairsight.recommendations import actions
from pairsight.recommendations.report import recommendations_section

from .conftest import choose_children


def test_the_section_lists_each_category_with_evidence_as_cited_and_its_move(
    demo: Any, demo_lead: Any
) -> None:
    recommendation = actions.create_recommendation(
        actor=demo_lead,
        assessment=demo.assessment,
        category="Training the workforce",
        title="Train",
        text="Train practitioners.",
        audience="Practitioners",
    )
    actions.cite_evidence(
        actor=demo_lead, recommendation=recommendation, key="population:unmet-need"
    )
    choose_children(demo.assessment, demo_lead, 40_000, "Larger cohort")
    section = recommendations_section(demo.assessment)
    [category] = section.subsections
    assert category.heading == "4. Training the workforce"
    table = category.blocks[0]
    assert isinstance(table, Table)
    [row] = table.rows
    assert row[:4] == ("4.1", "Train", "Train practitioners.", "Practitioners")
    evidence = str(row[6])
    assert "Unmet specialised PAIR need: 2,420" in evidence
    assert "evidence moved: 2,420 → 3,260" in evidence


def test_without_recommendations_the_section_says_so(team: Any) -> None:
    section = recommendations_section(team.assessment)
    assert section.subsections == ()
    assert "No recommendations have been written yet." in str(section.blocks[0])
