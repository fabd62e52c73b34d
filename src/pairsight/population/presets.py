"""Attachment-distribution presets: versioned YAML files, each figure with its source.

Shares are read as exact fractions ("0.575", "221/380"), never floats, so that a figure
that is exactly a half stays a half when it is rounded for publication.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pairsight.core.document import Source

PRESET_FOLDER = "presets"
SCENARIO_NAMES = ("low", "central", "high")


class PresetError(ValueError):
    """A preset or split file that cannot be used; the message names the file and line."""


class AttachmentClass(enum.StrEnum):
    SECURE = "secure"
    INSECURE = "insecure"
    DISORGANISED = "disorganised"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Convention(enum.StrEnum):
    """How a count of children under two is read when it is reported."""

    POINT_IN_TIME = "point-in-time"
    # Birmingham 2022 applied shares to its under-two count and called the results
    # "families per year"; presets that reproduce it keep that wording.
    PER_YEAR_AS_PUBLISHED = "per-year-as-published"


@dataclass(frozen=True)
class Distribution:
    secure: Fraction
    insecure: Fraction
    disorganised: Fraction

    def share(self, attachment_class: AttachmentClass) -> Fraction:
        return {
            AttachmentClass.SECURE: self.secure,
            AttachmentClass.INSECURE: self.insecure,
            AttachmentClass.DISORGANISED: self.disorganised,
        }[attachment_class]


@dataclass(frozen=True)
class Preset:
    name: str
    version: int
    title: str
    description: str
    source: Source
    convention: Convention
    scenarios: dict[str, Distribution]
    published: Distribution | None = None
    path: str = field(default="", compare=False)

    @property
    def central(self) -> Distribution:
        return self.scenarios["central"]

    @property
    def has_range(self) -> bool:
        return len({d for d in self.scenarios.values()}) > 1

    def share_range(self, attachment_class: AttachmentClass) -> tuple[Fraction, Fraction]:
        shares = [d.share(attachment_class) for d in self.scenarios.values()]
        return min(shares), max(shares)


def parse_share(text: object, where: str) -> Fraction:
    """Read a share written as a decimal ("0.575") or a fraction ("20/30")."""
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise PresetError(f"{where}: a share must be a number such as 0.2 or 20/30, not {text!r}")
    # YAML floats are re-read from their decimal text so 0.1 stays exactly one tenth.
    raw = repr(text) if isinstance(text, float) else str(text)
    try:
        value = Fraction(raw.strip())
    except (ValueError, ZeroDivisionError):
        raise PresetError(f"{where}: {raw!r} is not a share; write it as 0.2 or 20/30") from None
    if not 0 <= value <= 1:
        raise PresetError(f"{where}: the share {raw} must be between 0 and 1")
    return value


class YamlDocument:
    """A parsed YAML file that can say on which line each key stands."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            self.content = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f", line {mark.line + 1}" if mark is not None else ""
            problem = getattr(error, "problem", None) or "it is not valid YAML"
            raise PresetError(f"{path}{line}: {problem}") from None
        if not isinstance(self.content, dict):
            raise PresetError(f"{path}: expected a mapping of settings at the top level")
        self._node = node

    def where(self, *keys: str) -> str:
        """'file, line N' for the deepest of the keys that can be found."""
        node = self._node
        line = None
        for key in keys:
            if not isinstance(node, yaml.MappingNode):
                break
            for key_node, value_node in node.value:
                if key_node.value == key:
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                break
        return f"{self.path}, line {line}" if line else self.path

    def require(self, *keys: str) -> Any:
        value: Any = self.content
        for depth, key in enumerate(keys):
            if not isinstance(value, dict) or key not in value:
                parent = ".".join(keys[:depth]) or "the top level"
                raise PresetError(f"{self.where(*keys[:depth])}: '{key}' is missing from {parent}")
            value = value[key]
        return value


def read_distribution(doc: YamlDocument, *keys: str, must_add_up: bool = True) -> Distribution:
    mapping = doc.require(*keys)
    where = doc.where(*keys)
    if not isinstance(mapping, dict):
        raise PresetError(f"{where}: expected secure, insecure and disorganised shares")
    unknown = set(mapping) - {c.value for c in AttachmentClass}
    if unknown:
        raise PresetError(f"{where}: unknown attachment class {sorted(unknown)[0]!r}")
    shares = {
        c: parse_share(doc.require(*keys, c.value), doc.where(*keys, c.value))
        for c in AttachmentClass
    }
    total = sum(shares.values(), Fraction(0))
    if must_add_up and total != 1:
        raise PresetError(
            f"{where}: the shares of '{keys[-1]}' add up to {float(total):.4g}, not 1"
        )
    return Distribution(
        shares[AttachmentClass.SECURE],
        shares[AttachmentClass.INSECURE],
        shares[AttachmentClass.DISORGANISED],
    )


def read_source(doc: YamlDocument) -> Source:
    source = doc.require("source")
    if not isinstance(source, dict) or not str(source.get("citation", "")).strip():
        raise PresetError(f"{doc.where('source')}: every preset needs source.citation")
    return Source(
        citation=str(source["citation"]),
        note=str(source.get("note", "")),
        local_assumption=bool(source.get("local_assumption", False)),
    )


def parse_preset(text: str, path: str) -> Preset:
    doc = YamlDocument(text, path)
    scenarios_raw = doc.require("scenarios")
    if not isinstance(scenarios_raw, dict) or "central" not in scenarios_raw:
        raise PresetError(f"{doc.where('scenarios')}: a preset needs a 'central' scenario")
    for name in scenarios_raw:
        if name not in SCENARIO_NAMES:
            raise PresetError(
                f"{doc.where('scenarios', name)}: scenario {name!r} must be low, central or high"
            )
    convention_text = str(doc.content.get("convention", Convention.POINT_IN_TIME.value))
    try:
        convention = Convention(convention_text)
    except ValueError:
        raise PresetError(
            f"{doc.where('convention')}: convention must be "
            f"{' or '.join(c.value for c in Convention)}"
        ) from None
    version = doc.require("version")
    if not isinstance(version, int) or version < 1:
        raise PresetError(f"{doc.where('version')}: version must be a whole number from 1")
    return Preset(
        name=str(doc.require("name")),
        version=version,
        title=str(doc.require("title")),
        description=" ".join(str(doc.content.get("description", "")).split()),
        source=read_source(doc),
        convention=convention,
        scenarios={name: read_distribution(doc, "scenarios", name) for name in scenarios_raw},
        # Published figures are kept as printed, even where they do not add up to one.
        published=(
            read_distribution(doc, "published", must_add_up=False)
            if "published" in doc.content
            else None
        ),
        path=path,
    )


def _shipped() -> dict[str, Path]:
    folder = resources.files("pairsight.population") / PRESET_FOLDER
    return {
        Path(str(entry)).stem: Path(str(entry))
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml") and not entry.name.startswith("split-")
    }


def preset_names() -> list[str]:
    return sorted(_shipped())


def load_preset(name_or_path: str | Path) -> Preset:
    """A shipped preset by name (`high-adversity`) or any preset file by its path."""
    shipped = _shipped()
    if isinstance(name_or_path, str) and name_or_path in shipped:
        path = shipped[name_or_path]
    else:
        path = Path(name_or_path)
        if not path.suffix:
            raise PresetError(
                f"unknown preset {str(name_or_path)!r}; choose one of {', '.join(sorted(shipped))}"
            )
        if not path.is_file():
            raise PresetError(f"{path}: no such preset file")
    return _parsed_preset(str(path), path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _parsed_preset(path: str, text: str) -> Preset:
    # Presets are immutable, and the web page, --all-areas and projections ask for the same
    # ones again and again. Keyed on the text, so an edited file is parsed afresh.
    return parse_preset(text, path)


def list_presets() -> list[Preset]:
    return [load_preset(name) for name in preset_names()]
