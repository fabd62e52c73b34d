"""The pathway split: for each attachment class, the share of it that goes to each pathway.

Written per class rather than per child so that one split applies to any attachment
distribution (standard, high adversity, or a deprivation-weighted blend).
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path

from pairsight.core.document import Source
from pairsight.population.presets import (
    AttachmentClass,
    PresetError,
    YamlDocument,
    parse_share,
    read_source,
)

DEFAULT_SPLIT = "birmingham-2022"


class Pathway(enum.StrEnum):
    UNIVERSAL = "universal"
    INSECURE_UNLIKELY_TO_ACCESS = "insecure_unlikely_to_access"
    DISORGANISED_SOCIAL_CARE = "disorganised_social_care"
    TARGETED = "targeted"
    SHORTER_TERM_PAIR = "shorter_term_pair"
    LONGER_TERM_PAIR = "longer_term_pair"

    @property
    def label(self) -> str:
        return PATHWAY_LABELS[self]

    @property
    def is_specialised(self) -> bool:
        return self in (Pathway.SHORTER_TERM_PAIR, Pathway.LONGER_TERM_PAIR)


PATHWAY_LABELS = {
    Pathway.UNIVERSAL: "Universal support only",
    Pathway.INSECURE_UNLIKELY_TO_ACCESS: "Insecure, unlikely to access services before age two",
    Pathway.DISORGANISED_SOCIAL_CARE: "Disorganised, needing risk support through social care",
    Pathway.TARGETED: "Targeted services",
    Pathway.SHORTER_TERM_PAIR: "Shorter-term PAIR work",
    Pathway.LONGER_TERM_PAIR: "Longer-term PAIR work",
}


@dataclass(frozen=True)
class PathwaySplit:
    name: str
    title: str
    source: Source
    # shares[attachment_class][pathway]; each class's shares add up to one.
    shares: dict[AttachmentClass, dict[Pathway, Fraction]]
    version: int = 1
    path: str = field(default="", compare=False)

    def share_of_class(self, attachment_class: AttachmentClass, pathway: Pathway) -> Fraction:
        return self.shares[attachment_class].get(pathway, Fraction(0))

    def classes_feeding(self, pathway: Pathway) -> list[AttachmentClass]:
        return [c for c in AttachmentClass if self.share_of_class(c, pathway)]


def validate_shares(
    shares: dict[AttachmentClass, dict[Pathway, Fraction]], where: str = "pathway split"
) -> None:
    for attachment_class in AttachmentClass:
        row = shares.get(attachment_class)
        if not row:
            raise PresetError(f"{where}: no pathways are given for {attachment_class.value}")
        total = sum(row.values(), Fraction(0))
        if total != 1:
            raise PresetError(
                f"{where}: the {attachment_class.value} shares add up to {float(total):.4g}, not 1"
            )


def parse_split(text: str, path: str) -> PathwaySplit:
    doc = YamlDocument(text, path)
    raw = doc.require("split")
    if not isinstance(raw, dict):
        raise PresetError(f"{doc.where('split')}: expected one mapping per attachment class")
    shares: dict[AttachmentClass, dict[Pathway, Fraction]] = {}
    for class_name, row in raw.items():
        try:
            attachment_class = AttachmentClass(class_name)
        except ValueError:
            raise PresetError(
                f"{doc.where('split', class_name)}: unknown attachment class {class_name!r}"
            ) from None
        if not isinstance(row, dict):
            raise PresetError(f"{doc.where('split', class_name)}: expected pathway: share pairs")
        shares[attachment_class] = {}
        for pathway_name, share in row.items():
            where = doc.where("split", class_name, pathway_name)
            try:
                pathway = Pathway(pathway_name)
            except ValueError:
                choices = ", ".join(p.value for p in Pathway)
                raise PresetError(
                    f"{where}: unknown pathway {pathway_name!r}; choose from {choices}"
                ) from None
            shares[attachment_class][pathway] = parse_share(share, where)
        total = sum(shares[attachment_class].values(), Fraction(0))
        if total != 1:
            raise PresetError(
                f"{doc.where('split', class_name)}: the {class_name} shares add up to "
                f"{float(total):.4g}, not 1"
            )
    validate_shares(shares, path)
    return PathwaySplit(
        name=str(doc.require("name")),
        title=str(doc.require("title")),
        source=read_source(doc),
        shares=shares,
        version=int(doc.content.get("version", 1)),
        path=path,
    )


def load_split(name_or_path: str | Path = DEFAULT_SPLIT) -> PathwaySplit:
    """A shipped split by name (`birmingham-2022`) or a split file by its path."""
    folder = resources.files("pairsight.population") / "presets"
    shipped = folder / f"split-{name_or_path}.yaml"
    if isinstance(name_or_path, str) and shipped.is_file():
        path = Path(str(shipped))
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise PresetError(f"{path}: no such pathway split file")
    return _parsed_split(str(path), path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _parsed_split(path: str, text: str) -> PathwaySplit:
    # Splits are immutable and read on every estimate by default; see presets._parsed_preset.
    return parse_split(text, path)


def edited_split(
    base: PathwaySplit, changes: dict[AttachmentClass, dict[Pathway, Fraction]]
) -> PathwaySplit:
    """The base split with some classes' rows replaced: a local edit, labelled as such."""
    shares = {c: dict(base.shares[c]) for c in AttachmentClass}
    shares.update({c: dict(row) for c, row in changes.items()})
    validate_shares(shares, "edited pathway split")
    return PathwaySplit(
        name=f"{base.name}-edited",
        title=f"{base.title} (edited locally)",
        source=Source(
            citation=f"Local edit of: {base.source.citation}",
            note="Edited by the user for this assessment.",
            local_assumption=True,
        ),
        shares=shares,
        version=base.version,
    )
