"""The findings page's content: for every question, a chart and the table of the same figures.

Pure: it reads a `SurveyAnalysis` and returns plain values (core `Table`s, Vega-Lite specs,
text) that a template lays out, so the page, a notebook and a test all see the same findings.
Figures here are exact: the page is for the assessment's members. The report's section
(`pairsight.surveys.section`) is what protects small counts for publication.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

from pairsight.core.charts import CONFIG, NHS_BLUE, TEXT_COLOUR, VEGA_LITE_VERSION
from pairsight.core.document import Table
from pairsight.surveys.analysis import (
    ChoiceSummary,
    FreeTextSummary,
    GridSummary,
    ItemSummary,
    NumberSummary,
    RankingSummary,
    Share,
    SurveyAnalysis,
    analyse,
    chart_for,
)
from pairsight.surveys.instruments.model import Instrument, ScaleQuestion, SingleChoice
from pairsight.surveys.responses import SurveyResponses

SYNTHETIC_SUFFIX = " (synthetic data)"


@dataclass(frozen=True)
class Finding:
    """One question's findings as the page shows them."""

    question_id: str
    number: int
    text: str
    kind: str
    asked: int
    answered: int
    skipped: int
    base_note: str
    #: The Vega-Lite spec of the chart, or None for numbers and free text.
    chart: dict[str, Any] | None
    chart_text: str
    tables: tuple[Table, ...]
    #: Sentences that pick out what matters (the sides of a scale, a grid's top statements).
    highlights: tuple[str, ...] = ()
    #: What people wrote: free-text answers, or the "Other" boxes of a choice question.
    written: tuple[str, ...] = ()
    written_heading: str = ""


def percent(share: Share) -> str:
    return "" if share.percent is None else f"{share.percent:.0f}%"


def interval(share: Share) -> str:
    if share.ci_low is None or share.ci_high is None:
        return ""
    return f"{share.ci_low:.0f}% to {share.ci_high:.0f}%"


def survey_findings(survey: SurveyResponses) -> tuple[SurveyAnalysis, list[Finding]]:
    """Every question of the survey, in questionnaire order."""
    analysis = analyse(survey)
    return analysis, [finding(survey, item) for item in analysis.items]


def finding(survey: SurveyResponses, item: ItemSummary) -> Finding:
    synthetic = survey.synthetic
    common = Finding(
        question_id=item.question_id,
        number=item.number,
        text=item.text.strip(),
        kind=item.kind,
        asked=item.asked,
        answered=item.answered,
        skipped=item.skipped,
        base_note=item.base_note,
        chart=None,
        chart_text="",
        tables=(),
    )
    if isinstance(item, ChoiceSummary):
        diverging = chart_for(survey, item)
        if diverging is not None:
            spec = page_spec(diverging.spec, synthetic, one_bar=True)
            text = diverging.alt_text
        else:
            spec = percent_bars(
                [s.label for s in item.shares],
                [s.percent for s in item.shares],
                title=_chart_title(synthetic),
            )
            text = _bars_text(item.text, item.shares)
        written = item.other_answers
        return replace(
            common,
            chart=spec,
            chart_text=text,
            tables=(_choice_table(item, synthetic),),
            highlights=tuple(_sides_text(item)),
            written=written,
            written_heading=f"What people wrote under “Other” ({len(written)})" if written else "",
        )
    if isinstance(item, GridSummary):
        diverging = chart_for(survey, item)
        return replace(
            common,
            chart=page_spec(diverging.spec, synthetic) if diverging is not None else None,
            chart_text=diverging.alt_text if diverging is not None else "",
            tables=(_grid_table(item, synthetic),),
            highlights=_grid_highlights(item),
        )
    if isinstance(item, RankingSummary):
        return replace(
            common,
            chart=percent_bars(
                [i.text for i in item.items],
                [i.first_choice.percent for i in item.items],
                title=_chart_title(synthetic),
                axis_title="Percentage who ranked it first",
            ),
            chart_text="Bar chart of the percentage of people who ranked each item first: "
            + "; ".join(f"{i.text}: {percent(i.first_choice) or 'none'}" for i in item.items)
            + ".",
            tables=(_ranking_table(item, synthetic),),
        )
    if isinstance(item, NumberSummary):
        return replace(
            common,
            chart=None,
            chart_text="",
            tables=(_number_table(item, synthetic),),
        )
    assert isinstance(item, FreeTextSummary)
    texts = tuple(a.text for a in item.answers)
    return replace(
        common,
        chart=None,
        chart_text="",
        tables=(),
        written=texts,
        written_heading=f"What people wrote ({len(texts)})",
    )


def _caption(text: str, synthetic: bool) -> str:
    return text.strip() + (SYNTHETIC_SUFFIX if synthetic else "")


def _chart_title(synthetic: bool) -> str:
    """Charts sit under their question's heading; the title only marks synthetic data."""
    return "Synthetic data" if synthetic else ""


def page_spec(spec: dict[str, Any], synthetic: bool, *, one_bar: bool = False) -> dict[str, Any]:
    """A diverging chart styled like the app's other charts, under its question's heading.

    With `one_bar` (a single scale question) the bar's label, which repeats the heading,
    is left out.
    """
    styled = copy.deepcopy(spec)
    styled["config"] = {**copy.deepcopy(CONFIG), "view": {"stroke": None}}
    for layer in styled.get("layer", []):
        layer.pop("title", None)
        y = layer.get("encoding", {}).get("y")
        if one_bar and y is not None:
            y["axis"] = None
        if y is not None and "height" not in layer:
            styled.setdefault("height", {"step": 28})
    if synthetic:
        styled["title"] = _chart_title(synthetic)
    return styled


def _choice_table(item: ChoiceSummary, synthetic: bool) -> Table:
    rows = tuple((s.label, s.count, percent(s), interval(s)) for s in item.shares)
    return Table(
        caption=_caption(item.text, synthetic),
        columns=("Answer", "People", "Percent", "95% confidence interval"),
        rows=rows,
        count_columns=(1,),
        notes=(item.base_note,),
    )


def _sides_text(item: ChoiceSummary) -> list[str]:
    return [
        f"{side.label}: {percent(side) or 'none'} ({side.count} of {side.base})"
        for side in item.sides
    ]


def _grid_table(item: GridSummary, synthetic: bool) -> Table:
    labels = item.scale_labels
    rows = []
    for statement in item.statements:
        by_label = {s.label: s for s in statement.shares}
        cells: list[str | int] = [statement.text]
        for label in labels:
            share = by_label[label]
            cells.append(f"{percent(share)} ({share.count})" if share.percent is not None else "")
        cells.append(statement.answered)
        rows.append(tuple(cells))
    return Table(
        caption=_caption(item.text, synthetic),
        columns=("Statement", *labels, "People who rated it"),
        rows=tuple(rows),
        count_columns=(len(labels) + 1,),
        notes=("Each cell: the percentage of people who rated the statement, and how many.",),
    )


def _grid_highlights(item: GridSummary) -> tuple[str, ...]:
    def listing(ranked: tuple[tuple[str, Share], ...]) -> str:
        return "; ".join(f"{text} ({percent(share)})" for text, share in ranked)

    return (
        f"Rated “{item.positive_label}” by the most people: {listing(item.top_positive())}.",
        f"Rated “{item.negative_label}” by the most people: {listing(item.top_negative())}.",
    )


def _ranking_table(item: RankingSummary, synthetic: bool) -> Table:
    rows = tuple(
        (
            ranked.text,
            "" if ranked.mean_rank is None else f"{ranked.mean_rank:.1f}",
            ranked.first_choice.count,
            percent(ranked.first_choice),
            ranked.ranked,
        )
        for ranked in item.items
    )
    return Table(
        caption=_caption(item.text, synthetic),
        columns=(
            "Item",
            "Mean rank",
            "Ranked first",
            "Percent ranked first",
            "People who ranked it",
        ),
        rows=rows,
        count_columns=(2, 4),
        notes=(item.base_note,),
    )


def _number(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text} {unit}" if unit else text


def _number_table(item: NumberSummary, synthetic: bool) -> Table:
    quartiles = (
        f"{_number(item.lower_quartile)} to {_number(item.upper_quartile)}"
        if item.lower_quartile is not None
        else ""
    )
    rows: tuple[tuple[str, str | int], ...] = (
        ("People who gave a number", item.answered),
        ("Mean", _number(item.mean, item.unit)),
        ("Standard deviation", _number(item.sd)),
        ("Median", _number(item.median, item.unit)),
        ("Interquartile range", quartiles),
        ("Lowest", _number(item.minimum, item.unit)),
        ("Highest", _number(item.maximum, item.unit)),
    )
    return Table(
        caption=_caption(item.text, synthetic),
        columns=("Figure", "Value"),
        rows=rows,
        notes=(item.base_note,),
    )


def _bars_text(text: str, shares: tuple[Share, ...]) -> str:
    parts = "; ".join(f"{s.label}: {percent(s) or 'none'}" for s in shares)
    return f"Bar chart of the answers to “{' '.join(text.split())}”. {parts}."


def percent_bars(
    labels: list[str],
    percents: list[float | None],
    *,
    title: str,
    axis_title: str = "Percentage of people who answered",
) -> dict[str, Any]:
    """A horizontal bar per label, labelled with its percentage, in the order given.

    Written as Vega-Lite directly rather than through Altair: a findings page has a dozen
    of these, and Altair's schema validation took most of the page's time.
    """
    values = [
        {"label": label, "share": (p or 0.0) / 100, "text": "" if p is None else f"{p:.0f}%"}
        for label, p in zip(labels, percents, strict=True)
    ]
    share = {"field": "share", "type": "quantitative"}
    spec: dict[str, Any] = {
        "$schema": f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION}.json",
        "config": copy.deepcopy(CONFIG),
        "data": {"values": values},
        "width": 360,
        "height": {"step": 28},
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": list(dict.fromkeys(labels)),
                "title": None,
                "axis": {"labelLimit": 300, "ticks": False},
            }
        },
        "layer": [
            {
                "mark": {"type": "bar", "color": NHS_BLUE, "height": {"band": 0.7}},
                "encoding": {
                    "x": {
                        **share,
                        "title": axis_title,
                        "scale": {"domain": [0, 1]},
                        "axis": {"format": ".0%", "grid": True, "gridColor": "#d8dde0"},
                    }
                },
            },
            {
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 4,
                    "color": TEXT_COLOUR,
                    "fontSize": 13,
                },
                "encoding": {"x": share, "text": {"field": "text", "type": "nominal"}},
            },
        ],
    }
    if title:
        spec["title"] = title
    return spec


@dataclass(frozen=True)
class FilterGroup:
    """One question responses can be filtered by, with its answers as `question_id::answer`."""

    question_id: str
    label: str
    choices: tuple[tuple[str, str], ...]


FILTER_SEPARATOR = "::"


def filter_groups(instrument: Instrument) -> list[FilterGroup]:
    """Every one-answer question (single choice or scale), for the findings filter."""
    groups = []
    for number, question in instrument.numbered():
        if isinstance(question, SingleChoice):
            labels = [*question.labels, *([question.other_label] if question.other else [])]
        elif isinstance(question, ScaleQuestion):
            labels = list(question.scale.all_labels)
        else:
            continue
        text = " ".join(question.text.split())
        short = text if len(text) <= 70 else text[:69] + "…"
        groups.append(
            FilterGroup(
                question.id,
                f"{number}. {short}",
                tuple((f"{question.id}{FILTER_SEPARATOR}{label}", label) for label in labels),
            )
        )
    return groups


def parse_filter(instrument: Instrument, value: str) -> tuple[str, str] | None:
    """(question id, answer) from a filter choice, or None when it is not one."""
    for group in filter_groups(instrument):
        for choice, answer in group.choices:
            if choice == value:
                return group.question_id, answer
    return None
