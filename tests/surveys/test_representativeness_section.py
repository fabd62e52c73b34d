"""The report's part on who answered: counts protected, percentages only where safe."""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Any

import pytest

from pairsight.core.disclosure import HIDDEN, DisclosureRule
from pairsight.core.document import Paragraph, Report, Section, Table
from pairsight.reports.assemble import prepare
from pairsight.surveys.actions import import_file, start_survey
from pairsight.surveys.analysis.representativeness import representativeness
from pairsight.surveys.instruments import parse_instrument
from pairsight.surveys.report import parents_section
from pairsight.surveys.representativeness.actions import set_population_comparison
from pairsight.surveys.representativeness_section import representativeness_section
from pairsight.surveys.responses import SurveyResponses, responses_frame
from pairsight.surveys.synthetic import parent_responses

INSTRUMENT = parse_instrument(
    """
id: sample
version: "1"
title: Sample
questions:
  - {id: area, kind: single_choice, text: Area, options: [North, South, East]}
"""
)


def _result(counts: dict[str, int]) -> Any:
    answers = [area for area, n in counts.items() for _ in range(n)]
    frame = responses_frame(INSTRUMENT, {"area": answers}, [str(i) for i in range(len(answers))])
    survey = SurveyResponses(INSTRUMENT, frame, source="test")
    return representativeness(survey, "area", {"North": 50, "South": 30, "East": 20}, "Wards")


def _published(section: Section) -> Section:
    report = Report(
        title="Test",
        area="Testshire",
        date=datetime.date(2025, 1, 1),
        sections=(section,),
        disclosure=DisclosureRule.NHS,
    )
    return prepare(report).sections[0]


def test_large_groups_show_percentages_and_gaps():
    section = representativeness_section(
        [_result({"North": 40, "South": 40, "East": 20})],
        key="k",
        respondents="parents",
        synthetic=False,
    )
    assert section is not None
    table = next(b for b in section.blocks if isinstance(b, Table))
    # By hand: North 40 of 100 = 40% against 50%: -10 points; South 40% against 30%: +10.
    assert table.rows[0] == ("North", 40, "40%", "50.0%", "-10")
    assert table.rows[1] == ("South", 40, "40%", "30.0%", "+10")
    text = next(b for b in section.blocks if isinstance(b, Paragraph)).text
    assert "100 parents" in text and "North" in text


def test_a_small_group_hides_every_sample_percentage_and_its_count():
    section = representativeness_section(
        [_result({"North": 40, "South": 40, "East": 3})],
        key="k",
        respondents="parents",
        synthetic=True,
    )
    assert section is not None
    published = _published(section)
    table = next(b for _, s in published.walk() for b in s.blocks if isinstance(b, Table))
    assert [row[2] for row in table.rows] == ["–", "–", "–"]
    assert [row[4] for row in table.rows] == ["–", "–", "–"]
    east = next(row for row in table.rows if row[0] == "East")
    assert east[1] == HIDDEN
    assert "synthetic data" in table.caption
    assert any("fewer than 10" in note for note in table.notes)


def test_nothing_compared_means_no_part():
    assert representativeness_section([], key="k", respondents="x", synthetic=False) is None


@pytest.mark.django_db
def test_the_parents_section_carries_the_comparison(team, forms_export):
    survey = start_survey(actor=team.lead, assessment=team.assessment, kind="parents")
    responses = replace(parent_responses(), synthetic=False, label="", source="test export")
    import_file(actor=team.lead, survey=survey, content=forms_export(responses), file_name="a.xlsx")
    set_population_comparison(
        actor=team.lead,
        survey=survey,
        question_id="area",
        file_name="wards.csv",
        content=b"group,count\nEdgbaston,10\nLadywood,10\n",
        source="Ward populations (test)",
        mapping_yaml="",
    )
    section = parents_section(team.assessment)
    headings = [s.heading for _, s in section.walk()]
    assert "Who answered, beside the population" in headings
