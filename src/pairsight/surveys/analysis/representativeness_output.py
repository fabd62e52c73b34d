"""The comparison as JSON, CSV rows, a table and a diverging chart of the gaps.

One set of figures serves the command line, the findings page and the report: the chart
reads its bars from the table, so a figure the disclosure rule hides cannot show as a bar.
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt

from pairsight.core.charts import CONFIG, DATASET, NHS_BLUE, TEXT_COLOUR
from pairsight.core.document import Chart, Table
from pairsight.surveys.analysis.representativeness import Representativeness, ShareGap

#: Shown where the sample is above the population share (and below: NHS warm yellow).
OVER_COLOUR = NHS_BLUE
UNDER_COLOUR = "#ffb81c"
TABLE_COLUMNS = (
    "Group",
    "Respondents",
    "Sample %",
    "95% interval",
    "Population %",
    "Gap (points)",
    "Population share in interval?",
)


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def comparison_rows(result: Representativeness) -> list[dict[str, Any]]:
    return [
        {
            "category": row.category,
            "sample_count": row.sample.count,
            "sample_percent": _round(row.sample.percent),
            "ci_low": _round(row.sample.ci_low),
            "ci_high": _round(row.sample.ci_high),
            "population_percent": _round(row.population_percent),
            "gap": _round(row.gap),
            "population_in_interval": row.population_in_interval,
        }
        for row in result.rows
    ]


def comparison_dict(result: Representativeness) -> dict[str, Any]:
    """The JSON the command prints: question, population_source, rows, left_out, test."""
    test = result.test
    question: dict[str, Any] = {"id": result.question_id, "text": result.question_text}
    if result.marking:
        question["synthetic_label"] = result.marking
    return {
        "question": question,
        "population_source": result.population_source,
        "rows": comparison_rows(result),
        "left_out": dict(result.left_out),
        "test": {
            "name": "chi-square goodness of fit",
            "ran": test.ran,
            "statistic": None if test.statistic is None else round(test.statistic, 4),
            "degrees_of_freedom": test.degrees_of_freedom,
            "p_value": None if test.p_value is None else round(test.p_value, 6),
            "smallest_expected": _round(test.smallest_expected, 2),
            "reason": test.reason or None,
        },
    }


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _interval(row: ShareGap) -> str:
    if row.sample.ci_low is None or row.sample.ci_high is None:
        return "–"
    return f"{row.sample.ci_low:.1f}% to {row.sample.ci_high:.1f}%"


def _gap(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _in_interval(row: ShareGap) -> str:
    flag = row.population_in_interval
    return "–" if flag is None else ("Yes" if flag else "No")


def comparison_table(result: Representativeness) -> Table:
    """Respondents are counts of people (the disclosure rule protects them)."""
    caption = f"Who answered, beside the population: {result.question_text}"
    if result.marking:
        caption += " (synthetic data)"
    notes = [f"Population: {result.population_source}.", result.test.describe()]
    if result.left_out:
        left = ", ".join(f"{k} ({v})" for k, v in result.left_out.items())
        notes.append(f"Left out of the comparison: {left}.")
    return Table(
        caption=caption,
        columns=TABLE_COLUMNS,
        rows=tuple(
            (
                row.category,
                row.sample.count,
                _percent(row.sample.percent),
                _interval(row),
                _percent(row.population_percent),
                _gap(row.gap),
                _in_interval(row),
            )
            for row in result.rows
        ),
        count_columns=(1,),
        notes=tuple(notes),
    )


def gap_chart(result: Representativeness, table: Table | None = None) -> Chart:
    """A diverging bar per group: above zero, more of the sample than of the population."""
    table = table or comparison_table(result)
    records = [
        {
            "category": row.category,
            "value": None if row.gap is None else round(row.gap, 1),
            "label": _gap(row.gap),
            "side": "Over-represented" if (row.gap or 0) >= 0 else "Under-represented",
        }
        for row in result.rows
    ]
    order = [row.category for row in result.rows]
    base = alt.Chart(alt.NamedData(name=DATASET)).encode(
        y=alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, ticks=False))
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            "value:Q",
            title="Sample share minus population share (percentage points)",
            axis=alt.Axis(grid=True, gridColor="#d8dde0"),
        ),
        color=alt.Color(
            "side:N",
            scale=alt.Scale(
                domain=["Over-represented", "Under-represented"],
                range=[OVER_COLOUR, UNDER_COLOUR],
            ),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        tooltip=[alt.Tooltip("category:N"), alt.Tooltip("label:N", title="Gap (points)")],
    )
    rule = (
        alt.Chart(alt.NamedData(name=DATASET)).mark_rule(color=TEXT_COLOUR).encode(x=alt.datum(0))
    )
    spec: dict[str, Any] = alt.layer(bars, rule).properties(width=420).to_dict()
    spec["config"] = copy.deepcopy(CONFIG)
    spec["datasets"] = {DATASET: records}
    under = result.under_represented()
    alt_text = (
        f"Bar chart of the gap between each group's share of the sample and of the "
        f"population for “{result.question_text}”. "
        + (
            "Furthest below their population share: "
            + ", ".join(f"{r.category} ({_gap(r.gap)} points)" for r in under)
            + "."
            if under
            else "No group is below its population share."
        )
        + " The same figures are in the table."
    )
    return Chart(spec=spec, table=table, alt_text=alt_text, title="Gap from the population")


def _csv_text(cell: str) -> str:
    # A text cell starting with = + - @ would run as a formula when opened in a spreadsheet.
    return "'" + cell if cell[:1] in {"=", "+", "-", "@", "\t", "\r"} else cell


def comparison_csv_rows(result: Representativeness) -> list[dict[str, Any]]:
    """The rows for CSV: text from the file neutralised, numbers left as numbers."""
    marking = {"synthetic_data": result.marking} if result.marking else {}
    return [
        {**marking, **row, "category": _csv_text(row["category"])}
        for row in comparison_rows(result)
    ]
