"""The report's "what changed" section, in a later edition only."""

from __future__ import annotations

from typing import Any

import pytest

from pairsight.assessments.editions.report import edition_changes_section
from pairsight.core.document import Table
from pairsight.reports.queries import assessment_sections
from tests.assessments.editions.setup import next_edition_with


@pytest.mark.django_db
def test_a_first_edition_has_no_changes_section(demo: Any) -> None:
    assert edition_changes_section(demo.assessment) is None
    assert "changes-since-previous-edition" not in [
        s.key for s in assessment_sections(demo.assessment)
    ]


@pytest.mark.django_db
def test_the_next_editions_report_shows_old_and_new_need_figures(demo: Any) -> None:
    edition = next_edition_with(demo.assessment, 31_000)

    [section] = [
        s for s in assessment_sections(edition) if s.key == "changes-since-previous-edition"
    ]

    assert section.heading == "What changed since edition 1"
    [table] = [b for b in section.blocks if isinstance(b, Table) and b.caption == "Need figures"]
    rows = {row[0]: row[1:] for row in table.rows}
    # Hand-worked: 31,000 - 30,672 = 328; unmet 31,000 x 9% - 340 = 2,450.
    assert rows["Children counted (population)"] == ("30,672", "31,000", "changed +328")
    assert rows["Unmet specialised PAIR need"] == ("2,420", "2,450", "changed +30")
    assert "Families seen by existing specialised services" not in rows  # unchanged
