from __future__ import annotations

from pairsight.core.charts import to_svg
from pairsight.surveys.analysis.representativeness import representativeness
from pairsight.surveys.analysis.representativeness_output import (
    comparison_csv_rows,
    comparison_table,
    gap_chart,
)
from pairsight.surveys.instruments import parse_instrument
from pairsight.surveys.responses import SurveyResponses, responses_frame

INSTRUMENT = parse_instrument(
    """
id: sample
version: "1"
title: Sample
questions:
  - {id: area, kind: single_choice, text: Area, options: [North, "=South", East]}
"""
)


def _result():
    answers = ["North"] * 6 + ["=South"] * 3 + ["East"]
    frame = responses_frame(INSTRUMENT, {"area": answers}, [str(i) for i in range(10)])
    survey = SurveyResponses(INSTRUMENT, frame, source="test")
    return representativeness(survey, "area", {"North": 40, "=South": 35, "East": 25}, "Wards")


def test_the_chart_draws_each_gap_on_its_side_and_renders():
    chart = gap_chart(_result())
    records = {r["category"]: r for r in chart.spec["datasets"]["table"]}
    # 60% against 40%: +20 points; 30% against 35%: -5; 10% against 25%: -15.
    assert records["North"]["value"] == 20.0 and records["North"]["side"] == "Over-represented"
    assert records["East"]["value"] == -15.0 and records["East"]["side"] == "Under-represented"
    assert "East (-15.0 points)" in chart.alt_text
    assert to_svg(chart).lstrip().startswith("<svg")


def test_the_table_and_csv():
    result = _result()
    table = comparison_table(result)
    assert table.count_columns == (1,)
    assert table.rows[0][:3] == ("North", 6, "60.0%")
    assert table.notes[0] == "Population: Wards."
    # A category starting with "=" would run as a formula in a spreadsheet.
    assert [row["category"] for row in comparison_csv_rows(result)] == ["North", "'=South", "East"]
