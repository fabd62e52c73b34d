"""Where the population page's typed figures come from, kept with their values (pure).

The page keeps, in hidden fields beside each figure that can have a source (the number of
children, the families existing services see), the source text, the value it was given
for, whether it is official, and whether the page showed it. `settle` works out, for the
inputs of one edit, where each source now belongs, and does any rescaling asked for.
"""

from __future__ import annotations

from collections.abc import Mapping

from pairsight.population.page_inputs import (
    GivenSource,
    decimal_text,
    given_source,
    parse_count,
    rescaled_parts,
)
from pairsight.population.presets import AttachmentClass

CAPACITY_PREFIX = "capacity"
MAX_CAPACITY_ROWS = 20


def stored_source(data: Mapping[str, object], prefix: str) -> GivenSource:
    """The source as `settle` left it in the form's data."""
    given_for = parse_count(str(data.get(f"{prefix}_for", "")))
    return GivenSource(
        str(data.get(f"{prefix}_text", "")).strip(),
        given_for,
        data.get(f"{prefix}_official") == "1",
    )


#: (visible field, hidden prefix) of each figure whose source the page keeps with its value.
SOURCE_FIELDS = (
    ("children_source", "source"),
    ("capacity_source", "capacity_source"),
    # No field shows this source: it is said in the estimate's provenance.
    ("deprived_source", "deprived_source"),
)


def _capacity_total(data: Mapping[str, str]) -> int | None:
    total = 0
    rows = parse_count(str(data.get(f"{CAPACITY_PREFIX}-TOTAL_FORMS", "0"))) or 0
    for row in range(min(rows, MAX_CAPACITY_ROWS)):
        text = str(data.get(f"{CAPACITY_PREFIX}-{row}-families_per_year", "")).strip()
        if not text:
            continue
        value = parse_count(text)
        if value is None:
            return None
        total += value
    return total


def settle(data: Mapping[str, str]) -> dict[str, str]:
    """The inputs that change for each source to sit where it belongs: beside the value it
    was given with, or waiting (hidden) while another value is entered; and the parts of a
    class rescaled when that was asked for."""
    copy: dict[str, str] = {}
    values = {
        "source": parse_count(str(data.get("children", ""))),
        "capacity_source": _capacity_total(data),
        "deprived_source": parse_count(str(data.get("deprived_children", ""))),
    }
    for visible, prefix in SOURCE_FIELDS:
        value = values[prefix]
        if value is None:
            continue
        shown = data.get(f"{prefix}_shown")
        source = given_source(
            text=str(data.get(visible, "")),
            value=value,
            previous_text=str(data.get(f"{prefix}_text", "")),
            previous_for=parse_count(str(data.get(f"{prefix}_for", ""))),
            previous_official=data.get(f"{prefix}_official") == "1",
            shown=None if shown is None else shown == "1",
        )
        copy[visible] = source.shown_text(value)
        copy[f"{prefix}_text"] = source.text
        copy[f"{prefix}_for"] = "" if source.given_for is None else str(source.given_for)
        copy[f"{prefix}_official"] = "1" if source.official else ""
        copy[f"{prefix}_shown"] = "1" if source.applies_to(value) else ""
    rescale = data.get("rescale")
    if rescale in {c.value for c in (AttachmentClass.INSECURE, AttachmentClass.DISORGANISED)}:
        for name, part in rescaled_parts(data, AttachmentClass(rescale)).items():
            copy[name] = decimal_text(part)
    return copy
