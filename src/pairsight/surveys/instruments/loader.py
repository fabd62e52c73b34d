"""Reading questionnaires from YAML, with errors that name the file, line and question.

A lead edits these files by hand (or through a page that shows them), so a mistake must be
reported where they made it: "parents.yaml, line 48, question 'asked_by': ...".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from pairsight.surveys.instruments.model import FieldProblem, Instrument, QuestionProblem

SHIPPED_PACKAGE = "pairsight.surveys.instruments"
SHIPPED_FOLDER = "shipped"
_KINDS = "single_choice, multiple_choice, scale, rating_grid, ranking, number, free_text"


@dataclass(frozen=True)
class InstrumentProblem:
    source: str
    line: int | None
    question_id: str | None
    message: str

    def __str__(self) -> str:
        where = [self.source]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.question_id:
            where.append(f"question {self.question_id!r}")
        return f"{', '.join(where)}: {self.message}"


class InstrumentError(ValueError):
    """A questionnaire that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[InstrumentProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class ShippedInstrument:
    id: str
    version: str
    title: str
    audience: str
    questions: int
    path: Path


def shipped_instruments() -> list[ShippedInstrument]:
    """The questionnaire templates that come with PAIRsight, by id."""
    folder = resources.files(SHIPPED_PACKAGE) / SHIPPED_FOLDER
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            path = Path(str(entry))
            instrument = load_instrument(path)
            found.append(
                ShippedInstrument(
                    instrument.id,
                    instrument.version,
                    instrument.title,
                    instrument.audience,
                    len(instrument.questions),
                    path,
                )
            )
    return found


def load_instrument(name_or_path: str | Path) -> Instrument:
    """A shipped template by id (e.g. "parents"), or a questionnaire YAML file by path."""
    path = Path(name_or_path)
    if path.suffix.lower() not in {".yaml", ".yml"} and not path.exists():
        folder = resources.files(SHIPPED_PACKAGE) / SHIPPED_FOLDER
        candidate = folder / f"{name_or_path}.yaml"
        if not candidate.is_file():
            names = sorted(e.name.rsplit(".", 1)[0] for e in folder.iterdir())
            raise InstrumentError(
                [
                    InstrumentProblem(
                        str(name_or_path),
                        None,
                        None,
                        "no such questionnaire: give a YAML file or one of the shipped "
                        f"templates ({', '.join(names)})",
                    )
                ]
            )
        path = Path(str(candidate))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InstrumentError(
            [InstrumentProblem(str(path), None, None, "file not found")]
        ) from None
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text (byte {error.start}); save the file as UTF-8"
        raise InstrumentError([InstrumentProblem(path.name, None, None, problem)]) from None
    return parse_instrument(text, source=path.name)


def parse_instrument(text: str, source: str = "questionnaire") -> Instrument:
    """A questionnaire from YAML text; `source` names it in error messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise InstrumentError(
            [InstrumentProblem(source, line, None, f"not valid YAML: {reason}")]
        ) from None
    if root is None or not isinstance(data, dict):
        raise InstrumentError(
            [InstrumentProblem(source, 1, None, "expected a questionnaire (id, title, questions)")]
        )
    named_scales: dict[int, str] = {}
    problems = _resolve_scales(data, root, source, named_scales)
    try:
        instrument = Instrument.model_validate(data)
    except ValidationError as error:
        # An undefined scale is already reported; pydantic would report it again.
        reported = {p.question_id for p in problems}
        explained = _explain(error, data, root, source, named_scales)
        problems += [
            p for p in explained if p.question_id not in reported or "scale" not in p.message
        ]
    if problems:
        raise InstrumentError(sorted(problems, key=lambda p: p.line or 0))
    return instrument


def instrument_to_yaml(instrument: Instrument) -> str:
    """The questionnaire as YAML that `parse_instrument` reads back to an equal instrument."""
    data = instrument.model_dump(mode="json", exclude_defaults=True)
    for question in data["questions"]:
        question["kind"] = question.get("kind") or _kind_of(instrument, question["id"])
        if "options" in question:
            question["options"] = [
                o["label"] if set(o) == {"label"} else o for o in question["options"]
            ]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _kind_of(instrument: Instrument, question_id: str) -> str:
    return instrument.question(question_id).kind


def _resolve_scales(
    data: dict[str, Any], root: yaml.Node, source: str, named: dict[int, str]
) -> list[InstrumentProblem]:
    """Replace `scale: name` with the scale defined under `scales:`; the model has no names."""
    scales = data.pop("scales", None) or {}
    problems = []
    if not isinstance(scales, dict):
        return [InstrumentProblem(source, _line(root, ("scales",)), None, "scales must be a map")]
    questions = data.get("questions")
    for index, question in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(question, dict) or not isinstance(question.get("scale"), str):
            continue
        name = question["scale"]
        if name in scales:
            question["scale"] = scales[name]
            named[index] = name
        else:
            known = ", ".join(scales) or "none"
            problems.append(
                InstrumentProblem(
                    source,
                    _line(root, ("questions", index, "scale")),
                    str(question.get("id")),
                    f"scale {name!r} is not defined under 'scales:' (defined: {known})",
                )
            )
    return problems


def _explain(
    error: ValidationError,
    data: dict[str, Any],
    root: yaml.Node,
    source: str,
    named_scales: dict[int, str],
) -> list[InstrumentProblem]:
    problems: list[InstrumentProblem] = []
    details = error.errors()
    for detail in details:
        loc: tuple[int | str, ...] = tuple(detail["loc"])
        if detail["type"] == "too_short" and loc == ("questions",) and len(details) > 1:
            continue  # pydantic's echo of a question that failed: that question is reported
        cause = (detail.get("ctx") or {}).get("error")
        if isinstance(cause, FieldProblem):
            loc = (*loc, cause.field)
        elif isinstance(cause, QuestionProblem):
            loc = ("questions", cause.index, cause.field)
        elif detail["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            loc = (*loc, "kind")
        question_id = None
        index = loc[1] if len(loc) > 3 and loc[0] == "questions" else None
        if isinstance(index, int) and index in named_scales and loc[3] == "scale":
            # A mistake in a shared scale is reported once, where the scale is defined.
            loc = ("scales", named_scales[index], *loc[4:])
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            questions = data.get("questions") or []
            entry = questions[loc[1]] if loc[1] < len(questions) else None
            question_id = str(entry.get("id")) if isinstance(entry, dict) else None
        problem = InstrumentProblem(
            source, _line(root, loc), question_id, _message(detail, loc, question_id)
        )
        if problem not in problems:
            problems.append(problem)
    return problems


def _message(detail: Any, loc: tuple[int | str, ...], question_id: str | None) -> str:
    fields = [str(p) for p in loc]
    if len(fields) >= 2 and fields[0] == "questions":
        # Drop "questions", the index and the union's tag (the question's kind).
        fields = fields[3:] if len(loc) > 2 and loc[2] in _KINDS.split(", ") else fields[2:]
    if detail["type"] not in {"missing", "extra_forbidden"} and fields[-1:] in (
        ["kind"],
        ["ask_if"],
        ["id"],
    ):
        fields = fields[:-1]
    path = ".".join(fields)
    error_type = detail["type"]
    if error_type == "missing":
        return f"{path!r} is required"
    if error_type == "extra_forbidden":
        name = fields[-1] if fields else path
        return f"unknown field {name!r}{_did_you_mean(name)}"
    if error_type == "union_tag_invalid":
        return f"kind {detail['input'].get('kind')!r} is not one of: {_KINDS}"
    if error_type == "too_short":
        least = (detail.get("ctx") or {}).get("min_length", 1)
        return f"{path or 'this'} needs at least {least} {'entry' if least == 1 else 'entries'}"
    if error_type == "union_tag_not_found":
        return f"'kind' is required, one of: {_KINDS}"
    message = str(detail["msg"]).removeprefix("Value error, ")
    return f"{path}: {message}" if path else message


def _did_you_mean(name: str) -> str:
    known = [
        "id", "text", "kind", "options", "other", "other_label", "scale", "statements",
        "items", "minimum", "maximum", "integer", "unit", "required", "help", "routing",
        "ask_if", "max_choices", "long", "labels", "neutral", "off_scale", "code", "label",
        "version", "title", "audience", "description", "source", "questions", "answers",
    ]  # fmt: skip
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _line(root: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the YAML node at `loc`, or of the nearest node above it."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                continue
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
    return int(node.start_mark.line) + 1
