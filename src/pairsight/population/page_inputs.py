"""How the population page's inputs become the need model's (pure: no Django).

The pathway split is edited as parts of each attachment class, the way the Birmingham 2022
assessment describes it (insecure 20 + 8 + 2, disorganised 13 + 7); presets are summarised
for choosing between them; and the source a person gives for the number of children is
only credited to that value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pairsight.population.deprivation import DeprivationInputs
from pairsight.population.estimate import Capacity, PopulationInputs, Reading
from pairsight.population.figures import percent
from pairsight.population.presets import AttachmentClass, Preset, list_presets, load_preset
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


PART_LABELS = {
    "insecure_unlikely_to_access": "unlikely to access services before two",
    "insecure_targeted": "targeted services",
    "insecure_shorter_term_pair": "shorter-term PAIR work",
    "disorganised_social_care": "risk support through social care",
    "disorganised_longer_term_pair": "longer-term PAIR work",
}


def usual_total(attachment_class: AttachmentClass) -> int:
    """What Birmingham's parts of a class add up to (insecure 30, disorganised 20)."""
    return sum(DEFAULT_PARTS[n] for n in part_names(attachment_class))


def _parts(values: Mapping[str, object], names: list[str]) -> list[Decimal] | None:
    try:
        parts = [Decimal(str(values[n]).replace(",", "")) for n in names]
    except (KeyError, ArithmeticError, ValueError):
        return None
    return parts if all(p >= 0 for p in parts) and sum(parts) > 0 else None


def parts_note(values: Mapping[str, object], attachment_class: AttachmentClass) -> str:
    """Said at the fields when a class's parts do not add up to the usual total, since each
    pathway then takes its parts out of a different total than the numbers suggest."""
    names = part_names(attachment_class)
    parts = _parts(values, names)
    usual = usual_total(attachment_class)
    if parts is None or sum(parts) == usual:
        return ""
    total = sum(parts)
    shares = "; ".join(
        f"{PART_LABELS[n]} {decimal_text(p)} of {decimal_text(total)} "
        f"({percent(Fraction(p) / Fraction(total))})"
        for n, p in zip(names, parts, strict=True)
    )
    return (
        f"These {attachment_class.value} parts add up to {decimal_text(total)}, not {usual}, "
        f"so each pathway takes its share of {attachment_class.value} children out of "
        f"{decimal_text(total)}: {shares}."
    )


def rescaled_parts(
    values: Mapping[str, object], attachment_class: AttachmentClass
) -> dict[str, Decimal]:
    """The class's parts scaled to add up to the usual total, keeping their proportions
    (to 3 decimal places; the last part takes the rounding so the total is exact)."""
    names = part_names(attachment_class)
    parts = _parts(values, names)
    if parts is None:
        return {}
    usual = Decimal(usual_total(attachment_class))
    total = sum(parts)
    scaled = [(p * usual / total).quantize(Decimal("0.001")) for p in parts]
    scaled[-1] = usual - sum(scaled[:-1])
    return dict(zip(names, scaled, strict=True))


def decimal_text(value: Decimal | int) -> str:
    """2, 2.5 or 16.216: no exponent and no trailing zeros."""
    return f"{Decimal(value).normalize():f}"


@dataclass(frozen=True)
class GivenSource:
    """Where a figure comes from, and the value that source was given with.

    A source belongs to the value it was given with: when someone types another value,
    the figure is theirs ("entered by" them) and the source waits, hidden, in case the
    original value comes back. `official` marks figures taken from the official files
    PAIRsight holds, with one click, rather than typed.
    """

    text: str
    given_for: int | None
    official: bool = False

    def applies_to(self, value: int | None) -> bool:
        return bool(self.text) and value is not None and self.given_for == value

    def for_model(self, value: int | None, entered_by: str = "") -> str:
        """The text the model's provenance shows for this value."""
        if self.applies_to(value):
            return self.text
        return entered_by_text(entered_by)

    def shown_text(self, value: int | None) -> str:
        return self.text if self.applies_to(value) else ""


def entered_by_text(person: str) -> str:
    return f"entered by {person}" if person.strip() else USER_ENTERED


def given_source(
    *,
    text: str,
    value: int | None,
    previous_text: str,
    previous_for: int | None,
    previous_official: bool = False,
    shown: bool | None = None,
) -> GivenSource:
    """The source as it stands after an edit of the form.

    `shown` says whether the page showed the source text beside the value before this edit
    (None for inputs saved before the page said so: then a filled field was shown). A new
    or changed text is for the value entered with it; an unchanged text stays with the
    value it was first given for; a field emptied by the person drops the source, while a
    field the page left empty (the value had changed) keeps it waiting.
    """
    text = text.strip()
    previous_text = previous_text.strip()
    if shown is None:
        shown = bool(text)
    if text:
        if shown and text == previous_text and previous_for is not None:
            return GivenSource(previous_text, previous_for, previous_official)
        return GivenSource(text, value, False)
    if shown or not previous_text or previous_for is None:
        return GivenSource("", None)
    return GivenSource(previous_text, previous_for, previous_official)


def parse_count(text: str) -> int | None:
    """A whole number as people type it: "30672", "30,672" or "30 672"; None otherwise."""
    cleaned = re.sub(r"[,\s\u00a0\u202f]", "", text)
    return int(cleaned) if cleaned.isdigit() else None


#: The two ways of estimating need the page offers.
METHOD_PRESET = "preset"
METHOD_DEPRIVATION = "deprivation"


def model_inputs(
    values: Mapping[str, object],
    capacity: Sequence[Capacity],
    *,
    children_source: str,
    capacity_source: str,
    deprived_source: str = "",
    area_name: str = "",
    area_code: str = "",
) -> PopulationInputs:
    """The need model's inputs from the page's checked values (a form's cleaned data).

    Raises the model's InputError or PresetError, naming the field, when it refuses them.
    """
    reading = Reading(str(values["reading"]))
    children = int(str(values["children"]))
    deprivation = None
    if values["method"] == METHOD_DEPRIVATION:
        deprived = int(str(values["deprived_children"]))
        deprivation = DeprivationInputs(
            populations=(deprived, children - deprived),
            deciles=(1, 10),
            population_label="births" if reading is Reading.BIRTHS else "children under two",
            source=deprived_source,
            standard=load_preset("standard"),
            high_adversity=load_preset("high-adversity"),
        )
    caseload = values.get("caseload_per_wte")
    parts = {k: v for k, v in values.items() if k in SPLIT_FIELDS and isinstance(v, Decimal | int)}
    return PopulationInputs(
        children=children,
        preset=load_preset(str(values.get("preset") or "standard")),
        reading=reading,
        split=split_from_parts(parts),
        capacity=tuple(capacity),
        caseload_per_wte=Fraction(str(caseload)) if caseload is not None else None,
        deprivation=deprivation,
        area_name=area_name,
        area_code=area_code,
        children_source=children_source,
        capacity_source=capacity_source,
    )
