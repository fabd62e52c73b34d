"""Answers broken down by a single-choice question (profession, level of need, area).

A test of association is offered only where it is valid. The chi-square test needs
expected counts of at least 1 in every cell and at least 5 in four cells out of five
(Cochran's rule); a 2×2 table that fails it gets Fisher's exact test instead; a larger
one gets no test and the reason, because a p-value from too few people misleads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import chi2_contingency, fisher_exact

from pairsight.surveys.analysis.items import chosen_positions, coded_counts
from pairsight.surveys.instruments.model import (
    MultipleChoice,
    Question,
    RatingGrid,
    ScaleQuestion,
    SingleChoice,
)
from pairsight.surveys.responses import SurveyResponses

MIN_EXPECTED = 5.0
MAX_SHARE_BELOW = 0.2


class CrossTabError(ValueError):
    """The breakdown asked for cannot be made; the message says why."""


@dataclass(frozen=True)
class TestResult:
    name: str
    statistic: float | None
    degrees_of_freedom: int | None
    p_value: float
    smallest_expected: float


@dataclass(frozen=True)
class CrossTab:
    question_id: str
    question_text: str
    by_id: str
    by_text: str
    #: Rows: the question's options; columns: the groups of `by`. Counts of people.
    counts: pd.DataFrame
    #: Each column as percentages of the people in that group who answered.
    column_percent: pd.DataFrame
    #: People in each group who answered the question (the column bases).
    bases: pd.Series
    test: TestResult | None
    #: Which test was used and why, or why there is none.
    test_note: str


def crosstab(survey: SurveyResponses, question_id: str, by: str) -> CrossTab:
    """Answers to `question_id` (a choice question or one grid statement) by the groups of `by`."""
    by_question = _question(survey, by)
    if not isinstance(by_question, SingleChoice | ScaleQuestion):
        raise CrossTabError(
            f"Answers can be broken down only by a one-answer question; {by!r} is "
            f"{by_question.kind.replace('_', ' ')}."
        )
    if question_id == by:
        raise CrossTabError(f"Question {by!r} cannot be broken down by itself.")
    column, question, labels = _rows_of(survey, question_id)
    frame = survey.frame
    groups = frame[by]
    group_labels = list(groups.cat.categories)
    answers = frame[column]
    # Everything is counted on integer codes: the group's own, and the answer's position.
    group = groups.cat.codes.to_numpy().astype(np.int64)
    in_both = answers.notna().to_numpy() & (group >= 0)
    if isinstance(question, MultipleChoice):
        # One row per option chosen: each person counts once in every option they chose.
        answer, sizes = chosen_positions(
            answers.to_numpy(dtype=object)[in_both],
            lambda options: _codes(pd.Series(options, dtype=object), _unique(labels)),
        )
        answer_group = np.repeat(group[in_both], sizes)
    else:
        answer, answer_group = _codes(answers, _unique(labels))[in_both], group[in_both]
    table = _counts(answer, answer_group, labels, group_labels)
    table.index.name, table.columns.name = question_id, by
    bases = coded_counts(group[in_both], group_labels, by).reindex(group_labels, fill_value=0)
    bases = bases.astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = table.div(bases.where(bases > 0), axis=1) * 100
    test, note = _test(table, isinstance(question, MultipleChoice))
    return CrossTab(
        question_id, question.text, by, by_question.text, table, percent, bases, test, note
    )


def _counts(
    answer: npt.NDArray[np.int64],
    group: npt.NDArray[np.int64],
    labels: list[str],
    group_labels: list[str],
) -> pd.DataFrame:
    """People per answer (row) and group (column), from each answer's position in the
    distinct `labels` and its group's: an answer that is not one of `labels` (-1) is not
    counted (it has no row)."""
    counted = (answer >= 0) & (group >= 0)
    width = len(group_labels)
    cells = answer[counted].astype(np.int64) * width + group[counted]
    counts = np.bincount(cells, minlength=len(_unique(labels)) * width).reshape(-1, width)
    # Repeated labels (none in a valid instrument) each show the same counts, as a
    # reindex by label would.
    positions = pd.Index(_unique(labels)).get_indexer(pd.Index(labels))
    return pd.DataFrame(
        counts[positions].astype(int),
        index=pd.Index(labels),
        columns=pd.Index(group_labels),
    )


def _codes(values: pd.Series, categories: list[str]) -> npt.NDArray[np.int64]:
    """Each value's position in `categories` (-1 for none); a categorical column's own codes
    are translated, not its values hashed again."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        positions = pd.Index(categories).get_indexer(values.cat.categories)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, positions[codes], -1).astype(np.int64)
    found = pd.Categorical(values.to_numpy(dtype=object), categories=categories).codes
    return found.astype(np.int64)


def _unique(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(labels))


def _question(survey: SurveyResponses, question_id: str) -> Question:
    try:
        return survey.instrument.question(question_id)
    except KeyError as error:
        raise CrossTabError(str(error)) from None


def _rows_of(survey: SurveyResponses, question_id: str) -> tuple[str, Question, list[str]]:
    if "." in question_id:
        parent_id, statement = question_id.split(".", 1)
        parent = _question(survey, parent_id)
        if not isinstance(parent, RatingGrid) or statement not in {s.id for s in parent.statements}:
            raise CrossTabError(f"{question_id!r} is not a statement of a rating grid.")
        return question_id, parent, list(parent.scale.all_labels)
    question = _question(survey, question_id)
    if isinstance(question, SingleChoice | ScaleQuestion):
        return question_id, question, list(survey.frame[question_id].cat.categories)
    if isinstance(question, MultipleChoice):
        labels = (
            [*question.labels, question.other_label] if question.other else list(question.labels)
        )
        return question_id, question, labels
    if isinstance(question, RatingGrid):
        raise CrossTabError(
            f"{question_id!r} is a rating grid: break down one statement at a time, "
            f"e.g. {question_id}.{question.statements[0].id}."
        )
    raise CrossTabError(
        f"Only choice questions can be broken down; {question_id!r} is "
        f"{question.kind.replace('_', ' ')}."
    )


def _test(table: pd.DataFrame, multiple: bool) -> tuple[TestResult | None, str]:
    if multiple:
        return None, (
            "No test: people could choose more than one option, so the options are not "
            "one variable and a single test of the table is not valid."
        )
    trimmed = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    rows, columns = trimmed.shape
    if rows < 2 or columns < 2:
        return None, "No test: the answers fall in fewer than two options or two groups."
    observed = trimmed.to_numpy(dtype=float)
    total = observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / total
    smallest = float(expected.min())
    share_below = float((expected < MIN_EXPECTED).mean())
    if smallest >= 1 and share_below <= MAX_SHARE_BELOW:
        chi2 = chi2_contingency(observed, correction=rows == columns == 2)
        return TestResult(
            "Chi-square test", float(chi2.statistic), int(chi2.dof), float(chi2.pvalue), smallest
        ), (
            f"Chi-square test: every expected count is at least 1 and {share_below:.0%} of "
            f"cells expect fewer than {MIN_EXPECTED:g} people (20% allowed)."
        )
    if rows == columns == 2:
        _, p_value = fisher_exact(observed.astype(int))
        return TestResult("Fisher's exact test", None, None, float(p_value), smallest), (
            f"Fisher's exact test: a 2×2 table with expected counts as low as {smallest:.1f}, "
            "too few for the chi-square test."
        )
    return None, (
        f"No test: {share_below:.0%} of cells expect fewer than {MIN_EXPECTED:g} people "
        f"(smallest {smallest:.1f}); the chi-square test needs no more than 20% below "
        f"{MIN_EXPECTED:g} and none below 1. Combine options or groups to test."
    )
