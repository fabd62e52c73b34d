"""Diverging stacked bars for agreement scales and rating grids, with their table.

Negative answers extend left of zero and positive ones right, the neutral point split
across the middle; "Not sure" and other off-scale answers are in the table but not the
bars. The chart draws from the same table it is shown beside, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from pairsight.surveys.analysis.items import ChoiceSummary, GridSummary, Share
from pairsight.surveys.instruments.model import Scale

_NEGATIVE = {1: ["#d6604d"], 2: ["#b2182b", "#f4a582"], 3: ["#b2182b", "#d6604d", "#f4a582"]}
_POSITIVE = {1: ["#4393c3"], 2: ["#92c5de", "#2166ac"], 3: ["#92c5de", "#4393c3", "#2166ac"]}
_NEUTRAL = "#bdbdbd"


@dataclass(frozen=True)
class DivergingChart:
    spec: dict[str, Any]
    #: One row per item and answer: count, percent, and where its bar starts and ends.
    table: pd.DataFrame
    alt_text: str
    synthetic: bool = False


def diverging_table(summary: ChoiceSummary | GridSummary, scale: Scale) -> pd.DataFrame:
    """Percentages per item and label, with the bar positions of the diverging chart."""
    if isinstance(summary, GridSummary):
        items = [(s.text, s.shares) for s in summary.statements]
    else:
        items = [(summary.text, summary.shares)]
    records = []
    for order, (item, item_shares) in enumerate(items):
        by_label = {share.label: share for share in item_shares}
        negative_total = sum(_percent(by_label.get(label)) for label in scale.negative)
        neutral = _percent(by_label.get(scale.neutral)) if scale.neutral else 0.0
        position = -(negative_total + neutral / 2)
        for label in scale.labels:
            share = by_label.get(label)
            width = _percent(share)
            records.append(
                {
                    "item": item,
                    "item_order": order,
                    "label": label,
                    "side": _side(scale, label),
                    "count": share.count if share else 0,
                    "base": share.base if share else 0,
                    "percent": share.percent if share else None,
                    "start": position,
                    "end": position + width,
                }
            )
            position += width
        for label in scale.off_scale:
            share = by_label.get(label)
            records.append(
                {
                    "item": item,
                    "item_order": order,
                    "label": label,
                    "side": "off scale",
                    "count": share.count if share else 0,
                    "base": share.base if share else 0,
                    "percent": share.percent if share else None,
                    "start": None,
                    "end": None,
                }
            )
    return pd.DataFrame.from_records(records)


def diverging_bar(
    summary: ChoiceSummary | GridSummary, scale: Scale, *, synthetic: bool = False
) -> DivergingChart:
    """The Vega-Lite spec of a diverging stacked bar chart, and its table."""
    table = diverging_table(summary, scale)
    bars = table[table["side"] != "off scale"]
    colours = _colours(scale)
    title = summary.text if len(summary.text) <= 90 else summary.text[:89] + "…"
    if synthetic:
        title += " (synthetic data)"
    chart = (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X(
                "start:Q",
                title="Percentage of people who answered",
                scale=alt.Scale(domain=[-100, 100]),
            ),
            x2="end:Q",
            y=alt.Y(
                "item:N",
                sort=alt.EncodingSortField("item_order"),
                title=None,
                axis=alt.Axis(labelLimit=320),
            ),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(domain=list(scale.labels), range=colours),
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("item:N", title="Item"),
                alt.Tooltip("label:N", title="Answer"),
                alt.Tooltip("count:Q", title="People"),
                alt.Tooltip("percent:Q", title="Percent", format=".0f"),
            ],
        )
        .properties(title=title, width=420)
    )
    rule = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#212b32").encode(x="x:Q")
    spec: dict[str, Any] = alt.layer(chart, rule).to_dict()
    return DivergingChart(spec, table, _alt_text(summary, scale, table), synthetic)


def _alt_text(summary: ChoiceSummary | GridSummary, scale: Scale, table: pd.DataFrame) -> str:
    parts = []
    for item, rows in table.groupby("item", sort=False):
        negative = rows.loc[rows["label"].isin(scale.negative), "percent"].fillna(0).sum()
        positive = rows.loc[rows["label"].isin(scale.positive), "percent"].fillna(0).sum()
        parts.append(f"{item}: {positive:.0f}% positive, {negative:.0f}% negative")
    return "Diverging bar chart. " + "; ".join(parts) + "."


def _percent(share: Share | None) -> float:
    return share.percent if share is not None and share.percent is not None else 0.0


def _side(scale: Scale, label: str) -> str:
    if label in scale.negative:
        return "negative"
    if label in scale.positive:
        return "positive"
    return "neutral"


def _colours(scale: Scale) -> list[str]:
    negative = _NEGATIVE.get(len(scale.negative), ["#b2182b"] * len(scale.negative))
    positive = _POSITIVE.get(len(scale.positive), ["#2166ac"] * len(scale.positive))
    return [*negative, *([_NEUTRAL] if scale.neutral else []), *positive]
