"""How far the sample's make-up is from the population it speaks for.

The user brings the population shares (e.g. Census 2021 ethnic group for their area) as
percentages, proportions or counts; PAIRsight never supplies them. Answers with no
population figure ("Prefer not to say") are left out of the comparison and counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pairsight.surveys.analysis.items import Share, shares
from pairsight.surveys.answer_text import normalise
from pairsight.surveys.instruments.model import ScaleQuestion, SingleChoice
from pairsight.surveys.responses import SurveyResponses


class RepresentativenessError(ValueError):
    """The population figures cannot be compared with the question; the message says why."""


@dataclass(frozen=True)
class ShareGap:
    category: str
    sample: Share
    population_percent: float
    #: Sample minus population, in percentage points.
    gap: float | None

    @property
    def population_in_interval(self) -> bool | None:
        if self.sample.ci_low is None or self.sample.ci_high is None:
            return None
        return self.sample.ci_low <= self.population_percent <= self.sample.ci_high


@dataclass(frozen=True)
class Representativeness:
    question_id: str
    question_text: str
    population_source: str
    rows: tuple[ShareGap, ...]
    compared: int
    #: Answers with no population figure, by option, left out of the comparison.
    left_out: dict[str, int]


def representativeness(
    survey: SurveyResponses,
    question_id: str,
    population: Mapping[str, float],
    source: str,
) -> Representativeness:
    """Each category's share of the sample beside its share of the population."""
    question = survey.instrument.question(question_id)
    if not isinstance(question, SingleChoice | ScaleQuestion):
        raise RepresentativenessError(
            f"Representativeness compares a one-answer question; {question_id!r} is "
            f"{question.kind.replace('_', ' ')}."
        )
    if not source.strip():
        raise RepresentativenessError("Say where the population figures come from (source).")
    answers = survey.frame[question_id]
    labels = {normalise(label): label for label in answers.cat.categories}
    figures: dict[str, float] = {}
    for name, value in population.items():
        label = labels.get(normalise(name))
        if label is None:
            raise RepresentativenessError(
                f"Population category {name!r} is not an option of {question_id!r}; "
                f"the options are: {', '.join(labels.values())}."
            )
        if value is None or not value >= 0:
            raise RepresentativenessError(
                f"Population figure for {name!r} must be a number of 0 or more, not {value!r}."
            )
        figures[label] = float(value)
    total = sum(figures.values())
    if total <= 0:
        raise RepresentativenessError("The population figures add up to zero.")
    counts = answers.value_counts()
    compared_labels = [label for label in answers.cat.categories if label in figures]
    left_out = {
        str(label): int(counts.get(label, 0))
        for label in answers.cat.categories
        if label not in figures and counts.get(label, 0)
    }
    compared = int(sum(counts.get(label, 0) for label in compared_labels))
    sample = shares(
        compared_labels, [int(counts.get(label, 0)) for label in compared_labels], compared
    )
    rows = tuple(
        ShareGap(
            share.label,
            share,
            100.0 * figures[share.label] / total,
            None if share.percent is None else share.percent - 100.0 * figures[share.label] / total,
        )
        for share in sample
    )
    return Representativeness(question_id, question.text, source, rows, compared, left_out)
