"""How a question's answer options line up with the groups of a population table.

Survey options and census categories rarely match one to one. A mapping (YAML, editable)
sends each option to one population category, or to `~` to leave it out; at the `high`
level, categories are gathered into their high-level group (the text before the first
": ", as Census 2021 names them: "White: Irish" belongs to "White").
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

from pairsight.surveys.answer_text import normalise

Level = Literal["high", "detailed"]
SHIPPED = {"parents": "parents-ethnicity-ts021.yaml"}
_PACKAGE = "pairsight.surveys.analysis"
_FOLDER = "population_maps"


class PopulationMapError(ValueError):
    """A mapping that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class CategoryMap:
    question_id: str
    table: str
    level: Level
    #: Answer option -> population category (None: left out of the comparison).
    options: dict[str, str | None]
    source: str

    def knows(self, option: str) -> bool:
        return normalise(option) in self._normalised

    def group_of(self, option: str) -> str | None:
        category = self._normalised.get(normalise(option))
        if category is None:
            return None
        return category.split(": ", 1)[0] if self.level == "high" else category

    @property
    def _normalised(self) -> dict[str, str | None]:
        return {normalise(k): v for k, v in self.options.items()}

    def at_level(self, level: Level) -> CategoryMap:
        return CategoryMap(self.question_id, self.table, level, self.options, self.source)

    def to_yaml(self) -> str:
        body = {
            "question": self.question_id,
            "table": self.table,
            "level": self.level,
            "options": self.options,
        }
        return yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


def parse_map(text: str, source: str = "mapping") -> CategoryMap:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise PopulationMapError(f"{source}{line}: this is not valid YAML.") from None
    if not isinstance(data, dict):
        raise PopulationMapError(f"{source}: expected 'question', 'level' and 'options'.")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise PopulationMapError(f"{source}: 'question' must name the question's id.")
    level = data.get("level", "high")
    if level not in ("high", "detailed"):
        raise PopulationMapError(f"{source}: 'level' must be high or detailed, not {level!r}.")
    options = data.get("options")
    if not isinstance(options, dict) or not options:
        raise PopulationMapError(f"{source}: 'options' must list each answer option.")
    checked: dict[str, str | None] = {}
    for option, category in options.items():
        if category is not None and not isinstance(category, str):
            raise PopulationMapError(
                f"{source}, option {option!r}: map it to a category name or to ~, not {category!r}."
            )
        checked[str(option)] = category.strip() if isinstance(category, str) else None
    return CategoryMap(question.strip(), str(data.get("table", "")), level, checked, source)


def shipped_map_text(template: str) -> str | None:
    """The mapping file that comes with a shipped questionnaire (by its id), comments kept."""
    name = SHIPPED.get(template)
    if name is None:
        return None
    return (resources.files(_PACKAGE) / _FOLDER / name).read_text(encoding="utf-8")


def shipped_map(template: str) -> CategoryMap | None:
    text = shipped_map_text(template)
    return None if text is None else parse_map(text, source=SHIPPED[template])
