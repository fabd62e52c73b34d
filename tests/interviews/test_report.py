"""The report section and the dashboard card, from what is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from pairsight.core.document import Table
from pairsight.interviews import actions
from pairsight.interviews.report import interviews_report_section
from tests.interviews.conftest import Coding

pytestmark = pytest.mark.django_db


def test_only_merged_coding_reaches_the_report(coding: Coding) -> None:
    team = coding.team
    excerpt = actions.code_excerpt(
        actor=team.editor,
        transcript=coding.transcript,
        start=0,
        end=11,
        theme_ids=[coding.fear.pk],
    )
    assert "not been merged" in interviews_report_section(team.assessment).blocks[0].text  # type: ignore[union-attr]
    actions.merge_coding(actor=team.lead, assessment=team.assessment, coder_id=team.editor.pk)
    actions.change_excerpt(
        actor=team.editor, excerpt=excerpt, theme_ids=[coding.fear.pk], memo="", quote=True
    )
    section = interviews_report_section(team.assessment)
    people = section.blocks[1]
    assert isinstance(people, Table)
    assert people.rows == (("Practitioners", 0), ("Managers", 0), ("Parents", 1))
    [barriers] = section.subsections
    assert barriers.heading == "Barriers for families"
    assert barriers.blocks[0].rows == (("Fear of judgement", 0, 0, 1, 1),)  # type: ignore[union-attr]
    assert "(P01, parent)" in barriers.blocks[2].items[0]  # type: ignore[union-attr]


def test_dashboard_card_shows_the_interviews_headline(coding: Coding, client_for: Any) -> None:
    team = coding.team
    page = client_for(team.viewer).get(
        reverse("assessments:dashboard", kwargs={"assessment_id": team.assessment.pk})
    )
    html = page.content.decode()
    assert 'id="card-interviews"' in html
    assert "1 participant; 0 of 2 themes in the merged coding" in html
