"""The analysis as plain data: a JSON-ready dict, and one long table for CSV.

Both carry the synthetic marker when the responses are synthetic, so a file passed on
cannot lose it.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

import pandas as pd

from pairsight.core.cells import neutralise_cell
from pairsight.surveys.analysis.crosstab import CrossTab
from pairsight.surveys.analysis.items import (
    ChoiceSummary,
    FreeTextSummary,
    GridSummary,
    ItemSummary,
    NumberSummary,
    RankingSummary,
    Share,
)
from pairsight.surveys.analysis.survey import SurveyAnalysis

TABLE_COLUMNS = [
    "question_number",
    "question_id",
    "question",
    "kind",
    "item",
    "answer",
    "count",
    "base",
    "percent",
    "ci_low",
    "ci_high",
    "answered",
    "skipped",
]


def analysis_dict(analysis: SurveyAnalysis) -> dict[str, Any]:
    data: dict[str, Any] = {
        "survey": analysis.title,
        "instrument": {"id": analysis.instrument_id, "version": analysis.instrument_version},
        "source": analysis.source,
        "responses": analysis.responses,
        "synthetic": analysis.synthetic,
    }
    if analysis.synthetic:
        data["synthetic_label"] = analysis.label
    data["questions"] = [_item(item) for item in analysis.items]
    data["breakdowns"] = [_crosstab(table) for table in analysis.crosstabs]
    cleaned: dict[str, Any] = _clean(data)
    return cleaned


def _item(item: ItemSummary) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": item.number,
        "id": item.question_id,
        "text": item.text,
        "kind": item.kind,
        "asked": item.asked,
        "answered": item.answered,
        "skipped": item.skipped,
        "base_note": item.base_note,
    }
    if isinstance(item, ChoiceSummary):
        data["answers"] = [asdict(s) for s in item.shares]
        if item.sides:
            data["sides"] = [asdict(s) for s in item.sides]
        if item.other_answers:
            data["other_answers"] = list(item.other_answers)
    elif isinstance(item, GridSummary):
        data["statements"] = [
            {
                "id": s.statement_id,
                "text": s.text,
                "answered": s.answered,
                "skipped": s.skipped,
                "answers": [asdict(share) for share in s.shares],
            }
            for s in item.statements
        ]
        data["top_positive"] = [{"statement": t, **asdict(s)} for t, s in item.top_positive()]
        data["top_negative"] = [{"statement": t, **asdict(s)} for t, s in item.top_negative()]
    elif isinstance(item, RankingSummary):
        data["items"] = [asdict(i) for i in item.items]
    elif isinstance(item, NumberSummary):
        data.update(
            unit=item.unit,
            mean=item.mean,
            sd=item.sd,
            median=item.median,
            lower_quartile=item.lower_quartile,
            upper_quartile=item.upper_quartile,
            minimum=item.minimum,
            maximum=item.maximum,
        )
    elif isinstance(item, FreeTextSummary):
        data["answers"] = [asdict(a) for a in item.answers]
    return data


def _crosstab(table: CrossTab) -> dict[str, Any]:
    return {
        "question": table.question_id,
        "by": table.by_id,
        "groups": [str(c) for c in table.counts.columns],
        "answers": [str(i) for i in table.counts.index],
        "counts": table.counts.to_numpy().tolist(),
        "column_percent": table.column_percent.to_numpy().tolist(),
        "bases": [int(b) for b in table.bases],
        "test": None if table.test is None else asdict(table.test),
        "test_note": table.test_note,
    }


def _clean(value: Any) -> Any:
    """NaN becomes null: JSON has no NaN."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def analysis_table(analysis: SurveyAnalysis) -> pd.DataFrame:
    """One row per question and answer (and grid statement), for CSV or a spreadsheet."""
    rows: list[dict[str, Any]] = []
    for item in analysis.items:
        head = {
            "question_number": item.number,
            "question_id": item.question_id,
            "question": item.text,
            "kind": item.kind,
            "answered": item.answered,
            "skipped": item.skipped,
        }
        if isinstance(item, ChoiceSummary):
            rows += [{**head, "item": "", **_share(s)} for s in item.shares]
        elif isinstance(item, GridSummary):
            for statement in item.statements:
                for share in statement.shares:
                    rows.append(
                        {**head, "item": statement.text, **_share(share),
                         "answered": statement.answered, "skipped": statement.skipped}
                    )  # fmt: skip
        elif isinstance(item, RankingSummary):
            for ranked in item.items:
                rows.append({**head, "item": ranked.text, **_share(ranked.first_choice)})
        elif isinstance(item, NumberSummary):
            rows.append({**head, "item": "", "answer": "mean", "count": item.answered,
                         "percent": None, "base": item.answered, "ci_low": None,
                         "ci_high": None, "value": item.mean})  # fmt: skip
        else:
            rows.append({**head, "item": "", "answer": "(free text)", "count": item.answered})
    table = pd.DataFrame.from_records(rows)
    for column in TABLE_COLUMNS:
        if column not in table:
            table[column] = None
    extra = [c for c in table.columns if c not in TABLE_COLUMNS]
    table = table[TABLE_COLUMNS + extra]
    for column in ("question_number", "count", "base", "answered", "skipped"):
        table[column] = table[column].astype("Int64")
    if analysis.synthetic:
        table.insert(0, "synthetic_data", analysis.label)
    return table


def analysis_csv(analysis: SurveyAnalysis) -> str:
    """The analysis table as CSV; answers and question texts are people's text, so every text
    cell is neutralised against spreadsheet formulas (numbers stay numbers)."""
    table = analysis_table(analysis)
    text_columns = table.select_dtypes(include=["object", "string"]).columns
    table[text_columns] = table[text_columns].map(neutralise_cell)
    return table.to_csv(index=False, lineterminator="\n")


def _share(share: Share) -> dict[str, Any]:
    return {
        "answer": share.label,
        "count": share.count,
        "base": share.base,
        "percent": share.percent,
        "ci_low": share.ci_low,
        "ci_high": share.ci_high,
    }
