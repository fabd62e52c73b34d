"""How the population page's inputs become the need model's (pure: no Django).

The pathway split is edited as parts of each attachment class, the way the Birmingham 2022
assessment describes it (insecure 20 + 8 + 2, disorganised 13 + 7); presets are summarised
for choosing between them; and the source a person gives for the number of children is
only credited to that number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pairsight.population.figures import percent
from pairsight.population.presets import AttachmentClass, Preset, list_presets
from pairsight.population.split import Pathway, PathwaySplit, edited_split, load_split

USER_ENTERED = "entered by the user"


def presets() -> tuple[Preset, ...]:
    # Parsing is cached by the presets module on each file's text (an edited file is read
    # afresh), so no second cache here.
    return tuple(list_presets())


def preset_summary(preset: Preset) -> str:
    """For example "Secure 55–60%, insecure 25–30%, disorganised 15%"."""
    parts = []
    for attachment_class in AttachmentClass:
        low, high = preset.share_range(attachment_class)
        share = percent(low) if low == high else f"{percent(low)[:-1]}–{percent(high)}"
        parts.append(f"{attachment_class.value} {share}")
    return (", ".join(parts)).capitalize()


SPLIT_FIELDS: dict[str, tuple[AttachmentClass, Pathway]] = {
    "insecure_unlikely_to_access": (AttachmentClass.INSECURE, Pathway.INSECURE_UNLIKELY_TO_ACCESS),
    "insecure_targeted": (AttachmentClass.INSECURE, Pathway.TARGETED),
    "insecure_shorter_term_pair": (AttachmentClass.INSECURE, Pathway.SHORTER_TERM_PAIR),
    "disorganised_social_care": (AttachmentClass.DISORGANISED, Pathway.DISORGANISED_SOCIAL_CARE),
    "disorganised_longer_term_pair": (AttachmentClass.DISORGANISED, Pathway.LONGER_TERM_PAIR),
}
DEFAULT_PARTS = {
    "insecure_unlikely_to_access": 20,
    "insecure_targeted": 8,
    "insecure_shorter_term_pair": 2,
    "disorganised_social_care": 13,
    "disorganised_longer_term_pair": 7,
}


def part_names(attachment_class: AttachmentClass) -> list[str]:
    return [name for name, (c, _) in SPLIT_FIELDS.items() if c is attachment_class]


def split_from_parts(parts: Mapping[str, Decimal | int]) -> PathwaySplit:
    """The published split when the parts are Birmingham's; otherwise a labelled local edit."""
    base = load_split()
    if all(Decimal(DEFAULT_PARTS[n]) == Decimal(parts[n]) for n in SPLIT_FIELDS):
        return base
    changes: dict[AttachmentClass, dict[Pathway, Fraction]] = {}
    for attachment_class in (AttachmentClass.INSECURE, AttachmentClass.DISORGANISED):
        names = part_names(attachment_class)
        total = sum((Fraction(parts[n]) for n in names), Fraction(0))
        changes[attachment_class] = {
            SPLIT_FIELDS[n][1]: Fraction(parts[n]) / total for n in names if parts[n]
        }
    return edited_split(base, changes)


@dataclass(frozen=True)
class ChildrenSource:
    """Where the number of children comes from, and which number that source was given for.

    A source is credited only to the number it was given with: when someone changes the
    number but not its source, the source no longer describes it.
    """

    text: str
    given_for: int | None

    def applies_to(self, children: int) -> bool:
        return not self.text or self.given_for in (None, children)

    def for_model(self, children: int) -> str:
        """The text the model's provenance shows for this number of children."""
        if not self.text:
            return USER_ENTERED
        if self.applies_to(children):
            return self.text
        return f"{USER_ENTERED}; the source given, {self.text}, was for {self.given_for:,}"


def children_source(
    *, text: str, children: int, previous_text: str, previous_for: int | None
) -> ChildrenSource:
    """The source as it stands after an edit of the form.

    A new or changed source text is taken to be for the number entered with it; an
    unchanged text stays tied to the number it was first given for.
    """
    text = text.strip()
    if not text:
        return ChildrenSource("", None)
    if text != previous_text.strip() or previous_for is None:
        return ChildrenSource(text, children)
    return ChildrenSource(text, previous_for)
