"""From matched columns to the typed responses frame, listing every answer that does not fit.

Nothing is dropped silently: an answer that fits no option is either an "Other" answer
(when the question offers one) or a problem with its row and column.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from pairsight.surveys.answer_text import normalise
from pairsight.surveys.importers.answers import (
    Unknown,
    choice_lookup,
    per_distinct,
    read_choice,
    read_choices,
    read_number,
    read_rank,
    read_text,
    read_tick,
)
from pairsight.surveys.importers.errors import ImportProblem
from pairsight.surveys.importers.export import Export, SourceColumn, cell_text
from pairsight.surveys.importers.mapping import OTHER, RANK_PREFIX, ColumnMapping, Target
from pairsight.surveys.instruments.model import (
    FreeText,
    Instrument,
    MultipleChoice,
    NumberQuestion,
    Question,
    Ranking,
    RatingGrid,
    ScaleQuestion,
    SingleChoice,
)

_LISTED_OPTIONS = 8


@dataclass
class Converted:
    """The responses frame (indexed by spreadsheet row for now) and what did not fit."""

    columns: dict[str, object] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)


def convert(
    export: Export, instrument: Instrument, mapping: ColumnMapping
) -> tuple[pd.DataFrame, list[ImportProblem]]:
    by_question: dict[str, list[tuple[SourceColumn, Target]]] = defaultdict(list)
    for header, target in mapping.matched.items():
        by_question[target.question_id].append((export.column(header), target))
    out = Converted()
    for number, question in instrument.numbered():
        _Question(export, question, number, by_question.get(question.id, []), out).convert()
    order = [c.name for c in instrument.answer_columns()]
    frame = pd.DataFrame({name: out.columns[name] for name in order}, index=export.body.index)
    return frame, out.problems


class _Question:
    def __init__(
        self,
        export: Export,
        question: Question,
        number: int,
        columns: list[tuple[SourceColumn, Target]],
        out: Converted,
    ) -> None:
        self.export, self.question, self.number, self.out = export, question, number, out
        self.columns = columns
        self.rows = len(export.body)

    def convert(self) -> None:
        q = self.question
        if isinstance(q, SingleChoice):
            self.single(q)
        elif isinstance(q, ScaleQuestion):
            self.out.columns[q.id] = self.categorical(self.main(), q.scale.all_labels, ordered=True)
        elif isinstance(q, RatingGrid):
            for statement in q.statements:
                column = self.part(statement.id)
                self.out.columns[f"{q.id}.{statement.id}"] = self.categorical(
                    column, q.scale.all_labels, ordered=True
                )
        elif isinstance(q, MultipleChoice):
            self.multiple(q)
        elif isinstance(q, Ranking):
            self.ranking(q)
        elif isinstance(q, NumberQuestion):
            self.number_answers(q)
        else:
            assert isinstance(q, FreeText)
            self.out.columns[q.id] = _as_text(self.texts(self.main()))

    # Columns of this question -------------------------------------------------------------

    def main(self) -> SourceColumn | None:
        return self.part(None)

    def part(self, item: str | None) -> SourceColumn | None:
        return next((c for c, t in self.columns if t.item == item), None)

    def values(self, column: SourceColumn) -> pd.Series:
        return self.export.body[column.position]

    def empty(self) -> npt.NDArray[np.object_]:
        return np.full(self.rows, None, dtype=object)

    # Kinds --------------------------------------------------------------------------------

    def categorical(
        self,
        column: SourceColumn | None,
        labels: Sequence[str],
        ordered: bool,
        lookup: dict[str, str] | None = None,
    ) -> pd.Categorical:
        if column is None:
            return pd.Categorical(self.empty(), categories=list(labels), ordered=ordered)
        lookup = lookup or choice_lookup(labels, (), self.export.position_codes)
        codes, results = per_distinct(self.values(column), lambda v: read_choice(v, lookup))
        self.report(codes, results, column, labels)
        return _categorical(codes, results, labels, ordered)

    def single(self, q: SingleChoice) -> None:
        labels = [*q.labels, q.other_label] if q.other else list(q.labels)
        lookup = choice_lookup(q.labels, q.options, self.export.position_codes)
        main, other_column = self.main(), self.part(OTHER)
        answers, other = self.empty(), self.empty()
        if main is not None:
            if q.other:
                self.other_forms(lookup, q.other_label, len(q.options) + 1)
            codes, results = per_distinct(self.values(main), lambda v: read_choice(v, lookup))
            if q.other:
                # Forms writes the typed text in place of the option: that is the "Other" answer.
                typed = [r.text if isinstance(r, Unknown) else None for r in results]
                other = _take(codes, typed)
                results = [q.other_label if isinstance(r, Unknown) else r for r in results]
            if other_column is None:  # the usual case: one column, each answer once
                self.report(codes, results, main, labels)
                self.out.columns[q.id] = _categorical(codes, results, labels, ordered=False)
            else:
                answers = self.spread(codes, results, main, labels)
        elif self.columns:
            answers = self.single_from_boxes(q)
        if other_column is not None:
            typed_box = self.texts(other_column)
            other = np.where(pd.isna(other), typed_box, other)
            answers = np.where(pd.isna(answers) & pd.notna(other), q.other_label, answers)
        if q.id not in self.out.columns:
            self.out.columns[q.id] = pd.Categorical(answers, categories=labels)
        if q.other:
            self.out.columns[f"{q.id}.other"] = _as_text(other)

    def single_from_boxes(self, q: SingleChoice) -> npt.NDArray[np.object_]:
        """A one-answer question that the tool spread over one column per option (older
        SurveyMonkey "expanded" exports): the option whose column is filled in each row."""
        answers = self.empty()
        for column, target in self.columns:
            if target.item is None or target.item == OTHER:
                continue
            forms = frozenset({normalise(target.item)})
            codes, ticks = per_distinct(
                self.values(column), functools.partial(read_tick, option_forms=forms)
            )
            self.report(codes, ticks, column, ())
            ticked = _take(codes, [r is True for r in ticks], False).astype(bool)
            for row in np.flatnonzero(ticked & pd.notna(answers)):
                self.problem(
                    int(row),
                    column,
                    f"Two options given for question {self.number}, "
                    f"which takes one: “{answers[row]}” and “{target.item}”.",
                    target.item,
                )
            answers = np.where(ticked & pd.isna(answers), target.item, answers)
        return answers

    def multiple(self, q: MultipleChoice) -> None:
        other_bit = 1 << len(q.options)
        bit = {o.label: 1 << i for i, o in enumerate(q.options)} | {q.other_label: other_bit}
        masks = np.zeros(self.rows, dtype=np.int64)
        other = self.empty()
        lookup = choice_lookup(q.labels, q.options, self.export.position_codes)
        if q.other:
            self.other_forms(lookup, q.other_label, len(q.options) + 1)
        for column, target in self.columns:
            if target.item is None:
                codes, parsed = per_distinct(
                    self.values(column), lambda v: read_choices(v, lookup, self.export.separator)
                )
                mask_of, typed, bad = [], [], []
                for result in parsed:
                    chosen, unknown = result if result is not None else ([], [])
                    mask = sum({bit.get(c, other_bit) for c in chosen})
                    text = self.export.separator.join(unknown) if unknown and q.other else None
                    mask_of.append(mask | (other_bit if text else 0))
                    typed.append(text)
                    bad.append(
                        Unknown("; ".join(unknown), "not one of the options")
                        if unknown and not q.other
                        else None
                    )
                masks |= _take(codes, mask_of, 0).astype(np.int64)
                other = np.where(pd.isna(other), _take(codes, typed), other)
                self.report(codes, bad, column, q.labels)
            elif target.item == OTHER:
                typed_box = self.texts(column)
                other = np.where(pd.isna(other), typed_box, other)
                masks |= np.where(pd.notna(typed_box), other_bit, 0)
            else:
                forms = frozenset({normalise(target.item), normalise(column.sublabel or "")})
                codes, ticks = per_distinct(
                    self.values(column), functools.partial(read_tick, option_forms=forms)
                )
                self.report(codes, ticks, column, ())
                ticked = [r is True for r in ticks]
                masks |= np.where(_take(codes, ticked, False).astype(bool), bit[target.item], 0)
        labels = [*q.labels, q.other_label]
        mask_codes, unique_masks = pd.factorize(masks)
        chosen_sets = [
            tuple(label for i, label in enumerate(labels) if m & (1 << i)) or None
            for m in unique_masks
        ]
        self.out.columns[q.id] = _take(mask_codes, chosen_sets)
        if q.max_choices:
            counts = np.array([len(c or ()) for c in chosen_sets])[mask_codes]
            too_many = np.flatnonzero(counts > q.max_choices)
            first = self.columns[0][0] if self.columns else None
            for i in too_many:
                self.problem(
                    int(i),
                    first,
                    f"{counts[i]} options chosen; the question allows at most {q.max_choices}.",
                    None,
                )
        if q.other:
            self.out.columns[f"{q.id}.other"] = _as_text(other)

    def ranking(self, q: Ranking) -> None:
        ranks = {item.id: np.full(self.rows, np.nan) for item in q.items}
        texts = [i.text for i in q.items]
        lookup = choice_lookup(texts, (), self.export.position_codes)
        by_text = {i.text: i.id for i in q.items}
        for column, target in self.columns:
            if target.item is not None and target.item.startswith(RANK_PREFIX):
                # The item put at this position (LimeSurvey): its rank is the position.
                position = float(target.item.removeprefix(RANK_PREFIX))
                codes, placed = per_distinct(self.values(column), lambda v: read_choice(v, lookup))
                self.report(codes, placed, column, texts)
                for text, item_id in by_text.items():
                    here = _take(codes, [p == text for p in placed], False).astype(bool)
                    ranks[item_id] = np.where(here, position, ranks[item_id])
            elif target.item is None:
                codes, parsed = per_distinct(
                    self.values(column), lambda v: read_choices(v, lookup, self.export.separator)
                )
                bad = [
                    Unknown("; ".join(r[1]), "not one of the items to rank") if r and r[1] else None
                    for r in parsed
                ]
                self.report(codes, bad, column, [i.text for i in q.items])
                for item in q.items:
                    rank_of = [
                        float(r[0].index(item.text) + 1) if r and item.text in r[0] else np.nan
                        for r in parsed
                    ]
                    found = _take(codes, rank_of, np.nan).astype(float)
                    ranks[item.id] = np.where(np.isnan(ranks[item.id]), found, ranks[item.id])
            else:
                codes, results = per_distinct(
                    self.values(column), lambda v: read_rank(v, len(q.items))
                )
                self.report(codes, results, column, ())
                numbers = [float(r) if isinstance(r, int) else np.nan for r in results]
                ranks[target.item] = _take(codes, numbers, np.nan).astype(float)
        stacked = np.column_stack([ranks[i.id] for i in q.items])
        for row in np.flatnonzero(_has_repeats(stacked)):
            first = self.columns[0][0] if self.columns else None
            self.problem(int(row), first, "the same rank is given to two items.", None)
        for item in q.items:
            self.out.columns[f"{q.id}.{item.id}"] = pd.array(ranks[item.id], dtype="Int64")

    def number_answers(self, q: NumberQuestion) -> None:
        column = self.main()
        numbers = np.full(self.rows, np.nan)
        if column is not None:
            missing = {normalise(m) for m in q.missing}
            codes, results = per_distinct(
                self.values(column),
                lambda v: (
                    None
                    if normalise(cell_text(v)) in missing
                    else read_number(v, q.minimum, q.maximum, q.integer, q.unit)
                ),
            )
            self.report(codes, results, column, ())
            clean = [r if isinstance(r, float) else np.nan for r in results]
            numbers = _take(codes, clean, np.nan).astype(float)
        self.out.columns[q.id] = pd.array(numbers, dtype="Float64")

    def other_forms(self, lookup: dict[str, str], label: str, position: int) -> None:
        """How tools write "Other" itself: its label, "other", LimeSurvey's "-oth-", its code."""
        for form in (label, "other", "-oth-"):
            lookup.setdefault(normalise(form), label)
        for pattern in self.export.position_codes:
            lookup.setdefault(normalise(pattern.format(n=position)), label)

    def texts(self, column: SourceColumn | None) -> npt.NDArray[np.object_]:
        if column is None:
            return self.empty()
        codes, results = per_distinct(self.values(column), read_text)
        return _take(codes, results)

    # Problems -----------------------------------------------------------------------------

    def spread(
        self,
        codes: npt.NDArray[np.intp],
        results: Sequence[object],
        column: SourceColumn,
        labels: Sequence[str],
    ) -> npt.NDArray[np.object_]:
        self.report(codes, results, column, labels)
        return _take(codes, [r if isinstance(r, str) else None for r in results])

    def report(
        self,
        codes: npt.NDArray[np.intp],
        results: Sequence[object],
        column: SourceColumn,
        labels: Sequence[str],
    ) -> None:
        for index, result in enumerate(results):
            if not isinstance(result, Unknown):
                continue
            hint = ""
            if labels:
                shown = ", ".join(labels[:_LISTED_OPTIONS])
                more = (
                    f" and {len(labels) - _LISTED_OPTIONS} more"
                    if len(labels) > _LISTED_OPTIONS
                    else ""
                )
                hint = f" The options are: {shown}{more}."
            message = (
                f"“{result.text}” is {result.reason} for question {self.number} "
                f"({self.question.id}).{hint}"
            )
            for row in np.flatnonzero(codes == index):
                self.problem(int(row), column, message, result.text)

    def problem(
        self, row: int, column: SourceColumn | None, message: str, value: str | None
    ) -> None:
        self.out.problems.append(
            ImportProblem(
                message,
                row=int(self.export.body.index[row]),
                column=column.letter if column else None,
                header=column.header if column else None,
                value=value,
                question_id=self.question.id,
            )
        )


def _take(
    codes: npt.NDArray[np.intp], results: Sequence[object], missing: object = None
) -> npt.NDArray[np.object_]:
    table = np.empty(len(results) + 1, dtype=object)
    table[: len(results)] = list(results) if results else []
    table[-1] = missing  # code -1 (an empty cell) picks the last entry
    return table[codes]


def _categorical(
    codes: npt.NDArray[np.intp], results: Sequence[object], labels: Sequence[str], ordered: bool
) -> pd.Categorical:
    """The answers as a categorical column, from each distinct value's result: the same as
    `pd.Categorical` of the answers, without looking every row's label up again."""
    position = {label: i for i, label in enumerate(labels)}
    found = [position.get(r, -1) if isinstance(r, str) else -1 for r in results]
    if len(position) < len(labels):  # repeated labels: let pandas refuse them as it would
        chosen = [r if isinstance(r, str) else None for r in results]
        return pd.Categorical(_take(codes, chosen), categories=list(labels), ordered=ordered)
    column = pd.Categorical.from_codes(
        _take(codes, found, -1).astype(np.int64),
        dtype=pd.CategoricalDtype(list(labels), ordered=ordered),
    )
    return cast("pd.Categorical", column)  # the stubs call it Categorical[int]: they are labels


def _as_text(values: npt.NDArray[np.object_]) -> object:
    return pd.array(values, dtype="str")


def _has_repeats(ranks: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    ordered = np.sort(ranks, axis=1)
    same = (ordered[:, 1:] == ordered[:, :-1]) & ~np.isnan(ordered[:, 1:])
    return np.asarray(same.any(axis=1))
