"""A questionnaire as data: typed questions, their options, scales and routing.

The YAML files in `shipped/` and every edited copy of them load into these models; the
importers, the analysis and the printed questionnaire all read the same `Instrument`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pairsight.surveys.answer_text import normalise

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_OTHER_LABEL = "Other (please specify)"

QuestionKind = Literal[
    "single_choice", "multiple_choice", "scale", "rating_grid", "ranking", "number", "free_text"
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_identifier(value: str) -> str:
    if not IDENTIFIER.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lower-case letters, digits and underscores, "
            "starting with a letter (e.g. 'child_age')"
        )
    return value


class FieldProblem(ValueError):
    """A problem found by checking several fields together, reported at `field`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _check_unique(labels: list[str], what: str, field: str) -> None:
    seen: dict[str, str] = {}
    for label in labels:
        key = normalise(label)
        if key in seen:
            raise FieldProblem(field, f"{what} {label!r} appears twice (as {seen[key]!r} too)")
        seen[key] = label


class Option(_Frozen):
    """One answer a person can choose. `code` is what coded exports (REDCap, Kobo) write."""

    label: str = Field(min_length=1)
    code: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"label": value} if isinstance(value, str) else value


class Item(_Frozen):
    """A statement in a rating grid, or a thing to put in order in a ranking."""

    id: str
    text: str = Field(min_length=1)

    _id = field_validator("id")(_check_identifier)


class Scale(_Frozen):
    """Ordered labels, from the most negative to the most positive.

    `neutral` is the midpoint, if the scale has one; `off_scale` answers ("Not sure",
    "Don't know") are counted but sit on neither side of a diverging chart.
    """

    labels: tuple[str, ...] = Field(min_length=2)
    neutral: str | None = None
    off_scale: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        _check_unique([*self.labels, *self.off_scale], "Scale label", "labels")
        if self.neutral is not None and self.neutral not in self.labels:
            raise FieldProblem(
                "neutral", f"neutral {self.neutral!r} is not one of the labels {self.labels}"
            )
        return self

    @property
    def negative(self) -> tuple[str, ...]:
        middle = self._middle()
        return self.labels[: int(middle)] if middle is not None else ()

    @property
    def positive(self) -> tuple[str, ...]:
        middle = self._middle()
        if middle is None:
            return ()
        start = int(middle) + 1 if self.neutral is not None else int(middle)
        return self.labels[start:]

    def _middle(self) -> float | None:
        if self.neutral is not None:
            return float(self.labels.index(self.neutral))
        return len(self.labels) / 2

    @property
    def all_labels(self) -> tuple[str, ...]:
        return (*self.labels, *self.off_scale)


class AskIf(_Frozen):
    """Routing: the question is only asked when `question` was answered with one of `answers`."""

    question: str
    answers: tuple[str, ...] = Field(min_length=1)


class _Question(_Frozen):
    id: str
    text: str = Field(min_length=1)
    required: bool = False
    help: str | None = None
    #: A routing note as printed on the questionnaire ("If no, go to question 8").
    routing: str | None = None
    ask_if: AskIf | None = None

    _id = field_validator("id")(_check_identifier)


class _Choices(_Question):
    options: tuple[Option, ...] = Field(min_length=1)
    #: Offer "Other, please specify" with a free-text box.
    other: bool = False
    other_label: str = DEFAULT_OTHER_LABEL

    @model_validator(mode="after")
    def _unique_options(self) -> _Choices:
        _check_unique([o.label for o in self.options], "Option", "options")
        codes = [o.code for o in self.options if o.code is not None]
        _check_unique(codes, "Option code", "options")
        return self

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(o.label for o in self.options)


class SingleChoice(_Choices):
    kind: Literal["single_choice"] = "single_choice"


class MultipleChoice(_Choices):
    kind: Literal["multiple_choice"] = "multiple_choice"
    max_choices: int | None = Field(default=None, ge=1)


class ScaleQuestion(_Question):
    kind: Literal["scale"] = "scale"
    scale: Scale

    @property
    def labels(self) -> tuple[str, ...]:
        return self.scale.all_labels


class RatingGrid(_Question):
    kind: Literal["rating_grid"] = "rating_grid"
    scale: Scale
    statements: tuple[Item, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_statements(self) -> RatingGrid:
        _check_unique([s.id for s in self.statements], "Statement id", "statements")
        _check_unique([s.text for s in self.statements], "Statement", "statements")
        return self


class Ranking(_Question):
    kind: Literal["ranking"] = "ranking"
    items: tuple[Item, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_items(self) -> Ranking:
        _check_unique([i.id for i in self.items], "Item id", "items")
        _check_unique([i.text for i in self.items], "Item", "items")
        return self


class NumberQuestion(_Question):
    kind: Literal["number"] = "number"
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str | None = None
    #: Answers that say no number was given ("N/A", "Don't know"): no answer, never refused.
    missing: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _range(self) -> NumberQuestion:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise FieldProblem(
                "maximum", f"minimum {self.minimum:g} is above maximum {self.maximum:g}"
            )
        return self


class FreeText(_Question):
    kind: Literal["free_text"] = "free_text"
    long: bool = True


Question = Annotated[
    SingleChoice
    | MultipleChoice
    | ScaleQuestion
    | RatingGrid
    | Ranking
    | NumberQuestion
    | FreeText,
    Field(discriminator="kind"),
]
ChoiceQuestion = SingleChoice | MultipleChoice | ScaleQuestion


@dataclass(frozen=True)
class AnswerColumn:
    """One column of the responses frame: a question, or one statement/item/"other" box of it."""

    name: str
    question: Question
    item: str | None = None

    @property
    def is_other(self) -> bool:
        return self.item == "other"


class Instrument(_Frozen):
    """A versioned questionnaire."""

    id: str
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    audience: str = ""
    description: str = ""
    #: Where the questions come from (e.g. "Written from Birmingham's 2022 needs assessment").
    source: str = ""
    questions: tuple[Question, ...] = Field(min_length=1)

    _id = field_validator("id")(_check_identifier)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @model_validator(mode="after")
    def _references(self) -> Instrument:
        seen: dict[str, Question] = {}
        for index, question in enumerate(self.questions):
            if question.id in seen:
                raise QuestionProblem(index, "id", f"question id {question.id!r} is used twice")
            if question.ask_if is not None:
                _check_routing(index, question, question.ask_if, seen)
            seen[question.id] = question
        return self

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise UnknownQuestionError(
            f"{self.title!r} has no question {question_id!r}; its questions are: {known}"
        )

    def answer_columns(self) -> Iterator[AnswerColumn]:
        """The columns of a responses frame for this instrument, in questionnaire order."""
        for q in self.questions:
            if isinstance(q, RatingGrid):
                for s in q.statements:
                    yield AnswerColumn(f"{q.id}.{s.id}", q, s.id)
            elif isinstance(q, Ranking):
                for i in q.items:
                    yield AnswerColumn(f"{q.id}.{i.id}", q, i.id)
            else:
                yield AnswerColumn(q.id, q)
                if isinstance(q, SingleChoice | MultipleChoice) and q.other:
                    yield AnswerColumn(f"{q.id}.other", q, "other")

    def numbered(self) -> Iterator[tuple[int, Question]]:
        return ((n, q) for n, q in enumerate(self.questions, start=1))


class UnknownQuestionError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


class QuestionProblem(ValueError):
    """A problem with the question at `index` that only the whole questionnaire reveals."""

    def __init__(self, index: int, field: str, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.field = field


def _check_routing(
    index: int, question: Question, ask_if: AskIf, earlier: dict[str, Question]
) -> None:
    target = earlier.get(ask_if.question)
    if target is None:
        raise QuestionProblem(
            index,
            "ask_if",
            f"question {question.id!r} is asked only if {ask_if.question!r} is answered, "
            "but no earlier question has that id",
        )
    if not isinstance(target, SingleChoice | MultipleChoice | ScaleQuestion):
        raise QuestionProblem(
            index,
            "ask_if",
            f"question {question.id!r} is routed on {target.id!r}, "
            "which has no options to route on",
        )
    known = {normalise(label) for label in target.labels}
    for answer in ask_if.answers:
        if normalise(answer) not in known:
            raise QuestionProblem(
                index,
                "ask_if",
                f"question {question.id!r} is asked if {target.id!r} is {answer!r}, "
                f"which is not one of its options: {', '.join(target.labels)}",
            )
