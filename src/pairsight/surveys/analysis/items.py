"""What each question's answers say: counts, percentages with Wilson intervals, bases.

Every percentage has its base stated (the people who answered the question, or who were
routed to it), and every summary counts who answered and who skipped, so a reader can
tell 86% of 49 from 86% of 7.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from pairsight.core.proportions import wilson_intervals
from pairsight.surveys.instruments.model import (
    FreeText,
    MultipleChoice,
    NumberQuestion,
    Question,
    QuestionKind,
    Ranking,
    RatingGrid,
    Scale,
    ScaleQuestion,
    SingleChoice,
)
from pairsight.surveys.responses import SurveyResponses


@dataclass(frozen=True)
class Share:
    """`count` of `base` people, as a percentage with its 95% Wilson interval."""

    label: str
    count: int
    base: int
    percent: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class ItemSummary:
    question_id: str
    number: int
    text: str
    kind: QuestionKind
    #: Responses that were asked the question (all of them unless routing skips some).
    asked: int
    answered: int
    skipped: int

    @property
    def base_note(self) -> str:
        return f"Percentages are of the {self.answered} people who answered this question."


@dataclass(frozen=True)
class ChoiceSummary(ItemSummary):
    """A single-choice, scale or multiple-choice question: one share per option."""

    shares: tuple[Share, ...]
    #: What people typed in "Other, please specify".
    other_answers: tuple[str, ...]
    #: For a scale: the negative side, the neutral point, the positive side, off-scale.
    sides: tuple[Share, ...]

    @property
    def base_note(self) -> str:
        if self.kind == "multiple_choice":
            return (
                f"People could choose more than one option; percentages are of the "
                f"{self.answered} people who answered, so they can add up to more than 100%."
            )
        return super().base_note


@dataclass(frozen=True)
class StatementSummary:
    statement_id: str
    text: str
    answered: int
    skipped: int
    shares: tuple[Share, ...]
    sides: tuple[Share, ...]


@dataclass(frozen=True)
class GridSummary(ItemSummary):
    """A rating grid: each statement's distribution, and statements ranked at each end."""

    scale_labels: tuple[str, ...]
    #: The ends of the scale that statements are ranked by ("Very positive", "Very negative").
    positive_label: str
    negative_label: str
    statements: tuple[StatementSummary, ...]
    #: Statements by the share giving the most positive rating, highest first.
    most_positive: tuple[tuple[str, Share], ...]
    most_negative: tuple[tuple[str, Share], ...]

    def top_positive(self, count: int = 3) -> tuple[tuple[str, Share], ...]:
        return self.most_positive[:count]

    def top_negative(self, count: int = 3) -> tuple[tuple[str, Share], ...]:
        return self.most_negative[:count]

    @property
    def base_note(self) -> str:
        return "Percentages are of the people who rated each statement."


@dataclass(frozen=True)
class RankedItem:
    item_id: str
    text: str
    ranked: int
    mean_rank: float | None
    first_choice: Share


@dataclass(frozen=True)
class RankingSummary(ItemSummary):
    #: Items by mean rank, best (lowest) first.
    items: tuple[RankedItem, ...]

    @property
    def base_note(self) -> str:
        return (
            f"A mean rank of 1 means always first; 'ranked first' is a share of the "
            f"{self.answered} people who ranked the items."
        )


@dataclass(frozen=True)
class NumberSummary(ItemSummary):
    unit: str | None
    mean: float | None
    sd: float | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    minimum: float | None
    maximum: float | None

    @property
    def base_note(self) -> str:
        return f"Figures are of the {self.answered} people who gave a number."


@dataclass(frozen=True)
class TextAnswer:
    response_key: str
    text: str


@dataclass(frozen=True)
class FreeTextSummary(ItemSummary):
    answers: tuple[TextAnswer, ...]

    @property
    def base_note(self) -> str:
        return "Answers as written: check them for names and other details before sharing."


def shares(labels: Sequence[str], counts: Sequence[int], base: int) -> tuple[Share, ...]:
    counts_array = np.asarray(counts, dtype=np.int64)
    if base <= 0:
        return tuple(
            Share(label, int(c), 0, None, None, None)
            for label, c in zip(labels, counts_array, strict=True)
        )
    low, high = wilson_intervals(counts_array, np.full(len(counts_array), base))
    return tuple(
        Share(label, int(c), base, 100.0 * int(c) / base, 100.0 * float(lo), 100.0 * float(hi))
        for label, c, lo, hi in zip(labels, counts_array, low, high, strict=True)
    )


def asked_mask(survey: SurveyResponses, question: Question) -> pd.Series:
    """Who was routed to the question: everyone, unless `ask_if` narrows it."""
    frame = survey.frame
    everyone = pd.Series(True, index=frame.index)
    if question.ask_if is None:
        return everyone
    routing = frame[question.ask_if.question]
    wanted = set(question.ask_if.answers)
    if isinstance(routing.dtype, pd.CategoricalDtype):
        return routing.isin(wanted).fillna(False).astype(bool)
    return routing.map(lambda chosen: bool(chosen) and bool(wanted & set(chosen))).astype(bool)


def summarise(survey: SurveyResponses, number: int, question: Question) -> ItemSummary:
    frame = survey.frame
    asked = asked_mask(survey, question)
    if isinstance(question, RatingGrid):
        return _grid(survey, number, question, asked)
    if isinstance(question, Ranking):
        return _ranking(survey, number, question, asked)
    answers = frame[question.id]
    answered_mask = answers.notna()
    asked = asked | answered_mask
    answered = int(answered_mask.sum())
    base = (
        question.id,
        number,
        question.text,
        question.kind,
        int(asked.sum()),
        answered,
        int(asked.sum()) - answered,
    )
    if isinstance(question, SingleChoice | ScaleQuestion):
        labels = list(answers.cat.categories)
        counts = category_counts(answers).reindex(labels, fill_value=0)
        scale = question.scale if isinstance(question, ScaleQuestion) else None
        return ChoiceSummary(
            *base,
            shares(labels, counts.tolist(), answered),
            _other(frame, question),
            _sides(scale, counts, answered),
        )
    if isinstance(question, MultipleChoice):
        labels = (
            [*question.labels, question.other_label] if question.other else list(question.labels)
        )
        chosen = _chosen_counts(answers.dropna().to_numpy(dtype=object))
        per_option = [chosen.get(label, 0) for label in labels]
        return ChoiceSummary(
            *base, shares(labels, per_option, answered), _other(frame, question), ()
        )
    if isinstance(question, NumberQuestion):
        values = answers.dropna().astype(float)
        stats = _describe(values)
        return NumberSummary(*base, question.unit, *stats)
    assert isinstance(question, FreeText)
    texts = answers.dropna()
    return FreeTextSummary(
        *base,
        tuple(
            TextAnswer(str(k), str(t))
            for k, t in zip(texts.index.tolist(), texts.tolist(), strict=True)
        ),
    )


def category_counts(answers: pd.Series) -> pd.Series:
    """How many answers give each category of a categorical column, in the categories'
    order: `value_counts(sort=False)` counted on the codes, with a plain index."""
    return coded_counts(answers.cat.codes.to_numpy(), answers.cat.categories.tolist(), answers.name)


def coded_counts(codes: npt.NDArray[np.integer], categories: list[str], name: object) -> pd.Series:
    """How many of `codes` (positions in `categories`; -1 for none) are each category, as
    `value_counts(sort=False)` of the categorical column `name` gives them."""
    counts = np.bincount(codes[codes >= 0], minlength=len(categories)).astype(np.int64)
    return pd.Series(counts, index=pd.Index(categories, name=name), name="count")


def exploded(answers: Sequence[object]) -> tuple[list[object], npt.NDArray[np.intp]]:
    """Every option chosen in multiple-choice answers, in order, and how many each answer
    gave: as pandas' `explode`, a tuple or list gives its members and anything else itself,
    without a row object per option."""
    if set(map(type, answers)) <= {tuple, list}:  # as stored: each answer a tuple
        chosen = cast("Sequence[Sequence[object]]", answers)
        sizes = np.fromiter(map(len, chosen), dtype=np.intp, count=len(chosen))
        return list(itertools.chain.from_iterable(chosen)), sizes
    options: list[object] = []
    sizes = np.empty(len(answers), dtype=np.intp)
    for position, answer in enumerate(answers):
        if isinstance(answer, tuple | list):
            options.extend(answer)
            sizes[position] = len(answer)
        else:
            options.append(answer)
            sizes[position] = 1
    return options, sizes


def _chosen_counts(answers: npt.NDArray[np.object_]) -> Counter[object]:
    """How many times each option is chosen, as `Counter` of the exploded answers gives it:
    counted once per distinct answer, since a column holds a few dozen combinations."""
    if not set(map(type, answers)) <= {tuple}:
        return Counter(exploded(answers.tolist())[0])
    codes, distinct = pd.factorize(answers)
    counts: Counter[object] = Counter()
    times_given = np.bincount(codes, minlength=len(distinct)).tolist()
    for answer, times in zip(distinct, times_given, strict=True):
        for option in answer:
            counts[option] += times
    return counts


def chosen_positions(
    answers: npt.NDArray[np.object_], position_of: Callable[[list[object]], npt.NDArray[np.int64]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.intp]]:
    """Every option chosen in multiple-choice answers as `position_of` places it, in order,
    and how many each answer gave: `exploded` with the options placed once per distinct
    answer rather than once per person."""
    if not set(map(type, answers)) <= {tuple}:
        options, sizes = exploded(answers.tolist())
        return position_of(options), sizes
    codes, distinct = pd.factorize(answers)
    lengths = np.fromiter(map(len, distinct), dtype=np.intp, count=len(distinct))
    placed = position_of(list(itertools.chain.from_iterable(distinct)))
    sizes = lengths[codes]
    # Row i's options are placed[starts[codes[i]] :][: sizes[i]], laid end to end.
    starts = np.cumsum(lengths) - lengths
    ends_before = np.cumsum(sizes) - sizes
    taken = np.repeat(starts[codes] - ends_before, sizes) + np.arange(int(sizes.sum()))
    return placed[taken], sizes


def _other(frame: pd.DataFrame, question: Question) -> tuple[str, ...]:
    column = f"{question.id}.other"
    if column not in frame:
        return ()
    return tuple(str(t) for t in frame[column].dropna().tolist())


def _sides(scale: Scale | None, counts: pd.Series, answered: int) -> tuple[Share, ...]:
    if scale is None:
        return ()
    groups = [
        ("Negative: " + ", ".join(scale.negative), scale.negative),
        ("Neutral: " + scale.neutral, (scale.neutral,)) if scale.neutral else None,
        ("Positive: " + ", ".join(scale.positive), scale.positive),
        ("Off scale: " + ", ".join(scale.off_scale), scale.off_scale) if scale.off_scale else None,
    ]
    present = [g for g in groups if g is not None]
    totals = [int(counts.reindex(list(members), fill_value=0).sum()) for _, members in present]
    return shares([label for label, _ in present], totals, answered)


def _grid(
    survey: SurveyResponses, number: int, question: RatingGrid, asked: pd.Series
) -> GridSummary:
    frame = survey.frame
    labels = list(question.scale.all_labels)
    statements = []
    for statement in question.statements:
        answers = frame[f"{question.id}.{statement.id}"]
        answered = int(answers.notna().sum())
        counts = category_counts(answers).reindex(labels, fill_value=0)
        statements.append(
            StatementSummary(
                statement.id,
                statement.text,
                answered,
                int((asked | answers.notna()).sum()) - answered,
                shares(labels, counts.tolist(), answered),
                _sides(question.scale, counts, answered),
            )
        )
    rated = frame[[f"{question.id}.{s.id}" for s in question.statements]].notna().any(axis=1)
    answered_any = int(rated.sum())
    top, bottom = question.scale.labels[-1], question.scale.labels[0]
    order = {s.statement_id: i for i, s in enumerate(statements)}

    def ranked(label: str) -> tuple[tuple[str, Share], ...]:
        pairs = [
            (s.text, next(sh for sh in s.shares if sh.label == label), s.statement_id)
            for s in statements
        ]
        pairs.sort(key=lambda p: (-(p[1].percent or 0.0), order[p[2]]))
        return tuple((text, share) for text, share, _ in pairs)

    asked_count = int((asked | rated).sum())
    return GridSummary(
        question.id, number, question.text, question.kind, asked_count, answered_any,
        asked_count - answered_any, tuple(labels), top, bottom, tuple(statements), ranked(top),
        ranked(bottom),
    )  # fmt: skip


def _ranking(
    survey: SurveyResponses, number: int, question: Ranking, asked: pd.Series
) -> RankingSummary:
    frame = survey.frame
    columns = [f"{question.id}.{i.id}" for i in question.items]
    ranks = frame[columns].astype("Float64")
    answered_mask = ranks.notna().any(axis=1)
    answered = int(answered_mask.sum())
    asked_count = int((asked | answered_mask).sum())
    items = []
    for item, column in zip(question.items, columns, strict=True):
        values = ranks[column].dropna()
        firsts = int((values == 1).sum())
        (first,) = shares(["Ranked first"], [firsts], answered)
        mean = float(values.mean()) if len(values) else None
        items.append(RankedItem(item.id, item.text, int(len(values)), mean, first))
    items.sort(key=lambda i: (i.mean_rank is None, i.mean_rank or 0.0))
    return RankingSummary(
        question.id, number, question.text, question.kind, asked_count, answered,
        asked_count - answered, tuple(items),
    )  # fmt: skip


def _describe(values: pd.Series) -> tuple[float | None, ...]:
    if values.empty:
        return (None,) * 7
    q1, median, q3 = (float(v) for v in values.quantile([0.25, 0.5, 0.75]))
    sd = float(values.std()) if len(values) > 1 else None
    return float(values.mean()), sd, median, q1, q3, float(values.min()), float(values.max())
