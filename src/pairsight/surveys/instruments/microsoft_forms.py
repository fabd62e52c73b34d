"""The questionnaire as a plain-text question list to build it in Microsoft Forms.

Each question is numbered, followed by the Forms question type and settings in square
brackets, then one option per line: the layout Forms' "Quick import" and a person copying
by hand both read. Option wording is kept exactly, because the importer matches answers
back to these labels.
"""

from __future__ import annotations

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


def forms_question_list(instrument: Instrument) -> str:
    """Plain text ready to paste into Microsoft Forms, one question after another."""
    blocks = [
        f"{instrument.title} (version {instrument.version})",
        instrument.description.strip(),
    ]
    for number, question in instrument.numbered():
        lines = [f"{number}. {question.text.strip()} [{_settings(question)}]"]
        if question.help:
            lines.append(f"Subtitle: {question.help.strip()}")
        if question.routing:
            lines.append(f"Branching: {question.routing.strip()}")
        lines.extend(_choices(question))
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b) + "\n"


def _settings(question: Question) -> str:
    parts: list[str]
    if isinstance(question, SingleChoice):
        parts = ["Choice", "one answer"]
    elif isinstance(question, MultipleChoice):
        parts = ["Choice", "multiple answers"]
        if question.max_choices:
            parts.append(f"up to {question.max_choices}")
    elif isinstance(question, ScaleQuestion):
        parts = ["Choice", "one answer"]
    elif isinstance(question, RatingGrid):
        parts = ["Likert"]
    elif isinstance(question, Ranking):
        parts = ["Ranking"]
    elif isinstance(question, NumberQuestion):
        parts = ["Text", "restrict to number"]
        if question.minimum is not None and question.maximum is not None:
            parts.append(f"between {question.minimum:g} and {question.maximum:g}")
        elif question.minimum is not None:
            parts.append(f"greater than or equal to {question.minimum:g}")
        elif question.maximum is not None:
            parts.append(f"less than or equal to {question.maximum:g}")
    else:
        assert isinstance(question, FreeText)
        parts = ["Text", "long answer" if question.long else "short answer"]
    if isinstance(question, SingleChoice | MultipleChoice) and question.other:
        parts.append('add "Other" option')
    if question.required:
        parts.append("required")
    return ", ".join(parts)


def _choices(question: Question) -> list[str]:
    if isinstance(question, SingleChoice | MultipleChoice):
        return list(question.labels)
    if isinstance(question, ScaleQuestion):
        return list(question.scale.all_labels)
    if isinstance(question, RatingGrid):
        return [
            "Options: " + " | ".join(question.scale.all_labels),
            "Statements:",
            *(s.text for s in question.statements),
        ]
    if isinstance(question, Ranking):
        return [i.text for i in question.items]
    return []
