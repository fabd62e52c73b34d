"""The survey forms: upload, column matches, questionnaire text and the findings filter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from pairsight.surveys.actions import MAX_UPLOAD_BYTES
from pairsight.surveys.findings import filter_groups
from pairsight.surveys.importers.mapping import (
    OTHER,
    RANK_PREFIX,
    ColumnMapping,
    ColumnMatch,
    Target,
    targets,
)
from pairsight.surveys.instruments import Instrument, MultipleChoice, RatingGrid
from pairsight.surveys.queries import UploadColumn

NOT_IMPORTED = ""
_SEPARATOR = "::"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the survey tool's export",
        help_text="An Excel (.xlsx or .xls) or CSV file of the responses, as Microsoft Forms, "
        "SurveyMonkey, Qualtrics, LimeSurvey, REDCap or KoboToolbox exports it",
        error_messages={
            "required": "Choose the file of responses to upload",
            "empty": "The file is empty: export the responses again from your survey tool",
            "invalid": "Choose the file of responses to upload",
        },
    )
    keep_personal = forms.BooleanField(
        label="Keep names and e-mail addresses",
        required=False,
        help_text="Only if you need them: names, e-mail addresses and similar columns are "
        "dropped on import unless you tick this",
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: export only "
                "the responses, as Excel or CSV"
            )
        return upload


class InstrumentForm(forms.Form):
    yaml_text = forms.CharField(
        label="Questionnaire",
        strip=False,
        widget=forms.Textarea(attrs={"spellcheck": "false"}),
        help_text="The questions as YAML. Keep each question's id; change the version when "
        "you change a question, so findings say which version people answered",
        error_messages={"required": "Enter the questionnaire"},
    )


def target_value(target: Target | None) -> str:
    if target is None:
        return NOT_IMPORTED
    return target.question_id + (_SEPARATOR + target.item if target.item is not None else "")


def parse_target(value: str) -> Target | None:
    if not value:
        return None
    question_id, _, item = value.partition(_SEPARATOR)
    return Target(question_id, item if _ else None)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def target_choices(instrument: Instrument) -> list[tuple[str, Any]]:
    """Every question and part a column can answer, grouped by question (for a select).

    Each option names its question as well as its part, because a select shows only the
    chosen option, not its group.
    """
    numbers = {q.id: n for n, q in instrument.numbered()}
    groups: dict[str, list[tuple[str, str]]] = {}
    for target, question, item_text in targets(instrument):
        number = numbers[question.id]
        if target.item is None:
            label = f"{number}. {_short(question.text)}"
        else:
            if target.item == OTHER:
                part = "its “other, please specify” text"
            elif target.item.startswith(RANK_PREFIX):
                part = f"the item ranked {target.item.removeprefix(RANK_PREFIX)}"
            elif isinstance(question, RatingGrid):
                part = f"statement “{_short(item_text or '', 50)}”"
            elif isinstance(question, MultipleChoice):
                part = f"tick box “{_short(item_text or '', 50)}”"
            else:
                part = f"item “{_short(item_text or '', 50)}”"
            label = f"{number}. {_short(question.text, 40)}: {part}"
        heading = f"{number}. {_short(question.text)}"
        groups.setdefault(heading, []).append((target_value(target), label))
    return [(NOT_IMPORTED, "Not imported"), *groups.items()]


def describe_target(instrument: Instrument, target: Target | None) -> str:
    if target is None:
        return "not imported"
    numbers = {q.id: n for n, q in instrument.numbered()}
    try:
        question = instrument.question(target.question_id)
    except KeyError:
        return target.describe()
    text = f"question {numbers[question.id]} ({_short(question.text, 50)})"
    return text if target.item is None else f"{text}, {target.item}"


@dataclass(frozen=True)
class OptionGroup:
    """Options of a select: one question's parts (`label` set), or ungrouped options."""

    label: str
    options: tuple[tuple[str, str, bool], ...]


@dataclass(frozen=True)
class MatchRow:
    """One column of the uploaded file on the matching screen."""

    field: forms.BoundField
    letter: str
    header: str
    examples: tuple[str, ...]
    match: ColumnMatch
    note: str
    groups: tuple[OptionGroup, ...]


def _option_groups(choices: list[Any], selected: str) -> tuple[OptionGroup, ...]:
    groups = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            options = tuple((v, text, v == selected) for v, text in label)
            groups.append(OptionGroup(str(value), options))
        else:
            groups.append(OptionGroup("", ((str(value), str(label), value == selected),)))
    return tuple(groups)


class MappingForm(forms.Form):
    """One select per answer column of the export: the question it answers, or not imported."""

    def __init__(
        self,
        columns: Sequence[UploadColumn],
        instrument: Instrument,
        mapping: ColumnMapping,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.mapping = mapping
        self.columns = list(columns)
        choices = target_choices(instrument)
        matches = {m.header: m for m in mapping.matches}
        for index, column in enumerate(self.columns):
            match = matches.get(column.header)
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"Question for column {column.letter}, “{_short(column.header, 80)}”",
                choices=choices,
                required=False,
                initial=target_value(match.target if match else None),
                error_messages={
                    "invalid_choice": f"Choose a question for column {column.letter} from the list"
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[str, str] = {}
        for index, column in enumerate(self.columns):
            value = data.get(f"column_{index}") or NOT_IMPORTED
            if value == NOT_IMPORTED:
                continue
            if value in seen:
                self.add_error(
                    f"column_{index}",
                    f"Column {column.letter} is matched to the same question as column "
                    f"{seen[value]}: "
                    f"{describe_target(self.instrument, parse_target(value))} can take one "
                    "column only",
                )
            else:
                seen[value] = column.letter
        return data

    def choices_by_header(self) -> dict[str, Target | None]:
        return {
            column.header: parse_target(self.cleaned_data.get(f"column_{index}") or "")
            for index, column in enumerate(self.columns)
        }

    def rows(self) -> list[MatchRow]:
        matches = {m.header: m for m in self.mapping.matches}
        rows = []
        for index, column in enumerate(self.columns):
            match = matches.get(column.header) or ColumnMatch(column.header, None, 0.0)
            bound = self[f"column_{index}"]
            field: forms.ChoiceField = bound.field  # type: ignore[assignment]
            rows.append(
                MatchRow(
                    bound,
                    column.letter,
                    column.header,
                    column.examples,
                    match,
                    self._note(match),
                    _option_groups(
                        list(field.choices),  # type: ignore[arg-type]  # always a list here
                        str(bound.value() or ""),
                    ),
                )
            )
        return rows

    def _note(self, match: ColumnMatch) -> str:
        if match.confirmed:
            return "Confirmed" if match.target is not None else "Confirmed: not imported"
        if match.target is not None:
            return f"{match.score:.0f}% alike"
        if match.suggestion is not None and match.score > 0:
            closest = describe_target(self.instrument, match.suggestion)
            return f"No good match (closest: {closest}, {match.score:.0f}% alike)"
        return "No question matches"


class FilterForm(forms.Form):
    only = forms.ChoiceField(
        label="Show only the people who answered",
        required=False,
        error_messages={"invalid_choice": "Choose an answer from the list"},
    )

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = filter_groups(instrument)
        field: forms.ChoiceField = self.fields["only"]  # type: ignore[assignment]
        field.choices = [("", "Everyone"), *((g.label, list(g.choices)) for g in groups)]

    @property
    def groups(self) -> tuple[OptionGroup, ...]:
        field: forms.ChoiceField = self.fields["only"]  # type: ignore[assignment]
        return _option_groups(
            list(field.choices),  # type: ignore[arg-type]  # always a list here
            str(self["only"].value() or ""),
        )


class StarForm(forms.Form):
    question_id = forms.CharField(max_length=100)
    star = forms.BooleanField(required=False)
