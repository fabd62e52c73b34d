"""A set of survey responses with its questionnaire: what the analysis reads.

Imports, the synthetic demo and the web's stored responses all produce this one shape, so the
analysis cannot tell them apart, except through `synthetic`, which every output repeats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pairsight.surveys.instruments.model import (
    AnswerColumn,
    FreeText,
    Instrument,
    MultipleChoice,
    Ranking,
    RatingGrid,
    ScaleQuestion,
    SingleChoice,
)

#: The index name of every responses frame: one stable key per response.
RESPONSE_KEY = "response_key"


@dataclass(frozen=True)
class SurveyResponses:
    """One row per response, one column per answer column of `instrument`.

    Column types: single choice and scale answers are pandas categoricals (ordered for
    scales and grid statements); multiple choice answers are tuples of the chosen labels
    (missing when the person skipped the question); ranking items and numbers are numeric;
    free text and "other, please specify" boxes are strings.
    """

    instrument: Instrument
    frame: pd.DataFrame
    #: Where the responses came from, in words ("practitioners.xlsx, Microsoft Forms").
    source: str
    synthetic: bool = False
    #: Shown wherever the responses show when `synthetic` (never empty then).
    label: str = ""

    def __post_init__(self) -> None:
        if self.synthetic and not self.label:
            raise ValueError("Synthetic responses need a label saying they are synthetic.")

    @property
    def count(self) -> int:
        return len(self.frame)


def responses_frame(
    instrument: Instrument, answers: Mapping[str, Sequence[object]], keys: Sequence[str]
) -> pd.DataFrame:
    """A typed responses frame from plain answers per answer column (e.g. from storage).

    `answers` maps answer column names (see `Instrument.answer_columns`) to one value per
    key: a label, a list of labels (multiple choice), a number or text; None when skipped.
    Columns left out are all skipped.
    """
    unknown = set(answers) - {c.name for c in instrument.answer_columns()}
    if unknown:
        raise ValueError(
            f"No such answer columns in {instrument.id!r}: {', '.join(sorted(unknown))}"
        )
    size = len(keys)
    columns: dict[str, object] = {}
    for column in instrument.answer_columns():
        values = list(answers.get(column.name, [None] * size))
        if len(values) != size:
            raise ValueError(f"{column.name}: {len(values)} answers for {size} responses.")
        columns[column.name] = _typed(column, values)
    return pd.DataFrame(columns, index=pd.Index(list(keys), name=RESPONSE_KEY))


def _typed(column: AnswerColumn, values: list[object]) -> object:
    q = column.question
    if column.is_other or isinstance(q, FreeText):
        return pd.array([None if v is None else str(v) for v in values], dtype="str")
    if isinstance(q, SingleChoice):
        labels = [*q.labels, q.other_label] if q.other else list(q.labels)
        return _categorical(column.name, values, labels, ordered=False)
    if isinstance(q, ScaleQuestion | RatingGrid):
        return _categorical(column.name, values, list(q.scale.all_labels), ordered=True)
    if isinstance(q, MultipleChoice):
        labels = [*q.labels, q.other_label] if q.other else list(q.labels)
        typed = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):
            chosen = set(v) if isinstance(v, list | tuple | set | frozenset) else set()
            stray = chosen - set(labels)
            if stray:
                raise ValueError(f"{column.name}: {sorted(stray)} are not options.")
            typed[i] = tuple(label for label in labels if label in chosen) or None
        return typed
    numbers = np.array([np.nan if v is None else float(str(v)) for v in values], dtype=float)
    return pd.array(numbers, dtype="Int64" if isinstance(q, Ranking) else "Float64")


def _categorical(name: str, values: list[object], labels: list[str], ordered: bool) -> object:
    stray = {v for v in values if v is not None and v not in labels}
    if stray:
        raise ValueError(f"{name}: {sorted(map(str, stray))} are not options.")
    return pd.Categorical(values, categories=labels, ordered=ordered)


def stored_answers(survey: SurveyResponses) -> list[dict[str, object]]:
    """One plain record per answer given (skipped answers left out), ready to store.

    Each record: response_key, column (as in `Instrument.answer_columns`), question_id,
    item, and value (a label, a list of labels, a number or text). `responses_frame` turns
    these values, gathered per column, back into the typed frame.
    """
    records: list[dict[str, object]] = []
    frame = survey.frame
    for column in survey.instrument.answer_columns():
        values = frame[column.name]
        for key, value in zip(frame.index, values.tolist(), strict=True):
            if value is None or (not isinstance(value, tuple) and pd.isna(value)):
                continue
            if isinstance(value, tuple):
                plain: object = list(value)
            elif isinstance(value, float) and value.is_integer():
                plain = int(value)
            else:
                plain = value.item() if hasattr(value, "item") else value
            records.append(
                {
                    "response_key": str(key),
                    "column": column.name,
                    "question_id": column.question.id,
                    "item": column.item,
                    "value": plain,
                }
            )
    return records
