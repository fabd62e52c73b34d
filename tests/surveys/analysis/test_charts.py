"""The diverging bar chart draws exactly the numbers of the table beside it."""

from __future__ import annotations

import json

import pytest
import vl_convert

from pairsight.surveys.analysis import analyse, chart_for, diverging_table
from pairsight.surveys.synthetic import parent_responses


@pytest.fixture(scope="module")
def parents():
    survey = parent_responses()
    return survey, analyse(survey)


def test_table_holds_the_summary_percentages(parents):
    survey, analysis = parents
    item = analysis.item("relationship_impact")
    table = diverging_table(item, survey.instrument.question("relationship_impact").scale)
    assert table["percent"].tolist() == pytest.approx([s.percent for s in item.shares])
    assert table["count"].tolist() == [s.count for s in item.shares]


def test_negative_answers_sit_left_of_zero_and_neutral_straddles_it(parents):
    survey, analysis = parents
    item = analysis.item("relationship_impact")
    table = diverging_table(
        item, survey.instrument.question("relationship_impact").scale
    ).set_index("label")
    negative = table.loc[["Strongly disagree", "Somewhat disagree"], "percent"].sum()
    neutral = table.loc["Neither agree nor disagree", "percent"]
    assert table.loc["Strongly disagree", "start"] == pytest.approx(-(negative + neutral / 2))
    assert table.loc["Neither agree nor disagree", "start"] == pytest.approx(-neutral / 2)
    assert table.loc["Strongly agree", "end"] == pytest.approx(100 - negative - neutral / 2)


def test_grid_chart_has_one_bar_row_per_statement_and_off_scale_only_in_the_table(parents):
    survey, analysis = parents
    chart = chart_for(survey, analysis.item("factors"))
    assert chart is not None and chart.synthetic
    assert chart.table["item"].nunique() == 12
    off = chart.table[chart.table["side"] == "off scale"]
    assert set(off["label"]) == {"Don't know"} and off["start"].isna().all()
    assert "(synthetic data)" in json.dumps(chart.spec)
    assert chart.alt_text.startswith(
        "Diverging bar chart. Cuddles and skin-to-skin contact: 98% positive"
    )
    svg = vl_convert.vegalite_to_svg(chart.spec)
    assert svg.lstrip().startswith("<svg")


def test_no_chart_for_questions_without_a_scale(parents):
    survey, analysis = parents
    assert chart_for(survey, analysis.item("ever_asked")) is None
