"""The whole survey at once: each question summarised, and breakdowns by chosen questions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pairsight.surveys.analysis.charts import DivergingChart, diverging_bar
from pairsight.surveys.analysis.crosstab import CrossTab, CrossTabError, crosstab
from pairsight.surveys.analysis.items import ChoiceSummary, GridSummary, ItemSummary, summarise
from pairsight.surveys.instruments.model import (
    MultipleChoice,
    RatingGrid,
    ScaleQuestion,
    SingleChoice,
)
from pairsight.surveys.responses import SurveyResponses


@dataclass(frozen=True)
class SurveyAnalysis:
    instrument_id: str
    instrument_version: str
    title: str
    source: str
    responses: int
    synthetic: bool
    label: str
    items: tuple[ItemSummary, ...]
    crosstabs: tuple[CrossTab, ...]

    def item(self, question_id: str) -> ItemSummary:
        for item in self.items:
            if item.question_id == question_id:
                return item
        raise KeyError(question_id)


def analyse(survey: SurveyResponses, *, by: str | Sequence[str] | None = None) -> SurveyAnalysis:
    """Every question summarised; with `by`, every choice question broken down by it."""
    items = tuple(summarise(survey, n, q) for n, q in survey.instrument.numbered())
    groups = [by] if isinstance(by, str) else list(by or [])
    tables = []
    for group in groups:
        for question_id in _breakable(survey, exclude=group):
            tables.append(crosstab(survey, question_id, group))
        if not groups:
            break
    instrument = survey.instrument
    return SurveyAnalysis(
        instrument.id,
        instrument.version,
        instrument.title,
        survey.source,
        survey.count,
        survey.synthetic,
        survey.label,
        items,
        tuple(tables),
    )


def _breakable(survey: SurveyResponses, exclude: str) -> Iterable[str]:
    by_question = survey.instrument.question(exclude)
    if not isinstance(by_question, SingleChoice | ScaleQuestion):
        raise CrossTabError(
            f"Answers can be broken down only by a one-answer question; {exclude!r} is "
            f"{by_question.kind.replace('_', ' ')}."
        )
    for question in survey.instrument.questions:
        if question.id == exclude:
            continue
        if isinstance(question, SingleChoice | ScaleQuestion | MultipleChoice):
            yield question.id
        elif isinstance(question, RatingGrid):
            yield from (f"{question.id}.{s.id}" for s in question.statements)


def chart_for(survey: SurveyResponses, summary: ItemSummary) -> DivergingChart | None:
    """The diverging bar chart of a scale or rating grid summary (None for other kinds)."""
    question = survey.instrument.question(summary.question_id)
    if isinstance(question, ScaleQuestion | RatingGrid) and isinstance(
        summary, ChoiceSummary | GridSummary
    ):
        return diverging_bar(summary, question.scale, synthetic=survey.synthetic)
    return None


def filter_responses(
    survey: SurveyResponses, question_id: str, answers: Iterable[str]
) -> SurveyResponses:
    """Only the responses whose answer to a one-answer question is one of `answers`."""
    question = survey.instrument.question(question_id)
    if not isinstance(question, SingleChoice | ScaleQuestion):
        raise CrossTabError(
            f"Responses can be filtered only by a one-answer question; {question_id!r} is "
            f"{question.kind.replace('_', ' ')}."
        )
    wanted = list(answers)
    known = set(survey.frame[question_id].cat.categories)
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise CrossTabError(f"{', '.join(map(repr, unknown))} is not an option of {question_id!r}.")
    kept = survey.frame[survey.frame[question_id].isin(wanted)]
    where = f"{question.text.strip()} = {' or '.join(wanted)}"
    return replace(survey, frame=kept, source=f"{survey.source}; only {where}")
